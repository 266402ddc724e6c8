import { join } from 'node:path';
import {
  compileFlow,
  createCallSession,
  type CallInfo,
  type CallResult,
  type CallSession,
  type Clock,
  type CompiledFlow,
  type EngineCommand,
  type EngineEvent,
} from '@ringflow/flow-core';
import type {
  AdapterCall,
  AdapterCommands,
  AdapterHost,
  AgentDirectoryPort,
  CallAdapter,
  IncomingCall,
} from '../adapter/adapter.js';
import {
  CALL_RECORD_FORMAT,
  type AdapterErrorRecord,
  type CallRecord,
  type TerminationReason,
} from '../records/call-record.js';
import { createJsonLinesRecordSink } from '../records/json-lines-sink.js';
import type { RecordSink } from '../records/sink.js';
import { realTimeClock } from './clock.js';
import { COMMAND_FAILURES, type CommandFailureAnswer } from './command-failures.js';
import { createJsonLogger, type LogLevel, type RuntimeLogger } from './logger.js';
import type { FlowSource, PublishedFlow } from './flow-source.js';

/** What {@link createRuntime} needs. */
export interface RuntimeOptions {
  /** Which flow answers a number, and its published version. */
  readonly store: FlowSource;
  /** The PBX. */
  readonly adapter: CallAdapter;
  /** Agent presences; default the adapter's own `directory` (one of the two is required). */
  readonly directory?: AgentDirectoryPort;
  /** Where call records go; default JSON Lines files in `./records` (see createJsonLinesRecordSink). */
  readonly records?: RecordSink;
  /** Where log lines go; default one JSON object per line on stdout. */
  readonly logger?: RuntimeLogger;
  /** A command that has not settled after this long (runtime clock) has failed. Default 10 000 ms. */
  readonly commandTimeoutMs?: number;
  /** How many ended calls `callEnded` still answers for at once. Default 1000. */
  readonly rememberEndedCalls?: number;
}

/** Options of {@link Runtime.shutdown}. */
export interface ShutdownOptions {
  /**
   * How long calls in progress may go on (runtime clock); then they are hung up and recorded with
   * `terminated: { reason: 'shutdownTimeout' }`. Default 30 000 ms.
   */
  readonly timeoutMs?: number;
}

/** How a shutdown went: the calls recorded during it, by how they ended. */
export interface ShutdownReport {
  /** Calls that ended by themselves (the caller or the flow hung up) before the timeout. */
  readonly ended: number;
  /** Calls still in progress when the timeout ran out, hung up by the runtime. */
  readonly hungUp: number;
  /** Calls that arrived during the shutdown, refused. */
  readonly refused: number;
}

/** Where a runtime is in its life. */
export type RuntimeState = 'created' | 'running' | 'shuttingDown' | 'stopped';

/** A runtime host: calls in, one engine session per call, commands out to the adapter, records. */
export interface Runtime {
  /** Starts the adapter: from then on, the calls it reports are taken. */
  start(): Promise<void>;
  /**
   * Stops taking calls (new ones are refused and recorded), lets calls in progress end up to the
   * timeout, hangs up the rest, flushes and closes the record sink, and stops the adapter. Calling
   * it again returns the same promise.
   */
  shutdown(options?: ShutdownOptions): Promise<ShutdownReport>;
  /**
   * The record of a call, once it is written to the sink: at once for a call that ended recently
   * (see `rememberEndedCalls`), else when it ends. Rejects when the runtime stops first.
   */
  callEnded(callId: string): Promise<CallRecord>;
  /** Calls taken and not yet recorded. */
  readonly activeCalls: number;
  readonly state: RuntimeState;
}

