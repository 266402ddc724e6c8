/*
 * Shared helpers for the engine's behaviour tests: build a small flow around the node under test,
 * run a scenario through the simulator, or drive a call session event by event in virtual time
 * with a scripted agent directory, recording every command with the second it was emitted.
 */
import {
  compileFlow,
  createCallSession,
  simulateCall,
  validateFlow,
  VirtualClock,
  type AgentPresence,
  type CallEvent,
  type CallInfo,
  type CallResult,
  type CallSession,
  type EngineCommand,
  type EngineEvent,
  type FlowDocument,
  type ScenarioInput,
  type SessionSnapshot,
} from '../src/index.js';

/** The instant every test call starts at unless told otherwise: a Tuesday morning in Paris. */
export const CALL_AT = '2026-11-24T09:30:00+01:00';
export const CALLER = '+33612345678';
export const FLOW_NUMBER = '+33180000000';

/** A node as tests write it: only id, kind and config. */
export interface NodeSpec {
  readonly id: string;
  readonly kind: string;
  readonly config?: unknown;
}

/** A flow as tests write it: only what matters to the test, the rest filled in. */
export interface FlowParts {
  readonly id?: string;
  readonly entry?: string;
  readonly settings?: Record<string, unknown>;
  /** Agents by id; `name` defaults to the id. */
  readonly agents?: ReadonlyArray<{
    id: string;
    name?: string;
    extension?: string;
    number?: string;
    planning?: string;
  }>;
  readonly groups?: ReadonlyArray<{ id: string; name?: string; members: string[] }>;
  readonly schedules?: readonly unknown[];
  /** Added to the default library (`hello`, `hold`, `bye`). */
  readonly sounds?: readonly unknown[];
  readonly nodes: readonly NodeSpec[];
  /** `[source, port, target]`. */
  readonly edges?: ReadonlyArray<readonly [string, string, string]>;
}

/** The library every test flow has. */
export const DEFAULT_SOUNDS = [
  // One word: one second of speech in the simulator.
  { id: 'hello', tts: { text: 'Hello' } },
  // A file: ten seconds in the simulator unless the scenario says otherwise.
  { id: 'hold', file: 'sounds/hold.mp3' },
  { id: 'bye', tts: { text: 'Goodbye' } },
];

/** Builds a flow document; throws with the issue codes when it has validation errors. */
export function makeFlow(parts: FlowParts): FlowDocument {
  const input = {
    format: 'ringflow.flow/v1',
    id: parts.id ?? 'test-flow',
    name: 'Test flow',
    timezone: 'Europe/Paris',
    locale: 'fr-FR',
    entry: parts.entry ?? parts.nodes[0]!.id,
    settings: parts.settings ?? {},
    agents: (parts.agents ?? []).map((a) => ({ name: a.id, ...a })),
    groups: (parts.groups ?? []).map((g) => ({ name: g.id, ...g })),
    schedules: parts.schedules ?? [],
    sounds: [...DEFAULT_SOUNDS, ...(parts.sounds ?? [])],
    nodes: parts.nodes.map((n) => ({ id: n.id, kind: n.kind, config: n.config ?? {} })),
    edges: (parts.edges ?? []).map(([source, port, target], i) => ({
      id: `e${i + 1}`,
      source,
      port,
      target,
    })),
  };
  const report = validateFlow(input);
  if (!report.ok) {
    throw new Error(
      `test flow is invalid: ${report.errors.map((e) => `${e.code} ${JSON.stringify(e.path)}`).join(', ')}`,
    );
  }
  return report.flow!;
}

/** The id of the node an output port of the node under test leads to, in `nodeFlow`. */
export function outNode(port: string): string {
  return `out-${port === '*' ? 'star' : port === '#' ? 'hash' : port}`;
}

/**
 * A flow whose entry is the node under test (id `n`), each of `ports` wired to its own `hangup`
 * node (`outNode(port)`), so that the path of a call shows which port it took.
 */
