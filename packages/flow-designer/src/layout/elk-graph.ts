import { getNodeKind } from '@ringflow/flow-core';
import type { FlowDocument, FlowEdge, FlowNode } from '@ringflow/flow-core';
import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api.js';

/**
 * The flow as an ELK graph, and ELK's answer back as node positions. Pure functions with no ELK
 * code: the layout engine itself is loaded only when a layout is asked for (see `run-elk.ts`).
 */

/** A node's size on the canvas, in flow coordinates. */
export interface NodeSize {
  readonly width: number;
  readonly height: number;
}

/** A node's top-left corner, in flow coordinates. */
export interface NodePosition {
  readonly x: number;
  readonly y: number;
}

/** The canvas snaps moves to this grid (see `FlowCanvas`); a tidy layout lands on it too. */
export const LAYOUT_GRID = 20;

/** `.rf-node` is 240 px wide plus its 2 px borders (styles.css). */
export const DEFAULT_NODE_WIDTH = 244;

/**
 * What a node shows above its ports when it has not been measured yet: borders, the kind header,
 * the label line and a summary (see `NodeShell`). Measured in Chromium on the examples: 80 to 110.
 */
export const DEFAULT_NODE_BODY_HEIGHT = 100;

/** One output port line of a node (`.rf-node-port`, 16 px in Chromium). */
export const DEFAULT_PORT_ROW_HEIGHT = 16;

/**
 * ELK options of the designer's layout: layered, left to right, with room between the columns for
 * the port labels drawn on the edges, and between the rows for a label above or below a line.
 */
