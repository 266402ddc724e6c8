import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ISSUE_CODES } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { ERROR_DOCS, renderErrorsDoc } from '../scripts/error-docs.js';

const file = join(import.meta.dirname, '..', 'docs', 'errors.md');

describe('docs/errors.md', () => {
  // Rendering validates every fixture (one of them over 10 MiB): do it once.
  const rendered = renderErrorsDoc();
  const text = readFileSync(file, 'utf8');

  it('matches the code table, the explanations and the fixtures (run `npm run docs` when this fails)', () => {
    expect(text, 'docs/errors.md is stale: run `npm run docs`').toBe(rendered);
  });

  it.each(ALL_ISSUE_CODES)('the section of %s has a JSON example and the real output', (code) => {
    const section = text.split(/^## /m).find((part) => part.startsWith(`\`${code}\`\n`));
    expect(section, `no "## \`${code}\`" section`).toBeDefined();
    expect(section).toContain('\n```json\n');
    expect(section).toMatch(new RegExp(`\`\`\`text\\n(?:error|warning) ${code}\\b`));
    expect(section).toContain('How to fix it:');
  });

  it.each(ALL_ISSUE_CODES)('the example of %s is a short JSON excerpt', (code) => {
    const { example } = ERROR_DOCS[code];
    expect(example.split('\n').length).toBeLessThanOrEqual(12);
    // invalid_json's example is broken on purpose; every other one is JSON a reader can paste.
    if (code === 'invalid_json') expect(() => JSON.parse(example)).toThrow();
    else expect(() => JSON.parse(example)).not.toThrow();
  });
});
