import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { InspectorHarness } from './InspectorHarness.js';
import { NextSteps } from './NextSteps.js';

/** Props of {@link NextStepsStory}. */
interface NextStepsStoryProps {
  readonly nodeId: string;
}

/** The next steps of one node, with the flow's edges and nodes counted for the play functions. */
function NextStepsStory({ nodeId }: NextStepsStoryProps) {
  const { flow, undo } = useEditor();
  return (
    <>
      <NextSteps nodeId={nodeId} />
      <pre data-testid="edges">
        {JSON.stringify(flow.edges.filter((edge) => edge.source === nodeId).map((e) => [e.port, e.target]))}
      </pre>
      <pre data-testid="nodes">{flow.nodes.length}</pre>
      <button type="button" onClick={undo}>
        undo
      </button>
    </>
  );
}

const onoff = exampleFlow('onoff-greeting');

const meta = {
  title: 'Inspector/NextSteps',
  component: NextStepsStory,
  render: (args, { globals }) => (
    <InspectorHarness flow={onoff} locale={storyLocale(globals)}>
      <NextStepsStory {...args} />
    </InspectorHarness>
  ),
  args: { nodeId: 'boucle-appel' },
} satisfies Meta<typeof NextStepsStory>;

export default meta;
type Story = StoryObj<typeof meta>;

const edgesOf = (canvasElement: HTMLElement) =>
  Object.fromEntries(
    JSON.parse(within(canvasElement).getByTestId('edges').textContent ?? '[]') as [string, string][],
  );

/** A ring group's three outputs; "after the call" is connected with the keyboard alone. */
export const ConnectWithTheKeyboard: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    const after = canvas.getByRole('combobox', {
      name: say('Étape suivante après « Après l’appel »', 'Next step after “After the call”'),
    });
    await expect(after).toHaveValue('');
    await expect(canvas.getAllByRole('combobox')).toHaveLength(3);
    await userEvent.selectOptions(after, 'agence-fermee');
    await expect(edgesOf(canvasElement).afterCall).toBe('agence-fermee');
    await userEvent.selectOptions(after, '');
    await expect(edgesOf(canvasElement).afterCall).toBeUndefined();
  },
};

/** "New step…": a voicemail is added to the right and connected, then undone in one step. */
export const NewStep: Story = {
  args: { nodeId: 'astreinte' },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    const failed = canvas.getByRole('combobox', {
      name: say('Étape suivante après « Échec »', 'Next step after “Failed”'),
    });
    await userEvent.selectOptions(failed, '__new');
    const kind = canvas.getByRole('combobox', {
      name: say('Type de la nouvelle étape après « Échec »', 'Kind of the new step after “Failed”'),
    });
    await userEvent.selectOptions(kind, 'voicemail');
    await userEvent.click(canvas.getByRole('button', { name: say('Ajouter et relier', 'Add and connect') }));
    await expect(edgesOf(canvasElement).failed).toBe('voicemail-1');
    await expect(failed).toHaveFocus();
    await expect(canvas.getByTestId('nodes')).toHaveTextContent(String(onoff.nodes.length + 1));
    await userEvent.click(canvas.getByRole('button', { name: 'undo' }));
    await waitFor(() => expect(canvas.getByTestId('nodes')).toHaveTextContent(String(onoff.nodes.length)));
    await expect(edgesOf(canvasElement).failed).toBe('astreinte-injoignable');
  },
};

/** An output left unconnected on purpose says what happens: holidays follow "closed". */
export const Fallback: Story = {
  args: { nodeId: 'horaires' },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    const holiday = canvas.getByRole('combobox', {
      name: say('Étape suivante après « Jour férié »', 'Next step after “Holiday”'),
    });
    await userEvent.selectOptions(holiday, '');
    await expect(holiday).toHaveDisplayValue(
      say('Non reliée : suit « Fermé »', 'Not connected: follows “Closed”'),
    );
  },
};

/** A hang-up has no outputs. */
export const NoOutputs: Story = {
  args: { nodeId: 'agence-fermee' },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    await expect(
      within(canvasElement).getByText(
        say(
          'Cette étape met fin à l’appel : elle n’a pas de sortie.',
          'This step ends the call: it has no outputs.',
        ),
      ),
    ).toBeVisible();
  },
};
