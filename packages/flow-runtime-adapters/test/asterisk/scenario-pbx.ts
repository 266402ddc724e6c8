import {
  simulateCall,
  type AgentPresence,
  type Clock,
  type EngineCommand,
  type EngineEvent,
  type FlowDocument,
  type LegTarget,
  type Scenario,
} from '@ringflow/flow-core';
import type { AdapterCall, AdapterCommands, CallAdapter, IncomingCall } from '../../src/adapter/adapter.js';
import type { AsteriskAriAdapter } from '../../src/asterisk-ari/adapter.js';
import type { ConformanceWorld } from '../../src/conformance/world.js';
import { realTimeClock } from '../../src/runtime/clock.js';

/*
 * What the drivers of the real Asterisk share: how a scenario's agents and numbers behave when a
 * leg calls them, the agents' presences, the clock, and the hooks a driver hangs on the adapter
 * under test. Each rule mirrors flow-core's SimulatedPbx (packages/flow-core/src/simulate), the
 * reference the conformance kit compares with.
 */

/** What the phone a ring leg calls does: an agent's, or an external number's. */
export type PhoneBehaviour =
  | { readonly kind: 'answer'; readonly afterSeconds: number; readonly talkSeconds: number }
  | { readonly kind: 'never' }
  | { readonly kind: 'reject'; readonly afterSeconds: number }
  | { readonly kind: 'busy' }
  | { readonly kind: 'unreachable' };

/** A short stable name of a behaviour (`answer-5-hangup-60`, `reject-2`, `never`...). */
export function behaviourName(behaviour: PhoneBehaviour): string {
  switch (behaviour.kind) {
    case 'answer':
      return `answer-${behaviour.afterSeconds}-hangup-${behaviour.talkSeconds}`;
    case 'reject':
      return `reject-${behaviour.afterSeconds}`;
    default:
      return behaviour.kind;
  }
}

/**
 * How the phone of `target` behaves in `scenario`, the agent being `presence` at the time
 * (SimulatedPbx.ringLeg): an offline agent cannot be reached, a busy one (`inCall`, `snooze`) is
 * busy, an external number may be busy; then `reject` (after `rejectAfterSeconds`, default 2),
 * `answer: never`, else an answer after `answerAfterSeconds` (default 5 for an agent; an external
 * number without it never answers). An answered phone hangs up after the scenario's `talkSeconds`.
 */
export function phoneBehaviour(
  scenario: Scenario,
  target: LegTarget,
  presence: AgentPresence,
): PhoneBehaviour {
  const script = target.kind === 'agent' ? scenario.agents[target.agent] : scenario.numbers[target.number];
  if (target.kind === 'agent') {
    if (presence === 'offline') return { kind: 'unreachable' };
    if (presence === 'inCall' || presence === 'snooze') return { kind: 'busy' };
  } else if (scenario.numbers[target.number]?.busy) {
    return { kind: 'busy' };
  }
  if (script?.reject) return { kind: 'reject', afterSeconds: script.rejectAfterSeconds ?? 2 };
  if (script === undefined || script.answer === 'never') return { kind: 'never' };
  const after = script.answerAfterSeconds ?? (target.kind === 'agent' ? 5 : undefined);
  if (after === undefined) return { kind: 'never' };
  return { kind: 'answer', afterSeconds: after, talkSeconds: scenario.talkSeconds };
}

/**
 * The behaviours of the phones the scenarios of `world` ring, as flow-core's simulator plays them
 * (a PBX whose phones are set up before the calls, such as SIP phones, starts one of each).
 */
export function behavioursOf(world: ConformanceWorld): PhoneBehaviour[] {
  const found = new Map<string, PhoneBehaviour>();
  for (const example of world.examples) {
    for (const { scenario } of example.scenarios) {
      const presence = createScenarioPresence(example.flow, scenario, () => {});
      simulateCall(example.flow, scenario, {
        onTrace: ({ command, event }) => {
          if (event !== undefined) presence.event(event);
          if (command === undefined) return;
          const legs =
            command.type === 'ring' ? command.legs : command.type === 'forward' ? [command.leg] : [];
          for (const { target } of legs) {
            const behaviour = phoneBehaviour(
              scenario,
              target,
              target.kind === 'agent' ? presence.presence(target.agent) : 'available',
            );
            found.set(behaviourName(behaviour), behaviour);
          }
          presence.commandDone(command);
        },
      });
    }
  }
  return [...found.values()];
}

/** A clock in real time that reads the scenario's `call.at` from the moment it is anchored. */
export interface ScenarioClock extends Clock {
  /** From now on, now() reads `startAt` and runs on in real time. */
  anchor(): void;
}

