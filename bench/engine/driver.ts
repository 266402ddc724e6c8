import {
  compileFlow,
  createCallSession,
  ENGINE_EVENT_TYPES,
  parseScenario,
  SimulatedPbx,
  VirtualClock,
  type CallResult,
  type CallSession,
  type Clock,
  type CompiledFlow,
  type EngineCommand,
  type EngineEvent,
  type FlowDocument,
  type Scenario,
  type ScenarioInput,
} from '@ringflow/flow-core';

/*
 * Drives many live call sessions on one shared virtual clock, as a host process would, and times
 * every decision of the engine on its own: each `session.send(event)` and each engine timer that
 * fires. Each call's PBX is flow-core's SimulatedPbx, played by the call's scenario with the
 * simulator's rules, on the shared clock.
 *
 * Commands are only collected while a decision is timed, and executed after it: a real adapter
 * hands them to a socket, and the cost of this stand-in PBX is not the engine's.
 */

/** Event kinds, as recorded with each sample. */
export const EVENT_KINDS = [...ENGINE_EVENT_TYPES, 'timer'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
const KIND_INDEX = new Map<string, number>(EVENT_KINDS.map((kind, i) => [kind, i]));

/** Per-decision durations in microseconds, with the kind of event each one handled. */
export class LatencyRecorder {
  micros: Float64Array;
  kinds: Uint8Array;
  count = 0;

  constructor(capacity: number) {
    this.micros = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }

  add(kind: number, micros: number): void {
    if (this.count === this.micros.length) {
      const micros = new Float64Array(this.micros.length * 2);
      micros.set(this.micros);
      const kinds = new Uint8Array(this.kinds.length * 2);
      kinds.set(this.kinds);
      this.micros = micros;
      this.kinds = kinds;
    }
    this.micros[this.count] = micros;
    this.kinds[this.count++] = kind;
  }
}

/** One call: its session, and the PBX side of it, flow-core's SimulatedPbx played by the scenario. */
class DrivenCall {
  readonly session: CallSession;
  private readonly outbox: EngineCommand[] = [];
  private readonly pbx: SimulatedPbx;

  constructor(
    compiled: CompiledFlow,
    scenario: Scenario,
    clock: VirtualClock,
    private readonly recorder: LatencyRecorder | null,
    callId: string,
    onEnd?: (result: CallResult) => void,
  ) {
    this.pbx = new SimulatedPbx(scenario, clock);
    // The engine's timers are timed where they fire.
    const timedClock: Clock = {
      now: () => clock.now(),
      setTimer: (at, callback) => clock.setTimer(at, () => this.timed(KIND_INDEX.get('timer')!, callback)),
      clearTimer: (handle) => clock.clearTimer(handle),
    };
    this.session = createCallSession(compiled, {
      call: { callId, from: scenario.call.from, to: scenario.call.to, startedAt: clock.now() },
      clock: timedClock,
      directory: this.pbx,
      onCommand: (command) => this.outbox.push(command),
      ...(onEnd ? { onEnd } : {}),
    });
    this.pbx.connect((event) => this.deliver(event));
    this.pbx.start();
    this.deliver({ type: 'call.started' });
  }

  /** Runs one decision of the engine, timed, then has the PBX execute the commands it produced. */
  private timed(kind: number, decide: () => void): void {
    if (this.recorder === null) {
      decide();
    } else {
      const start = performance.now();
      decide();
      const micros = (performance.now() - start) * 1000;
      this.recorder.add(kind, micros);
    }
    const commands = this.outbox.splice(0);
    for (const command of commands) this.pbx.execute(command);
  }

  private deliver(event: EngineEvent): void {
    if (this.session.ended) return;
    this.timed(KIND_INDEX.get(event.type)!, () => this.session.send(event));
  }
}

/** A kind of call to place: which flow, and the scenario that plays the PBX (its `at` is ignored). */
export interface CallTemplate {
  readonly flow: FlowDocument;
  readonly scenario: ScenarioInput;
}

/** What a driven run did. */
export interface DrivenRun {
  readonly calls: number;
  readonly ended: number;
  readonly maxConcurrent: number;
}

/**
 * Places `calls` calls, one every `gapSeconds` of virtual time from `startAt`, cycling through
 * `templates`, all on one clock, so that calls overlap as they do on a host; runs the clock until
 * every call is over. Records each decision's duration in `recorder` (null: runs untimed, to warm up).
 */
export function driveCalls(
  templates: readonly CallTemplate[],
  options: {
    calls: number;
    gapSeconds: number;
    startAt: number;
    recorder: LatencyRecorder | null;
    /** Receives each call's record, with the call's index. */
    onEnd?: (result: CallResult, index: number) => void;
  },
): DrivenRun {
  const prepared = templates.map((template) => {
    const parsed = parseScenario(template.scenario);
    if (!parsed.ok) throw new Error(`bench scenario is invalid: ${parsed.issues[0]?.message}`);
    return { compiled: compileFlow(template.flow), scenario: parsed.scenario };
  });
  const clock = new VirtualClock(options.startAt);
  const live = new Set<DrivenCall>();
  let ended = 0;
  let maxConcurrent = 0;
  // Each arrival schedules the next one, so that the clock holds only what live calls wait for.
  const arrive = (i: number) => {
    const { compiled, scenario } = prepared[i % prepared.length]!;
    const onEnd = options.onEnd;
    const driven = new DrivenCall(
      compiled,
      scenario,
      clock,
      options.recorder,
      `call-${i}`,
      onEnd ? (result) => onEnd(result, i) : undefined,
    );
    live.add(driven);
    // Finished calls leave the host; the set holds the live ones.
    for (const call of live) {
      if (call.session.ended) {
        live.delete(call);
        ended++;
      }
    }
    maxConcurrent = Math.max(maxConcurrent, live.size);
    if (i + 1 < options.calls)
      clock.schedule(options.startAt + (i + 1) * options.gapSeconds * 1000, () => arrive(i + 1));
  };
  clock.schedule(options.startAt, () => arrive(0));
  const horizon = options.startAt + (options.calls * options.gapSeconds + 86_400) * 1000;
  while (clock.step(horizon)) {
    // One due callback at a time: a call arriving, a PBX event, or an engine timer.
  }
  for (const call of live) if (call.session.ended) ended++;
  return { calls: options.calls, ended, maxConcurrent };
}
