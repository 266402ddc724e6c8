import type { Schedule } from '@ringflow/flow-core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import { weekdayNames } from './intl.js';
import { cellsBetween, cellState, SLOT_MINUTES, SLOTS_PER_DAY, timeOf, weekMinutes } from './week-hours.js';
import type { Cell, CellState } from './week-hours.js';

/** Props of {@link WeeklyGrid}. */
export interface WeeklyGridProps {
  readonly weekly: Schedule['weekly'];
  /** Paints `cells` open or closed: one user action (a click, a drag, a key press). */
  readonly onPaint: (cells: readonly Cell[], open: boolean) => void;
}

interface Drag {
  readonly anchor: Cell;
  readonly current: Cell;
  readonly open: boolean;
}

const HOUR_LABEL_EVERY = 2;
const sameCell = (a: Cell, b: Cell) => a.day === b.day && a.slot === b.slot;

function cellOf(target: EventTarget | null): Cell | undefined {
  const element = target instanceof Element ? target.closest<HTMLElement>('[data-slot]') : null;
  if (element === null) return undefined;
  return { day: Number(element.dataset.day), slot: Number(element.dataset.slot) };
}

function inRectangle(cell: Cell, drag: Drag): boolean {
  const { anchor, current } = drag;
  return (
    cell.day >= Math.min(anchor.day, current.day) &&
    cell.day <= Math.max(anchor.day, current.day) &&
    cell.slot >= Math.min(anchor.slot, current.slot) &&
    cell.slot <= Math.max(anchor.slot, current.slot)
  );
}

/**
 * The week as 7 rows of 48 half hours. A click opens or closes a half hour; a drag paints the
 * rectangle between where it started and where it is (open when the first cell was not fully open,
 * closed otherwise), shown before it is applied as one step. With the keyboard, one cell is in the
 * tab order (roving tabindex): arrows move it (Home/End: start/end of the day, Page Up/Down: two
 * hours), Space or Enter opens or closes it, Delete closes it. A half hour partly open (exact minutes such as 08:45)
 * is shown striped.
 */
