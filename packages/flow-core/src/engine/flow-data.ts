import type { SoundRef } from '../document/primitives.js';
import type { FlowDocument, FlowNode } from '../document/schema.js';
import type { NodeKind } from '../nodes/define.js';
import { getNodeKind } from '../nodes/registry.js';
import { compileSchedule, type CompiledSchedule } from '../schedule/index.js';
import type { LegTarget, ResolvedSound } from './types.js';

/** A member of a ring or a condition, groups expanded. */
export type ExpandedMember = LegTarget;

/** A node with its kind and where each of its ports leads. */
export interface CompiledNode {
  readonly node: FlowNode;
  readonly kind: NodeKind;
  /** Port -> target node id, or null when the port hangs up; fallbacks already applied. */
  readonly exits: ReadonlyMap<string, string | null>;
}

/**
 * What a flow version needs at run time, computed once: nodes with their exits, sounds resolved,
 * groups expanded, schedules and plannings compiled.
 */
export interface CompiledFlowData {
  readonly flow: FlowDocument;
  readonly nodes: ReadonlyMap<string, CompiledNode>;
  readonly schedules: ReadonlyMap<string, CompiledSchedule>;
  /** Agent id -> compiled planning, for agents that have one. */
  readonly plannings: ReadonlyMap<string, CompiledSchedule>;
  resolveSound(ref: SoundRef): ResolvedSound;
  expandMembers(
    list: ReadonlyArray<{ agent: string } | { group: string } | { number: string; label?: string }>,
  ): ExpandedMember[];
}

export function buildFlowData(flow: FlowDocument): CompiledFlowData {
  const schedules = new Map(
    flow.schedules.map((s) => [s.id, compileSchedule(s, { timezone: flow.timezone })]),
  );
  const plannings = new Map<string, CompiledSchedule>();
  for (const agent of flow.agents)
    if (agent.planning !== undefined) plannings.set(agent.id, schedules.get(agent.planning)!);
  const agents = new Map(flow.agents.map((a) => [a.id, a]));
  const groups = new Map(flow.groups.map((g) => [g.id, g]));
  const library = new Map(flow.sounds.map((s) => [s.id, s]));

  const resolveSound = (ref: SoundRef): ResolvedSound => {
    const sound = typeof ref === 'string' ? library.get(ref)! : ref;
    const id = typeof ref === 'string' ? { id: ref } : {};
    if (sound.file !== undefined) return { kind: 'file', file: sound.file, ...id };
    const music = sound.music === undefined ? undefined : library.get(sound.music)?.file;
    return {
      kind: 'tts',
      text: sound.tts!.text,
      language: sound.tts!.language ?? flow.locale,
      ...(sound.tts!.voice !== undefined ? { voice: sound.tts!.voice } : {}),
      ...(music !== undefined ? { music: { file: music } } : {}),
      ...id,
    };
  };

  const agentTarget = (id: string): LegTarget => {
    const agent = agents.get(id)!;
    return {
      kind: 'agent',
      agent: id,
      ...(agent.extension !== undefined ? { extension: agent.extension } : {}),
      ...(agent.number !== undefined ? { number: agent.number } : {}),
    };
  };
  // Member lists are parts of the (immutable) flow: each is expanded once.
  const expanded = new WeakMap<object, ExpandedMember[]>();
  const expandMembers: CompiledFlowData['expandMembers'] = (list) => {
    const cached = expanded.get(list);
    if (cached) return cached;
    const out: ExpandedMember[] = [];
    const seen = new Set<string>();
    const add = (target: LegTarget) => {
      const key = target.kind === 'agent' ? `a:${target.agent}` : `n:${target.number}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(target);
    };
    for (const member of list) {
      if ('agent' in member) add(agentTarget(member.agent));
      else if ('group' in member) for (const id of groups.get(member.group)!.members) add(agentTarget(id));
      else
        add({
          kind: 'number',
          number: member.number,
          ...(member.label !== undefined ? { label: member.label } : {}),
        });
    }
    expanded.set(list, out);
    return out;
  };

  // Each port leads to its edge's target; an unwired port follows its fallback, else hangs up.
  const wired = new Map<string, Map<string, string>>();
  for (const edge of flow.edges) {
    if (!wired.has(edge.source)) wired.set(edge.source, new Map());
    wired.get(edge.source)!.set(edge.port, edge.target);
  }
  const nodes = new Map<string, CompiledNode>();
  for (const node of flow.nodes) {
    const kind = getNodeKind(node.kind)!;
    const out = wired.get(node.id) ?? new Map<string, string>();
    const exits = new Map<string, string | null>();
    for (const port of kind.portsOf(node.config as never)) {
      exits.set(
        port.id,
        out.get(port.id) ?? (port.fallback !== undefined ? (out.get(port.fallback) ?? null) : null),
      );
    }
    nodes.set(node.id, { node, kind, exits });
  }
  return { flow, nodes, schedules, plannings, resolveSound, expandMembers };
}
