import type { FlowIssue } from '@ringflow/flow-core';
import { useTranslator } from '../i18n/i18n.js';

/** Props of {@link IssueMessages}. */
export interface IssueMessagesProps {
  /** flow-core's issues to show, in its words. */
  readonly issues: readonly FlowIssue[];
  /** Id of the list, for the `aria-describedby` of the field it is about. */
  readonly id?: string;
}

/** flow-core's errors and warnings about one part of an item, shown next to that part. */
export function IssueMessages({ issues, id }: IssueMessagesProps) {
  const { t } = useTranslator();
  if (issues.length === 0) return null;
  return (
    <ul className="rf-lib-issues" id={id}>
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${i}`} className={`rf-lib-issue rf-lib-issue-${issue.severity}`}>
          <span className="rf-lib-issue-severity">
            {t('library.issue.severity', { severity: t(`problems.severity.${issue.severity}`) })}
          </span>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** The attributes that tie a field to the issues shown about it. */
export function describedBy(issues: readonly FlowIssue[], id: string) {
  return issues.length === 0
    ? {}
    : {
        'aria-describedby': id,
        'aria-invalid': issues.some((issue) => issue.severity === 'error') || undefined,
      };
}
