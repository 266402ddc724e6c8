import { simulateCall, validateFlow } from '@ringflow/flow-core';
import type { Agent, FlowDocument, Locale } from '@ringflow/flow-core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../i18n/i18n.js';
import { GreetingForm } from './GreetingForm.js';

function renderForm(locale: Locale = 'fr', existingAgents?: readonly Agent[]) {
  const onCreate = vi.fn<(flow: FlowDocument) => void>();
  render(
    <LocaleProvider locale={locale}>
      <GreetingForm
        onCreate={onCreate}
        existingAgents={existingAgents}
        takenIds={new Set(['accueil-boulangerie'])}
      />
    </LocaleProvider>,
  );
  return { onCreate, created: () => onCreate.mock.lastCall![0] };
}

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

function simulate(flow: FlowDocument, at: string, numbers = {}) {
  return simulateCall(flow, {
    call: { from: '+33612345678', to: '+33180000000', at },
    agents: Object.fromEntries(
      flow.agents.map((a, i) => [a.id, i === 0 ? { answerAfterSeconds: 3 } : { answer: 'never' }]),
    ),
    numbers,
  });
}

// Forms with many fields are slow to query in jsdom on a busy machine.
describe('GreetingForm', { timeout: 30_000 }, () => {
  it('builds a complete, clean flow from answers typed by hand', () => {
    const { onCreate, created } = renderForm();
    type('Nom du flux', 'Accueil Boulangerie');
    expect(screen.getByText('Fichier exporté : accueil-boulangerie-2.json')).toBeTruthy();
    type('Nom de l’utilisateur 1', 'Léa Fontaine');
    type('Poste de l’utilisateur 1 (facultatif)', '101');
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un utilisateur' }));
    type('Nom de l’utilisateur 2', 'Hugo Mercier');
    type('Mobile de l’utilisateur 2 (facultatif)', '06 39 98 01 02');
    fireEvent.click(screen.getByLabelText('Simultané : tous sonnent en même temps'));
    type('Temps de sonnerie de chaque tour (secondes)', '25');
    type('Répétitions de la séquence', '2');
    fireEvent.click(screen.getByLabelText('Samedi'));
    type('Samedi, fin de la plage 1', '12:00');
    fireEvent.click(screen.getByLabelText('Transférer vers un collaborateur d’astreinte'));
    type('Numéro de l’astreinte (ex. 06 12 34 56 78 ou +33612345678)', '06 39 98 01 00');
    fireEvent.click(
      screen.getByLabelText('Diffuser un message puis raccrocher', { selector: '[name$="-noAnswer"]' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Créer le flux' }));

    expect(onCreate).toHaveBeenCalledTimes(1);
    const flow = created();
    expect(flow.id).toBe('accueil-boulangerie-2');
    expect(flow.name).toBe('Accueil Boulangerie');
    expect(flow.agents).toEqual([
      { id: 'lea-fontaine', name: 'Léa Fontaine', extension: '101' },
      { id: 'hugo-mercier', name: 'Hugo Mercier', number: '+33639980102' },
    ]);
    expect(flow.schedules[0]!.weekly.sat).toEqual([['09:00', '12:00']]);
    expect(flow.schedules[0]!.publicHolidays).toEqual({ country: 'FR' });
    const ring = flow.nodes.find((n) => n.kind === 'ringGroup')!;
    expect(ring.config).toMatchObject({ strategy: 'simultaneous', ringSeconds: 25, repeat: 2 });
    const report = validateFlow(flow);
    expect([...report.errors, ...report.warnings]).toEqual([]);

    // A Tuesday at 10:00 is answered by the first user; a Sunday goes to the on-call number.
    const weekday = simulate(flow, '2026-11-24T10:00:00+01:00');
    expect(weekday.answeredBy).toBe('lea-fontaine');
    const sunday = simulate(flow, '2026-11-22T10:00:00+01:00', { '+33639980100': { answerAfterSeconds: 2 } });
    expect(sunday.outcome).toBe('forwarded');
    expect(sunday.path).toContain('astreinte');
  });

  it('shows each problem at its field, and creates the flow once they are fixed', () => {
    const { onCreate } = renderForm();
    type('Nom de l’utilisateur 1', 'Léa');
    type('Poste de l’utilisateur 1 (facultatif)', '1');
    type('Lundi, fin de la plage 1', '15:00');
    fireEvent.click(screen.getByRole('button', { name: 'Créer le flux' }));
    expect(onCreate).not.toHaveBeenCalled();

    // The list of problems takes the focus; flow-core checks the schedule once the document
    // parses, so the extension comes first.
    expect(document.activeElement).toBe(screen.getByRole('alert'));
    expect(screen.getByRole('alert').textContent).toContain('1 point(s) à corriger');
    const extension = screen.getByLabelText('Poste de l’utilisateur 1 (facultatif)');
    expect(extension.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(extension.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /2 à 8 chiffres/,
    );

    // "Go to the field" puts the focus on it.
    fireEvent.click(screen.getByRole('button', { name: 'Aller au champ' }));
    expect(document.activeElement).toBe(extension);

    type('Poste de l’utilisateur 1 (facultatif)', '101');
    expect(extension.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('alert').textContent).toMatch(/1 point\(s\) à corriger.*09:00-15:00/);
    expect(screen.getByLabelText('Lundi').getAttribute('aria-invalid')).toBe('true');
    type('Lundi, fin de la plage 1', '12:00');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Créer le flux' }));
    expect(onCreate).toHaveBeenCalledTimes(1);
  });

  it('asks for at least one user', () => {
    const { onCreate } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Créer le flux' }));
    expect(onCreate).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Ajouter un utilisateur' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('keeps the messages in step with the language and the hours until they are edited', () => {
    renderForm();
    const closed = () =>
      (screen.getByLabelText('Message de fermeture (facultatif)') as HTMLTextAreaElement).value;
    expect(closed()).toContain('du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h');
    fireEvent.click(screen.getByLabelText('Vendredi'));
    expect(closed()).toContain('du lundi au jeudi de 9 h à 12 h et de 14 h à 18 h');
    fireEvent.change(screen.getByLabelText('Langue des messages'), { target: { value: 'en-GB' } });
    expect(closed()).toContain('We are open Monday to Thursday');
    const welcome = screen.getByLabelText(/^Message d’accueil/) as HTMLTextAreaElement;
    expect(welcome.value).toMatch(/^Hello and welcome/);
    type(/^Message d’accueil/, 'Bonjour !');
    fireEvent.change(screen.getByLabelText('Langue des messages'), { target: { value: 'fr-FR' } });
    expect(welcome.value).toBe('Bonjour !');
  });

  it('adds a second range, removes it, and copies Monday to the other open days', () => {
    const { created } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Retirer la seconde plage du Lundi' }));
    expect(screen.queryByLabelText('Lundi, début de la plage 2')).toBeNull();
    type('Lundi, fin de la plage 1', '17:30');
    fireEvent.click(
      screen.getByRole('button', { name: 'Appliquer les horaires du lundi aux autres jours ouverts' }),
    );
    type('Nom de l’utilisateur 1', 'Léa');
    fireEvent.click(screen.getByRole('button', { name: 'Créer le flux' }));
    const weekly = created().schedules[0]!.weekly;
    expect(weekly.fri).toEqual([['09:00', '17:30']]);
    expect(weekly.sat).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une seconde plage le Mardi' }));
    expect(screen.getByLabelText('Mardi, début de la plage 2')).toBeTruthy();
  });

  it('orders the users for the cascade', async () => {
    const { created } = renderForm('en');
    type('Name of user 1', 'First');
    fireEvent.click(screen.getByRole('button', { name: 'Add a user' }));
    // The new row's name field takes the focus.
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(document.activeElement).toBe(screen.getByLabelText('Name of user 2'));
    type('Name of user 2', 'Second');
    fireEvent.click(screen.getByRole('button', { name: 'Move user 2 up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create the flow' }));
    expect(created().agents.map((a) => a.name)).toEqual(['Second', 'First']);
    expect(created().nodes.map((n) => n.id)).toEqual(['welcome', 'hours', 'ring', 'voicemail', 'closed']);
  });

  it('ignores blank user rows', () => {
    const { created } = renderForm('en');
    type('Name of user 1', 'Only');
    fireEvent.click(screen.getByRole('button', { name: 'Add a user' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create the flow' }));
    expect(created().agents.map((a) => a.name)).toEqual(['Only']);
  });

  it('reuses users of the open flow with their ids', () => {
    const agents: Agent[] = [
      { id: 'alice', name: 'Alice', extension: '201' },
      { id: 'bob', name: 'Bob' },
    ];
    const { created } = renderForm('en', agents);
    fireEvent.click(screen.getByLabelText('Bob'));
    fireEvent.click(screen.getByLabelText('Alice (extension 201)'));
    expect(screen.getByText('User 2: Alice, from the open flow')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Bob'));
    fireEvent.click(screen.getByRole('button', { name: 'Create the flow' }));
    expect(created().agents).toEqual([{ id: 'alice', name: 'Alice', extension: '201' }]);
  });
});
