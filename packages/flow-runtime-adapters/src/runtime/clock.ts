import type { Clock } from '@ringflow/flow-core';

// setTimeout takes at most 2^31 - 1 ms (about 24.8 days); a longer delay would fire at once.
const MAX_DELAY_MS = 2_147_483_647;

/**
 * Real time: the clock of calls on a real PBX, and of the runtime when the adapter gives none.
 * Timers are `setTimeout`s; a deadline already passed fires on the next turn of the event loop.
 */
export const realTimeClock: Clock = {
  now: () => Date.now(),
  setTimer(at, callback) {
    const handle: { timeout?: ReturnType<typeof setTimeout> } = {};
    const arm = () => {
      const delay = Math.max(0, at - Date.now());
      // A time beyond the limit is reached in several hops.
      handle.timeout = delay > MAX_DELAY_MS ? setTimeout(arm, MAX_DELAY_MS) : setTimeout(callback, delay);
    };
    arm();
    return handle;
  },
  clearTimer(handle) {
    clearTimeout((handle as { timeout?: ReturnType<typeof setTimeout> }).timeout);
  },
};

/**
 * A clock that runs at the pace of `base` (real time by default) but reads `startAt` now: for
 * playing a scenario dated `2026-11-24T09:30` on a real PBX today, so that the flow's schedules
 * see the scenario's date (the conformance kit gives `startAt` to the adapter factory).
 *
 * @example
 * const clock = createOffsetClock(Date.parse('2026-11-24T09:30:00+01:00'));
 * clock.now(); // 2026-11-24T08:30:00.000Z, then on as time passes
 */
export function createOffsetClock(startAt: number, base: Clock = realTimeClock): Clock {
  const offset = startAt - base.now();
  return {
    now: () => base.now() + offset,
    setTimer: (at, callback) => base.setTimer(at - offset, callback),
    clearTimer: (handle) => base.clearTimer(handle),
  };
}
