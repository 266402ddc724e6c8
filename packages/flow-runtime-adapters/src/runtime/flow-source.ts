import type { FlowDocument } from '@ringflow/flow-core';

/** A published version of a flow: the document and the store's name for the version. */
export interface PublishedFlow {
  readonly flow: FlowDocument;
  /**
   * The version's name in the store (a number, a hash...). A version never changes once
   * published: the runtime compiles each (flow id, version) once and reuses it.
   */
  readonly version: string | number;
}

/**
 * Where the runtime finds which flow answers a number, and the version of that flow in service.
 * The runtime asks both when a call arrives, and only then: a version published meanwhile applies
 * to the next calls, while calls in progress finish on the version they started with.
 * The runtime needs nothing else from a store: `createMemoryFlowSource` is the smallest one, and
 * the full stores of `@ringflow/flow-runtime-adapters/store` (folder, memory: drafts, history,
 * routing table) implement it too.
 */
export interface FlowSource {
  /** The id of the flow that answers calls to `number` (the number dialed), or undefined. */
  routeNumber(number: string): Promise<string | undefined> | string | undefined;
  /** The version of `flowId` in service, or undefined when the flow has no published version. */
  getPublished(flowId: string): Promise<PublishedFlow | undefined> | PublishedFlow | undefined;
}

/** A flow source in memory, for tests, the conformance kit and trying the runtime. */
export interface MemoryFlowSource extends FlowSource {
  /**
   * Publishes a version of `flow` (under `flow.id`); it serves the calls that arrive from now on.
   * Returns the version: `version`, or one more than the last number published for the flow.
   */
  publish(flow: FlowDocument, version?: string | number): string | number;
  /** Sends calls to `number` to the flow `flowId` (replacing the route the number had). */
  route(number: string, flowId: string): void;
  /** Removes the route of `number`: its calls are refused. */
  unroute(number: string): void;
}

/**
 * A flow source in memory: publish flows and route numbers to them by hand.
 *
 * @example
 * const store = createMemoryFlowSource();
 * store.publish(flow); // version 1
 * store.route('+33180000000', flow.id);
 */
export function createMemoryFlowSource(
  initial: { flows?: readonly FlowDocument[]; routes?: Readonly<Record<string, string>> } = {},
): MemoryFlowSource {
  const published = new Map<string, PublishedFlow>();
  const counters = new Map<string, number>();
  const routes = new Map<string, string>(Object.entries(initial.routes ?? {}));
  const store: MemoryFlowSource = {
    routeNumber: (number) => routes.get(number),
    getPublished: (flowId) => published.get(flowId),
    publish(flow, version) {
      const next = version ?? (counters.get(flow.id) ?? 0) + 1;
      if (typeof next === 'number') counters.set(flow.id, Math.max(counters.get(flow.id) ?? 0, next));
      published.set(flow.id, { flow, version: next });
      return next;
    },
    route(number, flowId) {
      routes.set(number, flowId);
    },
    unroute(number) {
      routes.delete(number);
    },
  };
  for (const flow of initial.flows ?? []) store.publish(flow);
  return store;
}
