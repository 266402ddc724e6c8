import { z } from 'zod';
import { e164Schema, idSchema, KEYS_PATTERN } from '../document/primitives.js';
import { readJsonText } from '../document/parse.js';
import { reportZodIssues } from '../document/zod-issues.js';
import type { Locale } from '../i18n/locale.js';
import { IssueList, type FlowIssue } from '../validation/issue.js';

const answering = {
  /** Answers this many seconds after the ring starts. */
  answerAfterSeconds: z.number().min(0).max(3600).optional(),
  /** `never`: lets it ring. */
  answer: z.literal('never').optional(),
  /** Declines the call (after `rejectAfterSeconds`, default 2). */
  reject: z.boolean().optional(),
  rejectAfterSeconds: z.number().min(0).max(3600).optional(),
};

/** A simulated call (DESIGN 6): who calls when, how agents and numbers behave, what the caller types. */
export const scenarioSchema = z.strictObject({
  call: z.strictObject({
    from: e164Schema.nullable(),
    to: z.string().min(1).max(32),
    at: z.iso.datetime({ offset: true }),
  }),
  agents: z
    .record(
      idSchema,
      z.strictObject({
        status: z.enum(['available', 'offline', 'snooze', 'inCall']).default('available'),
        ...answering,
      }),
    )
    .default({}),
  numbers: z.record(e164Schema, z.strictObject({ ...answering, busy: z.boolean().optional() })).default({}),
  caller: z
    .strictObject({
      /** Keys typed at each step that collects digits, in order; null types nothing. */
      inputs: z.array(z.string().regex(KEYS_PATTERN).nullable()).max(200).default([]),
      hangupAfterSeconds: z.number().min(0).max(86_400).optional(),
      /** Presses the flow's opt-out key during the recording notice (settings.recording). */
      optOutOfRecording: z.boolean().default(false),
      /** Length of a voicemail message the caller leaves. Default 20. */
      messageSeconds: z.number().min(1).max(3600).default(20),
    })
    .prefault({}),
  /** Length of an answered conversation, after which the agent hangs up. Default 60. */
  talkSeconds: z.number().min(1).max(86_400).default(60),
  /** Length in seconds of sound files, by path (a file's length is unknown otherwise; default 10). */
  soundSeconds: z.record(z.string(), z.number().min(0).max(3600)).default({}),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Checks a scenario; never throws on bad input. */
export function parseScenario(
  input: unknown,
  options: { locale?: Locale } = {},
): { ok: true; scenario: Scenario; issues: [] } | { ok: false; issues: FlowIssue[] } {
  const parsed = scenarioSchema.safeParse(input);
  if (parsed.success) return { ok: true, scenario: parsed.data, issues: [] };
  const list = new IssueList(options.locale);
  reportZodIssues(parsed.error.issues, input, [], list);
  return { ok: false, issues: list.issues };
}

/** Checks a scenario given as JSON text, with the same text checks as flows (see parseFlowText). */
export function parseScenarioText(
  text: string,
  options: { locale?: Locale } = {},
): ReturnType<typeof parseScenario> {
  const list = new IssueList(options.locale);
  const read = readJsonText(text, list);
  return read.ok ? parseScenario(read.value, options) : { ok: false, issues: list.issues };
}
