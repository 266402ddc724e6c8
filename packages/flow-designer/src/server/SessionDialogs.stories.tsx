import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { DesignerProviders } from '../FlowDesigner.js';
import { ConflictDialog, CreateDialog, UnsavedDialog } from './SessionDialogs.js';

const onoff = exampleFlow('onoff-greeting');

/** The three dialogs of a session, one per story. */
function SessionDialog({
  which,
  locale,
  onCreate,
  onChoose,
  onContinue,
  onClose,
}: {
  readonly which: 'create' | 'conflict' | 'unsaved';
  readonly locale?: 'fr' | 'en';
  readonly onCreate: Parameters<typeof CreateDialog>[0]['onCreate'];
  readonly onChoose: (choice: 'mine' | 'theirs') => void;
  readonly onContinue: () => void;
  readonly onClose: () => void;
}) {
  return (
    <DesignerProviders flow={onoff} locale={locale}>
      <div style={{ width: 1000, height: 700 }}>
        {which === 'create' && (
          <CreateDialog
            flow={onoff}
            url="http://127.0.0.1:8300"
            onCreate={onCreate}
            onOpenExisting={onContinue}
            onClose={onClose}
          />
        )}
        {which === 'conflict' && (
          <ConflictDialog
            flowId="accueil-agence"
            server={{
              flowId: 'accueil-agence',
              name: 'Accueil agence',
              savedAt: '2026-11-23T10:42:00.000Z',
              sha256: 'd'.repeat(64),
            }}
            onChoose={onChoose}
            onClose={onClose}
          />
        )}
        {which === 'unsaved' && (
          <UnsavedDialog
            flowName="Accueil agence"
            onSave={async () => true}
            onContinue={onContinue}
            onClose={onClose}
          />
        )}
      </div>
    </DesignerProviders>
  );
}

const meta = {
  title: 'Server/Session dialogs',
  component: SessionDialog,
  render: (args, { globals }) => <SessionDialog {...args} locale={storyLocale(globals)} />,
  args: {
    which: 'create',
    onCreate: fn(async () => ({ ok: false as const, exists: true as const })),
    onChoose: fn(),
    onContinue: fn(),
    onClose: fn(),
  },
} satisfies Meta<typeof SessionDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Creating the open flow on the server: an id already taken there is refused, with a way to open it. */
export const CreateOnServer: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    const id = page.getByLabelText(say('Identifiant sur le serveur', 'Id on the server'));
    await expect(id).toHaveValue('onoff-greeting');
    await userEvent.clear(id);
    await userEvent.type(id, '1 agence');
    await userEvent.click(page.getByRole('button', { name: say('Créer', 'Create') }));
    await expect(id).toHaveAttribute('aria-invalid', 'true');
    await expect(args.onCreate).not.toHaveBeenCalled();
    await userEvent.clear(id);
    await userEvent.type(id, 'accueil-agence');
    await userEvent.click(page.getByRole('button', { name: say('Créer', 'Create') }));
    await expect(args.onCreate).toHaveBeenCalledWith('accueil-agence', onoff.name);
    const alert = await page.findByRole('alert');
    await userEvent.click(
      within(alert).getByRole('button', {
        name: say('Ouvrir « accueil-agence » du serveur', 'Open “accueil-agence” of the server'),
      }),
    );
    await expect(args.onContinue).toHaveBeenCalledTimes(1);
  },
};

/** Someone else saved the draft: replacing it is the choice in focus, loading theirs the other. */
export const Conflict: Story = {
  args: { which: 'conflict' },
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    const dialog = page.getByRole('alertdialog', {
      name: say('Le brouillon a changé sur le serveur', 'The draft changed on the server'),
    });
    const mine = within(dialog).getByRole('button', {
      name: say('Remplacer par ma version', 'Replace it with my version'),
    });
    await waitFor(() => expect(mine).toHaveFocus());
    await userEvent.click(
      within(dialog).getByRole('button', {
        name: say('Charger la version du serveur', 'Load the server’s version'),
      }),
    );
    await expect(args.onChoose).toHaveBeenCalledWith('theirs');
  },
};

/** Opening another flow with unsaved changes: save first, go on without saving, or stay. */
export const UnsavedChanges: Story = {
  args: { which: 'unsaved' },
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    await expect(
      page.getByText(say(/pas enregistrées sur le serveur/, /not saved on the server/)),
    ).toBeVisible();
    await userEvent.click(
      page.getByRole('button', { name: say('Enregistrer puis continuer', 'Save, then go on') }),
    );
    await waitFor(() => expect(args.onContinue).toHaveBeenCalledTimes(1));
  },
};
