import { parseFlow } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import { EXAMPLES } from '../src/app/examples.js';

/** A parsed example flow of the repository, by folder. */
export function exampleFlow(folder: string): FlowDocument {
  const example = EXAMPLES.find((e) => e.folder === folder);
  if (example === undefined) throw new Error(`no example "${folder}"`);
  return example.flow;
}

/** Parses a flow written in a test; throws (a test bug) when it does not parse. */
export function flowOf(json: unknown): FlowDocument {
  const parsed = parseFlow(json);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
  return parsed.flow;
}
