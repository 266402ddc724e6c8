import fc from 'fast-check';
import {
  compileFlow,
  createCallSession,
  parseScenario,
  simulateCall,
  validateFlow,
  VirtualClock,
  type AgentPresence,
  type CallResult,
  type CallSession,
  type EngineCommand,
  type EngineEvent,
  type FlowDocument,
  type LegTarget,
  type Scenario,
  type ScenarioInput,
  type SessionSnapshot,
} from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import {
  arbCaller,
  arbCallTime,
  arbFlow,
  arbFlowAndScenario,
  arbWorld,
  FLOW_NUMBER,
  scenarioOf,
  type CallerBlueprint,
  type FlowDocumentJson,
  type WorldBlueprint,
} from './arbitraries.js';

/*
 * Property-based tests of the engine: random valid flows, random scenarios, and invariants that
 * must hold for every call whatever the flow (DESIGN 4-6). Each check collects readable problems
 * and the property asserts there are none, so that a shrunk counterexample (a flow document and a
 * scenario) comes with the list of what went wrong.
 */

const OUTCOMES = ['answered', 'voicemail', 'forwarded', 'abandoned', 'missed', 'rejected', 'completed'];
const LEG_STATUSES = [
  'ANSWERED',
  'NO_ANSWER',
  'CALL_ANSWERED',
  'TOOLATE',
  'REJECTED',
  'INCALL',
  'SNOOZE',
  'PLANNING',
  'NOT_CONNECTED',
  'ERROR',
];
/** Statuses of legs that rang: they say how long. */
const RUNG = ['ANSWERED', 'NO_ANSWER', 'CALL_ANSWERED', 'TOOLATE', 'REJECTED', 'ERROR'];
/** Outcomes with no missed reason. A voicemail keeps the reason the call went there (decisions.md). */
const NO_REASON = ['answered', 'forwarded', 'completed'];

/** Validates a generated document (valid by construction: a failure here is the generator's) and parses it. */
function parsedFlow(doc: FlowDocumentJson): FlowDocument {
  const report = validateFlow(doc);
  expect(report.errors).toEqual([]);
  return report.flow!;
}

/** A scenario as the engine reads it, defaults applied. */
function parsedScenario(input: ScenarioInput): Scenario {
  const result = parseScenario(input);
  expect(result.issues).toEqual([]);
  return (result as { scenario: Scenario }).scenario;
}

