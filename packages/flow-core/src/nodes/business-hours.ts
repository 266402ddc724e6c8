import { z } from 'zod';
import { idSchema } from '../document/primitives.js';
import { defineNodeKind } from './define.js';

/** Routes the call by the opening hours of a schedule. */
export const businessHours = defineNodeKind({
  kind: 'businessHours',
  version: 1,
  category: 'conditions',
  title: { en: 'Business hours', fr: 'Horaires d’ouverture' },
  description: {
    en: 'Checks a schedule at the moment of the call: open, closed, or a holiday (a closure or a public holiday). When `holiday` is not wired, holidays follow `closed`.',
    fr: 'Consulte un horaire au moment de l’appel : ouvert, fermé ou jour férié (fermeture exceptionnelle ou jour férié légal). Si `holiday` n’est pas relié, les jours fériés suivent `closed`.',
  },
  config: z.strictObject({ schedule: idSchema }),
  ports: [
    { id: 'open', label: { en: 'Open', fr: 'Ouvert' } },
    { id: 'closed', label: { en: 'Closed', fr: 'Fermé' } },
    { id: 'holiday', label: { en: 'Holiday', fr: 'Jour férié' }, fallback: 'closed' },
  ],
  waitsFor: null,
  references: (config) => [{ type: 'schedule', id: config.schedule, path: ['schedule'] }],
  runtime: {
    enter(ctx) {
      const decision = ctx.schedule(ctx.config.schedule);
      ctx.log('schedule.checked', {
        schedule: ctx.config.schedule,
        status: decision.status,
        rule: decision.rule.type,
      });
      if (decision.status !== 'open') ctx.missed('closed');
      ctx.exit(decision.status);
    },
    on() {},
  },
  example: { schedule: 'office' },
});