/** A {@link ScenarioClock} reading `startAt` (it reads it already before being anchored). */
export function createScenarioClock(startAt: number): ScenarioClock {
  let offset = startAt - realTimeClock.now();
  return {
    now: () => realTimeClock.now() + offset,
    setTimer: (at, callback) => realTimeClock.setTimer(at - offset, callback),
    clearTimer: (handle) => realTimeClock.clearTimer(handle),
    anchor() {
      offset = startAt - realTimeClock.now();
    },
  };
}

/**
 * The agents' presences during one scenario call, as SimulatedPbx gives them: the scenario's status
 * (absent agents are `offline`), and `inCall` while in a conversation of this call. Fed to the
 * adapter as presence overrides, so that the adapter's own presence port is what the engine reads.
 */
export interface ScenarioPresence {
  presence(agentId: string): AgentPresence;
  /** Every agent of the flow with its presence now. */
  all(): Record<string, AgentPresence>;
  /** Follows the call: legs rung, conversations started and ended. */
  commandDone(command: EngineCommand): void;
  event(event: EngineEvent): void;
}

/** The presences of `flow`'s agents during a call of `scenario`; `changed` hears each change. */
export function createScenarioPresence(
  flow: FlowDocument,
  scenario: Scenario,
  changed: (agentId: string, presence: AgentPresence) => void,
): ScenarioPresence {
  const targets = new Map<string, LegTarget>();
  const talking = new Set<string>();
  const presence = (agentId: string): AgentPresence =>
    talking.has(agentId) ? 'inCall' : (scenario.agents[agentId]?.status ?? 'offline');
  return {
    presence,
    all: () => Object.fromEntries(flow.agents.map((agent) => [agent.id, presence(agent.id)])),
    commandDone(command) {
      if (command.type === 'ring') for (const leg of command.legs) targets.set(leg.legId, leg.target);
      if (command.type === 'forward') targets.set(command.leg.legId, command.leg.target);
      if (command.type === 'bridge') {
        const target = targets.get(command.legId);
        if (target?.kind !== 'agent') return;
        talking.add(target.agent);
        changed(target.agent, presence(target.agent));
      }
    },
    event(event) {
      if (event.type !== 'bridge.ended') return;
      const target = targets.get(event.legId);
      if (target?.kind !== 'agent' || !talking.delete(target.agent)) return;
      changed(target.agent, presence(target.agent));
    },
  };
}

/** What a driver hears of the adapter under test. */
export interface AdapterObserver {
  /** The adapter reports a call; `settled` resolves once the runtime has taken (or refused) it. */
  callArrived?(call: IncomingCall, settled: Promise<void>): void;
  /** A command is about to reach the adapter; the adapter gets it once this settles. */
  beforeCommand?(call: AdapterCall, command: EngineCommand): Promise<void> | void;
  /** The adapter accepted a command (its handler resolved). */
  commandDone?(call: AdapterCall, command: EngineCommand): void;
  /** The adapter reports an event of a call. */
  event?(callId: string, event: EngineEvent): void;
}

/**
 * The Asterisk adapter as the runtime sees it, with `observer` told what goes through it. Nothing
 * is changed on the way: the same commands reach the adapter (a `beforeCommand` may only delay
 * one), the same events the runtime.
 */
export function observeAdapter(inner: AsteriskAriAdapter, observer: AdapterObserver): CallAdapter {
  const commands = Object.fromEntries(
    Object.entries(inner.commands).map(([type, handler]) => [
      type,
      async (call: AdapterCall, command: EngineCommand) => {
        await observer.beforeCommand?.(call, command);
        await (handler as (call: AdapterCall, command: EngineCommand) => Promise<void>)(call, command);
        observer.commandDone?.(call, command);
      },
    ]),
  ) as unknown as AdapterCommands;
  return {
    name: inner.name,
    ...(inner.clock !== undefined ? { clock: inner.clock } : {}),
    directory: inner.directory,
    commands,
    start: (host) =>
      inner.start({
        callArrived(call) {
          const settled = host.callArrived(call);
          observer.callArrived?.(call, settled);
          return settled;
        },
        callEvent(callId, event) {
          observer.event?.(callId, event);
          host.callEvent(callId, event);
        },
      }),
    callEnded: (call) => inner.callEnded?.(call),
    stop: () => inner.stop(),
  };
}

/** How close to a leg's end its scripted answer must be to cross the cancel (real-time jitter). */
const CROSSING_WINDOW_MS = 300;
/** The longest a cancel waits for an answer crossing it. */
const CROSSING_WAIT_MS = 1500;