/** Invariants of a call record (DESIGN 6) that hold whatever the flow and the scenario. */
function resultProblems(flow: FlowDocument, startedAt: number, result: CallResult): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const { outcome, missedReason, answeredBy, path, legs, events } = result;
  check(OUTCOMES.includes(outcome), `unknown outcome ${outcome}`);

  // One outcome, and a reason exactly when the call was not taken.
  if (outcome !== 'voicemail')
    check(
      (missedReason === null) === NO_REASON.includes(outcome),
      `outcome ${outcome} with missedReason ${missedReason}`,
    );
  if (outcome === 'rejected')
    check(missedReason === 'rejected', `rejected with missedReason ${missedReason}`);
  if (outcome === 'abandoned') check(missedReason === 'callerHungUp', `abandoned with ${missedReason}`);
  if (outcome === 'missed')
    check(
      ['closed', 'noAgentAvailable', 'noAnswer'].includes(missedReason ?? ''),
      `missed with missedReason ${missedReason}`,
    );
  if (outcome === 'voicemail')
    check(
      [null, 'closed', 'noAgentAvailable', 'noAnswer'].includes(missedReason),
      `voicemail with missedReason ${missedReason}`,
    );

  // Who answered: exactly for answered and forwarded calls, someone whose leg was answered.
  check(
    (answeredBy !== null) === (outcome === 'answered' || outcome === 'forwarded'),
    `outcome ${outcome} with answeredBy ${answeredBy}`,
  );
  if (answeredBy !== null)
    check(
      legs.some((leg) => leg.status === 'ANSWERED' && (leg.agent ?? leg.number) === answeredBy),
      `answeredBy ${answeredBy} has no ANSWERED leg`,
    );
  check(outcome !== 'voicemail' || result.voicemail !== undefined, 'voicemail outcome without a message');
  if (result.voicemail !== undefined) {
    check(['answered', 'forwarded', 'voicemail'].includes(outcome), `a message was left, outcome ${outcome}`);
    const { mailbox, seconds } = result.voicemail;
    check(
      flow.nodes.some(
        (node) =>
          node.kind === 'voicemail' &&
          path.includes(node.id) &&
          node.config.mailbox === mailbox &&
          seconds <= node.config.maxSeconds,
      ),
      `a ${seconds} s message in ${mailbox}, which no voicemail node of the path takes`,
    );
  }
  if (events.some((e) => e.type === 'call.hungup'))
    check(outcome !== 'completed', 'the caller hung up, yet the call completed normally');

  // The path: from the entry (empty when refused, or left during the recording notice), along edges.
  if (path.length === 0) {
    const leftDuringNotice = flow.settings.recording.enabled && outcome === 'abandoned';
    check(outcome === 'rejected' || leftDuringNotice, `empty path with outcome ${outcome}`);
  } else {
    check(outcome !== 'rejected', `a rejected call entered ${path[0]}`);
    check(path[0] === flow.entry, `path starts at ${path[0]}, not at the entry ${flow.entry}`);
  }
  check(path.length <= flow.settings.maxSteps, `${path.length} steps, maxSteps is ${flow.settings.maxSteps}`);
  for (let i = 0; i + 1 < path.length; i++) {
    const [from, to] = [path[i], path[i + 1]];
    check(
      flow.edges.some((edge) => edge.source === from && edge.target === to),
      `path step ${i}: no edge from ${from} to ${to}`,
    );
  }
  const entered = events.filter((e) => e.type === 'node.entered').map((e) => e.node);
  check(entered.join() === path.join(), `node.entered events ${entered.join()} differ from the path`);

  // Times.
  check(result.startedAt === new Date(startedAt).toISOString(), `startedAt ${result.startedAt}`);
  check(result.waitSeconds >= 0, `waitSeconds ${result.waitSeconds}`);
  check(
    result.waitSeconds <= result.durationSeconds,
    `waitSeconds ${result.waitSeconds} > durationSeconds ${result.durationSeconds}`,
  );
  const elapsed = Date.parse(result.endedAt) - Date.parse(result.startedAt);
  check(
    Math.abs(elapsed - result.durationSeconds * 1000) <= 500,
    `durationSeconds ${result.durationSeconds}`,
  );

  // Legs: the vocabulary of DESIGN 4, on ring nodes of the path; legs that rang say how long.
  const kinds = new Map(flow.nodes.map((node) => [node.id, node.kind]));
  const ringTimes = new Map(
    flow.nodes.map((node) => [
      node.id,
      node.kind === 'ringGroup' || node.kind === 'forward' ? node.config.ringSeconds : 0,
    ]),
  );
  legs.forEach((leg, i) => {
    const name = `leg ${i} (${leg.agent ?? leg.number} on ${leg.node}, ${leg.status})`;
    check(LEG_STATUSES.includes(leg.status), `${name}: unknown status`);
    check(path.includes(leg.node), `${name}: node not in the path`);
    check(['ringGroup', 'forward'].includes(kinds.get(leg.node) ?? ''), `${name}: not a ring node`);
    check((leg.agent === undefined) !== (leg.number === undefined), `${name}: agent xor number`);
    if (leg.status === 'PLANNING') check(leg.ringSeconds === undefined, `${name}: skipped, yet rang`);
    if (RUNG.includes(leg.status))
      check(leg.ringSeconds !== undefined && leg.ringSeconds >= 0, `${name}: ringSeconds ${leg.ringSeconds}`);
    if (leg.ringSeconds !== undefined)
      check(
        leg.ringSeconds <= ringTimes.get(leg.node)!,
        `${name}: rang ${leg.ringSeconds} s, longer than allowed`,
      );
  });

  for (const leg of legs)
    if (leg.status === 'CALL_ANSWERED')
      check(
        legs.some((other) => other.node === leg.node && other.status === 'ANSWERED'),
        `${leg.agent ?? leg.number} on ${leg.node}: CALL_ANSWERED, yet nobody answered there`,
      );

  // Polls: answers within the question's range, credited to an agent who took the call.
  const answeredAgents = new Set(legs.filter((leg) => leg.status === 'ANSWERED').map((leg) => leg.agent));
  for (const answer of result.polls) {
    const node = flow.nodes.find((n) => n.kind === 'poll' && n.config.id === answer.poll);
    const question =
      node?.kind === 'poll' ? node.config.questions.find((q) => q.id === answer.question) : undefined;
    if (question === undefined) problems.push(`poll answer to unknown ${answer.poll}/${answer.question}`);
    else
      check(
        answer.value >= question.min && answer.value <= question.max,
        `poll ${answer.poll}/${answer.question}: ${answer.value} outside ${question.min}-${question.max}`,
      );
    if (answer.agent !== null)
      check(answeredAgents.has(answer.agent), `poll credited to ${answer.agent}, who took no call`);
  }

  // The event log: one start, one end carrying the outcome, in time order, within the call.
  check(events[0]?.type === 'call.started', `first event ${events[0]?.type}`);
  const ends = events.filter((e) => e.type === 'call.ended');
  check(
    ends.length === 1 && events[events.length - 1] === ends[0] && ends[0]!.outcome === outcome,
    `call.ended events: ${JSON.stringify(ends)}`,
  );
  for (let i = 1; i < events.length; i++)
    check(events[i]!.at >= events[i - 1]!.at, `event ${i} (${events[i]!.type}) goes back in time`);
  check(events[events.length - 1]?.at === result.endedAt, 'the last event is not at endedAt');
  return problems;
}

/** An exact number or a prefix ending in `*` (DESIGN 3), written again here as an independent oracle. */
const matches = (number: string, pattern: string) =>
  pattern.endsWith('*') ? number.startsWith(pattern.slice(0, -1)) : number === pattern;

/**
 * What a single simulated call must show given its scenario (simulateCall: agents keep their
 * scenario status, absent ones are offline): who is refused, who can answer, why a member was
 * skipped, where conditions lead, how often members ring, and who is credited with poll answers.
 */