export const ELK_LAYOUT_OPTIONS: LayoutOptions = {
  'org.eclipse.elk.algorithm': 'org.eclipse.elk.layered',
  'org.eclipse.elk.direction': 'RIGHT',
  // Edge labels ("1 : Ventes", "Fermé") sit in the middle of an edge, between two columns.
  'org.eclipse.elk.layered.spacing.nodeNodeBetweenLayers': '160',
  'org.eclipse.elk.layered.spacing.edgeNodeBetweenLayers': '40',
  'org.eclipse.elk.layered.spacing.edgeEdgeBetweenLayers': '20',
  'org.eclipse.elk.spacing.nodeNode': '60',
  'org.eclipse.elk.spacing.edgeNode': '30',
  'org.eclipse.elk.spacing.edgeEdge': '20',
  'org.eclipse.elk.spacing.componentComponent': '80',
  // The children come in reading order (see `layoutOrder`) and each column keeps that order: a
  // menu's targets stay in keypad order, the same flow always gets the same drawing, and there is
  // no crossing minimization to pay for (several seconds on a flow of a few hundred nodes).
  'org.eclipse.elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
  'org.eclipse.elk.layered.interactiveReferencePoint': 'TOP_LEFT',
  'org.eclipse.elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  // Brandes-Köpf keeps large flows fast (network simplex takes seconds from a few hundred nodes).
  'org.eclipse.elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'org.eclipse.elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'org.eclipse.elk.layered.mergeEdges': 'false',
  'org.eclipse.elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

/** The output ports a node's kind declares, in display order (none for an unknown kind). */
function declaredPorts(node: FlowNode): string[] {
  const kind = getNodeKind(node.kind);
  if (kind === undefined) return [];
  try {
    return kind.portsOf(node.config).map((port) => port.id);
  } catch {
    // A config that does not parse (a hand-edited file) is still laid out, from its edges.
    return [];
  }
}

/** The size of a node never measured on a canvas: a header and one line per output port. */
export function defaultNodeSize(portCount: number): NodeSize {
  return {
    width: DEFAULT_NODE_WIDTH,
    height: DEFAULT_NODE_BODY_HEIGHT + portCount * DEFAULT_PORT_ROW_HEIGHT,
  };
}

/** Each node's targets, port by port in display order (known nodes only, no repeats). */
type Successors = ReadonlyMap<string, readonly string[]>;

/** The order the layout lists the nodes in, and the edges it draws right to left. */
export interface LayoutOrder {
  /**
   * The nodes depth first from the entry, each node's ports in display order (a menu's keys in
   * keypad order); then the nodes the entry does not reach, in document order. A node's targets
   * follow it, in port order, so this is the reading order of the flow. Duplicate ids keep their
   * first node.
   */
  readonly nodes: readonly FlowNode[];
  /**
   * The edges that close a loop (a "back to the menu" key), as `source\ntarget`: the edges of
   * that walk that go back to a node still being walked. Without them the flow has no loop.
   */
  readonly loops: ReadonlySet<string>;
  /** Each node's column when every edge but the loops goes one column or more to the right. */
  readonly columns: ReadonlyMap<string, number>;
}

/** The key of an edge in {@link LayoutOrder.loops}. */
export function loopKey(source: string, target: string): string {
  return `${source}\n${target}`;
}

/** The reading order of a flow and its loop edges (see {@link LayoutOrder}). */
export function layoutOrder(
  flow: FlowDocument,
  portsById: ReadonlyMap<string, readonly string[]>,
): LayoutOrder {
  const byId = new Map<string, FlowNode>();
  for (const node of flow.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const successors = successorsOf(flow, byId, portsById);
  const starts = [...(byId.has(flow.entry) ? [flow.entry] : []), ...byId.keys()];
  const { preorder, loops } = depthFirst(starts, successors);
  return {
    nodes: preorder.map((id) => byId.get(id) as FlowNode),
    loops,
    columns: columnsOf(successors, loops),
  };
}

/** Longest-path columns of the graph without its loop edges (Kahn's topological order). */
function columnsOf(successors: Successors, loops: ReadonlySet<string>): Map<string, number> {
  const incoming = new Map<string, number>();
  for (const id of successors.keys()) incoming.set(id, 0);
  for (const [source, targets] of successors) {
    for (const target of targets) {
      if (!loops.has(loopKey(source, target))) incoming.set(target, (incoming.get(target) ?? 0) + 1);
    }
  }
  const columns = new Map<string, number>();
  const ready = [...incoming].filter(([, count]) => count === 0).map(([id]) => id);
  for (const id of ready) columns.set(id, 0);
  for (let i = 0; i < ready.length; i += 1) {
    const source = ready[i] as string;
    const column = (columns.get(source) ?? 0) + 1;
    for (const target of successors.get(source) ?? []) {
      if (loops.has(loopKey(source, target))) continue;
      columns.set(target, Math.max(columns.get(target) ?? 0, column));
      const left = (incoming.get(target) ?? 0) - 1;
      incoming.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  return columns;
}

function successorsOf(
  flow: FlowDocument,
  byId: ReadonlyMap<string, FlowNode>,
  portsById: ReadonlyMap<string, readonly string[]>,
): Map<string, string[]> {
  const edges = edgesBySource(flow, byId);
  const successors = new Map<string, string[]>();
  for (const [id, out] of edges) {
    const ports = portsById.get(id) ?? [];
    const sorted = [...out].sort((a, b) => ports.indexOf(a.port) - ports.indexOf(b.port));
    successors.set(id, [...new Set(sorted.map((edge) => edge.target))]);
  }
  return successors;
}

/** The edges between known nodes, by source. */
function edgesBySource(flow: FlowDocument, known: { has(id: string): boolean }): Map<string, FlowEdge[]> {
  const bySource = new Map<string, FlowEdge[]>();
  for (const edge of flow.edges) {
    if (!known.has(edge.source) || !known.has(edge.target)) continue;
    const out = bySource.get(edge.source);
    if (out === undefined) bySource.set(edge.source, [edge]);
    else out.push(edge);
  }
  return bySource;
}

/**
 * The edges (`source\ntarget`) that go back to a node still being walked, depth first from each
 * start: without them the graph has no loop. Iterative, so a long chain cannot overflow the stack.
 */
function depthFirst(
  starts: readonly string[],
  successors: Successors,
): { preorder: string[]; loops: Set<string> } {
  const state = new Map<string, 'open' | 'done'>();
  const preorder: string[] = [];
  const loops = new Set<string>();
  for (const start of starts) {
    if (state.has(start)) continue;
    state.set(start, 'open');
    preorder.push(start);
    const stack: [string, number][] = [[start, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [string, number];
      const [id, next] = top;
      const targets = successors.get(id) ?? [];
      if (next >= targets.length) {
        state.set(id, 'done');
        stack.pop();
        continue;
      }
      top[1] = next + 1;
      const target = targets[next] as string;
      const seen = state.get(target);
      if (seen === 'open') loops.add(loopKey(id, target));
      else if (seen === undefined) {
        state.set(target, 'open');
        preorder.push(target);
        stack.push([target, 0]);
      }
    }
  }
  return { preorder, loops };
}

/** The ELK graph of a flow, and how to read node positions out of ELK's answer. */
export interface ElkFlowGraph {
  readonly graph: ElkNode;
  /** ELK child id to flow node id. */
  readonly nodeIds: ReadonlyMap<string, string>;
}

/**
 * Builds the ELK graph of a flow. ELK ids are generated (`n0`, `n0.p1`, `e3`) so that any string a
 * flow uses as an id is safe. Each node has one input on its west side and its output ports on the
 * east side in display order (a menu's keys in keypad order, then "no key" and "wrong key"). The
 * nodes come in reading order and ELK keeps that order in each column, so the targets of a node
 * are drawn top to bottom in the order of its ports. An edge that closes a loop is handed to ELK
 * reversed: ELK then sees no loop to break, and exactly those edges are drawn right to left.
 * Edges to or from a node that does not exist are left out; an unknown kind has the ports its
 * edges name.
 */
export function toElkGraph(flow: FlowDocument, sizes?: ReadonlyMap<string, NodeSize>): ElkFlowGraph {
  const known = new Set(flow.nodes.map((node) => node.id));
  const bySource = edgesBySource(flow, known);
  // Each node's ports in display order, then the ports only its edges still name (a removed key).
  const portsById = new Map<string, string[]>();
  const declaredCount = new Map<string, number>();
  for (const node of flow.nodes) {
    if (portsById.has(node.id)) continue;
    const ports = declaredPorts(node);
    declaredCount.set(node.id, ports.length);
    for (const edge of bySource.get(node.id) ?? []) if (!ports.includes(edge.port)) ports.push(edge.port);
    portsById.set(node.id, ports);
  }
  const { nodes: ordered, loops, columns } = layoutOrder(flow, portsById);
  const elkIds = new Map<string, string>();
  const nodeIds = new Map<string, string>();
  const children: ElkNode[] = ordered.map((node, index) => {
    const elkId = `n${index}`;
    elkIds.set(node.id, elkId);
    nodeIds.set(elkId, node.id);
    const ports = portsById.get(node.id) ?? [];
    const measured = sizes?.get(node.id);
    const size =
      measured !== undefined && isUsableSize(measured)
        ? measured
        : defaultNodeSize(declaredCount.get(node.id) ?? 0);
    const input: ElkPort = {
      id: `${elkId}.in`,
      width: 1,
      height: 1,
      layoutOptions: { 'org.eclipse.elk.port.side': 'WEST' },
    };
    const outputs = ports.map((_, portIndex): ElkPort => ({
      id: `${elkId}.p${portIndex}`,
      width: 1,
      height: 1,
      // The index counts clockwise from the top-left corner: on the east side, top to bottom.
      layoutOptions: { 'org.eclipse.elk.port.side': 'EAST', 'org.eclipse.elk.port.index': String(portIndex) },
    }));
    return {
      id: elkId,
      // Where the interactive crossing minimizer starts from: reading order down each column, and
      // long edges between their ends.
      x: (columns.get(node.id) ?? 0) * 400,
      y: index * 100,
      width: size.width,
      height: size.height,
      ports: [input, ...outputs],
      layoutOptions: {
        'org.eclipse.elk.portConstraints': 'FIXED_ORDER',
        // The call starts in the first column. Every edge into the entry closes a loop, so it has
        // none left once those are reversed, as ELK requires of a node in the first layer.
        ...(node.id === flow.entry ? { 'org.eclipse.elk.layered.layering.layerConstraint': 'FIRST' } : {}),
      },
    };
  });
  // Edges in reading order too, each node's in the order of its ports.
  const edges: ElkExtendedEdge[] = [];
  for (const node of ordered) {
    const source = elkIds.get(node.id) as string;
    const ports = portsById.get(node.id) ?? [];
    const out = [...(bySource.get(node.id) ?? [])].sort(
      (a, b) => ports.indexOf(a.port) - ports.indexOf(b.port),
    );
    for (const edge of out) {
      const from = `${source}.p${ports.indexOf(edge.port)}`;
      const to = `${elkIds.get(edge.target) as string}.in`;
      const reversed = edge.source !== edge.target && loops.has(loopKey(edge.source, edge.target));
      edges.push({
        id: `e${edges.length}`,
        sources: [reversed ? to : from],
        targets: [reversed ? from : to],
      });
    }
  }
  return { graph: { id: 'root', layoutOptions: ELK_LAYOUT_OPTIONS, children, edges }, nodeIds };
}

function isUsableSize(size: NodeSize): boolean {
  return Number.isFinite(size.width) && Number.isFinite(size.height) && size.width > 0 && size.height > 0;
}

/** `value` on the layout grid. */
export function snapToGrid(value: number): number {
  return Math.round(value / LAYOUT_GRID) * LAYOUT_GRID;
}

/**
 * The top-left corner of every node from ELK's answer, on the grid, with the whole drawing moved so
 * that its top-left corner stays where the flow's top-left corner was (the canvas does not jump).
 */
export function fromElkGraph(
  flow: FlowDocument,
  layout: ElkFlowGraph,
  result: ElkNode,
): Map<string, NodePosition> {
  const placed: { id: string; x: number; y: number }[] = [];
  let left = Infinity;
  let top = Infinity;
  for (const child of result.children ?? []) {
    const id = layout.nodeIds.get(child.id);
    if (id === undefined) continue;
    const x = Number.isFinite(child.x) ? (child.x as number) : 0;
    const y = Number.isFinite(child.y) ? (child.y as number) : 0;
    placed.push({ id, x, y });
    left = Math.min(left, x);
    top = Math.min(top, y);
  }
  let originX = Infinity;
  let originY = Infinity;
  for (const node of flow.nodes) {
    if (Number.isFinite(node.position.x)) originX = Math.min(originX, node.position.x);
    if (Number.isFinite(node.position.y)) originY = Math.min(originY, node.position.y);
  }
  const anchorX = Number.isFinite(originX) ? snapToGrid(originX) : 0;
  const anchorY = Number.isFinite(originY) ? snapToGrid(originY) : 0;
  const positions = new Map<string, NodePosition>();
  for (const { id, x, y } of placed) {
    positions.set(id, { x: anchorX + snapToGrid(x - left), y: anchorY + snapToGrid(y - top) });
  }
  return positions;
}
