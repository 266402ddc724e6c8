import fc from 'fast-check';
import { getNodeKind, type NodeKindId, type ScenarioInput } from '@ringflow/flow-core';

/*
 * fast-check arbitraries for flows and scenarios, shared by property tests.
 *
 * Flows are valid by construction: every reference is drawn as a small number and resolved against
 * what the flow really holds (agents, groups, schedules, sounds, nodes), so that shrinking works on
 * plain records and a counterexample prints as an ordinary flow document. Tests should still assert
 * `validateFlow(flow).ok`: a mistake here must show up, not be filtered away.
 *
 * Loops are kept acceptable to validation (`endless_loop`) by one rule: a node that waits for
 * nothing (announcement, condition, ...) only leads to a later node or to a node that waits (menu,
 * poll, voicemail, ring group, forward). Any cycle therefore goes through a waiting node.
 */

/** A flow document as JSON, before parsing (defaults not applied). */
export interface FlowDocumentJson {
  format: 'ringflow.flow/v1';
  id: string;
  name: string;
  timezone: string;
  locale: string;
  entry: string;
  settings: {
    anonymous: 'allow' | 'reject';
    blocked: string[];
    vip: string[];
    maxSteps: number;
    recording?: { enabled: boolean; announcement?: unknown; optOutDigit?: string };
  };
  agents: Array<{ id: string; name: string; extension?: string; number?: string; planning?: string }>;
  groups: Array<{ id: string; name: string; extension?: string; members: string[] }>;
  schedules: Array<Record<string, unknown> & { id: string }>;
  sounds: Array<Record<string, unknown> & { id: string }>;
  nodes: Array<{
    id: string;
    kind: NodeKindId;
    position: { x: number; y: number };
    config: Record<string, unknown>;
  }>;
  edges: Array<{ id: string; source: string; port: string; target: string }>;
}

/** Phone numbers flows and scenarios share, so that VIP lists, blocks and forwards meet callers. */
export const PHONE_NUMBERS = [
  '+33612345678',
  '+33699999999',
  '+33611111111',
  '+33899123456',
  '+14155550123',
  '+33622222222',
] as const;

/** Exact numbers and prefixes, for `blocked`, `vip` and callerMatch. */
const NUMBER_PATTERNS = [...PHONE_NUMBERS, '+33899*', '+336*', '+1*', '+44*'] as const;

/** The number every generated call is made to. */
export const FLOW_NUMBER = '+33180000000';

/** Upper bound of agents in a generated flow; they are `agent0`, `agent1`, ... */
export const MAX_AGENTS = 5;

/** Sound files that generated flows may play, so that scenarios can give them lengths. */
const LIBRARY_FILE = (i: number) => `sounds/lib${i}.mp3`;
const INLINE_FILE = (i: number) => `sounds/inline${i % 3}.wav`;
export const SOUND_FILES = [0, 1, 2, 3, 4, 5].map(LIBRARY_FILE).concat([0, 1, 2].map(INLINE_FILE));

const TIMEZONES = ['Europe/Paris', 'America/New_York', 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe'];
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
const REASONS = ['offline', 'snooze', 'outOfPlanning', 'inCall'] as const;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const FIRST_DAY = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

/** The item at `n`, wrapping around; undefined for an empty list. */
function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** `n` half-hours after midnight, as HH:MM (48 is 24:00). */
function slotTime(slot: number): string {
  const minutes = slot * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The date `day` days after 2026-01-01, as YYYY-MM-DD. */
function dateOf(day: number): string {
  return new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10);
}

// Schedules.

/** Sorted distinct half-hour slots, paired into ranges that neither overlap nor run past midnight. */
const arbDayRanges = fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 4 }).map((slots) => {
  const sorted = [...slots].sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push([sorted[i]!, sorted[i + 1]!]);
  return ranges;
});

const toTimes = (ranges: ReadonlyArray<readonly [number, number]>) =>
  ranges.map(([a, b]) => [slotTime(a), slotTime(b)]);

