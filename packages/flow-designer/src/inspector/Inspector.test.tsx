import { getNodeKind } from '@ringflow/flow-core';
import type { FlowDocument, FlowNode, Locale } from '@ringflow/flow-core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { produce } from 'immer';
import { describe, expect, it, vi } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { kitchenSink } from '../../test/kitchen-sink.js';
import { renderDesigner, sidePanel } from '../../test/render.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { Inspector } from './Inspector.js';
import { InspectorHarness } from './InspectorHarness.js';

/** A button that undoes the last step, as Ctrl+Z does in the designer. */
function UndoButton() {
  const { undo } = useEditor();
  return (
    <button type="button" onClick={undo}>
      undo
    </button>
  );
}

/** Renders the inspector with `nodes` (or `edges`) selected; `latest()` is the last document emitted. */
function renderInspector(
  flow: FlowDocument,
  select: { nodes?: string[]; edges?: string[] },
  locale: Locale = 'fr',
) {
  const onChange = vi.fn<(next: FlowDocument) => void>();
  const view = render(
    <InspectorHarness flow={flow} locale={locale} onChange={onChange} {...select}>
      <Inspector />
      <UndoButton />
    </InspectorHarness>,
  );
  const panel = within(view.container.querySelector<HTMLElement>('section.rf-inspector')!);
  const latest = (): FlowDocument => {
    const call = onChange.mock.calls.at(-1);
    if (call === undefined) throw new Error('the flow was not changed');
    return call[0];
  };
  const nodeOf = (id: string) => latest().nodes.find((n) => n.id === id) as FlowNode;
  return { ...view, panel, onChange, latest, nodeOf };
}

const configOf = (node: FlowNode) => node.config as Record<string, unknown>;

describe('Inspector: what is selected', () => {
  it('gives a hint when nothing is selected', async () => {
    const { panel } = renderInspector(kitchenSink, {});
    expect(panel.getByRole('heading', { name: 'Aucune étape sélectionnée' })).toBeTruthy();
    expect(panel.getByText(/ajoutez-en une depuis la palette/)).toBeTruthy();
  });

  it('counts a multiple selection', async () => {
    const { panel } = renderInspector(kitchenSink, { nodes: ['annonce', 'menu'] });
    expect(panel.getByRole('heading', { name: '2 éléments sélectionnés' })).toBeTruthy();
    expect(panel.getByText('2 étape(s) et 0 liaison(s).')).toBeTruthy();
  });

  it('shows the kind, its description, the id (read-only) and the entry of a node', async () => {
    const { panel } = renderInspector(kitchenSink, { nodes: ['annonce'] });
    expect(panel.getByRole('heading', { name: 'Annonce' })).toBeTruthy();
    expect(panel.getByText(/Diffuse un message/)).toBeTruthy();
    const id = panel.getByRole('textbox', { name: 'Identifiant' }) as HTMLInputElement;
    expect(id.value).toBe('annonce');
    expect(id.readOnly).toBe(true);
    expect(panel.getByText(/Début du flux : chaque appel commence par cette étape/)).toBeTruthy();
  });

  it('makes another node the start of the flow', async () => {
    const { panel, latest } = renderInspector(kitchenSink, { nodes: ['menu'] });
    fireEvent.click(panel.getByRole('button', { name: 'Faire commencer le flux ici' }));
    expect(latest().entry).toBe('menu');
    expect(panel.getByText(/Début du flux/)).toBeTruthy();
  });

  it('edits the label, and one undo removes a whole typed word', async () => {
    const { panel, nodeOf, getByRole } = renderInspector(kitchenSink, { nodes: ['annonce'] });
    const label = panel.getByRole('textbox', { name: /Nom de l’étape/ }) as HTMLInputElement;
    for (const text of ['A', 'Ac', 'Acc', 'Accueil']) fireEvent.change(label, { target: { value: text } });
    expect(nodeOf('annonce').label).toBe('Accueil');
    fireEvent.click(getByRole('button', { name: 'undo' }));
    expect(nodeOf('annonce').label).toBe('Nœud annonce');
    expect(label.value).toBe('Nœud annonce');
  });

  it('removes the label when it is emptied', async () => {
    const { panel, nodeOf } = renderInspector(kitchenSink, { nodes: ['annonce'] });
    fireEvent.change(panel.getByRole('textbox', { name: /Nom de l’étape/ }), { target: { value: '' } });
    expect('label' in nodeOf('annonce')).toBe(false);
  });

  it('deletes the node, and keeps the focus in the panel', async () => {
    const { panel, latest } = renderInspector(kitchenSink, { nodes: ['fin'] });
    fireEvent.click(panel.getByRole('button', { name: 'Supprimer l’étape' }));
    expect(latest().nodes.some((n) => n.id === 'fin')).toBe(false);
    expect(panel.getByRole('heading', { name: 'Aucune étape sélectionnée' })).toBeTruthy();
    expect(document.activeElement?.classList.contains('rf-inspector')).toBe(true);
  });
});

