import { z } from 'zod';
import { idSchema, soundRefSchema } from '../document/primitives.js';
import { defineNodeKind, type NodeReference } from './define.js';
import { soundReferences } from './references.js';

const questionSchema = z.strictObject({
  id: idSchema,
  prompt: soundRefSchema,
  min: z.number().int().min(0).max(9).default(1),
  max: z.number().int().min(0).max(9).default(5),
});

/** Satisfaction poll: questions answered with one key each. */
export const poll = defineNodeKind({
  kind: 'poll',
  version: 1,
  category: 'prompts',
  title: { en: 'Poll', fr: 'Sondage' },
  description: {
    en: 'Asks questions answered with a key between a minimum and a maximum (a key outside is asked again). Each answer is recorded with the poll, the question and the agent who last took the call, for per-branch and per-agent averages.',
    fr: 'Pose des questions auxquelles l’appelant répond par une touche entre un minimum et un maximum (une touche hors plage est redemandée). Chaque réponse est enregistrée avec le sondage, la question et le dernier agent ayant pris l’appel, pour des moyennes par branche et par agent.',
  },
  config: z.strictObject({
    id: idSchema,
    questions: z.array(questionSchema).max(20).default([]),
    thanks: soundRefSchema.optional(),
    timeoutSeconds: z.number().int().min(1).max(60).default(5),
  }),
  ports: [
    { id: 'done', label: { en: 'Done', fr: 'Terminé' }, terminalSafe: true },
    { id: 'noInput', label: { en: 'No answer', fr: 'Sans réponse' }, terminalSafe: true },
  ],
  waitsFor: 'caller',
  references: (config) => [
    ...config.questions.flatMap((q, i): NodeReference[] =>
      soundReferences(q.prompt, ['questions', i, 'prompt']),
    ),
    ...soundReferences(config.thanks, ['thanks']),
  ],
  check: (config, context) => {
    if (config.questions.length === 0)
      context.report('poll_no_questions', ['questions'], { nodeId: context.nodeId });
    const ids = new Set<string>();
    config.questions.forEach((question, index) => {
      if (ids.has(question.id)) {
        context.report('duplicate_id', ['questions', index, 'id'], {
          collection: 'questions',
          id: question.id,
        });
      }
      ids.add(question.id);
      if (question.min > question.max) {
        context.report('poll_invalid_range', ['questions', index], {
          question: question.id,
          min: question.min,
          max: question.max,
        });
      }
    });
  },
  example: {
    id: 'satisfaction',
    questions: [{ id: 'q1', prompt: 'poll-q1', min: 1, max: 5 }],
    thanks: 'poll-thanks',
  },
});
