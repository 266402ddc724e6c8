import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { clockAt, exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { LibraryHarness } from './LibraryHarness.js';
import { ScheduleEditor } from './ScheduleEditor.js';

// The switchboard's hours of the ringover-standard example: Mon–Fri 8:30–12:30 and 13:30–18:00,
// Saturday 9:00–12:00, Christmas every year, a summer closure, two special days, French holidays.
const meta = {
  title: 'Library/Schedule editor',
  component: ScheduleEditor,
  render: (args, { globals }) => (
    <LibraryHarness flow={exampleFlow('ringover-standard')} locale={storyLocale(globals)}>
      <div style={{ width: 420, padding: 8 }}>
        <ScheduleEditor {...args} />
      </div>
    </LibraryHarness>
  ),
  args: { scheduleId: 'horaires-standard' },
} satisfies Meta<typeof ScheduleEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A grid cell by the start of its accessible name ("Lundi 09:00–09:30"). */
function cell(root: HTMLElement, name: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[role="gridcell"][aria-label^="${name}"]`);
  if (found === null) throw new Error(`no grid cell "${name}"`);
  return found;
}

/** A Monday morning: the week, and open right now until the lunch break. */
export const OpenOnMondayMorning: Story = {
  beforeEach: clockAt('2026-11-23T10:00:00+01:00'),
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('grid')).toBeVisible();
    await expect(
      canvas.getByText(say(/^Ouvert en ce moment jusqu’à/, /^Open right now until/)),
    ).toBeVisible();
    await expect(cell(canvasElement, say('Lundi 09:00–09:30', 'Monday 09:00–09:30'))).toHaveAttribute(
      'data-state',
      'open',
    );
    await expect(cell(canvasElement, say('Lundi 12:30–13:00', 'Monday 12:30–13:00'))).toHaveAttribute(
      'data-state',
      'closed',
    );
    await expect(canvas.getByLabelText(say('Samedi', 'Saturday'))).toHaveValue('09:00–12:00');
  },
};

/** Painting with the pointer: a drag over Sunday morning opens it, in one step. */
export const PaintWithThePointer: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const from = cell(canvasElement, say('Dimanche 10:00–10:30', 'Sunday 10:00–10:30'));
    const to = cell(canvasElement, say('Dimanche 11:30–12:00', 'Sunday 11:30–12:00'));
    await userEvent.pointer([
      { keys: '[MouseLeft>]', target: from },
      { target: to },
      { keys: '[/MouseLeft]', target: to },
    ]);
    await expect(within(canvasElement).getByLabelText(say('Dimanche', 'Sunday'))).toHaveValue('10:00–12:00');
  },
};

/** Painting with the keyboard: one tab stop in the grid, arrows, Space. */
export const PaintWithTheKeyboard: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const start = canvasElement.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]');
    await expect(start).not.toBeNull();
    start?.focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    await expect(document.activeElement).toHaveAttribute(
      'aria-label',
      say('Dimanche 09:00–09:30, fermé', 'Sunday 09:00–09:30, closed'),
    );
    await userEvent.keyboard(' ');
    await expect(document.activeElement).toHaveAttribute(
      'aria-label',
      say('Dimanche 09:00–09:30, ouvert', 'Sunday 09:00–09:30, open'),
    );
    await expect(within(canvasElement).getByLabelText(say('Dimanche', 'Sunday'))).toHaveValue('09:00–09:30');
  },
};

/** Exact hours: a quarter past is shown as a half hour partly open. */
export const ExactHours: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const sunday = within(canvasElement).getByLabelText(say('Dimanche', 'Sunday'));
    await userEvent.type(sunday, '09:15-11:45');
    await expect(cell(canvasElement, say('Dimanche 09:00–09:30', 'Sunday 09:00–09:30'))).toHaveAttribute(
      'data-state',
      'partial',
    );
    await expect(cell(canvasElement, say('Dimanche 10:00–10:30', 'Sunday 10:00–10:30'))).toHaveAttribute(
      'data-state',
      'open',
    );
  },
};

/** A malformed range: flow-core's message beside the day. */
export const MalformedRange: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    const sunday = canvas.getByLabelText(say('Dimanche', 'Sunday'));
    await userEvent.type(sunday, '10:00-25:00');
    await expect(sunday).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByText(/"25:00"/)).toBeVisible();
  },
};

/** Closures and special days: a new closure, then a region whose holidays flow-core does not know. */
export const ClosuresAndHolidays: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    await expect(
      canvas.getByRole('group', { name: say(/^Fermeture 1 : Noël/, /^Closure 1: Noël/) }),
    ).toBeVisible();
    await userEvent.click(
      canvas.getByRole('button', { name: say('Ajouter une fermeture', 'Add a closure') }),
    );
    await expect(canvas.getByRole('group', { name: say(/^Fermeture 4/, /^Closure 4/) })).toBeVisible();
    await expect(
      canvas.getByRole('group', {
        name: say(/^Jour spécial 1 : Veille de Noël/, /^Special day 1: Veille de Noël/),
      }),
    ).toBeVisible();
    const region = canvas.getByLabelText(say('Région (code)', 'Region (code)'));
    await userEvent.type(region, '99');
    // Regions are checked once the public holiday calendar has loaded.
    await expect(await canvas.findByText(/"99"/)).toBeVisible();
  },
};
