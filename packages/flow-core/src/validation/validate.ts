import { parseFlow, parseFlowText, type ParseOptions } from '../document/parse.js';
import type { FlowDocument } from '../document/schema.js';
import type { Locale } from '../i18n/locale.js';
import type { NodeKind, NodeReference } from '../nodes/define.js';
import { soundReferences } from '../nodes/references.js';
import { getNodeKind } from '../nodes/registry.js';
import { checkSchedule, isValidTimezone } from '../schedule/index.js';
import { findCycles, reachableFrom } from './graph.js';
import { IssueList, type FlowIssue, type JsonPath } from './issue.js';

/** Options of validateFlow. */
export interface ValidateOptions {
  /** Language of issue messages. Default `en`. */
  readonly locale?: Locale;
}

/** The outcome of validating a flow: `ok` when there is no error (warnings allowed). */
export interface ValidationReport {
  readonly ok: boolean;
  readonly errors: readonly FlowIssue[];
  readonly warnings: readonly FlowIssue[];
  /** The parsed document, when it could be parsed (even if it has errors). */
  readonly flow?: FlowDocument;
}

function report(issues: readonly FlowIssue[], flow?: FlowDocument): ValidationReport {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return { ok: errors.length === 0, errors, warnings, ...(flow ? { flow } : {}) };
}

/**
 * Validates a flow document given as a value: its shape (as parseFlow), then every rule that
 * crosses parts of it: unique ids, references to agents, groups, schedules and sounds, edges and
 * ports, reachability, unwired ports, endless loops and schedules. Never throws on bad input.
 *
 * @example
 * const { ok, errors, warnings } = validateFlow(JSON.parse(text), { locale: 'fr' });
 */
export function validateFlow(input: unknown, options: ValidateOptions = {}): ValidationReport {
  return validateParsed(parseFlow(input, options as ParseOptions), options);
}

/** Validates a flow document given as JSON text (see parseFlowText for what the text adds). */
export function validateFlowText(text: string, options: ValidateOptions = {}): ValidationReport {
  return validateParsed(parseFlowText(text, options as ParseOptions), options);
}

function validateParsed(parsed: ReturnType<typeof parseFlow>, options: ValidateOptions): ValidationReport {
  if (!parsed.ok) return report(parsed.issues);
  const list = new IssueList(options.locale);
  checkDocument(parsed.flow, list);
  return report(list.issues, parsed.flow);
}

/** Reports duplicate ids within one collection; returns the index of each id's first holder. */
function indexIds(
  items: readonly { id: string }[],
  collection: string,
  list: IssueList,
  code: 'duplicate_id' | 'duplicate_node_id' | 'duplicate_edge_id' = 'duplicate_id',
): Map<string, number> {
  const ids = new Map<string, number>();
  items.forEach((item, index) => {
    if (ids.has(item.id)) {
      const details =
        code === 'duplicate_node_id'
          ? { nodeId: item.id }
          : code === 'duplicate_edge_id'
            ? { edgeId: item.id }
            : {};
      list.add(code, { path: [collection, index, 'id'], ...details, params: { id: item.id, collection } });
    } else ids.set(item.id, index);
  });
  return ids;
}

