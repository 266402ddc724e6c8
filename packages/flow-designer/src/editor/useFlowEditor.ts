import type { FlowDocument, FlowIssue } from '@ringflow/flow-core';
import { applyPatches, enablePatches, produceWithPatches } from 'immer';
import type { Patch } from 'immer';
import { createContext, useCallback, useContext, useMemo, useReducer, useRef } from 'react';

enablePatches();

/** One undoable change: immer's patches forward and back. */
interface Step {
  readonly patches: readonly Patch[];
  readonly inverse: readonly Patch[];
  /** Edits with the same key within {@link MERGE_WINDOW_MS} form one step (typing in one field). */
  readonly mergeKey: string | undefined;
  readonly at: number;
}

/** How long successive edits of one field still count as one user action. */
export const MERGE_WINDOW_MS = 1000;

/** How many steps undo remembers. */
export const HISTORY_LIMIT = 200;

/** What is selected on the canvas. */
export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export interface EditOptions {
  /**
   * Successive edits with the same key, less than a second apart, are one undo step: typing a
   * prompt is one action, not one per key.
   */
  readonly mergeKey?: string;
}

/** The flow being edited, with its undo history and the selection. */
export interface FlowEditor {
  readonly flow: FlowDocument;
  /** Changes the flow through an immer recipe: one undo step. Returns what the recipe returned. */
  edit<T>(recipe: (draft: FlowDocument) => T, options?: EditOptions): T;
  /** Puts a new document in place (import, new flow): a fresh history. */
  replace(flow: FlowDocument): void;
  undo(): void;
  redo(): void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly selection: Selection;
  /** Sets the selection, or changes it from the latest one (several changes in one event). */
  select(selection: Selection | ((previous: Selection) => Selection)): void;
}

interface EditorState {
  flow: FlowDocument;
  past: Step[];
  future: Step[];
  selection: Selection;
}

/** Keeps the selection to what still exists after an edit, undo or redo. */
function pruneSelection(selection: Selection, flow: FlowDocument): Selection {
  const nodes = new Set(flow.nodes.map((node) => node.id));
  const edges = new Set(flow.edges.map((edge) => edge.id));
  const kept = {
    nodes: selection.nodes.filter((id) => nodes.has(id)),
    edges: selection.edges.filter((id) => edges.has(id)),
  };
  return kept.nodes.length === selection.nodes.length && kept.edges.length === selection.edges.length
    ? selection
    : kept;
}

/**
 * The designer's editing state. `flow` is the document from the props: when it changes to something
 * the editor did not emit (the host loaded another flow), the history starts again from it. Every
 * change is reported through `onChange`, also when the host does not pass it back (the editor then
 * keeps its own copy).
 */
export function useFlowEditor(flow: FlowDocument, onChange?: (flow: FlowDocument) => void): FlowEditor {
  const state = useRef<EditorState | null>(null);
  const fromProps = useRef(flow);
  const [version, rerender] = useReducer((n: number) => n + 1, 0);
  if (state.current === null || (flow !== fromProps.current && flow !== state.current.flow)) {
    state.current = {
      flow,
      past: [],
      future: [],
      selection: pruneSelection(state.current?.selection ?? EMPTY_SELECTION, flow),
    };
  }
  fromProps.current = flow;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const commit = useCallback((next: EditorState) => {
    const changed = next.flow !== state.current?.flow;
    state.current = next;
    rerender();
    if (changed) onChangeRef.current?.(next.flow);
  }, []);

  const edit = useCallback(
    <T>(recipe: (draft: FlowDocument) => T, options: EditOptions = {}): T => {
      const current = state.current as EditorState;
      let result: T | undefined;
      const [next, patches, inverse] = produceWithPatches(current.flow, (draft) => {
        result = recipe(draft as FlowDocument);
      });
      if (patches.length === 0) return result as T;
      const now = Date.now();
      const last = current.past.at(-1);
      const merge =
        options.mergeKey !== undefined &&
        last !== undefined &&
        last.mergeKey === options.mergeKey &&
        now - last.at < MERGE_WINDOW_MS;
      const step: Step = merge
        ? {
            patches: [...last.patches, ...patches],
            inverse: [...inverse, ...last.inverse],
            mergeKey: last.mergeKey,
            at: now,
          }
        : { patches, inverse, mergeKey: options.mergeKey, at: now };
      const past = [...(merge ? current.past.slice(0, -1) : current.past), step].slice(-HISTORY_LIMIT);
      commit({ flow: next, past, future: [], selection: pruneSelection(current.selection, next) });
      return result as T;
    },
    [commit],
  );

  const undo = useCallback(() => {
    const current = state.current as EditorState;
    const step = current.past.at(-1);
    if (step === undefined) return;
    const previous = applyPatches(current.flow, step.inverse as Patch[]);
    commit({
      flow: previous,
      past: current.past.slice(0, -1),
      future: [...current.future, { ...step, mergeKey: undefined }],
      selection: pruneSelection(current.selection, previous),
    });
  }, [commit]);

  const redo = useCallback(() => {
    const current = state.current as EditorState;
    const step = current.future.at(-1);
    if (step === undefined) return;
    const next = applyPatches(current.flow, step.patches as Patch[]);
    commit({
      flow: next,
      past: [...current.past, { ...step, mergeKey: undefined }],
      future: current.future.slice(0, -1),
      selection: pruneSelection(current.selection, next),
    });
  }, [commit]);

  const replace = useCallback(
    (next: FlowDocument) => commit({ flow: next, past: [], future: [], selection: EMPTY_SELECTION }),
    [commit],
  );

  const select = useCallback(
    (change: Selection | ((previous: Selection) => Selection)) => {
      const current = state.current as EditorState;
      const selection = typeof change === 'function' ? change(current.selection) : change;
      const same =
        selection.nodes.length === current.selection.nodes.length &&
        selection.edges.length === current.selection.edges.length &&
        selection.nodes.every((id, i) => current.selection.nodes[i] === id) &&
        selection.edges.every((id, i) => current.selection.edges[i] === id);
      if (!same) commit({ ...current, selection });
    },
    [commit],
  );

  const current = state.current;
  return useMemo(
    () => ({
      flow: current.flow,
      edit,
      replace,
      undo,
      redo,
      canUndo: current.past.length > 0,
      canRedo: current.future.length > 0,
      selection: current.selection,
      select,
    }),
    // `version` changes on every commit; `current` is the state it committed.
    [version, current, edit, replace, undo, redo, select],
  );
}

const EditorContext = createContext<FlowEditor | null>(null);

/** Gives the panels below it the editor of the flow being designed. */
export const EditorProvider = EditorContext.Provider;

/** The editor of the nearest FlowDesigner; panels use it to read the flow and change it. */
export function useEditor(): FlowEditor {
  const editor = useContext(EditorContext);
  if (editor === null) throw new Error('useEditor must be used inside <FlowDesigner> or <EditorProvider>');
  return editor;
}

const IssuesContext = createContext<readonly FlowIssue[]>([]);

/** Gives the panels below it flow-core's issues of the flow being edited (validated once per edit). */
export const IssuesProvider = IssuesContext.Provider;

/** flow-core's errors and warnings of the flow being edited, in the designer's language. */
export function useIssues(): readonly FlowIssue[] {
  return useContext(IssuesContext);
}
