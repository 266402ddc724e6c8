import type { FlowDocument, Locale } from '@ringflow/flow-core';
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { DesignerProviders } from '../FlowDesigner.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { Inspector } from './Inspector.js';

/** Selects nodes or edges once, as a click on the canvas would. */
function SelectOnce({
  nodes = [],
  edges = [],
  children,
}: {
  readonly nodes?: readonly string[];
  readonly edges?: readonly string[];
  readonly children: ReactNode;
}) {
  const { select } = useEditor();
  const key = JSON.stringify([nodes, edges]);
  useEffect(() => {
    const [n, e] = JSON.parse(key) as [string[], string[]];
    select({ nodes: n, edges: e });
  }, [key, select]);
  return children;
}

/** Props of {@link InspectorHarness}. */
export interface InspectorHarnessProps {
  readonly flow: FlowDocument;
  readonly locale?: Locale;
  readonly onChange?: (flow: FlowDocument) => void;
  /** Node ids to select first. */
  readonly nodes?: readonly string[];
  /** Edge ids to select first. */
  readonly edges?: readonly string[];
  /** What to show; the whole Inspector by default. */
  readonly children?: ReactNode;
}

/**
 * The inspector (or a part of it) on its own, as the designer's side panel holds it: an editor of
 * `flow` with flow-core's issues of it (DesignerProviders), and a selection made once. For tests and stories.
 */
export function InspectorHarness({ flow, locale, onChange, nodes, edges, children }: InspectorHarnessProps) {
  return (
    <DesignerProviders flow={flow} onChange={onChange} locale={locale}>
      <SelectOnce nodes={nodes} edges={edges}>
        <div className="rf-designer-side rf-inspector-harness" style={{ width: 400 }}>
          {children === undefined ? <Inspector /> : <div className="rf-inspector">{children}</div>}
        </div>
      </SelectOnce>
    </DesignerProviders>
  );
}
