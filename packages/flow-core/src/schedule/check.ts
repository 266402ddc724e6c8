import { WEEKDAYS, type Schedule } from '../document/schema.js';
import type { IssueList, JsonPath } from '../validation/issue.js';
import { isKnownHolidayCountry, isKnownHolidayRegion } from './public-holidays.js';
import { rangeExtent } from './time.js';
import { isValidTimezone } from './timezone.js';

/** A non-empty range placed on a line of minutes, with what to call it and where it is. */
interface PlacedRange {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly path: JsonPath;
}

const WEEK_MINUTES = 7 * 1440;

function overlaps(a: PlacedRange, b: PlacedRange, shift: number): boolean {
  return a.start < b.end + shift && b.start + shift < a.end;
}

/** Reports every overlapping pair once, at the path of the later range in document order. */
function reportOverlaps(ranges: readonly PlacedRange[], list: IssueList, period?: number): void {
  for (let j = 1; j < ranges.length; j += 1) {
    const second = ranges[j]!;
    for (let i = 0; i < j; i += 1) {
      const first = ranges[i]!;
      const hit =
        overlaps(first, second, 0) ||
        (period !== undefined && (overlaps(first, second, period) || overlaps(first, second, -period)));
      if (hit)
        list.add('overlapping_time_ranges', {
          path: second.path,
          params: { first: first.label, second: second.label },
        });
    }
  }
}

/**
 * Places the ranges of one day at `offset` minutes, reporting the empty ones. An overnight range
 * reaches past the day's end into the next.
 */
function placeRanges(
  ranges: readonly (readonly [string, string])[],
  offset: number,
  prefix: string,
  path: JsonPath,
  list: IssueList,
): PlacedRange[] {
  const placed: PlacedRange[] = [];
  ranges.forEach((range, index) => {
    const [start, end] = range;
    const extent = rangeExtent(range);
    if (extent.empty) {
      list.add('empty_time_range', { path: [...path, index], params: { start, end } });
      return;
    }
    const reach = extent.spill > 0 ? 1440 + extent.spill : extent.ownEnd;
    placed.push({
      start: offset + extent.start,
      end: offset + reach,
      label: `${prefix} ${start}-${end}`,
      path: [...path, index],
    });
  });
  return placed;
}

/**
 * Checks the rules of one schedule that its schema cannot: a known time zone, no empty or
 * overlapping ranges (within a day, across days through ranges that run past midnight, and from
 * Sunday night into Monday; within the hours of one special date), closure periods that end after
 * they start, one special-hours entry per date, and a public holiday country and region that
 * date-holidays knows. Issues go to `list`, with paths under `path` (the schedule's path in the
 * document, such as `['schedules', 2]`).
 *
 * The flow's own time zone, used when the schedule has none, is not reported here: the flow's
 * validation reports it once, at `['timezone']`.
 *
 * @param schedule - the parsed schedule
 * @param path - JSON path of the schedule in the document
 * @param list - where issues are recorded
 * @param _flowTimezone - the flow's time zone (accepted for symmetry with compileSchedule; see above)
 *
 * @example
 * flow.schedules.forEach((schedule, i) => checkSchedule(schedule, ['schedules', i], list, flow.timezone));
 */
export function checkSchedule(
  schedule: Schedule,
  path: JsonPath,
  list: IssueList,
  _flowTimezone?: string,
): void {
  if (schedule.timezone !== undefined && !isValidTimezone(schedule.timezone)) {
    list.add('invalid_timezone', { path: [...path, 'timezone'], params: { timezone: schedule.timezone } });
  }

  // The week is a circle of minutes: Sunday night runs into Monday morning.
  const week = WEEKDAYS.flatMap((day, index) =>
    placeRanges(schedule.weekly[day], index * 1440, day, [...path, 'weekly', day], list),
  );
  reportOverlaps(week, list, WEEK_MINUTES);

  const specialDates = new Set<string>();
  schedule.specialHours.forEach((entry, index) => {
    const entryPath = [...path, 'specialHours', index];
    if (specialDates.has(entry.date)) {
      list.add('duplicate_special_date', { path: [...entryPath, 'date'], params: { date: entry.date } });
    }
    specialDates.add(entry.date);
    reportOverlaps(placeRanges(entry.hours, 0, entry.date, [...entryPath, 'hours'], list), list);
  });

  schedule.closures.forEach((closure, index) => {
    // Dates are YYYY-MM-DD, so comparing the strings compares the dates.
    if ('from' in closure && closure.from > closure.to) {
      list.add('invalid_date_range', {
        path: [...path, 'closures', index, 'to'],
        params: { from: closure.from, to: closure.to },
      });
    }
  });

  const holidays = schedule.publicHolidays;
  if (holidays !== undefined) {
    if (!isKnownHolidayCountry(holidays.country)) {
      list.add('unknown_holiday_country', {
        path: [...path, 'publicHolidays', 'country'],
        params: { country: holidays.country },
      });
    } else if (holidays.region !== undefined && !isKnownHolidayRegion(holidays.country, holidays.region)) {
      list.add('unknown_holiday_region', {
        path: [...path, 'publicHolidays', 'region'],
        params: { country: holidays.country, region: holidays.region },
      });
    }
  }
}
