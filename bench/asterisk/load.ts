import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import {
  createJsonLinesRecordSink,
  createMemoryFlowSource,
  createRuntime,
  readCallRecords,
  type LogEntry,
} from '@ringflow/flow-runtime-adapters';
import { startAsterisk, synthesizeTune, type AsteriskInstance } from '../../scripts/asterisk/instance.js';
import { createAsteriskAriAdapter, type AriMessage } from './ari.js';
import {
  agentEndpoints,
  AGENT_ANSWER_SECONDS,
  CALLER_NUMBER,
  LOAD_ANSWERER,
  LOAD_NUMBER,
  loadFlow,
  nativeGroupExtension,
  PROBE_ANSWERER,
  PROBE_NUMBER,
  probeFlow,
  PROMPT_FILE,
  RING_SECONDS,
} from './flows.js';
import { createPhones, type Phone, type Phones } from './phones.js';
import {
  findGc,
  processCpuSeconds,
  sampleMemory,
  SampleBuffer,
  watchHttpRequests,
  type MemorySample,
} from './samplers.js';

/*
 * The Asterisk load test: one lab Asterisk, the runtime and the ARI adapter in this process, a
 * fixed number of calls kept in progress for a while (each Local-channel caller is replaced as
 * soon as it hangs up), plus one bridge-time probe at a time, alternately through ringflow and
 * through the same ring group in native dialplan. Afterwards: every call placed has its record,
 * Asterisk has no channel or bridge left, and the memory samples say whether anything grew.
 */

/** The Stasis app of the adapter and of the phones. */
const APP = 'ringflow-load';
const PHONE_APP = 'ringflow-load-phones';
/** How long the lab's tune (the prompt) lasts: 8 notes of 0.35 s (scripts/asterisk/instance.ts). */
const PROMPT_SECONDS = 2.8;
/** Pause between two bridge-time probes. */
const PROBE_GAP_MS = 500;
/** A probe not bridged after this long counts as a timeout. */
const PROBE_BRIDGE_TIMEOUT_MS = 15_000;
/** Room for every figure collected per call during the run (see SampleBuffer). */
const SAMPLE_CAPACITY = 1 << 16;

/** What to run. */
export interface AsteriskLoadOptions {
  /** Instance folder name of the lab Asterisk. */
  readonly name: string;
  readonly httpPort: number;
  readonly sipPort: number;
  /** Calls kept in progress. Default 100. */
  readonly calls?: number;
  /** Seconds during which calls are placed (then those in progress end by themselves). Default 300. */
  readonly durationSeconds?: number;
  /** Seconds the answering agent talks before hanging up. Default 20. */
  readonly talkSeconds?: number;
  /** Seconds over which the first calls are spread. Default 10. */
  readonly rampSeconds?: number;
  /** Seconds a probe's agent talks before hanging up. Default 1. */
  readonly probeTalkSeconds?: number;
  /** Seconds between memory samples. Default 10. */
  readonly sampleEverySeconds?: number;
  /** Progress lines (the bench prints them; the test passes nothing). */
  readonly progress?: (line: string) => void;
}

