import { simulateCall, type CallResult } from '@ringflow/flow-core';
import type { AgentDirectoryPort, CallAdapter, ScenarioDriver } from '../adapter/adapter.js';
import type { CallRecord } from '../records/call-record.js';
import { createMemoryRecordSink } from '../records/sink.js';
import { silentLogger, type RuntimeLogger } from '../runtime/logger.js';
import { createRuntime } from '../runtime/runtime.js';
import { createMemoryFlowSource } from '../runtime/flow-source.js';
import { compareResults } from './diff.js';
import type { ConformanceExample, ConformanceScenario, ConformanceWorld } from './world.js';

/** An adapter set up for one scenario, with the driver that makes its PBX play the scenario. */
export interface AdapterUnderTest {
  readonly adapter: CallAdapter;
  /** Places the scenario's call on the adapter's PBX, its agents and caller scripted. */
  readonly driver: ScenarioDriver;
  /** Agent presences, when the adapter gives none itself. */
  readonly directory?: AgentDirectoryPort;
  /** Releases what the factory set up; called after the runtime has shut down. */
  dispose?(): void | Promise<void>;
}

/** What the kit tells the adapter factory about the scenario about to be played. */
export interface ConformanceContext {
  readonly example: ConformanceExample;
  readonly scenario: ConformanceScenario;
  /**
   * Epoch ms of the scenario's call (`call.at`). The flow's schedules are read at the runtime's
   * clock: an adapter in real time needs a clock that reads this time when the call starts.
   */
  readonly startAt: number;
}

/** Sets up an adapter for one scenario (a fresh one each time: scenarios do not share a PBX). */
export type AdapterFactory = (context: ConformanceContext) => AdapterUnderTest | Promise<AdapterUnderTest>;

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** Real time one scenario may take, from setting up the adapter to the record. Default 120 000 ms. */
  readonly caseTimeoutMs?: number;
  /** Also compare waitSeconds, durationSeconds and ringSeconds, within this many seconds. */
  readonly timeToleranceSeconds?: number;
  /** Plays only the scenarios for which it returns true. */
  readonly filter?: (example: string, scenario: string) => boolean;
  /** Receives each scenario's report as soon as it is known (progress). */
  readonly onCase?: (report: ConformanceCaseReport) => void;
  /** Receives the runtime's log lines of every scenario. Default: none. */
  readonly logger?: RuntimeLogger;
  /**
   * How many scenarios are played at once, each on its own adapter and runtime. Default 1. A PBX in
   * real time takes as long as the calls last (the examples' scenarios add up to about an hour):
   * playing them side by side takes as long as the longest. The report keeps the world's order.
   */
  readonly concurrency?: number;
}

/** How one scenario went. */
export interface ConformanceCaseReport {
  readonly example: string;
  readonly scenario: string;
  readonly ok: boolean;
  /** Readable lines: each difference with the simulator, or what went wrong. */
  readonly differences: readonly string[];
  /** What the simulator computes for the scenario. */
  readonly expected: CallResult;
  /** The call record the run through the adapter gave; null when there was none. */
  readonly actual: CallRecord | null;
}

/** How a whole run went. */
export interface ConformanceReport {
  readonly adapter: string;
  readonly ok: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly cases: readonly ConformanceCaseReport[];
  /** The report to print: a summary line, then each failing scenario with its differences. */
  readonly text: string;
}

const DEFAULT_CASE_TIMEOUT_MS = 120_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Rejects after `ms` of real time: the kit must end even when an adapter never does. */
function deadline(ms: number, what: string): { promise: Promise<never>; cancel: () => void } {
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timeout = setTimeout(() => reject(new Error(`${what} after ${ms} ms`)), ms);
  });
  // Without a catch here, a deadline that loses the race would be an unhandled rejection.
  promise.catch(() => {});
  return { promise, cancel: () => clearTimeout(timeout) };
}

