import { useEffect } from 'react';
import type { RefObject } from 'react';
import { PALETTE_SEARCH_ID } from '../palette/Palette.js';
import {
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  paste,
  selectAll,
} from './commands.js';
import type { FlowEditor } from './useFlowEditor.js';

/** The designer's keyboard shortcuts, as shown in tooltips and `aria-keyshortcuts` (Ctrl or ⌘). */
export const SHORTCUTS = {
  undo: 'Control+Z',
  redo: 'Control+Shift+Z',
  copy: 'Control+C',
  cut: 'Control+X',
  paste: 'Control+V',
  duplicate: 'Control+D',
  delete: 'Delete',
  selectAll: 'Control+A',
  layout: 'Control+Shift+L',
  search: '/',
  deselect: 'Escape',
} as const;

/** Whether a key event was typed into a field, where keys keep their usual meaning. */
function inField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** Whether an event is for the designer: typed in it (not in one of its fields), or with nothing focused. */
function forDesigner(event: Event, root: HTMLElement | null): boolean {
  if (root === null || inField(event.target)) return false;
  const target = event.target;
  return target === document.body || (target instanceof Node && root.contains(target));
}

/**
 * Whether an event is about the canvas's selection: typed on the canvas (a node, an edge, the pane)
 * or with nothing focused. Delete on a button of a side panel must not delete the selected nodes;
 * undo and redo work anywhere in the designer.
 */
function onCanvas(event: Event): boolean {
  const target = event.target;
  return target === document.body || (target instanceof Element && target.closest('.react-flow') !== null);
}

/**
 * Listens for the designer's shortcuts while focus is in it (or nowhere): undo, redo, copy, cut,
 * paste, duplicate, delete, select all, tidy up, search the palette, clear the selection. Copy and
 * paste go through the system clipboard events, so Ctrl+C in the designer and Ctrl+V in another
 * designer tab work, with the designer's own clipboard when the system one says nothing.
 */
export function useShortcuts(
  editor: FlowEditor,
  root: RefObject<HTMLElement | null>,
  actions: { readonly layout: () => void },
): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!forDesigner(event, root.current)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !event.shiftKey) editor.undo();
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) editor.redo();
      else if (!onCanvas(event)) handled = false;
      else if (mod && key === 'd') duplicateSelection(editor);
      else if (mod && key === 'a') selectAll(editor);
      else if (mod && event.shiftKey && key === 'l') actions.layout();
      else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) deleteSelection(editor);
      else if (!mod && event.key === 'Escape') editor.select({ nodes: [], edges: [] });
      else if (!mod && event.key === '/') document.getElementById(PALETTE_SEARCH_ID)?.focus();
      else handled = false;
      if (handled) event.preventDefault();
    };
    const onCopy = (event: ClipboardEvent) => {
      if (!forDesigner(event, root.current) || !onCanvas(event)) return;
      const text = event.type === 'cut' ? cutSelection(editor) : copySelection(editor);
      if (text === undefined) return;
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!forDesigner(event, root.current) || !onCanvas(event)) return;
      if (paste(editor, event.clipboardData?.getData('text/plain')).length > 0) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [editor, root, actions]);
}
