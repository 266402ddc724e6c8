import {
  parseScenarioText,
  simulateCall,
  type CallEvent,
  type CallResult,
  type FlowDocument,
  type LegRecord,
  type Locale,
  type Scenario,
} from '@ringflow/flow-core';
import { EXIT_CODES, printable, UsageError, writeJson, writeLine, type CliIo } from '../io.js';
import { readFlowFile, type UnreadableReason } from '../read-flow-file.js';
import { errorReport, formatTextReport, unreadableIssue, type CliReport } from '../report.js';
import { LANG_OPTION, localeOf, type CliCommand } from './command.js';
import { checkFlowFile, fileProblemLine } from './validate.js';

/** A scenario file after reading and checking it, or why it could not be read. */
export type CheckedScenarioFile =
  | { readonly kind: 'checked'; readonly report: CliReport; readonly scenario?: Scenario }
  | { readonly kind: 'unreadable'; readonly reason: UnreadableReason; readonly detail?: string };

/**
 * Reads and checks a scenario file (DESIGN 6) with the same care as a flow file: only a regular
 * file, at most `FLOW_LIMITS.maxBytes`, UTF-8.
 */
export async function checkScenarioFile(
  file: string,
  cwd: string,
  locale: Locale,
): Promise<CheckedScenarioFile> {
  const read = await readFlowFile(file, cwd, locale);
  if (read.kind === 'unreadable') return read;
  if (read.kind === 'rejected') return { kind: 'checked', report: errorReport(read.issue) };
  const parsed = parseScenarioText(read.text, { locale });
  if (!parsed.ok) return { kind: 'checked', report: { ok: false, errors: parsed.issues, warnings: [] } };
  return { kind: 'checked', report: { ok: true, errors: [], warnings: [] }, scenario: parsed.scenario };
}

// The readable summary.

interface SummaryWords {
  readonly flow: string;
  readonly scenario: string;
  readonly call: string;
  readonly hiddenNumber: string;
  readonly started: string;
  readonly outcome: string;
  readonly answeredBy: string;
  readonly missedReason: string;
  readonly voicemail: string;
  readonly recording: string;
  readonly recorded: string;
  readonly optedOut: string;
  readonly wait: string;
  readonly duration: string;
  readonly path: string;
  readonly legs: string;
  readonly polls: string;
  readonly events: string;
  readonly none: string;
  readonly legColumns: readonly [string, string, string, string];
  readonly pollColumns: readonly [string, string, string, string];
  readonly minutes: string;
  readonly hours: string;
  readonly dateLocale: string;
}

const WORDS: Readonly<Record<Locale, SummaryWords>> = {
  en: {
    flow: 'flow',
    scenario: 'scenario',
    call: 'call',
    hiddenNumber: 'hidden number',
    started: 'started',
    outcome: 'outcome',
    answeredBy: 'answered by',
    missedReason: 'missed reason',
    voicemail: 'voicemail',
    recording: 'recording',
    recorded: 'recorded',
    optedOut: 'the caller opted out',
    wait: 'wait',
    duration: 'duration',
    path: 'Path',
    legs: 'Legs',
    polls: 'Polls',
    events: 'Events',
    none: 'none',
    legColumns: ['node', 'agent or number', 'status', 'ring'],
    pollColumns: ['poll', 'question', 'value', 'agent'],
    minutes: 'min',
    hours: 'h',
    dateLocale: 'en-GB',
  },
  fr: {
    flow: 'flux',
    scenario: 'scénario',
    call: 'appel',
    hiddenNumber: 'numéro masqué',
    started: 'début',
    outcome: 'issue',
    answeredBy: 'répondu par',
    missedReason: 'motif',
    voicemail: 'messagerie',
    recording: 'enregistrement',
    recorded: 'enregistré',
    optedOut: 'refusé par l’appelant',
    wait: 'attente',
    duration: 'durée',
    path: 'Parcours',
    legs: 'Sonneries',
    polls: 'Sondages',
    events: 'Événements',
    none: 'aucun',
    legColumns: ['nœud', 'agent ou numéro', 'statut', 'sonnerie'],
    pollColumns: ['sondage', 'question', 'note', 'agent'],
    minutes: 'min',
    hours: 'h',
    dateLocale: 'fr-FR',
  },
};

/** `72` -> `72 s (1 min 12 s)`; below a minute, only seconds. */
export function formatSeconds(seconds: number, locale: Locale = 'en'): string {
  const words = WORDS[locale];
  if (seconds < 60) return `${seconds} s`;
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [
    ...(h > 0 ? [`${h} ${words.hours}`] : []),
    ...(min > 0 ? [`${min} ${words.minutes}`] : []),
    ...(s > 0 ? [`${s} s`] : []),
  ];
  return `${seconds} s (${parts.join(' ')})`;
}

