import { WEEKDAYS, type Schedule } from '../document/schema.js';
import type {
  ClosureRule,
  ScheduleRule,
  ScheduleStatus,
  SpecialHoursRule,
  WeeklyClosedRule,
  WeeklyRangeRule,
} from './decision.js';
import { publicHolidayOnDay, type HolidayArea, type PublicHolidayRule } from './public-holidays.js';
import { civilFromDays, DAY_MS, dayNumberOf, MINUTE_MS, rangeExtent, weekdayIndexOf } from './time.js';

/*
 * The rules of a schedule for one local date, as a plan of wall-clock ranges (DESIGN 3.2).
 * Precedence for a date: its special hours, else a closure or a public holiday, else its weekly
 * hours. A range running past midnight belongs to the date it starts on: its part after midnight
 * overrides whatever the next date says until it ends, even a closure or special hours of the next
 * date (a Friday 22:00-02:00 keeps Saturday 01:00 open when Saturday is a holiday, and Saturday's
 * own status applies from 02:00). The part after midnight only exists when the range itself is in
 * force: a Friday that is a holiday spills nothing into Saturday.
 */

/** One open range of a date, in milliseconds from that date's midnight on the wall clock. */
export interface PlannedRange {
  readonly start: number;
  /** End of the part on the date itself (at most 24 h). */
  readonly ownEnd: number;
  /** Where the range ends on the next date; 0 when it does not run past midnight. */
  readonly spill: number;
  readonly rule: ScheduleRule;
}

/** What one local date says: a holiday all day, or open ranges with a closed rule between them. */
export interface DayPlan {
  /** Set when the whole date is a holiday; ranges are then empty. */
  readonly holiday?: ScheduleRule;
  /** The rule reported while no range is open. */
  readonly closed: ScheduleRule;
  /** Open ranges in document order: when ranges overlap, the first one decides. */
  readonly ranges: readonly PlannedRange[];
}

/** A status with the rule that decided it, before `until` is known. */
export interface LocalStatus {
  readonly status: ScheduleStatus;
  readonly rule: ScheduleRule;
}

function planRanges<R extends ScheduleRule>(
  ranges: readonly (readonly [string, string])[],
  ruleOf: (range: readonly [string, string]) => R,
): PlannedRange[] {
  const planned: PlannedRange[] = [];
  for (const range of ranges) {
    const extent = rangeExtent(range);
    if (extent.empty) continue;
    planned.push({
      start: extent.start * MINUTE_MS,
      ownEnd: extent.ownEnd * MINUTE_MS,
      spill: extent.spill * MINUTE_MS,
      rule: ruleOf(range),
    });
  }
  return planned;
}

type DatedClosure = {
  readonly kind: 'dated';
  readonly from: number;
  readonly to: number;
  readonly plan: DayPlan;
};
type YearlyClosure = {
  readonly kind: 'yearly';
  readonly month: number;
  readonly day: number;
  readonly plan: DayPlan;
};

/** Answers, for any local date, the plan of a schedule. Built once per compiled schedule. */
export class DayPlanner {
  private readonly weekly: readonly DayPlan[];
  private readonly special = new Map<number, DayPlan>();
  private readonly closures: readonly (DatedClosure | YearlyClosure)[];
  private readonly holidayPlans = new Map<PublicHolidayRule, DayPlan>();
  private readonly area: HolidayArea | undefined;

  constructor(schedule: Schedule) {
    this.weekly = WEEKDAYS.map((day): DayPlan => {
      const closed: WeeklyClosedRule = Object.freeze({ type: 'weeklyClosed', day });
      const ranges = planRanges(schedule.weekly[day], (range) =>
        Object.freeze<WeeklyRangeRule>({
          type: 'weekly',
          day,
          range: Object.freeze([range[0], range[1]] as const),
        }),
      );
      return { closed, ranges };
    });

    // The first special hours given for a date win; checkSchedule reports the others.
    for (const entry of schedule.specialHours) {
      const day = dayNumberOf(entry.date);
      if (this.special.has(day)) continue;
      const base = entry.name === undefined ? { date: entry.date } : { date: entry.date, name: entry.name };
      const closed: SpecialHoursRule = Object.freeze({ type: 'special', ...base });
      const ranges = planRanges(entry.hours, (range) =>
        Object.freeze<SpecialHoursRule>({
          type: 'special',
          ...base,
          range: Object.freeze([range[0], range[1]] as const),
        }),
      );
      this.special.set(day, { closed, ranges });
    }

    this.closures = schedule.closures.map((closure) => {
      const rule: ClosureRule = Object.freeze({ type: 'closure', name: closure.name });
      const plan: DayPlan = { holiday: rule, closed: rule, ranges: [] };
      if ('every' in closure) {
        const [month, day] = closure.every.split('-').map(Number) as [number, number];
        return { kind: 'yearly', month, day, plan };
      }
      // A period whose end comes before its start covers no date (checkSchedule reports it).
      const from = dayNumberOf('date' in closure ? closure.date : closure.from);
      const to = dayNumberOf('date' in closure ? closure.date : closure.to);
      return { kind: 'dated', from, to, plan };
    });

    this.area = schedule.publicHolidays;
  }

  /** The plan of local date `dayNumber` (days since 1970-01-01). */
  planOf(dayNumber: number): DayPlan {
    const special = this.special.get(dayNumber);
    if (special !== undefined) return special;
    if (this.closures.length > 0 || this.area !== undefined) {
      const { year, month, day } = civilFromDays(dayNumber);
      // Closures are the business's own decisions: they are named before a public holiday.
      for (const closure of this.closures) {
        const hit =
          closure.kind === 'dated'
            ? dayNumber >= closure.from && dayNumber <= closure.to
            : closure.month === month && closure.day === day;
        if (hit) return closure.plan;
      }
      if (this.area !== undefined) {
        const holiday = publicHolidayOnDay(this.area, dayNumber, year);
        if (holiday !== undefined) {
          let plan = this.holidayPlans.get(holiday);
          if (plan === undefined)
            this.holidayPlans.set(holiday, (plan = { holiday, closed: holiday, ranges: [] }));
          return plan;
        }
      }
    }
    return this.weekly[weekdayIndexOf(dayNumber)]!;
  }
}

/**
 * The status at `time` ms after midnight of a date whose plan is `today`, the date before having
 * plan `yesterday` (whose ranges past midnight come first).
 */
export function statusWithin(yesterday: DayPlan, today: DayPlan, time: number): LocalStatus {
  for (const range of yesterday.ranges) {
    if (time < range.spill) return { status: 'open', rule: range.rule };
  }
  if (today.holiday !== undefined) return { status: 'holiday', rule: today.holiday };
  for (const range of today.ranges) {
    if (time >= range.start && time < range.ownEnd) return { status: 'open', rule: range.rule };
  }
  return { status: 'closed', rule: today.closed };
}

/** The times within a date (ms after midnight, 0 included, 24 h excluded) where its status may change. */
export function boundariesWithin(yesterday: DayPlan, today: DayPlan): number[] {
  const points = new Set<number>([0]);
  for (const range of yesterday.ranges) if (range.spill > 0) points.add(range.spill);
  for (const range of today.ranges) {
    points.add(range.start);
    points.add(range.ownEnd);
  }
  return [...points].filter((point) => point < DAY_MS).sort((a, b) => a - b);
}
