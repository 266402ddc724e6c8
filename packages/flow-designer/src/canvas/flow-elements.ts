import { getNodeKind } from '@ringflow/flow-core';
import type { FlowDocument, FlowEdge, FlowIssue, FlowNode } from '@ringflow/flow-core';
import type { Edge } from '@xyflow/react';
import type { Translator } from '../i18n/i18n.js';
import { sameIssues } from '../nodes/index.js';
import type { DesignerNode } from '../nodes/index.js';

/** Issues grouped by the node or edge they are about. */
export interface IssuesByElement {
  readonly nodes: ReadonlyMap<string, readonly FlowIssue[]>;
  readonly edges: ReadonlyMap<string, readonly FlowIssue[]>;
}

const NO_ISSUES: readonly FlowIssue[] = [];

/** Groups flow-core issues by node id and by edge id. */
export function groupIssues(issues: readonly FlowIssue[]): IssuesByElement {
  const nodes = new Map<string, FlowIssue[]>();
  const edges = new Map<string, FlowIssue[]>();
  for (const issue of issues) {
    if (issue.nodeId !== undefined) nodes.set(issue.nodeId, [...(nodes.get(issue.nodeId) ?? []), issue]);
    if (issue.edgeId !== undefined) edges.set(issue.edgeId, [...(edges.get(issue.edgeId) ?? []), issue]);
  }
  return { nodes, edges };
}

/** The name a node is shown and announced with: its label, else its id. */
function nodeName(node: FlowNode): string {
  return node.label ?? node.id;
}

interface CachedNode {
  readonly translator: Translator;
  readonly isEntry: boolean;
  readonly issues: readonly FlowIssue[];
  readonly canvasNode: DesignerNode;
}

interface CachedEdge {
  readonly translator: Translator;
  readonly sourceKind: string | undefined;
  readonly sourceConfig: unknown;
  readonly sourceName: string | undefined;
  readonly targetName: string | undefined;
  readonly issues: readonly FlowIssue[];
  readonly canvasEdge: Edge;
}

/**
 * What the canvas made of each document node and edge, keyed by the document's own objects: immer
 * keeps the objects an edit did not touch, so after an edit only the elements it concerns are made
 * again, and React Flow, seeing the same objects, redraws only those.
 */
export interface CanvasCache {
  readonly nodes: WeakMap<FlowNode, CachedNode>;
  readonly edges: WeakMap<FlowEdge, CachedEdge>;
}

/** An empty cache, for one canvas. */
export function createCanvasCache(): CanvasCache {
  return { nodes: new WeakMap(), edges: new WeakMap() };
}

/**
 * The flow's nodes as React Flow nodes: the node type is the kind, positions come from the document,
 * and each node is announced by kind, label, start-of-flow and problem count. A node whose document
 * entry, problems, start-of-flow and language are as in `cache` is the same object as last time.
 */
export function toCanvasNodes(
  flow: FlowDocument,
  issues: IssuesByElement,
  translator: Translator,
  cache: CanvasCache = createCanvasCache(),
): DesignerNode[] {
  const { t, text } = translator;
  return flow.nodes.map((node) => {
    const nodeIssues = issues.nodes.get(node.id) ?? NO_ISSUES;
    const isEntry = node.id === flow.entry;
    const cached = cache.nodes.get(node);
    if (
      cached !== undefined &&
      cached.translator === translator &&
      cached.isEntry === isEntry &&
      sameIssues(cached.issues, nodeIssues)
    ) {
      return cached.canvasNode;
    }
    const kind = getNodeKind(node.kind);
    const params = { kind: kind === undefined ? node.kind : text(kind.title), label: nodeName(node) };
    const name = t(isEntry ? 'canvas.node.entry' : 'canvas.node', params);
    const canvasNode: DesignerNode = {
      id: node.id,
      type: node.kind,
      position: { x: node.position.x, y: node.position.y },
      ariaLabel:
        nodeIssues.length === 0
          ? name
          : `${name}, ${t('canvas.node.problems', { count: nodeIssues.length })}`,
      data: { node, issues: nodeIssues, isEntry },
    };
    cache.nodes.set(node, { translator, isEntry, issues: nodeIssues, canvasNode });
    return canvasNode;
  });
}

/**
 * The flow's edges as React Flow edges, each labelled with its source port's localized label. An edge
 * whose document entry, ends (kind, configuration and name of its source, name of its target),
 * problems and language are as in `cache` is the same object as last time: moving a node, which
 * changes its position only, makes none of its edges again.
 */
