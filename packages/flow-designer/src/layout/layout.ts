import type { FlowDocument } from '@ringflow/flow-core';
import { moveNodes } from '../editor/operations.js';
import { fromElkGraph, toElkGraph } from './elk-graph.js';
import type { NodePosition, NodeSize } from './elk-graph.js';
import { runElk } from './run-elk.js';

export type { NodePosition, NodeSize } from './elk-graph.js';

/** Options of {@link layoutFlow}. */
export interface LayoutFlowOptions {
  /**
   * The size of each node as the canvas measured it. A node missing here gets the size of a
   * typical node with its number of ports.
   */
  readonly sizes?: ReadonlyMap<string, NodeSize>;
  /** Stops the layout: the promise rejects with the signal's reason (an `AbortError`). */
  readonly signal?: AbortSignal;
}

/**
 * Tidies a flow: the new top-left corner of every node, laid out in columns from left to right in
 * the order a call goes through them. Each node's targets are stacked top to bottom in the order of
 * its ports (a menu's keys in keypad order), only the edges that close a loop go right to left,
 * nodes never overlap, there is room between columns for the port labels on the edges, and every
 * position is on the canvas's 20 px grid. The drawing keeps the flow's top-left corner.
 *
 * It runs ELK's layered algorithm in a web worker (in the page where there are no workers), loaded
 * on the first call. Nodes of an unknown kind and edges to missing nodes do not make it fail.
 *
 * @example
 * const positions = await layoutFlow(editor.flow);
 * editor.edit((draft) => applyLayout(draft, positions));
 */
export async function layoutFlow(
  flow: FlowDocument,
  options: LayoutFlowOptions = {},
): Promise<ReadonlyMap<string, NodePosition>> {
  const { sizes, signal } = options;
  if (signal?.aborted === true)
    throw signal.reason ?? new DOMException('The layout was aborted.', 'AbortError');
  const layout = toElkGraph(flow, sizes);
  if ((layout.graph.children ?? []).length === 0) return new Map();
  const result = await runElk(layout.graph, signal);
  return fromElkGraph(flow, layout, result);
}

/**
 * Moves the nodes of a draft to the positions {@link layoutFlow} computed, and returns how many
 * moved. Nodes already in place are not touched, so a flow that is already tidy gives no undo
 * step; nodes added since the layout was computed stay where they are.
 */
export function applyLayout(draft: FlowDocument, positions: ReadonlyMap<string, NodePosition>): number {
  const moved = new Map<string, NodePosition>();
  for (const node of draft.nodes) {
    const position = positions.get(node.id);
    if (position !== undefined && (position.x !== node.position.x || position.y !== node.position.y)) {
      moved.set(node.id, position);
    }
  }
  if (moved.size > 0) moveNodes(draft, moved);
  return moved.size;
}
