import type { FlowDocument, Locale } from '@ringflow/flow-core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { exampleFlow, flowOf } from '../../test/fixtures.js';
import { sidePanel, renderDesigner } from '../../test/render.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { LibraryHarness } from './LibraryHarness.js';
import { LibraryPanel } from './LibraryPanel.js';

/** A small flow whose library items are used by nodes and by each other. */
const small = () =>
  flowOf({
    format: 'ringflow.flow/v1',
    id: 'small',
    name: 'Small',
    timezone: 'Europe/Paris',
    entry: 'ring',
    agents: [
      { id: 'alice', name: 'Alice Martin', extension: '101', planning: 'office' },
      { id: 'bob', name: 'Bob Durand' },
    ],
    groups: [{ id: 'sales', name: 'Ventes', members: ['alice', 'bob'] }],
    schedules: [{ id: 'office', name: 'Bureau', weekly: { mon: [['09:00', '18:00']] } }],
    sounds: [
      { id: 'piano', name: 'Piano', file: 'sounds/piano.mp3' },
      { id: 'welcome', name: 'Accueil', tts: { text: 'Bonjour' }, music: 'piano' },
    ],
    nodes: [
      { id: 'ring', kind: 'ringGroup', label: 'Sonnerie Alice', config: { members: [{ agent: 'alice' }] } },
      { id: 'hours', kind: 'businessHours', label: 'Heures', config: { schedule: 'office' } },
      { id: 'bye', kind: 'hangup', config: { sound: 'welcome' } },
    ],
    edges: [
      { id: 'e1', source: 'ring', port: 'noAnswer', target: 'hours' },
      { id: 'e2', source: 'hours', port: 'closed', target: 'bye' },
    ],
  });

function UndoButton() {
  const editor = useEditor();
  return (
    <button type="button" onClick={editor.undo}>
      test-undo
    </button>
  );
}

/** Renders the library panel alone, and what the document becomes after each edit. */
function renderLibrary(flow: FlowDocument = small(), locale?: Locale) {
  const state = { flow };
  const view = render(
    <LibraryHarness flow={flow} locale={locale} onChange={(next) => (state.flow = next)}>
      <LibraryPanel />
      <UndoButton />
    </LibraryHarness>,
  );
  return { ...view, state };
}

