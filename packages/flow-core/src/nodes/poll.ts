import { z } from 'zod';
import { idSchema, soundRefSchema } from '../document/primitives.js';
import { defineNodeKind, type NodeReference } from './define.js';
import { soundReferences } from './references.js';
import type { NodeContext } from '../engine/node-context.js';

const questionSchema = z.strictObject({
  id: idSchema,
  prompt: soundRefSchema,
  min: z.number().int().min(0).max(9).default(1),
  max: z.number().int().min(0).max(9).default(5),
});

const pollConfig = z.strictObject({
  id: idSchema,
  questions: z.array(questionSchema).max(20).default([]),
  thanks: soundRefSchema.optional(),
  timeoutSeconds: z.number().int().min(1).max(60).default(5),
});

/** Times a question is asked again after a key out of range, before the poll counts as unanswered. */
const MAX_RETRIES = 2;

type PollContext = NodeContext<z.output<typeof pollConfig>>;

function askQuestion(ctx: PollContext, index: number): void {
  ctx.state.question = index;
  ctx.state.phase = 'question';
  ctx.state.playback = ctx.play(ctx.config.questions[index]!.prompt);
}

function nextQuestion(ctx: PollContext): void {
  const next = (ctx.state.question as number) + 1;
  ctx.state.retries = 0;
  if (next < ctx.config.questions.length) askQuestion(ctx, next);
  else if (ctx.config.thanks !== undefined) {
    ctx.state.phase = 'thanks';
    ctx.state.playback = ctx.play(ctx.config.thanks);
  } else ctx.exit('done');
}

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
  config: pollConfig,
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
  runtime: {
    enter(ctx) {
      ctx.answer();
      ctx.state.retries = 0;
      askQuestion(ctx, 0);
    },
    on(event, ctx) {
      const phase = ctx.state.phase;
      if (event.type === 'playback.finished' && event.playbackId === ctx.state.playback) {
        if (phase === 'thanks') ctx.exit('done');
        else if (phase === 'question') {
          ctx.state.phase = 'waiting';
          ctx.collectDigits(ctx.config.timeoutSeconds);
          ctx.setTimer('digit', ctx.config.timeoutSeconds);
        }
      } else if (event.type === 'dtmf' && (phase === 'question' || phase === 'waiting')) {
        if (phase === 'question') ctx.stopPlayback(ctx.state.playback as string);
        ctx.clearTimer('digit');
        const question = ctx.config.questions[ctx.state.question as number]!;
        const value = /^[0-9]$/.test(event.digit) ? Number(event.digit) : NaN;
        if (value >= question.min && value <= question.max) {
          ctx.recordPoll(ctx.config.id, question.id, value);
          nextQuestion(ctx);
        } else if ((ctx.state.retries as number) < MAX_RETRIES) {
          ctx.state.retries = (ctx.state.retries as number) + 1;
          ctx.log('poll.outOfRange', { question: question.id, digit: event.digit });
          askQuestion(ctx, ctx.state.question as number);
        } else ctx.exit('noInput');
      } else if (event.type === 'timer' && event.name === 'digit') {
        ctx.log('poll.noInput', { question: ctx.config.questions[ctx.state.question as number]!.id });
        ctx.exit('noInput');
      }
    },
  },
  example: {
    id: 'satisfaction',
    questions: [{ id: 'q1', prompt: 'poll-q1', min: 1, max: 5 }],
    thanks: 'poll-thanks',
  },
});
