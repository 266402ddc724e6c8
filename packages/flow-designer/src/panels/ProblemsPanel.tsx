import type { FlowDocument, FlowIssue } from '@ringflow/flow-core';
import { useTranslator } from '../i18n/i18n.js';

export interface ProblemsPanelProps {
  readonly flow: FlowDocument;
  /** Errors first, then warnings, as flow-core reports them. */
  readonly issues: readonly FlowIssue[];
  /** Called with the node a problem is about when the user picks it. */
  readonly onSelectNode?: (nodeId: string) => void;
}

/** The node a problem points to: its own node, or the source of the edge it is about. */
export function problemNodeId(issue: FlowIssue, flow: FlowDocument): string | undefined {
  if (issue.nodeId !== undefined) return issue.nodeId;
  if (issue.edgeId === undefined) return undefined;
  return flow.edges.find((edge) => edge.id === issue.edgeId)?.source;
}

/** Every validation problem of the flow: severity, code, message and node; a click shows the node. */
export function ProblemsPanel({ flow, issues, onSelectNode }: ProblemsPanelProps) {
  const { t } = useTranslator();
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const labels = new Map(flow.nodes.map((node) => [node.id, node.label ?? node.id]));
  return (
    <section className="rf-problems" aria-label={t('problems.title')}>
      <h2>
        {t('problems.title')}{' '}
        <small>{t('problems.count', { errors, warnings: issues.length - errors })}</small>
      </h2>
      {issues.length === 0 ? (
        <p className="rf-problems-none">{t('problems.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th />
              <th>{t('problems.code')}</th>
              <th>{t('problems.message')}</th>
              <th>{t('problems.node')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, index) => {
              const nodeId = problemNodeId(issue, flow);
              const select = nodeId === undefined ? undefined : () => onSelectNode?.(nodeId);
              return (
                <tr
                  key={index}
                  className={`rf-problem rf-problem-${issue.severity}`}
                  data-code={issue.code}
                  onClick={select}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') select?.();
                  }}
                  tabIndex={select === undefined ? undefined : 0}
                >
                  <td title={t(`problems.severity.${issue.severity}`)}>
                    {issue.severity === 'error' ? '⛔' : '⚠'}
                  </td>
                  <td>
                    <code>{issue.code}</code>
                  </td>
                  <td>{issue.message}</td>
                  <td>{nodeId === undefined ? '' : (labels.get(nodeId) ?? nodeId)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
