import type { FlowDocument, Locale } from '@ringflow/flow-core';
import { act, fireEvent, render, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { canvasNode, renderDesigner, sidePanel } from '../../test/render.js';
import { DesignerProviders } from '../FlowDesigner.js';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { forgetSimulationForms } from './remember.js';
import { WeekView } from './WeekView.js';

type Queries = ReturnType<typeof within>;
interface View extends Queries {
  readonly element: HTMLElement;
}

// A week is 336 simulated calls rendered as 336 buttons: slow enough in jsdom to need room.
const WEEK_TEST_MS = 60_000;

/** Picks a week, runs it, and waits for the summary (a plain selector: role queries over 336 cells are slow in jsdom). */
async function runWeek(view: View, week: string, { label = /^Week of/, run = 'Simulate the week' } = {}) {
  fireEvent.change(view.getByLabelText(label), { target: { value: week } });
  fireEvent.click(view.getByRole('button', { name: run }));
  return waitFor(
    () => {
      const summary = view.element.querySelector('.rf-week-summary');
      if (summary === null) throw new Error('the week is still running');
      return summary.textContent;
    },
    { timeout: 40_000 },
  );
}

/** The heatmap cell whose accessible name is `name` (its aria-label), which must be a button. */
function cell(view: View, name: string): HTMLButtonElement {
  const grid = view.getByRole('grid', { name: /(Outcome of each call|Issue de chaque appel)/ });
  const found = [...grid.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name);
  if (found === undefined) throw new Error(`no cell named "${name}"`);
  return found;
}

function renderWeek(flow: FlowDocument, locale: Locale = 'en') {
  const onHighlight = vi.fn<(highlight: CanvasHighlight | null) => void>();
  const rendered = render(
    <DesignerProviders flow={flow} locale={locale}>
      <WeekView flow={flow} onHighlight={onHighlight} />
    </DesignerProviders>,
  );
  const view: View = { element: rendered.container, ...within(rendered.container) };
  return { view, onHighlight };
}

beforeEach(() => {
  forgetSimulationForms();
});

describe('the week view', () => {
  it(
    'answers on weekday business hours, misses at night and on Sunday, and plays a chosen cell on the canvas',
    async () => {
      const { container } = renderDesigner(exampleFlow('onoff-greeting'), 'en');
      let panel = await sidePanel('Week');
      // Any day picks its week, Monday first.
      const summary = await runWeek(panel, '2026-11-26');
      expect(panel.getByLabelText<HTMLInputElement>(/^Week of/).value).toBe('2026-11-23');
      expect(summary).toBe('The caller talks to nobody in 71% of the slots (239 of 336).');
      expect(panel.element.querySelectorAll('.rf-week-grid button')).toHaveLength(336);
      expect(cell(panel, 'Tuesday 10:30: answered by Léa Fontaine').dataset['outcome']).toBe('answered');
      expect(cell(panel, 'Saturday 10:00: answered by Léa Fontaine').dataset['outcome']).toBe('answered');
      expect(cell(panel, 'Tuesday 03:00: missed (nobody answered)').dataset['outcome']).toBe('missed');
      expect(cell(panel, 'Tuesday 13:00: missed (nobody answered)').dataset['outcome']).toBe('missed');
      expect(cell(panel, 'Sunday 10:30: missed (nobody answered)').dataset['outcome']).toBe('missed');
      const legend = panel.getByRole('list', { name: 'Legend' });
      expect(within(legend).getByText('Answered: 97')).toBeTruthy();
      expect(within(legend).getByText('Missed: 239')).toBeTruthy();

      // A cell plays its call on the canvas at its last step and shows it under the grid.
      fireEvent.click(cell(panel, 'Tuesday 10:30: answered by Léa Fontaine'));
      expect(canvasNode(container, 'boucle-appel').element.classList.contains('rf-node-current')).toBe(true);
      expect(canvasNode(container, 'accueil').element.classList.contains('rf-node-visited')).toBe(true);
      expect(panel.getByRole('heading', { name: 'Call of Tuesday 24 November 10:30' })).toBeTruthy();
      expect(panel.element.querySelector('.rf-week-details .rf-test-call-answered-by')?.textContent).toBe(
        'Léa Fontaine (lea)',
      );

      // Leaving the tab and coming back keeps the week and its result.
      await sidePanel('Problems');
      panel = await sidePanel('Week');
      expect(panel.getByLabelText<HTMLInputElement>(/^Week of/).value).toBe('2026-11-23');
      expect(
        cell(panel, 'Tuesday 10:30: answered by Léa Fontaine').closest('td')?.getAttribute('aria-selected'),
      ).toBe('true');
      expect(canvasNode(container, 'boucle-appel').element.classList.contains('rf-node-current')).toBe(true);
      // A changed setting marks the grid as out of date.
      fireEvent.click(panel.getByLabelText('Anonymous caller (hidden number)'));
      expect(panel.getByText(/settings changed since this simulation/)).toBeTruthy();
    },
    WEEK_TEST_MS,
  );

  it(
    'gives onHighlight the chosen call’s path, and moves between cells with the arrow keys',
    async () => {
      const { view, onHighlight } = renderWeek(exampleFlow('onoff-greeting'));
      await runWeek(view, '2026-11-23');
      fireEvent.click(cell(view, 'Sunday 03:00: missed (nobody answered)'));
      expect(onHighlight).toHaveBeenLastCalledWith({
        path: ['accueil', 'horaires', 'annonce-astreinte', 'astreinte', 'astreinte-injoignable'],
        step: 4,
      });

      const buttons = () => [...view.element.querySelectorAll<HTMLButtonElement>('.rf-week-grid button')];
      expect(buttons().filter((b) => b.tabIndex === 0)).toHaveLength(1);
      const monday9 = cell(view, 'Monday 09:00: answered by Léa Fontaine');
      act(() => monday9.focus());
      fireEvent.keyDown(monday9, { key: 'ArrowRight' });
      expect(document.activeElement).toBe(cell(view, 'Tuesday 09:00: answered by Léa Fontaine'));
      fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
      expect(document.activeElement).toBe(cell(view, 'Tuesday 08:30: missed (nobody answered)'));
      expect(buttons().filter((b) => b.tabIndex === 0)).toEqual([document.activeElement]);
      fireEvent.keyDown(document.activeElement!, { key: 'End' });
      expect(document.activeElement).toBe(cell(view, 'Tuesday 23:30: missed (nobody answered)'));
      fireEvent.click(document.activeElement!);
      expect(onHighlight).toHaveBeenLastCalledWith(expect.objectContaining({ step: 4 }));
    },
    WEEK_TEST_MS,
  );

  it(
    'uses the same agent and number settings as the test call',
    async () => {
      const { view } = renderWeek(exampleFlow('onoff-greeting'));
      for (const name of ['Léa Fontaine', 'Hugo Mercier', 'Inès Benali'])
        fireEvent.change(view.getByLabelText(`Status of ${name}`), { target: { value: 'snooze' } });
      fireEvent.change(view.getByLabelText('Behaviour of Marc Delmas (gérant, astreinte) (+33639980100)'), {
        target: { value: 'answers' },
      });
      const summary = await runWeek(view, '2026-11-23');
      expect(summary).toBe('The caller talks to nobody in 29% of the slots (97 of 336).');
      expect(
        cell(view, 'Tuesday 22:00: forwarded to Marc Delmas (gérant, astreinte) (+33639980100)').dataset[
          'outcome'
        ],
      ).toBe('forwarded');
      expect(cell(view, 'Tuesday 10:30: missed (no agent available)').dataset['outcome']).toBe('missed');
    },
    WEEK_TEST_MS,
  );

  it(
    'speaks French: day names, outcomes and summary',
    async () => {
      const { view } = renderWeek(exampleFlow('onoff-greeting'), 'fr');
      const summary = await runWeek(view, '2026-11-23', { label: /^Semaine du/, run: 'Simuler la semaine' });
      // French puts a no-break space (narrow or not, by ICU version) before %.
      expect(summary?.replace(/\s/g, ' ')).toBe(
        'L’appelant ne parle à personne dans 71 % des créneaux (239 sur 336).',
      );
      expect(cell(view, 'mardi 10:30 : répondu par Léa Fontaine').dataset['outcome']).toBe('answered');
      expect(cell(view, 'dimanche 10:30 : manqué (personne n’a répondu)').dataset['outcome']).toBe('missed');
      expect(view.getByText('Répondu : 97')).toBeTruthy();
    },
    WEEK_TEST_MS,
  );

  it(
    'has no call at the times the clocks skip (Paris, 28 March 2027)',
    async () => {
      const { view, onHighlight } = renderWeek(exampleFlow('onoff-greeting'));
      const summary = await runWeek(view, '2027-03-22');
      expect(summary).toBe('The caller talks to nobody in 71% of the slots (237 of 334).');
      const gap = cell(view, 'Sunday 02:30: this time does not exist (clocks go forward), no call');
      expect(gap.className).toContain('rf-sim-gap');
      fireEvent.click(gap);
      expect(onHighlight).toHaveBeenLastCalledWith(null);
      expect(view.getByText('No call (clock change): 2')).toBeTruthy();
    },
    WEEK_TEST_MS,
  );

  it('can be cancelled before it ends', async () => {
    const { view } = renderWeek(exampleFlow('onoff-greeting'));
    fireEvent.click(view.getByRole('button', { name: 'Simulate the week' }));
    expect(view.getByRole('progressbar', { name: 'Simulating' })).toBeTruthy();
    fireEvent.click(view.getByRole('button', { name: 'Cancel' }));
    expect(view.getByRole('status').textContent).toBe('Simulation cancelled.');
    expect(view.queryByRole('grid')).toBeNull();
    expect(view.queryByRole('progressbar')).toBeNull();
  });

  it('says a flow with errors cannot be simulated, instead of crashing', async () => {
    const { view } = renderWeek({ ...exampleFlow('onoff-greeting'), entry: 'nowhere' });
    expect(view.getByRole('alert').textContent).toMatch(/^This flow has 1 error\(s\)/);
    expect((view.getByRole('button', { name: 'Simulate the week' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});
