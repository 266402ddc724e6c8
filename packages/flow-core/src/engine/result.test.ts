import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialSessionState } from './state.js';
import type { SessionState } from './state.js';
import { buildResult } from './result.js';
import { CALL_OUTCOMES, isCallOutcome } from './types.js';

describe('buildResult', () => {
  it('writes event times exactly as Date.toISOString does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 253_402_300_799_999 }), { minLength: 1, maxLength: 5 }),
        (times) => {
          const state = initialSessionState({ callId: 'c', from: null, to: '1', startedAt: times[0]! });
          state.events = times.map((t) => ({ at: t, type: 'x' }));
          state.ended = { at: times[times.length - 1]!, by: 'flow' };
          const result = buildResult(state);
          expect(result.events.slice(0, -1).map((e) => e.at)).toEqual(
            times.map((t) => new Date(t).toISOString()),
          );
          expect(result.startedAt).toBe(new Date(times[0]!).toISOString());
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('CALL_OUTCOMES', () => {
  it('holds every outcome buildResult gives, and isCallOutcome only those', () => {
    const given = new Set<string>();
    const ends: [Partial<SessionState>, 'flow' | 'rejected'][] = [
      [{ answeredBy: 'lea', answeredHow: 'agent' }, 'flow'],
      [{ answeredBy: 'lea', answeredHow: 'forward' }, 'flow'],
      [{ voicemail: { mailbox: 'm', seconds: 3 } }, 'flow'],
      [{}, 'rejected'],
      [{ missedReason: 'callerHungUp' }, 'flow'],
      [{ missedReason: 'closed' }, 'flow'],
      [{}, 'flow'],
    ];
    for (const [fields, by] of ends) {
      const state = initialSessionState({ callId: 'c', from: null, to: '1', startedAt: 0 });
      Object.assign(state, fields);
      state.ended = { at: 1000, by };
      given.add(buildResult(state).outcome);
    }
    expect([...given].sort()).toEqual([...CALL_OUTCOMES].sort());
    for (const outcome of CALL_OUTCOMES) expect(isCallOutcome(outcome)).toBe(true);
    for (const other of ['', 'Answered', 'busy', null, 3, undefined])
      expect(isCallOutcome(other)).toBe(false);
  });
});
