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
  title: 'Nodes/Voicemail',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('ringover-standard', 'messagerie-sav') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The after-sales mailbox: its greeting, and messages of up to three minutes. */
export const AfterSalesMailbox: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'messagerie-sav');
    await expect(node.getByText(kindTitle('voicemail', globals))).toBeVisible();
    await expect(node.getByText(say('Boîte : sav', 'Mailbox: sav'))).toBeVisible();
    await expect(node.getByText(/^Nos techniciens sont tous occupés/)).toBeVisible();
    await expect(node.getByText(say('Jusqu’à 180 s', 'Up to 180 s'))).toBeVisible();
    await expect(sourceHandleIds(node.element)).toEqual(['done']);
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/** A greeting missing from the library: an error badge and the missing id. */
export const UnknownGreeting: Story = {
  args: {
    flow: excerpt('ringover-standard', 'messagerie-sav', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'messagerie-sav');
      if (node?.kind === 'voicemail') node.config.greeting = 'annonce-disparue';
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'messagerie-sav');
    await expect(node.getByLabelText(say('1 erreur(s)', '1 error(s)'))).toBeVisible();
    await expect(
      node.getByText(say('Son inconnu : annonce-disparue', 'Unknown sound: annonce-disparue')),
    ).toBeVisible();
  },
};
