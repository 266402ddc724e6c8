import { basename, join, resolve } from 'node:path';
import { flowJsonSchema } from '@ringflow/flow-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertFlowId, FLOW_ID_PATTERN, isFlowId, isVersionNumber } from './flow-id.js';

describe('flow ids', () => {
  it('are the ids of flow-core documents, no more and no less', () => {
    const schema = flowJsonSchema() as { properties: { id: { pattern: string } } };
    expect(FLOW_ID_PATTERN.source).toBe(schema.properties.id.pattern);
  });

  it('are always a plain file name inside the folder they are joined to', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(FLOW_ID_PATTERN), fc.string({ maxLength: 80 })), (candidate) => {
        if (!isFlowId(candidate)) return;
        const folder = resolve('/store/flows');
        expect(basename(candidate)).toBe(candidate);
        expect(resolve(folder, candidate)).toBe(join(folder, candidate));
        expect(candidate).not.toMatch(/[./\\:\s]/);
        expect(candidate.includes(String.fromCharCode(0))).toBe(false);
      }),
    );
  });

  it('refuse what is not one', () => {
    for (const bad of [
      '',
      '.',
      '..',
      '../x',
      'a/b',
      'a\\b',
      '1a',
      '-a',
      'a.json',
      'a'.repeat(65),
      42,
      null,
    ]) {
      expect(isFlowId(bad)).toBe(false);
      expect(() => assertFlowId(bad)).toThrow(TypeError);
    }
    expect(isFlowId('support-line_2')).toBe(true);
    expect(isFlowId('a'.repeat(64))).toBe(true);
  });

  it('go with version numbers that are positive integers', () => {
    expect([1, 2, 999_999_999].every(isVersionNumber)).toBe(true);
    expect([0, -1, 1.5, Number.NaN, 1e12, '1'].some(isVersionNumber)).toBe(false);
  });
});
