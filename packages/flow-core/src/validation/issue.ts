import type { Locale } from '../i18n/locale.js';
import { ISSUE_CODES, type IssueCode, type Severity } from './codes.js';

/** A location inside a JSON document: object keys and array indexes from the root. */
export type JsonPath = ReadonlyArray<string | number>;

/** Values an issue message is built from. */
export type IssueParams = Readonly<Record<string, string | number>>;

/**
 * One problem found in a flow document. `code` is stable (see docs/errors.md); `message` is written
 * in the requested locale from the code's template; `path` points at the offending value.
 */
export interface FlowIssue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly message: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
  readonly path?: JsonPath;
  readonly params?: IssueParams;
}

/** Where an issue is and what its message is made of. */
export interface IssueDetails {
  readonly path?: JsonPath;
  readonly nodeId?: string;
  readonly edgeId?: string;
  readonly params?: IssueParams;
}

/** Renders the message template of `code` in `locale` with `params`. */
export function formatIssueMessage(code: IssueCode, params: IssueParams = {}, locale: Locale = 'en'): string {
  const template = ISSUE_CODES[code].message[locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Builds an issue with its severity and message from the code table. */
export function createIssue(code: IssueCode, details: IssueDetails = {}, locale: Locale = 'en'): FlowIssue {
  const issue: {
    -readonly [K in keyof FlowIssue]: FlowIssue[K];
  } = {
    code,
    severity: ISSUE_CODES[code].severity,
    message: formatIssueMessage(code, details.params, locale),
  };
  if (details.nodeId !== undefined) issue.nodeId = details.nodeId;
  if (details.edgeId !== undefined) issue.edgeId = details.edgeId;
  if (details.path !== undefined) issue.path = [...details.path];
  if (details.params !== undefined) issue.params = { ...details.params };
  return issue;
}

/** Writes a path the way a person reads it: `nodes[3].config.members[0].agent`. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Collects issues in one locale, in the order they are found. */
export class IssueList {
  readonly issues: FlowIssue[] = [];
  constructor(readonly locale: Locale = 'en') {}

  /** Records an issue. */
  add(code: IssueCode, details: IssueDetails = {}): void {
    this.issues.push(createIssue(code, details, this.locale));
  }

  /** True when at least one recorded issue is an error. */
  get hasErrors(): boolean {
    return this.issues.some((issue) => issue.severity === 'error');
  }
}
