import { formatJsonPath, type FlowIssue, type IssueCode, type Locale } from '@ringflow/flow-core';
import { printable } from './io.js';
import type { UnreadableReason } from './read-flow-file.js';

/** Issue codes of the CLI itself, on top of flow-core's: the document could not even be read. */
export type CliIssueCode = IssueCode | 'file_unreadable';

/** An issue as the CLI prints it: one of flow-core's, or one of the CLI's own codes. */
export interface CliIssue extends Omit<FlowIssue, 'code'> {
  readonly code: CliIssueCode;
}

/** What `validate --json` prints (DESIGN 7): exactly these three fields. */
export interface CliReport {
  readonly ok: boolean;
  readonly errors: readonly CliIssue[];
  readonly warnings: readonly CliIssue[];
}

/** Keeps the three fields of the JSON report, dropping anything else (such as the parsed flow). */
export function toCliReport(report: CliReport): CliReport {
  return { ok: report.ok, errors: report.errors, warnings: report.warnings };
}

/** A report made of one error. */
export function errorReport(issue: CliIssue): CliReport {
  return { ok: false, errors: [issue], warnings: [] };
}

/** Why a file cannot be read or written, for stderr (the CLI's own diagnostics are in English). */
export function describeFileProblem(
  reason: UnreadableReason,
  detail: string | undefined,
  action: 'read' | 'write',
): string {
  switch (reason) {
    case 'not_found':
      return 'no such file';
    case 'is_directory':
      return 'is a directory';
    case 'not_regular_file':
      return 'not a regular file';
    case 'permission_denied':
      return 'permission denied';
    case 'too_many_links':
      return 'too many levels of symbolic links';
    case 'name_too_long':
      return 'file name too long';
    case 'io_error':
      return detail === undefined ? `${action} error` : `${action} error (${detail})`;
  }
}

const UNREADABLE_MESSAGE: Readonly<Record<Locale, (file: string, why: string) => string>> = {
  en: (file, why) => `Cannot read the file ${file}: ${why}.`,
  fr: (file, why) => `Impossible de lire le fichier ${file} : ${why}.`,
};

const REASON_FR: Readonly<Record<UnreadableReason, string>> = {
  not_found: 'fichier introuvable',
  is_directory: 'c’est un dossier',
  not_regular_file: 'ce n’est pas un fichier ordinaire',
  permission_denied: 'permission refusée',
  too_many_links: 'trop de niveaux de liens symboliques',
  name_too_long: 'nom de fichier trop long',
  io_error: 'erreur de lecture',
};

/** The `file_unreadable` issue that `validate --json` prints for a file it cannot read. */
export function unreadableIssue(
  file: string,
  reason: UnreadableReason,
  detail: string | undefined,
  locale: Locale,
): CliIssue {
  const why =
    locale === 'fr'
      ? `${REASON_FR[reason]}${reason === 'io_error' && detail !== undefined ? ` (${detail})` : ''}`
      : describeFileProblem(reason, detail, 'read');
  return {
    code: 'file_unreadable',
    severity: 'error',
    message: UNREADABLE_MESSAGE[locale](JSON.stringify(file), why),
    params: { file, reason },
  };
}

const SEVERITY_WIDTH = 'warning'.length;
// A very long path should not push every message of the report far to the right.
const MAX_LOCATION_WIDTH = 64;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Where an issue is, for people: `nodes[3].config.members[0].agent (node sales)`, or `-`. */
export function formatLocation(issue: CliIssue): string {
  const path = issue.path === undefined ? '' : formatJsonPath(issue.path);
  const owners = [
    ...(issue.edgeId === undefined ? [] : [`edge ${issue.edgeId}`]),
    ...(issue.nodeId === undefined ? [] : [`node ${issue.nodeId}`]),
  ];
  const location = [path, owners.length > 0 ? `(${owners.join(', ')})` : '']
    .filter((part) => part !== '')
    .join(' ');
  return location === '' ? '-' : location;
}

/**
 * The text report of `validate`: a header line (`FILE: valid`, or `FILE: 2 errors, 1 warning`),
 * then one line per issue, errors first, in aligned columns: severity, code, location, message.
 * Text that comes from the document is made printable, so each issue stays on one line.
 */
export function formatTextReport(file: string, report: CliReport): string[] {
  const issues = [...report.errors, ...report.warnings];
  const name = printable(file);
  if (issues.length === 0) return [`${name}: valid`];
  const rows = issues.map((issue) => ({
    severity: issue.severity,
    code: issue.code,
    location: printable(formatLocation(issue)),
    message: printable(issue.message),
  }));
  const codeWidth = Math.max(...rows.map((row) => row.code.length));
  const locationWidth = Math.min(MAX_LOCATION_WIDTH, Math.max(...rows.map((row) => row.location.length)));
  return [
    `${name}: ${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')}`,
    ...rows.map(
      (row) =>
        `  ${row.severity.padEnd(SEVERITY_WIDTH)} ${row.code.padEnd(codeWidth)}  ${row.location.padEnd(locationWidth)}  ${row.message}`,
    ),
  ];
}
