import type { AdapterFactory } from '../../src/conformance/run.js';
import { isAriNotFound, isAriStatus } from '../../src/asterisk-ari/ari/ari-error.js';
import type { RuntimeLogger } from '../../src/runtime/logger.js';
import { CONFORMANCE_CONTEXT, hangUpQuietly, type ConformanceLab } from './lab.js';
import { scenarioDriver, type CallerSetup, type ScenarioCaller } from './scenario-driver.js';
import { behaviourName, type PhoneBehaviour } from './scenario-pbx.js';

/*
 * The conformance kit's driver for the real Asterisk with every party a Local channel:
 *
 * - the caller is a Local channel into the lab's [ringflow-inbound] context: its `;2` half is the
 *   call the adapter sees (in the scenario's own Stasis app), its `;1` half is the caller's phone,
 *   held in the lab's phone app, from which the driver presses the scenario's keys (ARI DTMF) when
 *   the flow asks for digits, speaks a voicemail message, and hangs up when the scenario says;
 * - agents and external numbers are the lab's Local test agents (`answer-N-hangup-M`, `never`,
 *   `busy`, `unreachable` in [ringflow-agents], `reject-N` added by lab.ts), chosen per leg from
 *   the scenario as flow-core's simulator plays it (scenario-driver.ts does the rest).
 */

/** How long a key is held. */
const KEY_MS = 100;
/**
 * How long before the simulator's time a key is pressed: the adapter hears a key when it is
 * released, about 200 ms after ARI is asked to press it for 100 ms (measured on the lab).
 */
const KEY_LEAD_MS = 200;

/** The dial string of the lab test agent behaving as `behaviour`. */
export function localEndpointOf(behaviour: PhoneBehaviour): string {
  const context = behaviour.kind === 'reject' ? CONFORMANCE_CONTEXT : 'ringflow-agents';
  return `Local/${behaviourName(behaviour)}@${context}`;
}

/** Options of {@link localChannelDriver}. */
export interface LocalDriverOptions {
  /** The dial string of a phone behaving as `behaviour`. Default {@link localEndpointOf}. */
  readonly endpointOf?: (behaviour: PhoneBehaviour) => string;
  /** The adapter's log lines. */
  readonly logger?: RuntimeLogger;
}

/**
 * The conformance kit's adapter factory for the Asterisk ARI adapter on `lab`, each scenario's call
 * a Local channel (see the top of this file).
 */
export function localChannelDriver(lab: ConformanceLab, options: LocalDriverOptions = {}): AdapterFactory {
  return scenarioDriver(lab, {
    name: 'asterisk-ari (Local channels)',
    endpointOf: options.endpointOf ?? localEndpointOf,
    caller: localCaller,
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
}

/** The caller as a Local channel whose `;1` half (the phone) the lab's phone app holds. */
function localCaller({ lab, app, scenario: { scenario } }: CallerSetup): ScenarioCaller {
  const ari = lab.ari;
  const phoneId = `${app}-phone`;
  const problems: string[] = [];
  let gone = false;
  let inApp: () => void = () => {};
  const ready = new Promise<void>((resolve) => (inApp = resolve));
  let destroyed: (reason: string) => void = () => {};
  const lost = new Promise<string>((resolve) => (destroyed = resolve));
  const listening = [
    // ARI answers a create before the channel is in the app; a dial before that is refused.
    ari.events.on('StasisStart', (event) => {
      if (event.channel.id === phoneId) inApp();
    }),
    ari.events.on('ChannelDestroyed', (event) => {
      if (event.channel.id !== phoneId) return;
      gone = true;
      destroyed(`the caller's Local channel ended (cause ${event.cause}, ${event.cause_txt})`);
    }),
  ];
  /** The caller does something on its phone; a phone already hung up does nothing. */
  const act = (what: string, run: () => Promise<unknown>) => {
    if (gone) return;
    run().catch((error: unknown) => {
      // The line closed meanwhile: nothing to do.
      if (gone || isAriNotFound(error) || isAriStatus(error, 409, 412)) return;
      problems.push(
        `the caller could not ${what}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };
  return {
    keyLeadMs: KEY_LEAD_MS,
    lost,
    async place() {
      const { from, to } = scenario.call;
      await ari.channels.create({
        endpoint: `Local/${to}@ringflow-inbound/n`,
        app: lab.phoneApp,
        channelId: phoneId,
        otherChannelId: `${app}-call`,
        formats: 'ulaw',
        variables: {
          RINGFLOW_APP: app,
          // The `;2` half's caller is the `;1` half's connected line.
          ...(from !== null ? { 'CALLERID(num)': from, 'CONNECTEDLINE(num)': from } : {}),
        },
      });
      await ready;
      await ari.channels.dial(phoneId);
    },
    hangUp: () => act('hang up', () => hangUpQuietly(ari, phoneId)),
    press: (digit) =>
      act(`press ${digit}`, () => ari.channels.sendDtmf(phoneId, { dtmf: digit, duration: KEY_MS })),
    // A Local channel sends no audio of its own (a silence generator on it sends none either): the
    // phone plays a sound towards the flow, as the caller's voice.
    speak: (seconds) => act('speak', () => ari.channels.play(phoneId, { media: lab.soundOfLength(seconds) })),
    async dispose() {
      for (const stop of listening) stop();
      if (!gone) await hangUpQuietly(ari, phoneId);
      if (problems.length > 0) throw new Error(problems.join('; '));
    },
  };
}
