import type { FlowDocument, Member } from '@ringflow/flow-core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { InspectorHarness } from './InspectorHarness.js';
import { MemberPicker } from './MemberPicker.js';

/** Props of {@link MemberPickerStory}. */
interface MemberPickerStoryProps {
  readonly flow: FlowDocument;
  readonly members: readonly Member[];
  readonly label: string;
}

/** The picker over a flow's library, its members kept by the story. */
function MemberPickerStory({ members: initial, label }: MemberPickerStoryProps) {
  const [members, setMembers] = useState<readonly Member[]>(initial);
  return (
    <>
      <MemberPicker members={members} onChange={setMembers} label={label} />
      <pre data-testid="members">{JSON.stringify(members)}</pre>
    </>
  );
}

const onoff = exampleFlow('onoff-greeting');

const meta = {
  title: 'Inspector/MemberPicker',
  component: MemberPickerStory,
  render: (args, { globals }) => (
    <InspectorHarness flow={args.flow} locale={storyLocale(globals)}>
      <MemberPickerStory {...args} />
    </InspectorHarness>
  ),
  args: {
    flow: onoff,
    members: [{ agent: 'lea' }, { agent: 'hugo' }, { number: '+33639980100', label: 'Astreinte' }],
    label: 'Membres',
  },
} satisfies Meta<typeof MemberPickerStory>;

export default meta;
type Story = StoryObj<typeof meta>;

const storedMembers = (canvasElement: HTMLElement) =>
  JSON.parse(within(canvasElement).getByTestId('members').textContent ?? '[]') as Member[];

/** Three members in cascade order; the second moves to the top with the keyboard. */
export const Reorder: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    const up = canvas.getByRole('button', { name: say('Monter Hugo Mercier', 'Move Hugo Mercier up') });
    up.focus();
    await userEvent.keyboard('{Enter}');
    await expect(storedMembers(canvasElement)[0]).toEqual({ agent: 'hugo' });
    // The focus follows the moved member; the first one cannot go higher.
    await expect(up).toHaveFocus();
    await expect(up).toHaveAttribute('aria-disabled', 'true');
    await expect(canvas.getByRole('status')).toHaveTextContent(
      say('Hugo Mercier est maintenant en position 1.', 'Hugo Mercier is now in position 1.'),
    );
  },
};

/** Adding an agent from the library; those already members cannot be picked again. */
export const AddAgent: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    const choice = canvas.getByRole('combobox', {
      name: say('Agent ou groupe à ajouter', 'Agent or group to add'),
    });
    await expect(
      within(choice).getByRole('option', {
        name: say(/Léa Fontaine \(déjà membre\)/, /Léa Fontaine \(already a member\)/),
      }),
    ).toBeDisabled();
    await userEvent.selectOptions(choice, 'agent:ines');
    await userEvent.click(canvas.getByRole('button', { name: say('Ajouter ce membre', 'Add this member') }));
    await expect(storedMembers(canvasElement).at(-1)).toEqual({ agent: 'ines' });
    await expect(canvas.getByText('Inès Benali')).toBeVisible();
  },
};

/** An external number: refused until it is written in E.164, then added with its name. */
export const AddExternalNumber: Story = {
  args: { members: [] },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    await expect(canvas.getByText(say('Aucun membre pour l’instant.', 'No members yet.'))).toBeVisible();
    const number = canvas.getByRole('textbox', {
      name: say('Numéro externe (E.164)', 'External number (E.164)'),
    });
    await userEvent.type(number, '06 39 98 01 00{Enter}');
    await expect(number).toHaveAttribute('aria-invalid', 'true');
    await expect(number).toHaveAccessibleDescription(/E\.164/);
    await userEvent.clear(number);
    await userEvent.type(number, '+33639980100');
    await userEvent.type(
      canvas.getByRole('textbox', {
        name: say('Nom de ce numéro (facultatif)', 'Name of this number (optional)'),
      }),
      'Astreinte{Enter}',
    );
    await expect(storedMembers(canvasElement)).toEqual([{ number: '+33639980100', label: 'Astreinte' }]);
    await expect(canvas.getByText('Astreinte (+33639980100)')).toBeVisible();
  },
};

/** Removing a member puts the focus on the next one. */
export const Remove: Story = {
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    await userEvent.click(
      canvas.getByRole('button', { name: say('Retirer Léa Fontaine', 'Remove Léa Fontaine') }),
    );
    await expect(storedMembers(canvasElement)).toEqual([
      { agent: 'hugo' },
      { number: '+33639980100', label: 'Astreinte' },
    ]);
    await expect(
      canvas.getByRole('button', { name: say('Retirer Hugo Mercier', 'Remove Hugo Mercier') }),
    ).toHaveFocus();
  },
};

/** A flow without agents or groups: only external numbers can be added, and the admin is told why. */
export const EmptyLibrary: Story = {
  args: { flow: { ...onoff, agents: [], groups: [] }, members: [] },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const canvas = within(canvasElement);
    await expect(canvas.getByText(say(/ni agent ni groupe/, /no agents or groups/))).toBeVisible();
    await expect(canvas.queryByRole('combobox')).toBeNull();
  },
};
