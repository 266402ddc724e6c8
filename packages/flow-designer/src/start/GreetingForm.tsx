import { isKnownHolidayCountry, validateFlow, WEEKDAYS } from '@ringflow/flow-core';
import type { Agent, FlowDocument, TimeRange, Weekday } from '@ringflow/flow-core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import {
  buildGreeting,
  defaultClosedMessage,
  defaultGreetingOptions,
  GREETING_TEXTS,
  greetingLang,
  normalizePhoneNumber,
} from './greeting.js';
import type { GreetingField, GreetingOptions, GreetingUser } from './greeting.js';
import { slugId, uniqueId } from './ids.js';
import './start.css';

export interface GreetingFormProps {
  /** Agents of the flow that is open, offered as users to ring. */
  readonly existingAgents?: readonly Agent[];
  /** Flow ids already in use (saved drafts): the new flow gets another one. */
  readonly takenIds?: ReadonlySet<string>;
  /** Receives the generated flow, once flow-core finds no error in it. */
  readonly onCreate: (flow: FlowDocument) => void;
  /** Shows a Back button that calls this. */
  readonly onBack?: () => void;
  /** Called once the form is on the page (it may be loaded on demand): where focus can move in. */
  readonly onShown?: () => void;
}

type UserRow =
  | {
      readonly key: number;
      readonly kind: 'new';
      readonly name: string;
      readonly extension: string;
      readonly number: string;
    }
  | { readonly key: number; readonly kind: 'existing'; readonly agent: Agent };

interface DayHours {
  readonly open: boolean;
  /** One or two ranges; kept while the day is closed, so that opening it again restores them. */
  readonly ranges: readonly TimeRange[];
}

interface FormState {
  readonly name: string;
  readonly language: string;
  readonly timezone: string;
  readonly welcome: string;
  readonly music: string;
  readonly users: readonly UserRow[];
  readonly strategy: 'simultaneous' | 'cascade';
  readonly ringSeconds: string;
  readonly repeat: string;
  readonly hours: Readonly<Record<Weekday, DayHours>>;
  readonly holidays: string;
  readonly closedAction: 'message' | 'forward';
  readonly closedMessage: string;
  readonly forwardNumber: string;
  readonly forwardNotice: string;
  readonly noAnswerAction: 'voicemail' | 'hangup';
  readonly voicemailText: string;
  readonly hangupText: string;
}

/** Languages of the messages offered, French first. */
const LANGUAGES = ['fr-FR', 'fr-BE', 'fr-CH', 'fr-CA', 'en-GB', 'en-US'] as const;

/** Countries whose public holidays are offered, the French-speaking ones first. */
const HOLIDAY_COUNTRIES = [
  'FR',
  'BE',
  'CH',
  'LU',
  'MC',
  'CA',
  'DE',
  'ES',
  'IT',
  'PT',
  'NL',
  'GB',
  'IE',
  'US',
];

/** The texts that follow the language (and, for the closed message, the hours) until edited. */
type AutoText = 'name' | 'welcome' | 'closedMessage' | 'forwardNotice' | 'voicemailText' | 'hangupText';

function weeklyHours(hours: FormState['hours']): GreetingOptions['hours'] {
  const entries = WEEKDAYS.map((day) => [day, hours[day].open ? hours[day].ranges : []] as const);
  return Object.fromEntries(entries) as unknown as GreetingOptions['hours'];
}

function autoTexts(language: string, hours: FormState['hours']): Record<AutoText, string> {
  const lang = greetingLang(language);
  return {
    name: GREETING_TEXTS.name[lang],
    welcome: GREETING_TEXTS.welcome[lang],
    closedMessage: defaultClosedMessage(weeklyHours(hours), language),
    forwardNotice: GREETING_TEXTS.onCallNotice[lang],
    voicemailText: GREETING_TEXTS.voicemail[lang],
    hangupText: GREETING_TEXTS.hangup[lang],
  };
}

function initialState(language: string): FormState {
  const defaults = defaultGreetingOptions(language);
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const ranges = defaults.hours[day];
      return [day, { open: ranges.length > 0, ranges: ranges.length > 0 ? ranges : [['09:00', '18:00']] }];
    }),
  ) as unknown as FormState['hours'];
  return {
    ...autoTexts(language, hours),
    language,
    timezone: defaults.timezone,
    music: '',
    users: [{ key: 1, kind: 'new', name: '', extension: '', number: '' }],
    strategy: defaults.strategy,
    ringSeconds: String(defaults.ringSeconds),
    repeat: String(defaults.repeat),
    hours,
    holidays: defaults.holidays ?? '',
    closedAction: 'message',
    forwardNumber: '',
    noAnswerAction: 'voicemail',
  };
}

