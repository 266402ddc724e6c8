import { isKnownHolidayCountry, WEEKDAYS } from '@ringflow/flow-core';
import type { Locale } from '@ringflow/flow-core';

/*
 * Names the browser already knows in the admin's language (days, months, languages, countries,
 * time zones), through Intl, so that the designer does not keep its own translated lists of them.
 */

const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** The days of the week, Monday first, as the schedule's `weekly` keys are ordered. */
export function weekdayNames(locale: Locale, width: 'long' | 'short'): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return WEEKDAYS.map((_, i) => capitalize(format.format(Date.UTC(2024, 0, 1 + i))));
}

/** The months of the year, January first. */
export function monthNames(locale: Locale): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => capitalize(format.format(Date.UTC(2024, i, 1))));
}

/** A language tag (`fr-FR`) as a person reads it, or the tag itself when Intl does not know it. */
export function languageName(tag: string, locale: Locale): string {
  try {
    return capitalize(new Intl.DisplayNames(locale, { type: 'language' }).of(tag) ?? tag);
  } catch {
    return tag;
  }
}

/** A country code (`FR`) as a person reads it, or the code itself. */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Languages offered for text to speech; others already in a flow are shown too. */
export const TTS_LANGUAGES: readonly string[] = [
  'fr-FR',
  'fr-BE',
  'fr-CH',
  'fr-CA',
  'en-GB',
  'en-US',
  'en-AU',
  'de-DE',
  'de-CH',
  'es-ES',
  'it-IT',
  'nl-NL',
  'nl-BE',
  'pt-PT',
  'pt-BR',
];

/*
 * flow-core checks a country against its holiday catalogue (isKnownHolidayCountry) but does not list
 * the countries it knows. Until it does, these are the ones offered (the French-speaking world and the
 * usual markets first), kept to those the catalogue knows once it is loaded.
 */
const HOLIDAY_COUNTRY_CANDIDATES = [
  'FR',
  'BE',
  'CH',
  'LU',
  'MC',
  'CA',
  'GB',
  'IE',
  'US',
  'DE',
  'AT',
  'ES',
  'PT',
  'IT',
  'NL',
  'DK',
  'SE',
  'NO',
  'FI',
  'PL',
  'CZ',
  'GR',
  'RO',
  'HU',
  'MA',
  'TN',
  'DZ',
  'SN',
  'CI',
  'CM',
  'MG',
  'RE',
  'GP',
  'MQ',
  'GF',
  'YT',
  'NC',
  'PF',
  'AU',
  'NZ',
  'BR',
  'MX',
  'AR',
  'CL',
  'CO',
  'ZA',
  'JP',
  'SG',
  'IN',
  'AE',
  'IL',
  'TR',
];

/**
 * Country codes offered for public holidays: those of the list above that flow-core's holiday
 * catalogue knows (all of them while the catalogue is still loading: flow-core cannot tell yet).
 */
export function holidayCountries(): readonly string[] {
  return HOLIDAY_COUNTRY_CANDIDATES.filter((code) => isKnownHolidayCountry(code));
}

let knownZones: readonly string[] | undefined;

/** The time zones the browser knows, for a select (the same array on every call). */
export function timeZones(): readonly string[] {
  if (knownZones === undefined) {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    knownZones = zones.includes('UTC') ? zones : ['UTC', ...zones];
  }
  return knownZones;
}

/** Today's date, `YYYY-MM-DD`, on the wall clock of `timeZone` (the browser's when it is invalid). */
export function todayIn(timeZone: string): string {
  const format = (zone: string | undefined) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(new Date());
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  };
  try {
    return format(timeZone);
  } catch {
    return format(undefined);
  }
}
