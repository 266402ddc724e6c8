import Holidays from 'date-holidays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scheduleSchema, type Schedule, type Weekday } from '../document/schema.js';
import { compileSchedule } from './compile.js';
import type { ScheduleRule, ScheduleStatus } from './decision.js';

/*
 * Daylight saving, checked against facts computed here independently of the module: transitions
 * are found by scanning the offsets Intl prints, and a straightforward evaluation (read the zone's
 * wall clock at the instant, then the rules of that date, with date-holidays called directly) is
 * the reference.
 */

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'America/Santiago'] as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 0, 1);

// ---------------------------------------------------------------------------------------------
// Transitions, from the offsets Intl prints ("GMT+11:00").

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function printedOffset(zone: string, instant: number): number {
  let format = offsetFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')!.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (match === null) throw new Error(`Unexpected offset ${name}`);
  if (match[1] === undefined) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * HOUR + Number(match[3]) * MINUTE);
}

interface Transition {
  readonly zone: string;
  /** First instant of the new offset. */
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

function transitionsOf(zone: string): Transition[] {
  const found: Transition[] = [];
  for (let t = FROM; t < TO; t += HOUR) {
    const before = printedOffset(zone, t);
    const after = printedOffset(zone, t + HOUR);
    if (before === after) continue;
    // Transitions happen on whole minutes.
    let lo = t;
    let hi = t + HOUR;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
      if (printedOffset(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    found.push({ zone, at: hi, before, after });
  }
  return found;
}

const TRANSITIONS = ZONES.flatMap(transitionsOf);

// ---------------------------------------------------------------------------------------------
// Building schedules from wall-clock times.

const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (wall: number) => new Date(Math.floor(wall / DAY) * DAY).toISOString().slice(0, 10);
const clock = (wall: number) => {
  const minutes = Math.round((wall - Math.floor(wall / DAY) * DAY) / MINUTE);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
};

function schedule(zone: string, fields: Record<string, unknown>): Schedule {
  return scheduleSchema.parse({ id: 'dst', name: 'DST', timezone: zone, ...fields });
}

/**
 * A schedule open over the wall-clock times `[wallStart, wallEnd)` (ms since 1970-01-01 on the
 * wall clock, less than a day apart), given as special hours of the start's date or as weekly hours
 * of its weekday.
 */
function openBetween(zone: string, wallStart: number, wallEnd: number, as: 'special' | 'weekly'): Schedule {
  const sameDay = Math.floor(wallStart / DAY) === Math.floor(wallEnd / DAY);
  const end = !sameDay && wallEnd % DAY === 0 ? '24:00' : clock(wallEnd);
  const range = [clock(wallStart), end];
  if (as === 'special')
    return schedule(zone, { specialHours: [{ date: isoDate(wallStart), hours: [range] }] });
  const day = WEEKDAY_BY_UTC_DAY[new Date(Math.floor(wallStart / DAY) * DAY).getUTCDay()]!;
  return schedule(zone, { weekly: { [day]: [range] } });
}

const label = (t: Transition) => `${t.zone} ${new Date(t.at).toISOString()}`;
const springs = TRANSITIONS.filter((t) => t.after > t.before).map((t) => [label(t), t] as const);
const autumns = TRANSITIONS.filter((t) => t.after < t.before).map((t) => [label(t), t] as const);
const variants = ['special', 'weekly'] as const;

describe('the transitions under test', () => {
  it('are two a year in each zone, found by scanning Intl offsets', () => {
    for (const zone of ZONES) expect(TRANSITIONS.filter((t) => t.zone === zone)).toHaveLength(4);
    // Spot checks of the scan: Paris springs forward at 01:00 UTC on the last Sunday of March.
    expect(TRANSITIONS).toContainEqual({
      zone: 'Europe/Paris',
      at: Date.UTC(2026, 2, 29, 1),
      before: HOUR,
      after: 2 * HOUR,
    });
    expect(TRANSITIONS).toContainEqual({
      zone: 'America/New_York',
      at: Date.UTC(2027, 10, 7, 6),
      before: -4 * HOUR,
      after: -5 * HOUR,
    });
  });
});

describe.each(springs)('spring forward: %s', (_name, transition) => {
  const { zone, at: jump } = transition;
  const gapStart = jump + transition.before;
  const gapEnd = jump + transition.after;

  it.each(variants)('never opens a range inside the gap (%s)', (as) => {
    const compiled = compileSchedule(openBetween(zone, gapStart + 15 * MINUTE, gapStart + 45 * MINUTE, as), {
      timezone: 'UTC',
    });
    for (let t = jump - 3 * HOUR; t <= jump + 3 * HOUR; t += 5 * MINUTE)
      expect(compiled.at(t).status).toBe('closed');
    for (const t of [jump - 1, jump, jump + 1]) expect(compiled.at(t).status).toBe('closed');
    const until = compiled.at(jump - 3 * HOUR).until;
    if (until !== null) expect(until).toBeGreaterThan(jump + 3 * HOUR);
  });

  it.each(variants)('opens a range straddling the start of the gap only until the jump (%s)', (as) => {
    const compiled = compileSchedule(openBetween(zone, gapStart - 30 * MINUTE, gapStart + 30 * MINUTE, as), {
      timezone: 'UTC',
    });
    expect(compiled.at(jump - 30 * MINUTE - 1).status).toBe('closed');
    expect(compiled.at(jump - 30 * MINUTE)).toMatchObject({ status: 'open', until: jump });
    expect(compiled.at(jump - 1).status).toBe('open');
    expect(compiled.at(jump).status).toBe('closed');
  });

  it.each(variants)('opens a range straddling the end of the gap from the jump (%s)', (as) => {
    const compiled = compileSchedule(openBetween(zone, gapEnd - 30 * MINUTE, gapEnd + 30 * MINUTE, as), {
      timezone: 'UTC',
    });
    expect(compiled.at(jump - 1)).toMatchObject({ status: 'closed', until: jump });
    expect(compiled.at(jump)).toMatchObject({ status: 'open', until: jump + 30 * MINUTE });
    expect(compiled.at(jump + 30 * MINUTE).status).toBe('closed');
  });

  it.each(variants)('keeps a range across the gap open without a break (%s)', (as) => {
    const compiled = compileSchedule(openBetween(zone, gapStart - HOUR, gapEnd + HOUR, as), {
      timezone: 'UTC',
    });
    expect(compiled.at(jump - HOUR)).toMatchObject({ status: 'open', until: jump + HOUR });
  });
});

describe.each(autumns)('fall back: %s', (_name, transition) => {
  const { zone, at: fall } = transition;
  const repeat = transition.before - transition.after;
  const repeatStart = fall + transition.after;
  const repeatEnd = fall + transition.before;
  const firstPass = fall - repeat;

  it.each(variants)('keeps a range covering the repeated hour open through both passes (%s)', (as) => {
    const compiled = compileSchedule(
      openBetween(zone, repeatStart - 30 * MINUTE, repeatEnd + 30 * MINUTE, as),
      { timezone: 'UTC' },
    );
    expect(compiled.at(firstPass - 30 * MINUTE - 1).status).toBe('closed');
    expect(compiled.at(firstPass - 30 * MINUTE)).toMatchObject({
      status: 'open',
      until: fall + repeat + 30 * MINUTE,
    });
    expect(compiled.at(fall - repeat / 2).status).toBe('open');
    expect(compiled.at(fall + repeat / 2).status).toBe('open');
    expect(compiled.at(fall + repeat + 30 * MINUTE).status).toBe('closed');
  });

  it.each(variants)('opens a range inside the repeated hour twice (%s)', (as) => {
    const compiled = compileSchedule(
      openBetween(zone, repeatStart + 15 * MINUTE, repeatStart + 45 * MINUTE, as),
      { timezone: 'UTC' },
    );
    expect(compiled.at(firstPass + 15 * MINUTE - 1).status).toBe('closed');
    expect(compiled.at(firstPass + 15 * MINUTE)).toMatchObject({
      status: 'open',
      until: firstPass + 45 * MINUTE,
    });
    expect(compiled.at(firstPass + 50 * MINUTE)).toMatchObject({
      status: 'closed',
      until: fall + 15 * MINUTE,
    });
    expect(compiled.at(fall + 15 * MINUTE)).toMatchObject({ status: 'open', until: fall + 45 * MINUTE });
    expect(compiled.at(fall + 45 * MINUTE).status).toBe('closed');
  });

  it.each(variants)('reads the instants around the change on the wall clock (%s)', (as) => {
    const compiled = compileSchedule(
      openBetween(zone, repeatEnd - 10 * MINUTE, repeatEnd + 10 * MINUTE, as),
      { timezone: 'UTC' },
    );
    // Just before the change the clock reads the end of the repeated hour; just after, its start.
    expect(compiled.at(fall - 1)).toMatchObject({ status: 'open', until: fall });
    expect(compiled.at(fall)).toMatchObject({ status: 'closed', until: fall + repeat - 10 * MINUTE });
    expect(compiled.at(fall + repeat - 10 * MINUTE)).toMatchObject({
      status: 'open',
      until: fall + repeat + 10 * MINUTE,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The straightforward reference: the wall clock of the instant, then the rules of its date.

interface ReferenceDecision {
  readonly status: ScheduleStatus;
  readonly rule: ScheduleRule;
}

type DayRules =
  | { readonly holiday: ScheduleRule }
  | {
      readonly closed: ScheduleRule;
      readonly ranges: readonly { readonly range: [string, string]; readonly rule: ScheduleRule }[];
    };

const holidayNames = new Map<string, Map<string, string>>();

function publicHolidayName(area: { country: string; region?: string }, date: string): string | undefined {
  const key = `${area.country}/${area.region ?? ''}`;
  let names = holidayNames.get(key);
  if (names === undefined) {
    names = new Map();
    const source =
      area.region === undefined
        ? new Holidays(area.country, { types: ['public'] })
        : new Holidays(area.country, area.region, { types: ['public'] });
    for (let year = 2025; year <= 2031; year += 1) {
      for (const holiday of source.getHolidays(year)) {
        const day = holiday.date.slice(0, 10);
        if (holiday.type === 'public' && !names.has(day)) names.set(day, holiday.name);
      }
    }
    holidayNames.set(key, names);
  }
  return names.get(date);
}

function rulesOfDate(s: Schedule, dayNumber: number): DayRules {
  const date = isoDate(dayNumber * DAY);
  const special = s.specialHours.find((entry) => entry.date === date);
  if (special !== undefined) {
    const base = special.name === undefined ? { date } : { date, name: special.name };
    return {
      closed: { type: 'special', ...base },
      ranges: special.hours.map((range) => ({ range, rule: { type: 'special', ...base, range } })),
    };
  }
  const closure = s.closures.find((c) =>
    'date' in c ? c.date === date : 'from' in c ? c.from <= date && date <= c.to : c.every === date.slice(5),
  );
  if (closure !== undefined) return { holiday: { type: 'closure', name: closure.name } };
  if (s.publicHolidays !== undefined) {
    const name = publicHolidayName(s.publicHolidays, date);
    if (name !== undefined) return { holiday: { type: 'publicHoliday', name, date } };
  }
  const day = WEEKDAY_BY_UTC_DAY[new Date(dayNumber * DAY).getUTCDay()]!;
  return {
    closed: { type: 'weeklyClosed', day },
    ranges: s.weekly[day].map((range) => ({ range, rule: { type: 'weekly', day, range } })),
  };
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

function referenceAt(s: Schedule, t: number): ReferenceDecision {
  // The offset Intl prints for the instant. Not date-fns-tz: its getTimezoneOffset reads a Date as a
  // wall time of the zone (wrong near a change), and the Date toZonedTime returns holds the wall
  // time in the host's zone, which would shift wall times that do not exist on the host's clock.
  const wall = t + printedOffset(s.timezone!, t);
  const dayNumber = Math.floor(wall / DAY);
  const minute = (wall - dayNumber * DAY) / MINUTE;
  const yesterday = rulesOfDate(s, dayNumber - 1);
  if ('ranges' in yesterday) {
    for (const { range, rule } of yesterday.ranges) {
      const [start, end] = range.map(minutes) as [number, number];
      if (end < start && minute < end) return { status: 'open', rule };
    }
  }
  const today = rulesOfDate(s, dayNumber);
  if ('holiday' in today) return { status: 'holiday', rule: today.holiday };
  for (const { range, rule } of today.ranges) {
    const [start, end] = range.map(minutes) as [number, number];
    if (start === end) continue;
    if (end > start ? minute >= start && minute < end : minute >= start) return { status: 'open', rule };
  }
  return { status: 'closed', rule: today.closed };
}

// ---------------------------------------------------------------------------------------------
// Random schedules against the reference.

const time = fc
  .oneof(
    fc.integer({ min: 0, max: 96 }).map((quarter) => quarter * 15),
    fc.integer({ min: 0, max: 1440 }),
    // The hours where clocks change in these zones.
    fc.integer({ min: 0, max: 4 * 60 }),
  )
  .map((m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
const range = fc.tuple(time, time);
const ranges = fc.array(range, { maxLength: 3 });
const FIRST_DAY = Math.floor(Date.UTC(2025, 11, 20) / DAY);
const LAST_DAY = Math.floor(Date.UTC(2028, 0, 10) / DAY);
const date = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map((day) => isoDate(day * DAY));
const transitionDate = fc.constantFrom(...TRANSITIONS.map((t) => isoDate(t.at + t.before)));
const someDate = fc.oneof(date, transitionDate);
const name = fc.constantFrom('A', 'B', 'Fermeture');

const scheduleArbitrary = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    weekly: fc.record({
      mon: ranges,
      tue: ranges,
      wed: ranges,
      thu: ranges,
      fri: ranges,
      sat: ranges,
      sun: ranges,
    }),
    closures: fc.array(
      fc.oneof(
        fc.record({ name, date: someDate }),
        fc.record({ name, from: someDate, to: someDate }),
        fc.record({ name, every: someDate.map((d) => d.slice(5)) }),
        fc.record({ name, every: fc.constant('02-29') }),
      ),
      { maxLength: 3 },
    ),
    specialHours: fc.array(
      fc.record(
        {
          date: someDate,
          name: fc.option(name, { nil: undefined }),
          hours: fc.array(range, { maxLength: 2 }),
        },
        { requiredKeys: ['date', 'hours'] },
      ),
      { maxLength: 3 },
    ),
    publicHolidays: fc.option(
      fc.constantFrom({ country: 'FR' }, { country: 'FR', region: '57' }, { country: 'US' }),
      { nil: undefined },
    ),
  })
  .map((fields) => schedule(fields.timezone, JSON.parse(JSON.stringify(fields)) as Record<string, unknown>));

const nearTransition = fc
  .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * HOUR, max: 3 * HOUR }))
  .map(([transition, delta]) => transition.at + delta);
const instant = fc.oneof(fc.integer({ min: FROM, max: TO - 1 }), nearTransition);

describe('compiled schedules against the straightforward reference', () => {
  it('agree on status and rule at random instants of 2026-2027, and `until` is the next change', () => {
    fc.assert(
      fc.property(scheduleArbitrary, fc.array(instant, { minLength: 1, maxLength: 25 }), (s, instants) => {
        const compiled = compileSchedule(s, { timezone: 'UTC' });
        for (const t of instants) {
          const decision = compiled.at(t);
          expect({ status: decision.status, rule: decision.rule }).toEqual(referenceAt(s, t));
          if (decision.until === null) {
            // No change within the horizon (at least 728 days).
            for (let k = 1; k <= 24; k += 1)
              expect(referenceAt(s, t + k * 30 * DAY).status).toBe(decision.status);
          } else {
            expect(decision.until).toBeGreaterThan(t);
            expect(referenceAt(s, decision.until).status).not.toBe(decision.status);
            expect(referenceAt(s, decision.until - 1).status).toBe(decision.status);
            for (const f of [0.2, 0.5, 0.8]) {
              expect(referenceAt(s, Math.floor(t + f * (decision.until - t))).status).toBe(decision.status);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
