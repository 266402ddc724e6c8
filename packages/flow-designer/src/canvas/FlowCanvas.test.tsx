import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FlowDocument } from '@ringflow/flow-core';
import { render } from '@testing-library/react';
import { exampleFlow } from '../../test/fixtures.js';
import { canvasNode, renderDesigner, sourceHandleIds } from '../../test/render.js';
import { FlowDesigner } from '../FlowDesigner.js';
import { createTranslator } from '../i18n/i18n.js';
import { toCanvasEdges, groupIssues, toCanvasNodes } from './flow-elements.js';

const onoff = exampleFlow('onoff-greeting');

describe('FlowCanvas', () => {
  it('draws every node of the onoff-greeting example at its document position', () => {
    const { container } = renderDesigner(onoff);
    for (const node of onoff.nodes) {
      const element = canvasNode(container, node.id).element;
      expect(element.getAttribute('data-id')).toBe(node.id);
      expect(element.style.transform).toBe(`translate(${node.position.x}px,${node.position.y}px)`);
    }
    expect(canvasNode(container, 'boucle-appel').getByText('Léa Fontaine')).toBeTruthy();
  });

  it('draws the minimap of a small flow with the canvas, one shape per node', () => {
    const { container } = renderDesigner(onoff);
    expect(container.querySelectorAll('.react-flow__minimap-node')).toHaveLength(onoff.nodes.length);
  });

  it('draws the minimap of a large flow once the canvas has been drawn', async () => {
    // The example and 120 more announcements, enough for the minimap to wait.
    const large: FlowDocument = {
      ...onoff,
      nodes: [
        ...onoff.nodes,
        ...Array.from({ length: 120 }, (_, i) => ({
          id: `extra-${i}`,
          kind: 'announcement' as const,
          position: { x: (i % 12) * 320, y: 2000 + Math.floor(i / 12) * 280 },
          config: onoff.nodes.find((node) => node.kind === 'announcement')!.config,
        })),
      ] as FlowDocument['nodes'],
    };
    const { container } = renderDesigner(large);
    // Not at once: its shapes would delay the first click on the canvas.
    expect(container.querySelectorAll('.react-flow__node')).toHaveLength(large.nodes.length);
    expect(container.querySelector('.react-flow__minimap')).toBeNull();
    await waitFor(
      () => expect(container.querySelectorAll('.react-flow__minimap-node')).toHaveLength(large.nodes.length),
      { timeout: 5000 },
    );
  });

  it('labels each edge of the onoff-greeting example with its port, in French and in English', () => {
    const fr = renderDesigner(onoff);
    const labels = () => [...document.querySelectorAll('.react-flow__edge-text')].map((e) => e.textContent);
    expect(fr.container.querySelectorAll('.react-flow__edge')).toHaveLength(onoff.edges.length);
    expect(labels()).toEqual(
      expect.arrayContaining(['Suite', 'Ouvert', 'Fermé', 'Jour férié', 'Sans réponse', 'Échec']),
    );
    fr.unmount();
    renderDesigner(onoff, 'en');
    expect(labels()).toEqual(
      expect.arrayContaining(['Next', 'Open', 'Closed', 'Holiday', 'No answer', 'Failed']),
    );
  });

  it('maps edges to the handle of their port', () => {
    const edges = toCanvasEdges(onoff, groupIssues([]), createTranslator('fr'));
    expect(edges.find((e) => e.id === onoff.edges[0]!.id)).toMatchObject({
      source: 'accueil',
      sourceHandle: 'next',
      target: 'horaires',
      label: 'Suite',
    });
    expect(toCanvasNodes(onoff, groupIssues([]), createTranslator('fr')).map((n) => n.type)).toEqual(
      onoff.nodes.map((n) => n.kind),
    );
  });

  it('writes a moved node into a new document through onChange, leaving the old one as it was', () => {
    const onChange = vi.fn<(flow: FlowDocument) => void>();
    const { container } = render(
      <div style={{ width: 1200, height: 800 }}>
        <FlowDesigner flow={onoff} onChange={onChange} />
      </div>,
    );
    const element = canvasNode(container, 'accueil').element;
    // A selected node moves with the arrow keys, by one grid step when snapping.
    fireEvent.click(element);
    fireEvent.keyDown(element, { key: 'ArrowRight' });
    expect(onChange).toHaveBeenCalled();
    const next = onChange.mock.lastCall![0];
    const before = onoff.nodes.find((n) => n.id === 'accueil')!.position;
    const after = next.nodes.find((n) => n.id === 'accueil')!.position;
    expect(after.x).toBeGreaterThan(before.x);
    expect(after.x % 20).toBe(0);
    expect(after.y).toBe(before.y);
    expect(next).not.toBe(onoff);
    expect(onoff.nodes.find((n) => n.id === 'accueil')!.position).toBe(before);
  });
});

describe('FlowCanvas zoomed out below the readable', () => {
  async function zoom(name: 'Zoom avant' | 'Zoom arrière', until: () => boolean) {
    const button = screen.getByRole('button', { name });
    for (let i = 0; i < 30 && !until(); i++) {
      fireEvent.click(button);
      await waitFor(() => undefined);
    }
  }

  it('draws each node compact, with its handles at its ports, and the edges without labels', async () => {
    const { container } = renderDesigner(onoff);
    const compact = () => container.querySelectorAll('.rf-node-compact').length === onoff.nodes.length;
    await zoom('Zoom arrière', compact);
    expect(compact()).toBe(true);
    const ring = canvasNode(container, 'boucle-appel');
    expect(ring.element.textContent).toBe('');
    // Edges still end on the ports: one handle per port, in order, and the input.
    expect(sourceHandleIds(ring.element)).toEqual(['afterCall', 'noAnswer', 'unavailable']);
    expect(ring.element.querySelectorAll('.react-flow__handle.target')).toHaveLength(1);
    // Still announced by kind and label, and every edge still drawn, without its label.
    expect(ring.element.getAttribute('aria-label')).toBe('Groupe de sonnerie : Boucle d’appel (cascade)');
    expect(container.querySelectorAll('.react-flow__edge')).toHaveLength(onoff.edges.length);
    expect(container.querySelectorAll('.react-flow__edge-text')).toHaveLength(0);

    // Zoomed in again, the details are back.
    await zoom('Zoom avant', () => container.querySelector('.rf-node-compact') === null);
    expect(canvasNode(container, 'boucle-appel').getByText('Léa Fontaine')).toBeTruthy();
    expect(container.querySelectorAll('.react-flow__edge-text')).toHaveLength(onoff.edges.length);
  });
});

describe('FlowCanvas edge ends', () => {
  it('can be dragged to another node from the edge under the pointer only', () => {
    const { container } = renderDesigner(onoff);
    expect(container.querySelectorAll('.react-flow__edgeupdater')).toHaveLength(0);
    const edge = container.querySelector(`.react-flow__edge[data-id="${onoff.edges[0]!.id}"]`)!;
    fireEvent.mouseEnter(edge);
    expect(edge.querySelectorAll('.react-flow__edgeupdater')).toHaveLength(2);
    expect(container.querySelectorAll('.react-flow__edgeupdater')).toHaveLength(2);
    fireEvent.mouseLeave(edge);
    expect(container.querySelectorAll('.react-flow__edgeupdater')).toHaveLength(0);
  });
});
