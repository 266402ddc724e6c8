import type { FlowDocument, FlowIssue } from '@ringflow/flow-core';
import { problemNodeId } from '../panels/ProblemsPanel.js';
import { nodeName } from '../simulation/describe-call.js';
import type { ServerIssue, ServerProblem } from './api-client.js';
import { useServerTranslator } from './i18n.js';
import { describeProblem, issueMessage } from './problems.js';

/** Props of {@link ProblemMessage}. */
export interface ProblemMessageProps {
  readonly problem: ServerProblem;
  /** The server the request went to. */
  readonly url: string;
  /** Shown before the explanation (`Saving failed:`). */
  readonly lead?: string;
  /** The flow the listed problems are about, to name their nodes. */
  readonly flow?: FlowDocument | undefined;
  /** Shows a listed problem's node on the canvas. */
  readonly onSelectNode?: ((nodeId: string) => void) | undefined;
}

/**
 * A failed request, said for an admin: what happened and what to do, the problems the server
 * listed (in the designer's language), and the server's own words and request id for support.
 */
export function ProblemMessage({ problem, url, lead, flow, onSelectNode }: ProblemMessageProps) {
  const translator = useServerTranslator();
  const { t } = translator;
  const explained = describeProblem(problem, translator, url);
  return (
    <div className="rf-server-problem" data-kind={problem.kind} data-code={problem.code ?? undefined}>
      <p>{lead === undefined ? explained : `${lead} ${explained}`}</p>
      {problem.errors.length + problem.warnings.length > 0 && (
        <IssueList
          issues={[...problem.errors, ...problem.warnings]}
          flow={flow}
          onSelectNode={onSelectNode}
        />
      )}
      {(problem.code !== null || problem.requestId !== null) && (
        <details className="rf-server-details">
          <summary>{t('server.problem.details')}</summary>
          <p>
            {problem.status !== null && <code>{problem.status}</code>}{' '}
            {problem.code !== null && <code>{problem.code}</code>} {problem.message}
          </p>
          {problem.requestId !== null && <p>{t('server.problem.requestId', { id: problem.requestId })}</p>}
        </details>
      )}
    </div>
  );
}

/**
 * A failed request where the admin is working (a panel, a dialog): its {@link ProblemMessage},
 * announced at once as an alert.
 */
export function ProblemAlert(props: ProblemMessageProps) {
  return (
    <div role="alert" className="rf-server-alert">
      <ProblemMessage {...props} />
    </div>
  );
}

/** Props of {@link IssueList}. */
export interface IssueListProps {
  readonly issues: readonly (FlowIssue | ServerIssue)[];
  readonly flow?: FlowDocument | undefined;
  readonly onSelectNode?: ((nodeId: string) => void) | undefined;
}

/**
 * Validation problems as a list: severity, message in the designer's language, code, and a button
 * that shows the node on the canvas when the problem is about one that is there.
 */
export function IssueList({ issues, flow, onSelectNode }: IssueListProps) {
  const translator = useServerTranslator();
  const { t, locale } = translator;
  return (
    <ul className="rf-server-issues">
      {issues.map((issue, index) => {
        const severity = issue.severity ?? 'error';
        const nodeId = flow === undefined ? issue.nodeId : problemNodeId(issue as FlowIssue, flow);
        const node = nodeId === undefined ? undefined : flow?.nodes.find((n) => n.id === nodeId);
        const named =
          node === undefined || flow === undefined ? undefined : nodeName(flow, node.id, translator);
        return (
          <li key={index} className={`rf-server-issue rf-server-issue-${severity}`} data-code={issue.code}>
            <span className="rf-server-issue-severity">{t(`problems.severity.${severity}`)}</span>{' '}
            {issueMessage(issue, locale)} <code>{issue.code}</code>
            {node !== undefined && named !== undefined && onSelectNode !== undefined && (
              <>
                {' '}
                <button type="button" className="rf-server-link" onClick={() => onSelectNode(node.id)}>
                  {t('server.issue.show', { node: named })}
                </button>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
