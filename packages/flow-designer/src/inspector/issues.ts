import type { FlowDocument, FlowIssue, JsonPath, PortSpec } from '@ringflow/flow-core';

/**
 * flow-core's issues, placed where the inspector shows them: next to the config field their path
 * points into, next to the port they are about, or at the top of the inspector.
 */

/** An issue with the part of its path below the field being looked at. */
export interface LocatedIssue {
  readonly issue: FlowIssue;
  /** The rest of the issue's path, relative to the field. */
  readonly rest: JsonPath;
}

/** Where the issues of one node belong in the inspector. */
export interface NodeIssues {
  /** Issues inside the node's config, with their path relative to the config. */
  readonly config: readonly LocatedIssue[];
  /** Issues of the node's label or id field. */
  readonly label: readonly FlowIssue[];
  readonly id: readonly FlowIssue[];
  /** Issues about one output of the node (an unwired port), by port id. */
  readonly ports: ReadonlyMap<string, readonly FlowIssue[]>;
  /** Everything else about the node (unreachable, endless loop, an edge to a port it lacks). */
  readonly other: readonly FlowIssue[];
}

function startsWith(path: JsonPath | undefined, prefix: JsonPath): path is JsonPath {
  return path !== undefined && prefix.every((part, i) => path[i] === part);
}

/** Sorts the issues of the node `nodeId` to the parts of the inspector that show them. */
export function nodeIssues(
  issues: readonly FlowIssue[],
  flow: FlowDocument,
  nodeId: string,
  ports: readonly PortSpec[],
): NodeIssues {
  const index = flow.nodes.findIndex((node) => node.id === nodeId);
  const base = ['nodes', index];
  const portIds = new Set(ports.map((port) => port.id));
  const config: LocatedIssue[] = [];
  const label: FlowIssue[] = [];
  const id: FlowIssue[] = [];
  const byPort = new Map<string, FlowIssue[]>();
  const other: FlowIssue[] = [];
  for (const issue of issues) {
    const atNode = index >= 0 && startsWith(issue.path, base);
    if (!atNode && issue.nodeId !== nodeId) continue;
    const path = issue.path ?? [];
    const port = issue.params?.port;
    if (atNode && path[2] === 'config') config.push({ issue, rest: path.slice(3) });
    else if (atNode && path[2] === 'label') label.push(issue);
    else if (atNode && path[2] === 'id') id.push(issue);
    else if (typeof port === 'string' && portIds.has(port) && issue.edgeId === undefined) {
      byPort.set(port, [...(byPort.get(port) ?? []), issue]);
    } else other.push(issue);
  }
  return { config, label, id, ports: byPort, other };
}

/** The issues below `key`, relative to it. */
export function issuesBelow(issues: readonly LocatedIssue[], key: string | number): LocatedIssue[] {
  return issues
    .filter(({ rest }) => rest[0] === key)
    .map(({ issue, rest }) => ({ issue, rest: rest.slice(1) }));
}

/**
 * The issues a container shows itself: those about the container as a whole, and those below a key
 * it does not render (so no issue is ever lost).
 */
export function ownIssues(
  issues: readonly LocatedIssue[],
  rendered: (key: string | number) => boolean,
): LocatedIssue[] {
  return issues.filter(({ rest }) => rest.length === 0 || !rendered(rest[0] as string | number));
}

/** The issues of an edge, found by its id or by its path. */
export function edgeIssues(issues: readonly FlowIssue[], flow: FlowDocument, edgeId: string): FlowIssue[] {
  const index = flow.edges.findIndex((edge) => edge.id === edgeId);
  return issues.filter((issue) => issue.edgeId === edgeId || startsWith(issue.path, ['edges', index]));
}
