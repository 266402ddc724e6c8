import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { DesignerProviders } from '../FlowDesigner.js';
import { GreetingForm } from './GreetingForm.js';

const onoff = exampleFlow('onoff-greeting');

const meta = {
  title: 'App/Greeting form',
  component: GreetingForm,
  render: (args, { globals }) => (
    <DesignerProviders flow={onoff} locale={storyLocale(globals)}>
      <div className="rf-modal-backdrop" style={{ position: 'static', display: 'block' }}>
        <div className="rf-modal" style={{ maxHeight: 'none', width: 900, padding: '1rem' }}>
          <GreetingForm {...args} />
        </div>
      </div>
    </DesignerProviders>
  ),
  args: { onCreate: fn(), onBack: fn() },
} satisfies Meta<typeof GreetingForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The created flow, as the form handed it over. */
function created(onCreate: unknown): FlowDocument {
  return (onCreate as { mock: { lastCall: [FlowDocument] } }).mock.lastCall[0];
}

/**
 * The form with its defaults (Monday to Friday 9:00–12:00 and 14:00–18:00, cascade, voicemail):
 * one user typed in is enough to create a flow that flow-core finds clean.
 */
export const Defaults: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const form = within(canvasElement);
    await expect(
      form.getByLabelText(say('Lundi, début de la plage 1', 'Monday, start of range 1')),
    ).toHaveValue('09:00');
    await expect(form.getByLabelText(say('Samedi', 'Saturday'))).not.toBeChecked();
    await userEvent.type(
      form.getByLabelText(say('Nom de l’utilisateur 1', 'Name of user 1')),
      'Léa Fontaine',
    );
    await userEvent.type(
      form.getByLabelText(say('Poste de l’utilisateur 1 (facultatif)', 'Extension of user 1 (optional)')),
      '101',
    );
    await userEvent.click(form.getByRole('button', { name: say('Créer le flux', 'Create the flow') }));
    await expect(args.onCreate).toHaveBeenCalledTimes(1);
    const flow = created(args.onCreate);
    const report = validateFlow(flow);
    await expect([...report.errors, ...report.warnings]).toEqual([]);
    await expect(flow.agents).toEqual([{ id: 'lea-fontaine', name: 'Léa Fontaine', extension: '101' }]);
  },
};

/** On call when closed: the number is typed as people write it and made E.164. */
export const OnCallWhenClosed: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const form = within(canvasElement);
    await userEvent.type(form.getByLabelText(say('Nom de l’utilisateur 1', 'Name of user 1')), 'Hugo');
    await userEvent.click(
      form.getByLabelText(
        say('Transférer vers un collaborateur d’astreinte', 'Forward to an on-call colleague'),
      ),
    );
    const number = form.getByLabelText(
      say('Numéro de l’astreinte (ex. 06 12 34 56 78 ou +33612345678)', 'On-call number (e.g. +33612345678)'),
    );
    await expect(number).toBeVisible();
    await userEvent.type(number, '06 39 98 01 00');
    await userEvent.click(form.getByRole('button', { name: say('Créer le flux', 'Create the flow') }));
    const forward = created(args.onCreate).nodes.find((node) => node.kind === 'forward');
    await expect(forward?.config).toMatchObject({ number: '+33639980100' });
  },
};

/** A mistake is shown at its field, with flow-core's message, and the flow is not created. */
export const Problems: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const form = within(canvasElement);
    await userEvent.type(form.getByLabelText(say('Nom de l’utilisateur 1', 'Name of user 1')), 'Léa');
    const extension = form.getByLabelText(
      say('Poste de l’utilisateur 1 (facultatif)', 'Extension of user 1 (optional)'),
    );
    await userEvent.type(extension, '1');
    await userEvent.click(form.getByRole('button', { name: say('Créer le flux', 'Create the flow') }));
    await expect(args.onCreate).not.toHaveBeenCalled();
    await expect(form.getByRole('alert')).toBeVisible();
    await expect(extension).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(form.getByRole('button', { name: say('Aller au champ', 'Go to the field') }));
    await expect(extension).toHaveFocus();
  },
};

/** The users of the open flow can be picked; they keep their ids. */
export const ExistingUsers: Story = {
  args: { existingAgents: onoff.agents },
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const form = within(canvasElement);
    await userEvent.click(form.getByLabelText('Inès Benali'));
    await userEvent.click(form.getByLabelText('Hugo Mercier'));
    await expect(
      form.getByText(
        say('Utilisateur 1 : Inès Benali, du flux ouvert', 'User 1: Inès Benali, from the open flow'),
      ),
    ).toBeVisible();
    await userEvent.click(
      form.getByRole('button', { name: say('Monter l’utilisateur 2', 'Move user 2 up') }),
    );
    await userEvent.click(form.getByRole('button', { name: say('Créer le flux', 'Create the flow') }));
    await expect(created(args.onCreate).agents.map((agent) => agent.id)).toEqual(['hugo', 'ines']);
  },
};
