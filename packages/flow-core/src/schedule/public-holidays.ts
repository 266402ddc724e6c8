import Holidays from 'date-holidays';
import { DAY_MS, dayNumberOf, isoDateOf } from './time.js';

/*
 * Public holidays come from date-holidays, never from hand-written lists (DESIGN 3.2). Only holidays
 * of type `public` count: bank holidays, observances and school holidays do not close a business.
 * date-holidays calls the subdivision of a country a "state"; a schedule calls it a `region`.
 */

/** Which public holidays a schedule follows: a country and optionally one of its regions. */
export interface HolidayArea {
  /** ISO 3166-1 alpha-2 country code, such as `FR`. */
  readonly country: string;
  /** A subdivision code as date-holidays knows it, such as `57` (Moselle) for `FR`. */
  readonly region?: string;
}

/** One day of public holiday. */
export interface PublicHoliday {
  /** The local date, `YYYY-MM-DD`. */
  readonly date: string;
  /** The holiday's name in the country's main language. */
  readonly name: string;
}

let catalogue: Holidays | undefined;
const getCatalogue = (): Holidays => (catalogue ??= new Holidays());

let countries: ReadonlySet<string> | undefined;

/**
 * True when date-holidays knows public holidays for `country` (an ISO 3166-1 alpha-2 code such as
 * `FR`; case-sensitive, as in the document).
 */
export function isKnownHolidayCountry(country: string): boolean {
  countries ??= new Set(Object.keys(getCatalogue().getCountries()));
  return countries.has(country);
}

/** The region code as date-holidays spells it, or undefined when the country has no such region. */
function canonicalRegion(country: string, region: string): string | undefined {
  if (!isKnownHolidayCountry(country)) return undefined;
  const states = getCatalogue().getStates(country) as Record<string, string> | undefined;
  if (states === undefined) return undefined;
  const wanted = region.toUpperCase();
  return Object.keys(states).find((code) => code.toUpperCase() === wanted);
}

/**
 * True when date-holidays knows `region` as a subdivision of `country` with its own public
 * holidays, such as `57` (Moselle, which adds Good Friday and 26 December) for `FR`. Letter case is
 * ignored in the region code.
 */
export function isKnownHolidayRegion(country: string, region: string): boolean {
  return canonicalRegion(country, region) !== undefined;
}

/** A public holiday as a schedule decision names it; shared by every schedule of the same area. */
export interface PublicHolidayRule {
  readonly type: 'publicHoliday';
  readonly name: string;
  readonly date: string;
}

interface AreaCalendar {
  readonly source: Holidays;
  readonly years: Set<number>;
  /** Day number to the holiday of that day. */
  readonly days: Map<number, PublicHolidayRule>;
}

const calendars = new Map<string, AreaCalendar>();

function calendarOf(area: HolidayArea): AreaCalendar {
  const region = area.region === undefined ? undefined : canonicalRegion(area.country, area.region);
  const key = `${area.country}|${region ?? ''}`;
  let calendar = calendars.get(key);
  if (calendar === undefined) {
    const options = { types: ['public' as const] };
    const source =
      region === undefined
        ? new Holidays(area.country, options)
        : new Holidays(area.country, region, options);
    calendar = { source, years: new Set(), days: new Map() };
    calendars.set(key, calendar);
  }
  return calendar;
}

function loadYear(calendar: AreaCalendar, year: number): void {
  if (calendar.years.has(year)) return;
  calendar.years.add(year);
  for (const holiday of calendar.source.getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    // A holiday is whole local days from the date it is given for, however long date-holidays says
    // it lasts (some start the evening before, a few last several days): one day at least.
    const first = dayNumberOf(holiday.date.slice(0, 10));
    const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    for (let day = first; day < first + length; day += 1) {
      if (!calendar.days.has(day)) {
        calendar.days.set(
          day,
          Object.freeze({ type: 'publicHoliday', name: holiday.name, date: isoDateOf(day) }),
        );
      }
    }
  }
}

/**
 * The public holiday on local date `dayNumber` (days since 1970-01-01) in `area`, or undefined.
 * Years are computed on first use and cached.
 */
export function publicHolidayOnDay(
  area: HolidayArea,
  dayNumber: number,
  year: number,
): PublicHolidayRule | undefined {
  const calendar = calendarOf(area);
  // A holiday of several days given for the end of one year runs into the next.
  loadYear(calendar, year - 1);
  loadYear(calendar, year);
  return calendar.days.get(dayNumber);
}

/**
 * The public holidays of `year` in `area`, one entry per day, in date order. An unknown country has
 * none; an unknown region falls back to the country's holidays.
 *
 * @example
 * listPublicHolidays({ country: 'FR', region: '57' }, 2026).map((h) => h.date);
 * // [..., '2026-12-25', '2026-12-26']
 */
export function listPublicHolidays(area: HolidayArea, year: number): PublicHoliday[] {
  const calendar = calendarOf(area);
  loadYear(calendar, year - 1);
  loadYear(calendar, year);
  const prefix = `${String(year).padStart(4, '0')}-`;
  return [...calendar.days.values()]
    .filter((rule) => rule.date.startsWith(prefix))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map(({ date, name }) => ({ date, name }));
}