function scenarioProblems(flow: FlowDocument, scenario: Scenario, result: CallResult): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const { from } = scenario.call;
  const { path, legs } = result;
  const nodes = new Map(flow.nodes.map((node) => [node.id, node]));
  const target = (source: string, port: string) =>
    flow.edges.find((edge) => edge.source === source && edge.port === port)?.target;
  const status = (agent: string) => scenario.agents[agent]?.status ?? 'offline';
  const agents = new Map(flow.agents.map((agent) => [agent.id, agent]));
  const groups = new Map(flow.groups.map((group) => [group.id, group]));

  // Refused exactly when the settings say so.
  const refused =
    from === null
      ? flow.settings.anonymous === 'reject'
      : flow.settings.blocked.some((pattern) => matches(from, pattern));
  check(refused === (result.outcome === 'rejected'), `refused=${refused}, outcome ${result.outcome}`);

  // Each reason and each kind of answer comes from a node that gives it.
  const kindsOnPath = new Set(path.map((id) => nodes.get(id)!.kind));
  const givenBy: Record<string, string[]> = {
    closed: ['businessHours'],
    noAgentAvailable: ['ringGroup', 'agentCondition'],
    noAnswer: ['ringGroup', 'forward'],
  };
  const givers = givenBy[result.missedReason ?? ''];
  if (givers !== undefined)
    check(
      givers.some((kind) => kindsOnPath.has(kind as never)),
      `missedReason ${result.missedReason}, but no ${givers.join(' or ')} on the path`,
    );
  if (result.outcome === 'forwarded')
    check(
      path.some((id) => {
        const node = nodes.get(id)!;
        return node.kind === 'forward' && node.config.number === result.answeredBy;
      }),
      `forwarded to ${result.answeredBy}, which no forward of the path calls`,
    );
  if (result.outcome === 'answered') check(kindsOnPath.has('ringGroup'), 'answered without a ring group');

  // Legs follow the people: only someone who picks up answers; skips and failures have their cause.
  const wouldAnswer = (leg: CallResult['legs'][number]) => {
    if (leg.agent !== undefined) {
      const agent = scenario.agents[leg.agent];
      return agent !== undefined && agent.status === 'available' && !agent.reject && agent.answer !== 'never';
    }
    const number = scenario.numbers[leg.number!];
    return (
      number?.answerAfterSeconds !== undefined && !number.busy && !number.reject && number.answer !== 'never'
    );
  };
  for (const leg of legs) {
    const name = `${leg.agent ?? leg.number} on ${leg.node} is ${leg.status}`;
    if (leg.status === 'ANSWERED' || leg.status === 'TOOLATE')
      check(wouldAnswer(leg), `${name}: never picks up`);
    if (leg.status === 'REJECTED') {
      const behaviour = leg.agent !== undefined ? scenario.agents[leg.agent] : scenario.numbers[leg.number!];
      check(behaviour?.reject === true, `${name}: never declines`);
    }
    if (leg.agent !== undefined) {
      const expected = { SNOOZE: 'snooze', NOT_CONNECTED: 'offline', INCALL: 'inCall' }[leg.status as string];
      if (expected !== undefined)
        check(status(leg.agent) === expected, `${name}, status ${status(leg.agent)}`);
      if (leg.status === 'PLANNING')
        check(agents.get(leg.agent)?.planning !== undefined, `${name}: no planning`);
    } else {
      if (leg.status === 'INCALL') check(scenario.numbers[leg.number!]?.busy === true, `${name}: never busy`);
      check(!['SNOOZE', 'NOT_CONNECTED', 'PLANNING'].includes(leg.status), `${name}: a number has no status`);
    }
  }

  // Members ring at most once per round, are skipped at most once per visit (DESIGN 4, decisions).
  const visits = new Map<string, number>();
  for (const id of path) visits.set(id, (visits.get(id) ?? 0) + 1);
  const perMember = new Map<string, { rung: number; skipped: number }>();
  for (const leg of legs) {
    const key = `${leg.node} ${leg.agent ?? leg.number}`;
    const count = perMember.get(key) ?? { rung: 0, skipped: 0 };
    if (leg.ringSeconds === undefined) count.skipped++;
    else count.rung++;
    perMember.set(key, count);
  }
  for (const [key, count] of perMember) {
    const node = nodes.get(key.split(' ')[0]!)!;
    const rounds = node.kind === 'ringGroup' ? node.config.repeat + 1 : 1;
    const seen = visits.get(node.id) ?? 0;
    check(count.skipped <= seen, `${key}: skipped ${count.skipped} times in ${seen} visits`);
    check(
      count.rung <= seen * rounds,
      `${key}: rung ${count.rung} times in ${seen} visits of ${rounds} rounds`,
    );
  }

  // Conditions lead where an independent reading of the flow says.
  path.forEach((id, i) => {
    const next = path[i + 1];
    const node = nodes.get(id)!;
    if (next === undefined) return;
    if (node.kind === 'callerMatch') {
      const { numbers, vip, anonymous } = node.config;
      const match =
        from === null
          ? anonymous
          : numbers.some((p) => matches(from, p)) || (vip && flow.settings.vip.some((p) => matches(from, p)));
      const expected = target(id, match ? 'match' : 'noMatch');
      check(next === expected, `${id} (match=${match}) led to ${next}, not ${expected}`);
    }
    if (node.kind === 'agentCondition') {
      const means = node.config.unavailableMeans;
      const members: string[] = [];
      const numbers = new Set<string>();
      for (const member of node.config.members) {
        if ('agent' in member) members.push(member.agent);
        else if ('group' in member) members.push(...groups.get(member.group)!.members);
        else numbers.add(member.number);
      }
      const unique = [...new Set(members)];
      // Plannings need a schedule reading: left to the schedule tests.
      if (means.includes('outOfPlanning') && unique.some((a) => agents.get(a)?.planning !== undefined))
        return;
      const unavailable = (a: string) => {
        const s = status(a);
        return (
          (s === 'offline' && means.includes('offline')) ||
          (s === 'snooze' && means.includes('snooze')) ||
          (s === 'inCall' && means.includes('inCall'))
        );
      };
      // External numbers have no status: they count as available.
      const available = unique.filter((a) => !unavailable(a)).length + numbers.size;
      const value = node.config.when === 'allUnavailable' ? available === 0 : available > 0;
      const expected = target(id, String(value));
      check(next === expected, `${id} (${node.config.when}: ${value}) led to ${next}, not ${expected}`);
    }
  });

  // Poll answers go to the agent bridged last before them.
  let lastAgent: string | null = null;
  let answers = 0;
  for (const event of result.events) {
    if (event.type === 'bridge.started' && agents.has(event.with as string)) lastAgent = event.with as string;
    if (event.type === 'poll.answered') {
      const record = result.polls[answers++];
      check(
        record?.agent === lastAgent,
        `poll answer ${answers} credited to ${record?.agent}, not ${lastAgent}`,
      );
    }
  }
  check(
    answers === result.polls.length,
    `${result.polls.length} poll records, ${answers} poll.answered events`,
  );
  return problems;
}