/** One call, from its arrival to its record. */
interface CallEntry {
  readonly info: CallInfo;
  phase: 'routing' | 'running' | 'ending';
  session: CallSession | null;
  /** Events reported while the call was being routed, delivered once its session exists. */
  buffered: EngineEvent[];
  /** The call's commands, executed one after the other. */
  queue: Promise<void>;
  flowId: string | null;
  flowVersion: string | number | null;
  readonly adapterErrors: AdapterErrorRecord[];
  terminated: { reason: TerminationReason; message?: string } | null;
  /** The runtime has hung the call up itself (failure or shutdown): not twice. */
  hungUpByRuntime: boolean;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;
const COMPILED_CACHE_SIZE = 32;

const iso = (ms: number) => new Date(ms).toISOString();
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The runtime host. It takes each call the adapter reports, finds the flow published for the number
 * dialed, runs one engine session per call on the version published when the call arrived,
 * executes the session's commands through the adapter and feeds the adapter's events back, and
 * writes one record per call. A call's failures (a command that throws, a flow that does not
 * compile, a store that fails) end that call with its record and touch no other.
 *
 * @example
 * import { createMemoryFlowSource, createRuntime } from '@ringflow/flow-runtime-adapters';
 * import { createMemoryAdapter } from '@ringflow/flow-runtime-adapters/memory';
 *
 * const store = createMemoryFlowSource();
 * store.publish(flow);
 * store.route('+33180000000', flow.id);
 * const adapter = createMemoryAdapter({ clock: 'virtual' });
 * const runtime = createRuntime({ store, adapter, records: createJsonLinesRecordSink({ dir: 'records' }) });
 * await runtime.start();
 * const { callId } = await adapter.placeCall(scenario);
 * const record = await runtime.callEnded(callId);
 * await runtime.shutdown();
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { store, adapter } = options;
  const directory = options.directory ?? adapter.directory;
  if (directory === undefined) {
    throw new TypeError(
      `createRuntime: no agent directory: pass \`directory\`, or use an adapter that gives one (adapter "${adapter.name}" does not)`,
    );
  }
  const clock: Clock = adapter.clock ?? realTimeClock;
  const records = options.records ?? createJsonLinesRecordSink({ dir: join(process.cwd(), 'records') });
  const logger = options.logger ?? createJsonLogger(process.stdout);
  const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const remember = options.rememberEndedCalls ?? 1000;

  const calls = new Map<string, CallEntry>();
  const ended = new Map<string, CallRecord>();
  const waiters = new Map<string, Array<{ resolve: (r: CallRecord) => void; reject: (e: Error) => void }>>();
  const idleWaiters: Array<() => void> = [];
  const compiledCache = new Map<string, CompiledFlow>();
  let state: RuntimeState = 'created';
  let shutdownPromise: Promise<ShutdownReport> | null = null;
  const shutdownCounts = { ended: 0, hungUp: 0, refused: 0 };

  const log = (level: LogLevel, event: string, fields: Record<string, unknown> = {}) => {
    try {
      logger({ time: iso(clock.now()), level, event, ...fields });
    } catch {
      // A logger that fails must not take a call down with it.
    }
  };

  /** The compiled flow of a version, compiled once per (flow id, version). Throws for an invalid flow. */
  const compiledOf = (flowId: string, published: PublishedFlow): CompiledFlow => {
    const key = JSON.stringify([flowId, published.version]);
    const cached = compiledCache.get(key);
    if (cached !== undefined) return cached;
    const compiled = compileFlow(published.flow);
    compiledCache.set(key, compiled);
    if (compiledCache.size > COMPILED_CACHE_SIZE) compiledCache.delete(compiledCache.keys().next().value!);
    return compiled;
  };

  /** Settles with the promise, or rejects once `ms` have passed on the runtime clock. */
  const withTimeout = (promise: Promise<void>, ms: number, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = clock.setTimer(clock.now() + ms, () =>
        reject(new Error(`${what} did not settle within ${ms} ms`)),
      );
      promise.then(
        () => {
          clock.clearTimer(timer);
          resolve();
        },
        (error: unknown) => {
          clock.clearTimer(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });

  /** Calls the adapter's handler of the command; a handler that throws at once rejects instead. */
  const runHandler = async (call: AdapterCall, command: EngineCommand): Promise<void> => {
    const handler = (adapter.commands as Partial<AdapterCommands>)[command.type] as
      ((call: AdapterCall, command: EngineCommand) => Promise<void>) | undefined;
    if (typeof handler !== 'function')
      throw new TypeError(`adapter "${adapter.name}" has no "${command.type}" handler`);
    await handler(call, command);
  };

  const deliver = (entry: CallEntry, event: EngineEvent) => {
    const session = entry.session;
    if (session === null || session.ended) return;
    log('info', 'call.event', { callId: entry.info.callId, engineEvent: event });
    try {
      session.send(event);
    } catch (error) {
      // The session handles its own failures; this would be a bug of the host.
      log('error', 'call.sendFailed', { callId: entry.info.callId, message: messageOf(error) });
    }
  };

  const execute = async (entry: CallEntry, command: EngineCommand): Promise<void> => {
    try {
      await withTimeout(runHandler(entry.info, command), commandTimeoutMs, `command "${command.type}"`);
    } catch (error) {
      commandFailed(entry, command, error);
    }
  };

  /** Chains a step after the call's previous ones; a step that throws is logged, never unhandled. */
  const chain = (entry: CallEntry, step: () => Promise<void>) => {
    entry.queue = entry.queue.then(step).catch((error: unknown) => {
      log('error', 'runtime.bug', { callId: entry.info.callId, message: messageOf(error) });
    });
  };

  const enqueue = (entry: CallEntry, command: EngineCommand) => {
    log('info', 'call.command', { callId: entry.info.callId, command });
    chain(entry, () => execute(entry, command));
  };

  /** Hangs the caller up from the runtime (a failure, the shutdown), then lets the session end. */
  const hangUpByRuntime = (entry: CallEntry, reason: TerminationReason, message?: string) => {
    if (entry.hungUpByRuntime || entry.session === null || entry.session.ended) return;
    entry.hungUpByRuntime = true;
    entry.terminated = message === undefined ? { reason } : { reason, message };
    log('warn', 'call.terminated', { callId: entry.info.callId, reason, ...(message ? { message } : {}) });
    enqueue(entry, { type: 'hangup', cause: 'normal' });
    // For the engine the line is gone: it cancels what still rings and closes the record.
    deliver(entry, { type: 'call.hungup' });
  };

  const commandFailed = (entry: CallEntry, command: EngineCommand, error: unknown) => {
    const message = messageOf(error);
    entry.adapterErrors.push({ at: iso(clock.now()), command: command.type, message });
    log('warn', 'call.commandFailed', { callId: entry.info.callId, command: command.type, message });
    const answer = (COMMAND_FAILURES[command.type] as (c: EngineCommand) => CommandFailureAnswer)(command);
    if (answer === 'endCall') hangUpByRuntime(entry, 'adapterFailed', `${command.type}: ${message}`);
    else for (const event of answer) deliver(entry, event);
  };

  const buildRecord = (entry: CallEntry, result: CallResult): CallRecord => ({
    format: CALL_RECORD_FORMAT,
    callId: entry.info.callId,
    from: entry.info.from,
    to: entry.info.to,
    flowId: entry.flowId,
    flowVersion: entry.flowVersion,
    ...result,
    ...(entry.terminated !== null ? { terminated: entry.terminated } : {}),
    ...(entry.adapterErrors.length > 0 ? { adapterErrors: entry.adapterErrors } : {}),
  });

  /** Writes the record once the call's last commands have been executed (their failures included). */
  const complete = (entry: CallEntry, result: CallResult) => {
    entry.phase = 'ending';
    const { callId } = entry.info;
    chain(entry, async () => {
      const record = buildRecord(entry, result);
      try {
        await adapter.callEnded?.(entry.info);
      } catch (error) {
        log('warn', 'call.releaseFailed', { callId, message: messageOf(error) });
      }
      log('info', 'call.ended', {
        callId,
        outcome: record.outcome,
        answeredBy: record.answeredBy,
        durationSeconds: record.durationSeconds,
        ...(record.terminated ? { terminated: record.terminated.reason } : {}),
      });
      try {
        await records.write(record);
        log('info', 'record.written', { callId });
      } catch (error) {
        // The record is not lost: it is in the log line.
        log('error', 'record.failed', { callId, message: messageOf(error), record });
      }
      if (state === 'shuttingDown') {
        const reason = record.terminated?.reason;
        if (reason === 'shutdownTimeout') shutdownCounts.hungUp += 1;
        else if (reason === 'shuttingDown') shutdownCounts.refused += 1;
        else shutdownCounts.ended += 1;
      }
      calls.delete(callId);
      ended.set(callId, record);
      if (ended.size > remember) ended.delete(ended.keys().next().value!);
      for (const waiter of waiters.get(callId) ?? []) waiter.resolve(record);
      waiters.delete(callId);
      if (calls.size === 0) for (const wake of idleWaiters.splice(0)) wake();
    });
  };

  /** Refuses a call before any flow runs it: the adapter hangs it up, and it gets its record. */
  const refuse = (entry: CallEntry, reason: TerminationReason, message?: string) => {
    if (entry.phase !== 'routing') return;
    entry.terminated = message === undefined ? { reason } : { reason, message };
    log('warn', 'call.refused', { callId: entry.info.callId, reason, ...(message ? { message } : {}) });
    entry.phase = 'ending';
    enqueue(entry, { type: 'hangup', cause: 'rejected' });
    const start = entry.info.startedAt;
    const now = Math.max(clock.now(), start);
    complete(entry, {
      outcome: 'rejected',
      answeredBy: null,
      missedReason: 'rejected',
      startedAt: iso(start),
      endedAt: iso(now),
      waitSeconds: Math.round((now - start) / 1000),
      durationSeconds: Math.round((now - start) / 1000),
      path: [],
      legs: [],
      polls: [],
      events: [
        { at: iso(start), type: 'call.started', from: entry.info.from, to: entry.info.to },
        { at: iso(now), type: 'call.refused', reason },
        { at: iso(now), type: 'call.ended', outcome: 'rejected' },
      ],
    });
  };

  /** Routes a call and starts its session; every failure refuses the call instead. */
  const route = async (entry: CallEntry) => {
    const { to } = entry.info;
    let flowId: string | undefined;
    let published: PublishedFlow | undefined;
    try {
      flowId = await store.routeNumber(to);
      if (entry.phase !== 'routing') return;
      if (typeof flowId !== 'string' || flowId === '')
        return refuse(entry, 'noRoute', `no flow answers ${to}`);
      published = await store.getPublished(flowId);
      if (entry.phase !== 'routing') return;
      if (published === undefined || published === null)
        return refuse(entry, 'notPublished', `flow "${flowId}" has no published version`);
    } catch (error) {
      return refuse(entry, 'storeFailed', messageOf(error));
    }
    entry.flowId = flowId;
    entry.flowVersion = published.version;
    try {
      const compiled = compiledOf(flowId, published);
      entry.session = createCallSession(compiled, {
        call: entry.info,
        clock,
        directory: { presence: (agentId, at) => directory.presence(agentId, at, entry.info) },
        onCommand: (command) => enqueue(entry, command),
        onEnd: (result) => complete(entry, result),
      });
    } catch (error) {
      return refuse(entry, 'invalidFlow', messageOf(error));
    }
    entry.phase = 'running';
    log('info', 'call.routed', { callId: entry.info.callId, flowId, flowVersion: published.version });
    deliver(entry, { type: 'call.started' });
    const buffered = entry.buffered;
    entry.buffered = [];
    for (const event of buffered) deliver(entry, event);
  };

  const host: AdapterHost = {
    async callArrived(incoming: IncomingCall) {
      try {
        if (
          typeof incoming !== 'object' ||
          incoming === null ||
          typeof incoming.callId !== 'string' ||
          incoming.callId === '' ||
          typeof incoming.to !== 'string'
        ) {
          log('error', 'call.invalid', { message: 'callArrived needs a callId and a to', call: incoming });
          return;
        }
        const { callId } = incoming;
        if (calls.has(callId) || ended.has(callId)) {
          log('warn', 'call.duplicate', { callId });
          return;
        }
        const entry: CallEntry = {
          info: {
            callId,
            from: incoming.from ?? null,
            to: incoming.to,
            startedAt: incoming.startedAt ?? clock.now(),
          },
          phase: 'routing',
          session: null,
          buffered: [],
          queue: Promise.resolve(),
          flowId: null,
          flowVersion: null,
          adapterErrors: [],
          terminated: null,
          hungUpByRuntime: false,
        };
        calls.set(callId, entry);
        log('info', 'call.arrived', { callId, from: entry.info.from, to: entry.info.to });
        if (state !== 'running') refuse(entry, 'shuttingDown', 'the runtime is shutting down');
        else await route(entry);
      } catch (error) {
        log('error', 'runtime.bug', { callId: incoming?.callId, message: messageOf(error) });
      }
    },
    callEvent(callId, event) {
      try {
        const entry = calls.get(callId);
        if (entry === undefined) {
          // Late events of a call that just ended are normal on a real PBX.
          if (!ended.has(callId)) log('warn', 'call.unknown', { callId, engineEvent: event });
          return;
        }
        // The runtime sends call.started itself when the call arrives.
        if (typeof event !== 'object' || event === null || event.type === 'call.started') return;
        if (entry.phase === 'routing') entry.buffered.push(event);
        else deliver(entry, event);
      } catch (error) {
        log('error', 'runtime.bug', { callId, message: messageOf(error) });
      }
    },
  };

  const whenIdle = () =>
    calls.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));

  const stop = async (timeoutMs: number): Promise<ShutdownReport> => {
    state = 'shuttingDown';
    log('info', 'runtime.shuttingDown', { activeCalls: calls.size, timeoutMs });
    let timer: unknown;
    const timedOut = await Promise.race([
      whenIdle().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = clock.setTimer(clock.now() + timeoutMs, () => resolve(true));
      }),
    ]);
    clock.clearTimer(timer);
    if (timedOut) {
      log('warn', 'runtime.shutdownTimeout', { activeCalls: calls.size });
      for (const entry of calls.values()) {
        if (entry.phase === 'routing') refuse(entry, 'shutdownTimeout', 'still being routed');
        else if (entry.phase === 'running') hangUpByRuntime(entry, 'shutdownTimeout');
      }
    }
    await whenIdle();
    try {
      await adapter.stop();
    } catch (error) {
      log('error', 'adapter.stopFailed', { message: messageOf(error) });
    }
    // Calls the adapter reported while it was stopping were refused: their records too.
    await whenIdle();
    try {
      await records.close();
    } catch (error) {
      log('error', 'record.closeFailed', { message: messageOf(error) });
    }
    state = 'stopped';
    for (const [callId, list] of waiters) {
      for (const waiter of list) waiter.reject(new Error(`runtime stopped before call "${callId}" ended`));
    }
    waiters.clear();
    const report = { ...shutdownCounts };
    log('info', 'runtime.stopped', report);
    return report;
  };

  return {
    async start() {
      if (state !== 'created') throw new Error(`runtime: start() when ${state}`);
      state = 'running';
      try {
        await adapter.start(host);
      } catch (error) {
        state = 'stopped';
        log('error', 'runtime.startFailed', { adapter: adapter.name, message: messageOf(error) });
        throw error;
      }
      log('info', 'runtime.started', { adapter: adapter.name });
    },
    shutdown(shutdownOptions = {}) {
      shutdownPromise ??= stop(shutdownOptions.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
      return shutdownPromise;
    },
    callEnded(callId) {
      const record = ended.get(callId);
      if (record !== undefined) return Promise.resolve(record);
      if (state === 'stopped')
        return Promise.reject(new Error(`runtime stopped; call "${callId}" is unknown`));
      return new Promise((resolve, reject) => {
        if (!waiters.has(callId)) waiters.set(callId, []);
        waiters.get(callId)!.push({ resolve, reject });
      });
    },
    get activeCalls() {
      return calls.size;
    },
    get state() {
      return state;
    },
  };
}
