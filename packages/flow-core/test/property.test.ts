import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  ISSUE_CODES,
  parseFlow,
  serializeFlow,
  validateFlow,
  validateFlowText,
  type FlowIssue,
} from '@ringflow/flow-core';
import { afterEach, describe, expect, it } from 'vitest';

const full: unknown = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'valid', 'full.json'), 'utf8'),
);

/** Every [path, value] of a JSON value, depth first. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}
const allPaths = paths(full).filter((p) => p.length > 0);

type Mutation = {
  path: Array<string | number>;
  op: 'set' | 'delete' | 'setKey';
  value: unknown;
  key: string;
};

function mutate(doc: unknown, mutation: Mutation): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const part of mutation.path.slice(0, -1)) {
    const next = parent[part];
    // An earlier mutation may have replaced or removed this part of the document.
    if (next === null || typeof next !== 'object') return copy;
    parent = next as Record<string | number, unknown>;
  }
  const last = mutation.path[mutation.path.length - 1]!;
  if (mutation.op === 'delete') {
    if (Array.isArray(parent)) {
      // Not splice: an earlier mutation may have given the array an own `constructor`, which splice
      // reads (ArraySpeciesCreate) and throws on.
      const index = Number(last);
      if (index < parent.length) {
        for (let i = index; i < parent.length - 1; i++) parent[i] = parent[i + 1];
        parent.length -= 1;
      }
    } else delete parent[last];
  } else if (mutation.op === 'setKey' && parent[last] !== null && typeof parent[last] === 'object') {
    // defineProperty creates an own "__proto__" key, as JSON.parse does, instead of setting the prototype.
    Object.defineProperty(parent[last], mutation.key, {
      value: mutation.value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  } else parent[last] = mutation.value;
  return copy;
}

const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.constantFrom(
    '',
    '__proto__',
    'constructor',
    '24:00',
    '25:00',
    '2026-02-29',
    '+33*',
    'x'.repeat(300),
    -1,
    1e308,
    Number.NaN,
    null,
    [],
    {},
  ),
  fc.string(),
  fc.integer(),
);
const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom(...allPaths),
  op: fc.constantFrom('set', 'delete', 'setKey'),
  value: hostileValue,
  key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', '1', '#', 'config', 'id'),
});

function expectWellFormed(issues: readonly FlowIssue[]): void {
  for (const issue of issues) {
    expect(Object.hasOwn(ISSUE_CODES, issue.code)).toBe(true);
    expect(issue.severity).toBe(ISSUE_CODES[issue.code].severity);
    // Every placeholder of the message template was given a value.
    for (const [, name] of ISSUE_CODES[issue.code].message.en.matchAll(/\{(\w+)\}/g)) {
      expect(issue.params ?? {}).toHaveProperty([name!]);
    }
  }
}

afterEach(() => {
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
});

describe('hostile documents', () => {
  it('mutated flows: no throw, every problem is an issue, valid results are canonical', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = mutations.reduce(mutate, full);
        const report = validateFlow(doc);
        expectWellFormed([...report.errors, ...report.warnings]);
        expect(report.ok).toBe(report.errors.length === 0);
        const parsed = parseFlow(doc);
        expect(parsed.ok).toBe(parsed.issues.length === 0);
        if (parsed.ok) {
          const text = serializeFlow(parsed.flow);
          expect(serializeFlow(parseFlow(JSON.parse(text)).flow!)).toBe(text);
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('arbitrary values: no throw, refused with issues', () => {
    fc.assert(
      fc.property(
        fc.anything({
          maxDepth: 5,
          withNullPrototype: true,
          withMap: true,
          withSet: true,
          withDate: true,
          withTypedArray: true,
        }),
        (value) => {
          const report = validateFlow(value);
          expect(report.ok).toBe(false);
          expect(report.errors.length).toBeGreaterThan(0);
          expectWellFormed(report.errors);
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('arbitrary and damaged text: no throw, refused with issues', () => {
    const fullText = JSON.stringify(full);
    const damaged = fc
      .tuple(fc.nat({ max: fullText.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 5 }))
      .map(([at, cut, insert]) => fullText.slice(0, at) + insert + fullText.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), damaged), (text) => {
        const report = validateFlowText(text);
        expectWellFormed([...report.errors, ...report.warnings]);
        expect(report.ok).toBe(report.errors.length === 0);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);
});
