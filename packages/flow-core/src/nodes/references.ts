import type { Member, SoundRef } from '../document/primitives.js';
import type { JsonPath } from '../validation/issue.js';
import type { NodeCheckContext, NodeReference } from './define.js';

/** The library sounds a sound reference uses: the sound itself, or the music under an inline TTS. */
export function soundReferences(ref: SoundRef | undefined, path: JsonPath): NodeReference[] {
  if (ref === undefined) return [];
  if (typeof ref === 'string') return [{ type: 'sound', id: ref, path }];
  return ref.music === undefined
    ? []
    : [{ type: 'sound', id: ref.music, path: [...path, 'music'], role: 'backgroundMusic' }];
}

/** The agents and groups a member list names. */
export function memberReferences(members: readonly Member[], path: JsonPath): NodeReference[] {
  const refs: NodeReference[] = [];
  members.forEach((member, index) => {
    if ('agent' in member) refs.push({ type: 'agent', id: member.agent, path: [...path, index, 'agent'] });
    else if ('group' in member)
      refs.push({ type: 'group', id: member.group, path: [...path, index, 'group'] });
  });
  return refs;
}

/** Warns about a member listed twice in the same list (it is rung or counted once). */
export function checkDuplicateMembers(
  members: readonly Member[],
  path: JsonPath,
  context: NodeCheckContext,
): void {
  const seen = new Set<string>();
  members.forEach((member, index) => {
    const key =
      'agent' in member
        ? `agent ${member.agent}`
        : 'group' in member
          ? `group ${member.group}`
          : `number ${member.number}`;
    if (seen.has(key)) context.report('duplicate_member', [...path, index], { member: key });
    seen.add(key);
  });
}
