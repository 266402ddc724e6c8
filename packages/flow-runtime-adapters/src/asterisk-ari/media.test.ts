import { describe, expect, it } from 'vitest';
import { defaultEndpointFor, defaultMediaForFile, deviceOfEndpoint, safeNamePart } from './media.js';

describe('media URIs of file sounds', () => {
  it('plays a path as an Asterisk sound, without its extension', () => {
    expect(defaultMediaForFile('hello-world.gsm')).toBe('sound:hello-world');
    expect(defaultMediaForFile('sounds/soft-piano.mp3')).toBe('sound:sounds/soft-piano');
    expect(defaultMediaForFile('prompts/fr/accueil.sln16')).toBe('sound:prompts/fr/accueil');
  });

  it('passes media URIs through, and plays URLs through the media cache', () => {
    expect(defaultMediaForFile('recording:ringflow/voicemail/sales/greeting')).toBe(
      'recording:ringflow/voicemail/sales/greeting',
    );
    expect(defaultMediaForFile('tone:ring')).toBe('tone:ring');
    expect(defaultMediaForFile('https://cdn.example/hold.wav')).toBe('sound:https://cdn.example/hold.wav');
  });
});

describe('dial strings and devices', () => {
  it('dials agents as PJSIP endpoints and numbers through the trunk template', () => {
    expect(defaultEndpointFor({ kind: 'agent', agent: 'alice' })).toBe('PJSIP/alice');
    expect(defaultEndpointFor({ kind: 'number', number: '+33612345678' })).toBe('PJSIP/+33612345678@trunk');
    expect(
      defaultEndpointFor({ kind: 'number', number: '+33612345678' }, 'PJSIP/ovh/sip:{number}@sbc.example'),
    ).toBe('PJSIP/ovh/sip:+33612345678@sbc.example');
  });

  it("finds the device whose state is an endpoint's presence", () => {
    expect(deviceOfEndpoint('PJSIP/alice')).toBe('PJSIP/alice');
    expect(deviceOfEndpoint('PJSIP/alice/sip:alice@10.0.0.5')).toBe('PJSIP/alice');
    expect(deviceOfEndpoint('PJSIP/0612345678@trunk')).toBe('PJSIP/trunk');
    expect(deviceOfEndpoint('Local/answer-1@ringflow-agents')).toBe('Local/answer-1@ringflow-agents');
  });

  it('keeps recording names inside the recordings folder', () => {
    expect(safeNamePart('sales')).toBe('sales');
    expect(safeNamePart('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeNamePart('')).toBe('_');
    expect(safeNamePart('a/b c')).toBe('a_b_c');
  });
});
