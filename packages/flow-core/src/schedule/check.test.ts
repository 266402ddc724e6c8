import { describe, expect, it } from 'vitest';
import { scheduleSchema } from '../document/schema.js';
import { IssueList } from '../validation/issue.js';
import { checkSchedule } from './check.js';

const PATH = ['schedules', 2] as const;

/** The issues checkSchedule reports for a schedule made of `fields`, as `{ code, path, params }`. */
function issuesOf(fields: Record<string, unknown>) {
  const list = new IssueList();
  checkSchedule(
    scheduleSchema.parse({ id: 'office', name: 'Office', ...fields }),
    PATH,
    list,
    'Europe/Paris',
  );
  return list.issues.map(({ code, path, params }) => ({ code, path, params }));
}

describe('checkSchedule', () => {
  it('accepts a well-formed schedule', () => {
    expect(
      issuesOf({
        timezone: 'Europe/Paris',
        weekly: {
          mon: [
            ['09:00', '12:30'],
            ['14:00', '18:00'],
          ],
          fri: [['12:30', '24:00']],
          sat: [
            ['00:00', '02:00'],
            ['22:00', '03:00'],
          ],
          sun: [['12:00', '24:00']],
        },
        closures: [
          { name: 'Noël', date: '2026-12-25' },
          { name: 'Congés', from: '2026-08-03', to: '2026-08-03' },
          { name: '1er mai', every: '05-01' },
        ],
        specialHours: [
          {
            date: '2026-12-24',
            hours: [
              ['09:00', '12:00'],
              ['12:00', '13:00'],
            ],
          },
          { date: '2026-12-31', hours: [] },
        ],
        publicHolidays: { country: 'FR', region: '57' },
      }),
    ).toEqual([]);
  });

  it('reports an unknown time zone of the schedule', () => {
    expect(issuesOf({ timezone: 'Europe/Pariss' })).toEqual([
      { code: 'invalid_timezone', path: ['schedules', 2, 'timezone'], params: { timezone: 'Europe/Pariss' } },
    ]);
    expect(issuesOf({ timezone: '+01:00' })).toMatchObject([{ code: 'invalid_timezone' }]);
  });

  it('reports an empty range, weekly or special', () => {
    expect(
      issuesOf({
        weekly: {
          tue: [
            ['08:00', '09:00'],
            ['10:00', '10:00'],
          ],
          wed: [['24:00', '00:00']],
        },
        specialHours: [{ date: '2026-12-24', hours: [['09:00', '09:00']] }],
      }),
    ).toEqual([
      {
        code: 'empty_time_range',
        path: ['schedules', 2, 'weekly', 'tue', 1],
        params: { start: '10:00', end: '10:00' },
      },
      {
        code: 'empty_time_range',
        path: ['schedules', 2, 'weekly', 'wed', 0],
        params: { start: '24:00', end: '00:00' },
      },
      {
        code: 'empty_time_range',
        path: ['schedules', 2, 'specialHours', 0, 'hours', 0],
        params: { start: '09:00', end: '09:00' },
      },
    ]);
  });

  it('reports ranges overlapping within a day', () => {
    expect(
      issuesOf({
        weekly: {
          mon: [
            ['09:00', '12:30'],
            ['12:00', '14:00'],
            ['12:30', '13:00'],
          ],
        },
      }),
    ).toEqual([
      {
        code: 'overlapping_time_ranges',
        path: ['schedules', 2, 'weekly', 'mon', 1],
        params: { first: 'mon 09:00-12:30', second: 'mon 12:00-14:00' },
      },
      {
        code: 'overlapping_time_ranges',
        path: ['schedules', 2, 'weekly', 'mon', 2],
        params: { first: 'mon 12:00-14:00', second: 'mon 12:30-13:00' },
      },
    ]);
  });

  it('reports a range past midnight overlapping the next day', () => {
    expect(issuesOf({ weekly: { fri: [['22:00', '02:00']], sat: [['01:00', '05:00']] } })).toEqual([
      {
        code: 'overlapping_time_ranges',
        path: ['schedules', 2, 'weekly', 'sat', 0],
        params: { first: 'fri 22:00-02:00', second: 'sat 01:00-05:00' },
      },
    ]);
    // Touching is not overlapping.
    expect(issuesOf({ weekly: { fri: [['22:00', '02:00']], sat: [['02:00', '05:00']] } })).toEqual([]);
  });

  it('reports Sunday night overlapping Monday morning', () => {
    expect(issuesOf({ weekly: { mon: [['00:00', '08:00']], sun: [['23:00', '00:30']] } })).toEqual([
      {
        code: 'overlapping_time_ranges',
        path: ['schedules', 2, 'weekly', 'sun', 0],
        params: { first: 'mon 00:00-08:00', second: 'sun 23:00-00:30' },
      },
    ]);
  });

  it('reports two ranges past midnight of the same day', () => {
    expect(
      issuesOf({
        weekly: {
          thu: [
            ['22:00', '01:00'],
            ['23:00', '00:30'],
          ],
        },
      }),
    ).toMatchObject([
      { code: 'overlapping_time_ranges', params: { first: 'thu 22:00-01:00', second: 'thu 23:00-00:30' } },
    ]);
  });

  it('reports ranges overlapping within one special date', () => {
    expect(
      issuesOf({
        specialHours: [
          {
            date: '2026-12-24',
            hours: [
              ['09:00', '12:00'],
              ['11:00', '13:00'],
            ],
          },
        ],
      }),
    ).toEqual([
      {
        code: 'overlapping_time_ranges',
        path: ['schedules', 2, 'specialHours', 0, 'hours', 1],
        params: { first: '2026-12-24 09:00-12:00', second: '2026-12-24 11:00-13:00' },
      },
    ]);
  });

  it('reports a closure period that ends before it starts', () => {
    expect(issuesOf({ closures: [{ name: 'Congés', from: '2026-08-16', to: '2026-08-03' }] })).toEqual([
      {
        code: 'invalid_date_range',
        path: ['schedules', 2, 'closures', 0, 'to'],
        params: { from: '2026-08-16', to: '2026-08-03' },
      },
    ]);
  });

  it('reports special hours given twice for a date', () => {
    expect(
      issuesOf({
        specialHours: [
          { date: '2026-12-24', hours: [] },
          { date: '2026-12-31', hours: [] },
          { date: '2026-12-24', hours: [['09:00', '10:00']] },
        ],
      }),
    ).toEqual([
      {
        code: 'duplicate_special_date',
        path: ['schedules', 2, 'specialHours', 2, 'date'],
        params: { date: '2026-12-24' },
      },
    ]);
  });

  it('reports an unknown public holiday country', () => {
    expect(issuesOf({ publicHolidays: { country: 'ZZ', region: '57' } })).toEqual([
      {
        code: 'unknown_holiday_country',
        path: ['schedules', 2, 'publicHolidays', 'country'],
        params: { country: 'ZZ' },
      },
    ]);
  });

  it('reports an unknown public holiday region', () => {
    expect(issuesOf({ publicHolidays: { country: 'FR', region: '99' } })).toEqual([
      {
        code: 'unknown_holiday_region',
        path: ['schedules', 2, 'publicHolidays', 'region'],
        params: { country: 'FR', region: '99' },
      },
    ]);
  });

  it('writes messages from the code table', () => {
    const list = new IssueList('fr');
    checkSchedule(
      scheduleSchema.parse({
        id: 'o',
        name: 'O',
        weekly: {
          mon: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
      }),
      ['schedules', 0],
      list,
      'Europe/Paris',
    );
    expect(list.issues[0]!.message).toBe('Les plages mon 09:00-12:00 et mon 11:00-13:00 se chevauchent.');
  });
});
