import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CanvasStory, exampleFlow, renderCanvas, sayer } from '../../.storybook/story-kit.js';

const flow = exampleFlow('onoff-greeting');

const meta = {
  title: 'Canvas/FlowCanvas',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Every edge drawn, once React Flow has measured the nodes. */
async function drawnEdges(root: HTMLElement): Promise<SVGGElement[]> {
  return waitFor(() => {
    const edges = [...root.querySelectorAll<SVGGElement>('.react-flow__edge')];
    if (edges.length !== flow.edges.length) throw new Error(`${edges.length} edges drawn`);
    return edges;
  });
}

/** Presses a zoom button of the canvas controls until `done`. */
async function zoomUntil(root: HTMLElement, name: string, done: () => boolean): Promise<void> {
  const button = within(root).getByRole('button', { name });
  for (let i = 0; i < 30 && !done(); i++) {
    await userEvent.click(button);
  }
  await waitFor(() => expect(done()).toBe(true));
}

/**
 * Each edge carries its port's label in a box that fits it: the text is measured once per label
 * (no measuring after drawing), as wide as the browser draws it.
 */
export const PortLabels: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const edges = await drawnEdges(canvasElement);
    const texts = edges.map((edge) => edge.querySelector('.react-flow__edge-text')?.textContent);
    await expect(texts).toEqual(
      expect.arrayContaining(say(['Suite', 'Ouvert', 'Fermé'], ['Next', 'Open', 'Closed'])),
    );
    for (const edge of edges) {
      const text = edge.querySelector<SVGTextElement>('.react-flow__edge-text')!;
      const box = edge.querySelector<SVGRectElement>('.react-flow__edge-textbg')!;
      const drawn = text.getBBox();
      // 2 px of padding on each side of the text, as React Flow's own labels.
      // (A letter that overhangs its advance, as the J of "Jour férié", draws a pixel wider.)
      await expect(Math.abs(box.width.baseVal.value - 4 - drawn.width)).toBeLessThanOrEqual(1.5);
      await expect(box.x.baseVal.value + 2).toBeCloseTo(text.x.baseVal[0]!.value, 1);
    }
  },
};

/**
 * Zoomed out below the readable, nodes keep their frame, header colour and handles and lose their
 * text, edges their labels; zoomed in again, everything is back, each handle where it was.
 */
export const ZoomedOut: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    await drawnEdges(canvasElement);
    const handles = () =>
      [
        ...canvasElement.querySelectorAll<HTMLElement>('.react-flow__node[data-id="boucle-appel"] .source'),
      ].map((handle) => {
        const node = handle.closest('.react-flow__node')!.getBoundingClientRect();
        const box = handle.getBoundingClientRect();
        return Math.round(((box.y - node.y) / node.height) * 100);
      });
    const compact = () => canvasElement.querySelectorAll('.rf-node-compact').length;
    const inFull = handles();

    await zoomUntil(canvasElement, say('Zoom arrière', 'Zoom Out'), () => compact() === flow.nodes.length);
    const ring = canvasElement.querySelector<HTMLElement>('.react-flow__node[data-id="boucle-appel"]')!;
    await expect(ring.textContent).toBe('');
    await expect(ring.querySelectorAll('.react-flow__handle.source')).toHaveLength(3);
    // Each handle where it was in full (within the rounding of a node a few pixels high).
    const zoomedOut = handles();
    await expect(zoomedOut).toHaveLength(inFull.length);
    for (const [index, at] of zoomedOut.entries()) {
      await expect(Math.abs(at - inFull[index]!)).toBeLessThanOrEqual(3);
    }
    await expect(canvasElement.querySelectorAll('.react-flow__edge-text')).toHaveLength(0);
    await expect(canvasElement.querySelectorAll('.react-flow__edge')).toHaveLength(flow.edges.length);

    await zoomUntil(canvasElement, say('Zoom avant', 'Zoom In'), () => compact() === 0);
    await expect(within(ring).getByText('Léa Fontaine')).toBeVisible();
    await expect(canvasElement.querySelectorAll('.react-flow__edge-text')).toHaveLength(flow.edges.length);
  },
};

/** The ends of the edge under the pointer can be dragged to another node; no other edge has them. */
export const ReconnectUnderThePointer: Story = {
  play: async ({ canvasElement }) => {
    const [edge] = await drawnEdges(canvasElement);
    await expect(canvasElement.querySelectorAll('.react-flow__edgeupdater')).toHaveLength(0);
    await userEvent.hover(edge!.querySelector('.react-flow__edge-interaction')!);
    await waitFor(() => expect(edge!.querySelectorAll('.react-flow__edgeupdater')).toHaveLength(2));
    await userEvent.unhover(edge!.querySelector('.react-flow__edge-interaction')!);
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__edgeupdater')).toHaveLength(0));
  },
};