export function nodeFlow(
  kind: string,
  config: unknown,
  options: Omit<FlowParts, 'nodes' | 'edges'> & {
    ports?: readonly string[];
    /** More nodes, and edges between them and the rest. */
    nodes?: readonly NodeSpec[];
    edges?: ReadonlyArray<readonly [string, string, string]>;
  } = {},
): FlowDocument {
  const { ports = [], nodes = [], edges = [], ...rest } = options;
  return makeFlow({
    ...rest,
    entry: rest.entry ?? 'n',
    nodes: [{ id: 'n', kind, config }, ...ports.map((p) => ({ id: outNode(p), kind: 'hangup' })), ...nodes],
    edges: [...ports.map((p) => ['n', p, outNode(p)] as const), ...edges],
  });
}

/** The port `node` left through the last time, from the call's event log. */
export function portTaken(result: CallResult, node = 'n'): string | undefined {
  const exits = result.events.filter((e) => e.type === 'node.exited' && e.node === node);
  return exits.at(-1)?.port as string | undefined;
}

/** Events of one type from the call's log. */
export function eventsOf(result: CallResult, type: string): CallEvent[] {
  return result.events.filter((e) => e.type === type);
}

/** A scenario as tests write it: the call's defaults filled in. */
export type TestScenario = Omit<ScenarioInput, 'call'> & {
  call?: { from?: string | null; to?: string; at?: string };
};

/** One line of a simulation trace: seconds since the start, and a command or an event. */
export interface TraceLine {
  readonly t: number;
  readonly command?: EngineCommand;
  readonly event?: EngineEvent;
}

/** Runs a scenario in the simulator; returns the call record and the trace of commands and events. */
export function simulate(
  flow: FlowDocument,
  scenario: TestScenario = {},
  options: { resumeAtEveryStep?: boolean } = {},
): { result: CallResult; trace: TraceLine[]; commands: EngineCommand[] } {
  const at = scenario.call?.at ?? CALL_AT;
  const start = Date.parse(at);
  const trace: TraceLine[] = [];
  const result = simulateCall(
    flow,
    {
      ...scenario,
      call: {
        from: scenario.call?.from === undefined ? CALLER : scenario.call.from,
        to: scenario.call?.to ?? FLOW_NUMBER,
        at,
      },
    },
    {
      ...options,
      onTrace: ({ at: when, command, event }) =>
        trace.push({
          t: (when - start) / 1000,
          ...(command ? { command } : {}),
          ...(event ? { event } : {}),
        }),
    },
  );
  const commands = trace.flatMap((line) => (line.command ? [line.command] : []));
  return { result, trace, commands };
}

/** Commands of one type, typed. */
export function ofType<T extends EngineCommand['type']>(
  commands: readonly EngineCommand[],
  type: T,
): Array<Extract<EngineCommand, { type: T }>> {
  return commands.filter((c): c is Extract<EngineCommand, { type: T }> => c.type === type);
}

/** The types of commands, in order: a compact way to assert a sequence. */
export function types(commands: readonly EngineCommand[]): string[] {
  return commands.map((c) => c.type);
}

/** A command with the second (since the start of the call) it was emitted at. */
export interface LoggedCommand {
  readonly t: number;
  readonly command: EngineCommand;
}

/** Options of `drive`. */
export interface DriveOptions {
  readonly from?: string | null;
  readonly to?: string;
  readonly at?: string;
  /** Agent presences; absent agents are offline. Change them with `setPresence`. */
  readonly presences?: Record<string, AgentPresence>;
}

/**
 * Drives one call session by hand: the test plays the PBX, sending events and moving virtual time;
 * the engine's timers fire as time passes. Every method returns the commands it caused.
 */
export class Driver {
  readonly clock: VirtualClock;
  readonly start: number;
  /** Every command so far, with its time. */
  readonly log: LoggedCommand[] = [];
  /** Every presence the engine asked for: agent and second. */
  readonly reads: Array<{ agent: string; t: number }> = [];
  readonly presences: Record<string, AgentPresence>;
  /** Results handed to `onEnd`, to check that it is called once. */
  readonly ends: CallResult[] = [];
  session: CallSession;
  private readonly callInfo: CallInfo;

