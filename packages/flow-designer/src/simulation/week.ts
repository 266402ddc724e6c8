import { simulateCall, zonedDateTime } from '@ringflow/flow-core';
import type { CallOutcome, CallResult, FlowDocument, ScenarioInput } from '@ringflow/flow-core';
import { wallClock } from './call-setup.js';

/*
 * The week view's pure part: the wall-clock slots of a week in the flow's time zone, one simulated
 * call per slot, and what the week adds up to. No React, no DOM.
 */

/** Minutes between two simulated calls. */
export const SLOT_MINUTES = 30;
/** Slots in a day. */
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;
const DAY_MS = 86_400_000;

/** One wall-clock time of the week at which a call is simulated. */
export interface WeekSlot {
  /** 0 = Monday ... 6 = Sunday. */
  readonly day: number;
  /** 0 = 00:00, 1 = 00:30 ... */
  readonly index: number;
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Local time, `HH:MM`. */
  readonly time: string;
  /**
   * The instant, as an ISO date-time with the zone's offset; null when the clocks skip this time
   * (spring forward): no call can start at a time the wall clock never shows.
   */
  readonly at: string | null;
  /** The clocks show this time twice (fall back); the call is simulated once, at `at`. */
  readonly repeated: boolean;
}

function isoDate(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

function epochDayOf(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(ms) || isoDate(ms / DAY_MS) !== date ? undefined : ms / DAY_MS;
}

/** The Monday of the week (Monday to Sunday) holding `date` (`YYYY-MM-DD`); undefined for a bad date. */
export function mondayOf(date: string): string | undefined {
  const day = epochDayOf(date);
  if (day === undefined) return undefined;
  // 1970-01-01 was a Thursday: (day + 3) % 7 counts days since Monday.
  return isoDate(day - ((((day + 3) % 7) + 7) % 7));
}

/** `date` moved by `days` days. */
export function addDays(date: string, days: number): string {
  const day = epochDayOf(date);
  return day === undefined ? date : isoDate(day + days);
}

/** Today's date on the wall clocks of `timezone`. */
export function todayIn(timezone: string, now: number): string {
  return wallClock(now, timezone).slice(0, 10);
}

/** The slot of `date` and `time` in `timezone`: its instant, or null in a spring-forward gap. */
function slotAt(day: number, index: number, date: string, timezone: string): WeekSlot {
  const minutes = index * SLOT_MINUTES;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const local = `${date}T${time}`;
  const at = zonedDateTime(local, timezone);
  if (at === undefined) return { day, index, date, time, at: null, repeated: false };
  const instant = Date.parse(at);
  // A time the clocks skip comes back as an instant whose wall clock reads another time.
  if (wallClock(instant, timezone) !== local) return { day, index, date, time, at: null, repeated: false };
  // A time shown twice has another instant, one offset change away, with the same wall clock.
  const repeated = [-1, 1].some((side) => {
    const other = instant + side * 3_600_000;
    return wallClock(other, timezone) === local;
  });
  return { day, index, date, time, at, repeated };
}

/**
 * The 7 x 48 slots of the week starting on `monday` (any date of the week is accepted), at
 * half-hour wall-clock times of `timezone`, Monday 00:00 first. Daylight saving: a time the clocks
 * skip has `at: null` and no call; a time they show twice is simulated once, at the instant
 * flow-core's zonedDateTime gives (the same as the test call form).
 */
export function weekSlots(monday: string, timezone: string): WeekSlot[] {
  const start = mondayOf(monday);
  if (start === undefined) return [];
  const slots: WeekSlot[] = [];
  for (let day = 0; day < 7; day += 1) {
    const date = addDays(start, day);
    for (let index = 0; index < SLOTS_PER_DAY; index += 1) slots.push(slotAt(day, index, date, timezone));
  }
  return slots;
}

/** The simulated call of one slot. */
export interface WeekCall {
  readonly slot: WeekSlot;
  /** The call record; null for a slot with no call (spring-forward gap) or when it failed. */
  readonly result: CallResult | null;
  /** Why the simulation failed (an invalid flow or scenario), when it did. */
  readonly error?: string;
}

/** Simulates one call per slot with flow-core's simulator; a slot in a DST gap gets no call. */
export function simulateSlots(
  flow: FlowDocument,
  slots: readonly WeekSlot[],
  scenarioAt: (at: string) => ScenarioInput,
): WeekCall[] {
  return slots.map((slot) => {
    if (slot.at === null) return { slot, result: null };
    try {
      return { slot, result: simulateCall(flow, scenarioAt(slot.at)) };
    } catch (error) {
      return { slot, result: null, error: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** Outcomes in which the caller talked to a person: an agent or someone at a forwarded number. */
export const REACHED_SOMEONE: ReadonlySet<CallOutcome> = new Set<CallOutcome>(['answered', 'forwarded']);

/** Every outcome, in the order a legend lists them (best first). */
export const OUTCOMES = [
  'answered',
  'forwarded',
  'voicemail',
  'completed',
  'abandoned',
  'missed',
  'rejected',
] as const satisfies readonly CallOutcome[];

/** What a week of calls adds up to. */
export interface WeekSummary {
  /** Calls simulated (slots in a DST gap and failed simulations left out). */
  readonly calls: number;
  /** Calls in which the caller talked to nobody (not answered, not forwarded). */
  readonly reachedNobody: number;
  /** reachedNobody / calls, 0 when there is no call. */
  readonly shareReachedNobody: number;
  readonly byOutcome: Readonly<Record<CallOutcome, number>>;
  /** Slots with no call because the clocks skip them. */
  readonly skipped: number;
  readonly failed: number;
}

/** Counts a week's calls by outcome and the share of them in which the caller reached nobody. */
export function summariseWeek(calls: readonly WeekCall[]): WeekSummary {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>;
  let simulated = 0;
  let reachedNobody = 0;
  let skipped = 0;
  let failed = 0;
  for (const call of calls) {
    if (call.result === null) {
      if (call.error !== undefined) failed += 1;
      else skipped += 1;
      continue;
    }
    simulated += 1;
    byOutcome[call.result.outcome] += 1;
    if (!REACHED_SOMEONE.has(call.result.outcome)) reachedNobody += 1;
  }
  return {
    calls: simulated,
    reachedNobody,
    shareReachedNobody: simulated === 0 ? 0 : reachedNobody / simulated,
    byOutcome,
    skipped,
    failed,
  };
}

/** Options of runWeekInChunks. */
export interface WeekRunOptions {
  readonly flow: FlowDocument;
  readonly slots: readonly WeekSlot[];
  readonly scenarioAt: (at: string) => ScenarioInput;
  /** Slots per chunk; one day by default. */
  readonly chunkSize?: number;
  /** Runs a chunk later, giving the page a chance to paint and react (default: setTimeout 0). */
  readonly defer?: (run: () => void) => () => void;
  /** After each chunk: every call simulated so far. */
  readonly onProgress: (calls: readonly WeekCall[]) => void;
  readonly onDone: (calls: readonly WeekCall[]) => void;
}

const deferWithTimeout = (run: () => void): (() => void) => {
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
};

/**
 * Simulates the slots a chunk at a time, each chunk deferred, so that 336 calls never freeze the
 * page. Returns a function that cancels what is left (onDone is then never called).
 */
export function runWeekInChunks(options: WeekRunOptions): () => void {
  const { flow, slots, scenarioAt, chunkSize = SLOTS_PER_DAY, defer = deferWithTimeout } = options;
  let calls: WeekCall[] = [];
  let cancelled = false;
  let cancelNext: () => void = () => {};
  const step = (from: number) => {
    cancelNext = defer(() => {
      if (cancelled) return;
      calls = [...calls, ...simulateSlots(flow, slots.slice(from, from + chunkSize), scenarioAt)];
      options.onProgress(calls);
      if (from + chunkSize >= slots.length) options.onDone(calls);
      else step(from + chunkSize);
    });
  };
  step(0);
  return () => {
    cancelled = true;
    cancelNext();
  };
}
