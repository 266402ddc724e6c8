import { simulateCall } from '@ringflow/flow-core';
import { fireEvent } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { canvasNode, renderDesigner, sidePanel } from '../../test/render.js';
import { forgetSimulationForms } from '../simulation/remember.js';
import { scenarioFromForm } from './TestCallPanel.js';
import type { TestCallForm } from './TestCallPanel.js';

type Panel = Awaited<ReturnType<typeof sidePanel>>;

function runCall(panel: Panel, at: string, run = 'Run', date = /Date and time/) {
  fireEvent.change(panel.getByLabelText(date), { target: { value: at } });
  fireEvent.click(panel.getByRole('button', { name: run }));
}

function text(panel: Panel, selector: string): string | null | undefined {
  return panel.element.querySelector(selector)?.textContent;
}

function outcome(panel: Panel): string | null | undefined {
  return panel.element.querySelector('.rf-test-call-outcome')?.getAttribute('data-outcome');
}

beforeEach(() => {
  forgetSimulationForms();
});

describe('the test call panel', () => {
  it('answers a weekday call with the first agent of the cascade, in words and node labels', async () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = await sidePanel('Test call');
    expect(panel.getByLabelText('Date and time (Europe/Paris)')).toBeTruthy();
    expect(panel.getByLabelText('Status of Léa Fontaine')).toBeTruthy();
    runCall(panel, '2026-11-24T10:30');
    expect(outcome(panel)).toBe('answered');
    expect(text(panel, '.rf-test-call-outcome')).toBe('Answered');
    expect(text(panel, '.rf-test-call-answered-by')).toBe('Léa Fontaine (lea)');
    expect(text(panel, '.rf-test-call-legs')).toContain('Answered ANSWERED');
    const timeline = text(panel, '.rf-test-call-timeline');
    expect(timeline).toContain('Enters "Message d’accueil"');
    expect(timeline).toContain('Leaves "Message d’accueil" through "Next"');
    expect(timeline).toContain('Schedule "Horaires ouvrés": open');
    // Times are the flow's wall-clock times, not UTC.
    expect(timeline).toMatch(/^10:30:00 \+0 s Call from \+33639980000 to \+33199000000/);
  });

  it('lets an agent decline: the next one answers', async () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = await sidePanel('Test call');
    fireEvent.change(panel.getByLabelText('Behaviour of Léa Fontaine'), { target: { value: 'rejects' } });
    expect(panel.getByLabelText<HTMLInputElement>('Rejects after (s): Léa Fontaine').value).toBe('2');
    runCall(panel, '2026-11-24T10:30');
    expect(outcome(panel)).toBe('answered');
    expect(text(panel, '.rf-test-call-answered-by')).not.toContain('lea');
    expect(text(panel, '.rf-test-call-legs')).toContain('REJECTED');
  });

  it('misses a Christmas-day call because the agency is closed, in French', async () => {
    renderDesigner(exampleFlow('onoff-greeting'));
    const panel = await sidePanel('Appel de test');
    runCall(panel, '2026-12-25T10:30', 'Lancer', /Date et heure/);
    expect(text(panel, '.rf-test-call-outcome')).toBe('Manqué');
    expect(text(panel, '.rf-test-call-missed-reason')).toBe('fermé');
    expect(text(panel, '.rf-test-call-timeline')).toContain(
      'Horaire « Horaires ouvrés » : fermeture ou jour férié',
    );
  });

  it('is abandoned when the caller hangs up before anyone answers', async () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = await sidePanel('Test call');
    fireEvent.click(panel.getByLabelText('The caller hangs up by themselves'));
    fireEvent.change(panel.getByLabelText('Hangs up after (s)'), { target: { value: '4' } });
    runCall(panel, '2026-11-24T10:30');
    expect(outcome(panel)).toBe('abandoned');
    expect(text(panel, '.rf-test-call-outcome')).toBe('Abandoned');
    expect(text(panel, '.rf-test-call-missed-reason')).toBe('the caller hung up');
    expect(text(panel, '.rf-test-call-timeline')).toContain('The caller hangs up');
  });

  it('lets the on-call mobile answer at night: the call is forwarded', async () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = await sidePanel('Test call');
    runCall(panel, '2026-11-24T22:00');
    expect(outcome(panel)).toBe('missed');
    const mobile = 'Behaviour of Marc Delmas (gérant, astreinte) (+33639980100)';
    fireEvent.change(panel.getByLabelText(mobile), { target: { value: 'answers' } });
    fireEvent.click(panel.getByRole('button', { name: 'Run' }));
    expect(outcome(panel)).toBe('forwarded');
    expect(text(panel, '.rf-test-call-legs')).toContain('Marc Delmas (gérant, astreinte) (+33639980100)');
  });

  it('sends poll answers and the recording opt-out, and says which agents are out of planning', async () => {
    renderDesigner(exampleFlow('ringover-standard'), 'en');
    const panel = await sidePanel('Test call');
    fireEvent.change(panel.getByLabelText('Behaviour of Claire Dubois'), { target: { value: 'never' } });
    fireEvent.change(panel.getByLabelText(/^Keys typed/), { target: { value: '1 5 3' } });
    fireEvent.click(panel.getByLabelText('Refuses the recording (key * during the notice)'));
    fireEvent.change(panel.getByLabelText('Date and time (Europe/Paris)'), {
      target: { value: '2026-11-23T09:30' },
    });
    expect(
      panel.getByText(
        /^Planning "Planning horaire de Sarah \(temps partiel\)": (within|out of) planning at that time/,
      ),
    ).toBeTruthy();
    fireEvent.click(panel.getByRole('button', { name: 'Run' }));
    expect(outcome(panel)).toBe('answered');
    expect(text(panel, '.rf-test-call-polls')).toContain('5');
    expect(text(panel, '.rf-test-call-recording')).toBe('Refused by the caller');
    expect(text(panel, '.rf-test-call-timeline')).toContain('The caller refuses the recording');
  });

  it('plays the path back on the canvas step by step', async () => {
    const { container } = renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = await sidePanel('Test call');
    runCall(panel, '2026-11-24T10:30');
    const isCurrent = (id: string) => canvasNode(container, id).element.classList.contains('rf-node-current');
    expect(isCurrent('accueil')).toBe(true);
    expect(isCurrent('horaires')).toBe(false);
    expect(panel.getByText(/^Step 1\/3: Message d’accueil/)).toBeTruthy();

    fireEvent.click(panel.getByRole('button', { name: 'Next step' }));
    expect(isCurrent('accueil')).toBe(false);
    expect(isCurrent('horaires')).toBe(true);
    expect(canvasNode(container, 'accueil').element.classList.contains('rf-node-visited')).toBe(true);
    expect(container.querySelector('.react-flow__edge.rf-edge-taken')).not.toBeNull();

    fireEvent.click(panel.getByRole('button', { name: 'Back to start' }));
    expect(isCurrent('accueil')).toBe(true);
  });

  it('rejects an anonymous caller on a flow that refuses hidden numbers', async () => {
    renderDesigner(exampleFlow('ringover-standard'), 'en');
    const panel = await sidePanel('Test call');
    fireEvent.click(panel.getByLabelText('Anonymous caller (hidden number)'));
    runCall(panel, '2026-11-24T10:00');
    expect(outcome(panel)).toBe('rejected');
    expect(text(panel, '.rf-test-call-timeline')).toContain('Call rejected: hidden number refused');
  });

  it('shows flow-core’s scenario problems instead of running', async () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = await sidePanel('Test call');
    fireEvent.change(panel.getByLabelText('Caller number (E.164)'), { target: { value: 'not a number' } });
    runCall(panel, '2026-11-24T10:30');
    expect(panel.getByRole('alert').textContent).not.toBe('');
    expect(panel.element.querySelector('.rf-test-call-outcome')).toBeNull();
  });

  it('asks for a date when there is none', async () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    const panel = await sidePanel('Test call');
    runCall(panel, '');
    expect(panel.getByRole('alert').textContent).toBe('Choose a date and time.');
  });

  it('says a flow with errors cannot be simulated, instead of crashing', async () => {
    renderDesigner({ ...exampleFlow('onoff-greeting'), entry: 'nowhere' }, 'en');
    const panel = await sidePanel('Test call');
    expect(panel.getByText(/^This flow has 1 error\(s\): it cannot be simulated/)).toBeTruthy();
    expect(panel.getByRole<HTMLButtonElement>('button', { name: 'Run' }).disabled).toBe(true);
    fireEvent.submit(panel.getByRole('button', { name: 'Run' }));
    expect(panel.getByRole('alert').textContent).toMatch(/cannot be simulated/);
    expect(panel.element.querySelector('.rf-test-call-outcome')).toBeNull();
  });

  it('remembers the form and the last call when the tab is left and opened again', async () => {
    renderDesigner(exampleFlow('onoff-greeting'), 'en');
    let panel = await sidePanel('Test call');
    fireEvent.change(panel.getByLabelText('Status of Hugo Mercier'), { target: { value: 'snooze' } });
    runCall(panel, '2026-11-24T10:30');
    await sidePanel('Problems');
    panel = await sidePanel('Test call');
    expect(panel.getByLabelText<HTMLInputElement>('Date and time (Europe/Paris)').value).toBe(
      '2026-11-24T10:30',
    );
    expect(panel.getByLabelText<HTMLSelectElement>('Status of Hugo Mercier').value).toBe('snooze');
    expect(outcome(panel)).toBe('answered');
  });

  it('shows the scenario it ran, which the CLI gives the same result for', async () => {
    const flow = exampleFlow('onoff-greeting');
    renderDesigner(flow, 'en');
    const panel = await sidePanel('Test call');
    runCall(panel, '2026-11-24T13:00');
    const json = panel.element.querySelector('.rf-sim-json')?.textContent ?? '';
    expect(simulateCall(flow, JSON.parse(json)).outcome).toBe(outcome(panel));
  });
});

