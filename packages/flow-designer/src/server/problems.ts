import { ISSUE_CODES, formatIssueMessage } from '@ringflow/flow-core';
import type { IssueCode, Locale } from '@ringflow/flow-core';
import type { ServerIssue, ServerProblem } from './api-client.js';
import type { ServerTranslator } from './i18n.js';

/** The origin of this page, as `--cors-origin` must name it. */
export function pageOrigin(): string {
  return typeof window === 'undefined' ? '' : window.location.origin;
}

/** The host (and port) of a server URL, for short labels. */
export function serverHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return url;
  }
}

/**
 * A problem of a request in the admin's words: what happened and what to do. The server's own
 * message (English) is not repeated here: {@link ProblemMessage} shows it as a detail.
 */
export function describeProblem(problem: ServerProblem, { t }: ServerTranslator, url: string): string {
  const host = serverHost(url);
  switch (problem.kind) {
    case 'network':
      return t('server.problem.network', { host, origin: pageOrigin() });
    case 'timeout':
      return t('server.problem.timeout', { host });
    case 'aborted':
      return t('server.problem.aborted');
    case 'unauthorized':
      return t('server.problem.unauthorized');
    case 'forbidden':
      return t('server.problem.forbidden', { origin: pageOrigin() });
    case 'notFound':
      if (problem.code === 'flow_not_found') return t('server.problem.flowNotFound');
      if (problem.code === 'draft_not_found') return t('server.problem.draftNotFound');
      if (problem.code === 'version_not_found') return t('server.problem.versionNotFound');
      return t('server.problem.notFound');
    case 'conflict':
      return t('server.problem.conflict');
    case 'invalid':
      if (problem.code === 'flow_invalid') {
        return t('server.problem.flowInvalid', { count: problem.errors.length });
      }
      if (problem.code === 'scenario_invalid') return t('server.problem.scenarioInvalid');
      return t('server.problem.invalid');
    case 'tooLarge':
      return t('server.problem.tooLarge');
    case 'badRequest':
      return t('server.problem.badRequest');
    case 'unavailable':
      return problem.code === 'shutting_down'
        ? t('server.problem.shuttingDown')
        : t('server.problem.unavailable');
    case 'server':
      return t('server.problem.server', { status: problem.status ?? '?' });
    case 'badResponse':
      return t('server.problem.badResponse', { host });
  }
}

function isIssueCode(code: string): code is IssueCode {
  return Object.hasOwn(ISSUE_CODES, code);
}

/**
 * A problem listed by the server, in the designer's language: the server speaks English, but its
 * validation issues carry flow-core's code and parameters, from which flow-core words them again.
 */
export function issueMessage(issue: ServerIssue, locale: Locale): string {
  if (!isIssueCode(issue.code)) return issue.message;
  const message = formatIssueMessage(issue.code, issue.params ?? {}, locale);
  // A parameter the server did not send would show as `{name}`: its own words are better then.
  return /\{\w+\}/.test(message) ? issue.message : message;
}
