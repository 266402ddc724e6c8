import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue, Locale } from '@ringflow/flow-core';
import { useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import { DesignerProviders } from '../FlowDesigner.js';
import { IssuesProvider, useEditor } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import { Inspector } from './Inspector.js';

/** flow-core's issues of the edited flow, as the designer's layout gives them to its panels. */
function WithIssues({ children }: { readonly children: ReactNode }) {
  const { flow } = useEditor();
  const { locale } = useTranslator();
  const issues = useMemo<readonly FlowIssue[]>(() => {
    const report = validateFlow(flow, { locale });
    return [...report.errors, ...report.warnings];
  }, [flow, locale]);
  return <IssuesProvider value={issues}>{children}</IssuesProvider>;
}

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
 * `flow`, flow-core's issues of it, and a selection made once. For tests and stories.
 */
export function InspectorHarness({ flow, locale, onChange, nodes, edges, children }: InspectorHarnessProps) {
  return (
    <DesignerProviders flow={flow} onChange={onChange} locale={locale}>
      <WithIssues>
        <SelectOnce nodes={nodes} edges={edges}>
          <div className="rf-designer-side rf-inspector-harness" style={{ width: 400 }}>
            {children === undefined ? <Inspector /> : <div className="rf-inspector">{children}</div>}
          </div>
        </SelectOnce>
      </WithIssues>
    </DesignerProviders>
  );
}
