import { z } from 'zod';
import { memberSchema, UNAVAILABILITY_REASONS, unavailabilitySchema } from '../document/primitives.js';
import { defineNodeKind } from './define.js';
import { checkDuplicateMembers, memberReferences } from './references.js';

/** Branches on whether agents are available right now. */
export const agentCondition = defineNodeKind({
  kind: 'agentCondition',
  version: 1,
  category: 'conditions',
  title: { en: 'Agent availability', fr: 'Disponibilité des agents' },
  description: {
    en: 'Checks the members’ statuses at the moment of the call, to skip a step when nobody can take it: `allUnavailable` is true when every member is unavailable, `anyAvailable` when at least one is available. `unavailableMeans` lists what counts as unavailable.',
    fr: 'Vérifie le statut des membres au moment de l’appel, pour sauter une étape quand personne ne peut la prendre : `allUnavailable` est vrai quand tous sont indisponibles, `anyAvailable` quand au moins un est disponible. `unavailableMeans` liste ce qui compte comme indisponible.',
  },
  config: z.strictObject({
    members: z.array(memberSchema).max(200).default([]),
    when: z.enum(['allUnavailable', 'anyAvailable']).default('allUnavailable'),
    unavailableMeans: unavailabilitySchema.default([...UNAVAILABILITY_REASONS]),
  }),
  ports: [
    { id: 'true', label: { en: 'True', fr: 'Vrai' } },
    { id: 'false', label: { en: 'False', fr: 'Faux' } },
  ],
  waitsFor: null,
  references: (config) => memberReferences(config.members, ['members']),
  check: (config, context) => checkDuplicateMembers(config.members, ['members'], context),
  runtime: {
    enter(ctx) {
      const members = ctx.members(ctx.config.members);
      // External numbers have no status ringflow can see: they count as available.
      const available = members.filter(
        (m) => m.kind === 'number' || ctx.unavailability(m.agent, ctx.config.unavailableMeans) === null,
      ).length;
      const value = ctx.config.when === 'allUnavailable' ? available === 0 : available > 0;
      if (available === 0) ctx.missed('noAgentAvailable');
      ctx.log('condition.evaluated', { when: ctx.config.when, available, members: members.length, value });
      ctx.exit(String(value));
    },
    on() {},
  },
  example: { members: [{ group: 'support' }], when: 'allUnavailable' },
});
