import { parseFlow } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';

/** An example of the repository, by folder name. */
export interface Example {
  readonly folder: string;
  readonly flow: FlowDocument;
}

/** Turns `{ '<path>/examples/<folder>/flow.json': json }` into parsed examples sorted by folder. */
export function loadExamples(modules: Readonly<Record<string, unknown>>): Example[] {
  const examples: Example[] = [];
  for (const [path, json] of Object.entries(modules)) {
    const folder = /examples\/([^/]+)\/flow\.json$/.exec(path)?.[1];
    const parsed = parseFlow(json);
    // An example that does not parse is reported by the repository's own tests, not shown here.
    if (folder !== undefined && parsed.ok) examples.push({ folder, flow: parsed.flow });
  }
  return examples.sort((a, b) => a.folder.localeCompare(b.folder));
}

/** The examples of the repository, bundled by Vite at build time. */
export const EXAMPLES: readonly Example[] = loadExamples(
  import.meta.glob('../../../../examples/*/flow.json', { eager: true, import: 'default' }),
);
