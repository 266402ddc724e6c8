import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { LibraryHarness } from './LibraryHarness.js';
import { LibraryPanel } from './LibraryPanel.js';

// The library of the ringover-standard example (8 agents, 4 groups, 4 schedules, sounds with
// background music), at the width of the designer's side panel.
const meta = {
  title: 'Library/Library panel',
  component: LibraryHarness,
  render: (args, { globals }) => (
    <LibraryHarness {...args} locale={storyLocale(globals)}>
      <div style={{ width: 420, padding: 8 }}>
        <LibraryPanel />
      </div>
    </LibraryHarness>
  ),
  args: { flow: exampleFlow('ringover-standard') },
} satisfies Meta<typeof LibraryHarness>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The panel and its tabs: one per kind of item, with how many there are. */
async function openSection(canvasElement: HTMLElement, tab: RegExp) {
  const canvas = within(canvasElement);
  await userEvent.click(await canvas.findByRole('tab', { name: tab }));
  return canvas;
}

/** Agents: Sarah works part time, her planning is a schedule of the library. */
export const Agents: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = await openSection(canvasElement, /^Agents 8/);
    await userEvent.click(canvas.getByRole('button', { name: /Sarah Lambert/ }));
    const item = canvas.getByRole('region', { name: 'Sarah Lambert' });
    await expect(within(item).getByLabelText('Planning')).toHaveDisplayValue(
      'Planning horaire de Sarah (temps partiel)',
    );
    await expect(
      within(item).getByText(say('Groupe « Service commercial »', 'Group “Service commercial”')),
    ).toBeVisible();
    await userEvent.type(within(item).getByLabelText(say('Poste', 'Extension')), '104');
    await expect(within(item).getByLabelText(say('Poste', 'Extension'))).toHaveValue('104');
  },
};

/** Adding an agent: the id is proposed from the name, accents dropped. */
export const AddAgent: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = await openSection(canvasElement, /^Agents/);
    await userEvent.click(canvas.getByRole('button', { name: say('Ajouter un agent', 'Add an agent') }));
    const form = canvas.getByRole('form', { name: say('Nouvel agent', 'New agent') });
    await userEvent.type(within(form).getByLabelText(say('Nom', 'Name')), 'Hélène Bérard');
    await expect(within(form).getByLabelText(say('Identifiant', 'Id'))).toHaveValue('helene-berard');
    await userEvent.click(within(form).getByRole('button', { name: say('Créer', 'Create') }));
    await expect(canvas.getByRole('heading', { name: 'Hélène Bérard' })).toHaveFocus();
    await expect(canvas.getByRole('tab', { name: /^Agents 9/ })).toBeVisible();
  },
};

/** Deleting an agent in use: where it is used, and a confirmation. */
export const DeleteAgentInUse: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = await openSection(canvasElement, /^Agents/);
    await userEvent.click(canvas.getByRole('button', { name: /Claire Dubois/ }));
    await userEvent.click(canvas.getByRole('button', { name: say('Supprimer l’agent', 'Delete agent') }));
    const confirm = canvas.getByRole('group', { name: /Claire Dubois/ });
    await expect(
      within(confirm).getByText(say('Groupe « Service commercial »', 'Group “Service commercial”')),
    ).toBeVisible();
    await expect(within(confirm).getByRole('button', { name: say('Annuler', 'Cancel') })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(canvas.queryByRole('group', { name: /Claire Dubois/ })).toBeNull();
    await expect(canvas.getByRole('region', { name: 'Claire Dubois' })).toBeVisible();
  },
};

/** Groups: members chosen among the agents. */
export const Groups: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = await openSection(canvasElement, /^(Groupes|Groups)/);
    await userEvent.click(canvas.getByRole('button', { name: /Comptabilité/ }));
    const item = canvas.getByRole('region', { name: 'Comptabilité' });
    const members = within(item).getByRole('group', { name: say('Membres (1)', 'Members (1)') });
    await expect(within(members).getByRole('checkbox', { name: /Nathalie Girard/ })).toBeChecked();
    await userEvent.click(within(members).getByRole('checkbox', { name: /Emma Rousseau/ }));
    await expect(within(item).getByRole('group', { name: say('Membres (2)', 'Members (2)') })).toBeVisible();
  },
};

/** Schedules: the switchboard's hours in the schedule editor. */
export const Schedules: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = await openSection(canvasElement, /^(Horaires|Schedules)/);
    await userEvent.click(canvas.getByRole('button', { name: /Horaires du standard/ }));
    const item = canvas.getByRole('region', { name: 'Horaires du standard' });
    await expect(within(item).getByRole('grid')).toBeVisible();
    await expect(within(item).getByLabelText(say('Lundi', 'Monday'))).toHaveValue('08:30–12:30, 13:30–18:00');
    await expect(
      within(item).getByText(
        say(
          'Étape « Horaires du standard » (Horaires d’ouverture)',
          'Step “Horaires du standard” (Business hours)',
        ),
      ),
    ).toBeVisible();
  },
};

/** Sounds: a synthesized welcome over background music from the library. */
export const Sounds: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = await openSection(canvasElement, /^(Sons|Sounds)/);
    await userEvent.click(canvas.getByRole('button', { name: /MyAnnounce/ }));
    const item = canvas.getByRole('region', { name: /MyAnnounce/ });
    await expect(
      within(item).getByRole('radio', { name: say('Synthèse vocale', 'Text to speech') }),
    ).toBeChecked();
    await expect(within(item).getByLabelText(say('Musique de fond', 'Background music'))).toHaveDisplayValue(
      'Musique de fond libre de droits',
    );
    const text = within(item).getByLabelText(say('Texte prononcé', 'Text spoken')) as HTMLTextAreaElement;
    await expect(text.value).toMatch(/^Bonjour et bienvenue/);
  },
};

/** A flow with an empty library: each section says so and offers to add. */
export const EmptyLibrary: Story = {
  args: {
    flow: exampleFlow('ringover-standard', (draft) => {
      draft.nodes = draft.nodes.filter((node) => node.kind === 'hangup' || node.kind === 'callerMatch');
      draft.entry = draft.nodes[0]?.id ?? draft.entry;
      draft.edges = [];
      draft.agents = [];
      draft.groups = [];
      draft.schedules = [];
      draft.sounds = [];
      draft.settings.recording = { enabled: false };
    }),
  },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = await openSection(canvasElement, /^(Sons|Sounds)/);
    await expect(canvas.getByText(say('Aucun son pour l’instant.', 'No sounds yet.'))).toBeVisible();
    await expect(canvas.getByRole('button', { name: say('Ajouter un son', 'Add a sound') })).toBeVisible();
  },
};
