import { z } from 'zod';
import {
  memberSchema,
  soundRefSchema,
  UNAVAILABILITY_REASONS,
  unavailabilitySchema,
} from '../document/primitives.js';
import { defineNodeKind } from './define.js';
import { checkDuplicateMembers, memberReferences, soundReferences } from './references.js';

/** Rings agents, groups and external numbers, all at once or one after the other. */
export const ringGroup = defineNodeKind({
  kind: 'ringGroup',
  version: 1,
  category: 'calls',
  title: { en: 'Ring group', fr: 'Groupe de sonnerie' },
  description: {
    en: 'Rings its members simultaneously or in cascade, for a ring time, optionally repeating the whole sequence. Members who are offline, on do-not-disturb, outside their planning or already in a call are skipped. The first to answer is connected with the caller.',
    fr: 'Fait sonner ses membres simultanément ou en cascade, pendant un temps de sonnerie, en répétant éventuellement la séquence. Les membres déconnectés, en ne pas déranger, hors planning ou déjà en appel sont ignorés. Le premier qui décroche est mis en relation avec l’appelant.',
  },
  config: z.strictObject({
    members: z.array(memberSchema).max(200).default([]),
    strategy: z.enum(['simultaneous', 'cascade']).default('simultaneous'),
    ringSeconds: z.number().int().min(5).max(300).default(20),
    repeat: z.number().int().min(0).max(10).default(0),
    skip: unavailabilitySchema.default([...UNAVAILABILITY_REASONS]),
    music: soundRefSchema.optional(),
  }),
  ports: [
    { id: 'afterCall', label: { en: 'After the call', fr: 'Après l’appel' }, terminalSafe: true },
    { id: 'noAnswer', label: { en: 'No answer', fr: 'Sans réponse' } },
    { id: 'unavailable', label: { en: 'Nobody available', fr: 'Personne de disponible' } },
  ],
  waitsFor: 'ring',
  references: (config) => [
    ...memberReferences(config.members, ['members']),
    ...soundReferences(config.music, ['music']),
  ],
  check: (config, context) => {
    if (config.members.length === 0)
      context.report('empty_ring_group', ['members'], { nodeId: context.nodeId });
    checkDuplicateMembers(config.members, ['members'], context);
  },
  example: {
    members: [{ agent: 'alice' }, { group: 'sales' }],
    strategy: 'cascade',
    ringSeconds: 20,
    repeat: 1,
  },
});
