import { afterEach, describe, expect, it } from 'vitest';
import { compileFlow } from '../engine/compile.js';
import { parseFlow } from '../document/parse.js';
import { validateFlow } from '../validation/validate.js';
import { isOpen } from './compile.js';
import { dateHolidaysCatalogue } from './date-holidays-catalogue.js';
import {
  hasHolidayCatalogue,
  holidayCatalogueGeneration,
  installHolidayCatalogue,
  onHolidayCatalogueInstalled,
} from './holiday-catalogue.js';
import type { HolidayCatalogue } from './holiday-catalogue.js';
import { isKnownHolidayCountry, listPublicHolidays } from './public-holidays.js';

// A catalogue that knows one made-up holiday, to see flow-core switch from one source to another.
const tiny: HolidayCatalogue = {
  countries: () => ['FR'],
  regions: () => [],
  publicHolidays: (_country, _region, year) => [{ date: `${year}-11-24`, name: 'Jour test', days: 1 }],
};

afterEach(() => installHolidayCatalogue(dateHolidaysCatalogue));

const schedule = {
  id: 'office',
  name: 'Bureau',
  weekly: { mon: [], tue: [['09:00', '18:00']], wed: [], thu: [], fri: [], sat: [], sun: [] },
  closures: [],
  specialHours: [],
  publicHolidays: { country: 'FR' },
} as const;
// Tuesday 24 November 2026, 10:00 in Paris.
const tuesdayMorning = Date.UTC(2026, 10, 24, 9);

describe('the holiday catalogue', () => {
  it('is installed for the tests, as the main entry installs it', () => {
    expect(hasHolidayCatalogue()).toBe(true);
    expect(isKnownHolidayCountry('FR')).toBe(true);
    expect(isKnownHolidayCountry('ZZ')).toBe(false);
  });

  it('drops what was computed from the previous catalogue when another is installed', () => {
    const weekly = structuredClone(schedule) as never;
    expect(isOpen(weekly, tuesdayMorning, { timezone: 'Europe/Paris' }).status).toBe('open');
    let told = 0;
    const stop = onHolidayCatalogueInstalled(() => (told += 1));
    const before = holidayCatalogueGeneration();
    installHolidayCatalogue(tiny);
    stop();
    expect(told).toBe(1);
    expect(holidayCatalogueGeneration()).toBe(before + 1);
    // The same schedule object: the cached compile is not reused.
    const decision = isOpen(weekly, tuesdayMorning, { timezone: 'Europe/Paris' });
    expect(decision.status).toBe('holiday');
    expect(listPublicHolidays({ country: 'FR' }, 2026)).toEqual([{ date: '2026-11-24', name: 'Jour test' }]);
    expect(isKnownHolidayCountry('DE')).toBe(false);
  });

  it('compiles a flow again after a new catalogue, so a call sees the new holidays', () => {
    const parsed = parseFlow({
      format: 'ringflow.flow/v1',
      id: 'f',
      name: 'F',
      timezone: 'Europe/Paris',
      entry: 'hours',
      schedules: [schedule],
      nodes: [
        { id: 'hours', kind: 'businessHours', config: { schedule: 'office' } },
        { id: 'bye', kind: 'hangup' },
      ],
      edges: [
        { id: 'e1', source: 'hours', port: 'open', target: 'bye' },
        { id: 'e2', source: 'hours', port: 'closed', target: 'bye' },
      ],
    });
    expect(parsed.ok).toBe(true);
    const first = compileFlow(parsed.flow!);
    expect(compileFlow(parsed.flow!)).toBe(first);
    installHolidayCatalogue(tiny);
    expect(compileFlow(parsed.flow!)).not.toBe(first);
  });

  it('with no catalogue, names no holiday and reports no country as unknown', async () => {
    // A fresh copy of the modules, with nothing installed (as `@ringflow/flow-core/core` starts).
    const { vi } = await import('vitest');
    vi.resetModules();
    const catalogue = await import('./holiday-catalogue.js');
    const holidays = await import('./public-holidays.js');
    const validate = await import('../validation/validate.js');
    expect(catalogue.hasHolidayCatalogue()).toBe(false);
    expect(holidays.isKnownHolidayCountry('ZZ')).toBe(true);
    expect(holidays.listPublicHolidays({ country: 'FR' }, 2026)).toEqual([]);
    const flow = {
      format: 'ringflow.flow/v1',
      id: 'f',
      name: 'F',
      timezone: 'Europe/Paris',
      entry: 'bye',
      schedules: [{ ...schedule, publicHolidays: { country: 'ZZ' } }],
      nodes: [{ id: 'bye', kind: 'hangup' }],
    };
    expect(validate.validateFlow(flow).errors.map((i) => i.code)).not.toContain('unknown_holiday_country');
    expect(validateFlow(flow).errors.map((i) => i.code)).toContain('unknown_holiday_country');
  });
});