/** A call ends when its caller hangs up, at the latest. */
function outlasts(scenario: ScenarioInput, result: CallResult): string[] {
  const limit = scenario.caller?.hangupAfterSeconds;
  if (limit === undefined) return [];
  const end = Date.parse(scenario.call.at) + limit * 1000;
  return Date.parse(result.endedAt) <= end
    ? []
    : [`ended at ${result.endedAt}, the caller left at ${new Date(end).toISOString()}`];
}

/**
 * Follows one call's commands and events in order and notes what breaks the adapter contract
 * (DESIGN 5): a leg bridged or cancelled before a ring or forward created it, a bridge of a leg
 * nobody answered, two bridges at once, the call answered twice, early media after the answer, a
 * command after the hangup, anything but cancelling legs after the caller hung up.
 */
class CallStreamChecker {
  readonly problems: string[] = [];
  private readonly created = new Set<string>();
  private readonly answered = new Set<string>();
  private readonly playbacks = new Set<string>();
  private bridge: string | null = null;
  private channelAnswered = false;
  private hungUpByFlow = false;
  private hungUpByCaller = false;
  private last = -Infinity;
  private bridges = 0;
  private hangups = 0;
  private readonly commands: string[] = [];

  constructor(private readonly name: string) {}

  private problem(at: number, text: string): void {
    this.problems.push(`${this.name} at ${new Date(at).toISOString()}: ${text}`);
  }

  private time(at: number): void {
    if (at < this.last) this.problem(at, 'time went backwards');
    this.last = at;
  }

  command(at: number, command: EngineCommand): void {
    this.time(at);
    this.commands.push(command.type === 'hangup' ? `hangup:${command.cause}` : command.type);
    if (this.hungUpByFlow) this.problem(at, `${command.type} after the hangup command`);
    if (this.hungUpByCaller && !(command.type === 'cancelLegs' && command.reason === 'callerHungUp'))
      this.problem(at, `${JSON.stringify(command)} after the caller hung up`);
    const newLeg = (legId: string) => {
      if (this.created.has(legId)) this.problem(at, `leg id ${legId} used twice`);
      this.created.add(legId);
    };
    const knownLeg = (legId: string) => {
      if (!this.created.has(legId)) this.problem(at, `${command.type} of ${legId}, which no ring created`);
    };
    switch (command.type) {
      case 'answer':
        if (this.channelAnswered) this.problem(at, 'the call is answered twice');
        this.channelAnswered = true;
        break;
      case 'play':
        if (command.early === this.channelAnswered)
          this.problem(
            at,
            `play ${command.playbackId} early=${command.early}, answered=${this.channelAnswered}`,
          );
        this.playbacks.add(command.playbackId);
        break;
      case 'stopPlayback':
        if (!this.playbacks.has(command.playbackId))
          this.problem(at, `stop of unknown ${command.playbackId}`);
        break;
      case 'ring':
        if (command.legs.length === 0) this.problem(at, 'ring without legs');
        for (const leg of command.legs) newLeg(leg.legId);
        break;
      case 'forward':
        newLeg(command.leg.legId);
        break;
      case 'cancelLegs':
        if (command.legIds.length === 0) this.problem(at, 'cancelLegs without legs');
        command.legIds.forEach(knownLeg);
        break;
      case 'bridge':
        knownLeg(command.legId);
        if (!this.answered.has(command.legId)) this.problem(at, `bridge of ${command.legId}, never answered`);
        if (this.bridge !== null)
          this.problem(at, `bridge of ${command.legId} while ${this.bridge} is bridged`);
        this.bridge = command.legId;
        this.bridges++;
        break;
      case 'hangup':
        this.hungUpByFlow = true;
        this.hangups++;
        break;
      default:
        break;
    }
  }

  event(at: number, event: EngineEvent): void {
    this.time(at);
    if (event.type === 'leg.answered') this.answered.add(event.legId);
    if (event.type === 'bridge.ended' && event.legId === this.bridge) this.bridge = null;
    if (event.type === 'call.hungup') {
      this.hungUpByCaller = true;
      this.bridge = null;
    }
  }

