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
  title: 'Nodes/Caller match',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('ringover-standard', 'vip') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** VIP callers go straight to their account managers; everybody else hears the menu. */
export const VipCallers: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'vip');
    await expect(node.getByText(kindTitle('callerMatch', globals))).toBeVisible();
    await expect(node.getByText(say('Appelants VIP', 'VIP callers'))).toBeVisible();
    await expect(sourceHandleIds(node.element)).toEqual(['match', 'noMatch']);
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/** Numbers and prefixes, and hidden numbers too. */
export const NumbersAndHidden: Story = {
  args: {
    flow: excerpt('ringover-standard', 'vip', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'vip');
      if (node?.kind === 'callerMatch') {
        node.config.numbers = ['+33612345678', '+3361*'];
        node.config.vip = false;
        node.config.anonymous = true;
      }
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'vip');
    await expect(
      node.getByText(say('Numéros : +33612345678, +3361*', 'Numbers: +33612345678, +3361*')),
    ).toBeVisible();
    await expect(node.getByText(say('Numéros masqués', 'Hidden numbers'))).toBeVisible();
    await expect(node.queryByText(say('Appelants VIP', 'VIP callers'))).toBeNull();
  },
};

/** Nothing to match: flow-core warns that the condition always says no. */
export const MatchesNobody: Story = {
  args: {
    flow: excerpt('ringover-standard', 'vip', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'vip');
      if (node?.kind === 'callerMatch') node.config.vip = false;
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'vip');
    await expect(node.getByText(say('Aucun critère', 'No criteria'))).toBeVisible();
    await expect(node.getByLabelText(say('1 avertissement(s)', '1 warning(s)'))).toBeVisible();
  },
};
