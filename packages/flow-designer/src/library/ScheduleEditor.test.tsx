import type { FlowDocument, Locale } from '@ringflow/flow-core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flowOf } from '../../test/fixtures.js';
import { LibraryHarness } from './LibraryHarness.js';
import { ScheduleEditor } from './ScheduleEditor.js';

const office = () =>
  flowOf({
    format: 'ringflow.flow/v1',
    id: 'hours',
    name: 'Hours',
    timezone: 'Europe/Paris',
    entry: 'bye',
    schedules: [
      {
        id: 'office',
        name: 'Bureau',
        weekly: { mon: [['08:45', '12:00']], fri: [['22:00', '02:00']] },
      },
    ],
    nodes: [{ id: 'bye', kind: 'hangup' }],
  });

function renderSchedule(flow: FlowDocument = office(), locale?: Locale) {
  const state = { flow };
  const view = render(
    <LibraryHarness flow={flow} locale={locale} onChange={(next) => (state.flow = next)}>
      <ScheduleEditor scheduleId="office" />
    </LibraryHarness>,
  );
  const schedule = () => state.flow.schedules[0]!;
  return { ...view, state, schedule };
}

/** The grid cell whose accessible name starts with `name` (found by attribute: the grid is large). */
function cell(name: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[role="gridcell"][aria-label^="${name}"]`);
  if (found === null) throw new Error(`no grid cell "${name}"`);
  return found;
}
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

afterEach(() => {
  vi.useRealTimers();
});

describe('the weekly hours grid', () => {
  it('shows each half hour with its day, times and state', () => {
    renderSchedule();
    expect(cell('Lundi 08:00–08:30').getAttribute('aria-label')).toBe('Lundi 08:00–08:30, fermé');
    expect(cell('Lundi 08:30–09:00').getAttribute('aria-label')).toBe('Lundi 08:30–09:00, ouvert en partie');
    expect(cell('Lundi 09:00–09:30').getAttribute('aria-label')).toBe('Lundi 09:00–09:30, ouvert');
    // Friday night runs into Saturday morning.
    expect(cell('Samedi 01:30–02:00').getAttribute('aria-label')).toBe('Samedi 01:30–02:00, ouvert');
    expect(document.querySelectorAll('[role="gridcell"]')).toHaveLength(7 * 48);
  });

  it('paints a rectangle open by dragging with the pointer, as one edit', () => {
    const { schedule } = renderSchedule();
    fireEvent.pointerDown(cell('Mardi 09:00–09:30'), { button: 0, pointerId: 1 });
    fireEvent.pointerOver(cell('Mercredi 10:00–10:30'), { pointerId: 1 });
    fireEvent.pointerOver(cell('Jeudi 11:30–12:00'), { pointerId: 1 });
    // The rectangle is previewed before it is applied.
    expect(cell('Mercredi 11:00–11:30').getAttribute('data-state')).toBe('open');
    expect(schedule().weekly.wed).toEqual([]);
    fireEvent.pointerUp(cell('Jeudi 11:30–12:00'), { pointerId: 1 });
    expect(schedule().weekly.tue).toEqual([['09:00', '12:00']]);
    expect(schedule().weekly.wed).toEqual([['09:00', '12:00']]);
    expect(schedule().weekly.thu).toEqual([['09:00', '12:00']]);
    expect(schedule().weekly.mon).toEqual([['08:45', '12:00']]);
  });

  it('closes by dragging from an open half hour, keeping the exact minutes around', () => {
    const { schedule } = renderSchedule();
    fireEvent.pointerDown(cell('Lundi 10:00–10:30'), { button: 0, pointerId: 1 });
    fireEvent.pointerOver(cell('Lundi 10:30–11:00'), { pointerId: 1 });
    fireEvent.pointerUp(window, { pointerId: 1 });
    expect(schedule().weekly.mon).toEqual([
      ['08:45', '10:00'],
      ['11:00', '12:00'],
    ]);
    // A single click opens a partly open half hour fully.
    fireEvent.pointerDown(cell('Lundi 08:30–09:00'), { button: 0, pointerId: 1 });
    fireEvent.pointerUp(window, { pointerId: 1 });
    expect(schedule().weekly.mon).toEqual([
      ['08:30', '10:00'],
      ['11:00', '12:00'],
    ]);
  });

  it('is driven by the keyboard: one tab stop, arrows to move, Space to open or close', () => {
    const { schedule } = renderSchedule();
    const grid = screen.getByRole('grid');
    const focusable = [...grid.querySelectorAll<HTMLElement>('[role="gridcell"]')].filter(
      (element) => element.tabIndex === 0,
    );
    expect(focusable).toHaveLength(1);
    const start = focusable[0]!;
    expect(start.getAttribute('aria-label')).toBe('Lundi 09:00–09:30, ouvert');
    start.focus();
    fireEvent.keyDown(start, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Mardi 09:30–10:00, fermé');
    expect((document.activeElement as HTMLElement).tabIndex).toBe(0);
    expect(start.tabIndex).toBe(-1);
    fireEvent.keyDown(document.activeElement!, { key: ' ' });
    expect(schedule().weekly.tue).toEqual([['09:30', '10:00']]);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Mardi 09:30–10:00, ouvert');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(schedule().weekly.tue).toEqual([['09:30', '10:30']]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    fireEvent.keyDown(document.activeElement!, { key: ' ' });
    expect(schedule().weekly.tue).toEqual([['10:00', '10:30']]);
    fireEvent.keyDown(document.activeElement!, { key: 'Delete' });
    expect(schedule().weekly.tue).toEqual([['10:00', '10:30']]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement!, { key: 'Backspace' });
    expect(schedule().weekly.tue).toEqual([]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Mardi 23:30–24:00/);
  });
});

describe('exact hours', () => {
  it('takes ranges to the minute, past midnight too, and the grid follows', () => {
    const { schedule } = renderSchedule();
    const tuesday = screen.getByLabelText('Mardi');
    type(tuesday, '08:45-12:30, 13:15–18:00');
    expect(schedule().weekly.tue).toEqual([
      ['08:45', '12:30'],
      ['13:15', '18:00'],
    ]);
    expect(cell('Mardi 13:00–13:30').getAttribute('data-state')).toBe('partial');
    type(screen.getByLabelText('Dimanche'), '22:00-1:30');
    expect(schedule().weekly.sun).toEqual([['22:00', '01:30']]);
    expect(cell('Lundi 01:00–01:30').getAttribute('data-state')).toBe('open');
    type(tuesday, '');
    expect(schedule().weekly.tue).toEqual([]);
  });

  it('applies Monday’s hours to the rest of the working week in one step', () => {
    const { schedule } = renderSchedule();
    fireEvent.click(
      screen.getByRole('button', { name: 'Appliquer les horaires du lundi du mardi au vendredi' }),
    );
    for (const day of ['tue', 'wed', 'thu', 'fri'] as const)
      expect(schedule().weekly[day]).toEqual([['08:45', '12:00']]);
    expect(schedule().weekly.sat).toEqual([]);
  });

  it('shows the grid’s changes in the text, written the usual way', () => {
    renderSchedule();
    fireEvent.pointerDown(cell('Jeudi 14:00–14:30'), { button: 0, pointerId: 1 });
    fireEvent.pointerUp(window, { pointerId: 1 });
    expect((screen.getByLabelText('Jeudi') as HTMLInputElement).value).toBe('14:00–14:30');
  });

  it('shows flow-core’s message beside a malformed or empty range', () => {
    const { schedule } = renderSchedule();
    const wednesday = screen.getByLabelText('Mercredi');
    type(wednesday, '25:00-26:00');
    expect(schedule().weekly.wed).toEqual([['25:00', '26:00']]);
    const day = wednesday.closest('.rf-lib-ranges') as HTMLElement;
    expect(within(day).getByText(/Heure "25:00" invalide/)).toBeTruthy();
    expect(wednesday.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Impossible de dire si c’est ouvert/)).toBeTruthy();

    type(wednesday, '10:00-10:00');
    expect(within(day).getByText(/La plage 10:00-10:00 est vide/)).toBeTruthy();

    type(wednesday, '10:00');
    expect(within(day).getByText(/Écrivez des plages HH:MM–HH:MM/)).toBeTruthy();
    // What cannot be read as ranges is not written.
    expect(schedule().weekly.wed).toEqual([['10:00', '10:00']]);
  });

  it('reports overlapping ranges next to the day concerned', () => {
    renderSchedule();
    const thursday = screen.getByLabelText('Jeudi');
    type(thursday, '09:00-12:00, 11:00-13:00');
    const day = thursday.closest('.rf-lib-ranges') as HTMLElement;
    expect(within(day).getByText(/chevauch/)).toBeTruthy();
  });
});

describe('closures, special hours and public holidays', () => {
  it('adds a one-day closure, turns it into a period and a yearly date, and removes it', () => {
    const { schedule } = renderSchedule();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une fermeture' }));
    expect(schedule().closures).toHaveLength(1);
    const row = () => screen.getByRole('group', { name: /^Fermeture 1/ });
    type(within(row()).getByLabelText('Motif'), 'Inventaire');
    type(within(row()).getByLabelText('Date'), '2026-07-14');
    expect(schedule().closures[0]).toEqual({ name: 'Inventaire', date: '2026-07-14' });

    fireEvent.change(within(row()).getByLabelText('Type'), { target: { value: 'period' } });
    expect(schedule().closures[0]).toEqual({ name: 'Inventaire', from: '2026-07-14', to: '2026-07-14' });
    type(within(row()).getByLabelText('Au (inclus)'), '2026-07-10');
    expect(within(row()).getByText(/2026-07-10/, { selector: '.rf-lib-issue' })).toBeTruthy();
    type(within(row()).getByLabelText('Au (inclus)'), '2026-07-20');
    expect(schedule().closures[0]).toEqual({ name: 'Inventaire', from: '2026-07-14', to: '2026-07-20' });

    fireEvent.change(within(row()).getByLabelText('Type'), { target: { value: 'every' } });
    expect(schedule().closures[0]).toEqual({ name: 'Inventaire', every: '07-14' });
    fireEvent.change(within(row()).getByLabelText('Mois'), { target: { value: '12' } });
    fireEvent.change(within(row()).getByLabelText('Jour'), { target: { value: '25' } });
    expect(schedule().closures[0]).toEqual({ name: 'Inventaire', every: '12-25' });

    fireEvent.click(within(row()).getByRole('button', { name: 'Retirer la fermeture « Inventaire »' }));
    expect(schedule().closures).toEqual([]);
  });

  it('adds special hours, closed all day or with their own ranges', () => {
    const { schedule } = renderSchedule();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un jour spécial' }));
    const row = () => screen.getByRole('group', { name: /^Jour spécial 1/ });
    type(within(row()).getByLabelText('Date'), '2026-12-24');
    type(within(row()).getByLabelText('Nom'), 'Réveillon');
    type(within(row()).getByLabelText('Horaires du jour spécial Réveillon'), '08:30-12:15');
    expect(schedule().specialHours).toEqual([
      { date: '2026-12-24', name: 'Réveillon', hours: [['08:30', '12:15']] },
    ]);
    fireEvent.click(within(row()).getByRole('checkbox', { name: 'Fermé toute la journée' }));
    expect(schedule().specialHours[0]?.hours).toEqual([]);
    expect(within(row()).queryByLabelText('Horaires du jour spécial Réveillon')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un jour spécial' }));
    type(within(screen.getByRole('group', { name: /^Jour spécial 2/ })).getByLabelText('Date'), '2026-12-24');
    expect(
      within(screen.getByRole('group', { name: /^Jour spécial 2/ })).getByText(/2026-12-24/, {
        selector: '.rf-lib-issue',
      }),
    ).toBeTruthy();
  });

  it('follows public holidays of a country and region, checked by flow-core', () => {
    const { schedule } = renderSchedule();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Fermé les jours fériés' }));
    expect(schedule().publicHolidays).toEqual({ country: 'FR' });
    expect(screen.getByText(/^Jours fériés \d{4} \(\d+\)$/)).toBeTruthy();
    type(screen.getByLabelText('Région (code)'), '57');
    expect(schedule().publicHolidays).toEqual({ country: 'FR', region: '57' });
    type(screen.getByLabelText('Région (code)'), '99');
    expect(screen.getByText(/n’a pas de région "99"/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Pays'), { target: { value: 'BE' } });
    expect(schedule().publicHolidays).toEqual({ country: 'BE' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Fermé les jours fériés' }));
    expect(schedule().publicHolidays).toBeUndefined();
  });
});

describe('the schedule editor', () => {
  it('says whether the schedule is open right now, through flow-core', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Monday 2026-11-23, 10:00 in Paris.
    vi.setSystemTime(new Date('2026-11-23T09:00:00Z'));
    const { unmount } = renderSchedule();
    expect(screen.getByText(/^Ouvert en ce moment jusqu’à lundi 23 novembre à 12:00/)).toBeTruthy();
    unmount();
    // Monday 13:00 in Paris: closed until Friday evening.
    vi.setSystemTime(new Date('2026-11-23T12:00:00Z'));
    renderSchedule();
    expect(screen.getByText(/^Fermé en ce moment ouverture vendredi 27 novembre à 22:00/)).toBeTruthy();
  });

  it('names the schedule and sets or clears its own time zone', () => {
    const { schedule } = renderSchedule();
    type(screen.getByLabelText('Nom de l’horaire'), 'Bureau de Lyon');
    expect(schedule().name).toBe('Bureau de Lyon');
    expect(screen.getByRole('status', { name: 'Fuseau horaire' }).textContent).toBe(
      'Celui du flux (Europe/Paris)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Changer le fuseau horaire' }));
    const zone = screen.getByLabelText('Fuseau horaire') as HTMLSelectElement;
    expect(document.activeElement).toBe(zone);
    expect(zone.value).toBe('');
    expect(zone.selectedOptions[0]?.textContent).toBe('Celui du flux (Europe/Paris)');
    fireEvent.change(zone, { target: { value: 'America/New_York' } });
    expect(schedule().timezone).toBe('America/New_York');
    fireEvent.change(zone, { target: { value: '' } });
    expect(schedule().timezone).toBeUndefined();
  });

  it('speaks English', () => {
    const { schedule } = renderSchedule(office(), 'en');
    expect(cell('Monday 09:00–09:30').getAttribute('aria-label')).toBe('Monday 09:00–09:30, open');
    type(screen.getByLabelText('Tuesday'), '9-17');
    expect(schedule().weekly.tue).toEqual([['09:00', '17:00']]);
    type(screen.getByLabelText('Tuesday'), '09:00-25:00');
    expect(screen.getByText(/Invalid time "25:00"|"25:00"/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add a closure' })).toBeTruthy();
  });

  it('says so when the schedule does not exist', () => {
    renderSchedule();
    render(
      <LibraryHarness flow={office()}>
        <ScheduleEditor scheduleId="nowhere" />
      </LibraryHarness>,
    );
    expect(screen.getByText('L’horaire « nowhere » n’existe pas dans ce flux.')).toBeTruthy();
  });
});
