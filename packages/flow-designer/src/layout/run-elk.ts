import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';
import type { LayoutRequest, LayoutResponse } from './layout.worker.js';

/**
 * Runs ELK on a graph. In a browser it runs in one module worker, created on the first layout and
 * reused after, so that neither ELK's 1.5 MB nor its work weighs on the designer's page; where
 * there is no `Worker` (Node, jsdom) or the worker cannot start, ELK is imported and run in the
 * page. Either way ELK is loaded only when a layout is asked for.
 */

interface Job {
  readonly request: LayoutRequest;
  readonly resolve: (graph: ElkNode) => void;
  readonly reject: (reason: unknown) => void;
}

let worker: Worker | undefined;
/** Set when a worker could not be created or failed to load: the page runs ELK from then on. */
let workerUnavailable = false;
/** Layouts sent to the worker and not answered yet, in the order sent. */
const jobs = new Map<number, Job>();
let nextJobId = 1;
let inPageElk: Promise<ELK> | undefined;

/** Lays out `graph` with ELK. Rejects with the signal's reason (an `AbortError`) when aborted. */
export function runElk(graph: ElkNode, signal?: AbortSignal): Promise<ElkNode> {
  if (signal?.aborted === true) return Promise.reject(abortReason(signal));
  return new Promise<ElkNode>((resolve, reject) => {
    let cancel = (): void => undefined;
    const onAbort = (): void => {
      cancel();
      reject(abortReason(signal as AbortSignal));
    };
    const settle =
      <T>(callback: (value: T) => void) =>
      (value: T): void => {
        signal?.removeEventListener('abort', onAbort);
        callback(value);
      };
    signal?.addEventListener('abort', onAbort, { once: true });
    const id = nextJobId;
    nextJobId += 1;
    const job: Job = { request: { id, graph }, resolve: settle(resolve), reject: settle(reject) };
    const running = startWorker();
    if (running !== undefined) {
      jobs.set(id, job);
      running.postMessage(job.request);
      cancel = () => cancelJob(id);
    } else {
      // ELK cannot be interrupted in the page: an aborted layout finishes and its result is dropped.
      runInPage(job);
    }
  });
}

/** The worker that runs the layouts, started when needed; `undefined` where there can be none. */
function startWorker(): Worker | undefined {
  if (worker !== undefined) return worker;
  if (workerUnavailable || typeof Worker === 'undefined') return undefined;
  let started: Worker;
  try {
    // Written out in full so that Vite bundles the worker and its copy of ELK as a chunk of its own.
    started = new Worker(new URL('./layout.worker.ts', import.meta.url), {
      type: 'module',
      name: 'ringflow-layout',
    });
  } catch {
    // A content security policy may forbid workers: the page runs ELK instead.
    workerUnavailable = true;
    return undefined;
  }
  worker = started;
  started.addEventListener('message', (event: MessageEvent<LayoutResponse>) => {
    const job = jobs.get(event.data.id);
    // An aborted layout's answer can still arrive: nobody waits for it any more.
    if (job === undefined) return;
    jobs.delete(event.data.id);
    if ('graph' in event.data) job.resolve(event.data.graph);
    else job.reject(new Error(`The layout failed: ${event.data.error}`));
  });
  started.addEventListener('error', (event) => {
    // The worker script did not load or crashed: what it had to do is done in the page.
    event.preventDefault();
    workerUnavailable = true;
    started.terminate();
    if (worker === started) worker = undefined;
    const pending = [...jobs.values()];
    jobs.clear();
    for (const job of pending) runInPage(job);
  });
  return started;
}

/**
 * Forgets an aborted layout. The worker may be busy with it, and ELK cannot be interrupted, so the
 * worker is stopped and the layouts still waiting are handed to a new one.
 */
function cancelJob(id: number): void {
  if (!jobs.delete(id)) return;
  worker?.terminate();
  worker = undefined;
  if (jobs.size === 0) return;
  const next = startWorker();
  if (next === undefined) {
    const pending = [...jobs.values()];
    jobs.clear();
    for (const job of pending) runInPage(job);
    return;
  }
  for (const job of jobs.values()) next.postMessage(job.request);
}

function runInPage(job: Job): void {
  inPageElk ??= import('elkjs/lib/elk.bundled.js').then(
    ({ default: ElkConstructor }) => new ElkConstructor(),
    (error: unknown) => {
      // A failed download (offline) is tried again by the next layout.
      inPageElk = undefined;
      throw error;
    },
  );
  inPageElk.then((elk) => elk.layout(job.request.graph)).then(job.resolve, job.reject);
}

/** Why a layout stopped: the signal's reason, an `AbortError` unless the caller gave another. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The layout was aborted.', 'AbortError');
}