  /** At the end: one bridge per ANSWERED leg, one hangup command unless the caller hung up first. */
  finish(result: CallResult): string[] {
    const answeredLegs = result.legs.filter((leg) => leg.status === 'ANSWERED').length;
    if (answeredLegs !== this.bridges)
      this.problems.push(`${this.name}: ${this.bridges} bridges but ${answeredLegs} ANSWERED legs`);
    const callerLeft = result.events.some((e) => e.type === 'call.hungup');
    const expected = callerLeft ? 0 : 1;
    if (this.hangups !== expected)
      this.problems.push(`${this.name}: ${this.hangups} hangup commands, expected ${expected}`);
    if (result.outcome === 'rejected' && this.commands.join() !== 'hangup:rejected')
      this.problems.push(`${this.name}: a refused call got ${this.commands.join()}`);
    return this.problems;
  }
}

// A PBX for several calls on one flow at once, in one virtual clock, with one agent directory.

/**
 * How the PBX reports: `scheduled` (every event from the clock, even those due at once),
 * `synchronous` (events due at once are sent from inside the command that caused them, as some
 * adapters do), `resumed` (after every event, each open session is snapshotted as JSON, dropped and
 * resumed from the snapshot).
 */
type PbxMode = 'scheduled' | 'synchronous' | 'resumed';

interface RunningCall {
  readonly id: string;
  readonly caller: Scenario['caller'];
  /** The live session (replaced by its resumed copy after each event when the PBX resumes). */
  session: CallSession;
  /** Opens a session for this call, new or resumed from a snapshot. */
  readonly open: (snapshot?: SessionSnapshot) => CallSession;
  readonly checker: CallStreamChecker;
  /** Every record onEnd received (exactly one is expected). */
  readonly ends: CallResult[];
  readonly legs: Map<string, LegTarget>;
  /** PBX events scheduled under a key (a leg, a playback), to call off. */
  readonly pending: Map<string, Array<{ at: number; entry: { cancelled: boolean } }>>;
  inputIndex: number;
}

/**
 * Plays the PBX and the people for several calls at once. Agents are shared: one in a conversation
 * on a call is `inCall` for every call, and their phone cannot pick up another leg meanwhile (it
 * fails `busy`). Events keep coming after a call has ended (late answers, stale timers): the
 * session must ignore them. Notes every agent bridged while bridged elsewhere.
 */
