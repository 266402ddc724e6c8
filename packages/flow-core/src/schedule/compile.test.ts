import { fromZonedTime } from 'date-fns-tz';
import { describe, expect, it } from 'vitest';
import { scheduleSchema, type Schedule } from '../document/schema.js';
import { compileSchedule, isOpen, type CompiledSchedule } from './compile.js';

const PARIS = 'Europe/Paris';

/** A schedule with every default applied, as parseFlow would give it. */
function schedule(fields: Record<string, unknown> = {}): Schedule {
  return scheduleSchema.parse({ id: 'office', name: 'Office', ...fields });
}

/** The instant at which the wall clock of `zone` reads `local` (`YYYY-MM-DD HH:MM[:SS]`). */
function at(local: string, zone = PARIS): number {
  return fromZonedTime(local.replace(' ', 'T'), zone).getTime();
}

describe('compileSchedule: weekly hours', () => {
  const office = compileSchedule(
    schedule({
      weekly: {
        mon: [
          ['09:00', '12:30'],
          ['14:00', '18:00'],
        ],
      },
    }),
    { timezone: PARIS },
  );

  it('is open inside a range, naming the range and when it closes', () => {
    expect(office.at(at('2026-03-02 09:00'))).toEqual({
      status: 'open',
      rule: { type: 'weekly', day: 'mon', range: ['09:00', '12:30'] },
      until: at('2026-03-02 12:30'),
    });
    expect(office.at(at('2026-03-02 17:59:59')).rule).toEqual({
      type: 'weekly',
      day: 'mon',
      range: ['14:00', '18:00'],
    });
  });

  it('treats the end of a range as exclusive', () => {
    expect(office.at(at('2026-03-02 12:30'))).toEqual({
      status: 'closed',
      rule: { type: 'weeklyClosed', day: 'mon' },
      until: at('2026-03-02 14:00'),
    });
    expect(office.at(at('2026-03-02 12:30') - 1).status).toBe('open');
  });

  it('is closed on a day without ranges, until the next opening a week later', () => {
    expect(office.at(at('2026-03-04 10:00'))).toEqual({
      status: 'closed',
      rule: { type: 'weeklyClosed', day: 'wed' },
      until: at('2026-03-09 09:00'),
    });
  });

  it('accepts a Date as well as epoch milliseconds', () => {
    expect(office.at(new Date(at('2026-03-02 10:00')))).toBe(office.at(at('2026-03-02 10:00')));
  });

  it('returns frozen decisions and rules', () => {
    const decision = office.at(at('2026-03-02 10:00'));
    expect(Object.isFrozen(decision)).toBe(true);
    expect(Object.isFrozen(decision.rule)).toBe(true);
  });

  it('rejects an instant no Date can hold', () => {
    expect(() => office.at(Number.NaN)).toThrow(RangeError);
    expect(() => office.at(9e15)).toThrow(RangeError);
  });
});

