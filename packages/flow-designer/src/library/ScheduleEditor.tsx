import {
  compileSchedule,
  hasHolidayCatalogue,
  listPublicHolidays,
  scheduleSchema,
  WEEKDAYS,
} from '@ringflow/flow-core';
import type { Closure, FlowDocument, FlowIssue, Schedule, ScheduleDecision } from '@ringflow/flow-core';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useHolidays } from '../editor/holidays.js';
import { useEditor, useIssues } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import type { Translator } from '../i18n/i18n.js';
import { isUnder, issuesUnder, issuesWithin } from './flow-rules.js';
import { countryName, holidayCountries, monthNames, timeZones, todayIn, weekdayNames } from './intl.js';
import { describedBy, IssueMessages } from './IssueMessages.js';
import { RangesInput } from './RangesInput.js';
import { paintCells } from './week-hours.js';
import type { Cell } from './week-hours.js';
import { WeeklyGrid } from './WeeklyGrid.js';
import './library.css';

/** Props of {@link ScheduleEditor}. */
export interface ScheduleEditorProps {
  /** The id of the schedule of the flow's library to edit (through useEditor). */
  readonly scheduleId: string;
}

/** Changes the schedule being edited: one undo step, typing merged by `field`. */
type ChangeSchedule = (recipe: (schedule: Schedule) => void, field?: string) => void;

/** What the parts of the editor share. */
interface PartProps {
  readonly schedule: Schedule;
  readonly change: ChangeSchedule;
  /** flow-core's issues about this part, paths relative to the schedule. */
  readonly issues: readonly FlowIssue[];
}

const MemoWeeklyGrid = memo(WeeklyGrid);

/** The parts of a schedule that show their own issues; the others are shown at the top. */
const PARTS = ['name', 'timezone', 'weekly', 'closures', 'specialHours', 'publicHolidays'] as const;

/**
 * Weekly hours, closures, special hours and public holidays of one schedule of the flow's library,
 * with what it says right now. Every change goes through the editor (one undo step; typing in a field
 * is one step); flow-core's issues about the schedule are shown beside the part they concern.
 */
export function ScheduleEditor({ scheduleId }: ScheduleEditorProps) {
  const { flow, edit } = useEditor();
  const allIssues = useIssues();
  const { t } = useTranslator();
  const id = useId();
  const index = flow.schedules.findIndex((schedule) => schedule.id === scheduleId);
  const issues = useMemo(
    () => (index < 0 ? [] : issuesWithin(allIssues, ['schedules', index])),
    [allIssues, index],
  );
  const change = useCallback<ChangeSchedule>(
    (recipe, field) =>
      edit(
        (draft) => {
          const target = draft.schedules.find((s) => s.id === scheduleId);
          if (target !== undefined) recipe(target);
        },
        field === undefined ? {} : { mergeKey: `schedule:${scheduleId}:${field}` },
      ),
    [edit, scheduleId],
  );
  const schedule = flow.schedules[index];
  if (schedule === undefined) {
    return (
      <p className="rf-schedule-editor rf-lib-missing">{t('library.schedule.missing', { id: scheduleId })}</p>
    );
  }

  const part = (name: (typeof PARTS)[number]) => issuesWithin(issues, [name]);
  const others = issues.filter((issue) => !PARTS.some((name) => isUnder(issue.path, [name])));

  return (
    <div className="rf-schedule-editor">
      <IssueMessages issues={others} />
      <div className="rf-lib-row">
        <label className="rf-lib-field">
          {t('library.schedule.name')}
          <input
            type="text"
            value={schedule.name}
            {...describedBy(part('name'), `${id}-name`)}
            onChange={(event) => change((s) => void (s.name = event.target.value), 'name')}
          />
        </label>
        <TimezoneSelect schedule={schedule} change={change} issues={part('timezone')} flow={flow} />
      </div>
      <IssueMessages issues={part('name')} id={`${id}-name`} />
      <OpenNow schedule={schedule} flow={flow} />
      <WeeklySection schedule={schedule} change={change} issues={part('weekly')} />
      <ClosuresSection schedule={schedule} change={change} issues={part('closures')} flow={flow} />
      <SpecialHoursSection schedule={schedule} change={change} issues={part('specialHours')} flow={flow} />
      <HolidaysSection schedule={schedule} change={change} issues={part('publicHolidays')} flow={flow} />
    </div>
  );
}

/**
 * The schedule's own time zone, or the flow's. Most schedules keep the flow's, so the list of some
 * 400 zones is only shown when the admin asks to change it (or when flow-core reports a problem).
 */
