import { getNodeKind } from '@ringflow/flow-core';
import type { FlowDocument, FlowEdge, FlowNode, NodeKindId, RegisteredNodeKind } from '@ringflow/flow-core';

/**
 * The editing operations of the designer, as functions that change an immer draft of the flow
 * document. Each user action is one call inside one `edit` (see `useFlowEditor`), so it is one undo
 * step. None of them checks the flow: flow-core validates the result after every edit.
 */

/** Where a new node is placed, in flow coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * The configuration a node starts with when an admin adds it. It is what a new node needs to be
 * useful straight away; where a choice has to be made (which schedule, which number), it is left
 * empty and flow-core reports it until the admin fills it in the inspector.
 */
export const NEW_NODE_CONFIGS: { readonly [K in NodeKindId]: () => FlowNodeConfig<K> } = {
  announcement: () => ({ sound: { tts: { text: '' } }, loops: 1, answer: true }),
  menu: () => ({
    prompt: { tts: { text: '' } },
    options: { '1': { label: '' } },
    timeoutSeconds: 5,
    attempts: 3,
  }),
  businessHours: () => ({ schedule: '' }),
  ringGroup: () => kindDefaults('ringGroup'),
  agentCondition: () => kindDefaults('agentCondition'),
  callerMatch: () => kindDefaults('callerMatch'),
  poll: () => ({
    id: 'satisfaction',
    questions: [{ id: 'q1', prompt: { tts: { text: '' } }, min: 1, max: 5 }],
    timeoutSeconds: 5,
  }),
  voicemail: () => ({ mailbox: 'default', maxSeconds: 120 }),
  forward: () => ({ number: '', ringSeconds: 30, callerId: 'caller' }),
  hangup: () => kindDefaults('hangup'),
} as const;

/** The configuration type of one kind, as flow-core parses it. */
export type FlowNodeConfig<K extends NodeKindId> = Extract<FlowNode, { kind: K }>['config'];

/** The defaults of a kind whose every field has one. */
function kindDefaults<K extends NodeKindId>(kind: K): FlowNodeConfig<K> {
  return (getNodeKind(kind) as RegisteredNodeKind).config.parse({}) as FlowNodeConfig<K>;
}

/** A new id made of `prefix` and the first number not taken in `taken`. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  const base = /^[A-Za-z]/.test(prefix) ? prefix : `n-${prefix}`;
  for (let n = 1; ; n += 1) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Every node and edge id of the flow (they share one namespace for new ids). */
function takenIds(flow: FlowDocument): Set<string> {
  return new Set([...flow.nodes.map((n) => n.id), ...flow.edges.map((e) => e.id)]);
}

/** Adds a node of `kind` at `position`; the first node of a flow becomes its entry. Returns its id. */
export function addNode(draft: FlowDocument, kind: NodeKindId, position: Point): string {
  const id = freshId(kind, takenIds(draft));
  const node = { id, kind, position: { x: position.x, y: position.y }, config: NEW_NODE_CONFIGS[kind]() };
  draft.nodes.push(node as FlowNode);
  if (draft.nodes.length === 1 || !draft.nodes.some((n) => n.id === draft.entry)) draft.entry = id;
  return id;
}

/**
 * Connects `port` of node `source` to node `target`. A port leads to one node: an edge already on
 * that port is moved to the new target.
 */
export function connect(draft: FlowDocument, source: string, port: string, target: string): void {
  const existing = draft.edges.find((edge) => edge.source === source && edge.port === port);
  if (existing !== undefined) {
    existing.target = target;
    return;
  }
  const edge: FlowEdge = { id: freshId(`e-${source}-${port}`, takenIds(draft)), source, port, target };
  draft.edges.push(edge);
}

/** Removes the edge on `port` of node `source`, if any. */
export function disconnect(draft: FlowDocument, source: string, port: string): void {
  draft.edges = draft.edges.filter((edge) => !(edge.source === source && edge.port === port));
}

