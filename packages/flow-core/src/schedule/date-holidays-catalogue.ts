import Holidays from 'date-holidays';
import type { CataloguedHoliday, HolidayCatalogue } from './holiday-catalogue.js';
import { DAY_MS } from './time.js';

/*
 * The date-holidays catalogue. Only holidays of type `public` count: bank holidays, observances and
 * school holidays do not close a business. date-holidays calls the subdivision of a country a
 * "state"; a schedule calls it a `region`.
 */

let all: Holidays | undefined;
const everything = (): Holidays => (all ??= new Holidays());
const areas = new Map<string, Holidays>();

function areaOf(country: string, region: string | undefined): Holidays {
  const key = `${country}|${region ?? ''}`;
  let area = areas.get(key);
  if (area === undefined) {
    const options = { types: ['public' as const] };
    area = region === undefined ? new Holidays(country, options) : new Holidays(country, region, options);
    areas.set(key, area);
  }
  return area;
}

/** Public holidays from the date-holidays package (every country it knows, one region level). */
export const dateHolidaysCatalogue: HolidayCatalogue = {
  countries: () => Object.keys(everything().getCountries()),
  regions: (country) =>
    Object.keys((everything().getStates(country) as Record<string, string> | undefined) ?? {}),
  publicHolidays(country, region, year): CataloguedHoliday[] {
    return areaOf(country, region)
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => ({
        date: holiday.date.slice(0, 10),
        name: holiday.name,
        // Whole local days, however long date-holidays says it lasts (some start the evening
        // before, a few last several days): one day at least.
        days: Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS)),
      }));
  },
};
