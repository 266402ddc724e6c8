import type { ConformanceContext, AdapterFactory, AdapterUnderTest } from '../../src/conformance/run.js';
import { ttsSeconds, type LegTarget, type ResolvedSound } from '@ringflow/flow-core';
import { createAsteriskAriAdapter } from '../../src/asterisk-ari/adapter.js';
import type { RuntimeLogger } from '../../src/runtime/logger.js';
import type { ConformanceLab } from './lab.js';
import {
  createCrossingAnswers,
  createScenarioClock,
  createScenarioPresence,
  createMediaClock,
  observeAdapter,
  phoneBehaviour,
  type PhoneBehaviour,
} from './scenario-pbx.js';

/*
 * The part of the conformance drivers that does not depend on how the caller's phone is made
 * (a Local channel, a sipp process): one Asterisk adapter per scenario on its own Stasis app, the
 * scenario's agents and numbers as test phones, presences, the clock, and the caller's script
 * (hang up at `hangupAfterSeconds`, type the keys when the flow asks, leave a voicemail message),
 * played at the times flow-core's SimulatedPbx plays them.
 */

/** Seconds the caller takes to type a key after being asked (SimulatedPbx's TYPING_SECONDS). */
export const TYPING_SECONDS = 1;

/** The caller's phone, as a driver makes it. */
export interface ScenarioCaller {
  /** Places the call into the scenario's Stasis app; the adapter reports it when it arrives. */
  place(): Promise<void>;
  /** The caller hangs up now. Does nothing once the line is closed. */
  hangUp(): void;
  /**
   * Presses a key now, the adapter hearing it `keyLeadMs` later. Absent when the phone types the
   * scenario's keys by itself (a sipp caller plays them from a script).
   */
  press?(digit: string): void;
  /** How long after press() the adapter hears the key. */
  readonly keyLeadMs?: number;
  /** The caller speaks for `seconds` now (a voicemail message). */
  speak?(seconds: number): void;
  /**
   * Settles with a reason if the phone ends before the call reaches the adapter (a caller that
   * could not place the call), so that the scenario fails at once rather than at the kit's timeout.
   */
  readonly lost?: Promise<string>;
  /** Hangs up what is left of the phone; rejects with what went wrong on the caller's side. */
  dispose(): Promise<void>;
}

/** What a driver is told to make a caller. */
export interface CallerSetup extends ConformanceContext {
  readonly lab: ConformanceLab;
  /** The Stasis app the call must reach. */
  readonly app: string;
}

/** Options of {@link scenarioDriver}. */
export interface ScenarioDriverOptions {
  /** The adapter's name in the report. */
  readonly name: string;
  /** The dial string of a test phone behaving as `behaviour`. */
  readonly endpointOf: (behaviour: PhoneBehaviour) => string;
  /** Makes the scenario's caller. */
  readonly caller: (setup: CallerSetup) => ScenarioCaller | Promise<ScenarioCaller>;
  /** The adapter's log lines. */
  readonly logger?: RuntimeLogger;
}

let runs = 0;

/**
 * A conformance kit adapter factory: for each scenario, a fresh Asterisk ARI adapter on `lab`
 * (its own Stasis app, so that scenarios run side by side on one Asterisk) and a driver that places
 * the scenario's call and plays its caller.
 */
