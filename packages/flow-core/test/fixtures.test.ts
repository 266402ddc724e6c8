import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_ISSUE_CODES,
  ISSUE_CODES,
  parseFlowText,
  serializeFlow,
  validateFlowText,
  type IssueCode,
} from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';

const fixtures = join(import.meta.dirname, 'fixtures');
const valid = readdirSync(join(fixtures, 'valid')).filter((f) => f.endsWith('.json'));
const invalid = readdirSync(join(fixtures, 'invalid')).filter((f) => f.endsWith('.json'));

// Fixtures that cannot be a small file in the repository are built here.
const generated: Partial<Record<IssueCode, () => string>> = {
  // Over the 10 MiB limit: a valid-looking document padded with a long description.
  document_too_large: () =>
    readFileSync(join(fixtures, 'valid', 'full.json'), 'utf8').replace(
      '"description": "',
      `"description": "${'x'.repeat(11 * 1024 * 1024)}`,
    ),
};

describe('valid fixtures', () => {
  it('there are valid fixtures', () => expect(valid.length).toBeGreaterThanOrEqual(2));
  it.each(valid)('%s validates without errors or warnings', (file) => {
    const report = validateFlowText(readFileSync(join(fixtures, 'valid', file), 'utf8'));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.ok).toBe(true);
  });
  it.each(valid)('%s round-trips unchanged through parse and serialize', (file) => {
    const text = readFileSync(join(fixtures, 'valid', file), 'utf8');
    const parsed = parseFlowText(text);
    expect(parsed.ok).toBe(true);
    expect(serializeFlow(parsed.flow!)).toBe(text);
  });
});

describe('invalid fixtures', () => {
  it.each(ALL_ISSUE_CODES)('code %s has a fixture', (code) => {
    expect(invalid.includes(`${code}.json`) || generated[code] !== undefined).toBe(true);
  });

  const cases = [
    ...invalid.map(
      (file) =>
        [file.replace(/\.json$/, ''), () => readFileSync(join(fixtures, 'invalid', file), 'utf8')] as const,
    ),
    ...Object.entries(generated).map(([code, make]) => [code, make] as const),
  ];
  it.each(cases)('%s.json reports exactly that code', (code, read) => {
    const report = validateFlowText(read());
    const issues = [...report.errors, ...report.warnings];
    expect(issues.map((i) => i.code)).toContain(code);
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set([code]));
    // A warning alone leaves the flow usable; an error never does.
    expect(report.ok).toBe(ISSUE_CODES[code as IssueCode].severity === 'warning');
    for (const issue of issues) {
      expect(issue.message.length).toBeGreaterThan(10);
      expect(issue.message).not.toMatch(/\{\w+\}/);
    }
  });
});
