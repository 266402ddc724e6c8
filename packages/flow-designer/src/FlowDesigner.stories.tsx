import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  exampleFlow,
  findCanvasNode,
  flowWithProblems,
  storyColorMode,
  storyLocale,
} from '../.storybook/story-kit.js';
import { FlowDesigner } from './FlowDesigner.js';

const standard = exampleFlow('ringover-standard');

const meta = {
  title: 'Designer/FlowDesigner',
  component: FlowDesigner,
  render: (args, { globals }) => (
    // The designer fills its parent, which must have a height.
    <div style={{ width: '100%', height: '100vh', minHeight: 720 }}>
      <FlowDesigner {...args} locale={storyLocale(globals)} colorMode={storyColorMode(globals)} />
    </div>
  ),
  args: { flow: standard, onChange: fn() },
} satisfies Meta<typeof FlowDesigner>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Every node and edge of the example are on the canvas once React Flow has measured them. */
async function expectWholeFlow(root: HTMLElement, nodes: number, edges: number): Promise<void> {
  await waitFor(() => expect(root.querySelectorAll('.react-flow__node')).toHaveLength(nodes));
  await waitFor(() => expect(root.querySelectorAll('.react-flow__edge')).toHaveLength(edges));
}

/** The Solaris Énergie switchboard in French, as an administrator first sees it. */
export const French: Story = {
  globals: { locale: 'fr' },
  play: async ({ canvasElement }) => {
    const page = within(canvasElement);
    await expectWholeFlow(canvasElement, standard.nodes.length, standard.edges.length);
    const entry = await findCanvasNode(canvasElement, 'accueil');
    await expect(entry.getByText('Entrée')).toBeVisible();
    const menu = await findCanvasNode(canvasElement, 'menu');
    await expect(menu.getByText('1 : Commercial')).toBeVisible();
    await expect(canvasElement.querySelector('.rf-badge')).toBeNull();

    await expect(page.getByRole('tablist', { name: 'Panneaux' })).toBeVisible();
    await userEvent.click(page.getByRole('tab', { name: /^Problèmes/ }));
    await expect(page.getByText('Aucun problème : le flux est valide.')).toBeVisible();
  },
};

/** The same flow in English: the designer's words and flow-core's port labels alike. */
export const English: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const page = within(canvasElement);
    await expectWholeFlow(canvasElement, standard.nodes.length, standard.edges.length);
    const entry = await findCanvasNode(canvasElement, 'accueil');
    await expect(entry.getByText('Entry')).toBeVisible();
    const hours = await findCanvasNode(canvasElement, 'horaires');
    await expect(hours.getByText('Holiday')).toBeVisible();

    await userEvent.click(page.getByRole('tab', { name: /^Problems/ }));
    await expect(page.getByText('No problems: the flow is valid.')).toBeVisible();
  },
};

/** Dark mode: React Flow's dark theme and the designer's dark class. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expectWholeFlow(canvasElement, standard.nodes.length, standard.edges.length);
    const designer = canvasElement.querySelector<HTMLElement>('.rf-designer');
    await expect(designer).toHaveClass('rf-designer-dark');
    const canvas = canvasElement.querySelector<HTMLElement>('.react-flow');
    await expect(canvas).toHaveClass('dark');
    // A real browser computes the theme's colours: the canvas is not white.
    await expect(getComputedStyle(canvas as HTMLElement).backgroundColor).not.toBe('rgb(255, 255, 255)');
  },
};

/**
 * A flow with an error and a warning: badges on their nodes, a count on the Problems tab, and a
 * click on a problem selects its node on the canvas.
 */
export const ProblemSelectsItsNode: Story = {
  globals: { locale: 'fr' },
  args: { flow: flowWithProblems() },
  play: async ({ canvasElement }) => {
    const page = within(canvasElement);
    const ring = await findCanvasNode(canvasElement, 'boucle-appel');
    await expect(ring.getByLabelText('1 erreur(s)')).toBeVisible();
    const forward = await findCanvasNode(canvasElement, 'astreinte');
    await expect(forward.getByLabelText('1 avertissement(s)')).toBeVisible();

    const tab = page.getByRole('tab', { name: /^Problèmes/ });
    await expect(tab).toHaveTextContent('2');
    await userEvent.click(tab);
    await expect(ring.element).not.toHaveClass('selected');
    await userEvent.click(page.getByRole('row', { name: /unknown_agent/ }));
    await waitFor(() => expect(ring.element).toHaveClass('selected'));
  },
};
