/**
 * @ringflow/flow-runtime-adapters/conformance: the conformance kit. It plays flows and scenarios
 * through an adapter, via the runtime host, and compares each call record with what flow-core's
 * simulator computes; see docs/adapters/writing-an-adapter.md.
 *
 * @example
 * import { loadConformanceWorld, runConformance } from '@ringflow/flow-runtime-adapters/conformance';
 * const report = await runConformance(createMyAdapter, await loadConformanceWorld('examples'));
 * if (!report.ok) process.stdout.write(report.text);
 *
 * @packageDocumentation
 */

export { runConformance, formatConformanceReport } from './run.js';
export { loadConformanceWorld } from './world.js';
export { compareResults, diffLines } from './diff.js';

// Types.
export type {
  AdapterFactory,
  AdapterUnderTest,
  ConformanceCaseReport,
  ConformanceContext,
  ConformanceOptions,
  ConformanceReport,
} from './run.js';
export type { ConformanceExample, ConformanceScenario, ConformanceWorld } from './world.js';
export type { CompareOptions } from './diff.js';
