import { holidayCatalogueGeneration } from './holiday-catalogue.js';
import type { Schedule } from '../document/schema.js';
import { boundariesWithin, DayPlanner, statusWithin, type DayPlan } from './day-plan.js';
import type { ScheduleDecision, ScheduleRule, ScheduleStatus } from './decision.js';
import { DAY_MS } from './time.js';
import { isValidTimezone, offsetPieces } from './timezone.js';

/*
 * How a schedule is compiled. The status is a function of the local wall-clock time (a number of
 * ms, continuous across dates), built per local date from the day plans. An instant t reads the
 * wall clock t + offset(t); within a piece of constant offset o this is a shift, so the preimage of a
 * wall-clock segment [a, b) under a piece [t0, t1) is [max(t0, a - o), min(t1, b - o)). Mapping every
 * wall-clock segment through the zone's offset pieces gives sorted UTC segments in which a spring
 * gap simply has no preimage and an autumn repeat has two. Checking an instant is then a binary
 * search over those segments. Segments are built lazily per block of 52 weeks.
 */

/** Length of a compiled block: 52 weeks. */
const BLOCK_MS = 364 * DAY_MS;
/** How many blocks past the instant's own `until` may look for the next change of status. */
const HORIZON_BLOCKS = 2;
/** The largest magnitude of an epoch ms a Date can hold. */
const MAX_INSTANT = 8.64e15;

const STATUSES: readonly ScheduleStatus[] = ['closed', 'open', 'holiday'];
const STATUS_CODE: Readonly<Record<ScheduleStatus, number>> = { closed: 0, open: 1, holiday: 2 };

/** Options of compileSchedule. */
export interface CompileScheduleOptions {
  /** The flow's time zone, used when the schedule has none of its own. */
  readonly timezone: string;
}

/**
 * A schedule ready to answer, in constant time per instant, what it says at any instant. Build one
 * with compileSchedule and keep it: compiling costs a little, checking costs almost nothing.
 */
export interface CompiledSchedule {
  /** The schedule compiled. */
  readonly schedule: Schedule;
  /** The time zone its wall-clock times are read in: its own, else the flow's. */
  readonly timezone: string;
  /**
   * What the schedule says at `instant` (epoch ms or a Date). The decision object may be shared
   * between instants and is frozen. Throws a RangeError for an instant a Date cannot hold.
   */
  at(instant: number | Date): ScheduleDecision;
}

/** Compiled segments of one block: `[starts[i], starts[i + 1])` has status `statuses[i]`. */
interface Block {
  readonly index: number;
  readonly start: number;
  /** Segment starts, with the block's end appended. */
  readonly starts: Float64Array;
  readonly statuses: Uint8Array;
  readonly rules: readonly ScheduleRule[];
  /** Next change of status; NaN while it lies past the block (not yet looked for), Infinity for none. */
  readonly until: Float64Array;
  /** Index of the first segment of the run of equal statuses that ends the block. */
  readonly tailStart: number;
  readonly decisions: (ScheduleDecision | undefined)[];
}

