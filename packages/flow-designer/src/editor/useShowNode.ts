import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditor } from './useFlowEditor.js';

/** Selects a node and centres the canvas on it, as the Problems panel does. */
export function useShowNode(): (nodeId: string) => void {
  const editor = useEditor();
  const { getInternalNode, setCenter, getZoom } = useReactFlow();
  return useCallback(
    (nodeId: string) => {
      editor.select({ nodes: [nodeId], edges: [] });
      const node = getInternalNode(nodeId);
      if (node === undefined) return;
      const { x, y } = node.internals.positionAbsolute;
      const width = node.measured.width ?? 0;
      const height = node.measured.height ?? 0;
      void setCenter(x + width / 2, y + height / 2, { zoom: Math.max(getZoom(), 1), duration: 300 });
    },
    [editor, getInternalNode, setCenter, getZoom],
  );
}