class SharedPbx {
  readonly problems: string[] = [];
  readonly calls: RunningCall[] = [];
  /** Agent -> the call and leg they are bridged to now. */
  private readonly bridged = new Map<string, { call: string; legId: string }>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly world: Scenario,
    private readonly mode: PbxMode = 'scheduled',
  ) {}

  presence(agentId: string): AgentPresence {
    if (this.bridged.has(agentId)) return 'inCall';
    return this.world.agents[agentId]?.status ?? 'offline';
  }

  private later(call: RunningCall, seconds: number, event: EngineEvent, key?: string): void {
    // Some adapters report at once, from inside the command: the session must queue it.
    if (seconds === 0 && this.mode === 'synchronous') return this.deliver(call, event);
    const at = this.clock.now() + seconds * 1000;
    const entry = this.clock.schedule(at, () => this.deliver(call, event));
    if (key === undefined) return;
    if (!call.pending.has(key)) call.pending.set(key, []);
    call.pending.get(key)!.push({ at, entry: entry as { cancelled: boolean } });
  }

  /** Calls off what is scheduled under `key`, except what happens this very instant (it crossed). */
  private callOff(call: RunningCall, key: string): void {
    for (const item of call.pending.get(key) ?? [])
      if (item.at > this.clock.now()) item.entry.cancelled = true;
    call.pending.delete(key);
  }

  /** Frees the agents bridged on this call (on this leg only, when given). */
  private release(call: RunningCall, legId?: string): void {
    for (const [agent, where] of this.bridged)
      if (where.call === call.id && (legId === undefined || where.legId === legId))
        this.bridged.delete(agent);
  }

  deliver(call: RunningCall, event: EngineEvent): void {
    if (event.type === 'leg.answered') {
      const target = call.legs.get(event.legId);
      if (target?.kind === 'agent' && this.bridged.has(target.agent))
        event = { type: 'leg.failed', legId: event.legId, reason: 'busy' };
    }
    if (event.type === 'bridge.ended') this.release(call, event.legId);
    if (event.type === 'call.hungup') this.release(call);
    call.checker.event(this.clock.now(), event);
    call.session.send(event);
    if (this.mode === 'resumed' && !call.session.ended) {
      const snapshot = JSON.parse(JSON.stringify(call.session.snapshot())) as SessionSnapshot;
      call.session.dispose();
      call.session = call.open(snapshot);
    }
  }

  start(call: RunningCall): void {
    // Scheduled before the call starts (as simulateCall does), never sent before `call.started`.
    const hangup = call.caller.hangupAfterSeconds;
    if (hangup !== undefined)
      this.clock.schedule(this.clock.now() + hangup * 1000, () =>
        this.deliver(call, { type: 'call.hungup' }),
      );
    call.checker.event(this.clock.now(), { type: 'call.started' });
    call.session.send({ type: 'call.started' });
  }

  private ringLeg(call: RunningCall, legId: string, target: LegTarget): void {
    call.legs.set(legId, target);
    this.later(call, 0, { type: 'leg.ringing', legId }, legId);
    const fail = (reason: 'busy' | 'unreachable') =>
      this.later(call, 0, { type: 'leg.failed', legId, reason }, legId);
    const behaviour =
      target.kind === 'agent' ? this.world.agents[target.agent] : this.world.numbers[target.number];
    if (target.kind === 'agent') {
      const presence = this.presence(target.agent);
      if (presence === 'offline') return fail('unreachable');
      if (presence !== 'available') return fail('busy');
    } else if (this.world.numbers[target.number]?.busy) return fail('busy');
    if (behaviour?.reject)
      return this.later(
        call,
        behaviour.rejectAfterSeconds ?? 2,
        { type: 'leg.failed', legId, reason: 'rejected' },
        legId,
      );
    if (behaviour === undefined || behaviour.answer === 'never') return;
    const after = behaviour.answerAfterSeconds ?? (target.kind === 'agent' ? 5 : undefined);
    if (after !== undefined) this.later(call, after, { type: 'leg.answered', legId }, legId);
  }

  execute(call: RunningCall, command: EngineCommand): void {
    const now = this.clock.now();
    call.checker.command(now, command);
    switch (command.type) {
      case 'play': {
        const { sound } = command;
        const seconds =
          sound.kind === 'tts'
            ? Math.max(1, Math.ceil(sound.text.trim().split(/\s+/).length / 2.5))
            : (this.world.soundSeconds[sound.file] ?? 10);
        this.later(
          call,
          seconds,
          { type: 'playback.finished', playbackId: command.playbackId },
          command.playbackId,
        );
        break;
      }
      case 'stopPlayback':
        this.callOff(call, command.playbackId);
        this.later(call, 0, { type: 'playback.finished', playbackId: command.playbackId });
        break;
      case 'collectDigits': {
        const input = call.caller.inputs[call.inputIndex++] ?? null;
        if (input === null) break;
        const typing = Math.min(1, command.timeoutSeconds / 2);
        [...input].forEach((digit, i) => this.later(call, typing * (i + 1), { type: 'dtmf', digit }));
        break;
      }
      case 'ring':
        for (const leg of command.legs) this.ringLeg(call, leg.legId, leg.target);
        break;
      case 'forward':
        this.ringLeg(call, command.leg.legId, command.leg.target);
        break;
      case 'cancelLegs':
        for (const legId of command.legIds) this.callOff(call, legId);
        break;
      case 'bridge': {
        const target = call.legs.get(command.legId);
        if (target?.kind === 'agent') {
          const elsewhere = this.bridged.get(target.agent);
          if (elsewhere !== undefined)
            this.problems.push(
              `${call.id} at ${new Date(now).toISOString()}: ${target.agent} bridged on ${command.legId} while bridged on ${elsewhere.call}/${elsewhere.legId}`,
            );
          this.bridged.set(target.agent, { call: call.id, legId: command.legId });
        }
        const ended = { type: 'bridge.ended' as const, legId: command.legId };
        this.later(call, this.world.talkSeconds, ended, `bridge:${command.legId}`);
        break;
      }
      case 'recordVoicemail': {
        const seconds = Math.min(command.maxSeconds, call.caller.messageSeconds);
        this.later(call, seconds, {
          type: 'voicemail.recorded',
          recordingId: command.recordingId,
          seconds,
          file: `voicemail/${command.mailbox}/${command.recordingId}.wav`,
        });
        break;
      }
      case 'startRecording':
        if (call.caller.optOutOfRecording && command.optOutDigit !== null)
          this.later(call, 1, { type: 'dtmf', digit: command.optOutDigit });
        break;
      case 'hangup':
        // The line is down: whoever was talking on it is free.
        this.release(call);
        break;
      default:
        break;
    }
  }

  /** Starts a call of `scenario` at `startAt` (its own caller; agents and numbers are the PBX's). */
  add(compiled: ReturnType<typeof compileFlow>, scenario: Scenario, startAt: number): RunningCall {
    const id = `call${this.calls.length}`;
    const ends: CallResult[] = [];
    const checker = new CallStreamChecker(id);
    const legs = new Map<string, LegTarget>();
    const pending: RunningCall['pending'] = new Map();
    const open = (snapshot?: SessionSnapshot) =>
      createCallSession(compiled, {
        call: { callId: id, from: scenario.call.from, to: scenario.call.to, startedAt: startAt },
        clock: this.clock,
        directory: this,
        onCommand: (command) => {
          if (ends.length > 0) checker.problems.push(`${id}: ${command.type} after the end of the call`);
          this.execute(call, command);
        },
        onEnd: (result) => ends.push(result),
        ...(snapshot !== undefined ? { snapshot } : {}),
      });
    const call: RunningCall = {
      id,
      caller: scenario.caller,
      session: open(),
      open,
      checker,
      ends,
      legs,
      pending,
      inputIndex: 0,
    };
    this.calls.push(call);
    this.clock.schedule(startAt, () => this.start(call));
    return call;
  }

  /** Runs until nothing is left to happen; a call still open then ends with the caller giving up. */
  run(until: number): void {
    while (this.clock.step(until)) {
      // One engine timer or PBX event per step, in time order, late ones included.
    }
    for (const call of this.calls) if (!call.session.ended) this.deliver(call, { type: 'call.hungup' });
  }
}

