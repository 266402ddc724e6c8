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
  title: 'Nodes/Forward',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('onoff-greeting', 'astreinte') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Out of hours, the on-call colleague's mobile rings for 30 s and sees the caller's number. */
export const OnCallMobile: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'astreinte');
    await expect(node.getByText(kindTitle('forward', globals))).toBeVisible();
    await expect(node.getByText(say('Vers +33639980100', 'To +33639980100'))).toBeVisible();
    await expect(node.getByText(say('Sonnerie : 30 s', 'Rings: 30 s'))).toBeVisible();
    await expect(
      node.getByText(say('Présente le numéro de l’appelant', 'Shows the caller’s number')),
    ).toBeVisible();
    await expect(sourceHandleIds(node.element)).toEqual(['afterCall', 'noAnswer', 'failed']);
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/** Showing the flow's own number instead of the caller's. */
export const ShowsFlowNumber: Story = {
  args: {
    flow: excerpt('onoff-greeting', 'astreinte', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'astreinte');
      if (node?.kind === 'forward') node.config.callerId = 'flow';
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'astreinte');
    await expect(node.getByText(say('Présente le numéro du flux', 'Shows the flow’s number'))).toBeVisible();
  },
};

/** The "no answer" and "failed" ports left unwired: flow-core warns the call would hang up there. */
export const UnwiredPorts: Story = {
  args: {
    flow: excerpt('onoff-greeting', 'astreinte', (draft) => {
      draft.edges = [];
      draft.nodes = draft.nodes.filter((n) => n.id === 'astreinte');
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'astreinte');
    await expect(node.getByLabelText(say('2 avertissement(s)', '2 warning(s)'))).toBeVisible();
  },
};
