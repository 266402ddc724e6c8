import { z } from 'zod';
import { e164Schema } from '../document/primitives.js';
import { defineNodeKind } from './define.js';

/** Sends the call on to an external number, such as the on-call mobile. */
export const forward = defineNodeKind({
  kind: 'forward',
  version: 1,
  category: 'calls',
  title: { en: 'Forward', fr: 'Transfert' },
  description: {
    en: 'Calls an external number (an on-call mobile, another site) and connects the caller when it answers. The number shown is the caller’s or the flow’s.',
    fr: 'Appelle un numéro externe (un mobile d’astreinte, un autre site) et met l’appelant en relation quand il répond. Le numéro présenté est celui de l’appelant ou celui du flux.',
  },
  config: z.strictObject({
    number: e164Schema,
    ringSeconds: z.number().int().min(5).max(300).default(30),
    callerId: z.enum(['caller', 'flow']).default('caller'),
  }),
  ports: [
    { id: 'afterCall', label: { en: 'After the call', fr: 'Après l’appel' }, terminalSafe: true },
    { id: 'noAnswer', label: { en: 'No answer', fr: 'Sans réponse' } },
    { id: 'failed', label: { en: 'Failed', fr: 'Échec' } },
  ],
  waitsFor: 'ring',
  runtime: {
    enter(ctx) {
      ctx.tryingToReach();
      ctx.state.leg = ctx.forward(ctx.config.number, ctx.config.ringSeconds, ctx.config.callerId);
      ctx.setTimer('ring', ctx.config.ringSeconds);
    },
    on(event, ctx) {
      const leg = ctx.state.leg as string;
      if (event.type === 'leg.answered' && event.legId === leg) {
        ctx.clearTimer('ring');
        ctx.bridge(leg, 'forward');
      } else if (event.type === 'leg.failed' && event.legId === leg) {
        ctx.clearTimer('ring');
        ctx.closeLeg(leg, ctx.failureStatus(leg, event.reason));
        ctx.missed('noAnswer');
        ctx.exit(event.reason === 'noAnswer' ? 'noAnswer' : 'failed');
      } else if (event.type === 'timer' && event.name === 'ring') {
        ctx.cancelLegs([leg], 'timeout', 'NO_ANSWER');
        ctx.missed('noAnswer');
        ctx.exit('noAnswer');
      } else if (event.type === 'bridge.ended' && event.legId === leg) {
        ctx.bridgeEnded(leg);
        ctx.exit('afterCall');
      }
    },
  },
  example: { number: '+33612345678', ringSeconds: 30, callerId: 'caller' },
});
