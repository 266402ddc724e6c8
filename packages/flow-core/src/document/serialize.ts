import { parseFlow } from './parse.js';
import type { FlowDocument } from './schema.js';

/**
 * Writes a flow document as canonical JSON text: keys in the schema's fixed order, every default
 * written out, menu keys in keypad order, two-space indentation and a final newline. Ids are never
 * regenerated, so saving a flow again changes only what was edited and flows diff cleanly in git.
 * Writing defaults out also keeps a saved flow's behaviour if a later version changes a default.
 *
 * Throws a TypeError when `flow` is not a valid document: writing one is a programmer error.
 *
 * @example
 * const result = parseFlowText(text);
 * if (result.ok) writeFileSync('flow.json', serializeFlow(result.flow));
 */
export function serializeFlow(flow: FlowDocument): string {
  const result = parseFlow(flow);
  if (!result.ok) {
    const first = result.issues[0]!;
    throw new TypeError(`serializeFlow: not a valid flow document (${first.code}: ${first.message})`);
  }
  return `${JSON.stringify(result.flow, null, 2)}\n`;
}