/** Everything the load test saw. Times in milliseconds unless said otherwise. */
export interface AsteriskLoadReport {
  readonly settings: Required<Omit<AsteriskLoadOptions, 'progress' | 'name' | 'httpPort' | 'sipPort'>>;
  /** From before Asterisk started to after it stopped. */
  readonly wallSeconds: number;
  readonly asteriskVersion: string;
  readonly calls: {
    /** Load calls Asterisk accepted (originate succeeded). */
    readonly placed: number;
    /** Bridge-time probes placed through ringflow (they have records too) and natively. */
    readonly ringflowProbes: number;
    readonly nativeProbes: number;
    /** Originate requests that failed (the call was not placed), with the first messages. */
    readonly placeFailures: number;
    readonly placeErrors: readonly string[];
    /** Calls still up long after they should have ended, hung up by the test. */
    readonly stuck: readonly string[];
    /** runtime.activeCalls sampled every second between the ramp and the end of placing. */
    readonly inProgress: { readonly min: number; readonly mean: number; readonly max: number };
  };
  readonly records: {
    /** Records expected: load calls and ringflow probes placed. */
    readonly expected: number;
    readonly written: number;
    readonly lost: number;
    readonly duplicates: number;
    readonly damaged: number;
    /** Records of calls this test did not place. */
    readonly extra: number;
    /** Records whose outcome is not "answered by the answering agent", or with adapter errors. */
    readonly unexpected: number;
    readonly problems: readonly string[];
    /** Mean length of a record line (JSON), bytes. */
    readonly meanBytes: number;
  };
  readonly leftovers: { readonly channels: readonly string[]; readonly bridges: readonly string[] };
  readonly latency: {
    /** StasisStart received → the first command's request headers written to Asterisk's socket. */
    readonly sent: readonly number[];
    /** StasisStart received → the runtime logs the engine's first command. */
    readonly command: readonly number[];
    /** StasisStart received → the first command's request created (before waiting for a connection). */
    readonly created: readonly number[];
    /** Asterisk's StasisStart timestamp → the first command's headers written. */
    readonly fromAsterisk: readonly number[];
    /** Calls whose StasisStart was seen but no command sent. */
    readonly missing: number;
    /** Calls not measured: arrived during the ramp; held up by a forced collection of the sampler. */
    readonly skippedRamp: number;
    readonly skippedGc: number;
    /** Values that did not fit in the buffers. */
    readonly dropped: number;
  };
  /** Originate → BRIDGEPEER on the caller (see phones.ts), for each side. */
  readonly bridge: {
    readonly ringflow: readonly number[];
    readonly native: readonly number[];
    readonly timeouts: { readonly ringflow: number; readonly native: number };
  };
  readonly memory: {
    readonly gc: string;
    /** Before the first call, after the runtime started (full collections). */
    readonly idleBefore: MemorySample;
    /** Every `sampleEverySeconds` while calls are placed. */
    readonly samples: readonly MemorySample[];
    /** After every call ended (full collections). */
    readonly idleAfter: MemorySample;
  };
  readonly cpu: {
    /** CPU seconds used during the load by this process (runtime, adapter, phones) and Asterisk. */
    readonly nodeSeconds: number;
    readonly asteriskSeconds: number | null;
    readonly loadSeconds: number;
    readonly loadAverageBefore: readonly number[];
    readonly loadAverageAfter: readonly number[];
  };
  /** Event-loop delay during the load, ms. */
  readonly eventLoop: { readonly p50: number; readonly p99: number; readonly max: number };
  /** HTTP connections to Asterisk of this process (adapter and phones): opened in all, most open at once. */
  readonly ariConnections: { readonly opened: number; readonly peakOpen: number };
  /** Every ARI request of this process: time to the answer's headers, failures, the five slowest. */
  readonly ariRequests: {
    readonly responseMs: readonly number[];
    readonly failures: number;
    readonly slowest: readonly { readonly ms: number; readonly request: string }[];
  };
  /** Warning and error log lines of the runtime and the adapter, by event. */
  readonly logs: Readonly<Record<string, number>>;
  /** Warning and error lines of Asterisk's log during the run, by message. */
  readonly asteriskLog: Readonly<Record<string, number>>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Resolves with the value of `promise`, or `undefined` once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Polls `check` every 100 ms until it holds or `ms` have passed; returns whether it held. */
async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (performance.now() > deadline) return false;
    await sleep(100);
  }
}

/**
 * Runs the load test on a fresh lab Asterisk (needs root and `npm run asterisk:install`) and
 * reports what it saw; throws only when the test itself cannot run. Stops Asterisk before returning.
 */
