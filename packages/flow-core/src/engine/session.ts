import { createActor, type Snapshot } from 'xstate';
import type { CompiledFlow } from './compile.js';
import { closeCall, environments } from './machine.js';
import { buildResult } from './result.js';
import { initialSessionState, type SessionState } from './state.js';
import {
  ENGINE_EVENT_TYPES,
  type AgentDirectory,
  type CallInfo,
  type CallResult,
  type Clock,
  type EngineCommand,
  type EngineEvent,
} from './types.js';

/** The JSON form of a session at one moment; `createCallSession({ snapshot })` resumes from it. */
export interface SessionSnapshot {
  readonly format: 'ringflow.session/v1';
  readonly flowId: string;
  readonly machine: unknown;
}

/** What a session needs from its host. */
export interface CallSessionOptions {
  readonly call: CallInfo;
  readonly clock: Clock;
  readonly directory: AgentDirectory;
  /** Receives each command, in order, as soon as the engine decides it. */
  readonly onCommand: (command: EngineCommand) => void;
  /** Called once, with the call record, when the call ends. */
  readonly onEnd?: (result: CallResult) => void;
  /** Resume from a snapshot instead of starting a new call. */
  readonly snapshot?: SessionSnapshot;
}

/** One call running on a compiled flow. */
export interface CallSession {
  readonly callId: string;
  /** Feeds an event from the PBX. Events after the end, and events of unknown types, are ignored. */
  send(event: EngineEvent): void;
  readonly ended: boolean;
  /** The call record, once the call has ended; null before. */
  result(): CallResult | null;
  /** The session as JSON, to persist and resume. */
  snapshot(): SessionSnapshot;
  /** Releases the session's timers without ending the call (the host is shutting down). */
  dispose(): void;
}

const KNOWN_EVENTS = new Set<string>(ENGINE_EVENT_TYPES);

/**
 * Runs one call on a compiled flow: events in, commands out, time from the injected clock. Start a
 * call by sending `call.started`.
 *
 * @example
 * const session = createCallSession(compileFlow(flow), {
 *   call: { callId: 'c1', from: '+33612345678', to: '+33180000000', startedAt: clock.now() },
 *   clock, directory, onCommand: (command) => pbx.execute(command),
 * });
 * session.send({ type: 'call.started' });
 */
export function createCallSession(compiled: CompiledFlow, options: CallSessionOptions): CallSession {
  const { clock, onCommand } = options;
  if (options.snapshot !== undefined && options.snapshot.flowId !== compiled.flow.id) {
    throw new TypeError(
      `createCallSession: the snapshot is of flow "${options.snapshot.flowId}", not "${compiled.flow.id}"`,
    );
  }
  const actor = options.snapshot
    ? createActor(compiled.machine, {
        snapshot: JSON.parse(JSON.stringify(options.snapshot.machine)) as Snapshot<unknown>,
        input: { state: initialSessionState(options.call) },
      })
    : createActor(compiled.machine, { input: { state: initialSessionState(options.call) } });
  environments.set(actor, { clock, directory: options.directory });
  // A step that throws (a bug, or a directory that fails) stops the actor; without an observer of
  // its errors xstate would rethrow them later as an uncaught exception. endOnError handles it.
  actor.subscribe({ error: () => {} });
  actor.start();

  const state = (): SessionState => actor.getSnapshot().context;
  const armed = new Map<string, { at: number; handle: unknown }>();
  const queue: Array<EngineEvent | { type: 'timer'; name: string }> = [];
  let busy = false;
  let result: CallResult | null = null;
  let disposed = false;

  // Timers live in the state (so snapshots keep them); the clock only holds what is armed now.
  const syncTimers = () => {
    const wanted = state().timers;
    for (const [name, timer] of armed) {
      if (disposed || wanted[name] !== timer.at) {
        clock.clearTimer(timer.handle);
        armed.delete(name);
      }
    }
    if (disposed) return;
    for (const [name, at] of Object.entries(wanted)) {
      if (armed.has(name)) continue;
      const handle = clock.setTimer(at, () => {
        armed.delete(name);
        if (state().timers[name] !== at) return;
        delete state().timers[name];
        dispatch({ type: 'timer', name });
      });
      armed.set(name, { at, handle });
    }
  };

  /**
   * A call is never left in silence because a step failed: what still rings is cancelled, the call
   * is hung up, and its record says why (`engine.error`).
   */
  const endOnError = (error: unknown) => {
    const s = state();
    const now = clock.now();
    // What the failed step had started to ask for is dropped; the call is then closed as any other.
    s.outbox = [];
    s.events.push({
      at: now,
      type: 'engine.error',
      ...(s.node !== null ? { node: s.node } : {}),
      message: error instanceof Error ? error.message : String(error),
    });
    closeCall(s, compiled.data, options.directory, now);
  };

  const flush = () => {
    const snapshot = actor.getSnapshot();
    if (snapshot.status === 'error' && result === null) endOnError(snapshot.error);
    const s = state();
    const commands = s.outbox;
    s.outbox = [];
    for (const command of commands) onCommand(command);
    syncTimers();
    if (s.ended !== null && result === null && (snapshot.status === 'done' || snapshot.status === 'error')) {
      result = buildResult(s);
      options.onEnd?.(result);
    }
  };

  // Events that arrive while a step runs (an adapter answering synchronously) wait their turn.
  function dispatch(event: EngineEvent | { type: 'timer'; name: string }): void {
    queue.push(event);
    if (busy) return;
    busy = true;
    try {
      while (queue.length > 0) {
        if (actor.getSnapshot().status !== 'active') {
          queue.length = 0;
          break;
        }
        actor.send(queue.shift()! as never);
        flush();
      }
    } finally {
      busy = false;
    }
  }

  // A session resumed from the snapshot of an ended call is ended, with its record (already reported).
  if (actor.getSnapshot().status === 'done' && state().ended !== null) result = buildResult(state());
  // A resumed session re-arms its timers; a timer whose time has passed fires at once.
  else syncTimers();

  return {
    callId: options.call.callId,
    send(event) {
      if (
        result !== null ||
        disposed ||
        typeof event !== 'object' ||
        event === null ||
        !KNOWN_EVENTS.has(event.type)
      )
        return;
      dispatch(event);
    },
    get ended() {
      return result !== null;
    },
    result: () => result,
    snapshot: () => ({
      format: 'ringflow.session/v1',
      flowId: compiled.flow.id,
      machine: JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as unknown,
    }),
    dispose() {
      disposed = true;
      syncTimers();
      actor.stop();
    },
  };
}
