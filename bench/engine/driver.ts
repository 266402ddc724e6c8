import {
  compileFlow,
  createCallSession,
  parseScenario,
  VirtualClock,
  type AgentDirectory,
  type AgentPresence,
  type CallResult,
  type CallSession,
  type Clock,
  type CompiledFlow,
  type EngineCommand,
  type EngineEvent,
  type FlowDocument,
  type RingLeg,
  type Scenario,
  type ScenarioInput,
} from '@ringflow/flow-core';

/*
 * Drives many live call sessions on one shared virtual clock, as a host process would, and times
 * every decision of the engine on its own: each `session.send(event)` and each engine timer that
 * fires. A small PBX, played by each call's scenario with the simulator's rules (prompts last
 * ceil(words / 2.5) s, the caller types 1 s after being asked, an available agent answers after
 * 5 s...), turns the engine's commands into the events a real PBX would report.
 *
 * Commands are only collected while a decision is timed, and executed after it: a real adapter
 * hands them to a socket, and the cost of this stand-in PBX is not the engine's.
 */

/** Event kinds, as recorded with each sample. */
export const EVENT_KINDS = [
  'call.started',
  'call.hungup',
  'playback.finished',
  'dtmf',
  'leg.ringing',
  'leg.answered',
  'leg.failed',
  'bridge.ended',
  'voicemail.recorded',
  'timer',
] as const;
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

/** How long a text takes to say, as the simulator reckons it. */
function ttsSeconds(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / 2.5));
}

type Handle = ReturnType<VirtualClock['schedule']>;

/** One call: its session, and the PBX side of it played by the scenario. */
class DrivenCall implements AgentDirectory {
  readonly session: CallSession;
  private readonly outbox: EngineCommand[] = [];
  private readonly pending = new Map<string, Handle[]>();
  private readonly legTargets = new Map<string, RingLeg['target']>();
  private readonly bridged = new Set<string>();
  private inputIndex = 0;
  private over = false;

  constructor(
    compiled: CompiledFlow,
    private readonly scenario: Scenario,
    private readonly clock: VirtualClock,
    private readonly recorder: LatencyRecorder | null,
    callId: string,
    onEnd?: (result: CallResult) => void,
  ) {
    // The engine's timers are timed where they fire.
    const timedClock: Clock = {
      now: () => clock.now(),
      setTimer: (at, callback) =>
        clock.setTimer(at, () => {
          this.timed(KIND_INDEX.get('timer')!, callback);
        }),
      clearTimer: (handle) => clock.clearTimer(handle),
    };
    this.session = createCallSession(compiled, {
      call: { callId, from: scenario.call.from, to: scenario.call.to, startedAt: clock.now() },
      clock: timedClock,
      directory: this,
      onCommand: (command) => this.outbox.push(command),
      ...(onEnd ? { onEnd } : {}),
    });
    const hangup = scenario.caller.hangupAfterSeconds;
    if (hangup !== undefined) this.later(hangup, { type: 'call.hungup' });
    this.deliver({ type: 'call.started' });
  }

  presence(agentId: string): AgentPresence {
    if (this.bridged.has(agentId)) return 'inCall';
    return this.scenario.agents[agentId]?.status ?? 'offline';
  }