function TimezoneSelect({ schedule, change, issues, flow }: PartProps & { readonly flow: FlowDocument }) {
  const { t } = useTranslator();
  const id = useId();
  const [open, setOpen] = useState(false);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (open) select.current?.focus();
  }, [open]);
  const zones = timeZones();
  const current = schedule.timezone;
  const flowZone = t('library.schedule.timezone.flow', { timezone: flow.timezone });

  if (!open && issues.length === 0) {
    return (
      <div className="rf-lib-field-block rf-lib-field">
        <span id={`${id}-label`}>{t('library.schedule.timezone')}</span>
        <span className="rf-lib-row">
          <output aria-labelledby={`${id}-label`}>{current ?? flowZone}</output>
          <button type="button" aria-expanded={false} onClick={() => setOpen(true)}>
            {t('library.schedule.timezone.change')}
          </button>
        </span>
      </div>
    );
  }
  return (
    <div className="rf-lib-field-block">
      <label className="rf-lib-field">
        {t('library.schedule.timezone')}
        <select
          ref={select}
          value={current ?? ''}
          {...describedBy(issues, `${id}-issues`)}
          onChange={(event) =>
            change((s) => {
              if (event.target.value === '') delete s.timezone;
              else s.timezone = event.target.value;
            })
          }
        >
          <option value="">{flowZone}</option>
          {current !== undefined && !zones.includes(current) && <option value={current}>{current}</option>}
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <IssueMessages issues={issues} id={`${id}-issues`} />
    </div>
  );
}

/** How often the "open right now" line is brought up to date. */
const NOW_REFRESH_MS = 30_000;

/** A decision as one line: open or closed, by which rule, until when. */
function describeDecision(decision: ScheduleDecision, timezone: string, { t, locale }: Translator): string {
  const { rule } = decision;
  let line =
    decision.status === 'open'
      ? t('library.now.open')
      : decision.status === 'closed'
        ? t('library.now.closed')
        : t('library.now.holiday', { name: 'name' in rule ? (rule.name ?? '') : '' });
  if (rule.type === 'special') {
    line += ` (${t('library.now.special', { name: rule.name ?? rule.date })})`;
  }
  if (decision.until !== null) {
    const when = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: timezone,
    }).format(decision.until);
    line += ` ${t(decision.status === 'open' ? 'library.now.until' : 'library.now.opens', { when })}`;
  }
  return line;
}

/** What the schedule says at this moment, from flow-core, brought up to date every half minute. */
function OpenNow({ schedule, flow }: { readonly schedule: Schedule; readonly flow: FlowDocument }) {
  const translator = useTranslator();
  // The public holidays load after the designer's first paint: the answer is computed again then.
  const holidays = useHolidays();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), NOW_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const answer = useMemo(() => {
    // A schedule that flow-core's schema refuses (a time being typed) cannot be evaluated.
    const parsed = scheduleSchema.safeParse(schedule);
    if (!parsed.success) return undefined;
    try {
      const compiled = compileSchedule(parsed.data, { timezone: flow.timezone });
      return { decision: compiled.at(now), timezone: compiled.timezone };
    } catch {
      return undefined;
    }
    // `holidays` is not read: it changes when the public holidays arrive.
  }, [schedule, flow.timezone, now, holidays]);
  const status = answer?.decision.status ?? 'unknown';
  return (
    <p className={`rf-lib-now rf-lib-now-${status}`} data-status={status}>
      {answer === undefined
        ? translator.t('library.now.unknown')
        : describeDecision(answer.decision, answer.timezone, translator)}
    </p>
  );
}

