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
  title: 'Nodes/Announcement',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('ringover-standard', 'accueil') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The welcome message: what the caller hears (its TTS text), then on to the opening hours. */
export const WelcomeMessage: Story = {
  play: async ({ canvasElement, globals }) => {
    const node = await findCanvasNode(canvasElement, 'accueil');
    await expect(node.getByText(kindTitle('announcement', globals))).toBeVisible();
    await expect(node.getByText('Accueil (voix de synthèse + musique)')).toBeVisible();
    await expect(node.getByText(/^Bonjour et bienvenue chez Solaris Énergie/)).toBeVisible();
    await expect(sourceHandleIds(node.element)).toEqual(['next']);
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/** Played before answering (early media), twice. */
export const EarlyMediaTwice: Story = {
  args: {
    flow: excerpt('onoff-greeting', 'accueil', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'accueil');
      if (node?.kind === 'announcement') node.config.loops = 2;
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'accueil');
    await expect(node.getByText(say('Diffusé 2 fois', 'Played 2 times'))).toBeVisible();
    await expect(node.getByText(say('Avant décroché', 'Before answering'))).toBeVisible();
  },
};

/** A sound missing from the library: an error badge and the missing id in the summary. */
export const UnknownSound: Story = {
  args: {
    flow: excerpt('ringover-standard', 'accueil', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'accueil');
      if (node?.kind === 'announcement') node.config.sound = 'annonce-disparue';
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'accueil');
    await expect(node.getByLabelText(say('1 erreur(s)', '1 error(s)'))).toBeVisible();
    await expect(
      node.getByText(say('Son inconnu : annonce-disparue', 'Unknown sound: annonce-disparue')),
    ).toBeVisible();
  },
};