export async function runAsteriskLoad(options: AsteriskLoadOptions): Promise<AsteriskLoadReport> {
  const settings = {
    calls: options.calls ?? 100,
    durationSeconds: options.durationSeconds ?? 300,
    talkSeconds: options.talkSeconds ?? 20,
    rampSeconds: options.rampSeconds ?? 10,
    probeTalkSeconds: options.probeTalkSeconds ?? 1,
    sampleEverySeconds: options.sampleEverySeconds ?? 10,
  };
  for (const [key, value] of Object.entries(settings)) {
    if (!Number.isFinite(value) || value <= 0)
      throw new RangeError(`asterisk load: ${key} must be a positive number, got ${value}`);
  }
  if (!Number.isInteger(settings.calls))
    throw new RangeError(`asterisk load: calls must be an integer, got ${settings.calls}`);
  const progress = options.progress ?? (() => {});
  const startedAt = performance.now();
  const loadAverageBefore = loadavg();
  const asterisk = await startAsterisk({
    name: options.name,
    httpPort: options.httpPort,
    sipPort: options.sipPort,
  });
  const recordsDir = await mkdtemp(join(tmpdir(), 'ringflow-asterisk-load-'));
  try {
    await tuneForLoad(asterisk);
    const report = await runOn(asterisk, recordsDir, settings, progress, loadAverageBefore);
    await asterisk.stop();
    return { ...report, wallSeconds: (performance.now() - startedAt) / 1000 };
  } finally {
    // Safe to call twice: this one covers a run that failed.
    await asterisk.stop();
    await rm(recordsDir, { recursive: true, force: true });
  }
}

type Settings = AsteriskLoadReport['settings'];

/** Asterisk's HTTP sessions the load instance accepts (Asterisk's default is 100). */
const HTTP_SESSION_LIMIT = 1000;

/**
 * Tunes the instance's generated configuration for the load, then restarts it:
 * - `transmit_silence = no`: the lab sets it so that recordings of silent Local-channel parties
 *   have frames; here every agent waits in Wait() for its whole call, and the silence Asterisk
 *   generates for 100 such calls costs more than a core (1.2 % of a core per call, measured) for
 *   frames nobody hears, starving the processes under test on a 2-core machine. It changes nothing
 *   in what ringflow or Dial() do.
 * - `sessionlimit`: ARI requests of 100 calls in progress and the phones' requests share
 *   Asterisk's HTTP server, whose default limit of 100 sessions resets connections past it; a
 *   production Asterisk carrying 100 calls over ARI is configured the same way.
 */
async function tuneForLoad(asterisk: AsteriskInstance): Promise<void> {
  const conf = join(asterisk.dir, 'etc/asterisk.conf');
  const text = await readFile(conf, 'utf8');
  await writeFile(conf, text.replace(/^transmit_silence\s*=.*$/m, 'transmit_silence = no'));
  const http = join(asterisk.dir, 'etc/http.conf');
  const httpText = await readFile(http, 'utf8');
  if (!/^\s*sessionlimit\s*=/m.test(httpText)) {
    await writeFile(http, `${httpText.trimEnd()}\nsessionlimit = ${HTTP_SESSION_LIMIT}\n`);
  }
  await asterisk.restart();
}

