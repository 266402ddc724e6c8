/**
 * Embedding the ringflow engine in an application: one call of the Onoff "Greeting" example flow,
 * run by a tiny fake PBX in virtual time. It prints every command the engine gives, every event the
 * PBX reports, a restart of the host in the middle of the conversation, and the call record.
 *
 * Run it from the root of the repository, after `npm install` (which builds the packages):
 *
 *   npx tsx examples/embedding/run-a-call.ts
 *
 * See docs/engine.md for a walk through it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compileFlow,
  createCallSession,
  parseFlowText,
  VirtualClock,
  type AgentDirectory,
  type AgentPresence,
  type CallResult,
  type CallSessionOptions,
  type EngineCommand,
  type EngineEvent,
  type SessionSnapshot,
} from '@ringflow/flow-core';

/** Who is at their desk right now. Léa and Hugo are; Inès is not connected. */
const PRESENCE: Readonly<Record<string, AgentPresence>> = { lea: 'available', hugo: 'available' };

/** The agent directory port: the engine asks it, at each decision, whether an agent can be rung. */
const directory: AgentDirectory = {
  presence: (agentId) => PRESENCE[agentId] ?? 'offline',
};

/**
 * A phone system in a few lines: it executes the engine's commands by reporting, later in virtual
 * time, what a real PBX would report. Every sound lasts 3 s; Hugo picks up after 4 s of ringing and
 * talks for 30 s; nobody else ever picks up; the caller never types a key.
 */
class FakePbx {
  private send: (event: EngineEvent) => void = () => {};
  /** What is scheduled per leg or playback, to call it off when the engine cancels it. */
  private readonly scheduled = new Map<string, unknown[]>();

  constructor(private readonly clock: VirtualClock) {}

  /** Where the PBX's events go: the session, or the session that resumed it after a restart. */
  connect(send: (event: EngineEvent) => void): void {
    this.send = send;
  }

  /** Reports `event` in `seconds`, after the engine's own timers due at the same instant. */
  private later(seconds: number, event: EngineEvent, key: string): void {
    const handle = this.clock.schedule(this.clock.now() + seconds * 1000, () => this.send(event));
    this.scheduled.set(key, [...(this.scheduled.get(key) ?? []), handle]);
  }

  private playbackEnds(playbackId: string, seconds: number): void {
    this.later(seconds, { type: 'playback.finished', playbackId }, playbackId);
  }

  private callOff(key: string): void {
    for (const handle of this.scheduled.get(key) ?? []) this.clock.clearTimer(handle);
    this.scheduled.delete(key);
  }

  execute(command: EngineCommand): void {
    switch (command.type) {
      case 'answer':
      case 'hangup':
      case 'collectDigits':
      case 'forward':
      case 'startRecording':
      case 'stopRecording':
        // Done at once, and nothing to report back in this story.
        return;
      case 'play':
        return this.playbackEnds(command.playbackId, 3);
      case 'stopPlayback':
        this.callOff(command.playbackId);
        return this.playbackEnds(command.playbackId, 0);
      case 'ring':
        for (const leg of command.legs) {
          this.later(0, { type: 'leg.ringing', legId: leg.legId }, leg.legId);
          if (leg.target.kind === 'agent' && leg.target.agent === 'hugo')
            this.later(4, { type: 'leg.answered', legId: leg.legId }, leg.legId);
        }
        return;
      case 'cancelLegs':
        for (const legId of command.legIds) this.callOff(legId);
        return;
      case 'bridge':
        return this.later(30, { type: 'bridge.ended', legId: command.legId }, command.legId);
      case 'recordVoicemail':
        return this.later(
          10,
          { type: 'voicemail.recorded', recordingId: command.recordingId, seconds: 10 },
          command.recordingId,
        );
      default: {
        // The compiler lists here any command this PBX forgot.
        const forgotten: never = command;
        throw new TypeError(`unknown command ${JSON.stringify(forgotten)}`);
      }
    }
  }
}

/** `+0:08`: time since the start of the call. */
function offset(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `+${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** JSON on one line, long texts cut, so that each command or event fits a terminal line. */
function oneLine(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' && v.length > 40 ? `${v.slice(0, 39)}…` : v,
  );
}

/** The call record as JSON, one line per field and per item of its lists. */
function recordLines(result: CallResult): string[] {
  const entries = Object.entries(result);
  return [
    '{',
    ...entries.flatMap(([key, value], index) => {
      const comma = index < entries.length - 1 ? ',' : '';
      const flat = !Array.isArray(value) || value.every((item) => typeof item !== 'object' || item === null);
      if (flat) return [`  "${key}": ${JSON.stringify(value)}${comma}`];
      return [
        `  "${key}": [`,
        ...value.map((item, i) => `    ${JSON.stringify(item)}${i < value.length - 1 ? ',' : ''}`),
        `  ]${comma}`,
      ];
    }),
    '}',
  ];
}

/**
 * Runs the call and returns its record. `print` receives each line of the story (the console when
 * the file is run as a script).
 */
export function runCall(print: (line: string) => void = console.log): CallResult {
  // 1. Load and compile the flow, once per version of the flow (compileFlow caches per object).
  const text = readFileSync(new URL('../onoff-greeting/flow.json', import.meta.url), 'utf8');
  const parsed = parseFlowText(text);
  if (!parsed.ok) throw new TypeError(`flow.json: ${parsed.issues[0]!.message}`);
  const compiled = compileFlow(parsed.flow);

  // 2. A clock and a PBX. Tuesday 24 November 2026 at 10:00 in Paris: the agency is open.
  const startedAt = Date.parse('2026-11-24T10:00:00+01:00');
  const clock = new VirtualClock(startedAt);
  const pbx = new FakePbx(clock);
  const at = () => offset(clock.now() - startedAt);
  let bridged = false;

  // 3. A session for the call: commands out to the PBX, the record at the end.
  const options: CallSessionOptions = {
    call: { callId: 'call-1', from: '+33612345678', to: '+33556000000', startedAt },
    clock,
    directory,
    onCommand: (command) => {
      print(`${at()}  engine -> pbx  ${oneLine(command)}`);
      if (command.type === 'bridge') bridged = true;
      pbx.execute(command);
    },
    onEnd: (result) => print(`${at()}  call ended: ${result.outcome}`),
  };
  let session = createCallSession(compiled, options);

  // 4. Events in from the PBX. The call starts when the host says so.
  const deliver = (event: EngineEvent) => {
    print(`${at()}  pbx -> engine  ${oneLine(event)}`);
    session.send(event);
  };
  pbx.connect(deliver);
  deliver({ type: 'call.started' });

  // 5. Virtual time runs from one scheduled thing to the next until the call ends.
  let restarted = false;
  while (!session.ended && clock.step(Number.POSITIVE_INFINITY)) {
    if (bridged && !restarted) {
      // The host restarts during the conversation: it saves the session as JSON (to a database, a
      // file...), stops it, and a new process resumes the call from that JSON. The PBX keeps the call.
      const saved = JSON.stringify(session.snapshot());
      session.dispose();
      session = createCallSession(compiled, { ...options, snapshot: JSON.parse(saved) as SessionSnapshot });
      restarted = true;
      print(`${at()}  host restarted: session saved as JSON, disposed, resumed from the JSON`);
    }
  }

  const result = session.result()!;
  for (const line of recordLines(result)) print(line);
  return result;
}

// Run as a script (not when a test imports runCall).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCall();
