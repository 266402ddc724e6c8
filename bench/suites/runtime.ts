import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseFlowText, VirtualClock, type ScenarioInput } from '@ringflow/flow-core';
import {
  createJsonLinesRecordSink,
  createMemoryFlowSource,
  createRuntime,
  readCallRecords,
  type AdapterCommands,
  type CallAdapter,
  type LogEntry,
  type Runtime,
} from '@ringflow/flow-runtime-adapters';
import { createMemoryAdapter, type MemoryAdapter } from '@ringflow/flow-runtime-adapters/memory';
import { quantile } from '../stats.js';
import type { SuiteResult } from '../types.js';

/*
 * The runtime host, in one process: 1,000 calls of the Onoff "Greeting" example placed at once on
 * the memory adapter in virtual time, all in progress together, their records appended to a JSON
 * Lines sink (fsync 'always', the default) and read back.
 * - run 1 (self-running virtual clock, timed): records per second, command latency, peak of
 *   `runtime.activeCalls`;
 * - run 2 (a VirtualClock driven by `adapter.run`, so that time can stop with every call in
 *   progress): heap per call in progress.
 */

const root = join(import.meta.dirname, '..', '..');
const CALLS = 1000;
const NUMBER = '+33536490000';
const SCENARIO = 'cascade-third-agent-answers';

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** A full collection: global.gc when Node runs with --expose-gc, else the same function fetched via v8 flags. */
function findGc(): { gc: (() => void) | null; how: string } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return { gc: exposed, how: 'global.gc (--expose-gc)' };
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function')
      return { gc: gc as () => void, how: "gc() exposed at run time (v8.setFlagsFromString('--expose-gc'))" };
  } catch {
    // fall through
  }
  return { gc: null, how: 'no gc available: heap figures include garbage not yet collected' };
}

