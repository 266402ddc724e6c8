import { z } from 'zod';
import { idSchema, soundRefSchema } from '../document/primitives.js';
import type { NodeContext } from '../engine/node-context.js';
import { defineNodeKind } from './define.js';
import { soundReferences } from './references.js';

type VoicemailContext = NodeContext<{ mailbox: string; maxSeconds: number }>;

function startRecording(ctx: VoicemailContext): void {
  ctx.state.recording = ctx.recordVoicemail(ctx.config.mailbox, ctx.config.maxSeconds);
  ctx.state.recordingSince = ctx.now;
}

/** Takes a message for a mailbox. */
export const voicemail = defineNodeKind({
  kind: 'voicemail',
  version: 1,
  category: 'endings',
  title: { en: 'Voicemail', fr: 'Messagerie vocale' },
  description: {
    en: 'Plays a greeting and records the caller’s message into a mailbox (personal or shared), up to a maximum length.',
    fr: 'Diffuse une annonce et enregistre le message de l’appelant dans une boîte vocale (personnelle ou partagée), jusqu’à une durée maximale.',
  },
  config: z.strictObject({
    mailbox: idSchema,
    greeting: soundRefSchema.optional(),
    maxSeconds: z.number().int().min(5).max(600).default(120),
  }),
  ports: [{ id: 'done', label: { en: 'Recorded', fr: 'Enregistré' }, terminalSafe: true }],
  waitsFor: 'caller',
  references: (config) => soundReferences(config.greeting, ['greeting']),
  runtime: {
    enter(ctx) {
      ctx.answer();
      if (ctx.config.greeting === undefined) startRecording(ctx);
      else ctx.state.playback = ctx.play(ctx.config.greeting);
    },
    on(event, ctx) {
      if (event.type === 'playback.finished' && event.playbackId === ctx.state.playback) startRecording(ctx);
      else if (event.type === 'voicemail.recorded' && event.recordingId === ctx.state.recording) {
        ctx.voicemailLeft(ctx.config.mailbox, event.seconds, event.file);
        ctx.exit('done');
      } else if (event.type === 'call.hungup' && ctx.state.recording !== undefined) {
        // Hanging up is how most callers end a message: it is kept.
        const seconds = Math.min(ctx.secondsSince(ctx.state.recordingSince as number), ctx.config.maxSeconds);
        if (seconds > 0) ctx.voicemailLeft(ctx.config.mailbox, seconds);
      }
    },
  },
  example: { mailbox: 'shared', greeting: 'vm-greeting', maxSeconds: 120 },
});
