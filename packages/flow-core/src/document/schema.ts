import { z } from 'zod';
import type { NodeKindId, NODE_KINDS } from '../nodes/registry.js';
import {
  COUNTRY_PATTERN,
  REGION_PATTERN,
  dateSchema,
  digitSchema,
  extensionSchema,
  e164Schema,
  idSchema,
  labelSchema,
  languageSchema,
  librarySoundSchema,
  monthDaySchema,
  numberPatternSchema,
  soundRefSchema,
  timeRangeSchema,
} from './primitives.js';

/** The format tag of this version of the flow document. */
export const FLOW_FORMAT = 'ringflow.flow/v1';

/** Limits on the size of one document, so that a hostile file cannot exhaust memory or time. */
export const FLOW_LIMITS = {
  /** Largest flow text accepted, in bytes of UTF-8. */
  maxBytes: 10 * 1024 * 1024,
  /** Deepest nesting of objects and arrays. */
  maxDepth: 64,
  maxNodes: 10_000,
  maxEdges: 20_000,
  maxLibraryItems: 5_000,
} as const;

/** Flow-wide call settings (DESIGN 3). */
export const settingsSchema = z.strictObject({
  anonymous: z.enum(['allow', 'reject']).default('allow'),
  blocked: z.array(numberPatternSchema).max(10_000).default([]),
  vip: z.array(numberPatternSchema).max(10_000).default([]),
  maxSteps: z.number().int().min(1).max(10_000).default(200),
  recording: z
    .strictObject({
      enabled: z.boolean().default(false),
      announcement: soundRefSchema.optional(),
      optOutDigit: digitSchema.optional(),
    })
    .prefault({}),
});

/** A person who takes calls. */
export const agentSchema = z.strictObject({
  id: idSchema,
  name: labelSchema,
  extension: extensionSchema.optional(),
  /** Mobile or direct number, for forwarding and for adapters that reach agents by number. */
  number: e164Schema.optional(),
  /** A schedule of the flow: outside it the agent is `outOfPlanning`. */
  planning: idSchema.optional(),
});

/** A named set of agents, rung or tested together. */
export const groupSchema = z.strictObject({
  id: idSchema,
  name: labelSchema,
  extension: extensionSchema.optional(),
  members: z.array(idSchema).max(1000).default([]),
});

const weekdayRanges = z.array(timeRangeSchema).max(48).default([]);

/** Days of the week as schedules name them, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A day or a period when the business is closed, once or every year. */
export const closureSchema = z.union([
  z.strictObject({ name: labelSchema, date: dateSchema }),
  z.strictObject({ name: labelSchema, from: dateSchema, to: dateSchema }),
  z.strictObject({ name: labelSchema, every: monthDaySchema }),
]);

/** Opening hours: weekly ranges, closures, special days and computed public holidays (DESIGN 3.2). */
export const scheduleSchema = z.strictObject({
  id: idSchema,
  name: labelSchema,
  timezone: z.string().min(1).max(64).optional(),
  weekly: z
    .strictObject({
      mon: weekdayRanges,
      tue: weekdayRanges,
      wed: weekdayRanges,
      thu: weekdayRanges,
      fri: weekdayRanges,
      sat: weekdayRanges,
      sun: weekdayRanges,
    })
    .prefault({}),
  closures: z.array(closureSchema).max(1000).default([]),
  specialHours: z
    .array(
      z.strictObject({
        date: dateSchema,
        name: labelSchema.optional(),
        hours: z.array(timeRangeSchema).max(48),
      }),
    )
    .max(1000)
    .default([]),
  publicHolidays: z
    .strictObject({
      country: z.string().regex(COUNTRY_PATTERN),
      region: z.string().regex(REGION_PATTERN).optional(),
    })
    .optional(),
});

export const positionSchema = z.strictObject({ x: z.number(), y: z.number() });

/** The fields every node has, whatever its kind; `config` is checked by the kind's own schema. */
export const nodeEnvelopeSchema = z.strictObject({
  id: idSchema,
  kind: z.string().min(1).max(64),
  label: z.string().max(200).optional(),
  position: positionSchema.prefault({ x: 0, y: 0 }),
  // Checked by the schema of the node's kind (see parseFlow); an absent config is an empty one.
  config: z.unknown().optional(),
});

/** A connection from one output port of a node to another node. */
export const edgeSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  port: z.string().min(1).max(64),
  target: idSchema,
});

/** Builds the document schema around a schema for its nodes. */
export function createFlowSchema<N extends z.ZodType>(node: N) {
  return z.strictObject({
    format: z.literal(FLOW_FORMAT),
    id: idSchema,
    name: labelSchema,
    description: z.string().max(2000).optional(),
    timezone: z.string().min(1).max(64),
    locale: languageSchema.default('fr-FR'),
    entry: idSchema,
    settings: settingsSchema.prefault({}),
    agents: z.array(agentSchema).max(FLOW_LIMITS.maxLibraryItems).default([]),
    groups: z.array(groupSchema).max(FLOW_LIMITS.maxLibraryItems).default([]),
    schedules: z.array(scheduleSchema).max(FLOW_LIMITS.maxLibraryItems).default([]),
    sounds: z.array(librarySoundSchema).max(FLOW_LIMITS.maxLibraryItems).default([]),
    nodes: z.array(node).max(FLOW_LIMITS.maxNodes).default([]),
    edges: z.array(edgeSchema).max(FLOW_LIMITS.maxEdges).default([]),
  });
}

/** The document with nodes checked only as envelopes; parseFlow checks each config by its kind. */
export const flowEnvelopeSchema = createFlowSchema(nodeEnvelopeSchema);

type KindConfig<K extends NodeKindId> = z.output<(typeof NODE_KINDS)[K]['config']>;

/** A node of a parsed flow, its `config` typed by its kind. */
export type FlowNode = {
  [K in NodeKindId]: {
    id: string;
    kind: K;
    label?: string;
    position: { x: number; y: number };
    config: KindConfig<K>;
  };
}[NodeKindId];

/** A node of kind `K`. */
export type FlowNodeOf<K extends NodeKindId> = Extract<FlowNode, { kind: K }>;

/** A parsed, typed flow document with every default applied. */
export type FlowDocument = Omit<z.output<typeof flowEnvelopeSchema>, 'nodes'> & { nodes: FlowNode[] };

export type FlowSettings = z.output<typeof settingsSchema>;
export type Agent = z.output<typeof agentSchema>;
export type Group = z.output<typeof groupSchema>;
export type Schedule = z.output<typeof scheduleSchema>;
export type Closure = z.output<typeof closureSchema>;
export type LibrarySound = z.output<typeof librarySoundSchema>;
export type FlowEdge = z.output<typeof edgeSchema>;
