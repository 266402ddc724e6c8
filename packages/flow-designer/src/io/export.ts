import { parseFlow, serializeFlow } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';

/** The text of an exported flow, and whether it is flow-core's canonical form. */
export interface ExportedFlow {
  readonly fileName: string;
  readonly text: string;
  /**
   * True when the text is `serializeFlow`'s canonical form. False when the document does not parse
   * yet (a field being filled in, such as a new node's empty number): the document is then written
   * as it is, so that no work is lost, and `ringflow validate` reports what is left to fix.
   */
  readonly canonical: boolean;
}

/** `<flow id>.json`; an id that is not a valid one yet is made safe for a file name. */
export function exportFileName(flow: FlowDocument): string {
  const safe = flow.id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
  return `${safe === '' ? 'flow' : safe}.json`;
}

/**
 * The flow as a file: flow-core's canonical text (keys in a fixed order, defaults written out, two
 * spaces, a final newline), exactly what `ringflow validate` and `parseFlowText` read back.
 */
export function exportFlow(flow: FlowDocument): ExportedFlow {
  const fileName = exportFileName(flow);
  if (parseFlow(flow).ok) return { fileName, text: serializeFlow(flow), canonical: true };
  return { fileName, text: `${JSON.stringify(flow, null, 2)}\n`, canonical: false };
}

/** Saves `text` as a download named `fileName` (the browser's usual download, no dialog of ours). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; the URL can go after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
