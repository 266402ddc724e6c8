import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlowText, serializeFlow, validateFlowText } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';

// Examples are read through the public API, exactly as a user would.
const examples = join(import.meta.dirname, '..', 'examples');
const folders = readdirSync(examples).filter((f) => existsSync(join(examples, f, 'flow.json')));

describe('examples', () => {
  it('has the four examples from the source manuals', () => {
    expect(folders.sort()).toEqual([
      'evatel-receptionist',
      'goto-dial-plan',
      'onoff-greeting',
      'ringover-standard',
    ]);
  });

  it.each(folders)('%s is valid, without warnings, and in canonical form', (folder) => {
    const text = readFileSync(join(examples, folder, 'flow.json'), 'utf8');
    const report = validateFlowText(text);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(serializeFlow(parseFlowText(text).flow!)).toBe(text);
    expect(existsSync(join(examples, folder, 'README.md'))).toBe(true);
  });
});
