import { hasHolidayCatalogue, holidayCatalogue, holidayCatalogueGeneration } from './holiday-catalogue.js';
import { dayNumberOf, isoDateOf } from './time.js';

/*
 * Public holidays come from the installed holiday catalogue (holiday-catalogue.ts; date-holidays by
 * default), never from hand-written lists (DESIGN 3.2), cached per area and year.
 */

/** Which public holidays a schedule follows: a country and optionally one of its regions. */
export interface HolidayArea {
  /** ISO 3166-1 alpha-2 country code, such as `FR`. */
  readonly country: string;
  /** A subdivision code as the catalogue knows it, such as `57` (Moselle) for `FR`. */
  readonly region?: string;
}

/** One day of public holiday. */
export interface PublicHoliday {
  /** The local date, `YYYY-MM-DD`. */
  readonly date: string;
  /** The holiday's name in the country's main language. */
  readonly name: string;
}

let countries: { readonly generation: number; readonly codes: ReadonlySet<string> } | undefined;

/**
 * True when the holiday catalogue knows public holidays for `country` (an ISO 3166-1 alpha-2 code
 * such as `FR`; case-sensitive, as in the document). With no catalogue installed, every country
 * passes: flow-core cannot tell.
 */
export function isKnownHolidayCountry(country: string): boolean {
  const catalogue = holidayCatalogue();
  if (catalogue === undefined) return true;
  if (countries?.generation !== holidayCatalogueGeneration()) {
    countries = { generation: holidayCatalogueGeneration(), codes: new Set(catalogue.countries()) };
  }
  return countries.codes.has(country);
}

/** The region code as the catalogue spells it, or undefined when the country has no such region. */
function canonicalRegion(country: string, region: string): string | undefined {
  const catalogue = holidayCatalogue();
  if (catalogue === undefined || !isKnownHolidayCountry(country)) return undefined;
  const wanted = region.toUpperCase();
  return [...catalogue.regions(country)].find((code) => code.toUpperCase() === wanted);
}

/**
 * True when the holiday catalogue knows `region` as a subdivision of `country` with its own public
 * holidays, such as `57` (Moselle, which adds Good Friday and 26 December) for `FR`. Letter case is
 * ignored in the region code. With no catalogue installed, every region passes.
 */
export function isKnownHolidayRegion(country: string, region: string): boolean {
  return !hasHolidayCatalogue() || canonicalRegion(country, region) !== undefined;
}

/** A public holiday as a schedule decision names it; shared by every schedule of the same area. */
export interface PublicHolidayRule {
  readonly type: 'publicHoliday';
  readonly name: string;
  readonly date: string;
}

interface AreaCalendar {
  readonly country: string;
  readonly region: string | undefined;
  readonly years: Set<number>;
  /** Day number to the holiday of that day. */
  readonly days: Map<number, PublicHolidayRule>;
}

let calendars = new Map<string, AreaCalendar>();
let calendarsGeneration = 0;

function calendarOf(area: HolidayArea): AreaCalendar {
  if (calendarsGeneration !== holidayCatalogueGeneration()) {
    calendars = new Map();
    calendarsGeneration = holidayCatalogueGeneration();
  }
  const region = area.region === undefined ? undefined : canonicalRegion(area.country, area.region);
  const key = `${area.country}|${region ?? ''}`;
  let calendar = calendars.get(key);
  if (calendar === undefined) {
    calendar = { country: area.country, region, years: new Set(), days: new Map() };
    calendars.set(key, calendar);
  }
  return calendar;
}

function loadYear(calendar: AreaCalendar, year: number): void {
  if (calendar.years.has(year)) return;
  calendar.years.add(year);
  const catalogue = holidayCatalogue();
  if (catalogue === undefined || !isKnownHolidayCountry(calendar.country)) return;
  for (const holiday of catalogue.publicHolidays(calendar.country, calendar.region, year)) {
    const first = dayNumberOf(holiday.date);
    for (let day = first; day < first + holiday.days; day += 1) {
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
