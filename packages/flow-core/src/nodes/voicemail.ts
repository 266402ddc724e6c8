import { z } from 'zod';
import { idSchema, soundRefSchema } from '../document/primitives.js';
import { defineNodeKind } from './define.js';
import { soundReferences } from './references.js';

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
  example: { mailbox: 'shared', greeting: 'vm-greeting', maxSeconds: 120 },
});
