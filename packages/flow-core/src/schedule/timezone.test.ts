import { describe, expect, it } from 'vitest';
import { isValidTimezone, offsetPieces, zonedDateTime, zoneOffsetAt } from './timezone.js';

const HOUR = 3_600_000;

describe('isValidTimezone', () => {
  it.each([
    'UTC',
    'Europe/Paris',
    'America/New_York',
    'America/Argentina/Buenos_Aires',
    'Etc/GMT+1',
    'Asia/Kolkata',
    // Names Intl accepts but may leave out of its canonical list (which differs between ICU versions).
    'Asia/Calcutta',
    'US/Eastern',
    'Europe/Kiev',
  ])('accepts %s', (name) => {
    expect(isValidTimezone(name)).toBe(true);
  });

  it.each([
    '',
    '+01:00',
    '-05:00',
    'UTC+1',
    'GMT+01:00',
    'Z',
    'Paris',
    'Europe/Pariss',
    'Mars/Olympus',
    '../etc/passwd',
    'Europe/Paris ',
  ])('rejects %j', (name) => {
    expect(isValidTimezone(name)).toBe(false);
  });
});

describe('zoneOffsetAt', () => {
  it('reads the offset of an instant, to the millisecond', () => {
    expect(zoneOffsetAt('Europe/Paris', Date.UTC(2026, 0, 15))).toBe(HOUR);
    expect(zoneOffsetAt('Europe/Paris', Date.UTC(2026, 6, 15))).toBe(2 * HOUR);
    expect(zoneOffsetAt('Europe/Paris', Date.UTC(2026, 2, 29, 1) - 1)).toBe(HOUR);
    expect(zoneOffsetAt('Europe/Paris', Date.UTC(2026, 2, 29, 1))).toBe(2 * HOUR);
    expect(zoneOffsetAt('America/New_York', Date.UTC(2026, 0, 15, 12, 34, 56, 789))).toBe(-5 * HOUR);
    expect(zoneOffsetAt('Asia/Kolkata', Date.UTC(2026, 0, 15))).toBe(5.5 * HOUR);
    expect(zoneOffsetAt('UTC', 123)).toBe(0);
  });
});

describe('offsetPieces', () => {
  it('splits a stretch of time at each change of offset, to the millisecond', () => {
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    expect(offsetPieces('Europe/Paris', start, end)).toEqual([
      { start, end: Date.UTC(2026, 2, 29, 1), offset: HOUR },
      { start: Date.UTC(2026, 2, 29, 1), end: Date.UTC(2026, 9, 25, 1), offset: 2 * HOUR },
      { start: Date.UTC(2026, 9, 25, 1), end, offset: HOUR },
    ]);
  });

  it('gives one piece to a zone without changes', () => {
    expect(offsetPieces('Asia/Tokyo', 0, 1000 * HOUR)).toEqual([
      { start: 0, end: 1000 * HOUR, offset: 9 * HOUR },
    ]);
  });
});

describe('zonedDateTime', () => {
  it('reads a wall-clock time in a zone, summer and winter, with the offset then in force', () => {
    expect(zonedDateTime('2026-11-24T10:30', 'Europe/Paris')).toBe('2026-11-24T10:30:00+01:00');
    expect(zonedDateTime('2026-03-29T03:30', 'Europe/Paris')).toBe('2026-03-29T03:30:00+02:00');
    expect(zonedDateTime('2026-06-01T08:00:15', 'America/New_York')).toBe('2026-06-01T08:00:15-04:00');
    expect(zonedDateTime('2026-06-01T08:00', 'UTC')).toBe('2026-06-01T08:00:00+00:00');
    expect(zonedDateTime('2026-07-01T09:00', 'Australia/Sydney')).toBe('2026-07-01T09:00:00+10:00');
    expect(zonedDateTime('', 'UTC')).toBeUndefined();
    expect(zonedDateTime('24/11/2026 10:30', 'UTC')).toBeUndefined();
  });

  it('gives an instant whose wall clock in the zone reads the given time (outside the spring gap)', () => {
    for (const local of ['2026-10-25T02:30', '2026-10-25T03:30', '2026-12-31T23:59', '2027-03-28T01:59']) {
      const iso = zonedDateTime(local, 'Europe/Paris')!;
      const instant = Date.parse(iso);
      const wall = new Date(instant + zoneOffsetAt('Europe/Paris', instant)).toISOString().slice(0, 16);
      expect(wall).toBe(local);
    }
  });
});
