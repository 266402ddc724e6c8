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
  title: 'Nodes/Menu',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('ringover-standard', 'menu') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Three choices: one labelled handle per key, then "no key" and "invalid key", each wired. */
export const ThreeChoices: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'menu');
    await expect(node.getByText(kindTitle('menu', globals))).toBeVisible();
    await expect(node.getByText(say(/^Message : Pour un devis/, /^Prompt: Pour un devis/))).toBeVisible();
    await expect(node.getByText(say('Délai : 5 s, 3 essai(s)', 'Timeout: 5 s, 3 attempt(s)'))).toBeVisible();
    await expect(sourceHandleIds(node.element)).toEqual(['1', '2', '3', 'timeout', 'invalid']);
    for (const label of [
      say('1 : Commercial', '1: Commercial'),
      say('2 : SAV', '2: SAV'),
      say('3 : Comptabilité', '3: Comptabilité'),
      say('Aucune touche', 'No key'),
      say('Touche invalide', 'Wrong key'),
    ]) {
      await expect(node.getByText(label)).toBeVisible();
    }
    // Each port's label stands beside its handle (handles are for the mouse; the keyboard wires ports
    // in the inspector).
    const port = node.getByText(say('2 : SAV', '2: SAV')).closest('li');
    await expect(port?.querySelector('.react-flow__handle')).toHaveAttribute('data-handleid', '2');
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/**
 * A receptionist's menu written 0, 1, 2, 3, 9, *: the handles follow the keypad (1…9, 0, *, #), and
 * "*" (hear the menu again) loops back to the menu itself.
 */
export const KeypadOrderAndLoop: Story = {
  args: { flow: excerpt('evatel-receptionist', 'menu-principal') },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'menu-principal');
    await expect(sourceHandleIds(node.element)).toEqual(['1', '2', '3', '9', '0', '*', 'timeout', 'invalid']);
    await expect(node.getByText(say('* : Réécouter le menu', '*: Réécouter le menu'))).toBeVisible();
    await expect(node.getByText(say('Délai : 5 s, 3 essai(s)', 'Timeout: 5 s, 3 attempt(s)'))).toBeVisible();
  },
};

/** A prompt missing from the sound library: an error badge on the menu. */
export const UnknownPrompt: Story = {
  args: {
    flow: excerpt('ringover-standard', 'menu', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'menu');
      if (node?.kind === 'menu') node.config.prompt = 'menu-disparu';
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'menu');
    await expect(node.getByLabelText(say('1 erreur(s)', '1 error(s)'))).toBeVisible();
    await expect(node.getByText(/menu-disparu/)).toBeVisible();
  },
};
