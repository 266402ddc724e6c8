import type { Weekday } from '../document/schema.js';
import type { PublicHolidayRule } from './public-holidays.js';

/**
 * What a schedule says at one instant: `open`, `closed`, or `holiday` (a closure or a public
 * holiday). These are the ports of the `businessHours` node.
 */
export type ScheduleStatus = 'open' | 'closed' | 'holiday';

/** An open range of the weekly hours decided: `day` is the day the range starts on. */
export interface WeeklyRangeRule {
  readonly type: 'weekly';
  readonly day: Weekday;
  readonly range: readonly [string, string];
}

/** No weekly range of `day` is open at that time. */
export interface WeeklyClosedRule {
  readonly type: 'weeklyClosed';
  readonly day: Weekday;
}

/**
 * The special hours of `date` decided: open when `range` is given (one of that day's ranges),
 * closed otherwise.
 */
export interface SpecialHoursRule {
  readonly type: 'special';
  readonly date: string;
  readonly name?: string;
  readonly range?: readonly [string, string];
}

/** A closure of the schedule (one date, a period or a yearly date) decided. */
export interface ClosureRule {
  readonly type: 'closure';
  readonly name: string;
}

export type { PublicHolidayRule };

/** Which rule of the schedule decided a status. Rule objects are frozen and shared. */
export type ScheduleRule =
  WeeklyRangeRule | WeeklyClosedRule | SpecialHoursRule | ClosureRule | PublicHolidayRule;

/** The answer of a schedule at one instant. Decisions are frozen and may be shared. */
export interface ScheduleDecision {
  readonly status: ScheduleStatus;
  readonly rule: ScheduleRule;
  /**
   * Epoch milliseconds of the first instant after this one at which the status (not merely the
   * rule) changes, or null when it does not change within the compiled horizon (at least 728 days
   * ahead).
   */
  readonly until: number | null;
}
