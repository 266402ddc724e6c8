import { serializeFlow, validateFlowText } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { produce } from 'immer';
import { describe, expect, it, vi } from 'vitest';
import { canvasNode, sidePanel } from '../../test/render.js';
import { AUTOSAVE_KEY_PREFIX, loadSavedFlow, saveFlow } from '../io/autosave.js';
import { createMemoryStorage } from '../io/memory-storage.js';
import { App } from './App.js';
import { EXAMPLES } from './examples.js';

const onoff = EXAMPLES.find((e) => e.folder === 'onoff-greeting')!.flow;

function renderApp(search: string, storage: Storage = createMemoryStorage()) {
  const saveFile = vi.fn<(fileName: string, text: string) => void>();
  const view = render(
    <App examples={EXAMPLES} search={search} storage={storage} autosaveDelayMs={10} saveFile={saveFile} />,
  );
  return { ...view, storage, saveFile };
}

const hasNode = (container: HTMLElement, id: string) =>
  container.querySelector(`.react-flow__node[data-id="${id}"]`) !== null;

function fileInput(container: HTMLElement): HTMLInputElement {
  return container.querySelector<HTMLInputElement>('input[type="file"]')!;
}

function chooseFile(container: HTMLElement, text: string, name = 'flow.json') {
  fireEvent.change(fileInput(container), {
    target: { files: [new File([text], name, { type: 'application/json' })] },
  });
}

