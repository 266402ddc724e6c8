import { parseScenario } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { createTranslator } from '../i18n/i18n.js';
import {
  completeParticipants,
  defaultSetup,
  flowNumbers,
  parseDigits,
  sampleNumbers,
  scenarioOf,
  wallClock,
} from './call-setup.js';
import { describeEvent } from './describe-call.js';

describe('flowNumbers', () => {
  it('finds the outside numbers the nodes call, named after the agent who owns them', () => {
    expect(flowNumbers(exampleFlow('onoff-greeting'))).toEqual([
      { number: '+33639980100', label: 'Marc Delmas (gérant, astreinte)' },
    ]);
  });

  it('names a number no agent owns after its node', () => {
    const numbers = flowNumbers(exampleFlow('goto-dial-plan'));
    expect(numbers.length).toBeGreaterThan(0);
    for (const { number, label } of numbers) {
      expect(number).toMatch(/^\+\d+$/);
      expect(label).not.toBe('');
    }
  });
});

describe('a new setup', () => {
  it('is a valid scenario as it stands, everyone available, in the flow’s country', () => {
    const flow = exampleFlow('ringover-standard');
    expect(sampleNumbers(flow).from).toMatch(/^\+33/);
    const setup = completeParticipants(defaultSetup(flow), flow);
    expect(Object.keys(setup.agents)).toEqual(flow.agents.map((a) => a.id));
    const scenario = scenarioOf(setup, '2026-11-24T10:30:00+01:00');
    expect(parseScenario(scenario).ok).toBe(true);
    expect(scenario.agents?.['claire']).toEqual({ status: 'available', answerAfterSeconds: 5 });
  });

  it('uses fictional numbers of the flow’s country when it knows it', () => {
    expect(sampleNumbers({ ...exampleFlow('onoff-greeting'), locale: 'en-US' }).from).toMatch(/^\+1/);
    expect(sampleNumbers({ ...exampleFlow('onoff-greeting'), locale: 'de-DE' }).from).toMatch(/^\+33/);
  });
});

describe('parseDigits', () => {
  it('reads one entry per step, "-" for nothing typed', () => {
    expect(parseDigits('')).toEqual([]);
    expect(parseDigits(' 12  - # ')).toEqual(['12', null, '#']);
  });
});

describe('wallClock', () => {
  it('reads an instant on the clocks of a zone', () => {
    expect(wallClock(Date.UTC(2026, 6, 1, 7, 0), 'Europe/Paris')).toBe('2026-07-01T09:00');
    expect(wallClock(Date.UTC(2026, 11, 31, 23, 30), 'Europe/Paris')).toBe('2027-01-01T00:30');
  });
});

describe('describeEvent', () => {
  const flow = exampleFlow('onoff-greeting');

  it('names nodes, ports and agents in the designer’s language', () => {
    const fr = createTranslator('fr');
    expect(describeEvent({ at: '', type: 'node.exited', node: 'horaires', port: 'closed' }, flow, fr)).toBe(
      'Sort de « Horaires ouvrés ? » par « Fermé »',
    );
    expect(
      describeEvent(
        { at: '', type: 'leg.status', node: 'boucle-appel', agent: 'hugo', status: 'SNOOZE' },
        flow,
        fr,
      ),
    ).toBe('Hugo Mercier : Ignoré : ne pas déranger');
    expect(describeEvent({ at: '', type: 'call.started', from: null, to: '+33100000000' }, flow, fr)).toBe(
      'Appel de numéro masqué vers +33100000000',
    );
  });

  it('shows an event it does not know as it is', () => {
    const en = createTranslator('en');
    expect(describeEvent({ at: '', type: 'queue.joined', node: 'accueil', position: 2 }, flow, en)).toBe(
      'queue.joined Message d’accueil {"position":2}',
    );
  });
});
