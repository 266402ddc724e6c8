import { getNodeKind } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue } from '@ringflow/flow-core';
import type { Edge } from '@xyflow/react';
import type { Translator } from '../i18n/i18n.js';
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
function nodeName(node: FlowDocument['nodes'][number]): string {
  return node.label ?? node.id;
}

/**
 * The flow's nodes as React Flow nodes: the node type is the kind, positions come from the document,
 * and each node is announced by kind, label, start-of-flow and problem count.
 */
export function toCanvasNodes(
  flow: FlowDocument,
  issues: IssuesByElement,
  translator: Translator,
): DesignerNode[] {
  const { t, text } = translator;
  return flow.nodes.map((node) => {
    const kind = getNodeKind(node.kind);
    const nodeIssues = issues.nodes.get(node.id) ?? NO_ISSUES;
    const isEntry = node.id === flow.entry;
    const params = { kind: kind === undefined ? node.kind : text(kind.title), label: nodeName(node) };
    const name = t(isEntry ? 'canvas.node.entry' : 'canvas.node', params);
    return {
      id: node.id,
      type: node.kind,
      position: { x: node.position.x, y: node.position.y },
      ariaLabel:
        nodeIssues.length === 0
          ? name
          : `${name}, ${t('canvas.node.problems', { count: nodeIssues.length })}`,
      data: { node, flow, issues: nodeIssues, isEntry },
    };
  });
}

/** The flow's edges as React Flow edges, each labelled with its source port's localized label. */
export function toCanvasEdges(flow: FlowDocument, issues: IssuesByElement, translator: Translator): Edge[] {
  const { t, text } = translator;
  const nodes = new Map(flow.nodes.map((node) => [node.id, node]));
  return flow.edges.map((edge) => {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    const port = source === undefined ? undefined : getNodeKind(source.kind)?.portsOf(source.config);
    const spec = port?.find((p) => p.id === edge.port);
    const label = spec === undefined ? edge.port : text(spec.label);
    const edgeIssues = issues.edges.get(edge.id) ?? NO_ISSUES;
    const hasError = edgeIssues.some((issue) => issue.severity === 'error');
    const hasWarning = edgeIssues.length > 0 && !hasError;
    return {
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.port,
      target: edge.target,
      label: hasError ? `⛔ ${label}` : hasWarning ? `⚠ ${label}` : label,
      ariaLabel: t('canvas.edge', {
        source: source === undefined ? edge.source : nodeName(source),
        port: label,
        target: target === undefined ? edge.target : nodeName(target),
      }),
      className: hasError ? 'rf-edge-error' : hasWarning ? 'rf-edge-warning' : undefined,
      data: { issues: edgeIssues },
    };
  });
}

/** Keeps what React Flow learned about each element (size, selection, drag) across a document update. */
export function mergeCanvasState<T extends { id: string; selected?: boolean }>(
  previous: readonly T[],
  next: readonly T[],
): T[] {
  const byId = new Map(previous.map((item) => [item.id, item]));
  return next.map((item) => {
    const before = byId.get(item.id) as (T & { measured?: unknown; dragging?: boolean }) | undefined;
    if (before === undefined) return item;
    return {
      ...item,
      selected: before.selected,
      ...(before.measured === undefined ? {} : { measured: before.measured }),
    };
  });
}
