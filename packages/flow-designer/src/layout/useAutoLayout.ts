import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useEditor } from '../editor/useFlowEditor.js';
import { applyLayout, layoutFlow } from './layout.js';
import type { NodeSize } from './layout.js';

/** What {@link useAutoLayout} gives the toolbar. */
export interface AutoLayout {
  /**
   * Tidies the flow being edited (one undo step), then fits it in the view. A second call while a
   * layout runs replaces it. Never rejects: a failure is in `error`.
   */
  run(): Promise<void>;
  /** A layout is being computed (show it on the button; large flows take a moment). */
  readonly running: boolean;
  /** Why the last layout failed, until the next one starts; `null` when it did not fail. */
  readonly error: Error | null;
}

/**
 * "Tidy up" for the designer's toolbar and shortcut. Lays out the flow of the nearest editor with
 * {@link layoutFlow}, using the sizes React Flow measured for the nodes, writes the positions
 * with one `edit`, and fits the view once the canvas shows them. Must be used inside the
 * `ReactFlowProvider` of the canvas (as in `FlowDesigner`).
 */
export function useAutoLayout(): AutoLayout {
  const editor = useEditor();
  const editorRef = useRef(editor);
  editorRef.current = editor;
  const { getInternalNode, fitView } = useReactFlow();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const current = useRef<AbortController | null>(null);
  const fitPending = useRef(false);

  // A layout still running when the designer goes away is stopped.
  useEffect(() => () => current.current?.abort(), []);

  // The canvas copies the document's positions in an effect of its own; fitting the view in the
  // next commit's effect makes sure React Flow fits the new positions, not the old ones.
  useEffect(() => {
    if (!fitPending.current) return;
    fitPending.current = false;
    void fitView(fitOptions());
  }, [editor.flow, fitView]);

  const run = useCallback(async (): Promise<void> => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    const { flow } = editorRef.current;
    const sizes = new Map<string, NodeSize>();
    for (const node of flow.nodes) {
      const measured = getInternalNode(node.id)?.measured;
      if (measured?.width !== undefined && measured.height !== undefined) {
        sizes.set(node.id, { width: measured.width, height: measured.height });
      }
    }
    setRunning(true);
    setError(null);
    try {
      const positions = await layoutFlow(flow, { sizes, signal: controller.signal });
      if (controller.signal.aborted) return;
      const moved = editorRef.current.edit((draft) => applyLayout(draft, positions));
      // Already tidy: nothing changed and no re-render is coming, so fit now.
      if (moved === 0) void fitView(fitOptions());
      else fitPending.current = true;
    } catch (failure) {
      if (!controller.signal.aborted)
        setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      if (current.current === controller) {
        current.current = null;
        setRunning(false);
      }
    }
  }, [getInternalNode, fitView]);

  return useMemo(() => ({ run, running, error }), [run, running, error]);
}

/** A short animation, none for people who ask for reduced motion. */
function fitOptions(): { duration: number } {
  const reduced =
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return { duration: reduced ? 0 : 300 };
}