/** Weekly hours, with at most one range running past midnight (the next day is trimmed to fit). */
const arbWeekly = fc
  .record({
    days: fc.tuple(
      arbDayRanges,
      arbDayRanges,
      arbDayRanges,
      arbDayRanges,
      arbDayRanges,
      arbDayRanges,
      arbDayRanges,
    ),
    overnight: fc.option(
      fc.record({
        day: fc.integer({ min: 0, max: 6 }),
        start: fc.integer({ min: 34, max: 47 }),
        end: fc.integer({ min: 1, max: 16 }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ days, overnight }) => {
    const week = days.map((ranges) => [...ranges]);
    if (overnight !== undefined) {
      const { day, start, end } = overnight;
      week[day] = week[day]!.filter(([, b]) => b <= start);
      week[day]!.push([start, end]);
      const next = (day + 1) % 7;
      week[next] = week[next]!.filter(([a]) => a >= end);
    }
    return Object.fromEntries(DAYS.map((name, i) => [name, toTimes(week[i]!)]));
  });

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const arbClosure = fc.oneof(
  fc.record({ name: fc.constant('Fermé'), day: fc.integer({ min: 0, max: 729 }) }).map(({ name, day }) => ({
    name,
    date: dateOf(day),
  })),
  fc
    .record({ day: fc.integer({ min: 0, max: 729 }), length: fc.integer({ min: 0, max: 20 }) })
    .map(({ day, length }) => ({ name: 'Congés', from: dateOf(day), to: dateOf(day + length) })),
  fc
    .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
    .map(({ month, day }) => ({
      name: 'Chaque année',
      every: `${String(month).padStart(2, '0')}-${String(Math.min(day, DAYS_IN_MONTH[month - 1]!)).padStart(2, '0')}`,
    })),
);

/** One schedule; its id is given when the flow is assembled. */
const arbSchedule = fc.record(
  {
    timezone: fc.constantFrom(...TIMEZONES),
    weekly: arbWeekly,
    closures: fc.array(arbClosure, { maxLength: 3 }),
    specialHours: fc
      .uniqueArray(fc.record({ day: fc.integer({ min: 0, max: 729 }), hours: arbDayRanges }), {
        maxLength: 3,
        selector: (entry) => entry.day,
      })
      .map((entries) => entries.map(({ day, hours }) => ({ date: dateOf(day), hours: toTimes(hours) }))),
    publicHolidays: fc.constant({ country: 'FR' }),
  },
  { requiredKeys: ['weekly', 'closures', 'specialHours'] },
);

// Sounds.

const arbText = fc
  .integer({ min: 1, max: 15 })
  .map((words) => Array.from({ length: words }, (_, i) => `mot${i}`).join(' '));

/** A library sound: a TTS text (maybe over background music) or a file. Ids are given later. */
const arbLibrarySound = fc.oneof(
  fc.record({
    type: fc.constant('tts' as const),
    text: arbText,
    language: fc.option(fc.constantFrom('fr-FR', 'en-US'), { nil: undefined }),
    voice: fc.option(fc.constant('alice'), { nil: undefined }),
    music: fc.option(fc.nat(), { nil: undefined }),
  }),
  fc.record({ type: fc.constant('file' as const) }),
);

/** A reference to a sound: by library id (when there is one), or given in place. */
const arbSoundRef = fc.oneof(
  fc.record({ type: fc.constant('library' as const), n: fc.nat() }),
  fc.record({
    type: fc.constant('tts' as const),
    text: arbText,
    music: fc.option(fc.nat(), { nil: undefined }),
  }),
  fc.record({ type: fc.constant('file' as const), n: fc.nat() }),
);
type SoundRefBlueprint = typeof arbSoundRef extends fc.Arbitrary<infer T> ? T : never;

// Members.

const arbMember = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('agent' as const), n: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('group' as const), n: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      type: fc.constant('number' as const),
      n: fc.nat(),
      label: fc.option(fc.constant('Astreinte'), { nil: undefined }),
    }),
    weight: 1,
  },
);
type MemberBlueprint = typeof arbMember extends fc.Arbitrary<infer T> ? T : never;

const arbReasons = fc.subarray([...REASONS]);

const arbRingSeconds = fc.oneof(fc.constantFrom(5, 10, 20), fc.integer({ min: 5, max: 40 }));

// Nodes: each kind's config with references still as numbers.

const optionalRef = fc.option(arbSoundRef, { nil: undefined });