/** Time since the start of the call: `+0:08`, `+12:30`, `+1:02:03`, `+0:01.5` for half seconds. */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  const whole = Math.floor(abs / 1000);
  const fraction = abs % 1000 === 0 ? '' : `.${String(abs % 1000).padStart(3, '0')}`.replace(/0+$/, '');
  const h = Math.floor(whole / 3600);
  const min = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0
    ? `${sign}${h}:${String(min).padStart(2, '0')}:${s}${fraction}`
    : `${sign}${min}:${s}${fraction}`;
}

/** The wall-clock time of an instant in the flow's time zone: `Tuesday 2026-11-24 10:00:00 (Europe/Paris)`. */
export function formatLocalTime(iso: string, timezone: string, locale: Locale = 'en'): string {
  const parts = new Intl.DateTimeFormat(WORDS[locale].dateLocale, {
    timeZone: timezone,
    weekday: 'long',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} (${timezone})`;
}

/** A row of the summary's first block that only some calls have. */
function optionalRow(label: string, value: string | undefined): Array<[string, string]> {
  return value === undefined ? [] : [[label, value]];
}

/** Rows padded into left-aligned columns (the last one is not padded); `right` columns align right. */
function table(rows: ReadonlyArray<readonly string[]>, right: ReadonlySet<number> = new Set()): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    `  ${row
      .map((cell, i) => {
        if (right.has(i)) return cell.padStart(widths[i]!);
        return i === row.length - 1 ? cell : cell.padEnd(widths[i]!);
      })
      .join('  ')}`.trimEnd(),
  );
}

function detailValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The details of an event, every field but its time, type and node: `port: next, hangup: true`. */
export function formatEventDetails(event: CallEvent): string {
  return Object.entries(event)
    .filter(([key]) => key !== 'at' && key !== 'type' && key !== 'node')
    .map(([key, value]) => `${key}: ${detailValue(value)}`)
    .join(', ');
}

/**
 * The readable summary of a simulated call for an admin: the outcome and its figures, the path with
 * the nodes' labels, the legs, the poll answers and the event timeline. Every text that comes from
 * the flow or the scenario is made printable, so each line stays one line.
 */
export function formatSimulationSummary(
  result: CallResult,
  context: { flow: FlowDocument; scenario: Scenario; scenarioFile: string },
  locale: Locale = 'en',
): string[] {
  const words = WORDS[locale];
  const { flow, scenario } = context;
  const agentNames = new Map(flow.agents.map((agent) => [agent.id, agent.name]));
  const nodes = new Map(flow.nodes.map((node) => [node.id, node]));
  const who = (agent: string | null): string => {
    if (agent === null) return '-';
    const name = agentNames.get(agent);
    return name === undefined ? agent : `${agent} (${name})`;
  };
  const legTarget = (leg: LegRecord): string =>
    leg.agent !== undefined ? who(leg.agent) : (leg.number ?? '-');

  const header: Array<[string, string]> = [
    [words.flow, `${flow.id} (${flow.name})`],
    [words.scenario, context.scenarioFile],
    [words.call, `${scenario.call.from ?? words.hiddenNumber} -> ${scenario.call.to}`],
    [words.started, formatLocalTime(result.startedAt, flow.timezone, locale)],
    [words.outcome, result.outcome],
    [words.answeredBy, who(result.answeredBy)],
    [words.missedReason, result.missedReason ?? '-'],
    ...optionalRow(
      words.voicemail,
      result.voicemail && `${result.voicemail.mailbox}, ${formatSeconds(result.voicemail.seconds, locale)}`,
    ),
    ...optionalRow(
      words.recording,
      result.recording && (result.recording.optedOut ? words.optedOut : words.recorded),
    ),
    [words.wait, formatSeconds(result.waitSeconds, locale)],
    [words.duration, formatSeconds(result.durationSeconds, locale)],
  ];

  const labelWidth = Math.max(...header.map(([label]) => label.length));

  const pathRows = result.path.map((id, index) => {
    const node = nodes.get(id);
    return [String(index + 1), id, node?.label ?? '', node?.kind ?? ''];
  });
  const legRows = result.legs.map((leg) => [
    leg.node,
    legTarget(leg),
    leg.status,
    leg.ringSeconds === undefined ? '-' : `${leg.ringSeconds} s`,
  ]);
  const pollRows = result.polls.map((poll) => [
    poll.poll,
    poll.question,
    String(poll.value),
    who(poll.agent),
  ]);
  const start = Date.parse(result.startedAt);
  const eventRows = result.events.map((event) => [
    formatOffset(Date.parse(event.at) - start),
    event.type,
    event.node ?? '-',
    formatEventDetails(event),
  ]);

  const section = (title: string, count: number, rows: string[]): string[] =>
    count === 0 ? ['', `${title}: ${words.none}`] : ['', `${title} (${count})`, ...rows];

  const lines = [
    ...header.map(([label, value]) => `${label.padEnd(labelWidth)}  ${value}`),
    ...section(words.path, pathRows.length, table(pathRows, new Set([0]))),
    ...section(words.legs, legRows.length, table([[...words.legColumns], ...legRows], new Set([3]))),
    ...section(words.polls, pollRows.length, table([[...words.pollColumns], ...pollRows], new Set([2]))),
    ...section(words.events, eventRows.length, table(eventRows, new Set([0]))),
  ];
  return lines.map(printable);
}

// The command.

const SIMULATE_LANG_OPTION = {
  ...LANG_OPTION,
  description: 'Language of the summary and of the issue messages (default: en)',
};

/** Reports a file that cannot be simulated: its issues, or why it cannot be read. */
function reportProblem(
  io: CliIo,
  file: string,
  problem:
    | { kind: 'unreadable'; reason: UnreadableReason; detail?: string }
    | { kind: 'invalid'; report: CliReport },
  json: boolean,
  locale: Locale,
): number {
  if (problem.kind === 'unreadable') {
    if (json) {
      const { ok, errors, warnings } = errorReport(
        unreadableIssue(file, problem.reason, problem.detail, locale),
      );
      writeJson(io.stdout, { ok, file, errors, warnings });
    } else writeLine(io.stderr, fileProblemLine(file, problem));
    return EXIT_CODES.usage;
  }
  const { ok, errors, warnings } = problem.report;
  if (json) writeJson(io.stdout, { ok, file, errors, warnings });
  else for (const line of formatTextReport(file, problem.report)) writeLine(io.stderr, line);
  return EXIT_CODES.invalid;
}

/** `ringflow simulate FLOW.json --scenario SCENARIO.json [--json] [--lang en|fr]` (DESIGN 7). */
export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Simulate one call of a flow, as a scenario file describes it',
  arguments: ['FLOW.json'],
  options: {
    scenario: {
      type: 'string',
      valueName: 'SCENARIO.json',
      description: 'The scenario: the call, how agents behave, what the caller types (required)',
    },
    json: {
      type: 'boolean',
      description: 'Print the call record as one JSON document (outcome, path, legs, polls, events)',
    },
    lang: SIMULATE_LANG_OPTION,
  },
  description: [
    'Runs one call of the flow in virtual time against a simulated phone system played by the scenario,',
    'and prints what happened: the outcome, who answered, the wait, the path through the nodes, every leg',
    'rung with its status, the poll answers and the timeline of events. The same flow and scenario always',
    'give the same result. The flow is checked first, as validate does, then the scenario; the first one',
    'with errors is reported on stderr (on stdout with --json) and nothing is simulated.',
    'Documentation: docs/simulation.md',
  ],
  exitCodes: '0 simulated, 1 the flow or the scenario has errors, 2 usage error or unreadable file',
  async run(args, io) {
    const file = args.positionals[0]!;
    const scenarioFile = args.values.scenario;
    if (typeof scenarioFile !== 'string') {
      throw new UsageError('missing option --scenario SCENARIO.json', 'simulate');
    }
    const json = args.values.json === true;
    const locale = localeOf(args);

    const checked = await checkFlowFile(file, io.cwd, locale);
    if (checked.kind === 'unreadable') return reportProblem(io, file, checked, json, locale);
    if (!checked.report.ok || checked.flow === undefined) {
      return reportProblem(io, file, { kind: 'invalid', report: checked.report }, json, locale);
    }
    const scenario = await checkScenarioFile(scenarioFile, io.cwd, locale);
    if (scenario.kind === 'unreadable') return reportProblem(io, scenarioFile, scenario, json, locale);
    if (scenario.scenario === undefined) {
      return reportProblem(io, scenarioFile, { kind: 'invalid', report: scenario.report }, json, locale);
    }

    const result = simulateCall(checked.flow, scenario.scenario);
    if (json) writeJson(io.stdout, result);
    else {
      const summary = formatSimulationSummary(
        result,
        { flow: checked.flow, scenario: scenario.scenario, scenarioFile },
        locale,
      );
      for (const line of summary) writeLine(io.stdout, line);
    }
    return EXIT_CODES.ok;
  },
};
