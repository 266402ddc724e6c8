import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { EXAMPLES } from '../app/examples.js';
import { DesignerProviders } from '../FlowDesigner.js';
import { StartDialog } from './StartDialog.js';

const onoff = exampleFlow('onoff-greeting');

const meta = {
  title: 'App/Start dialog',
  component: StartDialog,
  render: (args, { globals }) => (
    <DesignerProviders flow={onoff} locale={storyLocale(globals)}>
      <div style={{ width: 1000, height: 700 }}>
        <StartDialog {...args} />
      </div>
    </DesignerProviders>
  ),
  args: {
    examples: EXAMPLES,
    currentFlow: onoff,
    takenIds: new Set(['nouveau-flux', 'new-flow']),
    onCreate: fn(),
    onOpenDraft: fn(),
    onClose: fn(),
  },
} satisfies Meta<typeof StartDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The starting points of a new flow. The dialog takes the focus on its first choice, keeps Tab
 * inside, and Escape closes it.
 */
export const StartingPoints: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    const dialog = page.getByRole('dialog', { name: say('Nouveau flux', 'New flow') });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    const greeting = page.getByRole('button', {
      name: say('Remplir le formulaire d’accueil', 'Fill in the greeting form'),
    });
    await waitFor(() => expect(greeting).toHaveFocus());
    await expect(
      page.getByRole('button', { name: say('Créer un flux vierge', 'Create a blank flow') }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', {
        name: say(
          'Partir de « Greeting – Immobilière des Quais »',
          'Start from “Greeting – Immobilière des Quais”',
        ),
      }),
    ).toBeVisible();
    // Shift+Tab goes back to the close button, then round to the last button: Tab stays inside.
    await userEvent.tab({ shift: true });
    await expect(page.getByRole('button', { name: say('Fermer', 'Close') })).toHaveFocus();
    await userEvent.tab({ shift: true });
    const buttons = within(dialog).getAllByRole('button');
    await expect(buttons.at(-1)).toHaveFocus();
    await userEvent.tab();
    await expect(page.getByRole('button', { name: say('Fermer', 'Close') })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(args.onClose).toHaveBeenCalledTimes(1);
  },
};

/** A blank flow, named as typed: its id is made from the name, and kept clear of ids in use. */
export const BlankFlow: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    const name = page.getByLabelText(say('Nom du nouveau flux', 'Name of the new flow'));
    await userEvent.clear(name);
    await userEvent.type(name, 'Standard Lyon{Enter}');
    await expect(args.onCreate).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'standard-lyon', name: 'Standard Lyon', nodes: [] }),
      'blank',
    );
  },
};

/** The greeting quick form, opened from the dialog; Back returns to the starting points. */
export const GreetingForm: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    await userEvent.click(
      page.getByRole('button', { name: say('Remplir le formulaire d’accueil', 'Fill in the greeting form') }),
    );
    await expect(
      page.getByRole('dialog', { name: say('Accueil téléphonique', 'Phone greeting') }),
    ).toBeVisible();
    await waitFor(() => expect(page.getByLabelText(say('Nom du flux', 'Name of the flow'))).toHaveFocus());
    // The open flow's users are offered.
    await expect(page.getByLabelText('Léa Fontaine')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: say('Retour', 'Back') }));
    await expect(page.getByRole('dialog', { name: say('Nouveau flux', 'New flow') })).toBeVisible();
  },
};

/** Flows saved automatically in this browser can be resumed. */
export const WithDrafts: Story = {
  args: {
    drafts: [
      {
        id: 'standard-lyon',
        name: 'Standard Lyon',
        savedAt: '2026-03-02T08:30:00Z',
        flow: { ...onoff, id: 'standard-lyon', name: 'Standard Lyon' },
      },
    ],
  },
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    await expect(
      page.getByRole('heading', { name: say('Reprendre un brouillon', 'Resume a draft') }),
    ).toBeVisible();
    const start = say('Ouvrir « Standard Lyon », enregistré le', 'Open “Standard Lyon”, saved on');
    await userEvent.click(page.getByRole('button', { name: (name) => name.startsWith(start) }));
    await expect(args.onOpenDraft).toHaveBeenCalledWith(args.drafts![0]);
  },
};