export function WeeklyGrid({ weekly, onPaint }: WeeklyGridProps) {
  const { t, locale } = useTranslator();
  const id = useId();
  const week = useMemo(() => weekMinutes(weekly), [weekly]);
  const longDays = useMemo(() => weekdayNames(locale, 'long'), [locale]);
  const shortDays = useMemo(() => weekdayNames(locale, 'short'), [locale]);
  const [focus, setFocus] = useState<Cell>({ day: 0, slot: 18 });
  const [drag, setDrag] = useState<Drag | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const latest = useRef({ drag, onPaint });
  useEffect(() => {
    latest.current = { drag, onPaint };
  });

  const dragging = drag !== null;
  useEffect(() => {
    if (!dragging) return;
    // The drag ends wherever the pointer is released, in the grid or not.
    const finish = () => {
      const current = latest.current.drag;
      setDrag(null);
      if (current !== null)
        latest.current.onPaint(cellsBetween(current.anchor, current.current), current.open);
    };
    const cancel = () => setDrag(null);
    window.addEventListener('pointerup', finish);
    window.addEventListener('pointercancel', cancel);
    return () => {
      window.removeEventListener('pointerup', finish);
      window.removeEventListener('pointercancel', cancel);
    };
  }, [dragging]);

  const focusCell = (cell: Cell) => {
    setFocus(cell);
    table.current?.querySelector<HTMLElement>(`[data-day="${cell.day}"][data-slot="${cell.slot}"]`)?.focus();
  };

  const onPointerDown = (event: PointerEvent<HTMLTableElement>) => {
    const cell = cellOf(event.target);
    if (cell === undefined || event.button > 0) return;
    event.preventDefault();
    // Touch pointers are captured by the element they went down on; release them so that the drag
    // reaches the cells the finger moves over.
    const target = event.target as Element;
    if (target.hasPointerCapture?.(event.pointerId)) target.releasePointerCapture(event.pointerId);
    setDrag({ anchor: cell, current: cell, open: cellState(week, cell) !== 'open' });
    focusCell(cell);
  };

  const onPointerMove = (event: PointerEvent<HTMLTableElement>) => {
    if (drag === null) return;
    const cell = cellOf(event.target);
    if (cell !== undefined && !sameCell(cell, drag.current)) setDrag({ ...drag, current: cell });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const cell = cellOf(event.target);
    if (cell === undefined) return;
    // Keys the grid handles are its own: the designer's shortcuts (Delete deletes the canvas's
    // selection) must not see them.
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      onPaint([cell], cellState(week, cell) !== 'open');
      return;
    }
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      event.stopPropagation();
      onPaint([cell], false);
      return;
    }
    const last = SLOTS_PER_DAY - 1;
    const moves: Record<string, Cell> = {
      ArrowLeft: { day: cell.day, slot: Math.max(0, cell.slot - 1) },
      ArrowRight: { day: cell.day, slot: Math.min(last, cell.slot + 1) },
      ArrowUp: { day: Math.max(0, cell.day - 1), slot: cell.slot },
      ArrowDown: { day: Math.min(6, cell.day + 1), slot: cell.slot },
      Home: { day: cell.day, slot: 0 },
      End: { day: cell.day, slot: last },
      PageUp: { day: cell.day, slot: Math.max(0, cell.slot - 4) },
      PageDown: { day: cell.day, slot: Math.min(last, cell.slot + 4) },
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    focusCell(next);
  };

  const stateLabel: Record<CellState, string> = {
    open: t('library.grid.open'),
    closed: t('library.grid.closed'),
    partial: t('library.grid.partial'),
  };
  const slots = Array.from({ length: SLOTS_PER_DAY }, (_, slot) => slot);

  return (
    <div className="rf-lib-week-grid">
      <p className="rf-lib-hint" id={`${id}-help`}>
        {t('library.grid.help')}
      </p>
      <div className="rf-lib-week-grid-scroll">
        <table
          ref={table}
          role="grid"
          aria-label={t('library.grid.label')}
          aria-describedby={`${id}-help`}
          className={dragging ? 'rf-lib-week-grid-table rf-lib-week-grid-dragging' : 'rf-lib-week-grid-table'}
          onPointerDown={onPointerDown}
          onPointerOver={onPointerMove}
          onPointerMove={onPointerMove}
          onKeyDown={onKeyDown}
        >
          <thead>
            <tr>
              <td className="rf-lib-week-grid-corner" />
              {slots
                .filter((slot) => slot % (HOUR_LABEL_EVERY * 2) === 0)
                .map((slot) => (
                  <th key={slot} scope="col" colSpan={HOUR_LABEL_EVERY * 2} className="rf-lib-week-grid-hour">
                    {timeOf(slot * SLOT_MINUTES).slice(0, 2)}
                  </th>
                ))}
            </tr>
          </thead>
          <tbody>
            {longDays.map((dayName, day) => (
              <tr key={day}>
                <th scope="row" className="rf-lib-week-grid-day">
                  <abbr title={dayName}>{shortDays[day]}</abbr>
                </th>
                {slots.map((slot) => {
                  const cell = { day, slot };
                  const state: CellState =
                    drag !== null && inRectangle(cell, drag)
                      ? drag.open
                        ? 'open'
                        : 'closed'
                      : cellState(week, cell);
                  const from = timeOf(slot * SLOT_MINUTES);
                  const to = timeOf((slot + 1) * SLOT_MINUTES);
                  return (
                    <td
                      key={slot}
                      role="gridcell"
                      data-day={day}
                      data-slot={slot}
                      data-state={state}
                      tabIndex={sameCell(cell, focus) ? 0 : -1}
                      className={`rf-lib-week-cell rf-lib-week-cell-${state}${slot % 2 === 0 ? ' rf-lib-week-cell-hour' : ''}`}
                      aria-label={t('library.grid.cell', {
                        day: dayName,
                        from,
                        to,
                        state: stateLabel[state],
                      })}
                      onFocus={() => {
                        if (!sameCell(cell, focus)) setFocus(cell);
                      }}
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="rf-lib-week-grid-legend" aria-hidden="true">
        {(['open', 'partial', 'closed'] as const).map((state) => (
          <li key={state}>
            <span className={`rf-lib-week-cell rf-lib-week-cell-${state} rf-lib-week-grid-swatch`} />
            {stateLabel[state]}
          </li>
        ))}
      </ul>
    </div>
  );
}
