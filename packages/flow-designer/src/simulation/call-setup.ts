import { zonedDateTime } from '@ringflow/flow-core';
import type { AgentPresence, FlowDocument, Locale, ScenarioInput } from '@ringflow/flow-core';

/*
 * What the simulation panels let an admin say about a call, before it becomes a DESIGN-6 scenario:
 * who calls, what they type, when they give up, and how each agent and outside number behaves.
 * Pure data and functions, shared by the test call panel and the week view.
 */

/** Agent presences a scenario can give (DESIGN 4); planning comes from the agent's schedule. */
export const PRESENCES = [
  'available',
  'offline',
  'snooze',
  'inCall',
] as const satisfies readonly AgentPresence[];

/** What an agent does when their phone rings. */
export const AGENT_BEHAVIOURS = ['answers', 'never', 'rejects'] as const;
export type AgentBehaviour = (typeof AGENT_BEHAVIOURS)[number];

/** What an outside number does when it rings; `busy` fails at once. */
export const NUMBER_BEHAVIOURS = ['answers', 'never', 'rejects', 'busy'] as const;
export type NumberBehaviour = (typeof NUMBER_BEHAVIOURS)[number];

/** How one agent behaves during a simulated call. */
export interface AgentSetting {
  readonly status: AgentPresence;
  readonly behaviour: AgentBehaviour;
  readonly answerAfterSeconds: number;
  /** Seconds before declining, when `behaviour` is `rejects` (the simulator's default is 2). */
  readonly rejectAfterSeconds?: number;
}

/** How one outside number (a forward, a number member) behaves during a simulated call. */
export interface NumberSetting {
  readonly behaviour: NumberBehaviour;
  readonly answerAfterSeconds: number;
  readonly rejectAfterSeconds?: number;
}

/** Agents by id and outside numbers by E.164 number: the people a simulated call may reach. */
export interface Participants {
  readonly agents: Readonly<Record<string, AgentSetting>>;
  readonly numbers?: Readonly<Record<string, NumberSetting>>;
}

/** An agent the form says nothing about is available and answers after 5 s (the simulator's habit). */
export const DEFAULT_AGENT: AgentSetting = {
  status: 'available',
  behaviour: 'answers',
  answerAfterSeconds: 5,
};
/** An outside number never answers unless told to, as in the simulator. */
export const DEFAULT_NUMBER: NumberSetting = { behaviour: 'never', answerAfterSeconds: 5 };
/** The simulator's default delay before an agent or a number declines. */
export const DEFAULT_REJECT_SECONDS = 2;
/** The simulator's default length of a conversation and of a voicemail message. */
export const DEFAULT_TALK_SECONDS = 60;
export const DEFAULT_MESSAGE_SECONDS = 20;

/** Everything a simulated call needs besides its date. */
export interface CallSetup extends Participants {
  readonly from: string;
  readonly anonymous: boolean;
  readonly to: string;
  /** Keys per collecting step (menus and poll questions, in order) separated by spaces; `-` types nothing. */
  readonly digits: string;
  /** The caller gives up after this many seconds; null or absent: waits until the flow ends. */
  readonly hangupAfterSeconds?: number | null;
  /** The caller presses the flow's opt-out key during the recording notice. */
  readonly optOutOfRecording?: boolean;
  /** Length of an answered conversation. */
  readonly talkSeconds?: number;
  /** Length of a voicemail message the caller leaves. */
  readonly messageSeconds?: number;
}

/** Everything the test call form holds. */
export interface TestCallForm extends CallSetup {
  /** A `datetime-local` value, read in the flow's time zone. */
  readonly at: string;
}

