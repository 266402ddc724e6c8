import { useEditor } from '../editor/useFlowEditor.js';

/** The selected node's settings. (Being built: see the inspector brief.) */
export function Inspector() {
  const { selection } = useEditor();
  return (
    <section className="rf-inspector" aria-label="inspector">
      {selection.nodes.join(', ')}
    </section>
  );
}
