import type { FlowDocument, FlowNode, Locale } from '@ringflow/flow-core';
import { fireEvent, render, within } from '@testing-library/react';
import { produce } from 'immer';
import { describe, expect, it, vi } from 'vitest';
import { kitchenSink } from '../../test/kitchen-sink.js';
import { Inspector } from './Inspector.js';
import { InspectorHarness } from './InspectorHarness.js';

// The kitchen sink with one more agent and a group, so that there is someone to add.
const flow = produce(kitchenSink, (draft) => {
  draft.agents.push({ id: 'ines', name: 'Inès Garnier', extension: '103' });
  draft.groups.push({ id: 'ventes', name: 'Ventes', members: ['lea', 'ines'] });
});

function renderPicker(nodeId = 'sonnerie', locale: Locale = 'fr') {
  const onChange = vi.fn<(next: FlowDocument) => void>();
  const view = render(
    <InspectorHarness flow={flow} locale={locale} onChange={onChange} nodes={[nodeId]}>
      <Inspector />
    </InspectorHarness>,
  );
  const picker = within(view.getByRole('group', { name: locale === 'fr' ? 'Membres' : 'Members' }));
  const members = () => {
    const call = onChange.mock.calls.at(-1);
    if (call === undefined) throw new Error('the flow was not changed');
    const node = call[0].nodes.find((n) => n.id === nodeId) as FlowNode;
    return (node.config as { members: object[] }).members;
  };
  const names = () =>
    picker.getAllByRole('listitem').map((li) => li.querySelector('.rf-member-name')!.textContent);
  return { ...view, picker, members, names, onChange };
}

describe('MemberPicker', () => {
  it('lists the members by name, with their type', () => {
    const { names, picker } = renderPicker();
    expect(names()).toEqual(['Léa Fontaine', 'Hugo Mercier', 'Astreinte (+33612345678)']);
    expect(picker.getAllByText('Agent')).toHaveLength(2);
    expect(picker.getByText('Numéro externe')).toBeTruthy();
  });

  it('adds an agent or a group of the library, and marks those already in', () => {
    const { picker, members, names } = renderPicker();
    const choice = picker.getByRole('combobox', { name: 'Agent ou groupe à ajouter' }) as HTMLSelectElement;
    const lea = [...choice.options].find((o) => o.value === 'agent:lea')!;
    expect(lea.disabled).toBe(true);
    expect(lea.text).toBe('Léa Fontaine (déjà membre)');
    fireEvent.change(choice, { target: { value: 'group:ventes' } });
    fireEvent.click(picker.getByRole('button', { name: 'Ajouter ce membre' }));
    expect(members().at(-1)).toEqual({ group: 'ventes' });
    expect(names().at(-1)).toBe('Groupe Ventes');
    expect(choice.value).toBe('');
    expect(picker.getByRole('status').textContent).toBe('Groupe Ventes ajouté.');
  });

  it('adds an external number with a name, and refuses a number flow-core would reject', () => {
    const { picker, members, names } = renderPicker();
    const number = picker.getByRole('textbox', { name: 'Numéro externe (E.164)' });
    fireEvent.change(number, { target: { value: '06 12 34 56 78' } });
    fireEvent.click(picker.getByRole('button', { name: 'Ajouter le numéro' }));
    expect(number.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(number.getAttribute('aria-describedby')!)!;
    expect(error.textContent).toMatch(/E\.164/);
    expect(names()).toHaveLength(3);

    fireEvent.change(number, { target: { value: '+33698765432' } });
    fireEvent.change(picker.getByRole('textbox', { name: 'Nom de ce numéro (facultatif)' }), {
      target: { value: 'Accueil Lyon' },
    });
    fireEvent.keyDown(number, { key: 'Enter' });
    expect(members().at(-1)).toEqual({ number: '+33698765432', label: 'Accueil Lyon' });
    expect(names().at(-1)).toBe('Accueil Lyon (+33698765432)');
    expect((number as HTMLInputElement).value).toBe('');
  });

  it('moves members up and down, keeping the focus on the moved one', () => {
    const { picker, members, names } = renderPicker();
    const down = picker.getByRole('button', { name: 'Descendre Léa Fontaine' });
    down.focus();
    fireEvent.click(down);
    expect(names()).toEqual(['Hugo Mercier', 'Léa Fontaine', 'Astreinte (+33612345678)']);
    expect(members()[1]).toEqual({ agent: 'lea' });
    expect(document.activeElement).toBe(picker.getByRole('button', { name: 'Descendre Léa Fontaine' }));
    expect(picker.getByRole('status').textContent).toBe('Léa Fontaine est maintenant en position 2.');
    fireEvent.click(picker.getByRole('button', { name: 'Monter Astreinte (+33612345678)' }));
    expect(names()).toEqual(['Hugo Mercier', 'Astreinte (+33612345678)', 'Léa Fontaine']);
  });

  it('does not move the first member up or the last one down', () => {
    const { picker, onChange } = renderPicker();
    const up = picker.getByRole('button', { name: 'Monter Léa Fontaine' });
    expect(up.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(up);
    fireEvent.click(picker.getByRole('button', { name: 'Descendre Astreinte (+33612345678)' }));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('removes a member and puts the focus on the next one', () => {
    const { picker, members, names } = renderPicker();
    fireEvent.click(picker.getByRole('button', { name: 'Retirer Hugo Mercier' }));
    expect(members()).toEqual([{ agent: 'lea' }, { number: '+33612345678', label: 'Astreinte' }]);
    expect(names()).toEqual(['Léa Fontaine', 'Astreinte (+33612345678)']);
    expect(document.activeElement).toBe(
      picker.getByRole('button', { name: 'Retirer Astreinte (+33612345678)' }),
    );
  });

  it('edits the members of an agent condition too, in English', () => {
    const { picker, members } = renderPicker('dispo', 'en');
    fireEvent.change(picker.getByRole('combobox', { name: 'Agent or group to add' }), {
      target: { value: 'agent:hugo' },
    });
    fireEvent.click(picker.getByRole('button', { name: 'Add this member' }));
    expect(members()).toEqual([{ agent: 'lea' }, { agent: 'hugo' }]);
    expect(picker.getByRole('button', { name: 'Remove Hugo Mercier' })).toBeTruthy();
  });
});
