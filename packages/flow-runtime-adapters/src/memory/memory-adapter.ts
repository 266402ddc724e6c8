import {
  parseScenario,
  SimulatedPbx,
  VirtualClock,
  type Clock,
  type EngineCommand,
  type Scenario,
  type ScenarioInput,
} from '@ringflow/flow-core';
import type {
  AdapterCall,
  AdapterCommands,
  AdapterHost,
  AgentDirectoryPort,
  CallAdapter,
  PlacedCall,
  ScenarioDriver,
} from '../adapter/adapter.js';
import { WallClockScheduler } from './wall-clock-scheduler.js';

/** Options of {@link createMemoryAdapter}. */
export interface MemoryAdapterOptions {
  /**
   * The time of the calls:
   * - `'virtual'` (default): virtual time that runs by itself, as fast as it can, whenever
   *   something is due: a call of an hour ends in microseconds;
   * - a `VirtualClock`: virtual time that moves only when you call `run()` (tests that stop time
   *   in the middle of calls);
   * - `'real'`: real time (a prompt of 3 s lasts 3 s), to try the runtime by hand.
   */
  readonly clock?: 'virtual' | 'real' | VirtualClock;
  /**
   * Where virtual time starts (epoch ms or ISO date) with `clock: 'virtual'`. Default: the `at` of
   * the first call placed.
   */
  readonly startAt?: number | string;
  /** The adapter's name in logs. Default `memory`. */
  readonly name?: string;
}

/** Options of {@link MemoryAdapter.placeCall}. */
export interface PlaceCallOptions {
  /** The call's id. Default `mem-1`, `mem-2`... */
  readonly callId?: string;
}

/**
 * A PBX in memory, played by scenarios: the adapter, its agent directory and its scenario driver in
 * one object.
 */
export interface MemoryAdapter extends CallAdapter, ScenarioDriver {
  readonly clock: Clock;
  /** The virtual clock, or null in real time. */
  readonly virtualClock: VirtualClock | null;
  /** Presences as each call's scenario sets them (an agent on a call of this PBX is `inCall`). */
  readonly directory: AgentDirectoryPort;
  /**
   * Places a call played by `scenario` (DESIGN 6): its agents and numbers answer, reject or let it
   * ring as scripted, its caller types the scenario's keys and hangs up when told. In virtual time
   * the call arrives at the scenario's `at` (at once when that time has passed); in real time, at
   * once. Resolves once the runtime has taken (or refused) the call. Rejects with a TypeError for
   * an invalid scenario.
   */
  placeCall(scenario: ScenarioInput, options?: PlaceCallOptions): Promise<PlacedCall>;
  /** The caller of a call in progress hangs up now. False when there is no such call. */
  hangUp(callId: string): boolean;
  /**
   * With a `VirtualClock` given as `clock`: runs what is due until `until` (epoch ms; default until
   * nothing is left), letting the runtime handle each step before the next, then moves the time to
   * `until`.
   */
  run(until?: number): Promise<void>;
  /** Calls of this PBX whose line is still open. */
  readonly activeCalls: number;
}

/** A call that runs longer than this is ended by its caller hanging up, as in simulateCall. */
const MAX_CALL_MS = 24 * 3600 * 1000;

interface MemoryCall {
  readonly callId: string;
  readonly scenario: Scenario;
  readonly pbx: SimulatedPbx;
  readonly startedAt: number;
  /** The line is closed: hung up by the flow or by the caller. */
  over: boolean;
  cap: { cancelled: boolean } | null;
}