  /** Runs one decision of the engine, timed, then executes the commands it produced. */
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
    for (const command of commands) this.execute(command);
  }

  private deliver(event: EngineEvent): void {
    if (this.session.ended) return;
    this.timed(KIND_INDEX.get(event.type)!, () => this.session.send(event));
  }

  private later(seconds: number, event: EngineEvent, key?: string): void {
    const handle = this.clock.schedule(this.clock.now() + seconds * 1000, () => {
      if (this.over) return;
      if (event.type === 'bridge.ended') {
        const target = this.legTargets.get(event.legId);
        if (target?.kind === 'agent') this.bridged.delete(target.agent);
      }
      if (event.type === 'call.hungup') this.over = true;
      this.deliver(event);
    });
    if (key !== undefined) {
      const list = this.pending.get(key);
      if (list) list.push(handle);
      else this.pending.set(key, [handle]);
    }
  }

  private callOff(key: string): void {
    // What happens at this very instant already crossed the engine's decision: it still arrives.
    for (const handle of this.pending.get(key) ?? [])
      if (handle.at > this.clock.now()) this.clock.clearTimer(handle);
    this.pending.delete(key);
  }

  private ringLeg(leg: RingLeg): void {
    const target = leg.target;
    this.legTargets.set(leg.legId, target);
    const behaviour =
      target.kind === 'agent' ? this.scenario.agents[target.agent] : this.scenario.numbers[target.number];
    this.later(0, { type: 'leg.ringing', legId: leg.legId }, leg.legId);
    if (target.kind === 'agent') {
      const presence = this.presence(target.agent);
      if (presence === 'offline')
        return this.later(0, { type: 'leg.failed', legId: leg.legId, reason: 'unreachable' }, leg.legId);
      if (presence === 'inCall' || presence === 'snooze')
        return this.later(0, { type: 'leg.failed', legId: leg.legId, reason: 'busy' }, leg.legId);
    } else if (this.scenario.numbers[target.number]?.busy) {
      return this.later(0, { type: 'leg.failed', legId: leg.legId, reason: 'busy' }, leg.legId);
    }
    if (behaviour?.reject) {
      return this.later(
        behaviour.rejectAfterSeconds ?? 2,
        { type: 'leg.failed', legId: leg.legId, reason: 'rejected' },
        leg.legId,
      );
    }
    if (behaviour === undefined || behaviour.answer === 'never') return;
    const after = behaviour.answerAfterSeconds ?? (target.kind === 'agent' ? 5 : undefined);
    if (after !== undefined) this.later(after, { type: 'leg.answered', legId: leg.legId }, leg.legId);
  }

  private execute(command: EngineCommand): void {
    switch (command.type) {
      case 'play': {
        const { sound } = command;
        const seconds =
          sound.kind === 'tts' ? ttsSeconds(sound.text) : (this.scenario.soundSeconds[sound.file] ?? 10);
        this.later(
          seconds,
          { type: 'playback.finished', playbackId: command.playbackId },
          command.playbackId,
        );
        break;
      }
      case 'stopPlayback':
        this.callOff(command.playbackId);
        this.later(0, { type: 'playback.finished', playbackId: command.playbackId });
        break;
      case 'collectDigits': {
        const input = this.scenario.caller.inputs[this.inputIndex++] ?? null;
        if (input === null) break;
        const typing = Math.min(1, command.timeoutSeconds / 2);
        [...input].forEach((digit, i) => this.later(typing * (i + 1), { type: 'dtmf', digit }));
        break;
      }
      case 'ring':
        for (const leg of command.legs) this.ringLeg(leg);
        break;
      case 'forward':
        this.ringLeg(command.leg);
        break;
      case 'cancelLegs':
        for (const legId of command.legIds) this.callOff(legId);
        break;
      case 'bridge': {
        const target = this.legTargets.get(command.legId);
        if (target?.kind === 'agent') this.bridged.add(target.agent);
        this.later(this.scenario.talkSeconds, { type: 'bridge.ended', legId: command.legId });
        break;
      }
      case 'recordVoicemail': {
        const seconds = Math.min(command.maxSeconds, this.scenario.caller.messageSeconds);
        const file = `voicemail/${command.mailbox}/${command.recordingId}.wav`;
        this.later(seconds, { type: 'voicemail.recorded', recordingId: command.recordingId, seconds, file });
        break;
      }
      case 'hangup':
        this.over = true;
        break;
      case 'startRecording':
        if (this.scenario.caller.optOutOfRecording && command.optOutDigit !== null)
          this.later(1, { type: 'dtmf', digit: command.optOutDigit });
        break;
      case 'answer':
      case 'stopRecording':
        break;
    }
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
