import { CallerNumberFields, DigitsField } from './CallerFields.js';
import { holidaysReadyFor } from '../editor/holidays.js';
import { validateFlow } from '@ringflow/flow-core';
import type { CallOutcome, FlowDocument } from '@ringflow/flow-core';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { useTranslator } from '../i18n/i18n.js';
import type { Translator } from '../i18n/i18n.js';
import { AgentSettings } from './AgentSettings.js';
import { completeParticipants, defaultSetup, intlLocale, scenarioOf } from './call-setup.js';
import type { CallSetup } from './call-setup.js';
import { CallResultView } from './CallResultView.js';
import { describeOutcome } from './describe-call.js';
import { recall, remember, useRemembered } from './remember.js';
import {
  OUTCOMES,
  SLOTS_PER_DAY,
  addDays,
  mondayOf,
  runWeekInChunks,
  summariseWeek,
  todayIn,
  weekSlots,
} from './week.js';
import type { WeekCall } from './week.js';
import './simulation.css';

/** Props of {@link WeekView}. */
export interface WeekViewProps {
  readonly flow: FlowDocument;
  /** Plays one simulated call's path on the canvas (a heatmap cell chosen), or clears it. */
  readonly onHighlight?: (highlight: CanvasHighlight | null) => void;
}

/** What the week view's form holds: the week (its Monday) and the setup shared by all its calls. */
export interface WeekSetup extends CallSetup {
  readonly monday: string;
}

/** A finished (or running) week: the calls so far, with what they were run on. */
interface WeekRun {
  readonly flow: FlowDocument;
  /** The setup as JSON, to tell when the form changed since. */
  readonly setupKey: string;
  readonly monday: string;
  readonly calls: readonly WeekCall[];
}

interface Cell {
  readonly day: number;
  readonly index: number;
}

const GLYPHS: Readonly<Record<CallOutcome, string>> = {
  answered: '✓',
  forwarded: '↗',
  voicemail: '✉',
  completed: '♪',
  abandoned: '…',
  missed: '✕',
  rejected: '⊘',
};

/** One cell of the heatmap: a button named after its call, or an empty place while it runs. */
const WeekCellView = memo(function WeekCellView({
  call,
  label,
  focused,
  selected,
  onChoose,
  onFocusCell,
}: {
  readonly call: WeekCall | undefined;
  readonly label: string;
  readonly focused: boolean;
  readonly selected: boolean;
  readonly onChoose: (cell: Cell) => void;
  readonly onFocusCell: (cell: Cell) => void;
}) {
  if (call === undefined)
    return (
      <td role="gridcell">
        <span className="rf-week-cell rf-sim-pending" />
      </td>
    );
  const { day, index } = call.slot;
  const outcome = call.result?.outcome;
  const kind = call.slot.at === null ? 'gap' : (outcome ?? 'failed');
  return (
    <td role="gridcell" aria-selected={selected}>
      <button
        type="button"
        className={`rf-week-cell rf-sim-${kind}`}
        data-cell={`${day}-${index}`}
        data-outcome={outcome}
        tabIndex={focused ? 0 : -1}
        aria-label={label}
        onClick={() => onChoose({ day, index })}
        onFocus={() => onFocusCell({ day, index })}
      >
        <span aria-hidden="true">{outcome !== undefined ? GLYPHS[outcome] : kind === 'gap' ? '–' : '!'}</span>
      </button>
    </td>
  );
});

function newSetup(flow: FlowDocument): WeekSetup {
  let today = new Date().toISOString().slice(0, 10);
  try {
    today = todayIn(flow.timezone, Date.now());
  } catch {
    // An unknown time zone: the Problems panel says so; UTC's today will do.
  }
  return { ...defaultSetup(flow), monday: mondayOf(today) ?? today };
}

