import { readFile } from 'node:fs/promises';
import { HELP_OPTION, parseCommandArgs, quoteArg, type OptionSpecs } from './args.js';
import type { CliCommand } from './commands/command.js';
import { formatCommand } from './commands/format.js';
import { schemaCommand } from './commands/schema.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { EXIT_CODES, printable, UsageError, writeLine, type CliIo } from './io.js';

/** The commands of `ringflow`, in the order the help lists them; a command is one file under commands/ and one line here. */
const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  formatCommand,
  simulateCommand,
  schemaCommand,
  serveCommand,
];

const HELP_FLAGS = new Set(['help', '--help', '-h']);

function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/** Left-aligned two-column rows, as help texts show them. */
function columns(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}   ${right}`);
}

function generalHelp(): string {
  return [
    'ringflow: check, format and simulate ringflow call flows.',
    '',
    'Usage: ringflow <command> [options]',
    '',
    'Commands:',
    ...columns([
      ...COMMANDS.map((c): [string, string] => [[c.name, ...c.arguments].join(' '), c.summary]),
      ['help [COMMAND]', 'Show this help, or the options of a command'],
    ]),
    '',
    'Options:',
    ...columns([
      ['-h, --help', 'Show this help'],
      ['--version', 'Print the version of ringflow'],
    ]),
    '',
    'Exit codes: 0 success, 1 the flow (or scenario) has errors, or is not canonical (format --check),',
    '            2 usage error or unreadable file, 70 internal error.',
    'Run "ringflow help <command>" for the options of a command. Documentation: docs/cli.md',
    '',
  ].join('\n');
}

function optionRows(options: OptionSpecs): Array<[string, string]> {
  return Object.entries(options).map(([name, spec]) => {
    const long = `--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
    return [spec.short === undefined ? long : `-${spec.short}, ${long}`, spec.description];
  });
}

function commandHelp(command: CliCommand): string {
  const hasOptions = Object.keys(command.options).length > 0;
  return [
    `Usage: ringflow ${[command.name, ...command.arguments].join(' ')}${hasOptions ? ' [options]' : ''}`,
    '',
    `${command.summary}.`,
    '',
    ...command.description,
    '',
    'Options:',
    ...columns(optionRows({ ...command.options, help: HELP_OPTION })),
    '',
    `Exit codes: ${command.exitCodes}.`,
    '',
  ].join('\n');
}

/** The version of this package, read from its package.json (`dist/cli` and `src/cli` are both two levels down). */
async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return manifest.version;
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command');
  if (HELP_FLAGS.has(first)) {
    if (rest.length === 0) {
      io.stdout.write(generalHelp());
      return EXIT_CODES.ok;
    }
    const [name, ...extra] = rest;
    const command = findCommand(name!);
    if (command === undefined) throw new UsageError(`unknown command ${quoteArg(name!)}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument ${quoteArg(extra[0]!)}`);
    io.stdout.write(commandHelp(command));
    return EXIT_CODES.ok;
  }
  if (first === '--version') {
    if (rest.length > 0) throw new UsageError(`unexpected argument ${quoteArg(rest[0]!)}`);
    writeLine(io.stdout, await packageVersion());
    return EXIT_CODES.ok;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first}`);
  const command = findCommand(first);
  if (command === undefined) throw new UsageError(`unknown command ${quoteArg(first)}`);

  const args = parseCommandArgs(rest, { ...command.options, help: HELP_OPTION }, command.name);
  if (args.values.help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT_CODES.ok;
  }
  const missing = command.arguments[args.positionals.length];
  if (missing !== undefined) throw new UsageError(`missing argument ${missing}`, command.name);
  const extra = args.positionals[command.arguments.length];
  if (extra !== undefined) throw new UsageError(`unexpected argument ${quoteArg(extra)}`, command.name);
  return command.run(args, io);
}

function oneLine(text: string): string {
  return printable(text.replace(/\s*\n\s*/g, ' ').trim());
}

/**
 * Runs the `ringflow` command line: `validate`, `format`, `simulate`, `schema`, `help`, `--version` (see
 * docs/cli.md). Writes only to `io.stdout` and `io.stderr`, reads files relative to `io.cwd`, and
 * never throws: a usage mistake is one line on stderr and exit code 2, and even a bug is one line
 * (`ringflow: internal error: ...`) and exit code 70, never a stack trace.
 *
 * @example
 * const code = await runCli(['validate', 'flow.json', '--json'], {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   cwd: process.cwd(),
 * });
 * process.exitCode = code;
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    try {
      if (error instanceof UsageError) {
        const help = error.command === undefined ? 'ringflow help' : `ringflow help ${error.command}`;
        writeLine(io.stderr, `ringflow: ${oneLine(error.message)} (run "${help}" for usage)`);
        return EXIT_CODES.usage;
      }
      const message = error instanceof Error ? error.message : String(error);
      writeLine(io.stderr, `ringflow: internal error: ${oneLine(message)}`);
    } catch {
      // Nowhere left to report to; the exit code still tells.
    }
    return EXIT_CODES.internal;
  }
}