/** Calls close together, so that agents are contended for. */
const arbCalls = fc.array(fc.record({ caller: arbCaller, offset: fc.integer({ min: 0, max: 60 }) }), {
  minLength: 1,
  maxLength: 5,
});

/** Small flows that often ring a group first. */
const arbSharedFlow = (options: { maxStepsAtMost?: number } = {}) =>
  fc.oneof(
    arbFlow({ maxNodes: 12, ...options }),
    arbFlow({ maxNodes: 12, entryKind: 'ringGroup', ...options }),
  );

/**
 * Runs concurrent calls of one flow on a SharedPbx and returns it with every problem found: the
 * PBX's (an agent in two calls), each call's stream and record, and one end per call.
 */
function runConcurrent(
  doc: FlowDocumentJson,
  world: WorldBlueprint,
  at: number,
  calls: ReadonlyArray<{ caller: CallerBlueprint; offset: number }>,
  mode: PbxMode,
): { pbx: SharedPbx; problems: string[] } {
  const flow = parsedFlow(doc);
  const starts = calls.map(({ offset }) => at + offset * 1000);
  const scenarios = calls.map(({ caller }, i) => scenarioOf(doc, starts[i]!, caller, world));
  const pbx = new SharedPbx(new VirtualClock(at), parsedScenario(scenarios[0]!), mode);
  const compiled = compileFlow(flow);
  scenarios.forEach((scenario, i) => pbx.add(compiled, parsedScenario(scenario), starts[i]!));
  pbx.run(at + 48 * 3600 * 1000);
  const problems = [...pbx.problems];
  pbx.calls.forEach((call, i) => {
    if (call.ends.length !== 1) problems.push(`${call.id}: onEnd called ${call.ends.length} times`);
    if (!call.session.ended || call.session.result() !== call.ends[0])
      problems.push(`${call.id}: ended=${call.session.ended}, result() is not the record onEnd received`);
    if (call.ends.length > 0)
      problems.push(
        ...call.checker.finish(call.ends[0]!),
        ...resultProblems(flow, starts[i]!, call.ends[0]!),
        ...outlasts(scenarios[i]!, call.ends[0]!),
      );
  });
  return { pbx, problems };
}