/** The report of a run as text. */
export function formatConformanceReport(report: Omit<ConformanceReport, 'text'>): string {
  const total = report.passed + report.failed;
  const lines = [
    total === 0
      ? `Conformance of adapter "${report.adapter}": no scenario was played.`
      : report.failed === 0
        ? `Conformance of adapter "${report.adapter}": all ${total} scenarios match the simulator.`
        : `Conformance of adapter "${report.adapter}": ${report.failed} of ${total} scenarios differ from the simulator.`,
  ];
  for (const item of report.cases) {
    if (item.ok) continue;
    lines.push('', `FAIL ${item.example} / ${item.scenario}`, ...item.differences.map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Plays one scenario through a fresh adapter and runtime. */
async function runCase(
  createAdapter: AdapterFactory,
  example: ConformanceExample,
  scenario: ConformanceScenario,
  options: ConformanceOptions,
): Promise<{ report: ConformanceCaseReport; adapterName: string | null }> {
  const expected = simulateCall(example.flow, scenario.scenario);
  const base = { example: example.name, scenario: scenario.name, expected };
  const limit = deadline(options.caseTimeoutMs ?? DEFAULT_CASE_TIMEOUT_MS, 'no call record');
  let under: AdapterUnderTest | null = null;
  let actual: CallRecord | null = null;
  const problems: string[] = [];
  try {
    under = await Promise.race([
      createAdapter({ example, scenario, startAt: Date.parse(scenario.scenario.call.at) }),
      limit.promise,
    ]);
    const store = createMemoryFlowSource({
      flows: [example.flow],
      routes: { [scenario.scenario.call.to]: example.flow.id },
    });
    const runtime = createRuntime({
      store,
      adapter: under.adapter,
      ...(under.directory !== undefined ? { directory: under.directory } : {}),
      records: createMemoryRecordSink(),
      logger: options.logger ?? silentLogger,
    });
    try {
      await Promise.race([runtime.start(), limit.promise]);
      const { callId } = await Promise.race([under.driver.placeCall(scenario.scenario), limit.promise]);
      actual = await Promise.race([runtime.callEnded(callId), limit.promise]);
    } finally {
      await runtime.shutdown({ timeoutMs: 0 });
    }
  } catch (error) {
    problems.push(`error: ${messageOf(error)}`);
  } finally {
    limit.cancel();
    try {
      await under?.dispose?.();
    } catch (error) {
      problems.push(`error while disposing of the adapter: ${messageOf(error)}`);
    }
  }
  if (actual !== null) {
    problems.push(...compareResults(expected, actual, options));
    if (actual.adapterErrors !== undefined) {
      for (const failure of actual.adapterErrors) {
        problems.push(`adapter error: command "${failure.command}" failed: ${failure.message}`);
      }
    }
  }
  return {
    report: { ...base, ok: problems.length === 0, differences: problems, actual },
    adapterName: under?.adapter.name ?? null,
  };
}

/**
 * The conformance kit: plays every scenario of every example of `world` through an adapter, via the
 * runtime host, and checks that the call record matches what flow-core's simulator computes for the
 * same scenario (outcome, answeredBy, missedReason, path, leg statuses, polls; times on request).
 * Each scenario runs on a fresh adapter from `createAdapter`, one after the other (or `concurrency`
 * at a time). Never throws for a failing adapter: every problem is in the report.
 *
 * @example
 * import { loadConformanceWorld, runConformance } from '@ringflow/flow-runtime-adapters/conformance';
 * import { createMemoryAdapter } from '@ringflow/flow-runtime-adapters/memory';
 *
 * const world = await loadConformanceWorld('examples');
 * const report = await runConformance(() => {
 *   const adapter = createMemoryAdapter();
 *   return { adapter, driver: adapter };
 * }, world);
 * process.stdout.write(report.text);
 */
export async function runConformance(
  createAdapter: AdapterFactory,
  world: ConformanceWorld,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const queue = world.examples.flatMap((example) =>
    example.scenarios
      .filter((scenario) => options.filter === undefined || options.filter(example.name, scenario.name))
      .map((scenario) => ({ example, scenario })),
  );
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `runConformance: concurrency must be a whole number of at least 1, got ${concurrency}`,
    );
  }
  const slots: (ConformanceCaseReport | undefined)[] = queue.map(() => undefined);
  let adapter = '(no adapter)';
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const index = next++;
      const { example, scenario } = queue[index]!;
      const { report, adapterName } = await runCase(createAdapter, example, scenario, options);
      if (adapterName !== null) adapter = adapterName;
      slots[index] = report;
      options.onCase?.(report);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  const cases = slots.filter((item): item is ConformanceCaseReport => item !== undefined);
  const failed = cases.filter((item) => !item.ok).length;
  const summary = {
    adapter,
    ok: failed === 0 && cases.length > 0,
    passed: cases.length - failed,
    failed,
    cases,
  };
  return { ...summary, text: formatConformanceReport(summary) };
}