/** Index of the last element of sorted `values` (first `length` of them) that is <= `value`. */
function lastAtOrBefore(values: ArrayLike<number>, length: number, value: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

class ScheduleTimeline implements CompiledSchedule {
  private readonly planner: DayPlanner;
  private readonly blocks = new Map<number, Block>();
  // The segment of the last answer: consecutive checks often fall in the same one.
  private hitStart = 0;
  private hitEnd = 0;
  private hitDecision: ScheduleDecision | undefined;

  constructor(
    readonly schedule: Schedule,
    readonly timezone: string,
  ) {
    this.planner = new DayPlanner(schedule);
  }

  readonly at = (instant: number | Date): ScheduleDecision => {
    const t = typeof instant === 'number' ? instant : instant.getTime();
    if (t >= this.hitStart && t < this.hitEnd) return this.hitDecision!;
    return this.lookup(t);
  };

  private lookup(t: number): ScheduleDecision {
    if (!(Math.abs(t) <= MAX_INSTANT)) throw new RangeError(`Invalid instant: ${t}`);
    const index = Math.floor(t / BLOCK_MS);
    const block = this.blocks.get(index) ?? this.compileBlock(index);
    const i = lastAtOrBefore(block.starts, block.statuses.length, t);
    const decision = block.decisions[i] ?? this.decide(block, i);
    this.hitStart = block.starts[i]!;
    this.hitEnd = block.starts[i + 1]!;
    this.hitDecision = decision;
    return decision;
  }

  private decide(block: Block, i: number): ScheduleDecision {
    if (Number.isNaN(block.until[i])) this.resolveTail(block);
    const until = block.until[i]!;
    const decision: ScheduleDecision = Object.freeze({
      status: STATUSES[block.statuses[i]!]!,
      rule: block.rules[i]!,
      until: until === Infinity ? null : until,
    });
    block.decisions[i] = decision;
    return decision;
  }

  /** Finds where the run of statuses that ends `block` stops, looking at most HORIZON_BLOCKS ahead. */
  private resolveTail(block: Block): void {
    const status = block.statuses[block.statuses.length - 1];
    let until = Infinity;
    for (let ahead = 1; ahead <= HORIZON_BLOCKS; ahead += 1) {
      const next = this.blocks.get(block.index + ahead) ?? this.compileBlock(block.index + ahead);
      if (next.statuses[0] !== status) {
        until = next.start;
        break;
      }
      if (next.tailStart > 0) {
        until = next.until[0]!;
        break;
      }
    }
    block.until.fill(until, block.tailStart);
  }

  private compileBlock(index: number): Block {
    const start = index * BLOCK_MS;
    const end = start + BLOCK_MS;
    const pieces = offsetPieces(this.timezone, start, end);
    let minOffset = Infinity;
    let maxOffset = -Infinity;
    for (const piece of pieces) {
      minOffset = Math.min(minOffset, piece.offset);
      maxOffset = Math.max(maxOffset, piece.offset);
    }

    // The wall-clock timeline over every local date the block's instants can read.
    const firstDay = Math.floor((start + minOffset) / DAY_MS);
    const lastDay = Math.floor((end + maxOffset - 1) / DAY_MS);
    const wallStarts: number[] = [];
    const wallStatuses: number[] = [];
    const wallRules: ScheduleRule[] = [];
    let yesterday: DayPlan = this.planner.planOf(firstDay - 1);
    for (let day = firstDay; day <= lastDay; day += 1) {
      const today = this.planner.planOf(day);
      for (const time of boundariesWithin(yesterday, today)) {
        const { status, rule } = statusWithin(yesterday, today, time);
        const code = STATUS_CODE[status];
        const last = wallRules.length - 1;
        if (last >= 0 && wallStatuses[last] === code && wallRules[last] === rule) continue;
        wallStarts.push(day * DAY_MS + time);
        wallStatuses.push(code);
        wallRules.push(rule);
      }
      yesterday = today;
    }

    // Each piece of constant offset sees a shifted slice of the wall-clock timeline.
    const starts: number[] = [];
    const statuses: number[] = [];
    const rules: ScheduleRule[] = [];
    const emit = (at: number, segment: number) => {
      const last = rules.length - 1;
      if (last >= 0 && statuses[last] === wallStatuses[segment] && rules[last] === wallRules[segment]) return;
      starts.push(at);
      statuses.push(wallStatuses[segment]!);
      rules.push(wallRules[segment]!);
    };
    for (const piece of pieces) {
      const from = Math.max(piece.start, start);
      const to = Math.min(piece.end, end);
      if (from >= to) continue;
      let segment = lastAtOrBefore(wallStarts, wallStarts.length, from + piece.offset);
      emit(from, segment);
      for (
        segment += 1;
        segment < wallStarts.length && wallStarts[segment]! - piece.offset < to;
        segment += 1
      ) {
        emit(wallStarts[segment]! - piece.offset, segment);
      }
    }

    const count = starts.length;
    const until = new Float64Array(count).fill(Number.NaN);
    let tailStart = count - 1;
    while (tailStart > 0 && statuses[tailStart - 1] === statuses[count - 1]) tailStart -= 1;
    for (let i = tailStart - 1; i >= 0; i -= 1) {
      until[i] = statuses[i + 1] !== statuses[i] ? starts[i + 1]! : until[i + 1]!;
    }
    const block: Block = {
      index,
      start,
      starts: Float64Array.from([...starts, end]),
      statuses: Uint8Array.from(statuses),
      rules,
      until,
      tailStart,
      decisions: new Array<ScheduleDecision | undefined>(count).fill(undefined),
    };
    this.blocks.set(index, block);
    return block;
  }
}

/**
 * Compiles a schedule for fast checks. Its times are wall-clock times in its own time zone, else in
 * `options.timezone`; they behave as a person reading a wall clock expects: a range inside the
 * spring-forward gap never opens (01:30-02:30 on a night when 02:00 jumps to 03:00 is open for 30
 * real minutes, from 01:30 to the jump), and a range covering times that the autumn change repeats is
 * open during both passes.
 *
 * Precedence for a local date (DESIGN 3.2): its special hours, then closures (first in document
 * order) and public holidays (status `holiday`), then its weekly hours (`open` or `closed`). A range
 * running past midnight belongs to the date it starts on and overrides the next date until it ends,
 * even if that date is a closure. Where ranges of a date overlap, the first in document order is
 * named in the decision.
 *
 * Validate the schedule first (checkSchedule): this throws a RangeError for an unknown time zone.
 *
 * @example
 * const office = compileSchedule(schedule, { timezone: flow.timezone });
 * const { status, until } = office.at(callStartedAt);
 */
export function compileSchedule(schedule: Schedule, options: CompileScheduleOptions): CompiledSchedule {
  const timezone = schedule.timezone ?? options.timezone;
  if (!isValidTimezone(timezone)) throw new RangeError(`Unknown time zone "${timezone}"`);
  return new ScheduleTimeline(schedule, timezone);
}

const compiledSchedules = new WeakMap<Schedule, Map<string, CompiledSchedule>>();

/**
 * What `schedule` says at `instant`: a convenience over compileSchedule that compiles each schedule
 * object once per time zone and remembers it (a WeakMap, so schedules are not kept alive). Pass a
 * CompiledSchedule to skip the cache lookup; `options` is then ignored.
 *
 * @example
 * if (isOpen(schedule, callStartedAt, { timezone: flow.timezone }).status === 'open') ringAgents();
 */
export function isOpen(
  schedule: Schedule | CompiledSchedule,
  instant: number | Date,
  options?: CompileScheduleOptions,
): ScheduleDecision {
  if ('at' in schedule) return schedule.at(instant);
  const timezone = schedule.timezone ?? options?.timezone;
  if (timezone === undefined)
    throw new TypeError(`Schedule "${schedule.id}" has no time zone and none was given`);
  let byZone = compiledSchedules.get(schedule);
  if (byZone === undefined) compiledSchedules.set(schedule, (byZone = new Map()));
  // A schedule compiled before a holiday catalogue was installed is compiled again.
  const key = `${timezone}|${holidayCatalogueGeneration()}`;
  let compiled = byZone.get(key);
  if (compiled === undefined) byZone.set(key, (compiled = compileSchedule(schedule, { timezone })));
  return compiled.at(instant);
}
