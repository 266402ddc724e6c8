import { parseFlow } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue } from '@ringflow/flow-core';
import { loadSavedFlow, saveFlow } from '../io/autosave.js';
import { createMemoryStorage } from '../io/memory-storage.js';

/**
 * A flow document sent by the server, as the designer can open it: parsed by flow-core (defaults
 * applied), or, for a draft saved while a field was being filled in, as it is. Autosave decides
 * which unfinished documents still open (io/autosave.ts): the same rule is applied here by going
 * through it, so that a draft opens from the server exactly when it would from the browser.
 */
export function readServerFlow(
  value: unknown,
  flowId: string,
):
  | { readonly ok: true; readonly flow: FlowDocument }
  | { readonly ok: false; readonly issues: readonly FlowIssue[] } {
  const parsed = parseFlow(value);
  if (parsed.ok)
    return parsed.flow.id === flowId ? { ok: true, flow: parsed.flow } : { ok: false, issues: [] };
  const scratch = createMemoryStorage();
  if (saveFlow(scratch, value as FlowDocument) === undefined) {
    const kept = loadSavedFlow(scratch, flowId);
    if (kept !== undefined) return { ok: true, flow: kept.flow };
  }
  return { ok: false, issues: parsed.issues };
}
