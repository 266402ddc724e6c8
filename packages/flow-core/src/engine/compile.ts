import type { FlowDocument } from '../document/schema.js';
import { holidayCatalogueGeneration } from '../schedule/holiday-catalogue.js';
import { validateFlow } from '../validation/validate.js';
import { buildFlowData, type CompiledFlowData } from './flow-data.js';
import { createFlowMachine, type FlowMachine } from './machine.js';

/** A flow ready to run calls: its xstate machine and everything computed once per version. */
export interface CompiledFlow {
  readonly flow: FlowDocument;
  readonly data: CompiledFlowData;
  readonly machine: FlowMachine;
}

// The holiday catalogue's generation is part of the key: schedules are compiled with its holidays.
const cache = new WeakMap<object, { readonly generation: number; readonly compiled: CompiledFlow }>();

/**
 * Compiles a flow document into a runnable flow, once per document object: later calls with the
 * same object return the cached result, so a call never pays for a compile. Publish a new version
 * as a new object. Throws a TypeError for a flow with validation errors (validate it first).
 *
 * @example
 * const compiled = compileFlow(flow);
 * const session = createCallSession(compiled, { call, clock, directory, onCommand });
 */
export function compileFlow(flow: FlowDocument): CompiledFlow {
  const cached = cache.get(flow);
  if (cached?.generation === holidayCatalogueGeneration()) return cached.compiled;
  const report = validateFlow(flow);
  if (!report.ok) {
    const first = report.errors[0]!;
    throw new TypeError(`compileFlow: the flow has errors (${first.code}: ${first.message})`);
  }
  const data = buildFlowData(report.flow!);
  const compiled: CompiledFlow = { flow: report.flow!, data, machine: createFlowMachine(data) };
  cache.set(flow, { generation: holidayCatalogueGeneration(), compiled });
  return compiled;
}
