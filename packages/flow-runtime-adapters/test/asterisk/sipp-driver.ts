import { simulateCall } from '@ringflow/flow-core';
import { udpPortIsFree } from '../../../../scripts/asterisk/ports.js';
import type { KeyPress } from '../../../../scripts/asterisk/rtp-pcap.js';
import type { AdapterFactory } from '../../src/conformance/run.js';
import type { ConformanceWorld } from '../../src/conformance/world.js';
import type { RuntimeLogger } from '../../src/runtime/logger.js';
import { startConformanceLab, type ConformanceLab } from './lab.js';
import { scenarioDriver, type CallerSetup, type ScenarioCaller } from './scenario-driver.js';
import { behavioursOf, behaviourName, type PhoneBehaviour } from './scenario-pbx.js';
import { placeSippCaller } from './sipp-caller.js';
import { sippEndpointOf, startSippPhone, type SippPhone } from './sipp-phones.js';

/*
 * The conformance kit's driver for the real Asterisk with real SIP calls:
 *
 * - the caller is sipp (UAC, sipp-caller.ts), calling Asterisk's SIP port with RTP audio; the
 *   lab's dialplan sends the call to the scenario's Stasis app (X-Ringflow-App header). sipp
 *   cannot be told to press a key while the call runs, so the keys are in its audio at the times
 *   flow-core's simulator has the caller type them (counted from the answer); it hangs up when the
 *   driver tells it to, at the times the scenario says (scenario-driver.ts);
 * - agents and external numbers are SIP phones (sipp servers, sipp-phones.ts), one per behaviour
 *   the scenarios need (`PJSIP/answer-4-hangup-60`, `PJSIP/never`, `PJSIP/busy`, `PJSIP/reject-2`),
 *   given to Asterisk when it starts.
 */

/**
 * How long before the simulator's time a key press starts: the adapter hears a key when it is
 * released, 120 ms after it starts (rtp-pcap.ts), a few ms later through Asterisk.
 */
const KEY_LEAD_SECONDS = 0.12;
/** Audio the caller sends beyond the simulator's end of the call (the real call may last longer). */
const AUDIO_MARGIN_SECONDS = 30;

/** A lab Asterisk with SIP phones for every behaviour the scenarios of a world need. */
export interface SippLab {
  readonly lab: ConformanceLab;
  readonly phones: readonly SippPhone[];
  /** SIP ports of the callers, shared by every driver on this lab. */
  readonly callerPorts: PortPool;
  /** Stops Asterisk, then the phones. */
  close(): Promise<void>;
}

/** Options of {@link startSippLab}. */
export interface SippLabOptions {
  readonly name: string;
  readonly httpPort: number;
  readonly sipPort: number;
  /** SIP ports of the phones (inclusive). */
  readonly phonePorts: readonly [number, number];
  /** SIP ports of the callers (inclusive). */
  readonly callerPorts: readonly [number, number];
  /** Phones to start besides those the scenarios need. */
  readonly extraBehaviours?: readonly PhoneBehaviour[];
}

/** Starts the SIP phones the scenarios of `world` ring, then a lab Asterisk that knows them. */
export async function startSippLab(world: ConformanceWorld, options: SippLabOptions): Promise<SippLab> {
  const wanted = new Map<string, PhoneBehaviour>();
  for (const behaviour of [...behavioursOf(world), ...(options.extraBehaviours ?? [])]) {
    if (behaviour.kind !== 'unreachable') wanted.set(behaviourName(behaviour), behaviour);
  }
  const phones: SippPhone[] = [];
  const stopPhones = async () => {
    await Promise.all(phones.map((phone) => phone.stop()));
  };
  try {
    let port = options.phonePorts[0];
    for (const behaviour of wanted.values()) {
      while (!(await udpPortIsFree(port))) port += 1;
      if (port > options.phonePorts[1])
        throw new Error(`no free port left for SIP phones in ${options.phonePorts.join('-')}`);
      phones.push(await startSippPhone(behaviour, port));
      port += 1;
    }
    const lab = await startConformanceLab(
      {
        name: options.name,
        httpPort: options.httpPort,
        sipPort: options.sipPort,
        sipAgents: phones.map((phone) => ({ id: phone.id, port: phone.port })),
      },
      world,
    );
    return {
      lab,
      phones,
      callerPorts: createPortPool(options.callerPorts),
      async close() {
        await lab.close();
        await stopPhones();
      },
    };
  } catch (error) {
    await stopPhones();
    throw error;
  }
}

/** Options of {@link sippDriver}. */
export interface SippDriverOptions {
  /** The dial string of a phone behaving as `behaviour`. Default {@link sippEndpointOf}. */
  readonly endpointOf?: (behaviour: PhoneBehaviour) => string;
  /** The adapter's log lines. */
  readonly logger?: RuntimeLogger;
}

