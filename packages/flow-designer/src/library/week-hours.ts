import { WEEKDAYS } from '@ringflow/flow-core';
import type { Schedule, TimeRange, Weekday } from '@ringflow/flow-core';
import { isValidTimeRange } from './flow-rules.js';

/*
 * The weekly hours of a schedule as the designer's grid sees them: for each day, which minutes are
 * open. flow-core owns what ranges mean (DESIGN 3.2: end exclusive, `24:00` allowed, an end before
 * the start runs past midnight and belongs to the day it starts on); this module only turns ranges
 * into minutes and back, so that painting half-hour cells keeps every exact minute (08:45) the admin
 * typed and changes nothing outside the cells painted.
 */

/** Minutes in one day. */
export const DAY_MINUTES = 1440;
/** Length of one cell of the grid, in minutes. */
export const SLOT_MINUTES = 30;
/** Cells per day. */
export const SLOTS_PER_DAY = DAY_MINUTES / SLOT_MINUTES;

/** What a cell of the grid shows. */
export type CellState = 'open' | 'closed' | 'partial';

/** A cell of the grid: a day (0 = Monday) and a half hour (0 = 00:00–00:30). */
export interface Cell {
  readonly day: number;
  readonly slot: number;
}

/** The weekly hours as minutes. */
export interface WeekMinutes {
  /** Per day, 1 for each minute open by a range of that day (its part before midnight). */
  readonly own: readonly Uint8Array[];
  /**
   * Per day, how many minutes of the next day its ranges past midnight keep open (0: none). They
   * belong to the day they start on.
   */
  readonly spill: readonly number[];
  /** Per day, ranges the grid cannot place (malformed or empty): kept as written. */
  readonly kept: readonly (readonly TimeRange[])[];
}

interface MutableWeek {
  own: Uint8Array[];
  spill: number[];
  kept: TimeRange[][];
}

