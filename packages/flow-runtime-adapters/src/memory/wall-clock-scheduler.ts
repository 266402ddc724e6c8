import { VirtualClock } from '@ringflow/flow-core';

/**
 * The simulated PBX of flow-core schedules what it reports on a `VirtualClock`. In real time, this
 * clock takes its place: same methods, but its time is the wall clock and what is scheduled runs on
 * `setTimeout`. `clearAll` cancels what is still pending, so a stopped adapter keeps no process alive.
 */
export class WallClockScheduler extends VirtualClock {
  private readonly timeouts = new Set<ReturnType<typeof setTimeout>>();

  constructor() {
    super(Date.now());
  }

  override now(): number {
    return Date.now();
  }

  override schedule(at: number, run: () => void) {
    const entry = { at, lane: 1 as const, seq: 0, run, cancelled: false };
    const timeout = setTimeout(
      () => {
        this.timeouts.delete(timeout);
        if (!entry.cancelled) run();
      },
      Math.max(0, at - Date.now()),
    );
    this.timeouts.add(timeout);
    return entry;
  }

  override setTimer(at: number, callback: () => void): unknown {
    return this.schedule(at, callback);
  }

  override clearTimer(handle: unknown): void {
    (handle as { cancelled: boolean }).cancelled = true;
  }

  /** Nothing of what is pending will run. */
  clearAll(): void {
    for (const timeout of this.timeouts) clearTimeout(timeout);
    this.timeouts.clear();
  }
}
