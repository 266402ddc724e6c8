import type { FlowDocument, Member, SoundRef } from '@ringflow/flow-core';
import type { Translator } from '../i18n/i18n.js';

/** What a sound says, for a summary: its TTS text, its file, or why it cannot be shown. */
export function describeSound(
  sound: SoundRef | undefined,
  flow: Pick<FlowDocument, 'sounds'>,
  { t }: Translator,
): string {
  if (sound === undefined) return t('sound.none');
  const source = typeof sound === 'string' ? flow.sounds.find((s) => s.id === sound) : sound;
  if (source === undefined) return t('sound.unknown', { id: String(sound) });
  if (source.tts !== undefined) return source.tts.text;
  if (source.file !== undefined) return t('sound.file', { file: source.file });
  return t('sound.none');
}

/** A member as an admin names it: the agent's or group's name, or the number with its label. */
export function describeMember(
  member: Member,
  flow: Pick<FlowDocument, 'agents' | 'groups'>,
  { t }: Translator,
): string {
  if ('agent' in member) {
    const agent = flow.agents.find((a) => a.id === member.agent);
    return agent?.name ?? t('member.unknownAgent', { id: member.agent });
  }
  if ('group' in member) {
    const group = flow.groups.find((g) => g.id === member.group);
    return group === undefined
      ? t('member.unknownGroup', { id: member.group })
      : t('member.group', { name: group.name });
  }
  return member.label === undefined ? member.number : `${member.label} (${member.number})`;
}
