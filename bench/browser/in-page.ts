/// <reference lib="dom" />

/*
 * Functions the designer benchmark runs inside the page (page.evaluate / page.waitForFunction).
 * Playwright sends their source text, so each must stand alone: no import, no outer variable.
 */

/**
 * tsx (esbuild's keepNames) wraps a function's inner named functions in `__name(fn, "name")`, which
 * exists in Node but not in the page: this init script gives the page a `__name` that does nothing.
 */
export const NAME_SHIM = 'globalThis.__name = (target) => target;';

interface BenchWindow extends Window {
  benchFrames?: number[];
  benchRecording?: boolean;
}

/** What `renderedNode` answers once the flow is drawn. */
export interface RenderedNode {
  /** The centre of the node, in page pixels. */
  readonly x: number;
  readonly y: number;
  /** performance.now(): milliseconds since navigation start. */
  readonly at: number;
}

/**
 * Once every node and every edge of the flow is drawn (React Flow draws an edge only after both of
 * its nodes are measured), the centre of node `id` and the time; false before.
 */
export function renderedNode(expected: {
  readonly nodes: number;
  readonly edges: number;
  readonly id: string;
}): RenderedNode | false {
  if (document.querySelectorAll('.react-flow__node').length !== expected.nodes) return false;
  if (document.querySelectorAll('.react-flow__edge').length !== expected.edges) return false;
  const node = document.querySelector(`.react-flow__node[data-id="${expected.id}"]`);
  if (node === null) return false;
  const box = node.getBoundingClientRect();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, at: performance.now() };
}

/** How many nodes and edges React Flow has drawn. */
export function drawnCounts(): { nodes: number; edges: number } {
  return {
    nodes: document.querySelectorAll('.react-flow__node').length,
    edges: document.querySelectorAll('.react-flow__edge').length,
  };
}

/** The time node `id` is selected (React Flow's `selected` class), false before. */
export function selectedAt(id: string): number | false {
  const node = document.querySelector(`.react-flow__node[data-id="${id}"]`);
  return node !== null && node.classList.contains('selected') ? performance.now() : false;
}

/** Starts recording the timestamp of every frame (requestAnimationFrame's time, the frame's start). */
export function startFrames(): void {
  const page = window as BenchWindow;
  const frames: number[] = [];
  page.benchFrames = frames;
  page.benchRecording = true;
  const record = (time: number) => {
    if (page.benchRecording !== true) return;
    frames.push(time);
    requestAnimationFrame(record);
  };
  requestAnimationFrame(record);
}

/** Stops recording frames; returns their timestamps. */
export function stopFrames(): number[] {
  const page = window as BenchWindow;
  page.benchRecording = false;
  return page.benchFrames ?? [];
}

/** Whether the designer measured its validation `count` times since the measures were last cleared. */
export function validationsReached(count: number): boolean {
  return performance.getEntriesByName('ringflow:validate').length >= count;
}

/** Forgets the validations measured so far. */
export function clearValidations(): void {
  performance.clearMeasures('ringflow:validate');
}

/** The duration of each validation measured since the measures were last cleared, in ms. */
export function validationDurations(): number[] {
  return performance.getEntriesByName('ringflow:validate').map((entry) => entry.duration);
}

/** Whether the element with keyboard focus is node `id`, where React Flow reads arrow keys. */
export function nodeHasFocus(id: string): boolean {
  return document.activeElement?.getAttribute('data-id') === id;
}
