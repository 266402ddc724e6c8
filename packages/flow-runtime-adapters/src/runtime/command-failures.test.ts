import type { RingLeg } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { COMMAND_FAILURES } from './command-failures.js';

const leg = (legId: string): RingLeg => ({
  legId,
  target: { kind: 'number', number: '+33699999999' },
  timeoutSeconds: 20,
  callerId: null,
});

describe('COMMAND_FAILURES', () => {
  it('turns a failed command into the events of a failure, or ends the call', () => {
    expect(COMMAND_FAILURES.ring({ type: 'ring', legs: [leg('l1'), leg('l2')], music: null })).toEqual([
      { type: 'leg.failed', legId: 'l1', reason: 'unreachable' },
      { type: 'leg.failed', legId: 'l2', reason: 'unreachable' },
    ]);
    expect(COMMAND_FAILURES.forward({ type: 'forward', leg: leg('l3') })).toEqual([
      { type: 'leg.failed', legId: 'l3', reason: 'unreachable' },
    ]);
    expect(
      COMMAND_FAILURES.play({
        type: 'play',
        playbackId: 'p1',
        early: false,
        sound: { kind: 'file', file: 'a.wav' },
      }),
    ).toEqual([{ type: 'playback.finished', playbackId: 'p1' }]);
    expect(COMMAND_FAILURES.answer({ type: 'answer' })).toBe('endCall');
    expect(COMMAND_FAILURES.bridge({ type: 'bridge', legId: 'l1' })).toBe('endCall');
    expect(
      COMMAND_FAILURES.recordVoicemail({
        type: 'recordVoicemail',
        recordingId: 'r',
        mailbox: 'm',
        maxSeconds: 5,
      }),
    ).toBe('endCall');
    expect(COMMAND_FAILURES.hangup({ type: 'hangup', cause: 'normal' })).toEqual([]);
    expect(
      COMMAND_FAILURES.collectDigits({ type: 'collectDigits', maxDigits: 1, timeoutSeconds: 5 }),
    ).toEqual([]);
  });
});