/** Formats local dates (`YYYY-MM-DD`, read as calendar dates) in the designer's language. */
function dateFormats(locale: Translator['locale']) {
  const make = (options: Intl.DateTimeFormatOptions) => {
    const format = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: 'UTC' });
    return (date: string) => format.format(Date.parse(`${date}T12:00:00Z`));
  };
  return {
    weekday: make({ weekday: 'long' }),
    shortDay: make({ weekday: 'short' }),
    dayMonth2: make({ day: '2-digit', month: '2-digit' }),
    long: make({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    dayMonth: make({ weekday: 'long', day: 'numeric', month: 'long' }),
  };
}

/**
 * One simulated call every 30 minutes of a week, at the wall-clock times of the flow's zone, shown
 * as a heatmap of outcomes (a row per half hour, a column per day). The admin picks the week and how
 * agents, outside numbers and the caller behave; a cell plays its call's path on the canvas and
 * shows the call under the grid. The calls run a day at a time, so the page stays responsive, and
 * can be cancelled.
 */
export function WeekView(props: WeekViewProps) {
  // Another flow is another week view: nothing of the previous flow's run is kept on screen.
  return <WeekViewOfFlow key={props.flow.id} {...props} />;
}

function WeekViewOfFlow({ flow, onHighlight }: WeekViewProps) {
  const translator = useTranslator();
  const { t, locale } = translator;
  const ids = useId();
  const [setup, setSetup] = useRemembered<WeekSetup>(`week:${flow.id}`, () => newSetup(flow));
  const runKey = `week:run:${flow.id}`;
  const [run, setRun] = useState<WeekRun | null>(() => recall<WeekRun>(runKey) ?? null);
  const [running, setRunning] = useState<{ done: number; total: number } | null>(null);
  const [cancelledNote, setCancelledNote] = useState(false);
  const [selected, setSelected] = useState<Cell | null>(() => recall<Cell>(`${runKey}:cell`) ?? null);
  const [focusCell, setFocus] = useState<Cell>(() => selected ?? { day: 0, index: 18 });
  const cancelRef = useRef<(() => void) | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const errors = useMemo(() => validateFlow(flow, { locale }).errors, [flow, locale]);
  const formats = useMemo(() => dateFormats(locale), [locale]);
  const setupKey = JSON.stringify(setup);

  // A run is cancelled when the view goes away (tab change, another flow).
  useEffect(() => () => cancelRef.current?.(), []);

  const callAt = useCallback(
    (cell: Cell | null): WeekCall | undefined =>
      cell === null ? undefined : run?.calls[cell.day * SLOTS_PER_DAY + cell.index],
    [run],
  );
  const chosen = callAt(selected);

  useEffect(() => {
    const path = chosen?.result?.path;
    onHighlight?.(path === undefined || path.length === 0 ? null : { path, step: path.length - 1 });
  }, [chosen, onHighlight]);

  const start = () => {
    if (!holidaysReadyFor(flow, start)) return;
    cancelRef.current?.();
    setCancelledNote(false);
    setSelected(null);
    const slots = weekSlots(setup.monday, flow.timezone);
    const complete = completeParticipants(setup, flow);
    const base = { flow, setupKey, monday: setup.monday };
    setRun({ ...base, calls: [] });
    setRunning({ done: 0, total: slots.length });
    cancelRef.current = runWeekInChunks({
      flow,
      slots,
      scenarioAt: (at) => scenarioOf(complete, at),
      onProgress: (calls) => {
        setRun({ ...base, calls });
        setRunning({ done: calls.length, total: slots.length });
      },
      onDone: (calls) => {
        cancelRef.current = null;
        setRunning(null);
        remember(runKey, { ...base, calls });
        // Under the form, the finished grid would go unseen.
        resultRef.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
      },
    });
  };

  const cancel = () => {
    cancelRef.current?.();
    cancelRef.current = null;
    setRunning(null);
    setRun(null);
    setCancelledNote(true);
  };

  const choose = useCallback(
    (cell: Cell) => {
      setSelected(cell);
      setFocus(cell);
      remember(`${runKey}:cell`, cell);
    },
    [runKey],
  );

  const moveFocus = (event: KeyboardEvent<HTMLTableElement>) => {
    const delta: Readonly<Record<string, [number, number]>> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      PageUp: [0, -4],
      PageDown: [0, 4],
    };
    // The cell the key was pressed on (focus may have moved there by mouse or script).
    const from = (event.target as HTMLElement).closest('[data-cell]')?.getAttribute('data-cell');
    const [day, index] = from === null || from === undefined ? [] : from.split('-').map(Number);
    const focus = day === undefined || index === undefined ? focusCell : { day, index };
    let next: Cell | undefined;
    const move = delta[event.key];
    if (move !== undefined)
      next = {
        day: Math.min(6, Math.max(0, focus.day + move[0])),
        index: Math.min(SLOTS_PER_DAY - 1, Math.max(0, focus.index + move[1])),
      };
    else if (event.key === 'Home') next = { day: event.ctrlKey ? 0 : focus.day, index: 0 };
    else if (event.key === 'End') next = { day: event.ctrlKey ? 6 : focus.day, index: SLOTS_PER_DAY - 1 };
    if (next === undefined) return;
    event.preventDefault();
    setFocus(next);
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.day}-${next.index}"]`)?.focus();
  };

  const describeSlot = useCallback(
    ({ slot, result }: WeekCall): string => {
      if (slot.at === null) return t('simulation.said.gap');
      if (result === null) return t('simulation.said.failed');
      const description = describeOutcome(result, flow, translator);
      return slot.repeated ? t('simulation.said.repeated', { description }) : description;
    },
    [flow, t, translator],
  );
  // Each call's name is worked out once: a run adds a day at a time, and earlier cells keep theirs.
  const cellLabel = useMemo(() => {
    const labels = new WeakMap<WeekCall, string>();
    return (call: WeekCall): string => {
      let label = labels.get(call);
      if (label === undefined) {
        label = t('simulation.week.cell', {
          day: formats.weekday(call.slot.date),
          time: call.slot.time,
          description: describeSlot(call),
        });
        labels.set(call, label);
      }
      return label;
    };
  }, [t, formats, describeSlot]);

  const summary = run === null || running !== null ? null : summariseWeek(run.calls);
  const failure = run?.calls.find((call) => call.error !== undefined)?.error;
  const stale = run !== null && (run.flow !== flow || run.setupKey !== setupKey);
  const days = run === null ? [] : Array.from({ length: 7 }, (_, day) => addDays(run.monday, day));
  const percent = new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 });
  const canRun = errors.length === 0 && running === null;

  return (
    <section className="rf-week-view" aria-label={t('simulation.week.title')}>
      <h2>{t('simulation.week.title')}</h2>
      <p className="rf-sim-hint">{t('simulation.week.intro')}</p>
      {errors.length > 0 && (
        <p className="rf-sim-flow-errors" role="alert">
          {t('simulation.flowErrors', { count: errors.length })}
        </p>
      )}
      <form
        className="rf-sim-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (canRun) start();
        }}
      >
        <div className="rf-week-pick">
          <label>
            {t('simulation.week.week', { timezone: flow.timezone })}
            <input
              type="date"
              required
              value={setup.monday}
              aria-describedby={`${ids}-range`}
              onChange={(event) => {
                const monday = mondayOf(event.target.value);
                if (monday !== undefined) setSetup((s) => ({ ...s, monday }));
              }}
            />
          </label>
          <button
            type="button"
            aria-label={t('simulation.week.previous')}
            title={t('simulation.week.previous')}
            onClick={() => setSetup((s) => ({ ...s, monday: addDays(s.monday, -7) }))}
          >
            ‹
          </button>
          <button
            type="button"
            aria-label={t('simulation.week.next')}
            title={t('simulation.week.next')}
            onClick={() => setSetup((s) => ({ ...s, monday: addDays(s.monday, 7) }))}
          >
            ›
          </button>
        </div>
        <p id={`${ids}-range`} className="rf-sim-hint">
          {t('simulation.week.range', {
            from: formats.long(setup.monday),
            to: formats.long(addDays(setup.monday, 6)),
          })}
        </p>

        <fieldset className="rf-sim-fieldset">
          <legend>{t('testCall.caller')}</legend>
          <CallerNumberFields value={setup} onChange={(change) => setSetup((s) => ({ ...s, ...change }))} />
          <DigitsField value={setup.digits} onChange={(change) => setSetup((s) => ({ ...s, ...change }))} />
        </fieldset>

        <AgentSettings
          flow={flow}
          value={setup}
          onChange={(change) => setSetup((s) => ({ ...s, ...change(s) }))}
          planningAt="eachSlot"
        />

        <div className="rf-week-actions">
          <button type="submit" disabled={!canRun}>
            {t('simulation.week.run')}
          </button>
          {running !== null && (
            <>
              <progress
                value={running.done}
                max={running.total}
                aria-label={t('simulation.week.progress')}
                aria-valuetext={t('simulation.week.progressValue', running)}
              />
              <span className="rf-sim-hint">{t('simulation.week.progressValue', running)}</span>
              <button type="button" onClick={cancel}>
                {t('simulation.week.cancel')}
              </button>
            </>
          )}
        </div>
      </form>
      <p className="rf-sim-status" role="status">
        {cancelledNote ? t('simulation.week.cancelled') : ''}
      </p>

      {run !== null && (
        <div className="rf-week-result" ref={resultRef}>
          {stale && running === null && <p className="rf-sim-stale">{t('simulation.week.stale')}</p>}
          {summary !== null && (
            <p className="rf-week-summary">
              {summary.calls === 0
                ? t('simulation.week.summaryNone')
                : t('simulation.week.summary', {
                    share: percent.format(summary.shareReachedNobody),
                    count: summary.reachedNobody,
                    total: summary.calls,
                  })}
            </p>
          )}
          {summary !== null && failure !== undefined && (
            <p className="rf-test-call-problems" role="alert">
              {t('simulation.week.failed', { count: summary.failed, message: failure })}
            </p>
          )}
          <table
            ref={gridRef}
            className="rf-week-grid"
            role="grid"
            aria-label={t('simulation.week.grid')}
            aria-busy={running !== null}
            onKeyDown={moveFocus}
          >
            <thead>
              <tr role="row">
                <th scope="col" role="columnheader">
                  {t('simulation.week.time')}
                </th>
                {days.map((date) => (
                  <th key={date} scope="col" role="columnheader" abbr={formats.weekday(date)}>
                    <span className="rf-week-day">{formats.shortDay(date)}</span>{' '}
                    <span className="rf-week-date">{formats.dayMonth2(date)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: SLOTS_PER_DAY }, (_, index) => (
                <tr key={index} role="row" className={index % 2 === 0 ? 'rf-week-hour' : undefined}>
                  <th scope="row" role="rowheader" className="rf-week-time">
                    {`${String(Math.floor(index / 2)).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}`}
                  </th>
                  {days.map((date, day) => {
                    const call = callAt({ day, index });
                    return (
                      <WeekCellView
                        key={date}
                        call={call}
                        label={call === undefined ? '' : cellLabel(call)}
                        focused={focusCell.day === day && focusCell.index === index}
                        selected={selected?.day === day && selected.index === index}
                        onChoose={choose}
                        onFocusCell={setFocus}
                      />
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>

          {summary !== null && (
            <ul className="rf-week-legend" aria-label={t('simulation.week.legend')}>
              {OUTCOMES.map((outcome) => (
                <li key={outcome} data-outcome={outcome}>
                  <span className={`rf-sim-swatch rf-sim-${outcome}`} aria-hidden="true">
                    {GLYPHS[outcome]}
                  </span>
                  {t('simulation.week.legendItem', {
                    outcome: t(`simulation.outcome.${outcome}`),
                    count: summary.byOutcome[outcome],
                  })}
                </li>
              ))}
              {summary.skipped > 0 && (
                <li data-outcome="gap">
                  <span className="rf-sim-swatch rf-sim-gap" aria-hidden="true">
                    –
                  </span>
                  {t('simulation.week.legendItem', {
                    outcome: t('simulation.week.legendGap'),
                    count: summary.skipped,
                  })}
                </li>
              )}
            </ul>
          )}

          <div className="rf-week-details">
            {chosen === undefined ? (
              summary !== null && <p className="rf-sim-hint">{t('simulation.week.pick')}</p>
            ) : (
              <>
                <h3>
                  {t('simulation.week.details', {
                    day: formats.dayMonth(chosen.slot.date),
                    time: chosen.slot.time,
                  })}
                </h3>
                {chosen.result === null ? (
                  <p>{describeSlot(chosen)}</p>
                ) : (
                  <CallResultView flow={run.flow} result={chosen.result} headingLevel={4} />
                )}
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