function WeeklySection({ schedule, change, issues }: PartProps) {
  const { t, locale } = useTranslator();
  const id = useId();
  const days = weekdayNames(locale, 'long');
  // Painted on the draft, so that the grid's callback never changes and the grid re-renders only
  // when the weekly hours do.
  const onPaint = useCallback(
    (cells: readonly Cell[], open: boolean) =>
      change((s) => Object.assign(s.weekly, paintCells(s.weekly, cells, open))),
    [change],
  );
  return (
    <section className="rf-lib-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('library.schedule.weekly')}</h3>
      <MemoWeeklyGrid weekly={schedule.weekly} onPaint={onPaint} />
      <fieldset className="rf-lib-days">
        <legend>{t('library.schedule.exact')}</legend>
        {WEEKDAYS.map((day, i) => (
          <div key={day} className="rf-lib-day">
            <RangesInput
              label={days[i]!}
              ranges={schedule.weekly[day]}
              placeholder={t('library.schedule.closedDay')}
              issues={issuesWithin(issues, [day])}
              onChange={(ranges) => change((s) => void (s.weekly[day] = ranges), `weekly.${day}`)}
            />
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            change((s) => {
              for (const day of WORKDAYS_AFTER_MONDAY)
                s.weekly[day] = s.weekly.mon.map((range) => [...range]);
            })
          }
        >
          {t('library.schedule.copyMonday')}
        </button>
      </fieldset>
    </section>
  );
}

/** The days that "copy Monday" fills: the rest of the working week. */
const WORKDAYS_AFTER_MONDAY = ['tue', 'wed', 'thu', 'fri'] as const;

type ClosureType = 'date' | 'period' | 'every';

const closureTypeOf = (closure: Closure): ClosureType =>
  'date' in closure ? 'date' : 'from' in closure ? 'period' : 'every';

/** The same closure as another type, keeping its name and as much of its dates as fits. */
function convertClosure(closure: Closure, type: ClosureType, today: string): Closure {
  const first = 'date' in closure ? closure.date : 'from' in closure ? closure.from : undefined;
  const year = today.slice(0, 4);
  if (type === 'date') {
    return { name: closure.name, date: first ?? ('every' in closure ? `${year}-${closure.every}` : today) };
  }
  if (type === 'period') {
    const from = first ?? ('every' in closure ? `${year}-${closure.every}` : today);
    return { name: closure.name, from, to: 'to' in closure ? closure.to : from };
  }
  return { name: closure.name, every: (first ?? today).slice(5) };
}

interface DatedPartProps extends PartProps {
  readonly flow: FlowDocument;
}

function ClosuresSection({ schedule, change, issues, flow }: DatedPartProps) {
  const { t } = useTranslator();
  const id = useId();
  const today = todayIn(schedule.timezone ?? flow.timezone);
  return (
    <section className="rf-lib-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('library.closures')}</h3>
      <p className="rf-lib-hint">{t('library.closures.help')}</p>
      {schedule.closures.length === 0 ? (
        <p className="rf-lib-empty">{t('library.closures.none')}</p>
      ) : (
        <ul className="rf-lib-rows">
          {schedule.closures.map((closure, i) => (
            <li key={i}>
              <ClosureRow
                closure={closure}
                index={i}
                today={today}
                change={change}
                issues={issuesWithin(issues, [i])}
              />
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        onClick={() =>
          change((s) => void s.closures.push({ name: t('library.closure.defaultName'), date: today }))
        }
      >
        {t('library.closures.add')}
      </button>
    </section>
  );
}

function ClosureRow({
  closure,
  index,
  today,
  change,
  issues,
}: {
  readonly closure: Closure;
  readonly index: number;
  readonly today: string;
  readonly change: ChangeSchedule;
  readonly issues: readonly FlowIssue[];
}) {
  const { t, locale } = useTranslator();
  const id = useId();
  const type = closureTypeOf(closure);
  const set = (next: Closure, field?: string) =>
    change(
      (s) => void (s.closures[index] = next),
      field === undefined ? undefined : `closures.${index}.${field}`,
    );
  const at = (field: string) => issuesUnder(issues, [field]);
  const dateField = (field: 'date' | 'from' | 'to', label: string, value: string) => (
    <label className="rf-lib-field">
      {label}
      <input
        type="date"
        value={value}
        {...describedBy(at(field), `${id}-issues`)}
        onChange={(event) => set({ ...closure, [field]: event.target.value } as Closure)}
      />
    </label>
  );
  const months = monthNames(locale);
  const [month, day] = 'every' in closure ? closure.every.split('-') : ['01', '01'];

  return (
    <div
      role="group"
      aria-label={t('library.closure.group', { n: index + 1, name: closure.name })}
      className="rf-lib-card"
    >
      <div className="rf-lib-row">
        <label className="rf-lib-field">
          {t('library.closure.name')}
          <input
            type="text"
            value={closure.name}
            {...describedBy(at('name'), `${id}-issues`)}
            onChange={(event) => set({ ...closure, name: event.target.value }, 'name')}
          />
        </label>
        <label className="rf-lib-field">
          {t('library.closure.type')}
          <select
            value={type}
            onChange={(event) => set(convertClosure(closure, event.target.value as ClosureType, today))}
          >
            <option value="date">{t('library.closure.type.date')}</option>
            <option value="period">{t('library.closure.type.period')}</option>
            <option value="every">{t('library.closure.type.every')}</option>
          </select>
        </label>
      </div>
      <div className="rf-lib-row">
        {'date' in closure && dateField('date', t('library.closure.date'), closure.date)}
        {'from' in closure && dateField('from', t('library.closure.from'), closure.from)}
        {'to' in closure && dateField('to', t('library.closure.to'), closure.to)}
        {'every' in closure && (
          <>
            <label className="rf-lib-field">
              {t('library.closure.month')}
              <select
                value={month}
                {...describedBy(at('every'), `${id}-issues`)}
                onChange={(event) => set({ name: closure.name, every: `${event.target.value}-${day}` })}
              >
                {months.map((name, i) => (
                  <option key={name} value={String(i + 1).padStart(2, '0')}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label className="rf-lib-field">
              {t('library.closure.day')}
              <select
                value={day}
                {...describedBy(at('every'), `${id}-issues`)}
                onChange={(event) => set({ name: closure.name, every: `${month}-${event.target.value}` })}
              >
                {Array.from({ length: 31 }, (_, i) => String(i + 1).padStart(2, '0')).map((value) => (
                  <option key={value} value={value}>
                    {Number(value)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <button
          type="button"
          className="rf-lib-remove"
          aria-label={t('library.closure.remove', { name: closure.name })}
          onClick={() => change((s) => void s.closures.splice(index, 1))}
        >
          {t('library.remove')}
        </button>
      </div>
      <IssueMessages issues={issues} id={`${id}-issues`} />
    </div>
  );
}

function SpecialHoursSection({ schedule, change, issues, flow }: DatedPartProps) {
  const { t } = useTranslator();
  const id = useId();
  const today = todayIn(schedule.timezone ?? flow.timezone);
  return (
    <section className="rf-lib-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('library.special')}</h3>
      <p className="rf-lib-hint">{t('library.special.help')}</p>
      {schedule.specialHours.length === 0 ? (
        <p className="rf-lib-empty">{t('library.special.none')}</p>
      ) : (
        <ul className="rf-lib-rows">
          {schedule.specialHours.map((entry, i) => (
            <li key={i}>
              <SpecialDayRow entry={entry} index={i} change={change} issues={issuesWithin(issues, [i])} />
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        onClick={() => change((s) => void s.specialHours.push({ date: today, hours: [['09:00', '12:00']] }))}
      >
        {t('library.special.add')}
      </button>
    </section>
  );
}

function SpecialDayRow({
  entry,
  index,
  change,
  issues,
}: {
  readonly entry: Schedule['specialHours'][number];
  readonly index: number;
  readonly change: ChangeSchedule;
  readonly issues: readonly FlowIssue[];
}) {
  const { t } = useTranslator();
  const id = useId();
  const edit = (recipe: (day: Schedule['specialHours'][number]) => void, field?: string) =>
    change(
      (s) => {
        const day = s.specialHours[index];
        if (day !== undefined) recipe(day);
      },
      field === undefined ? undefined : `specialHours.${index}.${field}`,
    );
  const at = (field: string): FlowIssue[] => issuesUnder(issues, [field]);
  const rest = issues.filter((issue) => !isUnder(issue.path, ['hours']));
  const closed = entry.hours.length === 0;
  const title = entry.name ?? entry.date;

  return (
    <div
      role="group"
      aria-label={t('library.special.group', { n: index + 1, name: title })}
      className="rf-lib-card"
    >
      <div className="rf-lib-row">
        <label className="rf-lib-field">
          {t('library.special.date')}
          <input
            type="date"
            value={entry.date}
            {...describedBy(at('date'), `${id}-issues`)}
            onChange={(event) => edit((day) => void (day.date = event.target.value))}
          />
        </label>
        <label className="rf-lib-field">
          {t('library.special.name')}
          <input
            type="text"
            value={entry.name ?? ''}
            placeholder={t('library.optional')}
            {...describedBy(at('name'), `${id}-issues`)}
            onChange={(event) =>
              edit((day) => {
                if (event.target.value === '') delete day.name;
                else day.name = event.target.value;
              }, 'name')
            }
          />
        </label>
        <button
          type="button"
          className="rf-lib-remove"
          aria-label={t('library.special.remove', { name: title })}
          onClick={() => change((s) => void s.specialHours.splice(index, 1))}
        >
          {t('library.remove')}
        </button>
      </div>
      <label className="rf-lib-inline">
        <input
          type="checkbox"
          checked={closed}
          onChange={(event) =>
            edit((day) => void (day.hours = event.target.checked ? [] : [['09:00', '12:00']]))
          }
        />
        {t('library.special.closed')}
      </label>
      {!closed && (
        <RangesInput
          label={t('library.special.hours', { name: title })}
          ranges={entry.hours}
          placeholder={t('library.schedule.closedDay')}
          issues={at('hours')}
          onChange={(ranges) => edit((day) => void (day.hours = ranges), 'hours')}
        />
      )}
      <IssueMessages issues={rest} id={`${id}-issues`} />
    </div>
  );
}

/** The public holiday country a new schedule of this flow follows: the flow's language's country. */
export function defaultHolidayCountry(flow: FlowDocument): string {
  const region = flow.locale.split('-')[1]?.toUpperCase();
  return region !== undefined && holidayCountries().includes(region) ? region : 'FR';
}

function HolidaysSection({ schedule, change, issues, flow }: DatedPartProps) {
  const { t, locale } = useTranslator();
  const id = useId();
  const area = schedule.publicHolidays;
  const catalogue = useHolidays();
  const countries = useMemo(
    () =>
      [...holidayCountries()]
        .map((code) => ({ code, name: countryName(code, locale) }))
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
    // `catalogue` is not read: the countries known change when the public holidays arrive.
    [locale, catalogue],
  );
  const year = Number(todayIn(schedule.timezone ?? flow.timezone).slice(0, 4));
  const holidays = useMemo(() => {
    if (area === undefined) return [];
    try {
      return listPublicHolidays(area, year);
    } catch {
      return [];
    }
  }, [area, year, catalogue]);
  const at = (field: string): FlowIssue[] => issuesUnder(issues, [field]);
  const dateFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    weekday: 'long',
    timeZone: 'UTC',
  });

  return (
    <section className="rf-lib-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('library.holidays')}</h3>
      <label className="rf-lib-inline">
        <input
          type="checkbox"
          checked={area !== undefined}
          onChange={(event) =>
            change((s) => {
              if (event.target.checked) s.publicHolidays = { country: defaultHolidayCountry(flow) };
              else delete s.publicHolidays;
            })
          }
        />
        {t('library.holidays.follow')}
      </label>
      {area !== undefined && (
        <>
          <div className="rf-lib-row">
            <label className="rf-lib-field">
              {t('library.holidays.country')}
              <select
                value={area.country}
                {...describedBy(at('country'), `${id}-country`)}
                onChange={(event) => change((s) => void (s.publicHolidays = { country: event.target.value }))}
              >
                {!countries.some((c) => c.code === area.country) && (
                  <option value={area.country}>{area.country}</option>
                )}
                {countries.map(({ code, name }) => (
                  <option key={code} value={code}>
                    {name} ({code})
                  </option>
                ))}
              </select>
            </label>
            <label className="rf-lib-field">
              {t('library.holidays.region')}
              <input
                type="text"
                value={area.region ?? ''}
                placeholder={t('library.optional')}
                aria-describedby={`${id}-region-hint${at('region').length > 0 ? ` ${id}-region` : ''}`}
                aria-invalid={at('region').length > 0 || undefined}
                onChange={(event) =>
                  change((s) => {
                    if (s.publicHolidays === undefined) return;
                    if (event.target.value === '') delete s.publicHolidays.region;
                    else s.publicHolidays.region = event.target.value;
                  }, 'publicHolidays.region')
                }
              />
            </label>
          </div>
          <p className="rf-lib-hint" id={`${id}-region-hint`}>
            {t('library.holidays.region.help')}
          </p>
          <IssueMessages issues={at('country')} id={`${id}-country`} />
          <IssueMessages issues={at('region')} id={`${id}-region`} />
          {hasHolidayCatalogue() ? (
            <details className="rf-lib-holidays">
              <summary>{t('library.holidays.list', { year, count: holidays.length })}</summary>
              <ul>
                {holidays.map((holiday) => (
                  <li key={holiday.date}>
                    <time dateTime={holiday.date}>
                      {dateFormat.format(Date.parse(`${holiday.date}T00:00:00Z`))}
                    </time>{' '}
                    – {holiday.name}
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <p className="rf-lib-hint">{t('library.holidays.loading')}</p>
          )}
        </>
      )}
      <IssueMessages
        issues={issues.filter(
          (issue) => !isUnder(issue.path, ['country']) && !isUnder(issue.path, ['region']),
        )}
      />
    </section>
  );
}