describe('compileSchedule: 24:00 and ranges past midnight', () => {
  it('runs a range ending at 24:00 to midnight', () => {
    const late = compileSchedule(schedule({ weekly: { tue: [['18:00', '24:00']] } }), { timezone: PARIS });
    expect(late.at(at('2026-03-03 23:59:59')).status).toBe('open');
    expect(late.at(at('2026-03-03 18:00')).until).toBe(at('2026-03-04 00:00'));
    expect(late.at(at('2026-03-04 00:00'))).toMatchObject({
      status: 'closed',
      rule: { type: 'weeklyClosed', day: 'wed' },
    });
  });

  it('keeps a schedule open all week long with no change of status in sight', () => {
    const allDay = [['00:00', '24:00']];
    const always = compileSchedule(
      schedule({
        weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      }),
      { timezone: PARIS },
    );
    const decision = always.at(at('2026-06-10 12:00'));
    expect(decision).toEqual({
      status: 'open',
      rule: { type: 'weekly', day: 'wed', range: ['00:00', '24:00'] },
      until: null,
    });
  });

  it('gives the hours after midnight to the day the range starts on', () => {
    const bar = compileSchedule(
      schedule({ weekly: { fri: [['22:00', '02:00']], sat: [['10:00', '12:00']] } }),
      { timezone: PARIS },
    );
    const fridayNight = { type: 'weekly', day: 'fri', range: ['22:00', '02:00'] };
    expect(bar.at(at('2026-03-06 22:00'))).toEqual({
      status: 'open',
      rule: fridayNight,
      until: at('2026-03-07 02:00'),
    });
    expect(bar.at(at('2026-03-07 01:00'))).toEqual({
      status: 'open',
      rule: fridayNight,
      until: at('2026-03-07 02:00'),
    });
    expect(bar.at(at('2026-03-07 02:00'))).toEqual({
      status: 'closed',
      rule: { type: 'weeklyClosed', day: 'sat' },
      until: at('2026-03-07 10:00'),
    });
  });

  it('keeps the next morning open even when the next day is a closure, then applies the closure', () => {
    const bar = compileSchedule(
      schedule({
        weekly: { fri: [['22:00', '02:00']] },
        closures: [{ name: 'Inventaire', date: '2026-03-07' }],
      }),
      { timezone: PARIS },
    );
    expect(bar.at(at('2026-03-07 01:00'))).toMatchObject({
      status: 'open',
      rule: { day: 'fri' },
      until: at('2026-03-07 02:00'),
    });
    expect(bar.at(at('2026-03-07 02:00'))).toEqual({
      status: 'holiday',
      rule: { type: 'closure', name: 'Inventaire' },
      until: at('2026-03-08 00:00'),
    });
  });

  it('spills nothing from a day that is itself closed', () => {
    const bar = compileSchedule(
      schedule({ weekly: { fri: [['22:00', '02:00']] }, closures: [{ name: 'Fermé', date: '2026-03-06' }] }),
      { timezone: PARIS },
    );
    expect(bar.at(at('2026-03-06 23:00')).status).toBe('holiday');
    expect(bar.at(at('2026-03-07 01:00'))).toMatchObject({
      status: 'closed',
      rule: { type: 'weeklyClosed', day: 'sat' },
    });
  });

  it('runs Sunday night into Monday morning', () => {
    const night = compileSchedule(schedule({ weekly: { sun: [['23:00', '01:00']] } }), { timezone: PARIS });
    expect(night.at(at('2026-03-09 00:30'))).toMatchObject({
      status: 'open',
      rule: { day: 'sun' },
      until: at('2026-03-09 01:00'),
    });
  });

  it('treats a range starting at 24:00 as the first hours of the next day', () => {
    const night = compileSchedule(schedule({ weekly: { sun: [['24:00', '01:00']] } }), { timezone: PARIS });
    expect(night.at(at('2026-03-08 23:59')).status).toBe('closed');
    expect(night.at(at('2026-03-09 00:30'))).toMatchObject({
      status: 'open',
      rule: { day: 'sun', range: ['24:00', '01:00'] },
    });
  });

  it('ignores an empty range', () => {
    const empty = compileSchedule(
      schedule({
        weekly: {
          mon: [
            ['09:00', '09:00'],
            ['24:00', '00:00'],
          ],
        },
      }),
      { timezone: PARIS },
    );
    expect(empty.at(at('2026-03-02 09:00')).status).toBe('closed');
    expect(empty.at(at('2026-03-03 00:00')).status).toBe('closed');
  });
});

describe('compileSchedule: precedence for a date', () => {
  const weekdays = [['09:00', '18:00']];
  const office = compileSchedule(
    schedule({
      weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
      closures: [
        { name: 'Fermeture annuelle', from: '2026-08-03', to: '2026-08-16' },
        { name: 'Pont', date: '2026-05-01' },
        { name: 'Noël', every: '12-24' },
      ],
      specialHours: [
        { date: '2026-12-24', name: 'Réveillon', hours: [['09:00', '12:00']] },
        { date: '2026-08-05', hours: [['10:00', '11:00']] },
        { date: '2026-07-14', hours: [['08:00', '10:00']] },
        { date: '2026-11-11', name: 'Inventaire', hours: [] },
      ],
      publicHolidays: { country: 'FR' },
    }),
    { timezone: PARIS },
  );

  it('follows special hours first, over a closure and over a public holiday', () => {
    expect(office.at(at('2026-12-24 10:00'))).toEqual({
      status: 'open',
      rule: { type: 'special', date: '2026-12-24', name: 'Réveillon', range: ['09:00', '12:00'] },
      until: at('2026-12-24 12:00'),
    });
    expect(office.at(at('2026-12-24 12:00'))).toMatchObject({
      status: 'closed',
      rule: { type: 'special', date: '2026-12-24', name: 'Réveillon' },
    });
    expect(office.at(at('2026-08-05 10:30')).rule).toEqual({
      type: 'special',
      date: '2026-08-05',
      range: ['10:00', '11:00'],
    });
    expect(office.at(at('2026-07-14 09:00')).status).toBe('open');
  });

  it('closes all day on special hours without ranges', () => {
    const decision = office.at(at('2026-11-11 10:00'));
    expect(decision).toMatchObject({
      status: 'closed',
      rule: { type: 'special', date: '2026-11-11', name: 'Inventaire' },
    });
    expect(decision.rule).not.toHaveProperty('range');
  });

  it('names a closure before a public holiday on the same date', () => {
    expect(office.at(at('2026-05-01 10:00'))).toEqual({
      status: 'holiday',
      rule: { type: 'closure', name: 'Pont' },
      // Saturday is closed: the status changes from holiday to closed at midnight.
      until: at('2026-05-02 00:00'),
    });
  });

  it('puts closures and public holidays before the weekly hours', () => {
    expect(office.at(at('2026-08-10 10:00'))).toMatchObject({
      status: 'holiday',
      rule: { name: 'Fermeture annuelle' },
    });
    expect(office.at(at('2026-04-06 10:00'))).toMatchObject({
      status: 'holiday',
      rule: { type: 'publicHoliday' },
    });
  });

  it('falls back to the weekly hours on an ordinary date', () => {
    expect(office.at(at('2026-04-07 10:00')).rule).toEqual({
      type: 'weekly',
      day: 'tue',
      range: ['09:00', '18:00'],
    });
  });
});

