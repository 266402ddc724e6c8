/*
 * Calendar arithmetic on plain numbers. Dates are counted as days since 1970-01-01 ("day numbers")
 * and wall-clock times as milliseconds, so that schedules are compiled without allocating Dates and
 * without depending on the host's time zone.
 */

/** Milliseconds in one minute. */
export const MINUTE_MS = 60_000;
/** Milliseconds in one calendar day of wall-clock time (24 hours). */
export const DAY_MS = 86_400_000;

/** The parts of a calendar date. */
export interface CivilDate {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  /** 1 to 31. */
  readonly day: number;
}

/**
 * The day number (days since 1970-01-01) of a proleptic Gregorian date, for any year.
 * (H. Hinnant's days_from_civil.)
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The proleptic Gregorian date of a day number (inverse of daysFromCivil). */
export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day number of a `YYYY-MM-DD` date. */
export function dayNumberOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return daysFromCivil(y, m, d);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The `YYYY-MM-DD` date of a day number (years 0 to 9999). */
export function isoDateOf(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The weekday of a day number, 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday). */
export function weekdayIndexOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Minutes since midnight of an `HH:MM` time (`24:00` gives 1440). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Where a `[start, end)` range of one day lies, in minutes from that day's midnight: `own` is the
 * part on the day itself, `spill` the minutes it runs into the next day (0 when it does not). An end
 * before the start runs past midnight; a start equal to the end is empty, and so is `24:00-00:00`.
 */
export interface RangeExtent {
  readonly start: number;
  /** End of the part on the day itself (at most 1440). */
  readonly ownEnd: number;
  /** Minutes after the next midnight at which the range ends; 0 when it does not run past midnight. */
  readonly spill: number;
  /** True when the range covers no time at all. */
  readonly empty: boolean;
}

/** The extent of an `[HH:MM, HH:MM]` range (see RangeExtent). */
export function rangeExtent(range: readonly [string, string]): RangeExtent {
  const start = minutesOf(range[0]);
  const end = minutesOf(range[1]);
  if (end > start) return { start, ownEnd: end, spill: 0, empty: false };
  if (end === start) return { start, ownEnd: start, spill: 0, empty: true };
  // Past midnight: the day's part runs to 24:00, the rest is on the next day.
  return { start, ownEnd: 1440, spill: end, empty: start === 1440 && end === 0 };
}
