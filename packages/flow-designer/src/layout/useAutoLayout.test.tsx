import type { FlowDocument } from '@ringflow/flow-core';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { canvasNode } from '../../test/render.js';
import { FlowCanvas } from '../canvas/FlowCanvas.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { DesignerProviders } from '../FlowDesigner.js';
import { LAYOUT_GRID } from './elk-graph.js';
import { useAutoLayout } from './useAutoLayout.js';

/** A toolbar as the lead will wire it: the tidy button, its state, and undo. */
function TidyBar() {
  const layout = useAutoLayout();
  const editor = useEditor();
  return (
    <div>
      <button type="button" onClick={() => void layout.run()} disabled={layout.running}>
        {layout.running ? 'tidying' : 'tidy'}
      </button>
      <button type="button" onClick={editor.undo}>
        undo
      </button>
    </div>
  );
}

const onoff = exampleFlow('onoff-greeting');
/** The example with every node piled up at the origin. */
const piled: FlowDocument = {
  ...onoff,
  nodes: onoff.nodes.map((node) => ({ ...node, position: { x: 0, y: 0 } })),
};

function renderTidy(flow: FlowDocument) {
  const onChange = vi.fn<(flow: FlowDocument) => void>();
  const view = render(
    <div style={{ width: 1200, height: 800 }}>
      <DesignerProviders flow={flow} onChange={onChange}>
        <TidyBar />
        <FlowCanvas issues={[]} />
      </DesignerProviders>
    </div>,
  );
  return { ...view, onChange };
}

describe('useAutoLayout', () => {
  // People who ask for reduced motion get no animated fit (jsdom has no matchMedia of its own).
  beforeEach(() => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('reduce'), media: query }));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('tidies the flow in one undo step and moves the nodes on the canvas', async () => {
    const { container, onChange } = renderTidy(piled);
    fireEvent.click(screen.getByRole('button', { name: 'tidy' }));
    expect(screen.getByRole('button', { name: 'tidying' })).toBeTruthy();
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 20_000 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'tidy' })).toBeTruthy());

    const tidied = onChange.mock.calls[0]?.[0] as FlowDocument;
    const spots = new Set(tidied.nodes.map((node) => `${node.position.x},${node.position.y}`));
    expect(spots.size).toBe(tidied.nodes.length);
    for (const { position } of tidied.nodes) {
      expect(position.x % LAYOUT_GRID === 0 && position.y % LAYOUT_GRID === 0).toBe(true);
    }
    for (const node of tidied.nodes) {
      const { x, y } = node.position;
      await waitFor(() =>
        expect(canvasNode(container, node.id).element.style.transform).toBe(`translate(${x}px,${y}px)`),
      );
    }

    // Everything else is as it was: only positions moved.
    expect({ ...tidied, nodes: tidied.nodes.map((node) => ({ ...node, position: null })) }).toEqual({
      ...piled,
      nodes: piled.nodes.map((node) => ({ ...node, position: null })),
    });

    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'undo' }));
    });
    expect(onChange).toHaveBeenLastCalledWith(piled);
  }, 30_000);

  it('adds no undo step when the flow is already tidy', async () => {
    const first = renderTidy(piled);
    fireEvent.click(screen.getByRole('button', { name: 'tidy' }));
    await waitFor(() => expect(first.onChange).toHaveBeenCalledTimes(1), { timeout: 20_000 });
    const tidied = first.onChange.mock.calls[0]?.[0] as FlowDocument;
    first.unmount();

    const second = renderTidy(tidied);
    fireEvent.click(screen.getByRole('button', { name: 'tidy' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'tidy' })).toBeTruthy(), {
      timeout: 20_000,
    });
    expect(second.onChange).not.toHaveBeenCalled();
  }, 40_000);
});