const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });
const openTab = (name: RegExp) => fireEvent.click(screen.getByRole('tab', { name }));
describe('the library panel: agents', () => {
  it('adds an agent with an id made from its name, then edits it', async () => {
    const { state } = renderLibrary();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un agent' }));
    const form = screen.getByRole('form', { name: 'Nouvel agent' });
    type(within(form).getByLabelText('Nom'), 'Élodie Noël');
    expect((within(form).getByLabelText('Identifiant') as HTMLInputElement).value).toBe('elodie-noel');
    fireEvent.click(within(form).getByRole('button', { name: 'Créer' }));
    expect(state.flow.agents.at(-1)).toEqual({ id: 'elodie-noel', name: 'Élodie Noël' });

    const editor = screen.getByRole('region', { name: 'Élodie Noël' });
    expect(document.activeElement).toBe(within(editor).getByRole('heading', { name: 'Élodie Noël' }));
    type(within(editor).getByLabelText('Poste'), '105');
    type(within(editor).getByLabelText('Numéro direct (E.164)'), '+33612345678');
    fireEvent.change(within(editor).getByLabelText('Planning'), { target: { value: 'office' } });
    expect(state.flow.agents.at(-1)).toEqual({
      id: 'elodie-noel',
      name: 'Élodie Noël',
      extension: '105',
      number: '+33612345678',
      planning: 'office',
    });
    // The id is not editable any more.
    expect(within(editor).queryByLabelText('Identifiant')).toBeNull();
    expect(within(editor).getByText('elodie-noel')).toBeTruthy();
  });

  it('merges typing a name into one undo step and shows flow-core’s problems beside the field', async () => {
    const { state } = renderLibrary();
    pickItem('Agents', 'Bob Durand');
    const editor = screen.getByRole('region', { name: 'Bob Durand' });
    const name = within(editor).getByLabelText('Nom');
    for (const value of ['Bob', 'Bob D', 'Bob Dupont']) type(name, value);
    expect(state.flow.agents[1]?.name).toBe('Bob Dupont');
    fireEvent.click(screen.getByRole('button', { name: 'test-undo' }));
    expect(state.flow.agents[1]?.name).toBe('Bob Durand');

    type(within(screen.getByRole('region', { name: 'Bob Durand' })).getByLabelText('Poste'), '101');
    const region = screen.getByRole('region', { name: 'Bob Durand' });
    expect(within(region).getByText(/101/, { selector: '.rf-lib-issue' })).toBeTruthy();
    expect(within(region).getByLabelText('Poste').getAttribute('aria-describedby')).not.toBeNull();
  });

  it('refuses an id flow-core does not accept, or one already taken', async () => {
    const { state } = renderLibrary();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un agent' }));
    const form = screen.getByRole('form', { name: 'Nouvel agent' });
    type(within(form).getByLabelText('Nom'), 'Alice Bis');
    type(within(form).getByLabelText('Identifiant'), '1alice');
    expect(within(form).getByText(/une lettre suivie/)).toBeTruthy();
    type(within(form).getByLabelText('Identifiant'), 'alice');
    expect(
      within(form).getAllByText(/alice/, { selector: '.rf-lib-issue, .rf-lib-issue *' }).length,
    ).toBeGreaterThan(0);
    fireEvent.click(within(form).getByRole('button', { name: 'Créer' }));
    expect(state.flow.agents).toHaveLength(2);
    expect(document.activeElement).toBe(within(form).getByLabelText('Identifiant'));
  });

  it('proposes a free id when the name’s slug is taken', async () => {
    renderLibrary();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un agent' }));
    const form = screen.getByRole('form', { name: 'Nouvel agent' });
    type(within(form).getByLabelText('Nom'), 'Alice');
    expect((within(form).getByLabelText('Identifiant') as HTMLInputElement).value).toBe('alice-2');
  });

  it('asks before deleting an agent in use, shows where, and deletes only once confirmed', async () => {
    const { state } = renderLibrary();
    pickItem('Agents', 'Alice Martin');
    const editor = screen.getByRole('region', { name: 'Alice Martin' });
    fireEvent.click(within(editor).getByRole('button', { name: 'Supprimer l’agent' }));
    const confirm = screen.getByRole('group', { name: /« Alice Martin » est utilisé à 2 endroit/ });
    expect(within(confirm).getByText('Étape « Sonnerie Alice » (Groupe de sonnerie)')).toBeTruthy();
    expect(within(confirm).getByText('Groupe « Ventes »')).toBeTruthy();
    expect(
      within(confirm).getByText(/^Il sera retiré de ses groupes\. Les étapes qui le font sonner/),
    ).toBeTruthy();
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Annuler' }));
    expect(state.flow.agents).toHaveLength(2);

    fireEvent.click(within(confirm).getByRole('button', { name: 'Annuler' }));
    expect(screen.queryByRole('group', { name: /est utilisé/ })).toBeNull();
    expect(state.flow.agents).toHaveLength(2);

    fireEvent.click(within(editor).getByRole('button', { name: 'Supprimer l’agent' }));
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer quand même' }));
    expect(state.flow.agents.map((agent) => agent.id)).toEqual(['bob']);
    expect(state.flow.groups[0]?.members).toEqual(['bob']);
    // The node keeps its reference: flow-core reports it until the admin picks someone else.
    expect(state.flow.nodes[0]?.config).toMatchObject({ members: [{ agent: 'alice' }] });
    expect(screen.queryByRole('region', { name: 'Alice Martin' })).toBeNull();
  });

  it('deletes an agent nobody uses straight away, and undo brings it back', async () => {
    const flow = small();
    flow.groups[0]!.members = ['alice'];
    const { state } = renderLibrary(flow);
    pickItem('Agents', 'Bob Durand');
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer l’agent' }));
    expect(state.flow.agents.map((agent) => agent.id)).toEqual(['alice']);
    fireEvent.click(screen.getByRole('button', { name: 'test-undo' }));
    expect(state.flow.agents.map((agent) => agent.id)).toEqual(['alice', 'bob']);
  });
});

