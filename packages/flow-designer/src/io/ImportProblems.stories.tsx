import { FLOW_LIMITS, serializeFlow } from '@ringflow/flow-core';
import type { Locale } from '@ringflow/flow-core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { exampleFlow, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { DesignerProviders } from '../FlowDesigner.js';
import { importFlowFile } from './import.js';
import type { ImportFile } from './import.js';
import { ImportProblems } from './ImportProblems.js';

const onoff = exampleFlow('onoff-greeting');

/** The dialog over what flow-core finds in `file`, in the story's language. */
function RefusedFile({
  file,
  locale,
  onClose,
  onChooseAnother,
}: {
  readonly file: ImportFile;
  readonly locale?: Locale;
  readonly onClose: () => void;
  readonly onChooseAnother?: () => void;
}) {
  const result = importFlowFile(file, locale ?? 'fr', '');
  return (
    <DesignerProviders flow={onoff} locale={locale}>
      <div style={{ width: 1000, height: 600 }}>
        <ImportProblems
          fileName={file.name}
          problems={result.ok ? [] : result.problems}
          onClose={onClose}
          onChooseAnother={onChooseAnother}
        />
      </div>
    </DesignerProviders>
  );
}

const text = (name: string, content: string): ImportFile => ({ name, size: content.length, text: content });

const meta = {
  title: 'App/Import problems',
  component: RefusedFile,
  render: (args, { globals }) => <RefusedFile {...args} locale={storyLocale(globals)} />,
  args: {
    file: text('notes.json', '{\n  "format": "ringflow.flow/v1",\n  oops\n}'),
    onClose: fn(),
    onChooseAnother: fn(),
  },
} satisfies Meta<typeof RefusedFile>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Not JSON: one problem, at its line and column. The dialog is an alert, focused on Close. */
export const SyntaxError: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const page = within(canvasElement);
    const dialog = page.getByRole('alertdialog', { name: say('Import impossible', 'Import refused') });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveTextContent(
      say(
        'Rien n’a été remplacé : le flux ouvert est inchangé.',
        'Nothing was replaced: the open flow is unchanged.',
      ),
    );
    const rows = within(dialog).getAllByRole('row').slice(1);
    await expect(rows).toHaveLength(1);
    await expect(rows[0]).toHaveAttribute('data-code', 'invalid_json');
    await expect(rows[0]).toHaveTextContent(say('ligne 3, colonne 3', 'line 3, column 3'));
    const close = within(dialog)
      .getAllByRole('button', { name: say('Fermer', 'Close') })
      .at(-1)!;
    await expect(close).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(args.onClose).toHaveBeenCalledTimes(1);
  },
};

/** A flow document with schema errors: every problem is listed, each with its place. */
export const EveryProblemListed: Story = {
  args: {
    file: text(
      'casse.json',
      serializeFlow(onoff)
        .replace('"timezone": "Europe/Paris"', '"timezone": 7')
        .replace('"ringSeconds": 15', '"ringSeconds": "quinze"')
        .replace('"kind": "hangup"', '"kind": "teleport"'),
    ),
  },
  play: async ({ canvasElement, globals, args }) => {
    const say = sayer(globals);
    const dialog = within(canvasElement).getByRole('alertdialog');
    await expect(within(dialog).getByText(say('3 problème(s)', '3 problem(s)'))).toBeVisible();
    const rows = within(dialog).getAllByRole('row').slice(1);
    await expect(rows.map((row) => row.getAttribute('data-code')).sort()).toEqual([
      'invalid_type',
      'invalid_type',
      'unknown_kind',
    ]);
    for (const row of rows)
      await expect(row.textContent).toMatch(say(/ligne \d+, colonne \d+/, /line \d+, column \d+/));
    await userEvent.click(
      within(dialog).getByRole('button', { name: say('Choisir un autre fichier', 'Choose another file') }),
    );
    await expect(args.onChooseAnother).toHaveBeenCalledTimes(1);
  },
};

/** A file over flow-core's size limit is refused before it is read. */
export const TooLarge: Story = {
  args: { file: { name: 'enorme.json', size: FLOW_LIMITS.maxBytes * 2 } },
  play: async ({ canvasElement }) => {
    const dialog = within(canvasElement).getByRole('alertdialog');
    const rows = within(dialog).getAllByRole('row').slice(1);
    await expect(rows).toHaveLength(1);
    await expect(rows[0]).toHaveAttribute('data-code', 'document_too_large');
    await expect(rows[0]).toHaveTextContent('20.0 MiB');
  },
};
