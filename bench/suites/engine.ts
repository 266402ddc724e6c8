import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { simulateCall, type CallResult } from '@ringflow/flow-core';
import { driveBareCalls } from '../engine/bare-xstate.js';
import { driveCalls, EVENT_KINDS, LatencyRecorder } from '../engine/driver.js';
import { EXAMPLE_NAMES, loadExample, loadExampleScenarios, weekOfCalls } from '../engine/examples.js';
import { quantile } from '../stats.js';
import type { BenchMetric, SuiteResult } from '../types.js';

/*
 * The engine, side by side in one run:
 * - decision latency: every `session.send(event)` and every engine timer timed on its own, over a
 *   week of calls on the four examples, calls overlapping as on a host, against a bare xstate actor's
 *   `send` timed the same way; the two sides alternate day by day so that machine noise hits both;
 * - memory per live session, 10,000 and 100,000 calls waiting in one process (a child process
 *   with --expose-gc, so that the heap holds nothing else);
 * - simulated calls per second, and a week of calls simulated one after the other.
 */

const root = join(import.meta.dirname, '..', '..');
const WEEK_START = Date.parse('2026-11-23T00:00:00+01:00');
const DAY_SECONDS = 86_400;
/** One call every 30 s, day and night: 2,880 calls a day, about 18,000 decisions. */
const GAP_SECONDS = 30;
const DAYS = 7;

const describe = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function percentiles(recorder: LatencyRecorder, kind?: number): { p50: number; p99: number; count: number } {
  const samples: number[] = [];
  for (let i = 0; i < recorder.count; i++)
    if (kind === undefined || recorder.kinds[i] === kind) samples.push(recorder.micros[i]!);
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), count: samples.length };
}

/** Decision latency of ringflow and of a bare xstate actor, alternating day by day. */
function measureLatency(): { metrics: BenchMetric[]; notes: string[] } {
  const flows = Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, loadExample(name)]));
  const mix = loadExampleScenarios();
  const templates = mix.map((call) => ({ flow: flows[call.example]!, scenario: call.scenario }));
  const callsPerDay = DAY_SECONDS / GAP_SECONDS;

  // The stand-in PBX must play the calls as the simulator does: each scenario, driven alone at its
  // own time, gives the very record simulateCall gives.
  let faithful = 0;
  for (const call of mix) {
    const flow = flows[call.example]!;
    let driven: CallResult | null = null;
    driveCalls([{ flow, scenario: call.scenario }], {
      calls: 1,
      gapSeconds: 1,
      startAt: Date.parse((call.scenario as { call: { at: string } }).call.at),
      recorder: null,
      onEnd: (result) => (driven = result),
    });
    if (JSON.stringify(driven) === JSON.stringify(simulateCall(flow, call.scenario))) faithful++;
  }

  // Warm up both sides (JIT, lazily compiled schedule blocks, caches), untimed.
  driveCalls(templates, { calls: callsPerDay, gapSeconds: GAP_SECONDS, startAt: WEEK_START, recorder: null });
  driveBareCalls(100_000, 8, null);

  const ringflow = new LatencyRecorder(160_000);
  const bare = new LatencyRecorder(160_000);
  let calls = 0;
  let ended = 0;
  let maxConcurrent = 0;
  for (let day = 0; day < DAYS; day++) {
    const before = ringflow.count;
    const run = driveCalls(templates, {
      calls: callsPerDay,
      gapSeconds: GAP_SECONDS,
      startAt: WEEK_START + day * DAY_SECONDS * 1000,
      recorder: ringflow,
    });
    calls += run.calls;
    ended += run.ended;
    maxConcurrent = Math.max(maxConcurrent, run.maxConcurrent);
    driveBareCalls(ringflow.count - before, 8, bare);
  }
  if (ended !== calls) throw new Error(`engine bench: ${calls - ended} calls did not end`);

  // What the stopwatch itself costs: an empty interval, timed the same way.
  const empty = new LatencyRecorder(100_000);
  for (let i = 0; i < 100_000; i++) {
    const start = performance.now();
    empty.add(0, (performance.now() - start) * 1000);
  }

  const stopwatch = percentiles(empty);
  const engine = percentiles(ringflow);
  const floor = percentiles(bare);
  const ratio = engine.p99 / floor.p99;
  const perKind = EVENT_KINDS.map((kind, index) => ({ kind, ...percentiles(ringflow, index) }))
    .filter((k) => k.count > 0)
    .map((k) => `${k.kind} ${k.count.toLocaleString('en-US')} (${round(k.p50, 1)} / ${round(k.p99, 1)})`);
  return {
    metrics: [
      {
        name: 'decision latency, p50 (ringflow session.send)',
        value: round(engine.p50),
        unit: 'µs',
      },
      {
        name: 'decision latency, p99 (ringflow session.send)',
        value: round(engine.p99),
        unit: 'µs',
        target: '< 50 µs',
        pass: engine.p99 < 50,
      },
      { name: 'bare xstate actor.send, p50', value: round(floor.p50), unit: 'µs' },
      { name: 'bare xstate actor.send, p99', value: round(floor.p99), unit: 'µs' },
      {
        name: 'ringflow p99 / bare xstate p99',
        value: round(ratio),
        unit: 'x',
        target: '<= 3x',
        pass: ratio <= 3,
      },
    ],
    notes: [
      `Latency: ${engine.count.toLocaleString('en-US')} decisions of ${calls.toLocaleString('en-US')} calls (one every ${GAP_SECONDS} s of virtual time for a week, cycling through the ${mix.length} scenarios of the four examples with their agents' and caller's behaviour, the time of day coming from the clock, up to ${maxConcurrent} calls live at once on one VirtualClock), each \`session.send\` and each engine timer timed alone with performance.now(); commands are executed after the stopwatch stops. The bare xstate side: ${floor.count.toLocaleString('en-US')} \`actor.send\` to a 7-state machine with assign actions, 8 calls live at once, alternating with ringflow day by day.`,
      `The driver's stand-in PBX gives the same call record as simulateCall for ${faithful} of the ${mix.length} scenarios, each driven alone at its own time.`,
      `Per event kind, count (p50 / p99 µs): ${perKind.join(', ')}.`,
      `An empty interval on the same stopwatch: p50 ${round(stopwatch.p50, 3)} µs, p99 ${round(stopwatch.p99, 3)} µs. Load average when the latency run ended: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} (tails move with it: a decision preempted by another process counts whole).`,
    ],
  };
}

