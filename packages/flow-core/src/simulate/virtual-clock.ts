import type { Clock } from '../engine/types.js';

interface Entry {
  readonly at: number;
  /** At the same instant, the engine's own timers (0) run before what the PBX reports (1). */
  readonly lane: 0 | 1;
  readonly seq: number;
  readonly run: () => void;
  cancelled: boolean;
}

/**
 * Time that advances only when told to: `run` executes scheduled callbacks in time order, jumping
 * from one to the next, so an hour-long call simulates in microseconds. Same inputs, same order.
 */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly queue: Entry[] = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(at: number, callback: () => void): unknown {
    return this.push(at, 0, callback);
  }

  clearTimer(handle: unknown): void {
    (handle as Entry).cancelled = true;
  }

  /** Schedules something the simulated PBX reports (after timers due at the same instant). */
  schedule(at: number, callback: () => void): Entry {
    return this.push(at, 1, callback);
  }

  private push(at: number, lane: 0 | 1, run: () => void): Entry {
    const entry: Entry = { at: Math.max(at, this.current), lane, seq: this.seq++, run, cancelled: false };
    // Binary insertion keeps the queue ordered by (at, lane, seq).
    let low = 0;
    let high = this.queue.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.queue[mid]!;
      const before =
        other.at < entry.at ||
        (other.at === entry.at &&
          (other.lane < entry.lane || (other.lane === entry.lane && other.seq < entry.seq)));
      if (before) low = mid + 1;
      else high = mid;
    }
    this.queue.splice(low, 0, entry);
    return entry;
  }

  /** Runs the next due callback; false when nothing is left before `until`. */
  step(until: number): boolean {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.at > until) return false;
      this.queue.shift();
      if (next.cancelled) continue;
      this.current = next.at;
      next.run();
      return true;
    }
    return false;
  }

  /** Moves time forward to `at` without running anything (nothing was due before). */
  advanceTo(at: number): void {
    this.current = Math.max(this.current, at);
  }
}
