import Holidays from 'date-holidays';
import { toZonedTime } from 'date-fns-tz';
import { compileSchedule, scheduleSchema, type Schedule } from '@ringflow/flow-core';
import type { SuiteResult } from '../types.js';

/*
 * Schedule checks: a compiled schedule (a binary search over precomputed UTC segments) against the
 * straightforward check (date-fns-tz converts the instant to the zone's wall clock, then the rules
 * are read), on the same million random instants of 2026-2027, in the same run.
 */

const ZONE = 'Europe/Paris';
const CHECKS = 1_000_000;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 0, 1);
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const day = [
  ['09:00', '12:30'],
  ['14:00', '18:00'],
];
const office: Schedule = scheduleSchema.parse({
  id: 'office',
  name: 'Bureau',
  timezone: ZONE,
  weekly: {
    mon: day,
    tue: day,
    wed: day,
    thu: day,
    fri: [...day, ['22:00', '02:00']],
    sat: [['09:00', '12:00']],
  },
  closures: [
    { name: 'Noël', date: '2026-12-25' },
    { name: 'Congés', from: '2026-08-03', to: '2026-08-16' },
    { name: 'Congés 2027', from: '2027-08-02', to: '2027-08-15' },
    { name: '1er mai', every: '05-01' },
  ],
  specialHours: [
    { date: '2026-12-24', hours: [['09:00', '12:00']] },
    { date: '2027-12-24', hours: [['09:00', '12:00']] },
    { date: '2026-12-31', name: 'Inventaire', hours: [] },
  ],
  publicHolidays: { country: 'FR' },
});

/** Deterministic instants, uniform over [FROM, TO) (mulberry32). */
function randomInstants(count: number, seed: number): Float64Array {
  const out = new Float64Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    out[i] = FROM + Math.floor((((x ^ (x >>> 14)) >>> 0) / 2 ** 32) * (TO - FROM));
  }
  return out;
}

/**
 * The straightforward check, written as one would without compiling: convert the instant, build
 * the date keys, then read special hours, closures, public holidays and weekly hours, with the
 * previous day's ranges past midnight first. Lookups are prepared once, so that the comparison is
 * fair; only the per-check work remains.
 */
function straightforwardChecker(schedule: Schedule, zone: string): (instant: number) => string {
  const special = new Map(schedule.specialHours.map((entry) => [entry.date, entry.hours]));
  const holidays = new Holidays(schedule.publicHolidays!.country, { types: ['public'] });
  const holidayDates = new Set<string>();
  for (let year = 2025; year <= 2028; year++) {
    for (const h of holidays.getHolidays(year)) holidayDates.add(h.date.slice(0, 10));
  }
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  const rangesOf = (date: string, weekday: number): readonly (readonly [string, string])[] | 'holiday' => {
    const hours = special.get(date);
    if (hours !== undefined) return hours;
    for (const c of schedule.closures) {
      const hit =
        'date' in c
          ? c.date === date
          : 'from' in c
            ? c.from <= date && date <= c.to
            : c.every === date.slice(5);
      if (hit) return 'holiday';
    }
    if (holidayDates.has(date)) return 'holiday';
    return schedule.weekly[WEEKDAYS[weekday]!];
  };
  return (instant) => {
    const local = toZonedTime(instant, zone);
    const y = local.getFullYear();
    const m = local.getMonth();
    const d = local.getDate();
    const minute = local.getHours() * 60 + local.getMinutes() + local.getSeconds() / 60;
    const yesterday = new Date(y, m, d - 1);
    const previous = rangesOf(
      `${yesterday.getFullYear()}-${pad(yesterday.getMonth() + 1)}-${pad(yesterday.getDate())}`,
      yesterday.getDay(),
    );
    if (previous !== 'holiday') {
      for (const [start, end] of previous)
        if (minutes(end) < minutes(start) && minute < minutes(end)) return 'open';
    }
    const today = rangesOf(`${y}-${pad(m + 1)}-${pad(d)}`, local.getDay());
    if (today === 'holiday') return 'holiday';
    for (const [startTime, endTime] of today) {
      const start = minutes(startTime);
      const end = minutes(endTime);
      if (start !== end && (end > start ? minute >= start && minute < end : minute >= start)) return 'open';
    }
    return 'closed';
  };
}

/** Checks per second of `check` over every instant, and how many were open (so nothing is optimised away). */
function measure(
  check: (instant: number) => string,
  instants: Float64Array,
): { perSecond: number; open: number } {
  let open = 0;
  const start = performance.now();
  for (let i = 0; i < instants.length; i++) if (check(instants[i]!) === 'open') open++;
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: instants.length / seconds, open };
}

/** Runs the schedule suite. */
export async function run(): Promise<SuiteResult> {
  const instants = randomInstants(CHECKS, 20260101);

  const compileStart = performance.now();
  const compiled = compileSchedule(office, { timezone: ZONE });
  // The first pass compiles the blocks the instants fall in and warms the code up.
  const firstPass = measure((t) => compiled.at(t).status, instants);
  const compileAndFirstPass = performance.now() - compileStart;
  const compiledRuns = [0, 1, 2, 3, 4].map(() => measure((t) => compiled.at(t).status, instants));
  const compiledRate = compiledRuns.map((r) => r.perSecond).sort((a, b) => a - b)[2]!;

  const straightforward = straightforwardChecker(office, ZONE);
  measure(straightforward, instants.subarray(0, 20_000));
  const straightforwardRun = measure(straightforward, instants);

  let disagreements = 0;
  for (let i = 0; i < instants.length; i += 10) {
    if (compiled.at(instants[i]!).status !== straightforward(instants[i]!)) disagreements++;
  }

  const ratio = compiledRate / straightforwardRun.perSecond;
  return {
    suite: 'schedule',
    metrics: [
      {
        name: 'compiled checks, random instants 2026-2027 (median of 5 passes)',
        value: compiledRate,
        unit: 'checks/s',
        target: '>= 1,000,000 checks/s',
        pass: compiledRate >= 1_000_000,
      },
      {
        name: 'straightforward date-fns-tz checks, same instants',
        value: straightforwardRun.perSecond,
        unit: 'checks/s',
      },
      { name: 'compiled / straightforward', value: ratio, unit: 'x', target: '>= 5x', pass: ratio >= 5 },
      { name: 'compile + first pass (compiles 3 blocks)', value: compileAndFirstPass, unit: 'ms' },
      {
        name: 'status disagreements on every 10th instant',
        value: disagreements,
        unit: 'checks',
        target: '0',
        pass: disagreements === 0,
      },
    ],
    notes: [
      `${CHECKS.toLocaleString('en-US')} instants uniform over 2026-2027, seeded; schedule in ${ZONE} with weekly hours, a Friday night range, closures, special hours and French public holidays.`,
      `open at ${((100 * firstPass.open) / CHECKS).toFixed(1)}% of the instants.`,
      'The straightforward check reads the wall clock from the Date toZonedTime returns, as its documentation shows; on a host whose own zone has daylight saving, that Date can be shifted around the host’s changes, so run the bench with TZ=UTC for the agreement figure.',
    ],
  };
}
