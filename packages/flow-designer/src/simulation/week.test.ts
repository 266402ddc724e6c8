import { describe, expect, it, vi } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { completeParticipants, defaultSetup, scenarioOf } from './call-setup.js';
import {
  addDays,
  mondayOf,
  runWeekInChunks,
  simulateSlots,
  summariseWeek,
  todayIn,
  weekSlots,
} from './week.js';
import type { WeekCall } from './week.js';

const PARIS = 'Europe/Paris';

describe('mondayOf and addDays', () => {
  it('finds the Monday of any day of the week, Sunday included', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-26')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('refuses what is not a date', () => {
    expect(mondayOf('')).toBeUndefined();
    expect(mondayOf('2026-02-30')).toBeUndefined();
    expect(mondayOf('23/11/2026')).toBeUndefined();
  });

  it('moves across months and years', () => {
    expect(addDays('2026-12-28', 6)).toBe('2027-01-03');
    expect(addDays('2026-03-02', -7)).toBe('2026-02-23');
  });

  it('reads today on the wall clocks of the zone, not UTC', () => {
    // 23:30 UTC on Sunday is already Monday in Paris.
    expect(todayIn(PARIS, Date.UTC(2026, 10, 22, 23, 30))).toBe('2026-11-23');
    expect(todayIn('America/New_York', Date.UTC(2026, 10, 23, 3, 0))).toBe('2026-11-22');
  });
});

describe('weekSlots', () => {
  it('gives 7 x 48 half-hour wall-clock slots, Monday 00:00 first, with the offset of the moment', () => {
    const slots = weekSlots('2026-11-25', PARIS);
    expect(slots).toHaveLength(336);
    expect(slots[0]).toEqual({
      day: 0,
      index: 0,
      date: '2026-11-23',
      time: '00:00',
      at: '2026-11-23T00:00:00+01:00',
      repeated: false,
    });
    expect(slots[21]?.time).toBe('10:30');
    expect(slots.at(-1)).toMatchObject({ day: 6, index: 47, date: '2026-11-29', time: '23:30' });
    expect(slots.every((slot) => slot.at !== null && !slot.repeated)).toBe(true);
  });

  it('has no call at the times the clocks skip when they go forward (Paris, 28 March 2027)', () => {
    const slots = weekSlots('2027-03-22', PARIS);
    expect(slots).toHaveLength(336);
    const sunday = slots.filter((slot) => slot.date === '2027-03-28');
    expect(sunday).toHaveLength(48);
    // 02:00 and 02:30 never show on the clocks that night.
    expect(sunday.filter((slot) => slot.at === null).map((slot) => slot.time)).toEqual(['02:00', '02:30']);
    expect(sunday[3]?.at).toBe('2027-03-28T01:30:00+01:00');
    expect(sunday[6]?.at).toBe('2027-03-28T03:00:00+02:00');
    // The calls around the gap stay half an hour apart in real time, except across it.
    expect(Date.parse(sunday[6]!.at!) - Date.parse(sunday[3]!.at!)).toBe(30 * 60_000);
  });

  it('simulates a time the clocks show twice once (Paris, 25 October 2026)', () => {
    const sunday = weekSlots('2026-10-19', PARIS).filter((slot) => slot.date === '2026-10-25');
    expect(sunday).toHaveLength(48);
    expect(sunday.every((slot) => slot.at !== null)).toBe(true);
    expect(sunday.filter((slot) => slot.repeated).map((slot) => slot.time)).toEqual(['02:00', '02:30']);
    expect(sunday[1]?.at).toBe('2026-10-25T00:30:00+02:00');
    // The second 02:30, after the clocks went back, as flow-core's zonedDateTime (and the test call) reads it.
    expect(sunday[5]?.at).toBe('2026-10-25T02:30:00+01:00');
    expect(sunday[8]?.at).toBe('2026-10-25T04:00:00+01:00');
  });

  it('is empty for a date that is not one', () => {
    expect(weekSlots('next week', PARIS)).toEqual([]);
  });
});

describe('simulating a week', () => {
  const flow = exampleFlow('onoff-greeting');
  const setup = completeParticipants(defaultSetup(flow), flow);
  const scenarioAt = (at: string) => scenarioOf(setup, at);

  it('answers during business hours and misses at night and on Sunday', () => {
    const slots = weekSlots('2026-11-23', PARIS);
    const calls = simulateSlots(flow, slots, scenarioAt);
    const at = (date: string, time: string) =>
      calls.find((call) => call.slot.date === date && call.slot.time === time)?.result;
    expect(at('2026-11-24', '10:30')).toMatchObject({ outcome: 'answered', answeredBy: 'lea' });
    expect(at('2026-11-24', '03:00')?.outcome).toBe('missed');
    expect(at('2026-11-24', '13:00')?.outcome).toBe('missed');
    expect(at('2026-11-29', '10:30')?.outcome).toBe('missed');
    // Mon-Fri 9:00-12:30 and 14:00-19:00 (17 slots a day), Saturday 9:30-12:30 and 14:00-17:00 (12).
    const summary = summariseWeek(calls);
    expect(summary.byOutcome.answered).toBe(5 * 17 + 12);
    expect(summary.calls).toBe(336);
    expect(summary.reachedNobody).toBe(336 - 97);
    expect(summary.shareReachedNobody).toBeCloseTo(239 / 336);
    expect(summary.skipped).toBe(0);
  });

  it('leaves the skipped times of a spring-forward week out of the summary', () => {
    const calls = simulateSlots(flow, weekSlots('2027-03-22', PARIS), scenarioAt);
    const summary = summariseWeek(calls);
    expect(summary.skipped).toBe(2);
    expect(summary.calls).toBe(334);
  });

  it('reports a flow that cannot run as failed calls, not as an exception', () => {
    const broken = { ...flow, entry: 'nowhere' };
    const calls = simulateSlots(broken, weekSlots('2026-11-23', PARIS).slice(0, 2), scenarioAt);
    expect(calls.map((call) => call.result)).toEqual([null, null]);
    expect(calls[0]?.error).toMatch(/nowhere|entry/);
    expect(summariseWeek(calls)).toMatchObject({ calls: 0, failed: 2, shareReachedNobody: 0 });
  });

  it('runs in deferred chunks of a day, and stops when cancelled', () => {
    const queue: Array<() => void> = [];
    const progress: number[] = [];
    const onDone = vi.fn<(calls: readonly WeekCall[]) => void>();
    const cancel = runWeekInChunks({
      flow,
      slots: weekSlots('2026-11-23', PARIS),
      scenarioAt,
      defer: (run) => {
        queue.push(run);
        return () => queue.splice(queue.indexOf(run), 1);
      },
      onProgress: (calls) => progress.push(calls.length),
      onDone,
    });
    // Nothing runs before the first deferred chunk.
    expect(progress).toEqual([]);
    queue.shift()!();
    queue.shift()!();
    expect(progress).toEqual([48, 96]);
    cancel();
    expect(queue).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('calls onDone with every call once the last chunk ran', () => {
    const queue: Array<() => void> = [];
    const onDone = vi.fn<(calls: readonly WeekCall[]) => void>();
    runWeekInChunks({
      flow,
      slots: weekSlots('2026-11-23', PARIS),
      scenarioAt,
      chunkSize: 100,
      defer: (run) => {
        queue.push(run);
        return () => {};
      },
      onProgress: () => {},
      onDone,
    });
    while (queue.length > 0) queue.shift()!();
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(onDone.mock.calls[0]![0]).toHaveLength(336);
  });
});