function checkDocument(flow: FlowDocument, list: IssueList): void {
  if (!isValidTimezone(flow.timezone))
    list.add('invalid_timezone', { path: ['timezone'], params: { timezone: flow.timezone } });

  const agents = indexIds(flow.agents, 'agents', list);
  const groups = indexIds(flow.groups, 'groups', list);
  const schedules = indexIds(flow.schedules, 'schedules', list);
  const sounds = indexIds(flow.sounds, 'sounds', list);
  const nodes = indexIds(flow.nodes, 'nodes', list, 'duplicate_node_id');
  indexIds(flow.edges, 'edges', list, 'duplicate_edge_id');

  const checkReference = (ref: NodeReference, base: JsonPath, nodeId?: string) => {
    const known = { agent: agents, group: groups, schedule: schedules, sound: sounds }[ref.type];
    const details = { path: [...base, ...ref.path], params: { id: ref.id }, ...(nodeId ? { nodeId } : {}) };
    if (!known.has(ref.id)) {
      list.add(`unknown_${ref.type}`, details);
      return;
    }
    if (ref.role === 'backgroundMusic' && flow.sounds[known.get(ref.id)!]!.file === undefined) {
      list.add('music_not_a_file', details);
    }
  };

  // The libraries refer to each other: agents to plannings, groups to agents, sounds to music.
  const extensions = new Map<string, string>();
  const claimExtension = (extension: string | undefined, owner: string, path: JsonPath) => {
    if (extension === undefined) return;
    const first = extensions.get(extension);
    if (first !== undefined)
      list.add('duplicate_extension', { path, params: { extension, first, second: owner } });
    else extensions.set(extension, owner);
  };
  flow.agents.forEach((agent, i) => {
    if (agent.planning !== undefined)
      checkReference({ type: 'schedule', id: agent.planning, path: ['planning'] }, ['agents', i]);
    claimExtension(agent.extension, agent.id, ['agents', i, 'extension']);
  });
  flow.groups.forEach((group, i) => {
    if (group.members.length === 0)
      list.add('empty_group', { path: ['groups', i, 'members'], params: { id: group.id } });
    group.members.forEach((member, m) =>
      checkReference({ type: 'agent', id: member, path: ['members', m] }, ['groups', i]),
    );
    claimExtension(group.extension, group.id, ['groups', i, 'extension']);
  });
  flow.sounds.forEach((sound, i) => {
    if (sound.music !== undefined)
      checkReference({ type: 'sound', id: sound.music, path: ['music'], role: 'backgroundMusic' }, [
        'sounds',
        i,
      ]);
  });
  soundReferences(flow.settings.recording.announcement, ['announcement']).forEach((ref) =>
    checkReference(ref, ['settings', 'recording']),
  );
  flow.schedules.forEach((schedule, i) => checkSchedule(schedule, ['schedules', i], list, flow.timezone));

  // Each node: its kind's references and rules.
  const kinds: NodeKind[] = flow.nodes.map((node) => getNodeKind(node.kind)!);
  const portsByNode = flow.nodes.map((node, i) => kinds[i]!.portsOf(node.config as never));
  flow.nodes.forEach((node, i) => {
    const kind = kinds[i]!;
    const base = ['nodes', i, 'config'];
    for (const ref of kind.references?.(node.config as never) ?? []) checkReference(ref, base, node.id);
    kind.check?.(node.config as never, {
      nodeId: node.id,
      report: (code, path, params) =>
        list.add(code, { path: [...base, ...path], nodeId: node.id, ...(params ? { params } : {}) }),
    });
  });

  if (!nodes.has(flow.entry)) list.add('unknown_entry', { path: ['entry'], params: { entry: flow.entry } });

  // Edges: both ends exist, the port is one of the source's outputs, one edge per output.
  const successors: number[][] = flow.nodes.map(() => []);
  const wired = flow.nodes.map(() => new Set<string>());
  flow.edges.forEach((edge, e) => {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    const at = (field: string) => ({ path: ['edges', e, field], edgeId: edge.id });
    if (source === undefined)
      list.add('edge_unknown_source', { ...at('source'), params: { edgeId: edge.id, node: edge.source } });
    if (target === undefined)
      list.add('edge_unknown_target', { ...at('target'), params: { edgeId: edge.id, node: edge.target } });
    if (source === undefined) return;
    const ports = portsByNode[source]!;
    if (!ports.some((port) => port.id === edge.port)) {
      list.add('unknown_port', {
        ...at('port'),
        nodeId: edge.source,
        params: { nodeId: edge.source, port: edge.port, ports: ports.map((p) => p.id).join(', ') || '-' },
      });
      return;
    }
    if (wired[source]!.has(edge.port)) {
      list.add('duplicate_port_edge', {
        ...at('port'),
        nodeId: edge.source,
        params: { nodeId: edge.source, port: edge.port },
      });
      return;
    }
    wired[source]!.add(edge.port);
    if (target !== undefined) successors[source]!.push(target);
  });

  // Reachability from the entry, and outputs that would hang the call up unexpectedly.
  const entry = nodes.get(flow.entry);
  const reachable = entry === undefined ? undefined : reachableFrom(entry, successors);
  flow.nodes.forEach((node, i) => {
    // A second node with a taken id is already an error; edges can never reach it by that id.
    if (nodes.get(node.id) !== i) return;
    if (reachable && !reachable.has(i)) {
      list.add('unreachable_node', { path: ['nodes', i], nodeId: node.id, params: { nodeId: node.id } });
    }
    for (const port of portsByNode[i]!) {
      if (wired[i]!.has(port.id) || port.terminalSafe) continue;
      if (port.fallback !== undefined) continue; // reported through the port it falls back to
      list.add('unwired_port', {
        path: ['nodes', i],
        nodeId: node.id,
        params: { nodeId: node.id, port: port.id },
      });
    }
  });

  // A loop through nodes that wait for nothing repeats forever at machine speed.
  for (const cycle of findCycles(successors, (i) => kinds[i]!.waitsFor === null)) {
    const names = cycle.map((i) => `"${flow.nodes[i]!.id}"`).join(', ');
    for (const i of cycle) {
      list.add('endless_loop', { path: ['nodes', i], nodeId: flow.nodes[i]!.id, params: { nodes: names } });
    }
  }
}