describe('Inspector: the config form of each kind', () => {
  const select = (id: string, locale?: Locale) => renderInspector(kitchenSink, { nodes: [id] }, locale).panel;
  const value = (element: HTMLElement) => (element as HTMLInputElement).value;

  it('announcement: a sound, a number of loops and a checkbox', async () => {
    const panel = select('annonce');
    expect(panel.getByRole('group', { name: 'Message' })).toBeTruthy();
    expect(value(panel.getByRole('spinbutton', { name: 'Nombre de diffusions' }))).toBe('1');
    expect(
      (panel.getByRole('checkbox', { name: 'Décrocher avant le message' }) as HTMLInputElement).checked,
    ).toBe(true);
  });

  it('menu: the keys in keypad order, the timeout, the attempts and the optional prompts', async () => {
    const panel = select('menu');
    const keys = panel.getAllByRole('textbox', { name: /^Libellé de la touche/ });
    expect(keys.map(value)).toEqual(['Ventes', 'Standard', 'Répéter']);
    expect(value(panel.getByRole('spinbutton', { name: 'Délai de saisie (secondes)' }))).toBe('5');
    expect(value(panel.getByRole('spinbutton', { name: 'Nombre d’essais' }))).toBe('3');
    expect(panel.getByRole('group', { name: /Message si la touche est invalide/ })).toBeTruthy();
  });

  it('businessHours: a select of the flow’s schedules and a way to edit it', async () => {
    const panel = select('horaires');
    const schedule = panel.getByRole('combobox', { name: 'Horaire' }) as HTMLSelectElement;
    expect(schedule.value).toBe('bureau');
    expect([...schedule.options].map((o) => o.text)).toEqual(['Bureau']);
    const edit = panel.getByRole('button', { name: 'Modifier l’horaire' });
    expect(edit.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(edit);
    expect(edit.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(edit.getAttribute('aria-controls')!)?.hidden).toBe(false);
  });

  it('ringGroup: members, strategy, ring time, repeats, skipped statuses and music', async () => {
    const panel = select('sonnerie');
    const members = panel.getByRole('group', { name: 'Membres' });
    expect(
      within(members)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringContaining('Léa Fontaine'),
      expect.stringContaining('Hugo Mercier'),
      expect.stringContaining('Astreinte (+33612345678)'),
    ]);
    expect(value(panel.getByRole('combobox', { name: 'Stratégie de sonnerie' }))).toBe('cascade');
    expect(value(panel.getByRole('spinbutton', { name: 'Durée de sonnerie (secondes)' }))).toBe('15');
    expect(value(panel.getByRole('spinbutton', { name: 'Répétitions' }))).toBe('2');
    const skip = panel.getByRole('group', { name: 'Ne pas faire sonner les membres' });
    expect(within(skip).getAllByRole('checkbox')).toHaveLength(4);
    expect((within(skip).getByRole('checkbox', { name: 'Déjà en appel' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect(panel.getByRole('group', { name: /Musique pendant la sonnerie/ })).toBeTruthy();
  });

  it('agentCondition: members, the condition and what counts as unavailable', async () => {
    const panel = select('dispo');
    expect(within(panel.getByRole('group', { name: 'Membres' })).getByText('Léa Fontaine')).toBeTruthy();
    expect(value(panel.getByRole('combobox', { name: 'Condition' }))).toBe('anyAvailable');
    const means = panel.getByRole('group', { name: 'Compte comme indisponible' });
    expect(within(means).getByRole('checkbox', { name: 'Hors ligne' })).toBeTruthy();
  });

  it('callerMatch: a list of numbers and two checkboxes', async () => {
    const panel = select('appelant');
    expect(value(panel.getByRole('textbox', { name: 'Numéros et préfixes n° 1' }))).toBe('+3361*');
    expect((panel.getByRole('checkbox', { name: 'Appelants VIP du flux' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((panel.getByRole('checkbox', { name: 'Numéros masqués' }) as HTMLInputElement).checked).toBe(
      false,
    );
  });

  it('poll: its id, its questions with their sound and range, the thanks and the timeout', async () => {
    const panel = select('sondage');
    expect(value(panel.getByRole('textbox', { name: 'Identifiant du sondage' }))).toBe('satisfaction');
    const question = panel.getByRole('group', { name: 'Question 1' });
    expect(value(within(question).getByRole('textbox', { name: 'Identifiant de la question' }))).toBe('q1');
    expect(within(question).getByRole('group', { name: 'Question posée' })).toBeTruthy();
    expect(value(within(question).getByRole('spinbutton', { name: 'Note minimale' }))).toBe('1');
    expect(value(within(question).getByRole('spinbutton', { name: 'Note maximale' }))).toBe('5');
    expect(panel.getByRole('group', { name: /Message de remerciement/ })).toBeTruthy();
  });

  it('voicemail: mailbox, greeting and longest message', async () => {
    const panel = select('messagerie');
    expect(value(panel.getByRole('textbox', { name: 'Boîte vocale' }))).toBe('accueil');
    expect(panel.getByRole('group', { name: /Annonce d’accueil/ })).toBeTruthy();
    const max = panel.getByRole('spinbutton', { name: 'Durée maximale du message (secondes)' });
    expect(value(max)).toBe('60');
    expect(max.getAttribute('min')).toBe('5');
    expect(max.getAttribute('max')).toBe('600');
  });

  it('forward: number, ring time and caller id', async () => {
    const panel = select('transfert');
    expect(value(panel.getByRole('textbox', { name: 'Numéro de destination' }))).toBe('+33699999999');
    expect(value(panel.getByRole('spinbutton', { name: 'Durée de sonnerie (secondes)' }))).toBe('30');
    const callerId = panel.getByRole('combobox', { name: 'Numéro présenté' }) as HTMLSelectElement;
    expect([...callerId.options].map((o) => o.text)).toEqual([
      'Le numéro de l’appelant',
      'Le numéro du flux',
    ]);
  });

  it('hangup: an optional sound, and no outputs', async () => {
    const panel = select('fin');
    expect(panel.getByRole('group', { name: /Message avant de raccrocher/ })).toBeTruthy();
    expect(panel.getByText('Cette étape met fin à l’appel : elle n’a pas de sortie.')).toBeTruthy();
  });

  it('speaks English', async () => {
    const panel = select('sonnerie', 'en');
    expect(panel.getByRole('heading', { name: 'Ring group' })).toBeTruthy();
    expect(panel.getByRole('spinbutton', { name: 'Ring time (seconds)' })).toBeTruthy();
    expect(panel.getByRole('combobox', { name: 'Ring strategy' })).toBeTruthy();
    expect(panel.getByRole('group', { name: 'Do not ring members who are' })).toBeTruthy();
    expect(panel.getByRole('combobox', { name: 'Next step after “No answer”' })).toBeTruthy();
    expect(panel.getByRole('button', { name: 'Move Léa Fontaine down' })).toBeTruthy();
  });
});

describe('Inspector: editing the config', () => {
  it('writes a number, one undo step for the typed digits', async () => {
    const { panel, nodeOf, getByRole } = renderInspector(kitchenSink, { nodes: ['sonnerie'] });
    const ring = panel.getByRole('spinbutton', { name: 'Durée de sonnerie (secondes)' });
    fireEvent.change(ring, { target: { value: '2' } });
    fireEvent.change(ring, { target: { value: '25' } });
    expect(configOf(nodeOf('sonnerie')).ringSeconds).toBe(25);
    fireEvent.click(getByRole('button', { name: 'undo' }));
    expect(configOf(nodeOf('sonnerie')).ringSeconds).toBe(15);
    expect((ring as HTMLInputElement).value).toBe('15');
  });

  it('keeps the document’s number while the field is empty, and shows it again on blur', async () => {
    const { panel, onChange } = renderInspector(kitchenSink, { nodes: ['sonnerie'] });
    const ring = panel.getByRole('spinbutton', { name: 'Répétitions' }) as HTMLInputElement;
    fireEvent.change(ring, { target: { value: '' } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.blur(ring);
    expect(ring.value).toBe('2');
  });

  it('writes an enum and a checkbox group', async () => {
    const { panel, nodeOf } = renderInspector(kitchenSink, { nodes: ['sonnerie'] });
    fireEvent.change(panel.getByRole('combobox', { name: 'Stratégie de sonnerie' }), {
      target: { value: 'simultaneous' },
    });
    expect(configOf(nodeOf('sonnerie')).strategy).toBe('simultaneous');
    fireEvent.click(panel.getByRole('checkbox', { name: 'Déjà en appel' }));
    expect(configOf(nodeOf('sonnerie')).skip).toEqual(['offline', 'snooze', 'outOfPlanning']);
    fireEvent.click(panel.getByRole('checkbox', { name: 'Déjà en appel' }));
    expect(configOf(nodeOf('sonnerie')).skip).toEqual(['offline', 'snooze', 'outOfPlanning', 'inCall']);
  });

  it('writes a checkbox', async () => {
    const { panel, nodeOf } = renderInspector(kitchenSink, { nodes: ['appelant'] });
    fireEvent.click(panel.getByRole('checkbox', { name: 'Numéros masqués' }));
    expect(configOf(nodeOf('appelant')).anonymous).toBe(true);
  });

  it('types in a text field: one undo restores the previous text', async () => {
    const { panel, nodeOf, getByRole } = renderInspector(kitchenSink, { nodes: ['messagerie'] });
    const mailbox = panel.getByRole('textbox', { name: 'Boîte vocale' }) as HTMLInputElement;
    for (const text of ['accueil-', 'accueil-v', 'accueil-ve', 'accueil-ventes'])
      fireEvent.change(mailbox, { target: { value: text } });
    expect(configOf(nodeOf('messagerie')).mailbox).toBe('accueil-ventes');
    fireEvent.click(getByRole('button', { name: 'undo' }));
    expect(configOf(nodeOf('messagerie')).mailbox).toBe('accueil');
    expect(mailbox.value).toBe('accueil');
  });

  it('adds, edits and removes numbers of a list', async () => {
    const { panel, nodeOf } = renderInspector(kitchenSink, { nodes: ['appelant'] });
    fireEvent.click(panel.getByRole('button', { name: 'Ajouter à « Numéros et préfixes »' }));
    const added = panel.getByRole('textbox', { name: 'Numéros et préfixes n° 2' });
    expect(document.activeElement).toBe(added);
    fireEvent.change(added, { target: { value: '+33899*' } });
    expect(configOf(nodeOf('appelant')).numbers).toEqual(['+3361*', '+33899*']);
    fireEvent.click(panel.getByRole('button', { name: 'Retirer Numéros et préfixes n° 1' }));
    expect(configOf(nodeOf('appelant')).numbers).toEqual(['+33899*']);
  });

  it('picks the schedule of a business-hours node from the library', async () => {
    const flow = produce(kitchenSink, (draft) => {
      draft.schedules.push({ ...draft.schedules[0]!, id: 'ete', name: 'Horaires d’été' });
    });
    const { panel, nodeOf } = renderInspector(flow, { nodes: ['horaires'] });
    fireEvent.change(panel.getByRole('combobox', { name: 'Horaire' }), { target: { value: 'ete' } });
    expect(configOf(nodeOf('horaires')).schedule).toBe('ete');
  });

  it('adds, moves and removes poll questions', async () => {
    const { panel, nodeOf } = renderInspector(kitchenSink, { nodes: ['sondage'] });
    fireEvent.click(panel.getByRole('button', { name: 'Ajouter une question' }));
    const questions = () => configOf(nodeOf('sondage')).questions as { id: string }[];
    expect(questions().map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(questions()[1]).toEqual({ id: 'q2', prompt: { tts: { text: '' } }, min: 1, max: 5 });
    fireEvent.click(panel.getByRole('button', { name: 'Monter la question 2' }));
    expect(questions().map((q) => q.id)).toEqual(['q2', 'q1']);
    fireEvent.click(panel.getByRole('button', { name: 'Retirer la question 1' }));
    expect(questions().map((q) => q.id)).toEqual(['q1']);
  });
});

describe('Inspector: menu keys', () => {
  it('adds a key not yet used, which adds an output', async () => {
    const { panel, nodeOf } = renderInspector(kitchenSink, { nodes: ['menu'] });
    const digit = panel.getByRole('combobox', { name: 'Touche à ajouter' }) as HTMLSelectElement;
    expect([...digit.options].map((o) => o.value)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '*']);
    fireEvent.change(digit, { target: { value: '*' } });
    fireEvent.click(panel.getByRole('button', { name: 'Ajouter la touche' }));
    const menu = nodeOf('menu');
    expect(Object.keys(configOf(menu).options as object)).toEqual(['0', '1', '*', '#']);
    expect(
      getNodeKind('menu')!
        .portsOf(menu.config as never)
        .map((p) => p.id),
    ).toEqual(['1', '0', '*', '#', 'timeout', 'invalid']);
    const label = panel.getByRole('textbox', { name: 'Libellé de la touche *' });
    expect(document.activeElement).toBe(label);
    expect(panel.getByRole('combobox', { name: /Étape suivante après « \* :/ })).toBeTruthy();
  });

  it('removes a key with its connection, in one undo step', async () => {
    const flow = produce(kitchenSink, (draft) => {
      draft.edges.push({ id: 'e-menu-0', source: 'menu', port: '0', target: 'sonnerie' });
    });
    const { panel, latest, nodeOf, getByRole } = renderInspector(flow, { nodes: ['menu'] });
    fireEvent.click(panel.getByRole('button', { name: 'Retirer la touche 0' }));
    expect(Object.keys(configOf(nodeOf('menu')).options as object)).toEqual(['1', '#']);
    expect(latest().edges.some((e) => e.id === 'e-menu-0')).toBe(false);
    expect(panel.queryByRole('combobox', { name: /Étape suivante après « 0 :/ })).toBeNull();
    fireEvent.click(getByRole('button', { name: 'undo' }));
    expect(Object.keys(configOf(nodeOf('menu')).options as object)).toEqual(['0', '1', '#']);
    expect(latest().edges.some((e) => e.id === 'e-menu-0')).toBe(true);
  });

  it('edits a key’s label, which renames its output', async () => {
    const { panel, nodeOf } = renderInspector(kitchenSink, { nodes: ['menu'] });
    fireEvent.change(panel.getByRole('textbox', { name: 'Libellé de la touche 1' }), {
      target: { value: 'Commercial' },
    });
    expect(configOf(nodeOf('menu')).options).toMatchObject({ '1': { label: 'Commercial' } });
    expect(panel.getByRole('combobox', { name: 'Étape suivante après « 1 : Commercial »' })).toBeTruthy();
  });
});

describe('Inspector: problems next to their field', () => {
  it('shows an out-of-range ring time next to the field, described by it', async () => {
    const { panel } = renderInspector(kitchenSink, { nodes: ['sonnerie'] });
    const ring = panel.getByRole('spinbutton', { name: 'Durée de sonnerie (secondes)' });
    expect(ring.getAttribute('aria-invalid')).toBeNull();
    fireEvent.change(ring, { target: { value: '1000' } });
    expect(ring.getAttribute('aria-invalid')).toBe('true');
    const described = ring
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id));
    expect(described.map((element) => element?.textContent).join(' ')).toContain('au plus 300');
    // Next to its field, not at the top.
    expect(ring.closest('.rf-field')!.textContent).toContain('au plus 300');
    expect(panel.queryByRole('group', { name: 'Problèmes de cette étape' })).toBeNull();
  });

  it('shows an invalid forward number next to the number', async () => {
    const flow = produce(kitchenSink, (draft) => {
      const forward = draft.nodes.find((n) => n.id === 'transfert')!;
      (forward.config as { number: string }).number = '0612';
    });
    const { panel } = renderInspector(flow, { nodes: ['transfert'] });
    const number = panel.getByRole('textbox', { name: 'Numéro de destination' });
    expect(number.getAttribute('aria-invalid')).toBe('true');
    const issues = document.getElementById(number.getAttribute('aria-describedby')!.split(' ').at(-1)!)!;
    expect(issues.textContent).toMatch(/0612.*E\.164/);
  });

  it('shows a member problem on the member’s row', async () => {
    const flow = produce(kitchenSink, (draft) => {
      const ring = draft.nodes.find((n) => n.id === 'sonnerie')!;
      (ring.config as { members: object[] }).members.push({ agent: 'fantome' });
    });
    const { panel } = renderInspector(flow, { nodes: ['sonnerie'] });
    const rows = within(panel.getByRole('group', { name: 'Membres' })).getAllByRole('listitem');
    expect(rows[3]!.textContent).toContain('Agent inconnu : fantome');
    expect(rows[3]!.querySelector('[data-code="unknown_agent"]')).toBeTruthy();
  });

  it('puts the node’s other problems at the top, and an unwired output next to its select', async () => {
    const { panel } = renderInspector(kitchenSink, { nodes: ['sonnerie'] });
    const top = panel.getByRole('group', { name: 'Problèmes de cette étape' });
    expect(top.querySelector('[data-code="unreachable_node"]')).toBeTruthy();
    const noAnswer = panel.getByRole('combobox', { name: 'Étape suivante après « Sans réponse »' });
    expect(noAnswer.closest('.rf-field')!.querySelector('[data-code="unwired_port"]')).toBeTruthy();
    expect(noAnswer.getAttribute('aria-describedby')).toBeTruthy();
  });

  it('shows what a new node still needs, such as its schedule', async () => {
    const flow = produce(kitchenSink, (draft) => {
      (draft.nodes.find((n) => n.id === 'horaires')!.config as { schedule: string }).schedule = '';
    });
    const { panel } = renderInspector(flow, { nodes: ['horaires'] });
    const schedule = panel.getByRole('combobox', { name: 'Horaire' }) as HTMLSelectElement;
    expect(schedule.value).toBe('');
    expect(schedule.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('Inspector: a selected connection', () => {
  const flow = exampleFlow('onoff-greeting');
  const edge = flow.edges.find((e) => e.source === 'boucle-appel' && e.port === 'noAnswer')!;

  it('shows where it comes from and lets the admin change where it goes', async () => {
    const { panel, latest } = renderInspector(flow, { edges: [edge.id] });
    expect(panel.getByRole('heading', { name: 'Liaison' })).toBeTruthy();
    expect(panel.getByText('Sans réponse')).toBeTruthy();
    const target = panel.getByRole('combobox', { name: 'Étape suivante' }) as HTMLSelectElement;
    expect(target.value).toBe(edge.target);
    fireEvent.change(target, { target: { value: 'agence-fermee' } });
    expect(latest().edges.find((e) => e.id === edge.id)!.target).toBe('agence-fermee');
  });

  it('removes it', async () => {
    const { panel, latest } = renderInspector(flow, { edges: [edge.id] });
    fireEvent.click(panel.getByRole('button', { name: 'Supprimer la liaison' }));
    expect(latest().edges.some((e) => e.id === edge.id)).toBe(false);
    expect(panel.getByRole('heading', { name: 'Aucune étape sélectionnée' })).toBeTruthy();
  });
});

describe('Inspector in the designer', () => {
  it('is the Properties tab and follows the selection', async () => {
    renderDesigner(exampleFlow('onoff-greeting'));
    const panel = await sidePanel('Propriétés');
    expect(panel.getByRole('heading', { name: 'Aucune étape sélectionnée' })).toBeTruthy();
    fireEvent.click(document.querySelector('.react-flow__node[data-id="astreinte"]')!);
    expect(screen.getByRole('heading', { name: 'Transfert' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Numéro de destination' })).toBeTruthy();
  });
});
