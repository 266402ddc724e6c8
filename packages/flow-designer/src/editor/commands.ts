import { getNodeKind } from '@ringflow/flow-core';
import type { NodeKindId } from '@ringflow/flow-core';
import {
  addNode,
  connect,
  copyNodes,
  deleteElements,
  pasteNodes,
  placeNextTo,
  readClipboard,
} from './operations.js';
import type { ClipboardContent } from './operations.js';
import type { FlowEditor } from './useFlowEditor.js';

/**
 * The designer's commands: what a toolbar button, a shortcut or a palette click does, each one undo
 * step built from the operations of `operations.ts`, with the selection that follows.
 */

/** How far a paste or a duplicate is shifted from the original, so both stay visible. */
export const PASTE_OFFSET = { x: 40, y: 40 } as const;

/**
 * Adds a node of `kind` next to the selection and selects it. When exactly one node is selected and
 * one of its exits leads nowhere, the new node is connected to the first such exit: adding "the next
 * step" is the common case.
 */
export function addNextTo(editor: FlowEditor, kind: NodeKindId): string {
  const selected = editor.selection.nodes;
  const id = editor.edit((draft) => {
    const position = placeNextTo(draft, selected);
    const added = addNode(draft, kind, position);
    if (selected.length === 1) {
      const source = draft.nodes.find((node) => node.id === selected[0]);
      const ports = source === undefined ? [] : (getNodeKind(source.kind)?.portsOf(source.config) ?? []);
      const free = ports.find(
        (port) => !draft.edges.some((e) => e.source === source?.id && e.port === port.id),
      );
      if (source !== undefined && free !== undefined) connect(draft, source.id, free.id, added);
    }
    return added;
  });
  editor.select({ nodes: [id], edges: [] });
  return id;
}

/** Deletes the selected nodes and edges. */
export function deleteSelection(editor: FlowEditor): void {
  const { nodes, edges } = editor.selection;
  if (nodes.length === 0 && edges.length === 0) return;
  editor.edit((draft) => deleteElements(draft, { nodes, edges }));
}

/** Selects every node and edge. */
export function selectAll(editor: FlowEditor): void {
  editor.select({ nodes: editor.flow.nodes.map((n) => n.id), edges: editor.flow.edges.map((e) => e.id) });
}

// The designer's own clipboard: used when the system clipboard is not reachable (no permission).
let lastCopied: ClipboardContent | undefined;

/** Copies the selected nodes (and the edges between them); returns the clipboard text, or undefined. */
export function copySelection(editor: FlowEditor): string | undefined {
  if (editor.selection.nodes.length === 0) return undefined;
  lastCopied = copyNodes(editor.flow, editor.selection.nodes);
  return JSON.stringify(lastCopied);
}

/** Copies then deletes the selected nodes. */
export function cutSelection(editor: FlowEditor): string | undefined {
  const text = copySelection(editor);
  if (text !== undefined) deleteSelection(editor);
  return text;
}

/**
 * Pastes nodes: from `text` when it holds copied ringflow nodes (the system clipboard), else the
 * designer's own clipboard. The pasted nodes get new ids and are selected. Returns their ids.
 */
export function paste(editor: FlowEditor, text?: string): string[] {
  const content = (text === undefined ? undefined : readClipboard(text)) ?? lastCopied;
  if (content === undefined || content.nodes.length === 0) return [];
  const ids = editor.edit((draft) => pasteNodes(draft, content, PASTE_OFFSET));
  editor.select({ nodes: ids, edges: [] });
  return ids;
}

/** Duplicates the selected nodes (one undo step), without touching the clipboard. */
export function duplicateSelection(editor: FlowEditor): string[] {
  if (editor.selection.nodes.length === 0) return [];
  const content = copyNodes(editor.flow, editor.selection.nodes);
  const ids = editor.edit((draft) => pasteNodes(draft, content, PASTE_OFFSET));
  editor.select({ nodes: ids, edges: [] });
  return ids;
}
