import { getNodeKind } from '@ringflow/flow-core';
import type { FlowDocument, LocalizedText, NodeReference, SoundRef } from '@ringflow/flow-core';

/** A kind of item of the flow's library, as flow-core's references name them. */
export type LibraryItemType = NodeReference['type'];

/** Where a library item is used. */
export type Usage =
  /** A node of the canvas (its config names the item: members, schedule, a sound or its music). */
  | {
      readonly where: 'node';
      readonly nodeId: string;
      readonly label: string | undefined;
      readonly kindTitle: LocalizedText | undefined;
    }
  /** A group lists the agent among its members. */
  | { readonly where: 'group'; readonly id: string; readonly name: string }
  /** An agent has the schedule as planning. */
  | { readonly where: 'agent'; readonly id: string; readonly name: string }
  /** A sound mixes the sound under its text as background music. */
  | { readonly where: 'sound'; readonly id: string; readonly name: string }
  /** The flow's recording announcement. */
  | { readonly where: 'recording' };

/** The library sounds a sound reference uses (flow-core's own rule, which it does not export). */
function soundIds(ref: SoundRef | undefined): string[] {
  if (ref === undefined) return [];
  if (typeof ref === 'string') return [ref];
  return ref.music === undefined ? [] : [ref.music];
}

/**
 * Every place of the flow that refers to the library item `type`/`id`. Nodes answer through their
 * kind's `references` (flow-core), so a new kind is covered without a change here.
 */
export function findUsages(flow: FlowDocument, type: LibraryItemType, id: string): Usage[] {
  const usages: Usage[] = [];
  for (const node of flow.nodes) {
    const kind = getNodeKind(node.kind);
    const references = kind?.references?.(node.config as never) ?? [];
    if (references.some((ref) => ref.type === type && ref.id === id)) {
      usages.push({ where: 'node', nodeId: node.id, label: node.label, kindTitle: kind?.title });
    }
  }
  if (type === 'agent') {
    for (const group of flow.groups) {
      if (group.members.includes(id)) usages.push({ where: 'group', id: group.id, name: group.name });
    }
  }
  if (type === 'schedule') {
    for (const agent of flow.agents) {
      if (agent.planning === id) usages.push({ where: 'agent', id: agent.id, name: agent.name });
    }
  }
  if (type === 'sound') {
    for (const sound of flow.sounds) {
      if (sound.music === id) usages.push({ where: 'sound', id: sound.id, name: sound.name ?? sound.id });
    }
    if (soundIds(flow.settings.recording.announcement).includes(id)) usages.push({ where: 'recording' });
  }
  return usages;
}

const COLLECTIONS = { agent: 'agents', group: 'groups', schedule: 'schedules', sound: 'sounds' } as const;

/**
 * Removes a library item from a draft of the flow. References inside the library itself go with it:
 * the agent leaves the groups it was in, agents lose the deleted schedule as planning (they are then
 * always in planning), sounds lose the deleted background music. References from nodes and from the
 * recording settings stay: flow-core reports them as errors on the node, and the admin picks
 * another item there (choosing for them would silently change who is called or what is played).
 */
export function removeLibraryItem(draft: FlowDocument, type: LibraryItemType, id: string): void {
  const collection = COLLECTIONS[type];
  const items = draft[collection] as { id: string }[];
  const index = items.findIndex((item) => item.id === id);
  if (index >= 0) items.splice(index, 1);
  if (type === 'agent') {
    for (const group of draft.groups) {
      if (group.members.includes(id)) group.members = group.members.filter((member) => member !== id);
    }
  }
  if (type === 'schedule') {
    for (const agent of draft.agents) if (agent.planning === id) delete agent.planning;
  }
  if (type === 'sound') {
    for (const sound of draft.sounds) if (sound.music === id) delete sound.music;
  }
}

/** The collection of the document that holds items of `type`. */
export function collectionOf(type: LibraryItemType): (typeof COLLECTIONS)[LibraryItemType] {
  return COLLECTIONS[type];
}
