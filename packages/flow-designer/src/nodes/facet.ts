import type { FlowDocument, FlowIssue, FlowNode, FlowNodeOf, NodeKindId } from '@ringflow/flow-core';
import type { Node } from '@xyflow/react';
import type { ComponentType } from 'react';

/**
 * The parts of a flow that node summaries read: its library (agents, groups, schedules, sounds) and
 * its time zone. The canvas gives it to its nodes through {@link FlowLibraryContext}, not in each
 * node's data, so that an edit of one node leaves the data of the 499 others as it was.
 */
export type FlowLibrary = Pick<FlowDocument, 'agents' | 'groups' | 'schedules' | 'sounds' | 'timezone'>;

/** What the canvas hands to a node component: the same object until one of its fields changes. */
export interface DesignerNodeData extends Record<string, unknown> {
  readonly node: FlowNode;
  /** flow-core issues about this node (errors and warnings). */
  readonly issues: readonly FlowIssue[];
  readonly isEntry: boolean;
}

/** A React Flow node of the designer: its type is the flow node's kind id. */
export type DesignerNode = Node<DesignerNodeData>;

/** What a kind's at-a-glance summary receives. */
export interface SummaryProps<K extends NodeKindId> {
  readonly config: FlowNodeOf<K>['config'];
  /** The flow's library and time zone (a whole document fits too). */
  readonly flow: FlowLibrary;
}

/**
 * The designer's part of one node kind: what its node shows on the canvas besides the title, badges
 * and ports that every node shares.
 */
export interface NodeFacet<K extends NodeKindId = NodeKindId> {
  readonly Summary: ComponentType<SummaryProps<K>>;
}

/** One facet per kind of the registry: a kind without a facet fails to compile. */
export type NodeFacets = { readonly [K in NodeKindId]: NodeFacet<K> };

/**
 * A summary as the shared shell holds it: the shell passes each node its own config, which the facet
 * map has already typed by kind.
 */
export type AnySummary = ComponentType<{ readonly config: unknown; readonly flow: FlowLibrary }>;