/** Applies a change; texts still at their default follow a new language or new hours. */
function update(state: FormState, change: Partial<FormState>): FormState {
  const next = { ...state, ...change };
  if (change.language === undefined && change.hours === undefined) return next;
  const before = autoTexts(state.language, state.hours);
  const after = autoTexts(next.language, next.hours);
  const followed: Partial<Record<AutoText, string>> = {};
  for (const key of Object.keys(before) as AutoText[]) {
    if (state[key] === before[key] && change[key] === undefined) followed[key] = after[key];
  }
  return { ...next, ...followed };
}

function isBlank(row: UserRow): boolean {
  return (
    row.kind === 'new' && row.name.trim() === '' && row.extension.trim() === '' && row.number.trim() === ''
  );
}

/** The generator's options from the form, and the form row of each generated user. */
function toOptions(state: FormState, id: string): { options: GreetingOptions; rowOf: number[] } {
  const rowOf: number[] = [];
  const users: GreetingUser[] = [];
  state.users.forEach((row, index) => {
    if (isBlank(row)) return;
    rowOf.push(index);
    if (row.kind === 'existing') {
      const { id: agentId, name, extension, number } = row.agent;
      users.push({ id: agentId, name, ...(extension ? { extension } : {}), ...(number ? { number } : {}) });
    } else {
      users.push({ name: row.name, extension: row.extension, number: normalizePhoneNumber(row.number) });
    }
  });
  const options: GreetingOptions = {
    name: state.name,
    id,
    timezone: state.timezone.trim(),
    language: state.language,
    welcome: state.welcome,
    music: state.music,
    users,
    strategy: state.strategy,
    ringSeconds: state.ringSeconds.trim() === '' ? Number.NaN : Number(state.ringSeconds),
    repeat: state.repeat.trim() === '' ? Number.NaN : Number(state.repeat),
    hours: weeklyHours(state.hours),
    ...(state.holidays === '' ? {} : { holidays: state.holidays }),
    closed:
      state.closedAction === 'forward'
        ? {
            action: 'forward',
            number: normalizePhoneNumber(state.forwardNumber),
            message: state.forwardNotice,
          }
        : { action: 'message', message: state.closedMessage },
    noAnswer:
      state.noAnswerAction === 'voicemail'
        ? { action: 'voicemail', message: state.voicemailText }
        : { action: 'hangup', message: state.hangupText },
  };
  return { options, rowOf };
}

/** A problem of the generated flow, told at the field it comes from. */
interface FieldProblem {
  readonly element: string | undefined;
  readonly message: string;
}

function timeZones(): readonly string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Paris'];
  }
}

/** A name in the designer's language: a language or a country. */
function displayName(locale: string, type: 'language' | 'region', code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The greeting quick form: a phone line's welcome message, the users it rings (simultaneously or in
 * cascade, how long, how many rounds), its opening hours and public holidays, and what happens when
 * it is closed or nobody answers. It generates the complete flow with `buildGreeting` and has
 * flow-core check it: the flow is handed over only when flow-core finds no error, else each problem
 * is shown at its field.
 */
