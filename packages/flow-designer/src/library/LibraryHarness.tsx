import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue, Locale } from '@ringflow/flow-core';
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { useHolidays } from '../editor/holidays.js';
import { IssuesProvider, useEditor } from '../editor/useFlowEditor.js';
import { DesignerProviders } from '../FlowDesigner.js';
import { useTranslator } from '../i18n/i18n.js';

/** Gives its children flow-core's issues of the flow being edited, as the designer's layout does. */
function Validated({ children }: { readonly children: ReactNode }) {
  const { flow } = useEditor();
  const { locale } = useTranslator();
  // As the designer's layout: validated again when the public holidays have loaded.
  const holidays = useHolidays();
  const issues = useMemo<readonly FlowIssue[]>(() => {
    const report = validateFlow(flow, { locale });
    return [...report.errors, ...report.warnings];
    // `holidays` is not read: it changes when the public holidays arrive.
  }, [flow, locale, holidays]);
  return <IssuesProvider value={issues}>{children}</IssuesProvider>;
}

/** Props of {@link LibraryHarness}. */
export interface LibraryHarnessProps {
  readonly flow: FlowDocument;
  readonly locale?: Locale;
  /** Receives the document after each edit. */
  readonly onChange?: (flow: FlowDocument) => void;
  readonly children?: ReactNode;
}

/**
 * The library's components outside the full designer (tests and stories): the editor of `flow`,
 * the language, and flow-core's issues, without the canvas.
 */
export function LibraryHarness({ flow, locale, onChange, children }: LibraryHarnessProps) {
  return (
    <DesignerProviders flow={flow} locale={locale} onChange={onChange}>
      <Validated>{children}</Validated>
    </DesignerProviders>
  );
}