describe('scenarioFromForm', () => {
  const form: TestCallForm = {
    at: '2026-07-01T09:00',
    from: '+33600000001',
    anonymous: false,
    to: '+33100000000',
    agents: { a: { status: 'snooze', behaviour: 'never', answerAfterSeconds: 3 } },
    digits: ' 1  - 23 ',
  };

  it('turns typed keys into inputs, "-" being a step where nothing is typed', async () => {
    expect(scenarioFromForm(form, 'Europe/Paris')).toEqual({
      call: { from: '+33600000001', to: '+33100000000', at: '2026-07-01T09:00:00+02:00' },
      agents: { a: { status: 'snooze', answer: 'never' } },
      caller: { inputs: ['1', null, '23'] },
    });
  });

  it('says when the caller hangs up, refuses the recording, and how long talks and messages last', async () => {
    const scenario = scenarioFromForm(
      {
        ...form,
        anonymous: true,
        hangupAfterSeconds: 12,
        optOutOfRecording: true,
        talkSeconds: 90,
        messageSeconds: 20,
        agents: {
          a: { status: 'available', behaviour: 'rejects', answerAfterSeconds: 3, rejectAfterSeconds: 4 },
        },
        numbers: {
          '+33612345678': { behaviour: 'answers', answerAfterSeconds: 7 },
          '+33612345679': { behaviour: 'busy', answerAfterSeconds: 7 },
          '+33612345670': { behaviour: 'never', answerAfterSeconds: 7 },
        },
      },
      'Europe/Paris',
    );
    expect(scenario).toEqual({
      call: { from: null, to: '+33100000000', at: '2026-07-01T09:00:00+02:00' },
      agents: { a: { status: 'available', reject: true, rejectAfterSeconds: 4 } },
      numbers: { '+33612345678': { answerAfterSeconds: 7 }, '+33612345679': { busy: true } },
      caller: { inputs: ['1', null, '23'], hangupAfterSeconds: 12, optOutOfRecording: true },
      talkSeconds: 90,
    });
  });

  it('has no scenario without a date', async () => {
    expect(scenarioFromForm({ ...form, at: '' }, 'Europe/Paris')).toBeUndefined();
  });
});
