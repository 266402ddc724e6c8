import { z } from 'zod';
import { soundRefSchema } from '../document/primitives.js';
import { defineNodeKind } from './define.js';
import { soundReferences } from './references.js';

/** Ends the call, optionally after a last message. */
export const hangup = defineNodeKind({
  kind: 'hangup',
  version: 1,
  category: 'endings',
  title: { en: 'Hang up', fr: 'Raccrocher' },
  description: {
    en: 'Plays an optional last message, then ends the call.',
    fr: 'Diffuse un éventuel dernier message, puis met fin à l’appel.',
  },
  config: z.strictObject({ sound: soundRefSchema.optional() }),
  ports: [],
  waitsFor: null,
  references: (config) => soundReferences(config.sound, ['sound']),
  runtime: {
    enter(ctx) {
      if (ctx.config.sound === undefined) ctx.hangup();
      else ctx.state.playback = ctx.play(ctx.config.sound);
    },
    on(event, ctx) {
      if (event.type === 'playback.finished' && event.playbackId === ctx.state.playback) ctx.hangup();
    },
  },
  example: { sound: 'goodbye' },
});
