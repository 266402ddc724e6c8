import type { FlowDocument } from '@ringflow/flow-core';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { produce } from 'immer';
import { beforeEach, describe, expect, it } from 'vitest';
import { canvasNode, sidePanel } from '../../test/render.js';
import { App } from '../app/App.js';
import { EXAMPLES } from '../app/examples.js';
import { createMemoryStorage } from '../io/memory-storage.js';
import { forgetSimulationForms } from '../simulation/remember.js';
import { CONNECTION_KEY } from './connection.js';
import type { ConnectionStorages } from './connection.js';
import { createFakeServer } from './fake-server.js';
import type { FakeServer } from './fake-server.js';

/*
 * The app connected to a server, in jsdom, against the in-memory server of fake-server.ts. The
 * real server is driven end to end in e2e/server.e2e.test.ts.
 */

// Panels and dialogs are loaded on first use; on a busy machine that takes more than a second.
configure({ asyncUtilTimeout: 5000 });

const TOKEN = 'rf_test-token-0123456789abcdefghijklmnop';
const SERVER = 'http://127.0.0.1:8300';
const onoff = EXAMPLES.find((e) => e.folder === 'onoff-greeting')!.flow;
/** The flow the server has: the greeting example under its own id, so no local autosave mixes in. */
const agence: FlowDocument = { ...onoff, id: 'accueil-agence', name: 'Accueil agence' };

function setup({ search = `?server=${SERVER}`, server }: { search?: string; server?: FakeServer } = {}) {
  const fake = server ?? createFakeServer({ token: TOKEN, flows: [{ draft: agence, versions: [agence] }] });
  const storages: ConnectionStorages = { session: createMemoryStorage(), local: createMemoryStorage() };
  window.history.replaceState(null, '', `/${search}`);
  const view = render(
    <App
      examples={EXAMPLES}
      search={search}
      storage={createMemoryStorage()}
      autosaveDelayMs={10}
      server={{ storages, createClient: fake.clientFor }}
    />,
  );
  return { ...view, fake, storages };
}

