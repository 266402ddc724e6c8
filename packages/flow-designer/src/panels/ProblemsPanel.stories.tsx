import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue, Locale } from '@ringflow/flow-core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { exampleFlow, flowWithProblems, sayer, storyLocale } from '../../.storybook/story-kit.js';
import { DesignerProviders } from '../FlowDesigner.js';
import { ProblemsPanel } from './ProblemsPanel.js';

/** The panel over flow-core's report of `flow`, in `locale`, as the designer shows it. */
function ProblemsOfFlow({
  flow,
  locale,
  onSelectNode,
}: {
  readonly flow: FlowDocument;
  readonly locale?: Locale;
  readonly onSelectNode?: (nodeId: string) => void;
}) {
  const issues = useMemo<readonly FlowIssue[]>(() => {
    const report = validateFlow(flow, { locale });
    return [...report.errors, ...report.warnings];
  }, [flow, locale]);
  return (
    <DesignerProviders flow={flow} locale={locale}>
      <div style={{ width: 640, height: 360, display: 'flex' }}>
        <ProblemsPanel flow={flow} issues={issues} onSelectNode={onSelectNode} />
      </div>
    </DesignerProviders>
  );
}

const meta = {
  title: 'Panels/Problems',
  component: ProblemsOfFlow,
  render: (args, { globals }) => <ProblemsOfFlow {...args} locale={storyLocale(globals)} />,
  args: { flow: flowWithProblems(), onSelectNode: fn() },
} satisfies Meta<typeof ProblemsOfFlow>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A valid flow: the panel says so plainly, with no empty table. */
export const NoProblem: Story = {
  args: { flow: exampleFlow('onoff-greeting') },
  play: async ({ canvasElement, globals }) => {
    const say = sayer(globals);
    const panel = within(canvasElement);
    await expect(
      panel.getByText(say('Aucun problème : le flux est valide.', 'No problems: the flow is valid.')),
    ).toBeVisible();
    await expect(
      panel.getByText(say('0 erreur(s), 0 avertissement(s)', '0 error(s), 0 warning(s)')),
    ).toBeVisible();
    await expect(panel.queryByRole('table')).toBeNull();
  },
};

/**
 * An unknown agent (error) and an unwired port (warning), in French: errors first, each with its
 * code, flow-core's French message and the node's label. A click, or Enter on a focused row, asks
 * for that node.
 */
export const ProblemsInFrench: Story = {
  globals: { locale: 'fr' },
  play: async ({ canvasElement, args }) => {
    const panel = within(canvasElement);
    await expect(panel.getByRole('region', { name: 'Problèmes' })).toBeVisible();
    await expect(panel.getByText('1 erreur(s), 1 avertissement(s)')).toBeVisible();
    const [, error, warning] = panel.getAllByRole('row');
    await expect(error).toHaveAttribute('data-code', 'unknown_agent');
    await expect(error).toHaveTextContent('L’agent "fantome" n’est pas défini dans les agents du flux.');
    await expect(error).toHaveTextContent('Boucle d’appel (cascade)');
    await expect(within(error as HTMLElement).getByTitle('Erreur')).toBeVisible();
    await expect(warning).toHaveAttribute('data-code', 'unwired_port');
    await expect(warning).toHaveTextContent(
      'La sortie "failed" du nœud "astreinte" ne mène nulle part : l’appel raccroche à cet endroit.',
    );
    await expect(warning).toHaveTextContent('Collaborateur d’astreinte (mobile)');
    await expect(within(warning as HTMLElement).getByTitle('Avertissement')).toBeVisible();

    await userEvent.click(within(error as HTMLElement).getByText('unknown_agent'));
    await expect(args.onSelectNode).toHaveBeenLastCalledWith('boucle-appel');

    // Keyboard alone: Tab reaches the rows in order, Enter picks one.
    (error as HTMLElement).focus();
    await userEvent.tab();
    await expect(warning).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelectNode).toHaveBeenLastCalledWith('astreinte');
    await expect(args.onSelectNode).toHaveBeenCalledTimes(2);
  },
};

/** The same problems in English: flow-core's messages follow the designer's language. */
export const ProblemsInEnglish: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const panel = within(canvasElement);
    await expect(panel.getByRole('region', { name: 'Problems' })).toBeVisible();
    await expect(panel.getByText('1 error(s), 1 warning(s)')).toBeVisible();
    await expect(panel.getByRole('row', { name: /unknown_agent/ })).toHaveTextContent(
      'Agent "fantome" is not defined in the flow’s agents.',
    );
    await expect(panel.getByRole('row', { name: /unwired_port/ })).toHaveTextContent(
      'Output "failed" of node "astreinte" leads nowhere: the call hangs up there.',
    );
  },
};
