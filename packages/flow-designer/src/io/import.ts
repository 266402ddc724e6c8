import { createIssue, FLOW_LIMITS, formatJsonPath, parseFlowText } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue, Locale, Severity } from '@ringflow/flow-core';
import { locateJsonPath } from './json-position.js';

/**
 * Importing a flow file. flow-core decides: a text that `parseFlowText` reads is a flow document and
 * opens (its validation errors and warnings then show in the Problems panel, as for any flow); any
 * other file is refused, with every problem flow-core found in it, and nothing is replaced.
 */

/** A file as read for import: its name, its size, and its text unless it was refused unread. */
export interface ImportFile {
  readonly name: string;
  readonly size: number;
  /** Undefined when the file was too large to read, or could not be read. */
  readonly text?: string;
  /** Why the browser could not read the file, when it could not. */
  readonly unreadable?: string;
}

/** One reason a file was refused, with where it is in the file when that is known. */
export interface ImportProblem {
  /** flow-core's issue code (docs/errors.md), or `file_unreadable` when the browser could not read it. */
  readonly code: string;
  readonly severity: Severity;
  /** In the designer's language. */
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** The place in the document, written as `nodes[3].config.number`. */
  readonly path?: string;
}

/** What an import gives: the document, or every reason it was refused. */
export type ImportResult =
  | { readonly ok: true; readonly flow: FlowDocument }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/**
 * Reads a file for import. Files over flow-core's size limit are refused before they are read, so
 * a huge file costs nothing; the text is kept so that problems can be told again in another language.
 */
export async function readImportFile(file: Blob & { readonly name: string }): Promise<ImportFile> {
  if (file.size > FLOW_LIMITS.maxBytes) return { name: file.name, size: file.size };
  try {
    return { name: file.name, size: file.size, text: await file.text() };
  } catch (error) {
    return {
      name: file.name,
      size: file.size,
      unreadable: error instanceof Error ? error.message : String(error),
    };
  }
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A flow-core issue as an import problem, placed in the text where flow-core did not say where. */
function toProblem(issue: FlowIssue, text: string): ImportProblem {
  const line = issue.params?.['line'];
  const column = issue.params?.['column'];
  const base = {
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
    ...(issue.path === undefined || issue.path.length === 0 ? {} : { path: formatJsonPath(issue.path) }),
  };
  if (typeof line === 'number') return { ...base, line, ...(typeof column === 'number' ? { column } : {}) };
  const place = issue.path === undefined ? undefined : locateJsonPath(text, issue.path);
  return place === undefined ? base : { ...base, line: place.line, column: place.column };
}

/** Checks an imported text: the document, or every problem that stops it from being one. */
export function importFlowText(text: string, locale: Locale): ImportResult {
  // Editors on Windows often start UTF-8 files with a byte order mark; it is not part of the JSON.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = parseFlowText(json, { locale, freeze: true });
  if (parsed.ok) return { ok: true, flow: parsed.flow };
  return { ok: false, problems: parsed.issues.map((issue) => toProblem(issue, json)) };
}

/**
 * Checks a file read for import, in `locale`: a file over the size limit or unreadable is refused
 * without looking at its text.
 */
export function importFlowFile(file: ImportFile, locale: Locale, unreadableMessage: string): ImportResult {
  if (file.text !== undefined) return importFlowText(file.text, locale);
  if (file.unreadable !== undefined)
    return {
      ok: false,
      problems: [{ code: 'file_unreadable', severity: 'error', message: unreadableMessage }],
    };
  const issue = createIssue(
    'document_too_large',
    { params: { size: mebibytes(file.size), limit: mebibytes(FLOW_LIMITS.maxBytes) } },
    locale,
  );
  return { ok: false, problems: [{ code: issue.code, severity: issue.severity, message: issue.message }] };
}
