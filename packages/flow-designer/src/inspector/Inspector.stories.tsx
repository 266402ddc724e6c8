import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { Inspector } from './Inspector.js';
import { InspectorHarness } from './InspectorHarness.js';
import type { InspectorHarnessProps } from './InspectorHarness.js';

const onoff = exampleFlow('onoff-greeting');
const ringover = exampleFlow('ringover-standard');

const meta = {
  title: 'Inspector/Inspector',
  component: InspectorHarness,
  render: (args, { globals }) => (
    <InspectorHarness {...args} locale={storyLocale(globals)}>
      <Inspector />
    </InspectorHarness>
  ),
  args: { flow: onoff, nodes: [] },
} satisfies Meta<typeof InspectorHarness>;

export default meta;
type Story = StoryObj<typeof meta>;

type Args = Partial<InspectorHarnessProps>;

/** The panel, once the harness has made its selection. */
async function panelOf(canvasElement: HTMLElement) {
  const section = await waitFor(() => {
    const found = canvasElement.querySelector<HTMLElement>('section.rf-inspector');
    if (found === null) throw new Error('no inspector');
    return found;
  });
  return within(section);
}

/** Nothing selected: where to start. */
export const NothingSelected: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    await expect(
      panel.getByRole('heading', { name: say('Aucune étape sélectionnée', 'No step selected') }),
    ).toBeVisible();
    await expect(panel.getByText(say(/depuis la palette/, /from the palette/))).toBeVisible();
  },
};

