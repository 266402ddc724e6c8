import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
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
  title: 'Nodes/Hang up',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('onoff-greeting', 'conseillers-occupes') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A last message, then the call ends: no output at all. */
export const WithLastMessage: Story = {
  play: async ({ canvasElement, globals }) => {
    const node = await findCanvasNode(canvasElement, 'conseillers-occupes');
    await expect(node.getByText(kindTitle('hangup', globals))).toBeVisible();
    await expect(node.getByText(/^Nos conseillers sont actuellement tous occupés/)).toBeVisible();
    await expect(sourceHandleIds(node.element)).toEqual([]);
    await expect(node.element.querySelectorAll('.react-flow__handle.target')).toHaveLength(1);
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/** No message: said so, rather than an empty box. */
export const Silent: Story = {
  args: {
    flow: excerpt('onoff-greeting', 'conseillers-occupes', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'conseillers-occupes');
      if (node?.kind === 'hangup') delete node.config.sound;
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'conseillers-occupes');
    await expect(node.getByText(say('Raccroche sans message', 'Hangs up without a message'))).toBeVisible();
  },
};

/** A message missing from the library: an error badge. */
export const UnknownSound: Story = {
  args: {
    flow: excerpt('onoff-greeting', 'conseillers-occupes', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'conseillers-occupes');
      if (node?.kind === 'hangup') node.config.sound = 'annonce-disparue';
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'conseillers-occupes');
    await expect(node.getByLabelText(say('1 erreur(s)', '1 error(s)'))).toBeVisible();
    await expect(
      node.getByText(say('Son inconnu : annonce-disparue', 'Unknown sound: annonce-disparue')),
    ).toBeVisible();
  },
};