async function runOn(
  asterisk: AsteriskInstance,
  recordsDir: string,
  settings: Settings,
  progress: (line: string) => void,
  loadAverageBefore: readonly number[],
): Promise<Omit<AsteriskLoadReport, 'wallSeconds'>> {
  const logStart = (await readFile(asterisk.logFile, 'utf8').catch(() => '')).length;
  const asteriskVersion =
    /Asterisk \S+/.exec(await asterisk.cli('core show version'))?.[0] ?? 'Asterisk (version unknown)';

  // The prompt: the lab's generated tune, as a file in the instance folder.
  const soundsDir = join(asterisk.dir, 'load-sounds');
  await mkdir(soundsDir, { recursive: true });
  await writeFile(join(soundsDir, 'load-prompt.wav'), synthesizeTune());
  const promptMedia = `sound:${asterisk.toChroot(join(soundsDir, 'load-prompt'))}`;

  const store = createMemoryFlowSource();
  const load = loadFlow();
  const probe = probeFlow();
  store.publish(load);
  store.publish(probe);
  store.route(LOAD_NUMBER, load.id);
  store.route(PROBE_NUMBER, probe.id);

  // Warning and error lines, counted by event (a bounded map: no growth with the calls).
  const logs: Record<string, number> = {};
  const count = (key: string) => (logs[key] = (logs[key] ?? 0) + 1);

  // Latency of the first command: by caller channel, until its first command is sent.
  interface Pending {
    readonly stasisAt: number;
    readonly asteriskAt: number;
    commandAt?: number;
    createdAt?: number;
  }
  const pending = new Map<string, Pending>();
  const latency = {
    sent: new SampleBuffer(SAMPLE_CAPACITY),
    command: new SampleBuffer(SAMPLE_CAPACITY),
    created: new SampleBuffer(SAMPLE_CAPACITY),
    fromAsterisk: new SampleBuffer(SAMPLE_CAPACITY),
  };
  const timeline = { rampEnd: Number.POSITIVE_INFINITY, lastGcEnd: 0 };
  const skipped = { ramp: 0, gc: 0 };
  const channelRequest = /^\/ari\/channels\/([^/?]+)\//;
  const ariResponse = new SampleBuffer(SAMPLE_CAPACITY * 2);
  const slowest: { ms: number; request: string }[] = [];
  let ariFailures = 0;
  const requests = watchHttpRequests(asterisk.ariUrl, (request) => {
    if (request.phase === 'answered' || request.phase === 'failed') {
      const ms = request.durationMs ?? Number.NaN;
      if (request.phase === 'failed') ariFailures += 1;
      else ariResponse.push(ms);
      // The five slowest requests, with their route (ids taken out).
      if (slowest.length < 5 || ms > slowest[slowest.length - 1]!.ms) {
        const route = `${request.method} ${request.path.replace(/\?.*$/, '').replace(/\/(?:load|probe)-[^/]+/g, '/<id>')}`;
        slowest.push({ ms, request: `${route}${request.phase === 'failed' ? ' (failed)' : ''}` });
        slowest.sort((a, b) => b.ms - a.ms);
        slowest.length = Math.min(slowest.length, 5);
      }
      return;
    }
    if (request.method === 'GET') return;
    const match = channelRequest.exec(request.path);
    if (match === null) return;
    const callId = decodeURIComponent(match[1]!);
    const entry = pending.get(callId);
    if (entry === undefined) return;
    if (request.phase === 'created') {
      entry.createdAt ??= request.at;
      return;
    }
    pending.delete(callId);
    // Calls of the ramp (cold process, a burst of arrivals) and calls a forced collection of the
    // memory sampler held up are counted, not measured.
    if (entry.stasisAt < timeline.rampEnd) {
      skipped.ramp += 1;
      return;
    }
    if (timeline.lastGcEnd > entry.stasisAt) {
      skipped.gc += 1;
      return;
    }
    latency.sent.push(request.at - entry.stasisAt);
    latency.created.push((entry.createdAt ?? request.at) - entry.stasisAt);
    if (entry.commandAt !== undefined) latency.command.push(entry.commandAt - entry.stasisAt);
    latency.fromAsterisk.push(performance.timeOrigin + request.at - entry.asteriskAt);
  });

  const logger = (entry: LogEntry) => {
    if (entry.event === 'call.command' && entry.callId !== undefined) {
      const call = pending.get(entry.callId);
      if (call !== undefined) call.commandAt ??= performance.now();
    }
    if (entry.level !== 'info') count(`runtime ${entry.level} ${entry.event}`);
  };
  const adapter = createAsteriskAriAdapter({
    url: asterisk.ariUrl,
    user: asterisk.ariUser,
    password: asterisk.ariPassword,
    app: APP,
    endpointFor: agentEndpoints(settings.talkSeconds, settings.probeTalkSeconds),
    sounds: (file) => {
      if (file !== PROMPT_FILE) throw new Error(`asterisk load: no sound file "${file}"`);
      return promptMedia;
    },
    // Every call rings the same Local agents: their device states say "in use" all the time.
    presence: { source: 'off' },
    logger: (entry) => {
      if (entry.level !== 'info') count(`adapter ${entry.level} ${entry.event}`);
    },
  });
  adapter.onEvent((message: AriMessage) => {
    if (message.type !== 'StasisStart') return;
    const event = message as AriMessage & {
      channel: { id: string };
      args: readonly string[];
      timestamp: string;
    };
    // Ring legs and snoops of the adapter are not calls.
    if (event.args[0] === 'leg' || event.args[0] === 'snoop') return;
    pending.set(event.channel.id, { stasisAt: performance.now(), asteriskAt: Date.parse(event.timestamp) });
  });
  const sink = createJsonLinesRecordSink({ dir: recordsDir });
  // rememberEndedCalls 0: the runtime's cache of recent records (1000 by default, bounded) would
  // fill during most of a 5-minute run and read as growth; records are read back from the files.
  const runtime = createRuntime({ store, adapter, records: sink, logger, rememberEndedCalls: 0 });
  let phones: Phones | null = null;
  let runtimeStopped = false;
  try {
    await runtime.start();
    phones = await createPhones({
      ariUrl: asterisk.ariUrl,
      ariUser: asterisk.ariUser,
      ariPassword: asterisk.ariPassword,
      app: PHONE_APP,
    });
    const phoneSide = phones;

    const { gc, how } = findGc();
    const pid = asterisk.pid;
    // Created before the idle sample, so that its native buffer is not read as growth.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const idleBefore = sampleMemory(0, gc, pid, runtime.activeCalls);
    loop.enable();
    const cpuBefore = process.cpuUsage();
    const asteriskCpuBefore = pid === undefined ? null : processCpuSeconds(pid);

    const t0 = performance.now();
    const deadline = t0 + settings.durationSeconds * 1000;
    const rampEnd = t0 + settings.rampSeconds * 1000;
    timeline.rampEnd = rampEnd;
    const elapsed = () => (performance.now() - t0) / 1000;
    progress(
      `${settings.calls} calls in progress for ${settings.durationSeconds} s (talk ${settings.talkSeconds} s), ${asteriskVersion}`,
    );

    // Memory every few seconds; calls in progress every second (after the ramp).
    const samples: MemorySample[] = [];
    let placed = 0;
    const memoryTimer = setInterval(() => {
      if (performance.now() > deadline + 500) return;
      const sample = sampleMemory(elapsed(), gc, pid, runtime.activeCalls);
      timeline.lastGcEnd = performance.now();
      samples.push(sample);
      progress(
        `${Math.round(sample.atSeconds)} s: ${sample.activeCalls} calls in progress, ${placed} placed, heap ${(sample.heapUsed / 2 ** 20).toFixed(1)} MiB, Asterisk ${((sample.asteriskRss ?? 0) / 2 ** 20).toFixed(0)} MiB`,
      );
    }, settings.sampleEverySeconds * 1000);
    const inProgress = { min: Number.POSITIVE_INFINITY, max: 0, sum: 0, count: 0 };
    const activeTimer = setInterval(() => {
      const now = performance.now();
      if (now < rampEnd || now > deadline) return;
      const active = runtime.activeCalls;
      inProgress.min = Math.min(inProgress.min, active);
      inProgress.max = Math.max(inProgress.max, active);
      inProgress.sum += active;
      inProgress.count += 1;
    }, 1000);

    const placeErrors: string[] = [];
    let placeFailures = 0;
    const notPlaced = new Set<string>();
    const stuck: string[] = [];
    const failedToPlace = (callId: string, error: unknown) => {
      placeFailures += 1;
      notPlaced.add(callId);
      if (placeErrors.length < 5) placeErrors.push(`${callId}: ${messageOf(error)}`);
    };
    /** Waits for the phone to hang up; past `ms`, hangs it up and counts the call as stuck. */
    const awaitEnd = async (phone: Phone, ms: number) => {
      if (
        (await within(
          phone.ended.then(() => true),
          ms,
        )) === true
      )
        return;
      stuck.push(phone.callId);
      await phone.hangup().catch(() => {});
      await within(phone.ended, 10_000);
    };

    // The load: each slot places a call, waits for its end, and places the next one.
    let loadSequence = 0;
    const callMaxMs = (PROMPT_SECONDS + AGENT_ANSWER_SECONDS + settings.talkSeconds + 30) * 1000;
    const slot = async (index: number) => {
      await sleep((index * settings.rampSeconds * 1000) / settings.calls);
      while (performance.now() < deadline) {
        const callId = `load-${++loadSequence}`;
        let phone: Phone;
        try {
          phone = await phoneSide.place({
            callId,
            endpoint: `Local/${LOAD_NUMBER}@ringflow-inbound/n`,
            from: CALLER_NUMBER,
            variables: { RINGFLOW_APP: APP },
          });
        } catch (error) {
          failedToPlace(callId, error);
          await sleep(1000);
          continue;
        }
        placed += 1;
        await awaitEnd(phone, callMaxMs);
      }
    };

    // The bridge-time probes, one at a time, ringflow and native alternately.
    const bridge = { ringflow: [] as number[], native: [] as number[], timeouts: { ringflow: 0, native: 0 } };
    const ringflowProbes: string[] = [];
    let nativeProbes = 0;
    const probes = async () => {
      await sleep(rampEnd - performance.now());
      for (let k = 0; performance.now() < deadline; k += 1) {
        const side = k % 2 === 0 ? 'ringflow' : 'native';
        const callId = `probe-${side}-${k}`;
        let phone: Phone;
        try {
          phone = await phoneSide.place({
            callId,
            from: CALLER_NUMBER,
            watchBridge: true,
            ...(side === 'ringflow'
              ? { endpoint: `Local/${PROBE_NUMBER}@ringflow-inbound/n`, variables: { RINGFLOW_APP: APP } }
              : {
                  endpoint: `Local/${nativeGroupExtension(settings.probeTalkSeconds)}@ringflow-native/n`,
                  variables: { RINGFLOW_RING_SECONDS: String(RING_SECONDS) },
                }),
          });
        } catch (error) {
          failedToPlace(callId, error);
          await sleep(1000);
          continue;
        }
        if (side === 'ringflow') ringflowProbes.push(callId);
        else nativeProbes += 1;
        const bridgedAt = await within(phone.bridged, PROBE_BRIDGE_TIMEOUT_MS);
        if (bridgedAt === undefined) bridge.timeouts[side] += 1;
        else bridge[side].push(bridgedAt - phone.placedAt);
        await awaitEnd(phone, (settings.probeTalkSeconds + 30) * 1000);
        await sleep(PROBE_GAP_MS);
      }
    };

    await Promise.all([...Array.from({ length: settings.calls }, (_, i) => slot(i)), probes()]);
    const loadSeconds = (performance.now() - t0) / 1000;
    clearInterval(memoryTimer);
    clearInterval(activeTimer);
    loop.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const asteriskCpuAfter = pid === undefined ? null : processCpuSeconds(pid);
    progress(
      `placing stopped at ${settings.durationSeconds} s, the last call ended at ${loadSeconds.toFixed(0)} s`,
    );

    // Every call has ended on the phone side: the runtime writes the last records.
    await until(() => runtime.activeCalls === 0 && adapter.callIds.length === 0, 30_000);
    const idleAfter = sampleMemory(elapsed(), gc, pid, runtime.activeCalls);

    // What Asterisk still has, before the runtime's shutdown could hang anything up.
    let leftovers = { channels: [] as string[], bridges: [] as string[] };
    await until(async () => {
      const [channels, bridges] = await Promise.all([
        phoneSide.client.channels.list(),
        phoneSide.client.bridges.list(),
      ]);
      leftovers = {
        channels: channels.map((channel) => `${channel.name} (${channel.id}, ${channel.state})`),
        bridges: bridges.map((b) => `${b.id} (${b.bridge_type}, ${b.channels.length} channels)`),
      };
      return channels.length === 0 && bridges.length === 0;
    }, 10_000);

    await runtime.shutdown({ timeoutMs: 5000 });
    runtimeStopped = true;
    requests.stop();

    const expected = new Set<string>(ringflowProbes);
    for (let n = 1; n <= loadSequence; n += 1) if (!notPlaced.has(`load-${n}`)) expected.add(`load-${n}`);
    const records = await checkRecords(recordsDir, expected);

    const asteriskLog = countLogLines(
      (await readFile(asterisk.logFile, 'utf8').catch(() => '')).slice(logStart),
    );
    return {
      settings,
      asteriskVersion,
      calls: {
        placed,
        ringflowProbes: ringflowProbes.length,
        nativeProbes,
        placeFailures,
        placeErrors,
        stuck,
        inProgress: {
          min: inProgress.count === 0 ? 0 : inProgress.min,
          mean: inProgress.count === 0 ? 0 : inProgress.sum / inProgress.count,
          max: inProgress.max,
        },
      },
      records,
      leftovers,
      latency: {
        sent: latency.sent.values(),
        command: latency.command.values(),
        created: latency.created.values(),
        fromAsterisk: latency.fromAsterisk.values(),
        missing: pending.size,
        skippedRamp: skipped.ramp,
        skippedGc: skipped.gc,
        dropped: Object.values(latency).reduce((sum, buffer) => sum + buffer.dropped, 0),
      },
      bridge,
      memory: { gc: how, idleBefore, samples, idleAfter },
      cpu: {
        nodeSeconds: (cpu.user + cpu.system) / 1e6,
        asteriskSeconds:
          asteriskCpuBefore === null || asteriskCpuAfter === null
            ? null
            : asteriskCpuAfter - asteriskCpuBefore,
        loadSeconds,
        loadAverageBefore,
        loadAverageAfter: loadavg(),
      },
      eventLoop: {
        p50: loop.percentile(50) / 1e6,
        p99: loop.percentile(99) / 1e6,
        max: loop.max / 1e6,
      },
      ariConnections: { opened: requests.connections, peakOpen: requests.peakOpen },
      ariRequests: { responseMs: ariResponse.values(), failures: ariFailures, slowest },
      logs,
      asteriskLog,
    };
  } finally {
    requests.stop();
    if (!runtimeStopped) await runtime.shutdown({ timeoutMs: 2000 }).catch(() => {});
    await phones?.close();
  }
}