// Each property runs for seconds (thousands of simulated calls): far beyond the default timeout.
describe('engine properties', { timeout: 300_000 }, () => {
  it('a call of a random flow never throws, ends once and keeps the command and record contracts', () => {
    fc.assert(
      fc.property(arbFlowAndScenario(), ({ flow: doc, scenario }) => {
        const flow = parsedFlow(doc);
        const checker = new CallStreamChecker('call');
        const result = simulateCall(flow, scenario, {
          onTrace: ({ at, command, event }) => {
            if (command !== undefined) checker.command(at, command);
            if (event !== undefined) checker.event(at, event);
          },
        });
        const problems = [
          ...checker.finish(result),
          ...resultProblems(flow, Date.parse(scenario.call.at), result),
          ...outlasts(scenario, result),
          ...scenarioProblems(flow, parsedScenario(scenario), result),
        ];
        expect(problems).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('resuming from a JSON snapshot after every event gives the identical record', () => {
    fc.assert(
      fc.property(arbFlowAndScenario({ maxNodes: 12, maxStepsAtMost: 20 }), ({ flow: doc, scenario }) => {
        const flow = parsedFlow(doc);
        const result = simulateCall(flow, scenario);
        expect(simulateCall(flow, scenario, { resumeAtEveryStep: true })).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('concurrent calls sharing agents: one end each, nothing after it, no agent in two calls', () => {
    fc.assert(
      fc.property(
        arbSharedFlow(),
        arbWorld,
        arbCallTime,
        arbCalls,
        fc.boolean(),
        (doc, world, at, calls, sync) => {
          const { pbx, problems } = runConcurrent(doc, world, at, calls, sync ? 'synchronous' : 'scheduled');
          for (const call of pbx.calls) {
            // A session resumed from the snapshot of its ended call is ended, with the same record,
            // and neither reports the end again nor answers events.
            const known = call.checker.problems.length;
            const again = call.open(call.session.snapshot());
            if (!again.ended) problems.push(`${call.id}: resumed from its end, the session is open`);
            else expect(again.result()).toEqual(call.ends[0]);
            again.send({ type: 'call.hungup' });
            if (call.ends.length !== 1) problems.push(`${call.id}: onEnd called again after resuming`);
            problems.push(...call.checker.problems.slice(known));
          }
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('concurrent calls resumed from JSON snapshots after every event give identical records', () => {
    fc.assert(
      fc.property(
        arbSharedFlow({ maxStepsAtMost: 30 }),
        arbWorld,
        arbCallTime,
        arbCalls,
        (doc, world, at, drawn) => {
          // Two calls' events at the very same instant run in an order the clock picks (by when
          // their timers were armed, which resuming changes), and who gets a contended agent may
          // follow it: each call starts a few milliseconds apart so that no instant is shared.
          const calls = drawn.map((call, i) => ({ ...call, offset: call.offset + i / 1000 }));
          const plain = runConcurrent(doc, world, at, calls, 'scheduled');
          const resumed = runConcurrent(doc, world, at, calls, 'resumed');
          expect(resumed.problems).toEqual([]);
          expect(resumed.pbx.calls.map((call) => call.ends)).toEqual(
            plain.pbx.calls.map((call) => call.ends),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the generators reach every node kind, outcome and leg status, and the step limit', () => {
    const kinds = new Set<string>();
    const outcomes = new Set<string>();
    const statuses = new Set<string>();
    let limited = 0;
    for (const { flow: doc, scenario } of fc.sample(arbFlowAndScenario(), { numRuns: 500, seed: 7 })) {
      const flow = parsedFlow(doc);
      for (const node of flow.nodes) kinds.add(node.kind);
      const result = simulateCall(flow, scenario);
      outcomes.add(result.outcome);
      for (const leg of result.legs) statuses.add(leg.status);
      if (result.events.some((e) => e.type === 'call.maxStepsReached')) limited++;
    }
    expect([...kinds].sort()).toEqual([
      'agentCondition',
      'announcement',
      'businessHours',
      'callerMatch',
      'forward',
      'hangup',
      'menu',
      'poll',
      'ringGroup',
      'voicemail',
    ]);
    expect([...outcomes].sort()).toEqual([...OUTCOMES].sort());
    // ERROR needs a phone that fails for no status reason, which the simulator never plays.
    expect([...statuses].sort()).toEqual(LEG_STATUSES.filter((s) => s !== 'ERROR').sort());
    expect(limited).toBeGreaterThan(5);
  });

  it('the invariants catch broken records and command streams', () => {
    const flow = parsedFlow({
      format: 'ringflow.flow/v1',
      id: 'oracle',
      name: 'Oracle',
      timezone: 'Europe/Paris',
      locale: 'fr-FR',
      entry: 'welcome',
      settings: { anonymous: 'allow', blocked: [], vip: [], maxSteps: 3 },
      agents: [
        { id: 'alice', name: 'Alice' },
        { id: 'bob', name: 'Bob' },
      ],
      groups: [],
      schedules: [],
      sounds: [],
      nodes: [
        {
          id: 'welcome',
          kind: 'announcement',
          position: { x: 0, y: 0 },
          config: { sound: { tts: { text: 'Bonjour' } } },
        },
        {
          id: 'ring',
          kind: 'ringGroup',
          position: { x: 0, y: 0 },
          config: { members: [{ agent: 'alice' }, { agent: 'bob' }] },
        },
      ],
      edges: [{ id: 'e1', source: 'welcome', port: 'next', target: 'ring' }],
    });
    const at = '2026-11-24T09:30:00+01:00';
    const scenario = {
      call: { from: '+33612345678', to: FLOW_NUMBER, at },
      agents: { alice: {}, bob: { answerAfterSeconds: 9 } },
    };
    const good = simulateCall(flow, scenario);
    expect(good).toMatchObject({ outcome: 'answered', answeredBy: 'alice', path: ['welcome', 'ring'] });
    expect(resultProblems(flow, Date.parse(at), good)).toEqual([]);
    const broken: Array<Partial<CallResult>> = [
      { outcome: 'missed' },
      { missedReason: 'noAnswer' },
      { answeredBy: null },
      { path: ['ring', 'welcome'] },
      { path: ['welcome', 'ring', 'ring', 'ring'] },
      { path: [] },
      { waitSeconds: good.durationSeconds + 1 },
      { legs: [...good.legs, { node: 'ring', agent: 'bob', status: 'BUSY' as never, ringSeconds: 1 }] },
      { legs: [{ node: 'ring', agent: 'bob', status: 'NO_ANSWER' }] },
      { polls: [{ poll: 'survey', question: 'q1', value: 3, agent: null }] },
      { events: [...good.events, good.events[good.events.length - 1]!] },
    ];
    for (const change of broken)
      expect(
        resultProblems(flow, Date.parse(at), { ...good, ...change }),
        JSON.stringify(change),
      ).not.toEqual([]);

    const streams: EngineCommand[][] = [
      [{ type: 'bridge', legId: 'leg1' }],
      [{ type: 'answer' }, { type: 'answer' }],
      [{ type: 'hangup', cause: 'normal' }, { type: 'answer' }],
      [
        { type: 'answer' },
        { type: 'play', playbackId: 'pb1', early: true, sound: { kind: 'file', file: 'a.wav' } },
      ],
      [{ type: 'stopPlayback', playbackId: 'pb9' }],
      [{ type: 'cancelLegs', legIds: ['leg7'], reason: 'timeout' }],
    ];
    for (const stream of streams) {
      const checker = new CallStreamChecker('call');
      for (const command of stream) checker.command(0, command);
      expect(checker.problems, JSON.stringify(stream)).not.toEqual([]);
    }
    // Two bridges at once, and a bridge of a leg nobody answered.
    const ring: EngineCommand = {
      type: 'ring',
      legs: ['leg1', 'leg2'].map((legId) => ({
        legId,
        target: { kind: 'number', number: '+33611111111' },
        timeoutSeconds: 20,
        callerId: null,
      })),
      music: null,
    };
    const checker = new CallStreamChecker('call');
    checker.command(0, ring);
    checker.event(1, { type: 'leg.answered', legId: 'leg1' });
    checker.command(1, { type: 'bridge', legId: 'leg1' });
    expect(checker.problems).toEqual([]);
    checker.command(2, { type: 'bridge', legId: 'leg2' });
    expect(checker.problems).toHaveLength(2);
  });
});