/** Each kind's config, references still as numbers. */
const NODE_CONFIGS = {
  announcement: fc.record({
    kind: fc.constant('announcement' as const),
    sound: arbSoundRef,
    loops: fc.integer({ min: 1, max: 3 }),
    answer: fc.boolean(),
  }),
  menu: fc.record({
    kind: fc.constant('menu' as const),
    prompt: arbSoundRef,
    digits: fc.uniqueArray(fc.oneof(fc.constantFrom('1', '2', '3'), fc.constantFrom(...KEYS)), {
      minLength: 1,
      maxLength: 4,
    }),
    timeoutSeconds: fc.integer({ min: 1, max: 10 }),
    attempts: fc.integer({ min: 1, max: 3 }),
    invalidPrompt: optionalRef,
    timeoutPrompt: optionalRef,
  }),
  businessHours: fc.record({ kind: fc.constant('businessHours' as const), schedule: fc.nat() }),
  ringGroup: fc.record({
    kind: fc.constant('ringGroup' as const),
    members: fc.array(arbMember, { minLength: 1, maxLength: 4 }),
    strategy: fc.constantFrom('simultaneous', 'cascade'),
    ringSeconds: arbRingSeconds,
    repeat: fc.integer({ min: 0, max: 2 }),
    skip: fc.option(arbReasons, { nil: undefined }),
    music: optionalRef,
  }),
  agentCondition: fc.record({
    kind: fc.constant('agentCondition' as const),
    members: fc.array(arbMember, { maxLength: 3 }),
    when: fc.constantFrom('allUnavailable', 'anyAvailable'),
    unavailableMeans: fc.option(arbReasons, { nil: undefined }),
  }),
  callerMatch: fc.record({
    kind: fc.constant('callerMatch' as const),
    numbers: fc.subarray([...NUMBER_PATTERNS], { maxLength: 3 }),
    vip: fc.boolean(),
    anonymous: fc.boolean(),
  }),
  poll: fc.record({
    kind: fc.constant('poll' as const),
    questions: fc.array(
      fc.record({
        prompt: arbSoundRef,
        a: fc.integer({ min: 0, max: 9 }),
        b: fc.integer({ min: 0, max: 9 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    thanks: optionalRef,
    timeoutSeconds: fc.integer({ min: 1, max: 10 }),
  }),
  voicemail: fc.record({
    kind: fc.constant('voicemail' as const),
    mailbox: fc.constantFrom('shared', 'sales', 'support'),
    greeting: optionalRef,
    maxSeconds: fc.integer({ min: 5, max: 120 }),
  }),
  forward: fc.record({
    kind: fc.constant('forward' as const),
    number: fc.constantFrom(...PHONE_NUMBERS),
    ringSeconds: arbRingSeconds,
    callerId: fc.constantFrom('caller', 'flow'),
  }),
  hangup: fc.record({ kind: fc.constant('hangup' as const), sound: optionalRef }),
};
// Every kind of the registry has its arbitrary (a compile error names the one missing).
const _everyKind: Record<NodeKindId, unknown> = NODE_CONFIGS;

const arbNodeConfig = fc.oneof(
  ...Object.values(NODE_CONFIGS).map((arbitrary) => ({
    arbitrary: arbitrary as fc.Arbitrary<NodeBlueprint>,
    // Ring groups are where calls are answered, taken elsewhere, too late: drawn more often.
    weight: arbitrary === NODE_CONFIGS.ringGroup ? 3 : 1,
  })),
);
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type NodeBlueprint = ValueOf<(typeof NODE_CONFIGS)[NodeKindId]>;

/** Where a node's ports lead: entry `p` is the target (a number, wrapped) of port `p`. */
const arbWiring = fc.array(fc.option(fc.nat({ max: 50 }), { nil: null, freq: 6 }), {
  minLength: 2,
  maxLength: 8,
});
const arbNode = (config: fc.Arbitrary<NodeBlueprint>) => fc.record({ config, wiring: arbWiring });

// Assembling a flow.

interface Pools {
  agents: string[];
  groups: string[];
  schedules: string[];
  sounds: string[];
  fileSounds: string[];
}

function resolveSound(ref: SoundRefBlueprint, pools: Pools): unknown {
  if (ref.type === 'library') {
    const id = pick(pools.sounds, ref.n);
    if (id !== undefined) return id;
    return { tts: { text: 'Bonjour' } };
  }
  if (ref.type === 'file') return { file: INLINE_FILE(ref.n) };
  const music = ref.music === undefined ? undefined : pick(pools.fileSounds, ref.music);
  return { tts: { text: ref.text }, ...(music !== undefined ? { music } : {}) };
}

function resolveMember(member: MemberBlueprint, pools: Pools): Record<string, string> {
  const agent = pick(pools.agents, member.n);
  const group = pick(pools.groups, member.n);
  if (member.type === 'agent' && agent !== undefined) return { agent };
  if (member.type === 'group' && group !== undefined) return { group };
  if (member.type !== 'number' && agent !== undefined) return { agent };
  const number = { number: pick(PHONE_NUMBERS, member.n)! };
  return member.type === 'number' && member.label !== undefined ? { ...number, label: member.label } : number;
}

function withOptional(
  base: Record<string, unknown>,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) out[key] = value;
  return out;
}

function resolveConfig(node: NodeBlueprint, index: number, pools: Pools): Record<string, unknown> {
  const sound = (ref: SoundRefBlueprint | undefined) =>
    ref === undefined ? undefined : resolveSound(ref, pools);
  switch (node.kind) {
    case 'announcement':
      return { sound: sound(node.sound), loops: node.loops, answer: node.answer };
    case 'menu':
      return withOptional(
        {
          prompt: sound(node.prompt),
          options: Object.fromEntries(node.digits.map((digit) => [digit, { label: `Choix ${digit}` }])),
          timeoutSeconds: node.timeoutSeconds,
          attempts: node.attempts,
        },
        { invalidPrompt: sound(node.invalidPrompt), timeoutPrompt: sound(node.timeoutPrompt) },
      );
    case 'businessHours':
      return { schedule: pick(pools.schedules, node.schedule)! };
    case 'ringGroup':
      return withOptional(
        {
          members: node.members.map((m) => resolveMember(m, pools)),
          strategy: node.strategy,
          ringSeconds: node.ringSeconds,
          repeat: node.repeat,
        },
        { skip: node.skip, music: sound(node.music) },
      );
    case 'agentCondition':
      return withOptional(
        { members: node.members.map((m) => resolveMember(m, pools)), when: node.when },
        { unavailableMeans: node.unavailableMeans },
      );
    case 'callerMatch':
      return { numbers: node.numbers, vip: node.vip, anonymous: node.anonymous };
    case 'poll':
      return withOptional(
        {
          id: `poll${index}`,
          questions: node.questions.map((q, i) => ({
            id: `q${i + 1}`,
            prompt: sound(q.prompt),
            min: Math.min(q.a, q.b),
            max: Math.max(q.a, q.b),
          })),
          timeoutSeconds: node.timeoutSeconds,
        },
        { thanks: sound(node.thanks) },
      );
    case 'voicemail':
      return withOptional(
        { mailbox: node.mailbox, maxSeconds: node.maxSeconds },
        { greeting: sound(node.greeting) },
      );
    case 'forward':
      return { number: node.number, ringSeconds: node.ringSeconds, callerId: node.callerId };
    case 'hangup':
      return withOptional({}, { sound: sound(node.sound) });
  }
}

const arbSettings = fc.record({
  anonymous: fc.constantFrom('allow', 'allow', 'reject'),
  blocked: fc.subarray([...NUMBER_PATTERNS], { maxLength: 2 }),
  vip: fc.subarray([...NUMBER_PATTERNS], { maxLength: 2 }),
  maxSteps: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 20 }), weight: 1 },
    { arbitrary: fc.constant(200), weight: 2 },
  ),
  recording: fc.option(
    fc.record({
      enabled: fc.boolean(),
      announcement: optionalRef,
      optOutDigit: fc.option(fc.constantFrom(...KEYS), { nil: undefined }),
    }),
    { nil: undefined },
  ),
});

