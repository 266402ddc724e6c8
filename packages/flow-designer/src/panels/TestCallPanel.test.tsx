import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { canvasNode, renderDesigner, sidePanel } from '../../test/render.js';
import { scenarioFromForm } from './TestCallPanel.js';

function runCall(panel: ReturnType<typeof sidePanel>, at: string, run = 'Run', date = /Date and time/) {
  fireEvent.change(panel.getByLabelText(date), { target: { value: at } });
  fireEvent.click(panel.getByRole('button', { name: run }));
}

function text(panel: ReturnType<typeof sidePanel>, selector: string): string | null | undefined {
  return panel.element.querySelector(selector)?.textContent;
}

describe('the test call panel', () => {
  it('answers a weekday call with the first agent of the cascade', () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = sidePanel('Test call');
    expect(panel.getByLabelText('Date and time (Europe/Paris)')).toBeTruthy();
    expect(panel.getByLabelText('Status of Léa Fontaine')).toBeTruthy();
    runCall(panel, '2026-11-24T10:30');
    expect(text(panel, '.rf-test-call-outcome')).toBe('answered');
    expect(text(panel, '.rf-test-call-answered-by')).toBe('Léa Fontaine (lea)');
    expect(text(panel, '.rf-test-call-legs')).toContain('ANSWERED');
    expect(text(panel, '.rf-test-call-timeline')).toContain('node.entered');
  });

  it('lets an agent decline: the next one answers', () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = sidePanel('Test call');
    fireEvent.change(panel.getByLabelText('Behaviour of Léa Fontaine'), { target: { value: 'rejects' } });
    runCall(panel, '2026-11-24T10:30');
    expect(text(panel, '.rf-test-call-outcome')).toBe('answered');
    expect(text(panel, '.rf-test-call-answered-by')).not.toContain('lea');
    expect(text(panel, '.rf-test-call-legs')).toContain('REJECTED');
  });

  it('misses a Christmas-day call because the agency is closed, in French', () => {
    renderDesigner(exampleFlow('onoff-greeting'));
    const panel = sidePanel('Appel de test');
    runCall(panel, '2026-12-25T10:30', 'Lancer', /Date et heure/);
    expect(text(panel, '.rf-test-call-outcome')).toBe('missed');
    expect(text(panel, '.rf-test-call-missed-reason')).toBe('closed');
  });

  it('plays the path back on the canvas step by step', () => {
    const { container } = renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = sidePanel('Test call');
    runCall(panel, '2026-11-24T10:30');
    const isCurrent = (id: string) => canvasNode(container, id).element.classList.contains('rf-node-current');
    expect(isCurrent('accueil')).toBe(true);
    expect(isCurrent('horaires')).toBe(false);
    expect(panel.getByText(/^Step 1\/3/)).toBeTruthy();

    fireEvent.click(panel.getByRole('button', { name: 'Next step' }));
    expect(isCurrent('accueil')).toBe(false);
    expect(isCurrent('horaires')).toBe(true);
    expect(canvasNode(container, 'accueil').element.classList.contains('rf-node-visited')).toBe(true);
    expect(container.querySelector('.react-flow__edge.rf-edge-taken')).not.toBeNull();

    fireEvent.click(panel.getByRole('button', { name: 'Back to start' }));
    expect(isCurrent('accueil')).toBe(true);
  });

  it('rejects an anonymous caller on a flow that refuses hidden numbers', () => {
    renderDesigner(exampleFlow('ringover-standard'), 'en');
    const panel = sidePanel('Test call');
    fireEvent.click(panel.getByLabelText('Anonymous caller (hidden number)'));
    runCall(panel, '2026-11-24T10:00');
    expect(text(panel, '.rf-test-call-outcome')).toBe('rejected');
  });

  it('shows flow-core’s scenario problems instead of running', () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = sidePanel('Test call');
    fireEvent.change(panel.getByLabelText('Caller number (E.164)'), { target: { value: 'not a number' } });
    runCall(panel, '2026-11-24T10:30');
    expect(panel.getByRole('alert').textContent).not.toBe('');
    expect(panel.element.querySelector('.rf-test-call-outcome')).toBeNull();
  });
});

describe('scenarioFromForm', () => {
  it('turns typed keys into inputs, "-" being a step where nothing is typed', () => {
    const scenario = scenarioFromForm(
      {
        at: '2026-07-01T09:00',
        from: '+33600000001',
        anonymous: false,
        to: '+33100000000',
        agents: { a: { status: 'snooze', behaviour: 'never', answerAfterSeconds: 3 } },
        digits: ' 1  - 23 ',
      },
      'Europe/Paris',
    );
    expect(scenario).toEqual({
      call: { from: '+33600000001', to: '+33100000000', at: '2026-07-01T09:00:00+02:00' },
      agents: { a: { status: 'snooze', answer: 'never' } },
      caller: { inputs: ['1', null, '23'] },
    });
  });
});
