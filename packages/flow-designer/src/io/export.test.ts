import { parseFlowText, validateFlowText } from '@ringflow/flow-core';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../app/examples.js';
import { greetingFlow, defaultGreetingOptions } from '../start/greeting.js';
import { exportFileName, exportFlow } from './export.js';

/** The examples' files exactly as they are in the repository. */
const FILES = import.meta.glob<string>('../../../../examples/*/flow.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function fileOf(folder: string): string {
  const entry = Object.entries(FILES).find(([path]) => path.endsWith(`/examples/${folder}/flow.json`));
  if (entry === undefined) throw new Error(`no file for ${folder}`);
  return entry[1];
}

describe('exportFlow', () => {
  it('finds every example file', () => {
    expect(Object.keys(FILES)).toHaveLength(EXAMPLES.length);
  });

  it.each(EXAMPLES.map((example) => [example.folder, example] as const))(
    '%s: writes the repository file byte for byte, named after the flow id',
    (folder, example) => {
      const file = exportFlow(example.flow);
      expect(file.canonical).toBe(true);
      expect(file.fileName).toBe(`${example.flow.id}.json`);
      expect(file.text).toBe(fileOf(folder));
      const report = validateFlowText(file.text);
      expect(report.errors).toEqual([]);
    },
  );

  it('writes an edited flow in canonical form, which reads back as the same flow', () => {
    const edited = produce(EXAMPLES[0]!.flow, (draft) => {
      draft.name = 'Renamed';
      draft.nodes[0]!.position = { x: 40, y: 80 };
    });
    const file = exportFlow(edited);
    const read = parseFlowText(file.text);
    expect(read.ok && read.flow).toEqual(edited);
    expect(file.text.endsWith('}\n')).toBe(true);
  });

  it('writes a generated greeting flow that ringflow validate accepts with no warning', () => {
    const flow = greetingFlow({ ...defaultGreetingOptions(), users: [{ name: 'Léa', extension: '101' }] });
    const report = validateFlowText(exportFlow(flow).text);
    expect([...report.errors, ...report.warnings]).toEqual([]);
  });

  it('writes a flow that does not parse yet as it is, and says it is not canonical', () => {
    const unfinished = produce(EXAMPLES[0]!.flow, (draft) => {
      draft.nodes.push({
        id: 'x',
        kind: 'forward',
        position: { x: 0, y: 0 },
        config: { number: '', ringSeconds: 30, callerId: 'caller' },
      });
    });
    const file = exportFlow(unfinished);
    expect(file.canonical).toBe(false);
    expect(JSON.parse(file.text)).toEqual(unfinished);
    expect(validateFlowText(file.text).errors.map((e) => e.code)).toContain('invalid_number');
  });

  it('names the file safely whatever the id', () => {
    expect(exportFileName({ ...EXAMPLES[0]!.flow, id: '../../etc passwd' })).toBe('------etc-passwd.json');
    expect(exportFileName({ ...EXAMPLES[0]!.flow, id: '' })).toBe('flow.json');
  });
});
