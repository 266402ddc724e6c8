import type { Schedule } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { cellsBetween, cellState, formatRanges, paintCells, parseRanges, weekMinutes } from './week-hours.js';

const empty = (): Schedule['weekly'] => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
const week = (days: Partial<Schedule['weekly']>): Schedule['weekly'] => ({ ...empty(), ...days });
/** The cell of `time` (HH:MM on the half hour) on `day` (0 = Monday). */
const at = (day: number, time: string) => ({
  day,
  slot: Number(time.slice(0, 2)) * 2 + (time.slice(3) === '30' ? 1 : 0),
});

describe('week hours', () => {
  it('shows open, closed and partly open half hours', () => {
    const minutes = weekMinutes(week({ mon: [['08:45', '12:00']] }));
    expect(cellState(minutes, at(0, '08:00'))).toBe('closed');
    expect(cellState(minutes, at(0, '08:30'))).toBe('partial');
    expect(cellState(minutes, at(0, '09:00'))).toBe('open');
    expect(cellState(minutes, at(0, '12:00'))).toBe('closed');
  });

  it('shows the morning of a range past midnight on the next day, Sunday into Monday too', () => {
    const minutes = weekMinutes(week({ fri: [['22:00', '02:00']], sun: [['23:00', '01:00']] }));
    expect(cellState(minutes, at(4, '23:30'))).toBe('open');
    expect(cellState(minutes, at(5, '01:30'))).toBe('open');
    expect(cellState(minutes, at(5, '02:00'))).toBe('closed');
    expect(cellState(minutes, at(0, '00:30'))).toBe('open');
  });

  it('paints a rectangle open into merged ranges and keeps exact minutes', () => {
    const weekly = week({ mon: [['08:45', '09:30']] });
    const changed = paintCells(weekly, cellsBetween(at(0, '09:00'), at(1, '11:30')), true);
    expect(changed).toEqual({ mon: [['08:45', '12:00']], tue: [['09:00', '12:00']] });
  });

  it('closes a half hour in the middle of a range, splitting it', () => {
    const changed = paintCells(week({ wed: [['09:00', '18:00']] }), [at(2, '12:30')], false);
    expect(changed).toEqual({
      wed: [
        ['09:00', '12:30'],
        ['13:00', '18:00'],
      ],
    });
  });

  it('writes a run to midnight as 24:00 and keeps ranges past midnight', () => {
    expect(paintCells(empty(), [at(0, '23:30')], true)).toEqual({ mon: [['23:30', '24:00']] });
    const night = week({ fri: [['22:00', '02:00']] });
    expect(paintCells(night, [at(4, '20:00')], true)).toEqual({
      fri: [
        ['20:00', '20:30'],
        ['22:00', '02:00'],
      ],
    });
  });

  it('shortens the range of the night before when its morning is closed', () => {
    const night = week({ fri: [['22:00', '02:00']] });
    expect(paintCells(night, [at(5, '00:30')], false)).toEqual({
      fri: [['22:00', '00:30']],
      sat: [['01:00', '02:00']],
    });
    expect(paintCells(night, [at(5, '00:00')], false)).toEqual({
      fri: [['22:00', '24:00']],
      sat: [['00:30', '02:00']],
    });
  });

  it('moves the morning to the next day when the evening of a night range is closed', () => {
    const night = week({ fri: [['23:00', '02:00']] });
    expect(paintCells(night, cellsBetween(at(4, '23:00'), at(4, '23:30')), false)).toEqual({
      fri: [],
      sat: [['00:00', '02:00']],
    });
  });

  it('keeps ranges it cannot place, for flow-core to report', () => {
    const changed = paintCells(
      week({
        mon: [
          ['9:00', '12:00'],
          ['10:00', '10:00'],
        ],
      }),
      [at(0, '14:00')],
      true,
    );
    expect(changed.mon).toEqual([
      ['14:00', '14:30'],
      ['9:00', '12:00'],
      ['10:00', '10:00'],
    ]);
  });

  it('reads and writes ranges as text', () => {
    expect(parseRanges('08:45-12:30, 14:00–18:00')).toEqual([
      ['08:45', '12:30'],
      ['14:00', '18:00'],
    ]);
    expect(parseRanges('8h-12h; 22:00 — 2')).toEqual([
      ['08:00', '12:00'],
      ['22:00', '02:00'],
    ]);
    expect(parseRanges('')).toEqual([]);
    expect(parseRanges('25:00-26:00')).toEqual([['25:00', '26:00']]);
    expect(parseRanges('08:00')).toBeNull();
    expect(parseRanges('08:00-')).toBeNull();
    expect(
      formatRanges([
        ['08:30', '12:00'],
        ['14:00', '18:00'],
      ]),
    ).toBe('08:30–12:00, 14:00–18:00');
  });
});
