/**
 * Schedules (DESIGN 3.2): compile a schedule once and ask it, for any instant, whether it is open,
 * closed or a holiday, which rule decided and until when; check a schedule for mistakes its schema
 * cannot see; and the time zone and public holiday facts both rely on.
 *
 * @example
 * import { compileSchedule } from '@ringflow/flow-core';
 * const office = compileSchedule(schedule, { timezone: 'Europe/Paris' });
 * office.at(Date.UTC(2026, 4, 1, 10)); // { status: 'holiday', rule: { type: 'publicHoliday', ... }, until: ... }
 *
 * @packageDocumentation
 */

export { compileSchedule, isOpen } from './compile.js';
export { checkSchedule } from './check.js';
export { isValidTimezone, zonedDateTime } from './timezone.js';
export { isKnownHolidayCountry, isKnownHolidayRegion, listPublicHolidays } from './public-holidays.js';

export type { CompiledSchedule, CompileScheduleOptions } from './compile.js';
export type {
  ClosureRule,
  PublicHolidayRule,
  ScheduleDecision,
  ScheduleRule,
  ScheduleStatus,
  SpecialHoursRule,
  WeeklyClosedRule,
  WeeklyRangeRule,
} from './decision.js';
export type { HolidayArea, PublicHoliday } from './public-holidays.js';
