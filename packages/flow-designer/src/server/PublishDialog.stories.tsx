import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { exampleFlow, flowWithProblems, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { DesignerProviders } from '../FlowDesigner.js';
import { createMemoryStorage } from '../io/memory-storage.js';
import type { ServerProblem } from './api-client.js';
import { PublishDialog } from './PublishDialog.js';

const onoff = exampleFlow('onoff-greeting');

const refused: ServerProblem = {
  kind: 'invalid',
  status: 422,
  code: 'flow_invalid',
  message: 'The flow has 1 validation error; nothing was published.',
  errors: [
    {
      code: 'edge_unknown_target',
      severity: 'error',
      message: 'Edge "e1" leads to "nowhere", which is not a node.',
      edgeId: 'e1',
      params: { edgeId: 'e1', node: 'nowhere' },
    },
  ],
  warnings: [],
  details: undefined,
  requestId: 'req-42',
};

const meta = {
  title: 'Server/Publish dialog',
  component: PublishDialog,
  render: (args, { globals }) => (
    <DesignerProviders flow={args.flow} locale={storyLocale(globals)}>
      <div style={{ width: 1000, height: 700 }}>
        <PublishDialog {...args} />
      </div>
    </DesignerProviders>
  ),
  args: {
    flow: onoff,
    url: 'http://127.0.0.1:8300',
    storage: createMemoryStorage(),
    onSubmit: fn(async (): Promise<ServerProblem | null> => null),
    onClose: fn(),
  },
} satisfies Meta<typeof PublishDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Publishing the draft: who and why, sent with the publish; the comment has the focus. */
export const Publish: Story = {
  args: { dirty: true },
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    await expect(page.getByText(say(/d’abord enregistrées/, /saved to the draft first/))).toBeVisible();
    const comment = page.getByLabelText(say('Commentaire', 'Comment'));
    await waitFor(() => expect(comment).toHaveFocus());
    await userEvent.type(comment, 'Horaires d’hiver');
    await userEvent.type(page.getByLabelText(say('Publié par', 'Published by')), 'Camille Roux');
    await userEvent.click(page.getByRole('button', { name: say('Publier', 'Publish') }));
    await expect(args.onSubmit).toHaveBeenCalledWith({ author: 'Camille Roux', comment: 'Horaires d’hiver' });
  },
};

/** A flow with errors: they are listed before anything is sent, and the server's refusal after. */
export const RefusedForErrors: Story = {
  args: { flow: flowWithProblems(), onSubmit: fn(async () => refused) },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    await expect(
      page.getByText(say(/le serveur refusera de le publier/, /the server will refuse to publish it/)),
    ).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: say('Publier', 'Publish') }));
    const alert = await page.findByRole('alert');
    await expect(alert).toHaveTextContent(say('rien n’a été publié', 'nothing was published'));
    await expect(alert.querySelector('[data-code="edge_unknown_target"]')).not.toBeNull();
  },
};

/** Rolling back: the older version's content is published again, with a comment ready. */
export const Rollback: Story = {
  args: {
    rollbackTo: {
      flowId: 'onoff-greeting',
      version: 3,
      name: onoff.name,
      publishedAt: '2026-11-20T08:15:00.000Z',
      author: 'Camille Roux',
      comment: null,
      rollbackOf: null,
      sha256: 'c'.repeat(64),
    },
  },
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    await expect(
      page.getByRole('dialog', { name: say('Revenir à la version 3', 'Back to version 3') }),
    ).toBeVisible();
    await expect(page.getByLabelText(say('Commentaire', 'Comment'))).toHaveValue(
      say('Retour à la version 3', 'Back to version 3'),
    );
    await userEvent.click(
      page.getByRole('button', { name: say('Revenir à la version 3', 'Back to version 3') }),
    );
    await expect(args.onSubmit).toHaveBeenCalledTimes(1);
  },
};