/** Opens a section and chooses an item of its list. */
function pickItem(section: string, name: string) {
  openTab(new RegExp(`^${section}`));
  const list = screen.getByRole('list', { name: section });
  fireEvent.click(within(list).getByRole('button', { name: new RegExp(name) }));
}

describe('the library panel: groups', () => {
  it('adds a group and chooses its members', async () => {
    const { state } = renderLibrary();
    openTab(/^Groupes/);
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un groupe' }));
    type(screen.getByLabelText('Nom'), 'Support');
    fireEvent.click(screen.getByRole('button', { name: 'Créer' }));
    expect(state.flow.groups.at(-1)).toEqual({ id: 'support', name: 'Support', members: [] });
    const editor = screen.getByRole('region', { name: 'Support' });
    // flow-core warns about a group without members, next to the members.
    expect(within(editor).getByRole('group', { name: /Membres \(0\)/ }).textContent).toMatch(/Avertissement/);
    fireEvent.click(within(editor).getByRole('checkbox', { name: /Bob Durand/ }));
    fireEvent.click(within(editor).getByRole('checkbox', { name: /Alice Martin/ }));
    expect(state.flow.groups.at(-1)?.members).toEqual(['bob', 'alice']);
    fireEvent.click(within(editor).getByRole('checkbox', { name: /Bob Durand/ }));
    expect(state.flow.groups.at(-1)?.members).toEqual(['alice']);
    type(within(editor).getByLabelText('Poste du groupe'), '200');
    expect(state.flow.groups.at(-1)?.extension).toBe('200');
  });

  it('shows the steps that ring a group before deleting it', async () => {
    const { state } = renderLibrary(exampleFlow('ringover-standard'));
    pickItem('Groupes', 'Service commercial');
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer le groupe' }));
    const confirm = screen.getByRole('group', { name: /Service commercial/ });
    expect(within(confirm).getByText(/Étape « Commerciaux tous absents \? »/)).toBeTruthy();
    expect(within(confirm).getByText(/Étape « Service commercial »/)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Supprimer quand même' }));
    expect(state.flow.groups.map((group) => group.id)).not.toContain('commercial');
  });
});

describe('the library panel: schedules', () => {
  it('adds a schedule with office hours and edits it in the schedule editor', async () => {
    const { state } = renderLibrary();
    openTab(/^Horaires/);
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un horaire' }));
    type(screen.getByLabelText('Nom'), 'Astreinte');
    fireEvent.click(screen.getByRole('button', { name: 'Créer' }));
    const created = state.flow.schedules.at(-1);
    expect(created?.id).toBe('astreinte');
    expect(created?.weekly.mon).toEqual([['09:00', '18:00']]);
    expect(created?.weekly.sun).toEqual([]);
    expect(created?.publicHolidays).toEqual({ country: 'FR' });
    const editor = screen.getByRole('region', { name: 'Astreinte' });
    type(within(editor).getByLabelText('Samedi'), '10:00-12:00');
    expect(state.flow.schedules.at(-1)?.weekly.sat).toEqual([['10:00', '12:00']]);
  });

  it('shows the agents and steps that use a schedule, and removes it from plannings once confirmed', async () => {
    const { state } = renderLibrary();
    pickItem('Horaires', 'Bureau');
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer l’horaire' }));
    const confirm = screen.getByRole('group', { name: /Bureau/ });
    expect(within(confirm).getByText('Planning de Alice Martin')).toBeTruthy();
    expect(within(confirm).getByText('Étape « Heures » (Horaires d’ouverture)')).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Supprimer quand même' }));
    expect(state.flow.schedules).toEqual([]);
    expect(state.flow.agents[0]?.planning).toBeUndefined();
  });
});

describe('the library panel: sounds', () => {
  it('adds a text-to-speech sound, then turns it into a file', async () => {
    const { state } = renderLibrary();
    openTab(/^Sons/);
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un son' }));
    type(screen.getByLabelText('Nom'), 'Fermeture');
    fireEvent.click(screen.getByRole('button', { name: 'Créer' }));
    const editor = screen.getByRole('region', { name: 'Fermeture' });
    type(within(editor).getByLabelText('Texte prononcé'), 'Nous sommes fermés.');
    fireEvent.change(within(editor).getByLabelText('Langue'), { target: { value: 'fr-CA' } });
    fireEvent.change(within(editor).getByLabelText('Musique de fond'), { target: { value: 'piano' } });
    expect(state.flow.sounds.at(-1)).toEqual({
      id: 'fermeture',
      name: 'Fermeture',
      tts: { text: 'Nous sommes fermés.', language: 'fr-CA' },
      music: 'piano',
    });
    fireEvent.click(within(editor).getByRole('radio', { name: 'Fichier audio' }));
    type(within(editor).getByLabelText('Chemin du fichier'), 'sounds/fermeture.wav');
    expect(state.flow.sounds.at(-1)).toEqual({
      id: 'fermeture',
      name: 'Fermeture',
      file: 'sounds/fermeture.wav',
    });
    // Back to the text: nothing typed is lost.
    fireEvent.click(within(editor).getByRole('radio', { name: 'Synthèse vocale' }));
    expect(state.flow.sounds.at(-1)?.tts?.text).toBe('Nous sommes fermés.');
  });

  it('lists the sounds a music is mixed under before deleting it', async () => {
    const { state } = renderLibrary();
    pickItem('Sons', 'Piano');
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer le son' }));
    const confirm = screen.getByRole('group', { name: /Piano/ });
    expect(within(confirm).getByText('Musique de fond du son « Accueil »')).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Supprimer quand même' }));
    expect(state.flow.sounds).toEqual([{ id: 'welcome', name: 'Accueil', tts: { text: 'Bonjour' } }]);
  });
});

describe('the library panel in the designer and in English', () => {
  it('is the Library side tab of the designer', async () => {
    const flow = exampleFlow('ringover-standard');
    renderDesigner(flow);
    const panel = await sidePanel('Bibliothèque');
    expect(panel.getByRole('tab', { name: /^Agents 8/ })).toBeTruthy();
    fireEvent.click(panel.getByRole('tab', { name: /^Sons/ }));
    expect(panel.getByRole('list', { name: 'Sons' }).querySelectorAll('li')).toHaveLength(flow.sounds.length);
    expect(panel.getByLabelText('Filtrer les sons')).toBeTruthy();
    type(panel.getByLabelText('Filtrer les sons'), 'sondage');
    const polls = flow.sounds.filter((sound) => /sondage/i.test(`${sound.name} ${sound.id}`));
    expect(polls.length).toBeGreaterThan(0);
    expect(panel.getByRole('list', { name: 'Sons' }).querySelectorAll('li')).toHaveLength(polls.length);
  });

  it('speaks English', async () => {
    const { state } = renderLibrary(small(), 'en');
    fireEvent.click(screen.getByRole('button', { name: 'Add an agent' }));
    type(screen.getByLabelText('Name'), 'Zoé');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(state.flow.agents.at(-1)).toEqual({ id: 'zoe', name: 'Zoé' });
    pickItem('Agents', 'Alice Martin');
    fireEvent.click(screen.getByRole('button', { name: 'Delete agent' }));
    const confirm = screen.getByRole('group', { name: /“Alice Martin” is used in 2 place/ });
    expect(within(confirm).getByText('Step “Sonnerie Alice” (Ring group)')).toBeTruthy();
  });
});