/** Several steps selected: how many, and what can be done with them. */
export const SeveralSelected: Story = {
  args: { nodes: ['accueil', 'horaires', 'boucle-appel'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    await expect(
      await panel.findByRole('heading', { name: say('3 éléments sélectionnés', '3 items selected') }),
    ).toBeVisible();
  },
};

/** An announcement played before answering (early media); the flow starts here. */
export const Announcement: Story = {
  args: { nodes: ['accueil'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    await expect(await panel.findByRole('heading', { name: say('Annonce', 'Announcement') })).toBeVisible();
    await expect(panel.getByText(say(/Début du flux/, /Start of the flow/))).toBeVisible();
    const answer = panel.getByRole('checkbox', {
      name: say('Décrocher avant le message', 'Answer before the message'),
    });
    await expect(answer).not.toBeChecked();
    await userEvent.click(answer);
    await expect(answer).toBeChecked();
    const loops = panel.getByRole('spinbutton', { name: say('Nombre de diffusions', 'Times played') });
    await userEvent.clear(loops);
    await userEvent.type(loops, '3');
    await expect(loops).toHaveValue(3);
  },
};

/** A key menu: one row per key in keypad order; adding a key adds its output below. */
export const Menu: Story = {
  args: { flow: ringover, nodes: ['menu'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    await expect(
      await panel.findByRole('heading', { name: say('Menu à touches', 'Key menu') }),
    ).toBeVisible();
    await expect(
      panel.getByRole('textbox', { name: say('Libellé de la touche 2', 'Label of key 2') }),
    ).toHaveValue('SAV');
    await userEvent.selectOptions(
      panel.getByRole('combobox', { name: say('Touche à ajouter', 'Key to add') }),
      '0',
    );
    await userEvent.click(panel.getByRole('button', { name: say('Ajouter la touche', 'Add the key') }));
    const label = panel.getByRole('textbox', { name: say('Libellé de la touche 0', 'Label of key 0') });
    await expect(label).toHaveFocus();
    await userEvent.type(label, 'Standard');
    await expect(
      panel.getByRole('combobox', {
        name: say('Étape suivante après « 0 : Standard »', 'Next step after “0: Standard”'),
      }),
    ).toBeVisible();
  },
};

/** Business hours: the schedule from the flow's library, editable in place. */
export const BusinessHours: Story = {
  args: { nodes: ['horaires'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    const schedule = await panel.findByRole('combobox', { name: say('Horaire', 'Schedule') });
    await expect(schedule).toHaveValue('horaires-ouvres');
    const edit = panel.getByRole('button', { name: say('Modifier l’horaire', 'Edit the schedule') });
    await userEvent.click(edit);
    await expect(edit).toHaveAttribute('aria-expanded', 'true');
    await expect(
      panel.getByRole('combobox', {
        name: say('Étape suivante après « Jour férié »', 'Next step after “Holiday”'),
      }),
    ).toBeVisible();
  },
};

/** A ring group in cascade: members in ring order, ring time, repeats, statuses skipped. */
export const RingGroup: Story = {
  args: { nodes: ['boucle-appel'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    const members = within(await panel.findByRole('group', { name: say('Membres', 'Members') }));
    await expect(members.getAllByRole('listitem')).toHaveLength(3);
    await expect(
      panel.getByRole('combobox', { name: say('Stratégie de sonnerie', 'Ring strategy') }),
    ).toHaveValue('cascade');
    const skip = within(
      panel.getByRole('group', {
        name: say('Ne pas faire sonner les membres', 'Do not ring members who are'),
      }),
    );
    await expect(skip.getAllByRole('checkbox')).toHaveLength(4);
  },
};

/** A ring time out of range: flow-core's message shows under the field, read with it. */
export const RingTimeOutOfRange: Story = {
  args: { nodes: ['boucle-appel'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    const ring = await panel.findByRole('spinbutton', {
      name: say('Durée de sonnerie (secondes)', 'Ring time (seconds)'),
    });
    await userEvent.clear(ring);
    await userEvent.type(ring, '1000');
    await expect(ring).toHaveAttribute('aria-invalid', 'true');
    await expect(ring).toHaveAccessibleDescription(say(/au plus 300/, /at most 300/));
  },
};

/** An agent condition on a whole group, with what counts as unavailable. */
export const AgentCondition: Story = {
  args: { flow: ringover, nodes: ['commerciaux-absents'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    const members = within(await panel.findByRole('group', { name: say('Membres', 'Members') }));
    await expect(
      members.getByText(say('Groupe Service commercial', 'Group Service commercial')),
    ).toBeVisible();
    const means = within(
      panel.getByRole('group', { name: say('Compte comme indisponible', 'Counts as unavailable') }),
    );
    await expect(
      means.getByRole('checkbox', { name: say('Déjà en appel', 'Already in a call') }),
    ).not.toBeChecked();
  },
};

/** A caller condition on the flow's VIP list; numbers and prefixes can be added. */
export const CallerMatch: Story = {
  args: { flow: ringover, nodes: ['vip'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    await expect(
      await panel.findByRole('checkbox', { name: say('Appelants VIP du flux', 'The flow’s VIP callers') }),
    ).toBeChecked();
    await userEvent.click(panel.getByRole('button', { name: say(/Ajouter à « Numéros/, /Add to “Numbers/) }));
    const number = panel.getByRole('textbox', {
      name: say('Numéros et préfixes n° 1', 'Numbers and prefixes #1'),
    });
    await expect(number).toHaveFocus();
    await userEvent.type(number, '+33899*');
    await expect(number).toHaveValue('+33899*');
  },
};

/** A satisfaction poll of two questions, each with its sound and its range of keys. */
export const Poll: Story = {
  args: { flow: ringover, nodes: ['sondage-sav'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    await expect(await panel.findByRole('group', { name: 'Question 2' })).toBeVisible();
    await userEvent.click(panel.getByRole('button', { name: say('Ajouter une question', 'Add a question') }));
    const third = within(panel.getByRole('group', { name: 'Question 3' }));
    await expect(
      third.getByRole('textbox', { name: say('Identifiant de la question', 'Question id') }),
    ).toHaveValue('q1');
  },
};

/** A shared voicemail with its greeting and longest message. */
export const Voicemail: Story = {
  args: { flow: ringover, nodes: ['messagerie-sav'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    await expect(await panel.findByRole('textbox', { name: say('Boîte vocale', 'Mailbox') })).toHaveValue(
      'sav',
    );
    await expect(
      panel.getByRole('spinbutton', {
        name: say('Durée maximale du message (secondes)', 'Longest message (seconds)'),
      }),
    ).toHaveValue(180);
  },
};

/** A forward to the on-call mobile; a number that is not E.164 is reported under the field. */
export const Forward: Story = {
  args: { nodes: ['astreinte'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    const number = await panel.findByRole('textbox', {
      name: say('Numéro de destination', 'Destination number'),
    });
    await expect(number).toHaveValue('+33639980100');
    await userEvent.clear(number);
    await userEvent.type(number, '0639980100');
    await expect(number).toHaveAttribute('aria-invalid', 'true');
    await expect(number).toHaveAccessibleDescription(say(/E\.164/, /E\.164/));
  },
};

/** A hang-up with a last message: no outputs. */
export const Hangup: Story = {
  args: { nodes: ['agence-fermee'] } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    await expect(await panel.findByRole('heading', { name: say('Raccrocher', 'Hang up') })).toBeVisible();
    await expect(
      panel.getByText(
        say(
          'Cette étape met fin à l’appel : elle n’a pas de sortie.',
          'This step ends the call: it has no outputs.',
        ),
      ),
    ).toBeVisible();
  },
};

/** A selected connection: where it comes from, where it goes, and how to remove it. */
export const Connection: Story = {
  args: {
    edges: [onoff.edges.find((edge) => edge.source === 'boucle-appel' && edge.port === 'noAnswer')!.id],
  } satisfies Args,
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = await panelOf(canvasElement);
    await expect(await panel.findByRole('heading', { name: say('Liaison', 'Connection') })).toBeVisible();
    const target = panel.getByRole('combobox', { name: say('Étape suivante', 'Next step') });
    await expect(target).toHaveValue('conseillers-occupes');
    await userEvent.selectOptions(target, 'agence-fermee');
    await expect(target).toHaveValue('agence-fermee');
    await userEvent.click(
      panel.getByRole('button', { name: say('Supprimer la liaison', 'Remove the connection') }),
    );
    await expect(
      panel.getByRole('heading', { name: say('Aucune étape sélectionnée', 'No step selected') }),
    ).toBeVisible();
  },
};
