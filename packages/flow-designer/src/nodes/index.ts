import { NODE_KIND_IDS } from '@ringflow/flow-core';
import type { NodeKindId } from '@ringflow/flow-core';
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { createElement, memo } from 'react';
import type { ComponentType } from 'react';
import { agentConditionFacet } from './agent-condition.js';
import { announcementFacet } from './announcement.js';
import { businessHoursFacet } from './business-hours.js';
import { callerMatchFacet } from './caller-match.js';
import type { AnySummary, DesignerNode, NodeFacets } from './facet.js';
import { forwardFacet } from './forward.js';
import { hangupFacet } from './hangup.js';
import { menuFacet } from './menu.js';
import { NodeShell } from './NodeShell.js';
import { pollFacet } from './poll.js';
import { ringGroupFacet } from './ring-group.js';
import { sameIssues } from './same-issues.js';
import { voicemailFacet } from './voicemail.js';

/** The designer facet of every registry kind (DESIGN 2): the compiler reports a missing kind. */
export const NODE_FACETS: NodeFacets = {
  announcement: announcementFacet,
  menu: menuFacet,
  businessHours: businessHoursFacet,
  ringGroup: ringGroupFacet,
  agentCondition: agentConditionFacet,
  callerMatch: callerMatchFacet,
  poll: pollFacet,
  voicemail: voicemailFacet,
  forward: forwardFacet,
  hangup: hangupFacet,
};

/**
 * Whether a node looks the same: its own document entry, its problems, whether it starts the flow,
 * and its selection (the library it reads comes from FlowLibraryContext). immer keeps what an edit
 * did not touch identical, so an edit re-renders only the nodes it concerns, not all 500 of a large
 * flow.
 */
function sameNode(before: NodeProps<DesignerNode>, after: NodeProps<DesignerNode>): boolean {
  const a = before.data;
  const b = after.data;
  return (
    before.selected === after.selected &&
    (a === b || (a.node === b.node && a.isEntry === b.isEntry && sameIssues(a.issues, b.issues)))
  );
}

/** The canvas component of one kind: the shared shell around that kind's summary. */
function createKindNode(kind: NodeKindId): ComponentType<NodeProps<DesignerNode>> {
  const Summary = NODE_FACETS[kind].Summary as unknown as AnySummary;
  function KindNode({ data, selected }: NodeProps<DesignerNode>) {
    return createElement(NodeShell, { data, selected, Summary });
  }
  KindNode.displayName = `${kind}Node`;
  return memo(KindNode, sameNode);
}

/** React Flow node types, one per kind id (a node's `type` is its kind). */
export const NODE_TYPES: NodeTypes & Record<NodeKindId, ComponentType<NodeProps<DesignerNode>>> =
  Object.fromEntries(NODE_KIND_IDS.map((kind) => [kind, createKindNode(kind)])) as Record<
    NodeKindId,
    ComponentType<NodeProps<DesignerNode>>
  >;

export { CanvasDetailContext, detailedAt, rememberFullHeight } from './detail.js';
export { FlowLibraryContext, useFlowLibrary } from './library.js';
export { sameIssues } from './same-issues.js';
export type {
  DesignerNode,
  DesignerNodeData,
  FlowLibrary,
  NodeFacet,
  NodeFacets,
  SummaryProps,
} from './facet.js';
