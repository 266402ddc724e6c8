import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  dayNumberOf,
  daysFromCivil,
  isoDateOf,
  minutesOf,
  rangeExtent,
  weekdayIndexOf,
} from './time.js';

const DAY = 86_400_000;

describe('calendar arithmetic', () => {
  it('counts days as Date.UTC does, for any day from year 1 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1, 0, 1) / DAY, max: Date.UTC(9999, 11, 31) / DAY }), (day) => {
        const date = new Date(day * DAY);
        const civil = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
        expect(civilFromDays(day)).toEqual(civil);
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(day);
        expect(isoDateOf(day)).toBe(date.toISOString().slice(0, 10));
        expect(dayNumberOf(isoDateOf(day))).toBe(day);
        expect(weekdayIndexOf(day)).toBe((date.getUTCDay() + 6) % 7);
      }),
    );
  });

  it('reads times as minutes since midnight', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('24:00')).toBe(1440);
  });
});

describe('rangeExtent', () => {
  it('places a range within its day', () => {
    expect(rangeExtent(['09:00', '12:30'])).toEqual({ start: 540, ownEnd: 750, spill: 0, empty: false });
    expect(rangeExtent(['18:00', '24:00'])).toEqual({ start: 1080, ownEnd: 1440, spill: 0, empty: false });
  });

  it('runs a range whose end is before its start past midnight', () => {
    expect(rangeExtent(['22:00', '02:00'])).toEqual({ start: 1320, ownEnd: 1440, spill: 120, empty: false });
    expect(rangeExtent(['24:00', '01:00'])).toEqual({ start: 1440, ownEnd: 1440, spill: 60, empty: false });
  });

  it('finds the empty ranges', () => {
    expect(rangeExtent(['10:00', '10:00']).empty).toBe(true);
    expect(rangeExtent(['24:00', '00:00']).empty).toBe(true);
    expect(rangeExtent(['00:00', '24:00']).empty).toBe(false);
  });
});
