import { z } from 'zod';
import { NODE_KINDS } from '../nodes/registry.js';
import { createFlowSchema, FLOW_FORMAT, nodeEnvelopeSchema } from './schema.js';

/** The URI identifying the JSON Schema of `ringflow.flow/v1`. */
export const FLOW_JSON_SCHEMA_ID = 'https://ringflow.dev/schema/ringflow.flow.v1.json';

/**
 * The JSON Schema (draft 2020-12) of the flow document, generated from the same zod schemas that
 * parseFlow uses, with one node shape per registered kind. Editors use it for completion; it does
 * not express cross-references (an edge to an unknown node), which only validateFlow checks.
 */
export function flowJsonSchema(): Record<string, unknown> {
  const nodeShapes = Object.values(NODE_KINDS).map((kind) =>
    nodeEnvelopeSchema.extend({
      kind: z.literal(kind.kind).describe(kind.title.en),
      config: (kind.config as z.ZodType).prefault({}).describe(kind.description.en),
    }),
  );
  const node = z.discriminatedUnion(
    'kind',
    nodeShapes as unknown as [(typeof nodeShapes)[number], ...typeof nodeShapes],
  );
  const document = createFlowSchema(node).describe(`A ringflow call flow (${FLOW_FORMAT}).`);
  const schema = z.toJSONSchema(document, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return { ...schema, $id: FLOW_JSON_SCHEMA_ID, title: 'ringflow flow document' };
}