/** An outside number the flow may call, with what the admin knows it by. */
export interface FlowNumber {
  readonly number: string;
  readonly label: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * The outside numbers the nodes of `flow` may call (forward targets, number members of a ring...),
 * in order of first appearance. Found by reading every `number` field of the node configs, so that a
 * kind added later is covered without the designer knowing it. An agent's own number is named after
 * the agent.
 */
export function flowNumbers(flow: FlowDocument): FlowNumber[] {
  const found = new Map<string, string>();
  const agentByNumber = new Map(
    flow.agents.flatMap((a) => (a.number === undefined ? [] : [[a.number, a.name]])),
  );
  const visit = (value: unknown, nodeLabel: string, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, nodeLabel, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const number = record['number'];
    if (typeof number === 'string' && E164.test(number) && !found.has(number)) {
      const label = record['label'];
      found.set(number, agentByNumber.get(number) ?? (typeof label === 'string' ? label : nodeLabel));
    }
    for (const [key, child] of Object.entries(record))
      if (key !== 'number') visit(child, nodeLabel, depth + 1);
  };
  for (const node of flow.nodes) visit(node.config, node.label ?? node.id, 0);
  return [...found].map(([number, label]) => ({ number, label }));
}

/** The setting of agent `id`, or the default. */
export function agentSettingOf(participants: Participants, id: string): AgentSetting {
  return participants.agents[id] ?? DEFAULT_AGENT;
}

/** The setting of outside number `number`, or the default. */
export function numberSettingOf(participants: Participants, number: string): NumberSetting {
  return participants.numbers?.[number] ?? DEFAULT_NUMBER;
}

/** The participants with a setting for every agent and outside number of `flow` (defaults filled in). */
export function completeParticipants<P extends Participants>(participants: P, flow: FlowDocument): P {
  return {
    ...participants,
    agents: Object.fromEntries(flow.agents.map((a) => [a.id, agentSettingOf(participants, a.id)])),
    numbers: Object.fromEntries(
      flowNumbers(flow).map(({ number }) => [number, numberSettingOf(participants, number)]),
    ),
  };
}

/** The typed keys of a form field: one entry per collecting step; `-` is a step where nothing is typed. */
export function parseDigits(text: string): (string | null)[] {
  return text
    .split(/\s+/)
    .filter((token) => token !== '')
    .map((token) => (token === '-' ? null : token));
}

function answering(
  behaviour: AgentBehaviour | NumberBehaviour,
  setting: { answerAfterSeconds: number; rejectAfterSeconds?: number },
) {
  if (behaviour === 'never') return { answer: 'never' as const };
  if (behaviour === 'busy') return { busy: true };
  if (behaviour === 'rejects')
    return setting.rejectAfterSeconds === undefined
      ? { reject: true }
      : { reject: true, rejectAfterSeconds: setting.rejectAfterSeconds };
  return { answerAfterSeconds: setting.answerAfterSeconds };
}

/**
 * The scenario (DESIGN 6) of one call of `setup` at `at` (an ISO date-time with offset). Only what
 * differs from the simulator's defaults is written, so that the JSON reads like a hand-written one.
 */
export function scenarioOf(setup: CallSetup, at: string): ScenarioInput {
  const agents: NonNullable<ScenarioInput['agents']> = {};
  for (const [id, agent] of Object.entries(setup.agents))
    agents[id] = { status: agent.status, ...answering(agent.behaviour, agent) };
  const numbers: NonNullable<ScenarioInput['numbers']> = {};
  for (const [number, setting] of Object.entries(setup.numbers ?? {})) {
    // An outside number never answers by default: say nothing about those left so.
    if (setting.behaviour !== 'never') numbers[number] = answering(setting.behaviour, setting);
  }
  const caller: NonNullable<ScenarioInput['caller']> = { inputs: parseDigits(setup.digits) };
  if (setup.hangupAfterSeconds !== undefined && setup.hangupAfterSeconds !== null)
    caller.hangupAfterSeconds = setup.hangupAfterSeconds;
  if (setup.optOutOfRecording === true) caller.optOutOfRecording = true;
  if (setup.messageSeconds !== undefined && setup.messageSeconds !== DEFAULT_MESSAGE_SECONDS)
    caller.messageSeconds = setup.messageSeconds;
  return {
    call: { from: setup.anonymous ? null : setup.from.trim(), to: setup.to.trim(), at },
    agents,
    ...(Object.keys(numbers).length > 0 ? { numbers } : {}),
    caller,
    ...(setup.talkSeconds !== undefined && setup.talkSeconds !== DEFAULT_TALK_SECONDS
      ? { talkSeconds: setup.talkSeconds }
      : {}),
  };
}

/** The scenario (DESIGN 6) a filled test call form describes; undefined when the date is not set. */
export function scenarioFromForm(form: TestCallForm, timezone: string): ScenarioInput | undefined {
  const at = zonedDateTime(form.at, timezone);
  return at === undefined ? undefined : scenarioOf(form, at);
}

// Fictional numbers of the flow's country, so that a new form is valid as it stands: the French
// ranges ARCEP keeps for fiction, Ofcom's drama numbers, the North American 555-01xx.
const SAMPLE_NUMBERS: Readonly<Record<string, { from: string; to: string }>> = {
  FR: { from: '+33639980000', to: '+33199000000' },
  BE: { from: '+32470000000', to: '+3220000000' },
  CH: { from: '+41790000000', to: '+41210000000' },
  GB: { from: '+447700900000', to: '+442079460000' },
  US: { from: '+12025550100', to: '+12025550199' },
  CA: { from: '+15145550100', to: '+15145550199' },
};

/**
 * A caller and a called number to start a form with, in the country of the flow's language
 * (`fr-FR` -> French numbers), French ones otherwise.
 */
export function sampleNumbers(flow: FlowDocument): { from: string; to: string } {
  const country = /-([A-Z]{2})$/.exec(flow.locale)?.[1] ?? 'FR';
  return SAMPLE_NUMBERS[country] ?? SAMPLE_NUMBERS['FR']!;
}

/** A new call setup for `flow`: everyone available, nothing typed, the caller waits. */
export function defaultSetup(flow: FlowDocument): CallSetup {
  return { ...sampleNumbers(flow), anonymous: false, digits: '', agents: {}, numbers: {} };
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of `instant` in `timezone`, as `YYYY-MM-DDTHH:MM` (a datetime-local value). */
export function wallClock(instant: number, timezone: string): string {
  let format = wallClockFormats.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    wallClockFormats.set(timezone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The BCP 47 tag Intl formats dates with, for a designer language. */
export function intlLocale(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}
