import { Suspense, useDeferredValue, useRef } from 'react';
import type { ReactNode } from 'react';
import { onDemand } from '../editor/on-demand.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import { EmptyInspector } from './EmptyInspector.js';
import './inspector.css';

// The forms (config fields, next steps, library editors) are loaded on demand: a page opened on a
// large flow parses less JavaScript before its first paint. FlowDesigner preloads them once idle.
const nodeInspector = onDemand(() => import('./ElementInspector.js').then((m) => m.NodeInspector));
const edgeInspector = onDemand(() => import('./ElementInspector.js').then((m) => m.EdgeInspector));
const NodeInspector = nodeInspector.Component;
const EdgeInspector = edgeInspector.Component;

/** Loads the Properties panel's forms ahead of the first selection. */
export async function preloadInspector(): Promise<void> {
  await Promise.all([nodeInspector.preload(), edgeInspector.preload()]);
}

/**
 * The Properties panel: the settings of the selected step (its name, whether the flow starts there,
 * the config form of its kind and where each of its outputs leads), or the selected connection, with
 * flow-core's problems next to what they are about. Reads and changes the flow through useEditor.
 */
export function Inspector() {
  // The panel follows the selection one render later, at low priority: a click on a node selects it
  // on the canvas at once, and the form of a large node (a next-step list per output) is built after.
  const selection = useDeferredValue(useEditor().selection);
  const { t } = useTranslator();
  const sectionRef = useRef<HTMLElement>(null);
  const { nodes, edges } = selection;
  // After a deletion the focus stays in the panel rather than falling back to the page.
  const focusPanel = () => sectionRef.current?.focus();
  let content: ReactNode;
  if (nodes.length === 1 && edges.length === 0) {
    content = <NodeInspector key={nodes[0]} nodeId={nodes[0]!} onDeleted={focusPanel} />;
  } else if (nodes.length === 0 && edges.length === 1) {
    content = <EdgeInspector key={edges[0]} edgeId={edges[0]!} onDeleted={focusPanel} />;
  } else if (nodes.length + edges.length === 0) {
    content = <EmptyInspector />;
  } else {
    content = (
      <>
        <h2>{t('inspector.multi.title', { count: nodes.length + edges.length })}</h2>
        <p>{t('inspector.multi.detail', { nodes: nodes.length, edges: edges.length })}</p>
        <p className="rf-muted">{t('inspector.multi.hint')}</p>
      </>
    );
  }
  return (
    <section className="rf-inspector" aria-label={t('side.inspector')} ref={sectionRef} tabIndex={-1}>
      <Suspense fallback={<p className="rf-loading">{t('side.loading')}</p>}>{content}</Suspense>
    </section>
  );
}
