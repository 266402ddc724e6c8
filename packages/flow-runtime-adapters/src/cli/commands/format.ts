import { serializeFlow } from '@ringflow/flow-core';
import { EXIT_CODES, printable, UsageError, writeLine } from '../io.js';
import { unreadableReasonOf } from '../read-flow-file.js';
import { formatTextReport } from '../report.js';
import { writeFileAtomically } from '../write-file-atomically.js';
import { LANG_OPTION, localeOf, type CliCommand } from './command.js';
import { checkFlowFile, fileProblemLine } from './validate.js';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** `ringflow format FLOW.json [--check | --write]`: the canonical text of a valid flow. */
export const formatCommand: CliCommand = {
  name: 'format',
  summary: 'Print a flow in canonical form, or check or rewrite a file in it',
  arguments: ['FLOW.json'],
  options: {
    check: {
      type: 'boolean',
      description: 'Print nothing but a status; exit 1 when the file is not canonical',
    },
    write: {
      type: 'boolean',
      description: 'Rewrite the file in canonical form (atomically; only a valid flow)',
    },
    lang: LANG_OPTION,
  },
  description: [
    'The canonical form is how ringflow writes flows: keys in a fixed order, every default written out,',
    'menu keys in keypad order, two-space indentation, a final newline, so that flows diff cleanly.',
    'Without an option, prints it on stdout. Only a valid flow is formatted (warnings allowed): the',
    'issues of an invalid one go to stderr as validate prints them, and the file is left untouched.',
  ],
  exitCodes:
    '0 done (or already canonical), 1 the flow has errors or is not canonical, 2 usage error or file problem',
  async run(args, io) {
    const file = args.positionals[0]!;
    const check = args.values.check === true;
    const write = args.values.write === true;
    if (check && write) throw new UsageError('--check and --write cannot be used together', 'format');
    const checked = await checkFlowFile(file, io.cwd, localeOf(args));
    if (checked.kind === 'unreadable') {
      writeLine(io.stderr, fileProblemLine(file, checked));
      return EXIT_CODES.usage;
    }
    if (!checked.report.ok || checked.flow === undefined || checked.bytes === undefined) {
      for (const line of formatTextReport(file, checked.report)) writeLine(io.stderr, line);
      return EXIT_CODES.invalid;
    }
    const canonical = serializeFlow(checked.flow);
    const name = printable(file);
    if (!check && !write) {
      io.stdout.write(canonical);
      return EXIT_CODES.ok;
    }
    const isCanonical = sameBytes(checked.bytes, Buffer.from(canonical, 'utf8'));
    if (check) {
      if (isCanonical) {
        writeLine(io.stdout, `${name}: canonical`);
        return EXIT_CODES.ok;
      }
      writeLine(io.stderr, `${name}: not in canonical form (run "ringflow format --write ${name}")`);
      return EXIT_CODES.invalid;
    }
    if (isCanonical) {
      writeLine(io.stdout, `${name}: already canonical`);
      return EXIT_CODES.ok;
    }
    try {
      await writeFileAtomically(checked.path, canonical);
    } catch (error) {
      writeLine(io.stderr, fileProblemLine(file, unreadableReasonOf(error), 'write'));
      return EXIT_CODES.usage;
    }
    writeLine(io.stdout, `${name}: rewritten in canonical form`);
    return EXIT_CODES.ok;
  },
};