describe('compileSchedule: closures', () => {
  it('closes a whole period, both ends included', () => {
    const holidays = compileSchedule(
      schedule({ closures: [{ name: 'Congés', from: '2026-08-03', to: '2026-08-16' }] }),
      {
        timezone: PARIS,
      },
    );
    expect(holidays.at(at('2026-08-02 23:59:59')).status).toBe('closed');
    expect(holidays.at(at('2026-08-03 00:00'))).toEqual({
      status: 'holiday',
      rule: { type: 'closure', name: 'Congés' },
      until: at('2026-08-17 00:00'),
    });
    expect(holidays.at(at('2026-08-16 23:59:59')).status).toBe('holiday');
    expect(holidays.at(at('2026-08-17 00:00')).status).toBe('closed');
  });

  it('closes nothing for a period that ends before it starts', () => {
    const backwards = compileSchedule(
      schedule({ closures: [{ name: 'Oops', from: '2026-08-16', to: '2026-08-03' }] }),
      {
        timezone: PARIS,
      },
    );
    expect(backwards.at(at('2026-08-10 12:00')).status).toBe('closed');
    expect(backwards.at(at('2026-08-16 12:00')).status).toBe('closed');
  });

  it('repeats a yearly closure every year', () => {
    const christmas = compileSchedule(schedule({ closures: [{ name: 'Noël', every: '12-25' }] }), {
      timezone: PARIS,
    });
    for (const year of [2026, 2027, 2030]) {
      expect(christmas.at(at(`${year}-12-25 12:00`))).toMatchObject({
        status: 'holiday',
        rule: { name: 'Noël' },
      });
      expect(christmas.at(at(`${year}-12-26 00:00`)).status).toBe('closed');
    }
  });

  it('closes on 29 February only in leap years', () => {
    const leap = compileSchedule(schedule({ closures: [{ name: 'Bissextile', every: '02-29' }] }), {
      timezone: PARIS,
    });
    expect(leap.at(at('2028-02-29 12:00')).status).toBe('holiday');
    expect(leap.at(at('2027-02-28 12:00')).status).toBe('closed');
    expect(leap.at(at('2027-03-01 12:00')).status).toBe('closed');
    expect(leap.at(at('2028-03-01 00:00')).status).toBe('closed');
  });
});

describe('compileSchedule: public holidays', () => {
  const open = [['08:00', '20:00']];
  const weekly = { mon: open, tue: open, wed: open, thu: open, fri: open, sat: open, sun: open };

  it('closes on the public holidays of France', () => {
    const office = compileSchedule(schedule({ weekly, publicHolidays: { country: 'FR' } }), {
      timezone: PARIS,
    });
    expect(office.at(at('2026-05-01 10:00'))).toEqual({
      status: 'holiday',
      rule: { type: 'publicHoliday', name: 'Fête du travail', date: '2026-05-01' },
      until: at('2026-05-02 00:00'),
    });
    expect(office.at(at('2026-07-14 10:00')).rule).toMatchObject({
      type: 'publicHoliday',
      date: '2026-07-14',
    });
    expect(office.at(at('2026-04-06 10:00')).rule).toMatchObject({
      type: 'publicHoliday',
      name: 'Lundi de Pâques',
    });
    // Good Friday and 26 December are public holidays in Alsace-Moselle only; Pentecost Sunday is an observance.
    expect(office.at(at('2026-04-03 10:00')).status).toBe('open');
    expect(office.at(at('2026-12-26 10:00')).status).toBe('open');
    expect(office.at(at('2026-05-24 10:00')).status).toBe('open');
  });

  it('adds the holidays of a region', () => {
    const metz = compileSchedule(schedule({ weekly, publicHolidays: { country: 'FR', region: '57' } }), {
      timezone: PARIS,
    });
    expect(metz.at(at('2026-12-26 10:00')).rule).toEqual({
      type: 'publicHoliday',
      name: 'Lendemain de Noël',
      date: '2026-12-26',
    });
    expect(metz.at(at('2026-04-03 10:00')).rule).toMatchObject({ type: 'publicHoliday', date: '2026-04-03' });
    expect(metz.at(at('2026-05-01 10:00')).status).toBe('holiday');
  });

  it('reads holiday dates in the schedule’s time zone', () => {
    const newYork = 'America/New_York';
    const office = compileSchedule(schedule({ timezone: newYork, publicHolidays: { country: 'FR' } }), {
      timezone: PARIS,
    });
    expect(office.timezone).toBe(newYork);
    // 14 July 02:00 in Paris is still 13 July in New York.
    expect(office.at(at('2026-07-14 02:00')).status).toBe('closed');
    expect(office.at(at('2026-07-14 00:00', newYork))).toMatchObject({
      status: 'holiday',
      until: at('2026-07-15 00:00', newYork),
    });
  });
});

