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
  title: 'Nodes/Poll',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('ringover-standard', 'sondage-commercial') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The satisfaction poll after a sales call: two questions, each answered 1 to 5. */
export const TwoQuestions: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'sondage-commercial');
    await expect(node.getByText(kindTitle('poll', globals))).toBeVisible();
    await expect(
      node.getByText(say('Sondage « satisfaction-commercial »', 'Poll “satisfaction-commercial”')),
    ).toBeVisible();
    await expect(node.element).toHaveTextContent('2 question(s)');
    await expect(node.element).toHaveTextContent('accueil: 1–5, resolution: 1–5');
    await expect(sourceHandleIds(node.element)).toEqual(['done', 'noInput']);
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/** A question whose prompt is missing from the library: an error badge. */
export const UnknownQuestionPrompt: Story = {
  args: {
    flow: excerpt('ringover-standard', 'sondage-commercial', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'sondage-commercial');
      const first = node?.kind === 'poll' ? node.config.questions[0] : undefined;
      if (first !== undefined) first.prompt = 'question-disparue';
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'sondage-commercial');
    await expect(node.getByLabelText(say('1 erreur(s)', '1 error(s)'))).toBeVisible();
  },
};
