import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseFlowText, parseScenarioText, type FlowDocument, type Scenario } from '@ringflow/flow-core';

/** One scenario of an example, with its file name (without `.json`) as its name. */
export interface ConformanceScenario {
  readonly name: string;
  readonly scenario: Scenario;
}

/** A flow and the scenarios played on it. */
export interface ConformanceExample {
  readonly name: string;
  readonly flow: FlowDocument;
  readonly scenarios: readonly ConformanceScenario[];
}

/**
 * What the conformance kit plays: flows with their scenarios (DESIGN 6). It says nothing about a
 * PBX: how to make a PBX behave like a scenario is the adapter's driver.
 */
export interface ConformanceWorld {
  readonly examples: readonly ConformanceExample[];
}

const exists = async (path: string, kind: 'file' | 'dir') => {
  try {
    const info = await stat(path);
    return kind === 'file' ? info.isFile() : info.isDirectory();
  } catch {
    return false;
  }
};

/**
 * Loads a world from a folder laid out as ringflow's `examples/`: one folder per example holding a
 * `flow.json` and a `scenarios/` folder of scenario files. Folders without `flow.json` are skipped.
 * Throws an Error naming the file when a flow or a scenario is invalid.
 *
 * @example
 * const world = await loadConformanceWorld('node_modules/ringflow/examples');
 */
export async function loadConformanceWorld(dir: string): Promise<ConformanceWorld> {
  const examples: ConformanceExample[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const folder = join(dir, name);
    const flowPath = join(folder, 'flow.json');
    if (!(await exists(flowPath, 'file'))) continue;
    const parsed = parseFlowText(await readFile(flowPath, 'utf8'));
    if (!parsed.ok) throw new Error(`${flowPath}: ${parsed.issues[0]!.message}`);
    const scenarioDir = join(folder, 'scenarios');
    const scenarios: ConformanceScenario[] = [];
    if (await exists(scenarioDir, 'dir')) {
      for (const file of (await readdir(scenarioDir)).filter((f) => f.endsWith('.json')).sort()) {
        const path = join(scenarioDir, file);
        const scenario = parseScenarioText(await readFile(path, 'utf8'));
        if (!scenario.ok) throw new Error(`${path}: ${scenario.issues[0]!.message}`);
        scenarios.push({ name: basename(file, '.json'), scenario: scenario.scenario });
      }
    }
    examples.push({ name, flow: parsed.flow, scenarios });
  }
  return { examples };
}