export function GreetingForm({
  existingAgents = [],
  takenIds = new Set(),
  onCreate,
  onBack,
  onShown,
}: GreetingFormProps) {
  const { t, locale } = useTranslator();
  const shown = useRef(onShown);
  useEffect(() => {
    shown.current?.();
  }, []);
  const uid = useId();
  const [state, setState] = useState<FormState>(() => initialState(locale === 'en' ? 'en-GB' : 'fr-FR'));
  const [attempted, setAttempted] = useState(false);
  // Counts the refused attempts: each one takes the focus to the list of problems.
  const [refusals, setRefusals] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusals > 0) summary.current?.focus();
  }, [refusals]);
  const [nextKey, setNextKey] = useState(2);
  const change = (patch: Partial<FormState>) => setState((current) => update(current, patch));

  const flowId = uniqueId(
    slugId(state.name, greetingLang(state.language) === 'en' ? 'greeting' : 'accueil'),
    takenIds,
  );
  const elementId = (name: string) => `${uid}-${name}`;

  // After the first attempt, problems are checked again at every change, so they go as they are fixed.
  const problems = useMemo<readonly FieldProblem[]>(() => {
    if (!attempted) return [];
    const { options, rowOf } = toOptions(state, flowId);
    const build = buildGreeting(options);
    const report = validateFlow(build.flow, { locale });
    return [...report.errors, ...report.warnings].map((issue) => ({
      element: fieldElement(build.fieldOf(issue.path), rowOf),
      message: issue.message,
    }));
    // fieldElement reads only `state`, which is a dependency.
  }, [attempted, state, flowId, locale]);

  /** The element of the form that holds a generated field. */
  function fieldElement(field: GreetingField | undefined, rowOf: readonly number[]): string | undefined {
    if (field === undefined) return undefined;
    const user = /^user-(\d+)-(name|extension|number)$/.exec(field);
    if (user !== null) {
      const row = state.users[rowOf[Number(user[1])] ?? -1];
      if (row === undefined) return elementId('users');
      return row.kind === 'existing'
        ? elementId(`user-${row.key}-name`)
        : elementId(`user-${row.key}-${user[2]}`);
    }
    if (field === 'closedMessage')
      return elementId(state.closedAction === 'forward' ? 'forwardNotice' : 'closedMessage');
    if (field === 'noAnswerMessage')
      return elementId(state.noAnswerAction === 'voicemail' ? 'voicemailText' : 'hangupText');
    if (field === 'closedNumber') return elementId('forwardNumber');
    if (field.startsWith('hours-')) return elementId(`${field}-open`);
    return elementId(field);
  }

  const messagesAt = (element: string) =>
    problems.filter((problem) => problem.element === element).map((problem) => problem.message);

  /** The accessibility props of a field, and its problems under it. */
  const field = (name: string) => {
    const id = elementId(name);
    const messages = messagesAt(id);
    return {
      props: {
        id,
        ...(messages.length > 0 ? { 'aria-invalid': true, 'aria-describedby': `${id}-problems` } : {}),
      },
      problems:
        messages.length === 0 ? null : (
          <p id={`${id}-problems`} className="rf-field-problems">
            {messages.join(' ')}
          </p>
        ),
    };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const { options } = toOptions(state, flowId);
    const build = buildGreeting(options);
    if (validateFlow(build.flow).errors.length === 0) onCreate(build.flow);
    else setRefusals((count) => count + 1);
  };

  const setUser = (key: number, patch: Partial<{ name: string; extension: string; number: string }>) =>
    change({
      users: state.users.map((row) => (row.key === key && row.kind === 'new' ? { ...row, ...patch } : row)),
    });
  const moveUser = (index: number, step: -1 | 1) => {
    const users = [...state.users];
    const [row] = users.splice(index, 1);
    users.splice(index + step, 0, row!);
    change({ users });
  };
  const addUser = () => {
    change({ users: [...state.users, { key: nextKey, kind: 'new', name: '', extension: '', number: '' }] });
    setNextKey(nextKey + 1);
    // The new row's name field takes the focus once it is drawn.
    requestAnimationFrame(() => document.getElementById(elementId(`user-${nextKey}-name`))?.focus());
  };
  const pickAgent = (agent: Agent, picked: boolean) => {
    if (picked) {
      change({
        users: [...state.users.filter((row) => !isBlank(row)), { key: nextKey, kind: 'existing', agent }],
      });
      setNextKey(nextKey + 1);
    } else {
      change({ users: state.users.filter((row) => !(row.kind === 'existing' && row.agent.id === agent.id)) });
    }
  };
  const setDay = (day: Weekday, patch: Partial<DayHours>) =>
    change({ hours: { ...state.hours, [day]: { ...state.hours[day], ...patch } } });
  const setRange = (day: Weekday, index: number, end: 0 | 1, value: string) => {
    const ranges = state.hours[day].ranges.map((range, i) =>
      i === index ? ((end === 0 ? [value, range[1]] : [range[0], value]) as TimeRange) : range,
    );
    setDay(day, { ranges });
  };
  const copyMonday = () => {
    const monday = state.hours.mon;
    const hours = Object.fromEntries(
      WEEKDAYS.map((day) => [
        day,
        state.hours[day].open ? { open: true, ranges: monday.ranges } : state.hours[day],
      ]),
    ) as unknown as FormState['hours'];
    change({ hours });
  };

  // Hundreds of time zones: suggested once the field is used, and built once.
  const [zonesWanted, setZonesWanted] = useState(false);
  const zoneList = useMemo(
    () =>
      zonesWanted ? (
        <datalist id={`${uid}-zones`}>
          {timeZones().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      ) : null,
    [uid, zonesWanted],
  );
  const languageOptions = useMemo(
    () =>
      LANGUAGES.map((code) => (
        <option key={code} value={code}>
          {displayName(locale, 'language', code)}
        </option>
      )),
    [locale],
  );
  const countryOptions = useMemo(
    () =>
      HOLIDAY_COUNTRIES.filter(isKnownHolidayCountry).map((code) => (
        <option key={code} value={code}>
          {displayName(locale, 'region', code)}
        </option>
      )),
    [locale],
  );
  const pickedIds = new Set(state.users.flatMap((row) => (row.kind === 'existing' ? [row.agent.id] : [])));
  const name = field('name');
  const language = field('language');
  const timezone = field('timezone');
  const welcome = field('welcome');
  const music = field('music');
  const ringSeconds = field('ringSeconds');
  const repeat = field('repeat');
  const holidays = field('holidays');
  const users = field('users');

  return (
    <form className="rf-greeting" onSubmit={submit} noValidate aria-label={t('greeting.title')}>
      <p className="rf-greeting-intro">{t('greeting.intro')}</p>

      {problems.length > 0 && (
        <div role="alert" className="rf-greeting-problems" tabIndex={-1} ref={summary}>
          <p>{t('greeting.problems', { count: problems.length })}</p>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>
                {problem.message}{' '}
                {problem.element !== undefined && (
                  <button
                    type="button"
                    className="rf-link"
                    onClick={() => document.getElementById(problem.element!)?.focus()}
                  >
                    {t('greeting.problem.goto')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      <fieldset>
        <legend>{t('greeting.section.flow')}</legend>
        <div className="rf-field">
          <label htmlFor={name.props.id}>{t('greeting.name')}</label>
          <input
            {...name.props}
            value={state.name}
            onChange={(e) => change({ name: e.target.value })}
            data-autofocus
          />
          <small className="rf-hint">{t('greeting.file', { file: `${flowId}.json` })}</small>
          {name.problems}
        </div>
        <div className="rf-field-row">
          <div className="rf-field">
            <label htmlFor={language.props.id}>{t('greeting.language')}</label>
            <select
              {...language.props}
              value={state.language}
              onChange={(e) => change({ language: e.target.value })}
            >
              {languageOptions}
            </select>
            {language.problems}
          </div>
          <div className="rf-field">
            <label htmlFor={timezone.props.id}>{t('greeting.timezone')}</label>
            <input
              {...timezone.props}
              list={`${uid}-zones`}
              onFocus={() => setZonesWanted(true)}
              value={state.timezone}
              onChange={(e) => change({ timezone: e.target.value })}
            />
            {zoneList}
            {timezone.problems}
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('greeting.section.welcome')}</legend>
        <div className="rf-field">
          <label htmlFor={welcome.props.id}>{t('greeting.welcome')}</label>
          <textarea
            {...welcome.props}
            rows={3}
            value={state.welcome}
            onChange={(e) => change({ welcome: e.target.value })}
          />
          {welcome.problems}
        </div>
        <div className="rf-field">
          <label htmlFor={music.props.id}>{t('greeting.music')}</label>
          <input {...music.props} value={state.music} onChange={(e) => change({ music: e.target.value })} />
          {music.problems}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('greeting.section.users')}</legend>
        <p className="rf-hint">{t('greeting.users.hint')}</p>
        {existingAgents.length > 0 && (
          <fieldset className="rf-greeting-existing">
            <legend>{t('greeting.existing')}</legend>
            {existingAgents.map((agent) => (
              <label key={agent.id} className="rf-check">
                <input
                  type="checkbox"
                  checked={pickedIds.has(agent.id)}
                  onChange={(e) => pickAgent(agent, e.target.checked)}
                />
                {agent.name}
                {agent.extension === undefined
                  ? ''
                  : ` (${t('greeting.existing.extension', { extension: agent.extension })})`}
              </label>
            ))}
          </fieldset>
        )}
        <table className="rf-greeting-users">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('greeting.column.name')}</th>
              <th scope="col">{t('greeting.column.extension')}</th>
              <th scope="col">{t('greeting.column.number')}</th>
              <th scope="col">
                <span className="rf-visually-hidden">{t('greeting.column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.users.map((row, index) => {
              const n = index + 1;
              const cells: ReactNode =
                row.kind === 'existing' ? (
                  <td colSpan={3}>
                    <span id={elementId(`user-${row.key}-name`)} tabIndex={-1}>
                      {t('greeting.user.existing', { n, name: row.agent.name })}
                    </span>
                    {field(`user-${row.key}-name`).problems}
                  </td>
                ) : (
                  (['name', 'extension', 'number'] as const).map((part) => {
                    const cell = field(`user-${row.key}-${part}`);
                    return (
                      <td key={part}>
                        <input
                          {...cell.props}
                          aria-label={t(`greeting.user.${part}`, { n })}
                          value={row[part]}
                          inputMode={part === 'name' ? undefined : 'tel'}
                          onChange={(e) => setUser(row.key, { [part]: e.target.value })}
                        />
                        {cell.problems}
                      </td>
                    );
                  })
                );
              return (
                <tr key={row.key}>
                  <td>{n}</td>
                  {cells}
                  <td className="rf-greeting-actions">
                    <button
                      type="button"
                      aria-label={t('greeting.user.up', { n })}
                      disabled={index === 0}
                      onClick={() => moveUser(index, -1)}
                    >
                      <span aria-hidden="true">↑</span>
                    </button>
                    <button
                      type="button"
                      aria-label={t('greeting.user.down', { n })}
                      disabled={index === state.users.length - 1}
                      onClick={() => moveUser(index, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                    </button>
                    <button
                      type="button"
                      aria-label={t('greeting.user.remove', { n })}
                      onClick={() => change({ users: state.users.filter((r) => r.key !== row.key) })}
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" {...users.props} onClick={addUser}>
          {t('greeting.user.add')}
        </button>
        {users.problems}
      </fieldset>

      <fieldset>
        <legend>{t('greeting.section.ring')}</legend>
        <fieldset className="rf-radios">
          <legend>{t('greeting.strategy')}</legend>
          {(['cascade', 'simultaneous'] as const).map((strategy) => (
            <label key={strategy} className="rf-check">
              <input
                type="radio"
                name={`${uid}-strategy`}
                checked={state.strategy === strategy}
                onChange={() => change({ strategy })}
              />
              {t(`greeting.strategy.${strategy}`)}
            </label>
          ))}
        </fieldset>
        <div className="rf-field-row">
          <div className="rf-field">
            <label htmlFor={ringSeconds.props.id}>{t(`greeting.ringSeconds.${state.strategy}`)}</label>
            <input
              {...ringSeconds.props}
              type="number"
              min={5}
              max={300}
              value={state.ringSeconds}
              onChange={(e) => change({ ringSeconds: e.target.value })}
            />
            {ringSeconds.problems}
          </div>
          <div className="rf-field">
            <label htmlFor={repeat.props.id}>{t('greeting.repeat')}</label>
            <input
              {...repeat.props}
              type="number"
              min={0}
              max={10}
              value={state.repeat}
              onChange={(e) => change({ repeat: e.target.value })}
            />
            {repeat.problems}
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('greeting.section.hours')}</legend>
        <table className="rf-greeting-hours">
          <tbody>
            {WEEKDAYS.map((day) => {
              const hours = state.hours[day];
              const dayName = t(`greeting.day.${day}`);
              const open = field(`hours-${day}-open`);
              return (
                <tr key={day}>
                  <th scope="row">
                    <label className="rf-check">
                      <input
                        {...open.props}
                        type="checkbox"
                        checked={hours.open}
                        onChange={(e) => setDay(day, { open: e.target.checked })}
                      />
                      {dayName}
                    </label>
                  </th>
                  <td>
                    {hours.open ? (
                      <div className="rf-greeting-ranges">
                        {hours.ranges.map(([start, end], index) => (
                          <span key={index} className="rf-greeting-range">
                            <input
                              type="time"
                              aria-label={t('greeting.range.start', { day: dayName, n: index + 1 })}
                              value={start}
                              onChange={(e) => setRange(day, index, 0, e.target.value)}
                            />
                            <span aria-hidden="true">{t('greeting.range.to')}</span>
                            <input
                              type="time"
                              aria-label={t('greeting.range.end', { day: dayName, n: index + 1 })}
                              value={end}
                              onChange={(e) => setRange(day, index, 1, e.target.value)}
                            />
                          </span>
                        ))}
                        {hours.ranges.length < 2 ? (
                          <button
                            type="button"
                            aria-label={t('greeting.range.add', { day: dayName })}
                            onClick={() => setDay(day, { ranges: [...hours.ranges, ['14:00', '18:00']] })}
                          >
                            <span aria-hidden="true">+</span>
                          </button>
                        ) : (
                          <button
                            type="button"
                            aria-label={t('greeting.range.remove', { day: dayName })}
                            onClick={() => setDay(day, { ranges: hours.ranges.slice(0, 1) })}
                          >
                            <span aria-hidden="true">−</span>
                          </button>
                        )}
                      </div>
                    ) : (
                      <span className="rf-hint">{t('greeting.day.closed')}</span>
                    )}
                    {open.problems}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" onClick={copyMonday}>
          {t('greeting.copyMonday')}
        </button>
        <div className="rf-field">
          <label htmlFor={holidays.props.id}>{t('greeting.holidays')}</label>
          <select
            {...holidays.props}
            value={state.holidays}
            onChange={(e) => change({ holidays: e.target.value })}
          >
            <option value="">{t('greeting.holidays.none')}</option>
            {countryOptions}
          </select>
          {holidays.problems}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('greeting.section.closed')}</legend>
        <Choice
          label={t('greeting.section.closed')}
          name={`${uid}-closed`}
          value={state.closedAction}
          options={[
            ['message', t('greeting.closed.message')],
            ['forward', t('greeting.closed.forward')],
          ]}
          onChange={(closedAction) => change({ closedAction })}
        />
        {state.closedAction === 'forward' ? (
          <>
            <TextField
              field={field('forwardNumber')}
              label={t('greeting.closed.number')}
              value={state.forwardNumber}
              inputMode="tel"
              onChange={(forwardNumber) => change({ forwardNumber })}
            />
            <TextField
              field={field('forwardNotice')}
              label={t('greeting.closed.notice')}
              value={state.forwardNotice}
              multiline
              onChange={(forwardNotice) => change({ forwardNotice })}
            />
          </>
        ) : (
          <TextField
            field={field('closedMessage')}
            label={t('greeting.closed.messageText')}
            value={state.closedMessage}
            multiline
            onChange={(closedMessage) => change({ closedMessage })}
          />
        )}
      </fieldset>

      <fieldset>
        <legend>{t('greeting.section.noAnswer')}</legend>
        <Choice
          label={t('greeting.section.noAnswer')}
          name={`${uid}-noAnswer`}
          value={state.noAnswerAction}
          options={[
            ['voicemail', t('greeting.noAnswer.voicemail')],
            ['hangup', t('greeting.noAnswer.hangup')],
          ]}
          onChange={(noAnswerAction) => change({ noAnswerAction })}
        />
        {state.noAnswerAction === 'voicemail' ? (
          <TextField
            field={field('voicemailText')}
            label={t('greeting.noAnswer.voicemailText')}
            value={state.voicemailText}
            multiline
            onChange={(voicemailText) => change({ voicemailText })}
          />
        ) : (
          <TextField
            field={field('hangupText')}
            label={t('greeting.noAnswer.hangupText')}
            value={state.hangupText}
            multiline
            onChange={(hangupText) => change({ hangupText })}
          />
        )}
        {state.closedAction === 'forward' && <p className="rf-hint">{t('greeting.noAnswer.hint')}</p>}
      </fieldset>

      <div className="rf-dialog-buttons">
        {onBack !== undefined && (
          <button type="button" onClick={onBack}>
            {t('greeting.back')}
          </button>
        )}
        <button type="submit" className="rf-primary">
          {t('greeting.create')}
        </button>
      </div>
    </form>
  );
}

/** A group of radio buttons named by the question they answer. */
function Choice<V extends string>({
  label,
  name,
  value,
  options,
  onChange,
}: {
  readonly label: string;
  readonly name: string;
  readonly value: V;
  readonly options: readonly (readonly [V, string])[];
  readonly onChange: (value: V) => void;
}) {
  return (
    <div className="rf-radios" role="radiogroup" aria-label={label}>
      {options.map(([option, label]) => (
        <label key={option} className="rf-check">
          <input type="radio" name={name} checked={value === option} onChange={() => onChange(option)} />
          {label}
        </label>
      ))}
    </div>
  );
}

/** A labelled text input or textarea, with its problems under it. */
function TextField({
  field,
  label,
  value,
  onChange,
  multiline = false,
  inputMode,
}: {
  readonly field: { props: { id: string }; problems: ReactNode };
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly multiline?: boolean;
  readonly inputMode?: 'tel';
}) {
  return (
    <div className="rf-field">
      <label htmlFor={field.props.id}>{label}</label>
      {multiline ? (
        <textarea {...field.props} rows={2} value={value} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...field.props}
          inputMode={inputMode}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {field.problems}
    </div>
  );
}