const arbAgent = fc.record({
  extension: fc.boolean(),
  number: fc.option(fc.constantFrom(...PHONE_NUMBERS), { nil: undefined }),
  planning: fc.option(fc.nat(), { nil: undefined }),
});

/** Options of arbFlow. */
export interface ArbFlowOptions {
  /** Most nodes in a flow (default 25). */
  readonly maxNodes?: number;
  /** Caps `settings.maxSteps`, to keep calls short (default: no cap beyond the drawn 1-20 or 200). */
  readonly maxStepsAtMost?: number;
  /** The kind of the entry node (default: any). */
  readonly entryKind?: NodeKindId;
}

/**
 * Random valid flow documents: 0-5 agents (some with a planning), groups, one or two schedules
 * (weekly ranges, overnight ranges, closures, special hours, French public holidays), TTS and file
 * sounds with background music, 1-25 nodes of every kind with random configs, random edges (loops
 * allowed where validation allows them), and random settings (anonymous, blocked, VIP, a small
 * maxSteps now and then).
 */
export function arbFlow(options: ArbFlowOptions = {}): fc.Arbitrary<FlowDocumentJson> {
  return fc
    .record({
      timezone: fc.constantFrom(...TIMEZONES),
      settings: arbSettings,
      agents: fc.array(arbAgent, { maxLength: MAX_AGENTS }),
      groups: fc.array(fc.uniqueArray(fc.nat({ max: MAX_AGENTS - 1 }), { maxLength: 3 }), { maxLength: 3 }),
      schedules: fc.array(arbSchedule, { minLength: 1, maxLength: 2 }),
      sounds: fc.array(arbLibrarySound, { maxLength: 6 }),
      nodes: fc
        .tuple(
          arbNode(options.entryKind === undefined ? arbNodeConfig : NODE_CONFIGS[options.entryKind]),
          fc.array(arbNode(arbNodeConfig), { maxLength: (options.maxNodes ?? 25) - 1 }),
        )
        .map(([entry, others]) => [entry, ...others]),
    })
    .map((blueprint): FlowDocumentJson => {
      const schedules = blueprint.schedules.map((s, i) => ({
        id: `schedule${i}`,
        name: `Horaires ${i}`,
        ...s,
      }));
      const sounds = blueprint.sounds.map((s, i) => ({ id: `sound${i}`, ...s }));
      const fileSounds = sounds.filter((s) => s.type === 'file').map((s) => s.id);
      const agents = blueprint.agents.map((a, i) =>
        withOptional(
          { id: `agent${i}`, name: `Agent ${i}` },
          {
            extension: a.extension ? String(100 + i) : undefined,
            number: a.number,
            planning: a.planning === undefined ? undefined : pick(schedules, a.planning)!.id,
          },
        ),
      ) as FlowDocumentJson['agents'];
      const groups =
        agents.length === 0
          ? []
          : blueprint.groups.map((members, i) => ({
              id: `group${i}`,
              name: `Groupe ${i}`,
              extension: String(500 + i),
              members: [...new Set(members.map((m) => agents[m % agents.length]!.id))],
            }));
      const pools: Pools = {
        agents: agents.map((a) => a.id),
        groups: groups.map((g) => g.id),
        schedules: schedules.map((s) => s.id),
        sounds: sounds.map((s) => s.id),
        fileSounds,
      };
      const librarySounds = sounds.map((s, i) => {
        if (s.type === 'file') return { id: s.id, file: LIBRARY_FILE(i) };
        const music = s.music === undefined ? undefined : pick(fileSounds, s.music);
        return withOptional(
          { id: s.id, tts: withOptional({ text: s.text }, { language: s.language, voice: s.voice }) },
          { music },
        ) as FlowDocumentJson['sounds'][number];
      });

      const nodes = blueprint.nodes.map((n, i) => ({
        id: `${n.config.kind}${i}`,
        kind: n.config.kind,
        position: { x: 200 * i, y: 0 },
        config: resolveConfig(n.config, i, pools),
      }));
      const kinds = nodes.map((n) => getNodeKind(n.kind)!);
      const waits = kinds.map((kind) => kind.waitsFor !== null);
      const edges: FlowDocumentJson['edges'] = [];
      blueprint.nodes.forEach((n, i) => {
        const ports = kinds[i]!.portsOf(kinds[i]!.config.parse(nodes[i]!.config));
        // A node that waits for nothing leads only forward or to a node that waits: no endless loop.
        const targets = nodes.map((_, j) => j).filter((j) => waits[i] || j > i || waits[j]);
        ports.forEach((port, p) => {
          const wire = n.wiring[p];
          const target = wire === null || wire === undefined ? undefined : pick(targets, wire);
          if (target === undefined) return;
          edges.push({
            id: `e${edges.length}`,
            source: nodes[i]!.id,
            port: port.id,
            target: nodes[target]!.id,
          });
        });
      });

      const { recording, ...drawn } = blueprint.settings;
      const settings = { ...drawn, maxSteps: Math.min(drawn.maxSteps, options.maxStepsAtMost ?? Infinity) };
      return {
        format: 'ringflow.flow/v1',
        id: 'generated',
        name: 'Generated flow',
        timezone: blueprint.timezone,
        locale: 'fr-FR',
        entry: nodes[0]!.id,
        settings: {
          ...settings,
          ...(recording === undefined
            ? {}
            : {
                recording: withOptional(
                  { enabled: recording.enabled },
                  {
                    announcement: recording.announcement && resolveSound(recording.announcement, pools),
                    optOutDigit: recording.optOutDigit,
                  },
                ) as { enabled: boolean },
              }),
        },
        agents,
        groups,
        schedules,
        sounds: librarySounds,
        nodes,
        edges,
      };
    });
}

