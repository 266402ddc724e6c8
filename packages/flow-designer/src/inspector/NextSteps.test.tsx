import type { FlowDocument, Locale } from '@ringflow/flow-core';
import { fireEvent, render, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { Inspector } from './Inspector.js';
import { InspectorHarness } from './InspectorHarness.js';

const onoff = exampleFlow('onoff-greeting');

function UndoButton() {
  const { undo } = useEditor();
  return (
    <button type="button" onClick={undo}>
      undo
    </button>
  );
}

function renderSteps(nodeId: string, locale: Locale = 'fr', flow: FlowDocument = onoff) {
  const onChange = vi.fn<(next: FlowDocument) => void>();
  const view = render(
    <InspectorHarness flow={flow} locale={locale} onChange={onChange} nodes={[nodeId]}>
      <Inspector />
      <UndoButton />
    </InspectorHarness>,
  );
  const steps = within(
    view.getByRole('region', { name: locale === 'fr' ? 'Étapes suivantes' : 'Next steps' }),
  );
  const latest = () => {
    const call = onChange.mock.calls.at(-1);
    if (call === undefined) throw new Error('the flow was not changed');
    return call[0];
  };
  const edgeOf = (port: string) => latest().edges.find((e) => e.source === nodeId && e.port === port);
  return { ...view, steps, latest, edgeOf, onChange };
}

describe('NextSteps', () => {
  it('has one select per output, named after the output, with every other step', () => {
    const { steps } = renderSteps('boucle-appel');
    for (const port of ['Après l’appel', 'Sans réponse', 'Personne de disponible'])
      expect(steps.getByRole('combobox', { name: `Étape suivante après « ${port} »` })).toBeTruthy();
    expect(steps.getAllByRole('combobox')).toHaveLength(3);
    const noAnswer = steps.getByRole('combobox', {
      name: 'Étape suivante après « Sans réponse »',
    }) as HTMLSelectElement;
    const texts = [...noAnswer.options].map((o) => o.text);
    expect(texts[0]).toBe('Non reliée : l’appel raccroche');
    expect(texts).toContain('Conseillers occupés – Raccrocher');
    expect(texts.some((text) => text.startsWith('Boucle'))).toBe(false);
    expect(texts.at(-1)).toBe('Nouvelle étape…');
    expect(noAnswer.value).toBe(
      onoff.edges.find((e) => e.source === 'boucle-appel' && e.port === 'noAnswer')!.target,
    );
  });

  it('says what an output does when it is not connected', () => {
    const hours = renderSteps('horaires');
    const holiday = hours.steps.getByRole('combobox', {
      name: 'Étape suivante après « Jour férié »',
    }) as HTMLSelectElement;
    expect(holiday.options[0]!.text).toBe('Non reliée : suit « Fermé »');
    hours.unmount();
    const { steps: ring } = renderSteps('boucle-appel');
    const after = ring.getAllByRole('combobox', {
      name: 'Étape suivante après « Après l’appel »',
    })[0] as HTMLSelectElement;
    expect(after.options[0]!.text).toBe('Non reliée : fin normale de l’appel');
  });

  it('connects and disconnects an output', () => {
    const { steps, edgeOf } = renderSteps('boucle-appel');
    const after = steps.getByRole('combobox', { name: 'Étape suivante après « Après l’appel »' });
    fireEvent.change(after, { target: { value: 'agence-fermee' } });
    expect(edgeOf('afterCall')?.target).toBe('agence-fermee');
    fireEvent.change(after, { target: { value: 'conseillers-occupes' } });
    expect(edgeOf('afterCall')?.target).toBe('conseillers-occupes');
    fireEvent.change(after, { target: { value: '' } });
    expect(edgeOf('afterCall')).toBeUndefined();
  });

  it('adds a new step of a chosen kind to the right, connected, in one undo step', () => {
    const { steps, latest, edgeOf, getByRole } = renderSteps('astreinte');
    const failed = steps.getByRole('combobox', {
      name: 'Étape suivante après « Échec »',
    }) as HTMLSelectElement;
    const before = failed.value;
    fireEvent.change(failed, { target: { value: '__new' } });
    const kind = steps.getByRole('combobox', { name: 'Type de la nouvelle étape après « Échec »' });
    fireEvent.change(kind, { target: { value: 'voicemail' } });
    fireEvent.click(steps.getByRole('button', { name: 'Ajouter et relier' }));

    const added = latest().nodes.find((n) => n.id === 'voicemail-1')!;
    expect(added.kind).toBe('voicemail');
    const source = onoff.nodes.find((n) => n.id === 'astreinte')!;
    expect(added.position.x).toBeGreaterThan(source.position.x);
    expect(edgeOf('failed')?.target).toBe('voicemail-1');
    expect(failed.value).toBe('voicemail-1');
    expect(document.activeElement).toBe(failed);

    fireEvent.click(getByRole('button', { name: 'undo' }));
    expect(latest().nodes.some((n) => n.id === 'voicemail-1')).toBe(false);
    expect(edgeOf('failed')?.target).toBe(before === '' ? undefined : before);
  });

  it('cancels a new step with Escape, changing nothing', () => {
    const { steps, onChange } = renderSteps('astreinte');
    const noAnswer = steps.getByRole('combobox', {
      name: 'Étape suivante après « Sans réponse »',
    }) as HTMLSelectElement;
    const before = noAnswer.value;
    fireEvent.change(noAnswer, { target: { value: '__new' } });
    fireEvent.keyDown(steps.getByRole('combobox', { name: /Type de la nouvelle étape/ }), { key: 'Escape' });
    expect(steps.queryByRole('combobox', { name: /Type de la nouvelle étape/ })).toBeNull();
    expect(noAnswer.value).toBe(before);
    expect(document.activeElement).toBe(noAnswer);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('goes to the next step, whose settings then show', () => {
    const { steps, getByRole } = renderSteps('accueil');
    fireEvent.click(steps.getByRole('button', { name: /^Aller à/ }));
    expect(getByRole('heading', { name: 'Horaires d’ouverture' })).toBeTruthy();
  });

  it('speaks English', () => {
    const { steps } = renderSteps('astreinte', 'en');
    const failed = steps.getByRole('combobox', { name: 'Next step after “Failed”' }) as HTMLSelectElement;
    expect([...failed.options].at(-1)!.text).toBe('New step…');
  });
});
