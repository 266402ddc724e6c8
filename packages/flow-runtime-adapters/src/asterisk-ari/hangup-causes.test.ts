import { describe, expect, it } from 'vitest';
import { DIAL_STATUS_FAILURES, HANGUP_CAUSE_FAILURES, legFailureOf } from './hangup-causes.js';

describe('how an unanswered leg failed', () => {
  it('reads the Q.850 causes of the table', () => {
    expect(legFailureOf({ cause: 17, rang: true })).toBe('busy');
    expect(legFailureOf({ cause: 18, rang: false })).toBe('noAnswer');
    expect(legFailureOf({ cause: 19, rang: true })).toBe('noAnswer');
    expect(legFailureOf({ cause: 21, rang: true })).toBe('rejected');
    for (const cause of [1, 3, 27, 34, 38]) expect(legFailureOf({ cause, rang: false })).toBe('unreachable');
  });

  it('reads a cause it does not know as unreachable', () => {
    expect(legFailureOf({ cause: 99, rang: true })).toBe('unreachable');
    expect(HANGUP_CAUSE_FAILURES[99]).toBeUndefined();
  });

  it('reads a normal clearing as declined after ringing, unreachable before', () => {
    expect(legFailureOf({ cause: 16, rang: true })).toBe('rejected');
    expect(legFailureOf({ cause: 16, rang: false })).toBe('unreachable');
    expect(legFailureOf({ rang: false })).toBe('unreachable');
  });

  it('maps the final dial statuses', () => {
    expect(DIAL_STATUS_FAILURES).toEqual({
      BUSY: 'busy',
      NOANSWER: 'noAnswer',
      CONGESTION: 'unreachable',
      CHANUNAVAIL: 'unreachable',
    });
  });
});
