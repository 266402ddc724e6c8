import { describe, expect, it } from 'vitest';
import { isKnownHolidayCountry, isKnownHolidayRegion, listPublicHolidays } from './public-holidays.js';

describe('isKnownHolidayCountry', () => {
  it('knows the countries date-holidays knows', () => {
    expect(isKnownHolidayCountry('FR')).toBe(true);
    expect(isKnownHolidayCountry('US')).toBe(true);
    expect(isKnownHolidayCountry('ZZ')).toBe(false);
    expect(isKnownHolidayCountry('fr')).toBe(false);
  });
});

describe('isKnownHolidayRegion', () => {
  it('knows the regions of a country', () => {
    expect(isKnownHolidayRegion('FR', '57')).toBe(true);
    expect(isKnownHolidayRegion('FR', 'GP')).toBe(true);
    expect(isKnownHolidayRegion('FR', 'gp')).toBe(true);
    expect(isKnownHolidayRegion('FR', '99')).toBe(false);
    expect(isKnownHolidayRegion('ZZ', '57')).toBe(false);
  });
});

describe('listPublicHolidays', () => {
  it('lists the public holidays of France, and only the public ones', () => {
    const holidays = listPublicHolidays({ country: 'FR' }, 2026);
    expect(holidays.map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(holidays).toContainEqual({ date: '2026-04-06', name: 'Lundi de Pâques' });
  });

  it('adds the holidays of a region', () => {
    const dates = listPublicHolidays({ country: 'FR', region: '57' }, 2026).map((h) => h.date);
    expect(dates).toContain('2026-04-03');
    expect(dates).toContain('2026-12-26');
    expect(dates).toHaveLength(13);
  });

  it('lists every day of a holiday lasting several days', () => {
    const dates = listPublicHolidays({ country: 'AM' }, 2026).map((h) => h.date);
    expect(dates.slice(0, 2)).toEqual(['2026-01-01', '2026-01-02']);
  });

  it('knows no holidays for an unknown country', () => {
    expect(listPublicHolidays({ country: 'ZZ' }, 2026)).toEqual([]);
  });
});
