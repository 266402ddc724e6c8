import type { FlowNode } from '@ringflow/flow-core';
import { createContext } from 'react';

/*
 * Contextual zoom. Zoomed out far enough, the canvas shows a flow's shape, not its words: at zoom 0.2
 * a node's 12 px text is 2.4 px high and an edge label 2 px, grey smudges nobody reads. Below that
 * zoom the nodes draw a compact body (their frame, the header in the category colour, the handles
 * where the port lines are) and the edges no label: a 500-node flow, which opens at zoom 0.1, draws
 * about a third of the elements, so it opens and drags about as fast as a bare React Flow canvas.
 * Zooming in draws the details again. A compact node keeps the height its details take (measured
 * once they have been drawn, estimated before), so the edges stay where they were.
 */

/** The zoom from which nodes show their details and edges their labels. */
export const MIN_DETAIL_ZOOM = 0.2;

/** Whether nodes and edges are drawn in full at `zoom`. */
export function detailedAt(zoom: number): boolean {
  return zoom >= MIN_DETAIL_ZOOM;
}

/** Whether the canvas draws nodes and edge labels in full (true unless its zoom is below the limit). */
export const CanvasDetailContext = createContext(true);

/** Heights of a node's parts in full, in flow pixels (styles.css, measured in Chromium). */
const BORDERS = 4;
const HEADER = 20;
const LABEL = 18;
/** Two lines of summary, the most common; a node drawn in full tells its own height. */
const SUMMARY = 34;
/** The port list: one 16 px line per port, 2 px of padding above and below, a 1 px rule. */
const PORT_LINE = 16;
const PORT_LIST_EXTRA = 5;

/** Full heights of nodes once drawn, by their configuration and label (a move keeps both). */
const fullHeights = new WeakMap<object, { readonly label: string | undefined; readonly height: number }>();

/** Remembers the height `node` takes when drawn in full, for its compact body. */
export function rememberFullHeight(node: FlowNode, height: number): void {
  if (typeof node.config === 'object' && node.config !== null && height > 0) {
    fullHeights.set(node.config, { label: node.label, height });
  }
}

/** The height `node` with `ports` output ports takes in full: as last drawn, else estimated. */
export function fullHeightOf(node: FlowNode, ports: number): number {
  const known =
    typeof node.config === 'object' && node.config !== null ? fullHeights.get(node.config) : undefined;
  if (known !== undefined && known.label === node.label) return known.height;
  return BORDERS + HEADER + LABEL + SUMMARY + (ports > 0 ? ports * PORT_LINE + PORT_LIST_EXTRA : 0);
}

/**
 * Where the middle of port line `index` of `ports` lies in a node of `height`, from the node's top:
 * the port list closes the node (a 1 px rule, 2 px of padding, 16 px lines, 2 px, the 2 px border).
 */
export function portLineMiddle(height: number, ports: number, index: number): number {
  return height - 2 - PORT_LIST_EXTRA + 3 + index * PORT_LINE + PORT_LINE / 2 - ports * PORT_LINE;
}