export function scenarioDriver(lab: ConformanceLab, options: ScenarioDriverOptions): AdapterFactory {
  return async (context): Promise<AdapterUnderTest> => {
    const { asterisk } = lab;
    const scenario = context.scenario.scenario;
    const app = `conf-${process.pid}-${++runs}`;
    const clock = createScenarioClock(context.startAt);
    const presence = createScenarioPresence(context.example.flow, scenario, (agentId, value) =>
      adapter.setPresenceOverride(agentId, value),
    );
    const crossing = createCrossingAnswers();
    /** What the phone a leg calls does, the agent's presence being what it is now. */
    const behaviourOf = (target: LegTarget) =>
      phoneBehaviour(
        scenario,
        target,
        target.kind === 'agent' ? presence.presence(target.agent) : 'available',
      );
    const adapter = createAsteriskAriAdapter({
      url: asterisk.ariUrl,
      user: asterisk.ariUser,
      password: asterisk.ariPassword,
      app,
      name: options.name,
      endpointFor: (target) => options.endpointOf(behaviourOf(target)),
      sounds: (file) => lab.soundOfLength(scenario.soundSeconds[file] ?? 10),
      tts: lab.tts,
      presence: { source: 'off', overrides: presence.all() },
      recordingsDir: asterisk.recordingsDir,
      clock,
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
    });
    const caller = await options.caller({ ...context, lab, app });
    // The caller acts at the simulator's times, counted as the call's media runs.
    const media = createMediaClock();
    const lengthOf = (sound: ResolvedSound) =>
      sound.kind === 'tts' ? ttsSeconds(sound.text) : (scenario.soundSeconds[sound.file] ?? 10);
    let callId: string | null = null;
    let inputIndex = 0;
    let arrived: ((callId: string) => void) | null = null;
    const keyLeadMs = caller.keyLeadMs ?? 0;
    const pressLater = (digit: string, seconds: number) => {
      const press = caller.press;
      if (press !== undefined) media.after(seconds * 1000 - keyLeadMs, () => press(digit));
    };

    const observed = observeAdapter(adapter, {
      callArrived(call, settled) {
        // The scenario's app carries one call: the first to arrive is it.
        if (callId !== null) return;
        callId = call.callId;
        const hangupAfter = scenario.caller.hangupAfterSeconds;
        if (hangupAfter !== undefined) media.after(hangupAfter * 1000, () => caller.hangUp());
        void settled.then(() => arrived?.(call.callId));
      },
      async beforeCommand(_call, command) {
        if (command.type === 'ring') {
          crossing.dialed(
            command.legs.map((leg) => ({ legId: leg.legId, behaviour: behaviourOf(leg.target) })),
          );
        } else if (command.type === 'forward') {
          crossing.dialed([{ legId: command.leg.legId, behaviour: behaviourOf(command.leg.target) }]);
        } else if (command.type === 'cancelLegs') {
          await crossing.beforeCancel(command.legIds);
        }
      },
      commandDone(_call, command) {
        presence.commandDone(command);
        if (command.type === 'play') media.played(command.playbackId, lengthOf(command.sound));
        if (command.type === 'collectDigits') {
          // SimulatedPbx: each step that collects digits takes the next input; keys follow a second apart.
          const input = scenario.caller.inputs[inputIndex++] ?? null;
          if (input === null) return;
          const typing = Math.min(TYPING_SECONDS, command.timeoutSeconds / 2);
          [...input].forEach((digit, i) => pressLater(digit, typing * (i + 1)));
        } else if (command.type === 'recordVoicemail') {
          // The caller speaks, then ends a message shorter than the mailbox allows by hanging up; a
          // longer one is cut by Asterisk, and the flow hangs up.
          const seconds = scenario.caller.messageSeconds;
          caller.speak?.(Math.min(seconds, command.maxSeconds + 1));
          if (seconds < command.maxSeconds) media.after(seconds * 1000, () => caller.hangUp());
        } else if (command.type === 'startRecording') {
          // SimulatedPbx: a caller who refuses to be recorded presses the opt-out key after a second.
          if (scenario.caller.optOutOfRecording && command.optOutDigit !== null) {
            pressLater(command.optOutDigit, TYPING_SECONDS);
          }
        }
      },
      event(_callId, event) {
        presence.event(event);
        crossing.event(event);
        if (event.type === 'playback.finished') media.finished(event.playbackId);
      },
    });

    return {
      adapter: observed,
      driver: {
        async placeCall() {
          const taken = new Promise<string>((resolve) => (arrived = resolve));
          clock.anchor();
          await caller.place();
          const lost = (caller.lost ?? new Promise<string>(() => {})).then((reason) => {
            throw new Error(`the call never reached the adapter: ${reason}`);
          });
          return { callId: await Promise.race([taken, lost]) };
        },
      },
      async dispose() {
        media.clear();
        await caller.dispose();
      },
    };
  };
}