/** Connects through the dialog `?server=` opened. */
async function connect(token = TOKEN) {
  const dialog = await screen.findByRole('dialog', { name: 'Se connecter à un serveur' });
  fireEvent.change(within(dialog).getByLabelText('Jeton d’accès'), { target: { value: token } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Se connecter' }));
  return dialog;
}

const status = () => within(screen.getByRole('group', { name: 'Serveur' }));
const hasNode = (container: HTMLElement, id: string) =>
  container.querySelector(`.react-flow__node[data-id="${id}"]`) !== null;

/** The requests about one flow (the list of flows is read again after each change). */
const ofFlow = (fake: FakeServer, id = 'accueil-agence') => fake.requests.filter((r) => r.includes(`/${id}`));

/** Opens the server's flow `name` from the Server tab's list. */
async function openFromServer(name: string) {
  const panel = await sidePanel('Serveur');
  fireEvent.click(await panel.findByRole('tab', { name: 'Flux' }));
  fireEvent.click(await panel.findByRole('button', { name: `Ouvrir « ${name} »` }));
  await screen.findByText(`Brouillon de « ${name} » ouvert depuis le serveur.`);
}

describe('the designer connected to a server', { timeout: 30_000 }, () => {
  // Panels remember their section and chosen call while the page is open; each test is a new page.
  beforeEach(() => forgetSimulationForms());

  it('connects from ?server= with the token, refusing a wrong one, and keeps the token out of the address', async () => {
    const { storages, fake } = setup();
    const dialog = await connect('rf_wrong-token-0123456789abcdefghijk');
    expect(await within(dialog).findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('Le serveur refuse ce jeton.'),
    );
    // The URL came from the address; the token field has the focus for the next try.
    expect(within(dialog).getByLabelText('Adresse du serveur')).toHaveProperty('value', SERVER);
    await connect();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(status().getByText('Connecté à 127.0.0.1:8300')).toBeTruthy();
    // Kept for this tab only, never in the address.
    expect(storages.session!.getItem(CONNECTION_KEY)).toContain(TOKEN);
    expect(storages.local!.getItem(CONNECTION_KEY)).toBeNull();
    expect(window.location.href).not.toContain(TOKEN);
    expect(new URL(window.location.href).searchParams.get('server')).toBe(SERVER);
    expect(fake.requests).toEqual(['GET /v1/flows', 'GET /v1/flows']);
    // Disconnecting forgets it.
    fireEvent.click(status().getByRole('button', { name: 'Se déconnecter' }));
    expect(storages.session!.getItem(CONNECTION_KEY)).toBeNull();
    expect(status().getByRole('button', { name: 'Se connecter à un serveur…' })).toBeTruthy();
  });

  it('reconnects by itself with the token kept for this tab, and remembers it on the device when asked', async () => {
    const fake = createFakeServer({ token: TOKEN, flows: [{ draft: agence }] });
    const first = setup({ server: fake });
    const dialog = await screen.findByRole('dialog', { name: 'Se connecter à un serveur' });
    fireEvent.click(within(dialog).getByLabelText('Se souvenir de moi sur cet appareil'));
    await connect();
    await waitFor(() => expect(first.storages.local!.getItem(CONNECTION_KEY)).toContain(TOKEN));
    expect(first.storages.session!.getItem(CONNECTION_KEY)).toBeNull();
    first.unmount();
    // A new page on the same device: no dialog, connected at once.
    render(
      <App
        examples={EXAMPLES}
        search=""
        storage={createMemoryStorage()}
        server={{ storages: first.storages, createClient: fake.clientFor }}
      />,
    );
    expect(await status().findByText('Connecté à 127.0.0.1:8300')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says why a server cannot be reached, with the --cors-origin to give it', async () => {
    setup({ server: createFakeServer({ down: 'network' }) });
    const dialog = await connect();
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Impossible de joindre 127.0.0.1:8300');
    expect(alert.textContent).toContain(`--cors-origin ${window.location.origin}`);
  });

  it('opens a server flow, marks unsaved changes, saves them with Ctrl+S, publishes and lists the version', async () => {
    const { container, fake } = setup();
    await connect();
    await openFromServer('Accueil agence');
    expect(hasNode(container, 'boucle-appel')).toBe(true);
    expect(new URL(window.location.href).searchParams.get('serverFlow')).toBe('accueil-agence');
    expect(status().getByText(/^Brouillon enregistré à/)).toBeTruthy();
    // The Server panel stays in front on the new canvas.
    expect(screen.getByRole('tab', { name: 'Serveur' }).getAttribute('aria-selected')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Ajouter : Raccrocher' }));
    expect(status().getByText('Modifications non enregistrées')).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 's', ctrlKey: true });
    expect(await screen.findByText(/^Brouillon enregistré sur le serveur/)).toBeTruthy();
    expect(status().queryByText('Modifications non enregistrées')).toBeNull();
    // The draft on the server is checked first (conflicts), then replaced.
    expect(ofFlow(fake).slice(-2)).toEqual([
      'GET /v1/flows/accueil-agence',
      'PUT /v1/flows/accueil-agence/draft',
    ]);

    const panel = await sidePanel('Serveur');
    fireEvent.click(panel.getByRole('button', { name: 'Publier…' }));
    const publish = await screen.findByRole('dialog', { name: 'Publier « Accueil agence »' });
    fireEvent.change(within(publish).getByLabelText('Publié par'), { target: { value: 'Camille Roux' } });
    fireEvent.change(within(publish).getByLabelText('Commentaire'), {
      target: { value: 'Annonce des congés' },
    });
    fireEvent.click(within(publish).getByRole('button', { name: 'Publier' }));
    expect(await screen.findByText(/^Version 2 publiée/)).toBeTruthy();
    expect(ofFlow(fake).at(-1)).toBe('POST /v1/flows/accueil-agence/publish');

    fireEvent.click(panel.getByRole('tab', { name: 'Versions' }));
    const latest = await panel.findByText('Annonce des congés');
    const item = latest.closest('li')!;
    expect(item.getAttribute('data-version')).toBe('2');
    expect(within(item).getByText('Camille Roux')).toBeTruthy();
    expect(within(item).getByText('en service')).toBeTruthy();

    // Back to version 1: published again as version 3, which says where it comes from.
    fireEvent.click(panel.getByRole('button', { name: 'Revenir à la version 1…' }));
    const rollback = await screen.findByRole('dialog', { name: 'Revenir à la version 1' });
    expect(within(rollback).getByLabelText('Publié par')).toHaveProperty('value', 'Camille Roux');
    fireEvent.click(within(rollback).getByRole('button', { name: 'Revenir à la version 1' }));
    expect(await screen.findByText(/^Version 3 publiée avec le contenu de la version 1/)).toBeTruthy();
    expect(await panel.findByText('Retour au contenu de la version 1.')).toBeTruthy();
    expect(ofFlow(fake).at(-2)).toBe('POST /v1/flows/accueil-agence/rollback');
  });

  it('saves unsaved changes before publishing them, and publishes exactly that draft', async () => {
    const { fake } = setup();
    await connect();
    await openFromServer('Accueil agence');
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter : Raccrocher' }));
    const panel = await sidePanel('Serveur');
    fireEvent.click(panel.getByRole('button', { name: 'Publier…' }));
    const publish = await screen.findByRole('dialog', { name: 'Publier « Accueil agence »' });
    expect(
      within(publish).getByText('Vos modifications sont d’abord enregistrées dans le brouillon.'),
    ).toBeTruthy();
    fireEvent.click(within(publish).getByRole('button', { name: 'Publier' }));
    expect(await screen.findByText(/^Version 2 publiée/)).toBeTruthy();
    expect(ofFlow(fake).slice(-3)).toEqual([
      'GET /v1/flows/accueil-agence',
      'PUT /v1/flows/accueil-agence/draft',
      'POST /v1/flows/accueil-agence/publish',
    ]);
    expect(status().queryByText('Modifications non enregistrées')).toBeNull();
  });

  it('asks before overwriting a draft someone else saved meanwhile', async () => {
    const { fake } = setup();
    await connect();
    await openFromServer('Accueil agence');
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter : Raccrocher' }));
    fake.saveDraftElsewhere({ ...agence, name: 'Accueil agence (Paul)' });
    fireEvent.click(status().getByRole('button', { name: 'Enregistrer' }));
    const conflict = await screen.findByRole('alertdialog', { name: 'Le brouillon a changé sur le serveur' });
    expect(ofFlow(fake).at(-1)).toBe('GET /v1/flows/accueil-agence');
    fireEvent.click(within(conflict).getByRole('button', { name: 'Remplacer par ma version' }));
    expect(await screen.findByText(/^Brouillon enregistré sur le serveur/)).toBeTruthy();
    expect(ofFlow(fake).at(-1)).toBe('PUT /v1/flows/accueil-agence/draft');
  });

  it('refuses to publish a flow with errors and lists them in French', async () => {
    const broken = produce(agence, (draft) => {
      draft.edges[0]!.target = 'nulle-part';
    });
    const { fake } = setup({ server: createFakeServer({ token: TOKEN, flows: [{ draft: broken }] }) });
    await connect();
    await openFromServer('Accueil agence');
    const panel = await sidePanel('Serveur');
    // The server's flow-core finds the error too, on the node it is about.
    fireEvent.click(panel.getByRole('button', { name: 'Valider sur le serveur' }));
    expect(await panel.findByText(/^Le serveur trouve 1 erreur\(s\)/)).toBeTruthy();
    expect(panel.getByRole('button', { name: 'Voir « Message d’accueil »' })).toBeTruthy();
    fireEvent.click(panel.getByRole('button', { name: 'Publier…' }));
    const publish = await screen.findByRole('dialog', { name: 'Publier « Accueil agence »' });
    // The designer says so before anything is sent...
    expect(within(publish).getByText(/le serveur refusera de le publier/)).toBeTruthy();
    fireEvent.click(within(publish).getByRole('button', { name: 'Publier' }));
    // ... and the server's refusal lists the problems, in the designer's language.
    const alert = await within(publish).findByRole('alert');
    expect(alert.textContent).toContain('rien n’a été publié');
    expect(alert.querySelector('[data-code="edge_unknown_target"]')?.textContent).toContain('nulle-part');
    expect(fake.requests.filter((r) => r.endsWith('/publish'))).toHaveLength(1);
  });

  it('creates the open flow on the server, refusing an id that is taken', async () => {
    const { fake } = setup({ search: `?example=onoff-greeting&server=${SERVER}` });
    await connect();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.click(status().getByRole('button', { name: 'Créer sur le serveur…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Créer sur le serveur' });
    const id = within(dialog).getByLabelText('Identifiant sur le serveur');
    fireEvent.change(id, { target: { value: 'accueil-agence' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Créer' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'Le serveur a déjà un flux « accueil-agence »',
    );
    fireEvent.change(id, { target: { value: '2 agences' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Créer' }));
    expect(id.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(id, { target: { value: 'greeting-quais' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Créer' }));
    expect(
      await screen.findByText('Le flux « greeting-quais » est créé sur le serveur, avec ce brouillon.'),
    ).toBeTruthy();
    expect(fake.requests).toContain('PUT /v1/flows/greeting-quais/draft');
    expect(status().getByText(/^Brouillon enregistré à/)).toBeTruthy();
  });

  it('shows the last calls of the flow and lights the chosen one’s path up on the canvas', async () => {
    const fake = createFakeServer({
      token: TOKEN,
      flows: [{ draft: agence, versions: [agence] }],
      routes: { '+33180000000': 'accueil-agence' },
    });
    const { container } = setup({ server: fake });
    await connect();
    await openFromServer('Accueil agence');
    const panel = await sidePanel('Serveur');
    fireEvent.click(panel.getByRole('tab', { name: 'Derniers appels' }));
    expect(await panel.findByText('Aucun appel enregistré pour ce flux.')).toBeTruthy();
    // A test call on the server's simulated PBX, on the number routed to this flow.
    fireEvent.click(panel.getByText('Appel de test sur le serveur'));
    const call = await panel.findByRole('button', { name: 'Appeler' });
    await waitFor(() =>
      expect(panel.getByLabelText('Numéro appelé')).toHaveProperty('value', '+33180000000'),
    );
    fireEvent.click(call);
    const table = await panel.findByRole('table', { name: /^Derniers appels/ });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.querySelector('[data-outcome]')).not.toBeNull();
    // The new call is chosen: its path is on the canvas and its timeline in the panel.
    await waitFor(() =>
      expect(canvasNode(container, 'accueil').element.classList.contains('rf-node-visited')).toBe(true),
    );
    expect(within(row).getByRole('button', { pressed: true })).toBeTruthy();
    expect(panel.getByRole('region', { name: 'Appel mem-1' })).toBeTruthy();
    // Choosing it again clears the canvas.
    fireEvent.click(within(row).getByRole('button', { pressed: true }));
    await waitFor(() =>
      expect(canvasNode(container, 'accueil').element.classList.contains('rf-node-visited')).toBe(false),
    );
  });
});
