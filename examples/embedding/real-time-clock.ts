import type { Clock } from '@ringflow/flow-core';

// setTimeout takes at most 2^31 - 1 ms (about 24.8 days); a longer delay would fire at once.
const MAX_DELAY_MS = 2_147_483_647;

/**
 * The clock of a real call: the engine's timers become `setTimeout`s. A host that runs calls on a
 * real PBX passes it to `createCallSession` instead of a `VirtualClock`; nothing else changes.
 *
 * @example
 * const session = createCallSession(compiled, { call, clock: realTimeClock, directory, onCommand });
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