// Scenarios.

/** How an agent or an external number behaves when rung. */
const arbAnswering = fc.oneof(
  { arbitrary: fc.constant({}), weight: 3 },
  {
    // Round delays meet ring times (5, 10, 20 s): answers exactly when the ring time runs out.
    arbitrary: fc.record({
      answerAfterSeconds: fc.oneof(
        fc.constantFrom(0, 5, 10, 20),
        fc.integer({ min: 0, max: 90 }).map((x) => x / 2),
      ),
    }),
    weight: 3,
  },
  { arbitrary: fc.constant({ answer: 'never' as const }), weight: 1 },
  {
    arbitrary: fc.record(
      { reject: fc.constant(true), rejectAfterSeconds: fc.integer({ min: 0, max: 10 }) },
      { requiredKeys: ['reject'] },
    ),
    weight: 1,
  },
);

/** An agent's status and behaviour; null leaves the agent out of the scenario (offline). */
export const arbAgentBehaviour = fc.option(
  fc
    .record({
      status: fc.oneof(
        { arbitrary: fc.constant('available' as const), weight: 4 },
        fc.constantFrom('offline' as const, 'snooze' as const, 'inCall' as const),
      ),
      answering: arbAnswering,
    })
    .map(({ status, answering }) => ({ status, ...answering })),
  { nil: null, freq: 6 },
);