// The whole designer renders in each test: slow in jsdom on a busy machine.
describe('App', { timeout: 30_000 }, () => {
  it('loads every example flow of the repository', async () => {
    expect(EXAMPLES.map((e) => e.folder)).toEqual([
      'evatel-receptionist',
      'goto-dial-plan',
      'onoff-greeting',
      'ringover-standard',
    ]);
  });

  it('opens the example named by ?example=, in French by default', async () => {
    const { container } = renderApp('?example=onoff-greeting');
    expect(hasNode(container, 'boucle-appel')).toBe(true);
    expect(screen.getByText('ringflow – concepteur de flux')).toBeTruthy();
  });

  it('speaks English with ?lang=en', async () => {
    renderApp('?example=goto-dial-plan&lang=en');
    expect(screen.getByText('ringflow – flow designer')).toBeTruthy();
    expect(screen.getAllByText('Business hours').length).toBeGreaterThan(0);
    const file = within(screen.getByRole('group', { name: 'File' }));
    expect(file.getByRole('button', { name: 'New' })).toBeTruthy();
    expect(file.getByRole('button', { name: 'Import' })).toBeTruthy();
    expect(file.getByRole('button', { name: 'Export' })).toBeTruthy();
  });

  it('opens the start dialog with New; Escape closes it and gives the focus back', async () => {
    const { container } = renderApp('?example=onoff-greeting');
    const newButton = screen.getByRole('button', { name: 'Nouveau' });
    newButton.focus();
    fireEvent.click(newButton);
    const dialog = screen.getByRole('dialog', { name: 'Nouveau flux' });
    // The rest of the page is inert while the dialog is open.
    expect(container.querySelector('header')!.hasAttribute('inert')).toBe(true);
    expect(container.querySelector('main')!.hasAttribute('inert')).toBe(true);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(container.querySelector('header')!.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(newButton);
  });

  it('creates a blank flow, saves it, and can reopen the flow open before', async () => {
    const { container, storage } = renderApp('?example=onoff-greeting');
    fireEvent.click(screen.getByRole('button', { name: 'Nouveau' }));
    fireEvent.change(screen.getByLabelText('Nom du nouveau flux'), { target: { value: 'Standard Lyon' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer un flux vierge' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(container.querySelectorAll('.react-flow__node')).toHaveLength(0);
    expect(new URL(window.location.href).searchParams.get('flow')).toBe('standard-lyon');
    expect(loadSavedFlow(storage, 'standard-lyon')?.name).toBe('Standard Lyon');
    expect(screen.getByRole('status').textContent).toContain('« Standard Lyon » est ouvert.');

    fireEvent.click(screen.getByRole('button', { name: 'Rouvrir « Greeting – Immobilière des Quais »' }));
    expect(hasNode(container, 'boucle-appel')).toBe(true);
    expect(new URL(window.location.href).searchParams.get('example')).toBe('onoff-greeting');
  });

  it('creates a greeting flow with the quick form, clean in the Problems panel', async () => {
    const { container, storage } = renderApp('?example=onoff-greeting');
    fireEvent.click(screen.getByRole('button', { name: 'Nouveau' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remplir le formulaire d’accueil' }));
    fireEvent.change(await screen.findByLabelText('Nom du flux'), { target: { value: 'Cabinet Martin' } });
    fireEvent.change(screen.getByLabelText('Nom de l’utilisateur 1'), { target: { value: 'Claire Martin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le flux' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    for (const id of ['accueil', 'horaires', 'sonnerie', 'messagerie', 'ferme'])
      expect(hasNode(container, id)).toBe(true);
    expect((await sidePanel('Problèmes')).getByText('Aucun problème : le flux est valide.')).toBeTruthy();
    expect(loadSavedFlow(storage, 'cabinet-martin')?.flow.agents).toEqual([
      { id: 'claire-martin', name: 'Claire Martin' },
    ]);
  });

  it('refuses a broken file, lists every problem with its place, and keeps the open flow', async () => {
    const { container } = renderApp('?example=onoff-greeting');
    const broken = serializeFlow(onoff)
      .replace('"timezone": "Europe/Paris"', '"timezone": 7')
      .replace('"ringSeconds": 15', '"ringSeconds": "quinze"')
      .replace('"kind": "hangup"', '"kind": "teleport"');
    chooseFile(container, broken, 'casse.json');
    const dialog = await screen.findByRole('alertdialog', { name: 'Import impossible' });
    expect(dialog.textContent).toContain('« casse.json » n’est pas un flux ringflow utilisable.');
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-code')).sort()).toEqual([
      'invalid_type',
      'invalid_type',
      'unknown_kind',
    ]);
    for (const row of rows) expect(row.textContent).toMatch(/ligne \d+, colonne \d+/);
    expect(within(dialog).getByText('timezone')).toBeTruthy();
    // Nothing was replaced.
    expect(hasNode(container, 'boucle-appel')).toBe(true);
    // The dialog's own close button (×) and the Close button at its foot are both named Fermer.
    fireEvent.click(within(dialog).getAllByRole('button', { name: 'Fermer' }).at(-1)!);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('refuses a file that is not JSON, at its line and column, in the language of the page', async () => {
    const { container } = renderApp('?example=onoff-greeting&lang=en');
    chooseFile(container, '{\n  "format": "ringflow.flow/v1",\n  oops\n}', 'notes.json');
    const dialog = await screen.findByRole('alertdialog', { name: 'Import refused' });
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.getAttribute('data-code')).toBe('invalid_json');
    expect(rows[0]!.textContent).toContain('line 3, column 3');
    expect(hasNode(container, 'boucle-appel')).toBe(true);
  });

  it('imports a valid file in place of the open flow; its warnings show in the Problems panel', async () => {
    const { container, storage } = renderApp('?example=goto-dial-plan');
    const imported = produce(onoff, (draft) => {
      draft.id = 'agence';
      draft.edges = draft.edges.filter((edge) => edge.id !== 'e5');
    });
    chooseFile(container, serializeFlow(imported), 'agence.json');
    await waitFor(() => expect(hasNode(container, 'boucle-appel')).toBe(true));
    expect(screen.getByRole('status').textContent).toContain(
      '« agence.json » importé : 0 erreur(s), 1 avertissement(s)',
    );
    expect((await sidePanel('Problèmes')).element.querySelector('[data-code="unwired_port"]')).not.toBeNull();
    expect(loadSavedFlow(storage, 'agence')?.flow).toEqual(imported);
    expect(new URL(window.location.href).searchParams.get('flow')).toBe('agence');
  });

  it('imports a file dropped on the page', async () => {
    const { container } = renderApp('?example=goto-dial-plan');
    const file = new File([serializeFlow(onoff)], 'onoff.json', { type: 'application/json' });
    const app = container.querySelector('.rf-app')!;
    fireEvent.dragOver(app, { dataTransfer: { types: ['Files'], files: [file] } });
    expect(screen.getByText('Déposez le fichier .json pour l’importer')).toBeTruthy();
    fireEvent.drop(app, { dataTransfer: { types: ['Files'], files: [file] } });
    await waitFor(() => expect(hasNode(container, 'boucle-appel')).toBe(true));
    expect(screen.queryByText('Déposez le fichier .json pour l’importer')).toBeNull();
  });

  it('makes no request without a server, and offers to connect to one', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    try {
      const { container } = renderApp('?example=onoff-greeting');
      await sidePanel('Problèmes');
      expect(hasNode(container, 'boucle-appel')).toBe(true);
      const server = within(screen.getByRole('group', { name: 'Serveur' }));
      expect(server.getByRole('button', { name: 'Se connecter à un serveur…' })).toBeTruthy();
      // The Server tab explains what a server brings, and still asks nothing of the network.
      const panel = await sidePanel('Serveur');
      expect(panel.getByText(/Sans serveur, le concepteur fonctionne seul/)).toBeTruthy();
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      fetch.mockRestore();
    }
  });

  it('exports the open flow as `<id>.json` in canonical form', async () => {
    const { saveFile } = renderApp('?example=onoff-greeting');
    fireEvent.click(screen.getByRole('button', { name: 'Exporter' }));
    expect(saveFile).toHaveBeenCalledTimes(1);
    const [fileName, text] = saveFile.mock.lastCall!;
    expect(fileName).toBe('onoff-greeting.json');
    expect(text).toBe(serializeFlow(onoff));
    expect(validateFlowText(text).errors).toEqual([]);
    expect(screen.getByRole('status').textContent).toContain('Flux exporté dans onoff-greeting.json.');
  });

  it('saves edits automatically and offers them back after a reload', async () => {
    const storage = createMemoryStorage();
    const first = renderApp('?example=onoff-greeting', storage);
    const node = canvasNode(first.container, 'accueil').element;
    fireEvent.click(node);
    fireEvent.keyDown(node, { key: 'ArrowRight' });
    await waitFor(() => expect(loadSavedFlow(storage, 'onoff-greeting')).toBeDefined());
    const moved = loadSavedFlow(storage, 'onoff-greeting')!.flow.nodes.find(
      (n) => n.id === 'accueil',
    )!.position;
    expect(moved.x).toBeGreaterThan(0);
    expect(screen.getByText(/^Enregistré automatiquement à/)).toBeTruthy();
    first.unmount();

    // The page is loaded again: the example opens as it is, with the offer of the saved version.
    const second = renderApp('?example=onoff-greeting', storage);
    const banner = screen.getByRole('region', { name: 'Version enregistrée automatiquement' });
    expect(banner.textContent).toContain(
      'Une version de « Greeting – Immobilière des Quais » enregistrée automatiquement',
    );
    const position = () => canvasNode(second.container, 'accueil').element.style.transform;
    const original = position();
    fireEvent.click(within(banner).getByRole('button', { name: 'Récupérer cette version' }));
    expect(screen.queryByRole('region', { name: 'Version enregistrée automatiquement' })).toBeNull();
    expect(position()).not.toBe(original);
    expect(new URL(window.location.href).searchParams.get('flow')).toBe('onoff-greeting');
    second.unmount();

    // A saved flow opens from its address with no question.
    const third = renderApp('?flow=onoff-greeting', storage);
    expect(screen.queryByRole('region', { name: 'Version enregistrée automatiquement' })).toBeNull();
    expect(canvasNode(third.container, 'accueil').element.style.transform).not.toBe(original);
  });

  it('deletes the saved version when the admin ignores it', async () => {
    const storage = createMemoryStorage();
    saveFlow(storage, { ...onoff, name: 'Ancienne version' });
    renderApp('?example=onoff-greeting', storage);
    fireEvent.click(screen.getByRole('button', { name: 'Ignorer et supprimer' }));
    expect(screen.queryByRole('region', { name: 'Version enregistrée automatiquement' })).toBeNull();
    expect(loadSavedFlow(storage, 'onoff-greeting')).toBeUndefined();
  });

  it('ignores corrupt saved data', async () => {
    const storage = createMemoryStorage();
    storage.setItem(`${AUTOSAVE_KEY_PREFIX}onoff-greeting`, '{"format": "ringflow.autosave/v1", "flow": [');
    storage.setItem(
      `${AUTOSAVE_KEY_PREFIX}other`,
      JSON.stringify({ format: 'ringflow.autosave/v1', flow: 42 }),
    );
    const { container } = renderApp('?example=onoff-greeting', storage);
    expect(hasNode(container, 'boucle-appel')).toBe(true);
    expect(screen.queryByRole('region', { name: 'Version enregistrée automatiquement' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Nouveau' }));
    expect(screen.queryByText('Reprendre un brouillon')).toBeNull();
  });

  it('says when the browser storage is full, and keeps working', async () => {
    const { container } = renderApp('?example=onoff-greeting', createMemoryStorage({ quota: 1000 }));
    fireEvent.click(screen.getByRole('button', { name: 'Nouveau' }));
    fireEvent.click(screen.getByRole('button', { name: 'Partir de « Greeting – Immobilière des Quais »' }));
    expect(screen.getByRole('alert').textContent).toContain(
      'Enregistrement automatique impossible : le stockage du navigateur est plein.',
    );
    expect(hasNode(container, 'boucle-appel')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Exporter' }));
    expect(screen.getByRole('status').textContent).toContain('onoff-greeting-copie.json');
  });

  it('offers the drafts saved in this browser in the start dialog', async () => {
    const storage = createMemoryStorage();
    const draft: FlowDocument = { ...onoff, id: 'brouillon', name: 'Mon brouillon' };
    saveFlow(storage, draft, new Date('2026-03-01T09:00:00Z'));
    const { container } = renderApp('?example=goto-dial-plan', storage);
    fireEvent.click(screen.getByRole('button', { name: 'Nouveau' }));
    fireEvent.click(screen.getByRole('button', { name: /^Ouvrir « Mon brouillon », enregistré le/ }));
    expect(hasNode(container, 'boucle-appel')).toBe(true);
    expect(new URL(window.location.href).searchParams.get('flow')).toBe('brouillon');
  });
});