/** Minutes since midnight of a valid `HH:MM` (`24:00` is 1440). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** `HH:MM` of a number of minutes since midnight, 0 to 1440. */
export function timeOf(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${String(hours).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}

const previousDay = (day: number) => (day + 6) % 7;
const nextDay = (day: number) => (day + 1) % 7;

/** Reads the weekly ranges of a schedule as minutes. */
export function weekMinutes(weekly: Schedule['weekly']): WeekMinutes {
  const week: MutableWeek = {
    own: WEEKDAYS.map(() => new Uint8Array(DAY_MINUTES)),
    spill: WEEKDAYS.map(() => 0),
    kept: WEEKDAYS.map(() => []),
  };
  WEEKDAYS.forEach((name, day) => {
    for (const range of weekly[name] ?? []) {
      if (!isValidTimeRange(range)) {
        week.kept[day]!.push(range);
        continue;
      }
      const start = minutesOf(range[0]);
      const end = minutesOf(range[1]);
      if (start === end || (start === DAY_MINUTES && end === 0)) {
        week.kept[day]!.push(range);
        continue;
      }
      const ownEnd = end > start ? end : DAY_MINUTES;
      week.own[day]!.fill(1, start, ownEnd);
      if (end < start) week.spill[day] = Math.max(week.spill[day]!, end);
    }
  });
  return week;
}

/** Whether minute `minute` of day `day` is open, by the day's own ranges or the night before's. */
function isOpenAt(week: WeekMinutes, day: number, minute: number): boolean {
  return week.own[day]![minute] === 1 || minute < week.spill[previousDay(day)]!;
}

/** What one cell shows: open for its whole half hour, closed, or partly open (exact minutes). */
export function cellState(week: WeekMinutes, { day, slot }: Cell): CellState {
  let open = 0;
  for (let minute = slot * SLOT_MINUTES; minute < (slot + 1) * SLOT_MINUTES; minute += 1) {
    if (isOpenAt(week, day, minute)) open += 1;
  }
  return open === SLOT_MINUTES ? 'open' : open === 0 ? 'closed' : 'partial';
}

function copy(week: WeekMinutes): MutableWeek {
  return {
    own: week.own.map((minutes) => minutes.slice()),
    spill: [...week.spill],
    kept: week.kept.map((ranges) => [...ranges]),
  };
}

/** Start of the run of open minutes of `own` that ends at midnight, or undefined. */
function lastRunStart(own: Uint8Array): number | undefined {
  if (own[DAY_MINUTES - 1] !== 1) return undefined;
  let start = DAY_MINUTES - 1;
  while (start > 0 && own[start - 1] === 1) start -= 1;
  return start;
}

/** The ranges of one day, in order; the run that reaches midnight carries the night's minutes. */
function rangesOf(week: MutableWeek, day: number): TimeRange[] {
  const own = week.own[day]!;
  const ranges: TimeRange[] = [];
  let minute = 0;
  while (minute < DAY_MINUTES) {
    if (own[minute] !== 1) {
      minute += 1;
      continue;
    }
    const start = minute;
    while (minute < DAY_MINUTES && own[minute] === 1) minute += 1;
    const spill = minute === DAY_MINUTES ? week.spill[day]! : 0;
    ranges.push([timeOf(start), timeOf(spill > 0 ? spill : minute)]);
  }
  return [...ranges, ...week.kept[day]!];
}

/**
 * The weekly ranges after painting `cells` open or closed, for the days that changed (usually the
 * days painted; the day before when a night range had to be shortened; the day after when a night
 * range lost its evening). Every minute outside the cells keeps its state.
 */
export function paintCells(
  weekly: Schedule['weekly'],
  cells: readonly Cell[],
  open: boolean,
): Partial<Record<Weekday, TimeRange[]>> {
  const week = copy(weekMinutes(weekly));
  const touched = new Set<number>();
  for (const { day, slot } of cells) {
    const from = slot * SLOT_MINUTES;
    const to = from + SLOT_MINUTES;
    const before = previousDay(day);
    touched.add(day);
    if (open) {
      // Minutes the night before already keeps open stay its own, so that no two ranges overlap.
      for (let minute = from; minute < to; minute += 1) {
        if (minute >= week.spill[before]!) week.own[day]![minute] = 1;
      }
      continue;
    }
    week.own[day]!.fill(0, from, to);
    const spill = week.spill[before]!;
    if (from < spill) {
      // The night range now ends where the closing starts; what it kept open after the cells
      // becomes the day's own.
      week.spill[before] = from;
      week.own[day]!.fill(1, to, Math.max(to, spill));
      touched.add(before);
    }
  }
  // A night range needs its evening: when that is gone, or when the run before midnight now starts
  // before the night ends (a range cannot last more than 24 hours), its morning becomes the next
  // day's own range.
  for (let day = 0; day < 7; day += 1) {
    const spill = week.spill[day]!;
    if (spill === 0) continue;
    const start = lastRunStart(week.own[day]!);
    if (start !== undefined && start > spill) continue;
    week.own[nextDay(day)]!.fill(1, 0, spill);
    week.spill[day] = 0;
    touched.add(day);
    touched.add(nextDay(day));
  }
  const changed: Partial<Record<Weekday, TimeRange[]>> = {};
  for (const day of touched) changed[WEEKDAYS[day]!] = rangesOf(week, day);
  return changed;
}

/** The cells of the rectangle between two corners, inclusive. */
export function cellsBetween(a: Cell, b: Cell): Cell[] {
  const cells: Cell[] = [];
  for (let day = Math.min(a.day, b.day); day <= Math.max(a.day, b.day); day += 1) {
    for (let slot = Math.min(a.slot, b.slot); slot <= Math.max(a.slot, b.slot); slot += 1) {
      cells.push({ day, slot });
    }
  }
  return cells;
}

/** How ranges are written in a text field: `08:30–12:30, 14:00–18:00`. */
export function formatRanges(ranges: readonly TimeRange[]): string {
  return ranges.map(([start, end]) => `${start}–${end}`).join(', ');
}

/**
 * A time as typed, written as the document wants it when it is recognisably a time: `8` and `8h`
 * are `08:00`, `8:45`, `8h45` and `8.45` are `08:45`. Anything else is kept as typed, for flow-core
 * to report.
 */
function normalizeTime(typed: string): string {
  const match = /^(\d{1,2})(?:[:hH.](\d{2})?)?$/.exec(typed);
  if (match === null) return typed;
  return `${match[1]!.padStart(2, '0')}:${match[2] ?? '00'}`;
}

/**
 * Reads ranges typed in a text field: pairs `start–end` (a hyphen, en dash or em dash) separated
 * by commas or semicolons; an empty text is no range (closed). Returns null when the text is not
 * made of such pairs; the times themselves are checked by flow-core.
 */
export function parseRanges(text: string): TimeRange[] | null {
  const ranges: TimeRange[] = [];
  for (const part of text.split(/[,;]/)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const match = /^([^\s–—-]+)\s*[–—-]\s*([^\s–—-]+)$/.exec(trimmed);
    if (match === null) return null;
    ranges.push([normalizeTime(match[1]!), normalizeTime(match[2]!)]);
  }
  return ranges;
}