/** Reads the records back: one undamaged record per call expected, each answered by the answering agent. */
async function checkRecords(
  dir: string,
  expected: ReadonlySet<string>,
): Promise<AsteriskLoadReport['records']> {
  const { records, damaged } = await readCallRecords(dir);
  const seen = new Map<string, number>();
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < 10) problems.push(problem.length > 400 ? `${problem.slice(0, 400)}…` : problem);
  };
  let extra = 0;
  let unexpected = 0;
  let bytes = 0;
  for (const record of records) {
    bytes += JSON.stringify(record).length;
    seen.set(record.callId, (seen.get(record.callId) ?? 0) + 1);
    if (!expected.has(record.callId)) {
      extra += 1;
      note(`a record for ${record.callId}, a call the test did not place`);
      continue;
    }
    const answerer = record.callId.startsWith('probe-') ? PROBE_ANSWERER : LOAD_ANSWERER;
    if (
      record.outcome !== 'answered' ||
      record.answeredBy !== answerer ||
      record.terminated !== undefined ||
      record.adapterErrors !== undefined
    ) {
      unexpected += 1;
      note(
        `${record.callId}: ${record.outcome} by ${record.answeredBy ?? 'nobody'}` +
          ` (legs ${record.legs.map((leg) => `${leg.agent ?? leg.number ?? '?'} ${leg.status}`).join(', ')})` +
          `${record.terminated ? `, terminated (${record.terminated.reason}: ${record.terminated.message ?? ''})` : ''}` +
          `${record.adapterErrors ? `, adapter errors: ${record.adapterErrors.map((e) => `${e.command}: ${e.message}`).join('; ')}` : ''}`,
      );
    }
  }
  let lost = 0;
  for (const callId of expected) {
    if (seen.has(callId)) continue;
    lost += 1;
    note(`no record for ${callId}`);
  }
  const duplicates = [...seen.values()].filter((n) => n > 1).length;
  for (const item of damaged.slice(0, 3)) note(`damaged line ${item.file}:${item.line}`);
  return {
    expected: expected.size,
    written: records.length,
    lost,
    duplicates,
    damaged: damaged.length,
    extra,
    unexpected,
    problems,
    meanBytes: records.length === 0 ? 0 : bytes / records.length,
  };
}

/** Asterisk's WARNING and ERROR lines, by message (timestamps, thread ids and call ids taken out). */
function countLogLines(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /\b(WARNING|ERROR)\[\d+\](?:\[[^\]]*\])?:?\s*(.*)$/.exec(line);
    if (match === null) continue;
    const message = `${match[1]} ${match[2]!
      .replace(/\b(load|probe-(?:ringflow|native))-\d+\S*/g, '<call>')
      .replace(/0x[0-9a-f]+/gi, '<addr>')
      .replace(/\d{3,}/g, '<n>')}`;
    counts[message] = (counts[message] ?? 0) + 1;
  }
  return counts;
}
