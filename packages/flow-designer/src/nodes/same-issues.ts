import type { FlowIssue } from '@ringflow/flow-core';

/** Whether two lists of issues say the same thing (validation makes new lists on every edit). */
export function sameIssues(a: readonly FlowIssue[], b: readonly FlowIssue[]): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every(
        (issue, i) =>
          issue.code === b[i]?.code && issue.message === b[i]?.message && issue.severity === b[i]?.severity,
      ))
  );
}