/**
 * Creates the memory adapter: a simulated PBX, built on flow-core's `SimulatedPbx`, that plays
 * each call's scenario. It is what the tests, the conformance kit and anyone trying the runtime
 * without a PBX run calls on. The same scenario gives the same record as `simulateCall`.
 *
 * @example
 * import { createMemoryAdapter } from '@ringflow/flow-runtime-adapters/memory';
 *
 * const adapter = createMemoryAdapter({ clock: 'virtual' });
 * const runtime = createRuntime({ store, adapter, records });
 * await runtime.start();
 * const { callId } = await adapter.placeCall({
 *   call: { from: '+33612345678', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' },
 *   agents: { alice: { status: 'available', answerAfterSeconds: 5 } },
 * });
 * const record = await runtime.callEnded(callId); // record.answeredBy === 'alice'
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const mode = options.clock ?? 'virtual';
  const name = options.name ?? 'memory';
  const manual = mode instanceof VirtualClock;
  const virtual: VirtualClock | null =
    mode === 'real'
      ? null
      : manual
        ? mode
        : new VirtualClock(options.startAt === undefined ? 0 : new Date(options.startAt).getTime());
  let positioned = manual || options.startAt !== undefined;
  const wall = virtual === null ? new WallClockScheduler() : null;
  // What the simulated PBXs schedule on.
  const pbxClock: VirtualClock = virtual ?? wall!;

  const calls = new Map<string, MemoryCall>();
  /** Ids of the calls placed and not yet arrived (virtual time), so that an id is not placed twice. */
  const placed = new Set<string>();
  /** Arrivals the runtime has not finished handling: virtual time waits for them. */
  const arrivals = new Set<Promise<void>>();
  let host: AdapterHost | null = null;
  let stopped = false;
  let sequence = 0;
  let wake: (() => void) | null = null;
  let running = false;

  const poke = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };

  const clock: Clock = {
    now: () => pbxClock.now(),
    setTimer(at, callback) {
      const handle = pbxClock.setTimer(at, callback);
      poke();
      return handle;
    },
    clearTimer: (handle) => pbxClock.clearTimer(handle),
  };

  /** The line closes: nothing more is reported for this call. */
  const close = (call: MemoryCall) => {
    if (call.over) return;
    call.over = true;
    if (call.cap !== null) call.cap.cancelled = true;
  };

  const hangUp = (callId: string): boolean => {
    const call = calls.get(callId);
    if (call === undefined || call.over || host === null) return false;
    close(call);
    host.callEvent(callId, { type: 'call.hungup' });
    return true;
  };

  const arrive = (call: MemoryCall): Promise<void> => {
    if (host === null || stopped) return Promise.reject(new Error(`memory adapter: not running`));
    calls.set(call.callId, call);
    const runtime = host;
    call.pbx.connect((event) => {
      if (call.over) return;
      if (event.type === 'call.hungup') close(call);
      runtime.callEvent(call.callId, event);
    });
    call.pbx.start();
    // In real time the caller gives up after a day, as in simulateCall; virtual time does it in run.
    if (wall !== null) call.cap = wall.schedule(call.startedAt + MAX_CALL_MS, () => hangUp(call.callId));
    const arrival = runtime.callArrived({
      callId: call.callId,
      from: call.scenario.call.from,
      to: call.scenario.call.to,
      startedAt: call.startedAt,
    });
    arrivals.add(arrival);
    return arrival.finally(() => arrivals.delete(arrival));
  };

  /**
   * Lets the runtime finish what the last step started: microtasks, and arrivals it is routing. After
   * an arrival settles, one more turn lets the runtime send the call's first commands (a store that
   * answers after real I/O would otherwise leave the call looking idle, and its caller hung up).
   */
  const settle = async () => {
    let waited: boolean;
    do {
      await new Promise<void>((resolve) => setImmediate(resolve));
      waited = arrivals.size > 0;
      if (waited) await Promise.allSettled([...arrivals]);
    } while (waited);
  };

  /**
   * Runs the next due thing before `limit`. As in simulateCall, a call with nothing left to happen
   * before its day is over is ended by its caller, at the time things stopped.
   */
  const stepOnce = (limit: number): boolean => {
    let capped: MemoryCall | null = null;
    for (const call of calls.values()) {
      if (!call.over && (capped === null || call.startedAt < capped.startedAt)) capped = call;
    }
    const cap = capped === null ? Number.POSITIVE_INFINITY : capped.startedAt + MAX_CALL_MS;
    if (virtual!.step(Math.min(limit, cap))) return true;
    if (capped !== null && cap <= limit) return hangUp(capped.callId) || true;
    return false;
  };

  const loop = async () => {
    while (!stopped) {
      await settle();
      if (stopped) break;
      if (stepOnce(Number.POSITIVE_INFINITY)) continue;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  const execute = async (call: AdapterCall, command: EngineCommand): Promise<void> => {
    const memoryCall = calls.get(call.callId);
    if (memoryCall === undefined) throw new Error(`memory adapter: no call "${call.callId}"`);
    if (memoryCall.over) return;
    memoryCall.pbx.execute(command);
    if (command.type === 'hangup') close(memoryCall);
  };

  // The simulated PBX executes every command; the map is written out so that the compiler checks it.
  const commands: AdapterCommands = {
    answer: execute,
    play: execute,
    stopPlayback: execute,
    collectDigits: execute,
    ring: execute,
    cancelLegs: execute,
    bridge: execute,
    forward: execute,
    recordVoicemail: execute,
    hangup: execute,
    startRecording: execute,
    stopRecording: execute,
  };

  return {
    name,
    clock,
    virtualClock: virtual,
    commands,
    directory: {
      presence: (agentId, _at, call) => calls.get(call.callId)?.pbx.presence(agentId) ?? 'offline',
    },
    async start(runtime) {
      if (host !== null) throw new Error('memory adapter: started twice');
      host = runtime;
      if (virtual !== null && !manual) void loop();
      poke();
    },
    callEnded(call) {
      const memoryCall = calls.get(call.callId);
      if (memoryCall === undefined) return;
      close(memoryCall);
      calls.delete(call.callId);
    },
    async stop() {
      stopped = true;
      for (const call of calls.values()) close(call);
      wall?.clearAll();
      poke();
    },
    placeCall(input, placeOptions = {}) {
      const parsed = parseScenario(input);
      if (!parsed.ok) {
        const first = parsed.issues[0]!;
        return Promise.reject(
          new TypeError(
            `placeCall: invalid scenario (${first.code} at ${JSON.stringify(first.path ?? [])}: ${first.message})`,
          ),
        );
      }
      if (stopped) return Promise.reject(new Error('memory adapter: stopped'));
      const callId = placeOptions.callId ?? `mem-${++sequence}`;
      if (calls.has(callId) || placed.has(callId)) {
        return Promise.reject(new Error(`memory adapter: call "${callId}" exists`));
      }
      const scenario = parsed.scenario;
      const place = (startedAt: number) => ({
        callId,
        scenario,
        pbx: new SimulatedPbx(scenario, pbxClock),
        startedAt,
        over: false,
        cap: null,
      });
      if (virtual === null) return arrive(place(Date.now())).then(() => ({ callId }));
      const wanted = Date.parse(scenario.call.at);
      if (!positioned) {
        virtual.advanceTo(wanted);
        positioned = true;
      }
      const at = Math.max(virtual.now(), wanted);
      placed.add(callId);
      return new Promise<PlacedCall>((resolve, reject) => {
        virtual.schedule(at, () => {
          placed.delete(callId);
          arrive(place(at)).then(() => resolve({ callId }), reject);
        });
        poke();
      });
    },
    hangUp,
    async run(until = Number.POSITIVE_INFINITY) {
      if (!manual) throw new Error('memory adapter: run() is for a VirtualClock given as `clock`');
      if (running) throw new Error('memory adapter: run() is already running');
      running = true;
      try {
        await settle();
        while (!stopped && stepOnce(until)) await settle();
        if (Number.isFinite(until)) virtual!.advanceTo(until);
        await settle();
      } finally {
        running = false;
      }
    },
    get activeCalls() {
      let open = 0;
      for (const call of calls.values()) if (!call.over) open += 1;
      return open;
    },
  };
}
