import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';

/**
 * The layout worker: runs ELK off the main thread so that a large flow does not freeze the canvas.
 * ELK's own bundle runs synchronously here (its "fake worker"), and stopping a layout means
 * terminating this worker (see `run-elk.ts`).
 */

/** A layout asked of the worker. */
export interface LayoutRequest {
  readonly id: number;
  readonly graph: ElkNode;
}

/** The worker's answer: the laid-out graph, or why ELK failed. */
export type LayoutResponse =
  { readonly id: number; readonly graph: ElkNode } | { readonly id: number; readonly error: string };

/** The part of a dedicated worker's global scope used here (the project types the DOM, not workers). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
}

const elk = new ELK();
const scope = self as unknown as WorkerScope;

// Set after the import on purpose: ELK's bundle installs its own handler when it sees a worker scope.
scope.onmessage = (event) => {
  const { id, graph } = event.data;
  elk.layout(graph).then(
    (result) => scope.postMessage({ id, graph: result }),
    (error: unknown) => scope.postMessage({ id, error: describeError(error) }),
  );
};

/** A readable reason from whatever ELK threw (its Java exceptions are not always `Error`s). */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
