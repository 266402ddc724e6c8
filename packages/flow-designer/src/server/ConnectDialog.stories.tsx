import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { DesignerProviders } from '../FlowDesigner.js';
import type { ServerProblem } from './api-client.js';
import { ConnectDialog } from './ConnectDialog.js';

const refused: ServerProblem = {
  kind: 'unauthorized',
  status: 401,
  code: 'unauthorized',
  message: 'The bearer token is not valid.',
  errors: [],
  warnings: [],
  details: undefined,
  requestId: '6f1c2d9e-0b7a-4c55-9d1e-3a2f8b7c6d5e',
};

const meta = {
  title: 'Server/Connect dialog',
  component: ConnectDialog,
  render: (args, { globals }) => (
    <DesignerProviders flow={exampleFlow('onoff-greeting')} locale={storyLocale(globals)}>
      <div style={{ width: 1000, height: 700 }}>
        <ConnectDialog {...args} />
      </div>
    </DesignerProviders>
  ),
  args: { url: '', onConnect: fn(async (): Promise<ServerProblem | null> => null), onClose: fn() },
} satisfies Meta<typeof ConnectDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing typed yet: the address field has the focus; an empty form says what is missing. */
export const Empty: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    const dialog = page.getByRole('dialog', {
      name: say('Se connecter à un serveur', 'Connect to a server'),
    });
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    const url = page.getByLabelText(say('Adresse du serveur', 'Server address'));
    await waitFor(() => expect(url).toHaveFocus());
    await userEvent.click(page.getByRole('button', { name: say('Se connecter', 'Connect') }));
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabelText(say('Jeton d’accès', 'API token'))).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(args.onConnect).not.toHaveBeenCalled();
    await userEvent.keyboard('{Escape}');
    await expect(args.onClose).toHaveBeenCalledTimes(1);
  },
};

/** Opened from `?server=`: the token field has the focus; the token stays in this tab unless asked. */
export const FromTheAddress: Story = {
  args: { url: 'http://127.0.0.1:8300' },
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    const token = page.getByLabelText(say('Jeton d’accès', 'API token'));
    await waitFor(() => expect(token).toHaveFocus());
    await expect(token).toHaveAttribute('type', 'password');
    await userEvent.type(token, 'rf_2hQm6y1wS0q0b8Hc3E0n2l4dKJ3sVqk7Jd8l0xM9pZQ');
    await userEvent.click(
      page.getByLabelText(say('Se souvenir de moi sur cet appareil', 'Remember me on this device')),
    );
    await expect(
      page.getByText(say(/À éviter sur un poste partagé/, /Avoid on a shared computer/)),
    ).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: say('Se connecter', 'Connect') }));
    await expect(args.onConnect).toHaveBeenCalledWith(
      'http://127.0.0.1:8300',
      'rf_2hQm6y1wS0q0b8Hc3E0n2l4dKJ3sVqk7Jd8l0xM9pZQ',
      true,
    );
  },
};

/** The server refused the token: the dialog says so and what to do, with the request id for support. */
export const TokenRefused: Story = {
  args: { url: 'http://127.0.0.1:8300', onConnect: fn(async () => refused) },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    await userEvent.type(
      page.getByLabelText(say('Jeton d’accès', 'API token')),
      'rf_wrong-token-0123456789abcdef',
    );
    await userEvent.click(page.getByRole('button', { name: say('Se connecter', 'Connect') }));
    const alert = await page.findByRole('alert');
    await expect(alert).toHaveTextContent(
      say('Le serveur refuse ce jeton.', 'The server refuses this token.'),
    );
    await userEvent.click(
      within(alert).getByText(
        say('Détail pour l’administrateur du serveur', 'Details for the server’s administrator'),
      ),
    );
    await expect(within(alert).getByText(/6f1c2d9e/)).toBeVisible();
  },
};

/** Another machine over plain http: the token would travel in clear, and the dialog warns. */
export const Unencrypted: Story = {
  args: { url: 'http://192.168.1.20:8300' },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    await expect(
      within(canvasElement).getByText(say(/Connexion non chiffrée/, /Unencrypted connection/)),
    ).toBeVisible();
  },
};
