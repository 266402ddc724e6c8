import type { FlowDocument, Locale } from '@ringflow/flow-core';
import type { ReactNode } from 'react';
import { DesignerProviders } from '../FlowDesigner.js';

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
      {children}
    </DesignerProviders>
  );
}
