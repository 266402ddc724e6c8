/**
 * Runs ringflow's conformance kit on the ToyPBX adapter: every scenario of every example of this
 * repository, played through the adapter (on a ToyPBX simulated in memory) via the runtime host,
 * compared with what flow-core's simulator computes.
 *
 *   npx tsx examples/adapters/toy-pbx/conformance.ts
 *
 * See docs/adapters/writing-an-adapter.md.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadConformanceWorld,
  runConformance,
  type AdapterFactory,
  type ConformanceReport,
} from '@ringflow/flow-runtime-adapters/conformance';
import { createMemoryAdapter } from '@ringflow/flow-runtime-adapters/memory';
import { createToyPbxAdapter } from './toy-pbx-adapter.js';
import { createToyPbxSimulator } from './toy-pbx-simulator.js';

/** One ToyPBX (simulated) and its adapter per scenario; the memory adapter places the calls. */
export const createToyPbxUnderTest: AdapterFactory = ({ example }) => {
  const memory = createMemoryAdapter();
  const optOutDigit = example.flow.settings.recording.optOutDigit;
  const client = createToyPbxSimulator(memory, optOutDigit !== undefined ? { optOutDigit } : {});
  return {
    adapter: createToyPbxAdapter({ client, clock: memory.clock }),
    driver: memory,
    // ToyPBX knows no presences: the scenario's, from the simulated PBX.
    directory: memory.directory,
  };
};

/** Plays the examples' scenarios through the ToyPBX adapter. */
export async function checkToyPbx(): Promise<ConformanceReport> {
  const examples = fileURLToPath(new URL('../../', import.meta.url));
  return runConformance(createToyPbxUnderTest, await loadConformanceWorld(examples));
}

// Run as a script (not when a test imports it).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = await checkToyPbx();
  process.stdout.write(report.text);
  process.exitCode = report.ok ? 0 : 1;
}