function heapAfterGc(gc: (() => void) | null): number {
  if (gc !== null) for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

async function loadInputs() {
  const dir = join(root, 'examples', 'onoff-greeting');
  const parsed = parseFlowText(await readFile(join(dir, 'flow.json'), 'utf8'));
  if (!parsed.ok) throw new Error(`runtime bench: flow.json does not parse: ${parsed.issues[0]?.message}`);
  const scenario = JSON.parse(
    await readFile(join(dir, 'scenarios', `${SCENARIO}.json`), 'utf8'),
  ) as ScenarioInput;
  const expected = JSON.parse(await readFile(join(dir, 'expected', `${SCENARIO}.json`), 'utf8')) as {
    outcome: string;
    answeredBy: string | null;
  };
  return { flow: parsed.flow, scenario, expected };
}

type Inputs = Awaited<ReturnType<typeof loadInputs>>;

/**
 * The memory adapter with every command handler wrapped: `onCommandStart` runs when the runtime
 * calls the handler, before the simulated PBX executes the command.
 */
function timedAdapter(adapter: MemoryAdapter, onCommandStart: (callId: string) => void): CallAdapter {
  const commands = Object.fromEntries(
    Object.entries(adapter.commands).map(([type, handler]) => [
      type,
      (call: { callId: string }, command: unknown) => {
        onCommandStart(call.callId);
        return (handler as (c: unknown, k: unknown) => Promise<void>)(call, command);
      },
    ]),
  ) as unknown as AdapterCommands;
  return {
    name: adapter.name,
    clock: adapter.clock,
    directory: adapter.directory,
    commands,
    start: (host) => adapter.start(host),
    stop: () => adapter.stop(),
    callEnded: (call) => adapter.callEnded?.(call),
  };
}

/** Reads the sink's folder back: exactly one undamaged record per call placed, as the example expects. */
async function checkRecords(dir: string, callIds: readonly string[], expected: Inputs['expected']) {
  const { records, damaged } = await readCallRecords(dir);
  const problems: string[] = [];
  if (damaged.length > 0)
    problems.push(`${damaged.length} damaged lines (first: ${damaged[0]!.file}:${damaged[0]!.line})`);
  if (records.length !== CALLS) problems.push(`${records.length} records instead of ${CALLS}`);
  const ids = new Set(records.map((r) => r.callId));
  const missing = callIds.filter((id) => !ids.has(id));
  if (ids.size !== records.length) problems.push(`${records.length - ids.size} duplicate call ids`);
  if (missing.length > 0) problems.push(`${missing.length} calls without a record (first: ${missing[0]})`);
  const wrong = records.filter(
    (r) =>
      r.outcome !== expected.outcome || r.answeredBy !== expected.answeredBy || r.terminated !== undefined,
  );
  if (wrong.length > 0)
    problems.push(
      `${wrong.length} records differ from examples/onoff-greeting/expected/${SCENARIO}.json (first: ${wrong[0]!.callId} ${wrong[0]!.outcome} ${wrong[0]!.answeredBy})`,
    );
  if (problems.length > 0) throw new Error(`runtime bench: records in ${dir}: ${problems.join('; ')}`);
  return records.length;
}

/** Run 1: 1,000 calls placed at once, virtual time running by itself, timed from the first placeCall. */
async function measureThroughput(inputs: Inputs) {
  const dir = await mkdtemp(join(tmpdir(), 'ringflow-bench-runtime-'));
  try {
    const store = createMemoryFlowSource();
    store.publish(inputs.flow);
    store.route(NUMBER, inputs.flow.id);
    const memory = createMemoryAdapter({ clock: 'virtual' });

    // Command latency: the runtime logs `call.command` synchronously when the engine gives a command
    // (before queueing it); the adapter's handler is then called, one command of a call at a time, in
    // that order. A FIFO per call pairs each log line with its handler call.
    const issued = new Map<string, number[]>();
    const latencies: number[] = [];
    let unmatched = 0;
    let peakActive = 0;
    let peakAdapterActive = 0;
    let runtime: Runtime | null = null;
    const logger = (entry: LogEntry) => {
      if (entry.event === 'call.command') {
        const now = performance.now();
        const queue = issued.get(entry.callId!);
        if (queue === undefined) issued.set(entry.callId!, [now]);
        else queue.push(now);
      }
      if (runtime !== null && runtime.activeCalls > peakActive) peakActive = runtime.activeCalls;
    };
    const adapter = timedAdapter(memory, (callId) => {
      const now = performance.now();
      const at = issued.get(callId)?.shift();
      if (at === undefined) unmatched += 1;
      else latencies.push((now - at) * 1000);
      if (memory.activeCalls > peakAdapterActive) peakAdapterActive = memory.activeCalls;
    });
    const sink = createJsonLinesRecordSink({ dir });
    runtime = createRuntime({ store, adapter, records: sink, logger });
    await runtime.start();

    const rt = runtime;
    const start = performance.now();
    const placed = Array.from({ length: CALLS }, () =>
      memory.placeCall(inputs.scenario).then(({ callId }) => rt.callEnded(callId).then(() => callId)),
    );
    const callIds = await Promise.all(placed);
    await sink.flush();
    const wallMs = performance.now() - start;
    await runtime.shutdown({ timeoutMs: 30_000 });

    if (unmatched > 0)
      throw new Error(`runtime bench: ${unmatched} handler calls without a call.command line`);
    const pending = [...issued.values()].reduce((n, q) => n + q.length, 0);
    if (pending > 0)
      throw new Error(`runtime bench: ${pending} commands issued but never handed to the adapter`);
    if (peakActive !== CALLS)
      throw new Error(`runtime bench: at most ${peakActive} of ${CALLS} calls were in progress together`);
    const recorded = await checkRecords(dir, callIds, inputs.expected);
    return { wallMs, recorded, latencies, peakActive, peakAdapterActive };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Run 2: 1,000 calls placed at once on a VirtualClock; time stops while they all ring. */
async function measureMemory(inputs: Inputs, gc: (() => void) | null) {
  const dir = await mkdtemp(join(tmpdir(), 'ringflow-bench-runtime-'));
  try {
    const at = Date.parse((inputs.scenario as { call: { at: string } }).call.at);
    const store = createMemoryFlowSource();
    store.publish(inputs.flow);
    store.route(NUMBER, inputs.flow.id);
    const memory = createMemoryAdapter({ clock: new VirtualClock(at) });
    const sink = createJsonLinesRecordSink({ dir });
    const runtime = createRuntime({ store, adapter: memory, records: sink, logger: () => {} });
    await runtime.start();

    const before = heapAfterGc(gc);
    const placed = Array.from({ length: CALLS }, () =>
      memory.placeCall(inputs.scenario).then(({ callId }) => runtime.callEnded(callId).then(() => callId)),
    );
    // 20 s into the calls: greeting played, the ring loop under way, nobody has answered yet.
    await memory.run(at + 20_000);
    const active = runtime.activeCalls;
    const during = heapAfterGc(gc);
    if (active !== CALLS)
      throw new Error(`runtime bench: ${active} of ${CALLS} calls in progress when the heap was measured`);
    await memory.run();
    const callIds = await Promise.all(placed);
    await runtime.shutdown({ timeoutMs: 30_000 });
    await checkRecords(dir, callIds, inputs.expected);
    return { bytesPerCall: (during - before) / CALLS, active };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<SuiteResult> {
  const inputs = await loadInputs();
  const { gc, how } = findGc();
  process.stdout.write('  runtime: 1,000 calls through the runtime, timed...\n');
  const throughput = await measureThroughput(inputs);
  process.stdout.write('  runtime: 1,000 calls held in progress for the heap...\n');
  const heap = await measureMemory(inputs, gc);
  const perSecond = throughput.recorded / (throughput.wallMs / 1000);
  const p50 = quantile(throughput.latencies, 0.5);
  const p99 = quantile(throughput.latencies, 0.99);
  const max = Math.max(...throughput.latencies);
  return {
    suite: 'runtime',
    metrics: [
      {
        name: `records per second, ${CALLS.toLocaleString('en-US')} calls at once (first placeCall to last record flushed)`,
        value: Math.round(perSecond),
        unit: 'records/s',
      },
      {
        name: 'command latency, p50 (call.command log line to adapter handler entry)',
        value: round(p50),
        unit: 'µs',
      },
      {
        name: 'command latency, p99 (call.command log line to adapter handler entry)',
        value: round(p99),
        unit: 'µs',
      },
      { name: 'peak runtime.activeCalls', value: throughput.peakActive, unit: 'calls' },
      {
        name: `heap per call in progress, ${CALLS.toLocaleString('en-US')} calls`,
        value: round(heap.bytesPerCall / 1024),
        unit: 'KiB',
      },
    ],
    notes: [
      `Calls: ${CALLS.toLocaleString('en-US')} copies of examples/onoff-greeting/scenarios/${SCENARIO}.json (95 s of virtual time each: greeting, ring loop, ines answers after hugo's 15 s), placed with \`placeCall\` all at once on the memory adapter in virtual time, the flow published in a memory flow source and routed from ${NUMBER}; one runtime, one process. Every call was in progress at once (peak \`runtime.activeCalls\` ${throughput.peakActive}, sampled at each log line; peak of the adapter's open lines ${throughput.peakAdapterActive}).`,
      `Records per second: ${throughput.recorded.toLocaleString('en-US')} records in ${round(throughput.wallMs, 1)} ms of wall time, from just before the first \`placeCall\` until every \`runtime.callEnded\` had resolved and \`sink.flush()\` returned, on a JSON Lines sink in a temp folder with fsync 'always' (the default); the logger only timestamps lines, no JSON logging. A cold run: the first calls in the process, compileFlow and JIT warm-up included. Read back with \`readCallRecords\`: exactly ${CALLS.toLocaleString('en-US')} records, none damaged, each ${inputs.expected.outcome} by ${inputs.expected.answeredBy} as the example expects (the suite throws otherwise).`,
      `Command latency: for each of the ${throughput.latencies.length.toLocaleString('en-US')} commands, performance.now() when the runtime's logger receives its \`call.command\` line (emitted synchronously when the engine gives the command, before it is queued) to performance.now() on entry to the adapter's handler for it (each memory-adapter handler wrapped; paired per call in order). It covers the runtime's per-call command queue (waiting for the call's previous commands), its promise hops and timeout setup, not the PBX's execution. Max ${round(max, 1)} µs.`,
      `Heap per call in progress: a second run of ${CALLS.toLocaleString('en-US')} calls on a VirtualClock driven by \`adapter.run\`, stopped 20 s into the calls (${heap.active} calls in progress, ringing); heapUsed then minus heapUsed after the runtime started and before the first \`placeCall\`, each after full collections, divided by ${CALLS.toLocaleString('en-US')}. Includes the runtime's session and queue, the memory adapter's simulated PBX and parsed scenario per call. Collection: ${how}.`,
    ],
  };
}
