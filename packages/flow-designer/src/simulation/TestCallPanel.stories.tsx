import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { exampleFlow, sayer } from '../../.storybook/story-kit.js';
import { TestCallPanel } from '../panels/TestCallPanel.js';
import { simulationPanelMeta } from './panel-stories.js';
import type { SimulationPanelStoryProps } from './panel-stories.js';

const meta = {
  title: 'Simulation/TestCallPanel',
  ...simulationPanelMeta(TestCallPanel),
} satisfies Meta<SimulationPanelStoryProps>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The panel of the story's page, in the toolbar's language. */
function panelOf(canvasElement: HTMLElement, globals: Readonly<Record<string, unknown>>) {
  const say = sayer(globals);
  return {
    say,
    panel: within(within(canvasElement).getByRole('region', { name: say('Appel de test', 'Test call') })),
  };
}

/** Sets the date of the call and runs it. */
async function runAt(panel: ReturnType<typeof within>, say: ReturnType<typeof sayer>, at: string) {
  fireEvent.change(
    panel.getByLabelText(say('Date et heure (Europe/Paris)', 'Date and time (Europe/Paris)')),
    {
      target: { value: at },
    },
  );
  await userEvent.click(panel.getByRole('button', { name: say('Lancer', 'Run') }));
  // A flow that follows public holidays runs once they have loaded: wait for the result or a problem.
  await waitFor(
    () => {
      const panelElement = panel.getByRole('button', { name: say('Lancer', 'Run') }).closest('section');
      if (panelElement?.querySelector('.rf-test-call-outcome, .rf-test-call-problems') == null) {
        throw new Error('the call has not run yet');
      }
    },
    { timeout: 10_000 },
  );
}

/**
 * A Tuesday morning call: the cascade's first agent answers. The outcome is in words, the timeline
 * names the nodes, and the path lights up on the canvas step by step.
 */
export const AnsweredOnTuesdayMorning: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const { say, panel } = panelOf(canvasElement, globals);
    await runAt(panel, say, '2026-11-24T10:30');
    const outcome = canvasElement.querySelector('.rf-test-call-outcome');
    await expect(outcome).toHaveAttribute('data-outcome', 'answered');
    await expect(outcome).toHaveTextContent(say('Répondu', 'Answered'));
    await expect(canvasElement.querySelector('.rf-test-call-answered-by')).toHaveTextContent(
      'Léa Fontaine (lea)',
    );
    await expect(canvasElement.querySelector('.rf-test-call-timeline')).toHaveTextContent(
      say('Entre dans « Message d’accueil »', 'Enters "Message d’accueil"'),
    );
    await waitFor(() =>
      expect(args.onHighlight).toHaveBeenLastCalledWith({
        path: ['accueil', 'horaires', 'boucle-appel'],
        step: 0,
      }),
    );
    await userEvent.click(panel.getByRole('button', { name: say('Étape suivante', 'Next step') }));
    await waitFor(() =>
      expect(canvasElement.querySelector('.react-flow__node.rf-node-current')).toHaveAttribute(
        'data-id',
        'horaires',
      ),
    );
  },
};

/** The caller gives up after 4 seconds, during the welcome message: the call is abandoned. */
export const CallerHangsUpEarly: Story = {
  play: async ({ canvasElement, globals }) => {
    const { say, panel } = panelOf(canvasElement, globals);
    await userEvent.click(
      panel.getByLabelText(say('L’appelant raccroche de lui-même', 'The caller hangs up by themselves')),
    );
    const after = panel.getByLabelText(say('Raccroche après (s)', 'Hangs up after (s)'));
    await userEvent.clear(after);
    await userEvent.type(after, '4');
    await runAt(panel, say, '2026-11-24T10:30');
    await expect(canvasElement.querySelector('.rf-test-call-outcome')).toHaveAttribute(
      'data-outcome',
      'abandoned',
    );
    await expect(canvasElement.querySelector('.rf-test-call-missed-reason')).toHaveTextContent(
      say('l’appelant a raccroché', 'the caller hung up'),
    );
  },
};

/** At night the call goes to the on-call mobile; told to answer, it takes the call: forwarded. */
export const OnCallMobileAnswersAtNight: Story = {
  play: async ({ canvasElement, globals }) => {
    const { say, panel } = panelOf(canvasElement, globals);
    const mobile = 'Marc Delmas (gérant, astreinte) (+33639980100)';
    await userEvent.selectOptions(
      panel.getByLabelText(say(`Comportement de ${mobile}`, `Behaviour of ${mobile}`)),
      'answers',
    );
    await runAt(panel, say, '2026-11-24T22:00');
    await expect(canvasElement.querySelector('.rf-test-call-outcome')).toHaveAttribute(
      'data-outcome',
      'forwarded',
    );
    await expect(canvasElement.querySelector('.rf-test-call-legs')).toHaveTextContent(mobile);
  },
};

/**
 * Solaris Énergie's switchboard: the caller picks sales (1), rates the call 5 then 3 in the poll and
 * refuses the recording; Claire never answers, so Antoine takes it.
 */
export const PollAndRecordingOptOut: Story = {
  args: { flow: exampleFlow('ringover-standard') },
  play: async ({ canvasElement, globals }) => {
    const { say, panel } = panelOf(canvasElement, globals);
    await userEvent.selectOptions(
      panel.getByLabelText(say('Comportement de Claire Dubois', 'Behaviour of Claire Dubois')),
      'never',
    );
    await userEvent.type(panel.getByLabelText(say(/^Touches tapées/, /^Keys typed/)), '1 5 3');
    await userEvent.click(
      panel.getByLabelText(
        say(
          'Refuse l’enregistrement (touche * pendant l’annonce)',
          'Refuses the recording (key * during the notice)',
        ),
      ),
    );
    await runAt(panel, say, '2026-11-23T09:30');
    await expect(canvasElement.querySelector('.rf-test-call-outcome')).toHaveAttribute(
      'data-outcome',
      'answered',
    );
    await expect(canvasElement.querySelector('.rf-test-call-polls')).toHaveTextContent('Antoine Petit');
    await expect(canvasElement.querySelector('.rf-test-call-recording')).toHaveTextContent(
      say('Refusé par l’appelant', 'Refused by the caller'),
    );
  },
};

/** A flow with an error (its entry names no node) says it cannot be simulated; Run is off. */
export const FlowWithErrors: Story = {
  args: { flow: exampleFlow('onoff-greeting', (draft) => void (draft.entry = 'nowhere')) },
  play: async ({ canvasElement, globals }) => {
    const { say, panel } = panelOf(canvasElement, globals);
    await expect(
      panel.getByText(say(/^Ce flux contient 1 erreur\(s\)/, /^This flow has 1 error\(s\)/)),
    ).toBeVisible();
    await expect(panel.getByRole('button', { name: say('Lancer', 'Run') })).toBeDisabled();
  },
};

/** The dark theme: a missed Christmas call, outcome and reason readable on the dark side panel. */
export const DarkChristmasDay: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement, globals }) => {
    const { say, panel } = panelOf(canvasElement, globals);
    await runAt(panel, say, '2026-12-25T10:30');
    await expect(canvasElement.querySelector('.rf-test-call-outcome')).toHaveAttribute(
      'data-outcome',
      'missed',
    );
    await expect(canvasElement.querySelector('.rf-test-call-missed-reason')).toHaveTextContent(
      say('fermé', 'closed'),
    );
  },
};