/**
 * The conformance kit's adapter factory for the Asterisk ARI adapter on `sippLab`, each scenario's
 * call a SIP call from sipp (see the top of this file).
 */
export function sippDriver(sippLab: SippLab, options: SippDriverOptions = {}): AdapterFactory {
  const ports = sippLab.callerPorts;
  return scenarioDriver(sippLab.lab, {
    name: 'asterisk-ari (SIP calls)',
    endpointOf: options.endpointOf ?? sippEndpointOf,
    caller: (setup) => sippCaller(setup, ports),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
}

/**
 * The keys the scenario's caller types, as flow-core's simulator has them, counted from the
 * answer; and how long the simulated call lasts after it. Throws for a caller who types before the
 * flow answers: a SIP caller sends its keys in the media the answer starts.
 */
export function scriptedKeys(setup: Pick<CallerSetup, 'example' | 'scenario'>): {
  keys: KeyPress[];
  audioSeconds: number;
} {
  const start = Date.parse(setup.scenario.scenario.call.at);
  let answeredAt: number | null = null;
  const typed: { at: number; digit: string }[] = [];
  const result = simulateCall(setup.example.flow, setup.scenario.scenario, {
    onTrace: ({ at, command, event }) => {
      if (command?.type === 'answer' && answeredAt === null) answeredAt = at;
      if (event?.type === 'dtmf') typed.push({ at, digit: event.digit });
    },
  });
  if (typed.length > 0 && (answeredAt === null || typed[0]!.at < answeredAt)) {
    throw new Error(
      `scenario ${setup.scenario.name}: the caller types before the flow answers, which a SIP caller cannot (its keys travel in the media the answer starts)`,
    );
  }
  const answer = answeredAt ?? start;
  return {
    keys: typed.map(({ at, digit }) => ({
      atSeconds: Math.max(0, (at - answer) / 1000 - KEY_LEAD_SECONDS),
      digit,
    })),
    audioSeconds:
      answeredAt === null ? 0 : result.durationSeconds - (answer - start) / 1000 + AUDIO_MARGIN_SECONDS,
  };
}

/** The caller as a sipp process. */
function sippCaller(setup: CallerSetup, ports: PortPool): ScenarioCaller {
  const { keys, audioSeconds } = scriptedKeys(setup);
  const { from, to } = setup.scenario.scenario.call;
  let caller: ReturnType<typeof placeSippCaller> | undefined;
  let port: number | undefined;
  const problems: string[] = [];
  let placed: (caller: ReturnType<typeof placeSippCaller>) => void = () => {};
  const sipp = new Promise<ReturnType<typeof placeSippCaller>>((resolve) => (placed = resolve));
  const hangUp = () => {
    caller
      ?.hangUp()
      .catch((error: unknown) => problems.push(`the caller could not hang up: ${String(error)}`));
  };
  return {
    async place() {
      port = await ports.take();
      caller = placeSippCaller({
        sipPort: setup.lab.asterisk.sipPort,
        port,
        to,
        from,
        app: setup.app,
        keys,
        audioSeconds,
      });
      placed(caller);
    },
    lost: sipp.then(async (placedCaller) => {
      const ended = await placedCaller.done;
      return `sipp ended (exit code ${ended.exitCode}): ${ended.errors.slice(0, 600)}`;
    }),
    hangUp,
    async dispose() {
      if (caller !== undefined) {
        // The call is over on Asterisk's side: sipp ends with it, or is told to.
        if (caller.running) hangUp();
        const ended = await Promise.race([
          caller.done,
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
        ]);
        if (ended === null) {
          await caller.stop();
          problems.push('the sipp caller was still running 5 s after the call ended');
        } else if (ended.exitCode !== 0) {
          problems.push(
            `the sipp caller failed (exit code ${ended.exitCode}; ${ended.dir ?? ''}): ${ended.errors.slice(0, 600)}`,
          );
        }
      }
      if (port !== undefined) ports.release(port);
      if (problems.length > 0) throw new Error(problems.join('; '));
    },
  };
}

/** SIP ports handed out to callers, one caller at a time. */
export interface PortPool {
  take(): Promise<number>;
  release(port: number): void;
}

/** UDP ports handed out one caller at a time, each free when taken. */
function createPortPool([first, last]: readonly [number, number]): PortPool {
  const taken = new Set<number>();
  return {
    async take() {
      for (let port = first; port <= last; port++) {
        if (taken.has(port)) continue;
        taken.add(port);
        if (await udpPortIsFree(port)) return port;
        taken.delete(port);
      }
      throw new Error(`no free caller port left in ${first}-${last}`);
    },
    release: (port) => taken.delete(port),
  };
}
