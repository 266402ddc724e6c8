import { describe, expect, it } from 'vitest';
import { isValidId } from './flow-rules.js';
import { proposeId, sanitizeFileName } from './ids.js';

describe('ids proposed from names', () => {
  it('drops accents and punctuation, and starts with a letter', () => {
    expect(proposeId('Service après-vente', 'group', new Set())).toBe('service-apres-vente');
    expect(proposeId('  Ève  L’Hôte ', 'agent', new Set())).toBe('eve-l-hote');
    expect(proposeId('24/7 support', 'schedule', new Set())).toBe('schedule-24-7-support');
    expect(proposeId('???', 'sound', new Set())).toBe('sound');
  });

  it('is never taken, and always an id flow-core accepts', () => {
    expect(proposeId('Alice', 'agent', new Set(['alice', 'alice-2']))).toBe('alice-3');
    const long = proposeId('x'.repeat(200), 'agent', new Set());
    expect(long.length).toBeLessThanOrEqual(64);
    for (const name of ['Élodie', '123', '', 'a'.repeat(100), 'Z', '-_-']) {
      expect(isValidId(proposeId(name, 'agent', new Set()))).toBe(true);
    }
  });
});

describe('file names of uploaded sounds', () => {
  it('keeps letters, digits, dots, dashes and underscores', () => {
    expect(sanitizeFileName('Message d’accueil été.MP3')).toBe('message-d-accueil-ete.mp3');
    expect(sanitizeFileName('hold_music-2.wav')).toBe('hold_music-2.wav');
    expect(sanitizeFileName('../../etc/passwd.wav')).toBe('etc-passwd.wav');
    expect(sanitizeFileName('???')).toBe('sound');
  });
});
