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
  title: 'Nodes/Agent condition',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('ringover-standard', 'commerciaux-absents') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** "Are all the sales people away?": yes goes to their voicemail, no to the sales announcement. */
export const AllUnavailable: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'commerciaux-absents');
    await expect(node.getByText(kindTitle('agentCondition', globals))).toBeVisible();
    await expect(node.getByText(say('Tous indisponibles ?', 'All unavailable?'))).toBeVisible();
    await expect(node.getByText(say('Groupe Service commercial', 'Group Service commercial'))).toBeVisible();
    await expect(sourceHandleIds(node.element)).toEqual(['true', 'false']);
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/** A group the flow does not define: an error badge, and the group named as unknown. */
export const UnknownGroup: Story = {
  args: {
    flow: excerpt('ringover-standard', 'commerciaux-absents', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'commerciaux-absents');
      if (node?.kind === 'agentCondition') node.config.members = [{ group: 'logistique' }];
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'commerciaux-absents');
    await expect(node.getByLabelText(say('1 erreur(s)', '1 error(s)'))).toBeVisible();
    await expect(
      node.getByText(say('Groupe inconnu : logistique', 'Unknown group: logistique')),
    ).toBeVisible();
  },
};