/** Heap per live session, in a child process with --expose-gc. */
function measureMemory(count: number): {
  bytesPerSession: number;
  ringingLegs: number;
  pendingTimers: number;
  snapshotBytes: number;
} {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=6144',
      '--import',
      'tsx',
      join(import.meta.dirname, '..', 'engine', 'memory-child.ts'),
      String(count),
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, timeout: 15 * 60_000 },
  );
  if (child.status !== 0)
    throw new Error(`engine bench: memory child failed: ${child.stderr || child.error}`);
  const report = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
    bytesPerSession: number;
    live: number;
    ringingLegs: number;
    pendingTimers: number;
    snapshotBytes: number;
  };
  if (report.live !== count) throw new Error(`engine bench: only ${report.live} of ${count} calls are live`);
  return report;
}

/** Simulated calls per second over the mix, and a week of calls on the Ringover standard. */
function measureSimulation(): { metrics: BenchMetric[]; notes: string[] } {
  // A week cold: a freshly parsed flow, so that the time includes compileFlow.
  const week = weekOfCalls();
  const coldFlow = loadExample('ringover-standard');
  const coldStart = performance.now();
  const outcomes: Record<string, number> = {};
  for (const scenario of week) {
    const outcome = simulateCall(coldFlow, scenario).outcome;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  const coldMs = performance.now() - coldStart;
  const weekRuns: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    for (const scenario of week) simulateCall(coldFlow, scenario);
    weekRuns.push(performance.now() - start);
  }
  const weekMedian = quantile(weekRuns, 0.5);

  const flows = Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, loadExample(name)]));
  const mix = loadExampleScenarios();
  const outcomesOfMix: Record<string, number> = {};
  for (const call of mix) {
    const outcome = simulateCall(flows[call.example]!, call.scenario).outcome;
    outcomesOfMix[outcome] = (outcomesOfMix[outcome] ?? 0) + 1;
  }
  let simulated = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    for (const call of mix) simulateCall(flows[call.example]!, call.scenario);
    simulated += mix.length;
  }
  const perSecond = simulated / ((performance.now() - start) / 1000);

  return {
    metrics: [
      { name: 'simulateCall, mix of the four examples', value: Math.round(perSecond), unit: 'calls/s' },
      {
        name: 'a week of calls (336, one every 30 min), first run incl. compileFlow',
        value: round(coldMs, 1),
        unit: 'ms',
        target: '< 1,000 ms',
        pass: coldMs < 1000,
      },
      { name: 'a week of calls, median of 5 more runs', value: round(weekMedian, 1), unit: 'ms' },
    ],
    notes: [
      `Simulation: \`simulateCall(flow, scenario)\` as the CLI and the designer call it (scenario parsed each time), cycling for 2 s through the ${mix.length} scenarios of examples/*/scenarios (outcomes ${describe(outcomesOfMix)}). The week: the Ringover standard from Monday 2026-11-23 00:00 (Paris), callers, inputs and agent statuses varying from call to call; outcomes ${describe(outcomes)}.`,
    ],
  };
}

export async function run(): Promise<SuiteResult> {
  const latency = measureLatency();
  const simulation = measureSimulation();
  const memory = [10_000, 100_000].map((count) => ({ count, ...measureMemory(count) }));
  const memoryMetrics: BenchMetric[] = memory.map((m) => ({
    name: `heap per live session, ${m.count.toLocaleString('en-US')} sessions in one process`,
    value: round(m.bytesPerSession / 1024),
    unit: 'KiB',
    target: '< 16 KiB',
    pass: m.bytesPerSession < 16 * 1024,
  }));
  const [first] = memory;
  return {
    suite: 'engine',
    metrics: [...latency.metrics, ...memoryMetrics, ...simulation.metrics],
    notes: [
      ...latency.notes,
      `Memory: each session on the Ringover standard, started and left waiting while ${first!.ringingLegs} sales agents ring (recording notice, welcome and menu played, key 1, sales announcement played, ring timer pending: ${first!.pendingTimers.toLocaleString('en-US')} timers held by a host clock for ${first!.count.toLocaleString('en-US')} calls); heap used after full collections, before and after creating them, in a child process run with --expose-gc, divided by the count. Its JSON snapshot is ${first!.snapshotBytes.toLocaleString('en-US')} bytes.`,
      ...simulation.notes,
    ],
  };
}
