import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { NODE_KIND_IDS } from '../nodes/registry.js';
import { flowJsonSchema } from './json-schema.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const documents = [
  ...readdirSync(join(root, 'packages/flow-core/test/fixtures/valid')).map(
    (f) => `packages/flow-core/test/fixtures/valid/${f}`,
  ),
  ...readdirSync(join(root, 'examples'))
    .filter((f) => existsSync(join(root, 'examples', f, 'flow.json')))
    .map((f) => `examples/${f}/flow.json`),
];

describe('flowJsonSchema', () => {
  const schema = flowJsonSchema();
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

  it('is a draft 2020-12 schema with one node shape per kind', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const text = JSON.stringify(schema);
    for (const kind of NODE_KIND_IDS) expect(text).toContain(`"const":"${kind}"`);
  });

  it.each(documents)('accepts %s', (file) => {
    const ok = validate(JSON.parse(readFileSync(join(root, file), 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('refuses what parseFlow refuses in shape', () => {
    const flow = JSON.parse(readFileSync(join(root, documents[0]!), 'utf8')) as Record<string, unknown>;
    expect(validate({ ...flow, format: 'ringflow.flow/v2' })).toBe(false);
    expect(validate({ ...flow, nodes: [{ id: 'x', kind: 'queue', config: {} }] })).toBe(false);
    expect(validate({ ...flow, nodes: [{ id: 'x', kind: 'ringGroup', config: { ringSeconds: 1 } }] })).toBe(
      false,
    );
    expect(validate({ ...flow, extra: true })).toBe(false);
  });
});
