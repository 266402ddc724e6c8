import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import {
  CanvasStory,
  excerpt,
  findCanvasNode,
  kindTitle,
  renderCanvas,
  sayer,
  sourceHandleIds,
} from '../../.storybook/story-kit.js';

const meta = {
  title: 'Nodes/Ring group',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('goto-dial-plan', 'groupe-veterinaires') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The vets ring one after the other, 15 s each, before the front desk takes over. */
export const Cascade: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'groupe-veterinaires');
    await expect(node.getByText(kindTitle('ringGroup', globals))).toBeVisible();
    await expect(node.getByText('Groupe d’appels Vétérinaires (2002)')).toBeVisible();
    await expect(node.getByText(say('En cascade', 'Cascade'))).toBeVisible();
    await expect(node.element).toHaveTextContent(say('Sonnerie : 15 s', 'Rings: 15 s'));
    // The members come first, in ringing order; the ports' list follows.
    const [memberList] = node.getAllByRole('list');
    const members = within(memberList as HTMLElement)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    await expect(members).toEqual(['Dr Claire Laurent', 'Dr Paul Nguyen', 'Dr Lucie Martin']);
    await expect(sourceHandleIds(node.element)).toEqual(['afterCall', 'noAnswer', 'unavailable']);
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/** A group and an outside mobile ring together for 30 s. */
export const SimultaneousWithGroupAndNumber: Story = {
  args: { flow: excerpt('goto-dial-plan', 'groupe-urgences') },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'groupe-urgences');
    await expect(node.getByText(say('Simultané', 'Simultaneous'))).toBeVisible();
    await expect(node.element).toHaveTextContent(say('Sonnerie : 30 s', 'Rings: 30 s'));
    await expect(node.getByText(say('Groupe Vétérinaires', 'Group Vétérinaires'))).toBeVisible();
    await expect(node.getByText('Portable du vétérinaire de garde (+33639980911)')).toBeVisible();
  },
};

/** Two rounds of the cascade: the repeat count is shown beside the ring time. */
export const WithRepeats: Story = {
  args: { flow: excerpt('onoff-greeting', 'boucle-appel') },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'boucle-appel');
    await expect(node.element).toHaveTextContent(say('Répétitions : 1', 'Repeats: 1'));
  },
};

/** A member the flow does not define: an error badge, and the member named as unknown. */
export const UnknownAgent: Story = {
  args: {
    flow: excerpt('onoff-greeting', 'boucle-appel', (draft) => {
      const ring = draft.nodes.find((node) => node.id === 'boucle-appel');
      if (ring?.kind === 'ringGroup') ring.config.members.push({ agent: 'fantome' });
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'boucle-appel');
    await expect(node.getByLabelText(say('1 erreur(s)', '1 error(s)'))).toBeVisible();
    await expect(node.getByText(say('Agent inconnu : fantome', 'Unknown agent: fantome'))).toBeVisible();
    await expect(node.element.querySelector('.rf-node')).toHaveClass('rf-node-error');
  },
};
