import { parseFlow } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';

/** An example of the repository, by folder. */
export interface Example {
  readonly folder: string;
  /** The flow's id and name, read from its JSON without parsing it (the picker and the id checks). */
  readonly id: string;
  readonly name: string;
  /**
   * The flow as flow-core parses it, parsed on first use: a page opened on a saved flow of 500 nodes
   * does not wait for every example to be parsed. Throws when the example does not parse (the
   * repository's own tests keep every example valid).
   */
  readonly flow: FlowDocument;
}

/** The text of a top-level field of an example's JSON, if it is one. */
function textField(json: unknown, field: 'id' | 'name'): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const value = (json as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Turns `{ '<path>/examples/<folder>/flow.json': json }` into examples sorted by folder; each is parsed
 * when its `flow` is first read.
 */
export function loadExamples(modules: Readonly<Record<string, unknown>>): Example[] {
  const examples: Example[] = [];
  for (const [path, json] of Object.entries(modules)) {
    const folder = /examples\/([^/]+)\/flow\.json$/.exec(path)?.[1];
    const id = textField(json, 'id');
    const name = textField(json, 'name');
    if (folder === undefined || id === undefined || name === undefined) continue;
    let parsed: FlowDocument | undefined;
    examples.push({
      folder,
      id,
      name,
      get flow() {
        if (parsed !== undefined) return parsed;
        const result = parseFlow(json, { freeze: true });
        if (!result.ok) {
          const problems = result.issues.map((issue) => `${issue.code}: ${issue.message}`).join('; ');
          throw new Error(`the example "${folder}" does not parse: ${problems}`);
        }
        parsed = result.flow;
        return parsed;
      },
    });
  }
  // Folder names are ASCII: compared by code unit, without starting a collator (about 15 ms at the
  // first localeCompare, before the first paint).
  return examples.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}

/** The examples of the repository, bundled by Vite at build time. */
export const EXAMPLES: readonly Example[] = loadExamples(
  import.meta.glob('../../../../examples/*/flow.json', { eager: true, import: 'default' }),
);
