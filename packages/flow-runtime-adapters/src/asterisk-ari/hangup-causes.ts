import type { LegFailure } from '@ringflow/flow-core';

/*
 * How a leg that was never answered failed, from what Asterisk says about it. Two sources, in this
 * order of trust:
 *
 * 1. The Dial event's final `dialstatus` (BUSY, NOANSWER, CONGESTION, CHANUNAVAIL). Asterisk sends
 *    it the moment the far end answers the INVITE with a failure, while the channel itself may
 *    linger until the dial timeout (and then ends with cause 19, which would read as "no answer").
 * 2. The Q.850 hang-up cause of the leg's channel (ChannelHangupRequest, else ChannelDestroyed).
 *
 * A leg ringflow cancelled itself (cancelLegs) is never reported as failed.
 */

/** Q.850 hang-up cause → the engine's reason. Causes not listed read as `unreachable`. */
export const HANGUP_CAUSE_FAILURES: Readonly<Record<number, LegFailure>> = {
  1: 'unreachable', // unallocated (unassigned) number
  2: 'unreachable', // no route to specified transit network
  3: 'unreachable', // no route to destination
  17: 'busy', // user busy (SIP 486, 600)
  18: 'noAnswer', // no user responding (SIP 408, 480)
  19: 'noAnswer', // no answer from user, user alerted (ring timeout)
  20: 'unreachable', // subscriber absent
  21: 'rejected', // call rejected (SIP 603 Decline, 403)
  22: 'unreachable', // number changed
  27: 'unreachable', // destination out of order (SIP 502)
  28: 'unreachable', // invalid number format (SIP 484)
  34: 'unreachable', // no circuit/channel available (SIP 503)
  38: 'unreachable', // network out of order
  41: 'unreachable', // temporary failure
  42: 'unreachable', // switching equipment congestion
  47: 'unreachable', // resource unavailable
  58: 'unreachable', // bearer capability not available (SIP 488)
  102: 'unreachable', // recovery on timer expiry
  127: 'unreachable', // interworking, unspecified (SIP 500)
};

/** The final Dial `dialstatus` values that end a leg without an answer → the engine's reason. */
export const DIAL_STATUS_FAILURES: Readonly<Record<string, LegFailure>> = {
  BUSY: 'busy',
  NOANSWER: 'noAnswer',
  CONGESTION: 'unreachable',
  CHANUNAVAIL: 'unreachable',
};

/** Q.850 causes of a normal end (16 normal clearing, 31 normal unspecified, 0 none given). */
const NORMAL_CAUSES: ReadonlySet<number> = new Set([0, 16, 31]);

/**
 * Why an unanswered leg failed. A normal clearing (cause 16) of a leg that had rung means the
 * person called ended the ringing (declined); of a leg that never rang, that it could not be
 * called (a Local channel to a missing extension, a trunk that hung up at once).
 */
export function legFailureOf(end: { readonly cause?: number; readonly rang: boolean }): LegFailure {
  const cause = end.cause ?? 0;
  if (NORMAL_CAUSES.has(cause)) return end.rang ? 'rejected' : 'unreachable';
  return HANGUP_CAUSE_FAILURES[cause] ?? 'unreachable';
}

/** The Q.850 cause ringflow hangs a channel up with, by why. */
export const HANGUP_REASON_CODES = {
  normal: 16,
  rejected: 21,
  /** A ring member another member answered first: phones show "answered elsewhere", not a missed call. */
  answeredElsewhere: 26,
  /** The ring time is over. */
  noAnswer: 19,
} as const;
