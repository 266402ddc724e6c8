import type {
  AgentPresence,
  CallInfo,
  Clock,
  EngineCommand,
  EngineEvent,
  ScenarioInput,
} from '@ringflow/flow-core';

/*
 * The contract between the runtime host and a PBX adapter (DESIGN 5). An adapter translates a PBX
 * protocol to and from the engine's commands and events, and nothing more: no flow logic lives in
 * an adapter. The runtime owns the sessions, the routing, the records and the failure handling.
 */

/** Every command type the engine may give (`answer`, `play`, `ring`...). */
export type EngineCommandType = EngineCommand['type'];

/** The command of one type, e.g. `CommandOf<'ring'>` is `{ type: 'ring', legs, music }`. */
export type CommandOf<C extends EngineCommandType> = Extract<EngineCommand, { readonly type: C }>;

/** The call a command is for: its id (the adapter's own), the numbers and when it started. */
export type AdapterCall = CallInfo;

/**
 * One handler per engine command, keyed by the command's type. Mapped over the engine's command
 * union, so an adapter that forgets a command, or a command added to the engine later, fails to
 * compile until it is handled.
 *
 * A handler resolves once the PBX has **accepted** the command (the playback started, the legs are
 * being called), not when its effect is over: what happens next is reported as events through
 * {@link AdapterHost.callEvent} (`playback.finished`, `leg.answered`...). A handler that throws or
 * rejects is not fatal: the runtime turns the failure into an engine event (see docs/runtime.md,
 * "When a command fails"). The runtime calls the handlers of one call one at a time, in the order
 * the engine gave the commands; handlers of different calls run concurrently.
 */
export type AdapterCommands = {
  readonly [C in EngineCommandType]: (call: AdapterCall, command: CommandOf<C>) => Promise<void>;
};

/** A call the PBX has just received, as the adapter reports it to the runtime. */
export interface IncomingCall {
  /** The adapter's id for the call (a channel id...). Unique among the calls in progress. */
  readonly callId: string;
  /** The caller's E.164 number; null when the number is hidden. */
  readonly from: string | null;
  /** The number dialed: the runtime routes the call with it. */
  readonly to: string;
  /** Epoch ms the call arrived; default the runtime clock's now. */
  readonly startedAt?: number;
}

/** What the runtime gives an adapter when it starts it: where to report calls and their events. */
export interface AdapterHost {
  /**
   * A call arrived. The runtime routes it, starts its session (the engine gets `call.started`) or
   * refuses it (a `hangup` command with cause `rejected`). Resolves once the call is taken or
   * refused; never rejects.
   */
  callArrived(call: IncomingCall): Promise<void>;
  /**
   * An event of a call in progress (every engine event but `call.started`, which the runtime sends
   * itself on `callArrived`). Events of a call still being routed are kept and delivered in order;
   * events of an unknown or ended call are ignored. Never throws.
   */
  callEvent(callId: string, event: EngineEvent): void;
}

/**
 * Agent presences as the runtime reads them: at once, for one call. `call` lets a simulated PBX
 * answer per call (the memory adapter plays each call's scenario); a real directory ignores it.
 * Plannings are not a presence: the engine computes `outOfPlanning` from the agent's schedule in
 * the flow.
 */
export interface AgentDirectoryPort {
  presence(agentId: string, at: number, call: AdapterCall): AgentPresence;
}

/**
 * A PBX adapter: what an integrator implements to run ringflow flows on a phone system. It executes
 * each engine command on a call ({@link AdapterCommands}), reports each PBX event
 * ({@link AdapterHost}), and may give agent presences.
 *
 * @example
 * const adapter: CallAdapter = {
 *   name: 'my-pbx',
 *   commands: { answer: (call) => pbx.answer(call.callId), play: ..., ring: ..., ... },
 *   async start(host) { pbx.on('call', (c) => host.callArrived(c)); pbx.on('event', (id, e) => host.callEvent(id, e)); },
 *   async stop() { await pbx.disconnect(); },
 * };
 */
export interface CallAdapter {
  /** Short name, in logs and conformance reports. */
  readonly name: string;
  /** The time of the calls this adapter carries; omit for real time (the memory adapter's may be virtual). */
  readonly clock?: Clock;
  /** Agent presences the PBX knows; the runtime's `directory` option takes precedence. */
  readonly directory?: AgentDirectoryPort;
  /** One handler per engine command. */
  readonly commands: AdapterCommands;
  /** Connects to the PBX and starts reporting calls and events to `host`. */
  start(host: AdapterHost): Promise<void>;
  /**
   * The runtime is done with a call (the session ended and its last commands were executed): free
   * what the adapter keeps for it. Optional.
   */
  callEnded?(call: AdapterCall): void | Promise<void>;
  /**
   * Disconnects from the PBX. The runtime calls it when it shuts down, once every call in progress
   * has ended and has its record; calls reported meanwhile are refused.
   */
  stop(): Promise<void>;
}

/** A call placed by a {@link ScenarioDriver}: the id under which the adapter reported it. */
export interface PlacedCall {
  readonly callId: string;
}

/**
 * Makes a PBX behave like a scenario (DESIGN 6) and places its call: the agents answer, reject or
 * never pick up as scripted, the caller types the scenario's keys and hangs up when told. The
 * memory adapter is its own driver; for a real PBX it is test tooling (Local channels, SIPp...)
 * that the conformance kit uses next to the adapter.
 */
export interface ScenarioDriver {
  /**
   * Places the scenario's call. Resolves once the adapter has reported the call to the runtime
   * (`callArrived` has settled), with its call id.
   */
  placeCall(scenario: ScenarioInput): Promise<PlacedCall>;
}