/** What the caller does: who they are, what they type, when they hang up. */
export const arbCaller = fc.record({
  from: fc.oneof(
    {
      arbitrary: fc.record({
        type: fc.constant('random' as const),
        digits: fc.stringMatching(/^[1-9]\d{8,10}$/),
      }),
      weight: 3,
    },
    { arbitrary: fc.record({ type: fc.constant('anonymous' as const) }), weight: 1 },
    { arbitrary: fc.record({ type: fc.constant('known' as const), n: fc.nat() }), weight: 3 },
    { arbitrary: fc.record({ type: fc.constant('vip' as const), n: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ type: fc.constant('blocked' as const), n: fc.nat() }), weight: 1 },
  ),
  inputs: fc.array(
    fc.option(fc.oneof(fc.constantFrom('1', '2', '3'), fc.stringMatching(/^[0-9*#]{1,2}$/)), {
      nil: null,
      freq: 4,
    }),
    { maxLength: 8 },
  ),
  hangupAfterSeconds: fc.option(
    fc.integer({ min: 0, max: 1200 }).map((x) => x / 2),
    { nil: undefined },
  ),
  messageSeconds: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
  optOutOfRecording: fc.option(fc.boolean(), { nil: undefined }),
});
export type CallerBlueprint = typeof arbCaller extends fc.Arbitrary<infer T> ? T : never;

/** Agents, external numbers and timings that every call of a scenario shares. */
export const arbWorld = fc.record({
  agents: fc.array(arbAgentBehaviour, { minLength: MAX_AGENTS, maxLength: MAX_AGENTS }),
  numbers: fc.array(
    fc.option(
      fc.oneof(arbAnswering, fc.constant({ busy: true })).map((b) => ({ ...b })),
      { nil: null, freq: 3 },
    ),
    { minLength: PHONE_NUMBERS.length, maxLength: PHONE_NUMBERS.length },
  ),
  talkSeconds: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
  soundSeconds: fc.array(fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }), {
    minLength: SOUND_FILES.length,
    maxLength: SOUND_FILES.length,
  }),
});
export type WorldBlueprint = typeof arbWorld extends fc.Arbitrary<infer T> ? T : never;

/** A moment in 2026-2027, on a half hour now and then to meet schedule boundaries. */
export const arbCallTime = fc.oneof(
  fc
    .record({ day: fc.integer({ min: 0, max: 729 }), slot: fc.integer({ min: 0, max: 47 }) })
    .map(({ day, slot }) => FIRST_DAY + day * DAY_MS + slot * 1_800_000),
  fc.integer({ min: FIRST_DAY, max: FIRST_DAY + 730 * DAY_MS - 1000 }).map((ms) => ms - (ms % 1000)),
);

