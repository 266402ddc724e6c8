import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayoutRequest } from './layout.worker.js';

/** Stands for the browser's Worker: records what it is sent and answers when the test says so. */
class FakeWorker extends EventTarget {
  static created: FakeWorker[] = [];
  readonly received: LayoutRequest[] = [];
  terminated = false;

  constructor(
    readonly url: URL | string,
    readonly options: WorkerOptions | undefined,
  ) {
    super();
    FakeWorker.created.push(this);
  }

  postMessage(request: LayoutRequest): void {
    this.received.push(request);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Answers a request as layout.worker.ts does. */
  answer(request: LayoutRequest, data: object = { graph: { ...request.graph, x: 0, y: 0 } }): void {
    this.dispatchEvent(new MessageEvent('message', { data: { id: request.id, ...data } }));
  }

  /** The script did not load (what a browser reports with an `error` event). */
  crash(): void {
    this.dispatchEvent(new Event('error', { cancelable: true }));
  }
}

const graph = (id: string): ElkNode => ({
  id,
  layoutOptions: { 'org.eclipse.elk.algorithm': 'org.eclipse.elk.layered' },
  children: [
    { id: 'a', width: 100, height: 50 },
    { id: 'b', width: 100, height: 50 },
  ],
  edges: [{ id: 'e', sources: ['a'], targets: ['b'] }],
});

/** run-elk with no worker started yet (its worker lives in module state). */
async function freshRunElk() {
  vi.resetModules();
  return (await import('./run-elk.js')).runElk;
}

describe('runElk in a browser', () => {
  beforeEach(() => {
    FakeWorker.created = [];
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('starts one module worker on the first layout and reuses it', async () => {
    const runElk = await freshRunElk();
    const first = runElk(graph('first'));
    const second = runElk(graph('second'));
    expect(FakeWorker.created).toHaveLength(1);
    const worker = FakeWorker.created[0] as FakeWorker;
    expect(String(worker.url)).toContain('layout.worker');
    expect(worker.options?.type).toBe('module');
    expect(worker.received.map((request) => request.graph.id)).toEqual(['first', 'second']);
    worker.answer(worker.received[1] as LayoutRequest);
    worker.answer(worker.received[0] as LayoutRequest);
    await expect(first).resolves.toMatchObject({ id: 'first', x: 0 });
    await expect(second).resolves.toMatchObject({ id: 'second', x: 0 });
    void runElk(graph('third'));
    expect(FakeWorker.created).toHaveLength(1);
    expect(worker.received.map((request) => request.graph.id)).toEqual(['first', 'second', 'third']);
  });

  it('stops the worker of an aborted layout and hands the others to a new one', async () => {
    const runElk = await freshRunElk();
    const controller = new AbortController();
    const aborted = runElk(graph('aborted'), controller.signal);
    const kept = runElk(graph('kept'));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const [old, replacement] = FakeWorker.created as [FakeWorker, FakeWorker];
    expect(old.terminated).toBe(true);
    expect(replacement.received.map((request) => request.graph.id)).toEqual(['kept']);
    // A late answer of the stopped worker is ignored.
    old.answer(old.received[0] as LayoutRequest);
    replacement.answer(replacement.received[0] as LayoutRequest);
    await expect(kept).resolves.toMatchObject({ id: 'kept' });
  });

  it('rejects with the reason ELK gave', async () => {
    const runElk = await freshRunElk();
    const layout = runElk(graph('bad'));
    const worker = FakeWorker.created[0] as FakeWorker;
    worker.answer(worker.received[0] as LayoutRequest, { error: 'Invalid port id' });
    await expect(layout).rejects.toThrow('The layout failed: Invalid port id');
  });

  it('runs ELK in the page when the worker cannot load, from then on', async () => {
    const runElk = await freshRunElk();
    const layout = runElk(graph('fallback'));
    (FakeWorker.created[0] as FakeWorker).crash();
    const result = await layout;
    const [a, b] = result.children ?? [];
    expect((b?.x ?? 0) > (a?.x ?? 0)).toBe(true);
    await runElk(graph('later'));
    expect(FakeWorker.created).toHaveLength(1);
  }, 30_000);
});