  constructor(
    readonly flow: FlowDocument,
    options: DriveOptions = {},
  ) {
    this.start = Date.parse(options.at ?? CALL_AT);
    this.clock = new VirtualClock(this.start);
    this.presences = { ...options.presences };
    this.callInfo = {
      callId: 'call-1',
      from: options.from === undefined ? CALLER : options.from,
      to: options.to ?? FLOW_NUMBER,
      startedAt: this.start,
    };
    this.session = this.open();
  }

  private open(snapshot?: SessionSnapshot): CallSession {
    return createCallSession(compileFlow(this.flow), {
      call: this.callInfo,
      clock: this.clock,
      directory: {
        presence: (agent, at) => {
          this.reads.push({ agent, t: (at - this.start) / 1000 });
          return this.presences[agent] ?? 'offline';
        },
      },
      onCommand: (command) => this.log.push({ t: this.now(), command }),
      onEnd: (result) => this.ends.push(result),
      ...(snapshot ? { snapshot } : {}),
    });
  }

  /** Seconds since the start of the call. */
  now(): number {
    return (this.clock.now() - this.start) / 1000;
  }

  /** Every command so far, without times. */
  get commands(): EngineCommand[] {
    return this.log.map((l) => l.command);
  }

  private collect(run: () => void): EngineCommand[] {
    const before = this.log.length;
    run();
    return this.log.slice(before).map((l) => l.command);
  }

  /** Starts the call. */
  begin(): EngineCommand[] {
    return this.send({ type: 'call.started' });
  }

  send(event: EngineEvent): EngineCommand[] {
    return this.collect(() => this.session.send(event));
  }

  /** Moves virtual time forward, firing the engine's timers that fall due on the way. */
  advance(seconds: number): EngineCommand[] {
    const until = this.clock.now() + seconds * 1000;
    return this.collect(() => {
      while (this.clock.step(until)) {
        // Each step fires one due timer.
      }
      this.clock.advanceTo(until);
    });
  }

  setPresence(agent: string, presence: AgentPresence): void {
    this.presences[agent] = presence;
  }

  /** The last command of a type. */
  last<T extends EngineCommand['type']>(type: T): Extract<EngineCommand, { type: T }> {
    const found = ofType(this.commands, type).at(-1);
    if (found === undefined) throw new Error(`no ${type} command yet`);
    return found;
  }

  /** Reports the last playback as finished. */
  finishPlayback(): EngineCommand[] {
    return this.send({ type: 'playback.finished', playbackId: this.last('play').playbackId });
  }

  /** Leg ids of the last ring command, in order. */
  ringingLegs(): string[] {
    return this.last('ring').legs.map((l) => l.legId);
  }

  /** The leg id the last ring command gives to a target (agent id or number). */
  legOf(target: string): string {
    const leg = this.last('ring').legs.find((l) =>
      l.target.kind === 'agent' ? l.target.agent === target : l.target.number === target,
    );
    if (leg === undefined) throw new Error(`${target} is not rung by the last ring command`);
    return leg.legId;
  }

  hangUp(): EngineCommand[] {
    return this.send({ type: 'call.hungup' });
  }

  result(): CallResult {
    const result = this.session.result();
    if (result === null) throw new Error('the call has not ended');
    return result;
  }

  /** The session as JSON text and back, as a host would persist it. */
  snapshot(): SessionSnapshot {
    return JSON.parse(JSON.stringify(this.session.snapshot())) as SessionSnapshot;
  }

  /** Persists the session, throws it away and resumes a new one from the snapshot, same clock. */
  resume(snapshot: SessionSnapshot = this.snapshot()): void {
    this.session.dispose();
    this.session = this.open(snapshot);
  }
}

/** Starts driving a call of `flow` (not started yet: call `begin`). */
export function drive(flow: FlowDocument, options: DriveOptions = {}): Driver {
  return new Driver(flow, options);
}
