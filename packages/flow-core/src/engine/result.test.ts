import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialSessionState } from './state.js';
import { buildResult } from './result.js';

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
