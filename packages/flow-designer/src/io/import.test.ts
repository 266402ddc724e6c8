import { FLOW_LIMITS, serializeFlow } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../app/examples.js';
import { importFlowFile, importFlowText, readImportFile } from './import.js';
import { locateJsonPath } from './json-position.js';

const valid = serializeFlow(EXAMPLES[0]!.flow);

describe('importFlowText', () => {
  it('opens a valid flow file', () => {
    const result = importFlowText(valid, 'fr');
    expect(result.ok && result.flow).toEqual(EXAMPLES[0]!.flow);
  });

  it('reads a file that starts with a byte order mark', () => {
    expect(importFlowText(`\uFEFF${valid}`, 'fr').ok).toBe(true);
  });

  it('refuses a JSON syntax error, at its line and column, in French', () => {
    const result = importFlowText('{\n  "format": "ringflow.flow/v1",\n  "id": oops\n}', 'fr');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'invalid_json', severity: 'error', line: 3, column: 9 }),
    ]);
    expect(result.problems[0]!.message).toMatch(
      /^Le fichier n'est pas un JSON valide \(ligne 3, colonne 9\)/,
    );
  });

  it('refuses another format', () => {
    const result = importFlowText(JSON.stringify({ format: 'other/v2', id: 'x' }), 'en');
    expect(!result.ok && result.problems.map((p) => p.code)).toEqual(['unsupported_format']);
  });

  it('lists every schema problem, each placed in the text', () => {
    const text = valid
      .replace('"timezone": "Europe/Paris"', '"timezone": 42')
      .replace(/"ringSeconds": \d+/, '"ringSeconds": "long"')
      .replace('"format": "ringflow.flow/v1",', '"format": "ringflow.flow/v1",\n  "colour": "blue",');
    const result = importFlowText(text, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const codes = result.problems.map((p) => p.code).sort();
    expect(codes).toEqual(['invalid_type', 'invalid_type', 'unknown_field']);
    for (const problem of result.problems) {
      expect(problem.line).toBeGreaterThan(0);
      expect(problem.path).toBeDefined();
      const lines = text.split('\n');
      // The position is the key of the field the problem is about.
      const key = problem
        .path!.split(/[.[\]]/)
        .filter(Boolean)
        .at(-1)!;
      expect(lines[problem.line! - 1]!.slice(problem.column! - 1)).toMatch(new RegExp(`^"${key}"`));
    }
  });

  it('reports duplicate keys with their line', () => {
    const result = importFlowText('{"format": "ringflow.flow/v1",\n"id": "a",\n"id": "b"}', 'en');
    expect(!result.ok && result.problems.map((p) => [p.code, p.line])).toEqual([['duplicate_key', 3]]);
  });
});

describe('importFlowFile', () => {
  it('refuses a file over the size limit without reading it', async () => {
    const huge = {
      name: 'huge.json',
      size: FLOW_LIMITS.maxBytes + 1,
      text: () => Promise.reject(new Error('read')),
    };
    const read = await readImportFile(huge as unknown as File);
    expect(read.text).toBeUndefined();
    const result = importFlowFile(read, 'fr', '');
    expect(!result.ok && result.problems.map((p) => p.code)).toEqual(['document_too_large']);
    expect(!result.ok && result.problems[0]!.message).toContain('10.0 MiB');
  });

  it('reports a file the browser cannot read', async () => {
    const broken = { name: 'x.json', size: 10, text: () => Promise.reject(new Error('NotReadableError')) };
    const read = await readImportFile(broken as unknown as File);
    const result = importFlowFile(read, 'en', `unreadable: ${read.unreadable}`);
    expect(!result.ok && result.problems).toEqual([
      { code: 'file_unreadable', severity: 'error', message: 'unreadable: NotReadableError' },
    ]);
  });

  it('reads a real file', async () => {
    const read = await readImportFile(new File([valid], 'flow.json', { type: 'application/json' }));
    expect(importFlowFile(read, 'en', '').ok).toBe(true);
  });
});

describe('locateJsonPath', () => {
  const text = '{\n  "a": [1, {"b": "x,]}"}, [2]],\n  "c": {"d": null}\n}';
  it('finds keys, items and nested values', () => {
    expect(locateJsonPath(text, ['a'])).toEqual({ line: 2, column: 3 });
    expect(locateJsonPath(text, ['a', 1, 'b'])).toEqual({ line: 2, column: 13 });
    expect(locateJsonPath(text, ['a', 2, 0])).toEqual({ line: 2, column: 28 });
    expect(locateJsonPath(text, ['c', 'd'])).toEqual({ line: 3, column: 9 });
  });
  it('stops at the deepest part that exists', () => {
    expect(locateJsonPath(text, ['c', 'missing'])).toEqual({ line: 3, column: 3 });
    expect(locateJsonPath(text, ['a', 9])).toEqual({ line: 2, column: 3 });
    expect(locateJsonPath(text, [])).toEqual({ line: 1, column: 1 });
    expect(locateJsonPath('', ['a'])).toBeUndefined();
  });
});
