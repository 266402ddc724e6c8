import { validateFlowText, type FlowDocument, type Locale } from '@ringflow/flow-core';
import { EXIT_CODES, printable, writeJson, writeLine } from '../io.js';
import { readFlowFile, type UnreadableReason } from '../read-flow-file.js';
import {
  describeFileProblem,
  errorReport,
  formatTextReport,
  toCliReport,
  unreadableIssue,
  type CliReport,
} from '../report.js';
import { LANG_OPTION, localeOf, type CliCommand } from './command.js';

/** A flow file after reading and validating it, or why it could not be read. */
export type CheckedFlowFile =
  | {
      readonly kind: 'checked';
      /** Absolute path of the file. */
      readonly path: string;
      readonly report: CliReport;
      /** The parsed flow, when the document could be parsed. */
      readonly flow?: FlowDocument;
      /** The file's bytes, when it was read. */
      readonly bytes?: Uint8Array;
    }
  | {
      readonly kind: 'unreadable';
      readonly path: string;
      readonly reason: UnreadableReason;
      readonly detail?: string;
    };

/**
 * Reads and validates a flow file. Problems of the document (invalid JSON, too large, not UTF-8,
 * forbidden keys...) are issues of the report; only a file that cannot be read is `unreadable`.
 */
export async function checkFlowFile(file: string, cwd: string, locale: Locale): Promise<CheckedFlowFile> {
  const read = await readFlowFile(file, cwd, locale);
  if (read.kind === 'unreadable') return read;
  if (read.kind === 'rejected') return { kind: 'checked', path: read.path, report: errorReport(read.issue) };
  const report = validateFlowText(read.text, { locale });
  return {
    kind: 'checked',
    path: read.path,
    report: toCliReport(report),
    bytes: read.bytes,
    ...(report.flow === undefined ? {} : { flow: report.flow }),
  };
}

/** The one stderr line for a file that cannot be read or written. */
export function fileProblemLine(
  file: string,
  problem: { reason: UnreadableReason; detail?: string | undefined },
  action: 'read' | 'write' = 'read',
): string {
  return `ringflow: cannot ${action} ${printable(file)}: ${describeFileProblem(problem.reason, problem.detail, action)}`;
}

/** `ringflow validate FLOW.json [--json] [--lang en|fr]` (DESIGN 7). */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check a flow document and list its errors and warnings',
  arguments: ['FLOW.json'],
  options: {
    json: {
      type: 'boolean',
      description: 'Print the report as one JSON document: { "ok", "errors", "warnings" }',
    },
    lang: LANG_OPTION,
  },
  description: [
    'Checks the file as JSON, then against the ringflow.flow/v1 schema, then every rule that crosses',
    'parts of the flow (references, edges, reachability, loops, schedules). Prints a header line, then',
    'one line per issue: severity, code, where, and what is wrong.',
  ],
  exitCodes: '0 no error (warnings allowed), 1 the flow has errors, 2 usage error or unreadable file',
  async run(args, io) {
    const file = args.positionals[0]!;
    const json = args.values.json === true;
    const locale = localeOf(args);
    const checked = await checkFlowFile(file, io.cwd, locale);
    if (checked.kind === 'unreadable') {
      if (json)
        writeJson(io.stdout, errorReport(unreadableIssue(file, checked.reason, checked.detail, locale)));
      else writeLine(io.stderr, fileProblemLine(file, checked));
      return EXIT_CODES.usage;
    }
    if (json) writeJson(io.stdout, checked.report);
    else for (const line of formatTextReport(file, checked.report)) writeLine(io.stdout, line);
    return checked.report.ok ? EXIT_CODES.ok : EXIT_CODES.invalid;
  },
};