/**
 * Answers that cross the end of their leg. In flow-core's simulator, a phone scripted to answer at
 * the very instant its leg is called off (its ring time is over, another member answered) answers
 * anyway: at one instant the engine's timers run before the PBX's events, and what is due at that
 * instant is not called off (VirtualClock, SimulatedPbx.callOff), so the engine hears a late answer
 * (TOOLATE). On a real PBX the two race. This plays the simulator's order: the cancel of such a leg
 * reaches the PBX once the phone has answered, like a 200 OK that crossed the CANCEL on the wire.
 */
export interface CrossingAnswers {
  /** Legs were dialed: when each will answer, if it does. */
  dialed(legs: readonly { readonly legId: string; readonly behaviour: PhoneBehaviour }[]): void;
  /** Resolves when the legs about to be called off may be: their crossing answers are in. */
  beforeCancel(legIds: readonly string[]): Promise<void>;
  /** Hears the adapter's events (answers). */
  event(event: EngineEvent): void;
}

/** A {@link CrossingAnswers} for one call. */
export function createCrossingAnswers(): CrossingAnswers {
  const dueAt = new Map<string, number>();
  const answered = new Set<string>();
  const waiters = new Map<string, () => void>();
  return {
    dialed(legs) {
      for (const { legId, behaviour } of legs) {
        if (behaviour.kind === 'answer') dueAt.set(legId, Date.now() + behaviour.afterSeconds * 1000);
      }
    },
    async beforeCancel(legIds) {
      const now = Date.now();
      const crossing = legIds.filter((legId) => {
        const due = dueAt.get(legId);
        return due !== undefined && !answered.has(legId) && Math.abs(due - now) <= CROSSING_WINDOW_MS;
      });
      await Promise.all(
        crossing.map(
          (legId) =>
            new Promise<void>((resolve) => {
              const timeout = setTimeout(resolve, Math.max(0, dueAt.get(legId)! - now) + CROSSING_WAIT_MS);
              waiters.set(legId, () => {
                clearTimeout(timeout);
                resolve();
              });
            }),
        ),
      );
    },
    event(event) {
      if (event.type !== 'leg.answered') return;
      answered.add(event.legId);
      waiters.get(event.legId)?.();
      waiters.delete(event.legId);
    },
  };
}

/**
 * The call's time as its media runs. flow-core's simulator counts time in prompt lengths: a prompt
 * of 12 s ends 12 s after it starts. Asterisk paces playback on its timer, and on a busy machine a
 * prompt lasts longer than its audio; a caller scripted on the wall clock would then act early
 * (hang up before the prompt it should hear ends). This clock stands still while a prompt runs past
 * its length, so that the caller acts at the simulator's times as the call's media counts them.
 */
export interface MediaClock {
  /** A prompt of `seconds` started. */
  played(playbackId: string, seconds: number): void;
  /** A prompt ended (played out or stopped). */
  finished(playbackId: string): void;
  /** Runs `run` once `ms` of media time have passed from now. */
  after(ms: number, run: () => void): void;
  /** Calls off what is pending. */
  clear(): void;
}

/** A {@link MediaClock} for one call. */
export function createMediaClock(): MediaClock {
  const timers = createTimers();
  const playing = new Map<string, number>();
  /** Prompts already over: a prompt that fails at once may end before it is known to have started. */
  const over = new Set<string>();
  /** Time lost to prompts that ran past their length and have ended. */
  let lostMs = 0;
  const lag = (now: number) => {
    let running = 0;
    for (const expectedEnd of playing.values()) running += Math.max(0, now - expectedEnd);
    return lostMs + running;
  };
  const mediaNow = () => Date.now() - lag(Date.now());
  return {
    played(playbackId, seconds) {
      if (!over.has(playbackId)) playing.set(playbackId, Date.now() + seconds * 1000);
    },
    finished(playbackId) {
      over.add(playbackId);
      const expectedEnd = playing.get(playbackId);
      if (expectedEnd === undefined) return;
      playing.delete(playbackId);
      lostMs += Math.max(0, Date.now() - expectedEnd);
    },
    after(ms, run) {
      const due = mediaNow() + ms;
      const check = () => {
        const left = due - mediaNow();
        if (left <= 0) run();
        else timers.at(left, check);
      };
      timers.at(ms, check);
    },
    clear: () => timers.clear(),
  };
}

/** Runs callbacks at times from now, all of which `clear()` calls off. */
export function createTimers(): { at(ms: number, run: () => void): void; clear(): void } {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  return {
    at(ms, run) {
      const timeout = setTimeout(
        () => {
          pending.delete(timeout);
          run();
        },
        Math.max(0, ms),
      );
      pending.add(timeout);
    },
    clear() {
      for (const timeout of pending) clearTimeout(timeout);
      pending.clear();
    },
  };
}