/** The ids to delete: nodes, and edges (an edge of a deleted node goes with it). */
export interface ElementIds {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

/**
 * Deletes nodes and edges. The edges of a deleted node go with it. When the entry node is deleted,
 * the entry moves to the first remaining node, so the flow keeps a place to start.
 */
export function deleteElements(draft: FlowDocument, ids: ElementIds): void {
  const nodes = new Set(ids.nodes);
  const edges = new Set(ids.edges);
  draft.nodes = draft.nodes.filter((node) => !nodes.has(node.id));
  draft.edges = draft.edges.filter(
    (edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target),
  );
  if (nodes.has(draft.entry)) draft.entry = draft.nodes[0]?.id ?? draft.entry;
}

/** Moves nodes to new positions. */
export function moveNodes(draft: FlowDocument, positions: ReadonlyMap<string, Point>): void {
  for (const node of draft.nodes) {
    const position = positions.get(node.id);
    if (position !== undefined) node.position = { x: position.x, y: position.y };
  }
}

/** What the clipboard holds: copied nodes and the edges between them, as plain JSON. */
export interface ClipboardContent {
  readonly format: 'ringflow.clipboard/v1';
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

/** The selected nodes and the edges between two of them, ready for the clipboard. */
export function copyNodes(flow: FlowDocument, nodeIds: readonly string[]): ClipboardContent {
  const ids = new Set(nodeIds);
  return structuredClone({
    format: 'ringflow.clipboard/v1' as const,
    nodes: flow.nodes.filter((node) => ids.has(node.id)),
    edges: flow.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
  });
}

/** Reads clipboard text written by {@link copyNodes}; anything else is `undefined`. */
export function readClipboard(text: string): ClipboardContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<ClipboardContent> | null;
    if (value === null || typeof value !== 'object' || value.format !== 'ringflow.clipboard/v1')
      return undefined;
    if (!Array.isArray(value.nodes) || !Array.isArray(value.edges)) return undefined;
    const kindsKnown = value.nodes.every(
      (node: unknown) =>
        typeof node === 'object' &&
        node !== null &&
        typeof (node as FlowNode).id === 'string' &&
        getNodeKind((node as FlowNode).kind) !== undefined,
    );
    return kindsKnown ? (value as ClipboardContent) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Pastes copied nodes with new ids, shifted by `offset`, with the edges between them. Returns the
 * new node ids (the designer selects them).
 */
export function pasteNodes(draft: FlowDocument, content: ClipboardContent, offset: Point): string[] {
  const taken = takenIds(draft);
  const renamed = new Map<string, string>();
  for (const node of content.nodes) {
    const id = freshId(node.kind, taken);
    taken.add(id);
    renamed.set(node.id, id);
    draft.nodes.push({
      ...structuredClone(node),
      id,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
    });
  }
  for (const edge of content.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (source === undefined || target === undefined) continue;
    const id = freshId(`e-${source}-${edge.port}`, taken);
    taken.add(id);
    draft.edges.push({ id, source, port: edge.port, target });
  }
  if (!draft.nodes.some((node) => node.id === draft.entry)) draft.entry = draft.nodes[0]?.id ?? draft.entry;
  return [...renamed.values()];
}

/** The node with `id` in a draft, or `undefined`. */
export function findNode(draft: FlowDocument, id: string): FlowNode | undefined {
  return draft.nodes.find((node) => node.id === id);
}

/**
 * Where to put a node added "next to" others: to the right of the right-most of them, or, with
 * nothing selected, to the right of the whole flow (the origin on an empty canvas).
 */
export function placeNextTo(flow: FlowDocument, nodeIds: readonly string[]): Point {
  const ids = new Set(nodeIds);
  const near = flow.nodes.filter((node) => ids.has(node.id));
  const from = near.length > 0 ? near : flow.nodes;
  if (from.length === 0) return { x: 0, y: 0 };
  const right = from.reduce((best, node) => (node.position.x > best.position.x ? node : best));
  const x = right.position.x + 320;
  // Below anything already in that column, so a second click does not stack nodes.
  const column = flow.nodes.filter((node) => Math.abs(node.position.x - x) < 160);
  const y = column.length === 0 ? right.position.y : Math.max(...column.map((node) => node.position.y)) + 200;
  return { x, y };
}
