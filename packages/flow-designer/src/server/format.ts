import type { Locale } from '@ringflow/flow-core';
import { intlLocale } from '../simulation/call-setup.js';

/** A date and time as an admin reads it, in the browser's time zone (`23/11/2026 22:02`). */
export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), {
      dateStyle: 'short',
      timeStyle: 'short',
      ...(timeZone === undefined ? {} : { timeZone }),
    }).format(at);
  } catch {
    return iso;
  }
}

/** A time of day with seconds (`22:02:16`), in `timeZone` when given. */
export function formatTime(iso: string, locale: Locale, timeZone?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(timeZone === undefined ? {} : { timeZone }),
    }).format(at);
  } catch {
    return iso;
  }
}

/** A day and time without the year, for dense lists (`25/11 15:30`), in `timeZone` when given. */
export function formatShortDateTime(iso: string, locale: Locale, timeZone?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), {
      day: '2-digit',
      month: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(timeZone === undefined ? {} : { timeZone }),
    }).format(at);
  } catch {
    return iso;
  }
}
