import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { exampleFlow, sayer } from '../../.storybook/story-kit.js';
import { simulationPanelMeta } from './panel-stories.js';
import type { SimulationPanelStoryProps } from './panel-stories.js';
import { WeekView } from './WeekView.js';

const meta = {
  title: 'Simulation/WeekView',
  ...simulationPanelMeta(WeekView),
} satisfies Meta<SimulationPanelStoryProps>;

export default meta;
type Story = StoryObj<typeof meta>;

function viewOf(canvasElement: HTMLElement, globals: Readonly<Record<string, unknown>>) {
  const say = sayer(globals);
  return { say, view: within(within(canvasElement).getByRole('region', { name: say('Semaine', 'Week') })) };
}

/** Picks the week holding `date`, runs it and waits for the summary under the heatmap. */
async function runWeek(canvasElement: HTMLElement, globals: Readonly<Record<string, unknown>>, date: string) {
  const { say, view } = viewOf(canvasElement, globals);
  fireEvent.change(view.getByLabelText(say(/^Semaine du/, /^Week of/)), { target: { value: date } });
  await userEvent.click(view.getByRole('button', { name: say('Simuler la semaine', 'Simulate the week') }));
  const summary = await waitFor(
    () => {
      const found = canvasElement.querySelector('.rf-week-summary');
      if (found === null) throw new Error('the week is still running');
      return found;
    },
    { timeout: 20_000 },
  );
  return { say, view, summary };
}

/** A cell of the heatmap by its accessible name. */
function cell(canvasElement: HTMLElement, name: string): HTMLButtonElement {
  const found = [...canvasElement.querySelectorAll<HTMLButtonElement>('.rf-week-grid button')].find(
    (button) => button.getAttribute('aria-label') === name,
  );
  if (found === undefined) throw new Error(`no cell "${name}"`);
  return found;
}

/**
 * The agency's week of 23 November 2026: answered during opening hours (green), missed at night, at
 * lunch and on Sunday when the on-call mobile does not pick up (red). A chosen cell plays its call on
 * the canvas and shows it under the grid.
 */
export const OrdinaryWeek: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const { say, view, summary } = await runWeek(canvasElement, globals, '2026-11-25');
    await expect(summary).toHaveTextContent(
      say(
        // Whitespace is normalized: the narrow no-break space before % becomes a plain one.
        'L’appelant ne parle à personne dans 71 % des créneaux (239 sur 336).',
        'The caller talks to nobody in 71% of the slots (239 of 336).',
      ),
    );
    await expect(canvasElement.querySelectorAll('.rf-week-grid button')).toHaveLength(336);
    const tuesday = cell(
      canvasElement,
      say('mardi 10:30 : répondu par Léa Fontaine', 'Tuesday 10:30: answered by Léa Fontaine'),
    );
    await expect(tuesday).toHaveAttribute('data-outcome', 'answered');
    await expect(
      cell(
        canvasElement,
        say('dimanche 10:30 : manqué (personne n’a répondu)', 'Sunday 10:30: missed (nobody answered)'),
      ),
    ).toHaveAttribute('data-outcome', 'missed');
    await expect(view.getByRole('list', { name: say('Légende', 'Legend') })).toHaveTextContent(
      say('Répondu : 97', 'Answered: 97'),
    );

    await userEvent.click(tuesday);
    await expect(args.onHighlight).toHaveBeenLastCalledWith({
      path: ['accueil', 'horaires', 'boucle-appel'],
      step: 2,
    });
    await waitFor(() =>
      expect(canvasElement.querySelector('.react-flow__node.rf-node-current')).toHaveAttribute(
        'data-id',
        'boucle-appel',
      ),
    );
    await expect(
      view.getByRole('heading', {
        name: say('Appel du mardi 24 novembre 10:30', 'Call of Tuesday 24 November 10:30'),
      }),
    ).toBeVisible();
    // The arrow keys walk the grid.
    await userEvent.keyboard('{ArrowDown}');
    await expect(document.activeElement).toHaveAttribute(
      'aria-label',
      say('mardi 11:00 : répondu par Léa Fontaine', 'Tuesday 11:00: answered by Léa Fontaine'),
    );
  },
};