export function toCanvasEdges(
  flow: FlowDocument,
  issues: IssuesByElement,
  translator: Translator,
  cache: CanvasCache = createCanvasCache(),
): Edge[] {
  const { t, text } = translator;
  const nodes = new Map(flow.nodes.map((node) => [node.id, node]));
  return flow.edges.map((edge) => {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    const edgeIssues = issues.edges.get(edge.id) ?? NO_ISSUES;
    const cached = cache.edges.get(edge);
    const ends = {
      sourceKind: source?.kind,
      sourceConfig: source?.config,
      sourceName: source === undefined ? undefined : nodeName(source),
      targetName: target === undefined ? undefined : nodeName(target),
    };
    if (
      cached !== undefined &&
      cached.translator === translator &&
      cached.sourceKind === ends.sourceKind &&
      cached.sourceConfig === ends.sourceConfig &&
      cached.sourceName === ends.sourceName &&
      cached.targetName === ends.targetName &&
      sameIssues(cached.issues, edgeIssues)
    ) {
      return cached.canvasEdge;
    }
    const port = source === undefined ? undefined : getNodeKind(source.kind)?.portsOf(source.config);
    const spec = port?.find((p) => p.id === edge.port);
    const label = spec === undefined ? edge.port : text(spec.label);
    const hasError = edgeIssues.some((issue) => issue.severity === 'error');
    const hasWarning = edgeIssues.length > 0 && !hasError;
    const canvasEdge: Edge = {
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.port,
      target: edge.target,
      label: hasError ? `⛔ ${label}` : hasWarning ? `⚠ ${label}` : label,
      ariaLabel: t('canvas.edge', {
        source: ends.sourceName ?? edge.source,
        port: label,
        target: ends.targetName ?? edge.target,
      }),
      className: hasError ? 'rf-edge-error' : hasWarning ? 'rf-edge-warning' : undefined,
      // Anchors to drag an end to another node are drawn on the edge under the pointer (FlowCanvas).
      reconnectable: false,
      data: { issues: edgeIssues },
    };
    cache.edges.set(edge, { translator, ...ends, issues: edgeIssues, canvasEdge });
    return canvasEdge;
  });
}

/**
 * Keeps what React Flow learned about each element (size, selection, drag) across a document update.
 * An element the update made again (new `data`) takes React Flow's selection and size; one it left as
 * it was stays the very object React Flow holds; when no element changed, `previous` itself is
 * returned, so that React has nothing to redraw.
 */
export function mergeCanvasState<T extends { id: string; selected?: boolean; data?: unknown }>(
  previous: readonly T[],
  next: readonly T[],
): T[] {
  const byId = new Map(previous.map((item) => [item.id, item]));
  let changed = previous.length !== next.length;
  const merged = next.map((item, index) => {
    const before = byId.get(item.id) as (T & { measured?: unknown }) | undefined;
    const kept =
      before === undefined
        ? item
        : before.data === item.data
          ? before
          : {
              ...item,
              selected: before.selected,
              ...(before.measured === undefined ? {} : { measured: before.measured }),
            };
    if (kept !== previous[index]) changed = true;
    return kept;
  });
  return changed ? merged : (previous as T[]);
}

/** React Flow's largest zoom, and the room fitView leaves around a flow. */
const MAX_ZOOM = 2;
const FIT_PADDING = 0.1;

/**
 * The zoom a flow will open at, from the document alone, before anything is drawn: fitView needs
 * the nodes measured, but whether they are drawn in full depends on the zoom (nodes/detail.ts).
 * Given the whole window as `room`, it is never below the zoom fitView then gives the smaller canvas:
 * a flow estimated below the detail zoom opens compact and stays so; one near it may be drawn in
 * full first.
 */
export function openingZoom(
  flow: FlowDocument,
  room: { readonly width: number; readonly height: number },
  minZoom: number,
): number {
  if (flow.nodes.length === 0) return 1;
  const xs = flow.nodes.map((node) => node.position.x);
  const ys = flow.nodes.map((node) => node.position.y);
  // A node is 244 px wide and seldom less than 60 px high.
  const width = Math.max(...xs) - Math.min(...xs) + 244;
  const height = Math.max(...ys) - Math.min(...ys) + 60;
  const zoom = Math.min(room.width / (width * (1 + FIT_PADDING)), room.height / (height * (1 + FIT_PADDING)));
  return Math.min(MAX_ZOOM, Math.max(minZoom, zoom));
}