describe('compileSchedule: until', () => {
  const weekdays = [['09:00', '17:00']];
  const office = compileSchedule(
    schedule({
      weekly: {
        mon: weekdays,
        tue: weekdays,
        wed: weekdays,
        thu: weekdays,
        fri: weekdays,
        sat: [['22:00', '03:00']],
      },
      closures: [
        { name: 'Noël', every: '12-25' },
        { name: 'Été', from: '2027-07-26', to: '2027-08-08' },
      ],
      publicHolidays: { country: 'FR' },
    }),
    { timezone: PARIS },
  );

  it('is the instant at which the status changes, never a mere change of rule', () => {
    // A closed weekday evening and the closed night after it are one stretch of `closed`.
    expect(office.at(at('2026-03-03 17:00')).until).toBe(at('2026-03-04 09:00'));
    // Christmas Eve evening, then Christmas (holiday).
    expect(office.at(at('2026-12-24 18:00')).until).toBe(at('2026-12-25 00:00'));
  });

  it('follows the status from change to change over two years, across compiled blocks', () => {
    let t = at('2026-01-01 00:00');
    const end = at('2028-01-01 00:00');
    let previous = office.at(t - 1).status;
    let changes = 0;
    while (t < end) {
      const decision = office.at(t);
      expect(decision.status).not.toBe(previous);
      expect(decision.until).not.toBeNull();
      expect(decision.until!).toBeGreaterThan(t);
      expect(office.at(decision.until! - 1).status).toBe(decision.status);
      previous = decision.status;
      t = decision.until!;
      changes += 1;
    }
    // About 5 openings a week, each with its closing, plus Saturday nights.
    expect(changes).toBeGreaterThan(900);
  });

  it('is null when the status does not change within the horizon', () => {
    const never = compileSchedule(schedule(), { timezone: PARIS });
    expect(never.at(at('2026-06-01 12:00'))).toEqual({
      status: 'closed',
      rule: { type: 'weeklyClosed', day: 'mon' },
      until: null,
    });
  });

  it('finds a change more than a year ahead', () => {
    const once = compileSchedule(
      schedule({ specialHours: [{ date: '2027-09-01', hours: [['10:00', '11:00']] }] }),
      {
        timezone: PARIS,
      },
    );
    expect(once.at(at('2026-06-01 12:00')).until).toBe(at('2027-09-01 10:00'));
  });
});

describe('isOpen', () => {
  const office = schedule({ weekly: { mon: [['09:00', '18:00']] } });

  it('compiles a schedule once and reuses it', () => {
    const first = isOpen(office, at('2026-03-02 10:00'), { timezone: PARIS });
    const second = isOpen(office, at('2026-03-02 11:00'), { timezone: PARIS });
    expect(first.status).toBe('open');
    // The same segment of the same compiled schedule gives the same decision object.
    expect(second).toBe(first);
  });

  it('compiles again for another time zone', () => {
    const paris = isOpen(office, at('2026-03-02 09:30'), { timezone: PARIS });
    const newYork = isOpen(office, at('2026-03-02 09:30'), { timezone: 'America/New_York' });
    expect(paris.status).toBe('open');
    expect(newYork.status).toBe('closed');
  });

  it('uses a compiled schedule as it is', () => {
    const compiled: CompiledSchedule = compileSchedule(office, { timezone: 'America/New_York' });
    expect(isOpen(compiled, at('2026-03-02 10:00', 'America/New_York'))).toBe(
      compiled.at(at('2026-03-02 10:00', 'America/New_York')),
    );
  });

  it('needs a time zone when the schedule has none', () => {
    expect(() => isOpen(office, 0)).toThrow(TypeError);
    expect(isOpen(schedule({ timezone: 'UTC', weekly: { thu: [['00:00', '01:00']] } }), 0).status).toBe(
      'open',
    );
  });

  it('refuses to compile with an unknown time zone', () => {
    expect(() => compileSchedule(office, { timezone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => compileSchedule(schedule({ timezone: '+01:00' }), { timezone: PARIS })).toThrow(RangeError);
  });
});
