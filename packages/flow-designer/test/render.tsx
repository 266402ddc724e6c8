import type { FlowDocument, Locale } from '@ringflow/flow-core';
import { fireEvent, render, waitFor, within } from '@testing-library/react';
import { FlowDesigner } from '../src/FlowDesigner.js';

/** Renders the whole designer, as an embedder would. */
export function renderDesigner(flow: FlowDocument, locale?: Locale) {
  return render(
    <div style={{ width: 1200, height: 800 }}>
      <FlowDesigner flow={flow} locale={locale} />
    </div>,
  );
}

/** The canvas element of one node, to query inside it. */
export function canvasNode(container: HTMLElement, nodeId: string) {
  const element = container.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`);
  if (element === null) throw new Error(`node "${nodeId}" is not on the canvas`);
  return { element, ...within(element) };
}

/** The ids of the output handles of a node element, in document order. */
export function sourceHandleIds(element: HTMLElement): string[] {
  return [...element.querySelectorAll('.react-flow__handle.source')].map(
    (handle) => handle.getAttribute('data-handleid') ?? '',
  );
}

/**
 * Opens the side tab named `name` (its label, before any count) and returns the panel it shows, once
 * it is there (some panels are loaded on first use).
 */
export async function sidePanel(name: string) {
  const tab = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((element) =>
    (element.textContent ?? '').startsWith(name),
  );
  if (tab === undefined) throw new Error(`no side tab "${name}"`);
  fireEvent.click(tab);
  const panel = await waitFor(() => {
    const found = document.querySelector<HTMLElement>(`section[aria-label="${name}"]`);
    if (found === null) throw new Error(`no panel "${name}"`);
    return found;
  });
  return { element: panel, ...within(panel) };
}
