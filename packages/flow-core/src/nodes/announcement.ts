import { z } from 'zod';
import { soundRefSchema } from '../document/primitives.js';
import { defineNodeKind } from './define.js';
import { soundReferences } from './references.js';

/** Plays a message to the caller, once or several times, then goes on. */
export const announcement = defineNodeKind({
  kind: 'announcement',
  version: 1,
  category: 'prompts',
  title: { en: 'Announcement', fr: 'Annonce' },
  description: {
    en: 'Plays a message (text to speech, optionally over background music, or a sound file) and goes on. It can answer the call first or play as early media before answering.',
    fr: 'Diffuse un message (synthèse vocale, éventuellement sur une musique de fond, ou fichier son) puis continue. Peut décrocher d’abord ou diffuser le message avant le décroché.',
  },
  config: z.strictObject({
    sound: soundRefSchema,
    loops: z.number().int().min(1).max(20).default(1),
    answer: z.boolean().default(true),
  }),
  ports: [{ id: 'next', label: { en: 'Next', fr: 'Suite' } }],
  waitsFor: null,
  references: (config) => soundReferences(config.sound, ['sound']),
  runtime: {
    enter(ctx) {
      if (ctx.config.answer) ctx.answer();
      ctx.state.loop = 1;
      ctx.state.playback = ctx.play(ctx.config.sound);
    },
    on(event, ctx) {
      if (event.type !== 'playback.finished' || event.playbackId !== ctx.state.playback) return;
      if ((ctx.state.loop as number) < ctx.config.loops) {
        ctx.state.loop = (ctx.state.loop as number) + 1;
        ctx.state.playback = ctx.play(ctx.config.sound);
      } else ctx.exit('next');
    },
  },
  example: { sound: 'welcome', loops: 1, answer: true },
});
