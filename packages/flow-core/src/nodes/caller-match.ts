import { z } from 'zod';
import { numberPatternSchema } from '../document/primitives.js';
import { defineNodeKind } from './define.js';
import { matchesNumber } from '../engine/numbers.js';

/** Branches on who is calling. */
export const callerMatch = defineNodeKind({
  kind: 'callerMatch',
  version: 1,
  category: 'conditions',
  title: { en: 'Caller condition', fr: 'Condition sur l’appelant' },
  description: {
    en: 'Matches the caller’s number against exact numbers and prefixes ending in `*`, the flow’s VIP list, or hidden (anonymous) numbers.',
    fr: 'Compare le numéro de l’appelant à des numéros exacts et à des préfixes terminés par `*`, à la liste VIP du flux, ou aux numéros masqués (anonymes).',
  },
  config: z.strictObject({
    numbers: z.array(numberPatternSchema).max(1000).default([]),
    vip: z.boolean().default(false),
    anonymous: z.boolean().default(false),
  }),
  ports: [
    { id: 'match', label: { en: 'Match', fr: 'Correspond' } },
    { id: 'noMatch', label: { en: 'No match', fr: 'Ne correspond pas' } },
  ],
  waitsFor: null,
  check: (config, context) => {
    if (config.numbers.length === 0 && !config.vip && !config.anonymous) {
      context.report('caller_match_empty', [], { nodeId: context.nodeId });
    }
  },
  runtime: {
    enter(ctx) {
      const from = ctx.call.from;
      const matches = (pattern: string) => from !== null && matchesNumber(from, pattern);
      const match =
        from === null
          ? ctx.config.anonymous
          : ctx.config.numbers.some(matches) || (ctx.config.vip && ctx.flow.settings.vip.some(matches));
      ctx.exit(match ? 'match' : 'noMatch');
    },
    on() {},
  },
  example: { numbers: ['+33612345678', '+3361*'], vip: true, anonymous: false },
});
