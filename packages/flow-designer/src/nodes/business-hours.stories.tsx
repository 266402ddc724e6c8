import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import {
  CanvasStory,
  clockAt,
  excerpt,
  findCanvasNode,
  kindTitle,
  renderCanvas,
  sayer,
  sourceHandleIds,
} from '../../.storybook/story-kit.js';

// The switchboard of the ringover-standard example: Mon–Fri 8:30–12:30 and 13:30–18:00, Saturday
// morning, Christmas closed, French public holidays.
const meta = {
  title: 'Nodes/Business hours',
  component: CanvasStory,
  render: renderCanvas,
  args: { flow: excerpt('ringover-standard', 'horaires') },
} satisfies Meta<typeof CanvasStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A Monday at 10:00 in Paris: open, and the three ways out (open, closed, holiday). */
export const OpenOnMondayMorning: Story = {
  beforeEach: clockAt('2026-11-23T10:00:00+01:00'),
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'horaires');
    await expect(node.getByText(kindTitle('businessHours', globals))).toBeVisible();
    // The node's label and, in its summary, the schedule's name (the example gives both the same).
    await expect(node.getAllByText('Horaires du standard')).toHaveLength(2);
    const now = node.getByText(say('Ouvert en ce moment', 'Open right now'));
    await expect(now).toBeVisible();
    await expect(now).toHaveAttribute('data-status', 'open');
    await expect(sourceHandleIds(node.element)).toEqual(['open', 'closed', 'holiday']);
    await expect(node.element.querySelector('.rf-badge')).toBeNull();
  },
};

/** The same Monday at 13:00: the lunch break, so closed. */
export const ClosedAtLunch: Story = {
  beforeEach: clockAt('2026-11-23T13:00:00+01:00'),
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'horaires');
    await expect(node.getByText(say('Fermé en ce moment', 'Closed right now'))).toHaveAttribute(
      'data-status',
      'closed',
    );
  },
};

/** Christmas Day: a closure, so the holiday port is the one taken. */
export const HolidayOnChristmas: Story = {
  beforeEach: clockAt('2026-12-25T10:00:00+01:00'),
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'horaires');
    await expect(node.getByText(say('Jour férié en ce moment', 'Holiday right now'))).toHaveAttribute(
      'data-status',
      'holiday',
    );
  },
};

/** The real clock: whatever the moment, the node says one of the three states. */
export const RightNow: Story = {
  play: async ({ canvasElement }) => {
    const node = await findCanvasNode(canvasElement, 'horaires');
    const status = node.element.querySelector('[data-status]')?.getAttribute('data-status');
    await expect(['open', 'closed', 'holiday']).toContain(status);
  },
};

/** A schedule the flow does not define: said in the node, with an error badge. */
export const UnknownSchedule: Story = {
  args: {
    flow: excerpt('ringover-standard', 'horaires', (draft) => {
      const node = draft.nodes.find((n) => n.id === 'horaires');
      if (node?.kind === 'businessHours') node.config.schedule = 'horaires-disparus';
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const node = await findCanvasNode(canvasElement, 'horaires');
    await expect(node.getByLabelText(say('1 erreur(s)', '1 error(s)'))).toBeVisible();
    await expect(
      node.getByText(say('Horaire inconnu : horaires-disparus', 'Unknown schedule: horaires-disparus')),
    ).toBeVisible();
  },
};