/** The same week with the advisers on do-not-disturb and the on-call mobile answering. */
export const OnCallMobileAnswers: Story = {
  play: async ({ canvasElement, globals }) => {
    const { say, view } = viewOf(canvasElement, globals);
    for (const name of ['Léa Fontaine', 'Hugo Mercier', 'Inès Benali'])
      await userEvent.selectOptions(
        view.getByLabelText(say(`Statut de ${name}`, `Status of ${name}`)),
        'snooze',
      );
    const mobile = 'Marc Delmas (gérant, astreinte) (+33639980100)';
    await userEvent.selectOptions(
      view.getByLabelText(say(`Comportement de ${mobile}`, `Behaviour of ${mobile}`)),
      'answers',
    );
    const { summary } = await runWeek(canvasElement, globals, '2026-11-23');
    await expect(summary).toHaveTextContent(say('(97 sur 336)', '(97 of 336)'));
    await expect(
      cell(
        canvasElement,
        say(`mardi 22:00 : transféré vers ${mobile}`, `Tuesday 22:00: forwarded to ${mobile}`),
      ),
    ).toHaveAttribute('data-outcome', 'forwarded');
  },
};

/**
 * The week the clocks go forward (Sunday 28 March 2027, 2:00 -> 3:00 in Paris): 02:00 and 02:30 do
 * not exist that night, so they get no call and are hatched.
 */
export const SpringForwardWeek: Story = {
  play: async ({ canvasElement, globals }) => {
    const { say, summary } = await runWeek(canvasElement, globals, '2027-03-22');
    await expect(summary).toHaveTextContent(say('(237 sur 334)', '(237 of 334)'));
    const gap = cell(
      canvasElement,
      say(
        'dimanche 02:30 : cette heure n’existe pas (passage à l’heure d’été), pas d’appel',
        'Sunday 02:30: this time does not exist (clocks go forward), no call',
      ),
    );
    await expect(gap).toHaveClass('rf-sim-gap');
  },
};

/** A run can be cancelled while it goes: the grid goes away and the view says so. */
export const Cancelled: Story = {
  play: async ({ canvasElement, globals }) => {
    const { say, view } = viewOf(canvasElement, globals);
    await userEvent.click(view.getByRole('button', { name: say('Simuler la semaine', 'Simulate the week') }));
    await userEvent.click(view.getByRole('button', { name: say('Annuler', 'Cancel') }));
    await expect(view.getByRole('status')).toHaveTextContent(
      say('Simulation annulée.', 'Simulation cancelled.'),
    );
    await expect(view.queryByRole('grid')).toBeNull();
  },
};

/** A flow with an error cannot be simulated: the view says why and the button is off. */
export const FlowWithErrors: Story = {
  args: { flow: exampleFlow('onoff-greeting', (draft) => void (draft.entry = 'nowhere')) },
  play: async ({ canvasElement, globals }) => {
    const { say, view } = viewOf(canvasElement, globals);
    await expect(view.getByRole('alert')).toHaveTextContent(
      say(/^Ce flux contient 1 erreur/, /^This flow has 1 error/),
    );
    await expect(
      view.getByRole('button', { name: say('Simuler la semaine', 'Simulate the week') }),
    ).toBeDisabled();
  },
};

/** The heatmap in the dark theme, in English. */
export const DarkEnglish: Story = {
  globals: { theme: 'dark', locale: 'en' },
  play: async ({ canvasElement, globals }) => {
    const { summary } = await runWeek(canvasElement, globals, '2026-11-23');
    await expect(summary).toBeVisible();
    await expect(cell(canvasElement, 'Monday 09:00: answered by Léa Fontaine')).toBeVisible();
  },
};