/** A calling number, from the caller's blueprint and the flow's own lists. */
export function callerNumber(from: CallerBlueprint['from'], flow: FlowDocumentJson): string | null {
  const fromPattern = (pattern: string | undefined): string | null =>
    pattern === undefined ? null : pattern.endsWith('*') ? `${pattern.slice(0, -1)}123456` : pattern;
  switch (from.type) {
    case 'random':
      return `+${from.digits}`;
    case 'anonymous':
      return null;
    case 'known':
      return pick(PHONE_NUMBERS, from.n)!;
    case 'vip':
      return fromPattern(pick(flow.settings.vip, from.n)) ?? pick(PHONE_NUMBERS, from.n)!;
    case 'blocked':
      return fromPattern(pick(flow.settings.blocked, from.n)) ?? pick(PHONE_NUMBERS, from.n)!;
  }
}

/** The `agents`, `numbers`, `talkSeconds` and `soundSeconds` of a scenario, for this flow's agents. */
export function worldOf(
  world: WorldBlueprint,
  flow: FlowDocumentJson,
): Omit<ScenarioInput, 'call' | 'caller'> {
  const agents: Record<string, object> = {};
  flow.agents.forEach((agent, i) => {
    const behaviour = world.agents[i];
    if (behaviour !== null && behaviour !== undefined) agents[agent.id] = behaviour;
  });
  const numbers: Record<string, object> = {};
  PHONE_NUMBERS.forEach((number, i) => {
    const behaviour = world.numbers[i];
    if (behaviour !== null && behaviour !== undefined) numbers[number] = behaviour;
  });
  const soundSeconds: Record<string, number> = {};
  SOUND_FILES.forEach((file, i) => {
    const seconds = world.soundSeconds[i];
    if (seconds !== null && seconds !== undefined) soundSeconds[file] = seconds;
  });
  return {
    agents,
    numbers,
    soundSeconds,
    ...(world.talkSeconds !== undefined ? { talkSeconds: world.talkSeconds } : {}),
  } as Omit<ScenarioInput, 'call' | 'caller'>;
}

/** The `caller` part of a scenario. */
export function callerOf(caller: CallerBlueprint): NonNullable<ScenarioInput['caller']> {
  return withOptional(
    { inputs: caller.inputs },
    {
      hangupAfterSeconds: caller.hangupAfterSeconds,
      messageSeconds: caller.messageSeconds,
      optOutOfRecording: caller.optOutOfRecording,
    },
  ) as NonNullable<ScenarioInput['caller']>;
}

/** A scenario built from its three blueprints, for `flow`. */
export function scenarioOf(
  flow: FlowDocumentJson,
  at: number,
  caller: CallerBlueprint,
  world: WorldBlueprint,
): ScenarioInput {
  return {
    call: { from: callerNumber(caller.from, flow), to: FLOW_NUMBER, at: new Date(at).toISOString() },
    ...worldOf(world, flow),
    caller: callerOf(caller),
  };
}

/**
 * Random scenarios for `flow` (DESIGN 6): a call in 2026-2027 from a random number, a hidden one, a
 * known one, or one of the flow's VIP or blocked numbers; agents with random statuses and behaviours
 * (answer after some seconds, never, reject), external numbers, what the caller types, when they
 * hang up, and the lengths of conversations, messages and sound files.
 */
export function arbScenario(flow: FlowDocumentJson): fc.Arbitrary<ScenarioInput> {
  return fc
    .tuple(arbCallTime, arbCaller, arbWorld)
    .map(([at, caller, world]) => scenarioOf(flow, at, caller, world));
}

/**
 * A flow and a scenario for it, drawn independently so that each shrinks on its own (no `chain`):
 * the scenario's references to the flow (agents, VIP and blocked numbers) are resolved afterwards.
 */
export function arbFlowAndScenario(
  options: ArbFlowOptions = {},
): fc.Arbitrary<{ flow: FlowDocumentJson; scenario: ScenarioInput }> {
  return fc
    .tuple(arbFlow(options), arbCallTime, arbCaller, arbWorld)
    .map(([flow, at, caller, world]) => ({ flow, scenario: scenarioOf(flow, at, caller, world) }));
}
