import type { FlowDocument } from '@ringflow/flow-core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ColorMode } from '@xyflow/react';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  exampleFlow,
  findCanvasNode,
  sayer,
  storyColorMode,
  storyLocale,
} from '../../.storybook/story-kit.js';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { forgetSimulationForms } from '../simulation/remember.js';
import { createFakeServer } from './fake-server.js';
import type { FakeServer, FakeServerOptions } from './fake-server.js';
import { STORY_TOKEN, ServerStoryFrame } from './story-frame.js';

/** The flow of the stories' server: the greeting example under its own id and name. */
const agence: FlowDocument = {
  ...exampleFlow('onoff-greeting'),
  id: 'accueil-agence',
  name: 'Accueil agence',
};
/** Version 2 renamed the welcome step; the draft then added a hang-up step. */
const renamed = exampleFlow('onoff-greeting', (draft) => {
  draft.id = 'accueil-agence';
  draft.name = 'Accueil agence';
  draft.nodes[0]!.label = 'Accueil (hiver)';
});
const withHangup = exampleFlow('onoff-greeting', (draft) => {
  draft.id = 'accueil-agence';
  draft.name = 'Accueil agence';
  draft.nodes[0]!.label = 'Accueil (hiver)';
  draft.nodes.push({ id: 'fin', kind: 'hangup', label: 'Fin', position: { x: 900, y: 600 }, config: {} });
});
const broken = exampleFlow('onoff-greeting', (draft) => {
  draft.id = 'accueil-agence';
  draft.name = 'Accueil agence';
  draft.edges[0]!.target = 'nulle-part';
});

// The server of the story on screen, for play functions that act behind the designer's back.
let shown: FakeServer | undefined;

interface ServerStoryProps {
  readonly serverOptions: FakeServerOptions;
  readonly connected?: boolean;
  readonly locale?: 'fr' | 'en';
  readonly colorMode?: ColorMode;
  readonly onHighlight?: (highlight: CanvasHighlight | null) => void;
}

/** The Server panel beside the canvas, on a fresh fake server, with the example open locally. */
function ServerStory({ serverOptions, ...rest }: ServerStoryProps) {
  const [server] = useState(() => (shown = createFakeServer({ token: STORY_TOKEN, ...serverOptions })));
  return <ServerStoryFrame server={server} flow={exampleFlow('onoff-greeting')} {...rest} />;
}

const meta = {
  title: 'Server/ServerPanel',
  component: ServerStory,
  render: (args, { globals }) => (
    <ServerStory {...args} locale={storyLocale(globals)} colorMode={storyColorMode(globals)} />
  ),
  args: {
    serverOptions: { flows: [{ draft: agence, versions: [agence] }] },
    onHighlight: fn(),
  },
  // Each story starts on the Flows section: the panel remembers its section while the page is open.
  beforeEach: () => forgetSimulationForms(),
} satisfies Meta<typeof ServerStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The panel and the toolbar status of the story, in the toolbar's language. */
function parts(canvasElement: HTMLElement, globals: Readonly<Record<string, unknown>>) {
  const say = sayer(globals);
  const page = within(canvasElement);
  return {
    say,
    page,
    panel: within(page.getByRole('region', { name: say('Serveur', 'Server') })),
    status: within(page.getByRole('group', { name: say('Serveur', 'Server') })),
  };
}

/** Opens "Accueil agence" from the list of the server's flows. */
async function openAgence(canvasElement: HTMLElement, globals: Readonly<Record<string, unknown>>) {
  const { say, panel } = parts(canvasElement, globals);
  await userEvent.click(
    await panel.findByRole('button', { name: say('Ouvrir « Accueil agence »', 'Open “Accueil agence”') }),
  );
  await findCanvasNode(canvasElement, 'boucle-appel');
  return parts(canvasElement, globals);
}

/** Not connected: the panel says what a server brings and connects through the dialog. */
export const NotConnected: Story = {
  args: { connected: false },
  play: async ({ canvasElement, globals }) => {
    const { say, page, panel } = parts(canvasElement, globals);
    await expect(panel.getByText(/Sans serveur|Without a server/)).toBeVisible();
    await userEvent.click(
      panel.getByRole('button', { name: say('Se connecter à un serveur…', 'Connect to a server…') }),
    );
    const dialog = await page.findByRole('dialog', {
      name: say('Se connecter à un serveur', 'Connect to a server'),
    });
    await userEvent.type(
      within(dialog).getByLabelText(say('Adresse du serveur', 'Server address')),
      '127.0.0.1:8300',
    );
    await userEvent.type(within(dialog).getByLabelText(say('Jeton d’accès', 'API token')), STORY_TOKEN);
    await userEvent.click(within(dialog).getByRole('button', { name: say('Se connecter', 'Connect') }));
    await expect(
      await parts(canvasElement, globals).panel.findByRole('table', {
        name: say('Flux du serveur (1)', 'Flows of the server (1)'),
      }),
    ).toBeVisible();
  },
};

/** The server's flows; one opens on the canvas with its draft, and the toolbar says it is saved. */
export const FlowsOfTheServer: Story = {
  play: async ({ canvasElement, globals }) => {
    const { say, panel } = parts(canvasElement, globals);
    const table = await panel.findByRole('table', {
      name: say('Flux du serveur (1)', 'Flows of the server (1)'),
    });
    await expect(within(table).getByText('accueil-agence')).toBeVisible();
    const opened = await openAgence(canvasElement, globals);
    await expect(opened.status.getByText(say(/^Brouillon enregistré à/, /^Draft saved at/))).toBeVisible();
    await expect(opened.panel.getByText(say('ouvert', 'open'))).toBeVisible();
  },
};

