import { z } from 'zod';
import { digitSchema, labelSchema, soundRefSchema } from '../document/primitives.js';
import { defineNodeKind, type PortSpec } from './define.js';
import { soundReferences } from './references.js';
import type { NodeContext } from '../engine/node-context.js';
import type { SoundRef } from '../document/primitives.js';

/** Keypad order, used to write options and to lay out their outputs. */
export const KEYPAD_ORDER = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;

const optionSchema = z.strictObject({ label: labelSchema });

interface MenuConfig {
  prompt: SoundRef;
  options: Record<string, { label: string }>;
  timeoutSeconds: number;
  attempts: number;
  invalidPrompt?: SoundRef | undefined;
  timeoutPrompt?: SoundRef | undefined;
}

/** Plays a notice (if any) then the prompt; digits typed meanwhile interrupt it. */
function ask(ctx: NodeContext<MenuConfig>, notice: SoundRef | undefined): void {
  ctx.state.phase = notice === undefined ? 'prompt' : 'notice';
  ctx.state.playback = ctx.play(notice ?? ctx.config.prompt);
}

/** A wrong key or no key: ask again while attempts remain, else leave by `invalid` or `timeout`. */
function retry(ctx: NodeContext<MenuConfig>, why: 'invalid' | 'timeout'): void {
  if ((ctx.state.attempt as number) < ctx.config.attempts) {
    ctx.state.attempt = (ctx.state.attempt as number) + 1;
    ask(ctx, why === 'invalid' ? ctx.config.invalidPrompt : ctx.config.timeoutPrompt);
  } else ctx.exit(why);
}

/** Key menu: the caller presses a key to choose where the call goes. */
export const menu = defineNodeKind({
  kind: 'menu',
  version: 1,
  category: 'prompts',
  title: { en: 'Key menu', fr: 'Menu à touches' },
  description: {
    en: 'Plays a prompt and waits for one key. A key that is not offered, or no key before the timeout, plays the matching message and asks again until the attempts are used; then the call takes `invalid` or `timeout`.',
    fr: 'Diffuse un message et attend une touche. Une touche non proposée, ou aucune touche avant le délai, diffuse le message prévu et repose la question jusqu’à épuisement des essais ; l’appel suit alors `invalid` ou `timeout`.',
  },
  config: z.strictObject({
    prompt: soundRefSchema,
    options: z
      .record(digitSchema, optionSchema)
      .default({})
      // A fixed key order keeps documents stable. (JavaScript always lists digit keys first, 0 to 9,
      // so the written order is 0-9, *, #; outputs follow keypad order 1-9, 0, *, #.)
      .overwrite((options) => {
        const sorted: Record<string, { label: string }> = {};
        for (const digit of KEYPAD_ORDER) if (Object.hasOwn(options, digit)) sorted[digit] = options[digit]!;
        return sorted;
      }),
    timeoutSeconds: z.number().int().min(1).max(60).default(5),
    attempts: z.number().int().min(1).max(10).default(3),
    invalidPrompt: soundRefSchema.optional(),
    timeoutPrompt: soundRefSchema.optional(),
  }),
  ports: (config) => [
    ...KEYPAD_ORDER.filter((digit) => Object.hasOwn(config.options, digit)).map((digit): PortSpec => ({
      id: digit,
      label: {
        en: `${digit}: ${config.options[digit]!.label}`,
        fr: `${digit} : ${config.options[digit]!.label}`,
      },
    })),
    { id: 'timeout', label: { en: 'No key', fr: 'Aucune touche' } },
    { id: 'invalid', label: { en: 'Wrong key', fr: 'Touche invalide' } },
  ],
  portsNote: {
    en: 'One output per offered key (named by the key), then `timeout` and `invalid`.',
    fr: 'Une sortie par touche proposée (nommée par la touche), puis `timeout` et `invalid`.',
  },
  waitsFor: 'caller',
  references: (config) => [
    ...soundReferences(config.prompt, ['prompt']),
    ...soundReferences(config.invalidPrompt, ['invalidPrompt']),
    ...soundReferences(config.timeoutPrompt, ['timeoutPrompt']),
  ],
  check: (config, context) => {
    if (Object.keys(config.options).length === 0)
      context.report('menu_no_options', ['options'], { nodeId: context.nodeId });
  },
  runtime: {
    enter(ctx) {
      ctx.answer();
      ctx.state.attempt = 1;
      ask(ctx, undefined);
    },
    on(event, ctx) {
      const phase = ctx.state.phase;
      if (event.type === 'playback.finished' && event.playbackId === ctx.state.playback) {
        if (phase === 'notice') ask(ctx, undefined);
        else if (phase === 'prompt') {
          ctx.state.phase = 'waiting';
          ctx.collectDigits(ctx.config.timeoutSeconds);
          ctx.setTimer('digit', ctx.config.timeoutSeconds);
        }
      } else if (event.type === 'dtmf') {
        if (phase === 'notice' || phase === 'prompt') ctx.stopPlayback(ctx.state.playback as string);
        ctx.clearTimer('digit');
        ctx.log('digit.received', { digit: event.digit });
        if (Object.hasOwn(ctx.config.options, event.digit)) ctx.exit(event.digit);
        else retry(ctx, 'invalid');
      } else if (event.type === 'timer' && event.name === 'digit') {
        ctx.log('digit.timeout');
        retry(ctx, 'timeout');
      }
    },
  },
  example: {
    prompt: 'menu-prompt',
    options: { '1': { label: 'Ventes' }, '2': { label: 'Support' } },
    timeoutSeconds: 5,
    attempts: 3,
  },
});