/** The versions, newest first; the version in service against the draft, selected on the canvas. */
export const VersionsAndDiff: Story = {
  args: { serverOptions: { flows: [{ draft: withHangup, versions: [agence, renamed] }] } },
  play: async ({ canvasElement, globals }) => {
    const { say, panel } = await openAgence(canvasElement, globals);
    await userEvent.click(panel.getByRole('tab', { name: 'Versions' }));
    const list = await panel.findByRole('list', {
      name: say('Versions publiées (2)', 'Published versions (2)'),
    });
    const items = within(list).getAllByRole('listitem');
    await expect(items[0]).toHaveAttribute('data-version', '2');
    await expect(within(items[0]!).getByText(say('en service', 'in service'))).toBeVisible();
    // Version 2 against the draft (the default): the added hang-up step.
    await userEvent.click(panel.getByRole('button', { name: say('Comparer', 'Compare') }));
    const added = await waitFor(() => {
      const found = canvasElement.querySelector('[data-change="added"][data-id="fin"]');
      if (found === null) throw new Error('no diff yet');
      return found;
    });
    await expect(added.textContent).toContain('Fin');
    await userEvent.click(
      panel.getByRole('button', { name: say('Sélectionner sur le plan (1)', 'Select on the canvas (1)') }),
    );
    const node = await findCanvasNode(canvasElement, 'fin');
    await waitFor(() => expect(node.element.classList.contains('selected')).toBe(true));
  },
};

/** A test call on the server's simulated PBX; chosen in the last calls, its path lights up. */
export const LastCalls: Story = {
  args: {
    serverOptions: {
      flows: [{ draft: agence, versions: [agence] }],
      routes: { '+33536490000': 'accueil-agence' },
    },
  },
  play: async ({ canvasElement, globals, args }) => {
    const { say, panel } = await openAgence(canvasElement, globals);
    await userEvent.click(panel.getByRole('tab', { name: say('Derniers appels', 'Last calls') }));
    await expect(
      await panel.findByText(say('Aucun appel enregistré pour ce flux.', 'No call recorded for this flow.')),
    ).toBeVisible();
    await userEvent.click(panel.getByText(say('Appel de test sur le serveur', 'Test call on the server')));
    const call = await panel.findByRole('button', { name: say('Appeler', 'Call') });
    await waitFor(() =>
      expect(panel.getByLabelText(say('Numéro appelé', 'Number called'))).toHaveValue('+33536490000'),
    );
    await userEvent.click(call);
    const table = await panel.findByRole('table', { name: say('Derniers appels (1)', 'Last calls (1)') });
    await expect(within(table).getByRole('button', { pressed: true })).toBeVisible();
    await waitFor(() =>
      expect(args.onHighlight).toHaveBeenLastCalledWith(
        expect.objectContaining({ path: expect.arrayContaining(['accueil']) }),
      ),
    );
    await expect(panel.getByRole('region', { name: say('Appel mem-1', 'Call mem-1') })).toBeVisible();
  },
};

/** Someone else saved the draft meanwhile: saving asks before replacing it. */
export const Conflict: Story = {
  args: { serverOptions: { flows: [{ draft: renamed, versions: [agence] }] } },
  play: async ({ canvasElement, globals }) => {
    const { say, page, panel, status } = await openAgence(canvasElement, globals);
    // Version 1 taken up as the draft: unsaved changes.
    await userEvent.click(panel.getByRole('tab', { name: 'Versions' }));
    await userEvent.click(
      await panel.findByRole('button', {
        name: say('Reprendre la version 1 comme brouillon', 'Edit version 1 as the draft'),
      }),
    );
    const after = parts(canvasElement, globals);
    await expect(
      await after.status.findByText(say('Modifications non enregistrées', 'Unsaved changes')),
    ).toBeVisible();
    shown?.saveDraftElsewhere({ ...renamed, name: 'Accueil agence (Paul)' });
    await userEvent.click(after.status.getByRole('button', { name: say('Enregistrer', 'Save') }));
    const dialog = await page.findByRole('alertdialog', {
      name: say('Le brouillon a changé sur le serveur', 'The draft changed on the server'),
    });
    await expect(
      within(dialog).getByRole('button', {
        name: say('Remplacer par ma version', 'Replace it with my version'),
      }),
    ).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: say('Annuler', 'Cancel') }));
    await expect(status.getByText(say('Modifications non enregistrées', 'Unsaved changes'))).toBeVisible();
  },
};

/** A flow with errors is refused by the server, with its problems listed. */
export const PublishRefused: Story = {
  args: { serverOptions: { flows: [{ draft: broken }] } },
  play: async ({ canvasElement, globals }) => {
    const { say, page, panel } = await openAgence(canvasElement, globals);
    await userEvent.click(panel.getByRole('button', { name: say('Publier…', 'Publish…') }));
    const dialog = await page.findByRole('dialog', {
      name: say('Publier « Accueil agence »', 'Publish “Accueil agence”'),
    });
    await userEvent.click(within(dialog).getByRole('button', { name: say('Publier', 'Publish') }));
    const alert = await within(dialog).findByRole('alert');
    await expect(alert).toHaveTextContent(say('rien n’a été publié', 'nothing was published'));
    await expect(alert.querySelector('[data-code="edge_unknown_target"]')).not.toBeNull();
  },
};
