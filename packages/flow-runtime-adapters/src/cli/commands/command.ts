import { LOCALES, type Locale } from '@ringflow/flow-core';
import type { OptionSpec, OptionSpecs, ParsedArgs } from '../args.js';
import type { CliIo } from '../io.js';

/**
 * One command of the `ringflow` CLI: what the help says about it, what it accepts, and what it
 * does. The command table in main.ts lists them; adding a command is one file and one line there.
 */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list of `ringflow help`. */
  readonly summary: string;
  /** Its arguments, all required, in order, such as `FLOW.json`. */
  readonly arguments: readonly string[];
  /** Its options by long name; `-h` / `--help` is added to every command. */
  readonly options: OptionSpecs;
  /** Paragraphs of `ringflow help <command>`. */
  readonly description: readonly string[];
  /** What each exit code means for this command, for its help. */
  readonly exitCodes: string;
  /** Runs the command on parsed, counted arguments; returns the exit code. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** The `--lang` option of the commands that print issue messages. */
export const LANG_OPTION: OptionSpec = {
  type: 'string',
  valueName: [...LOCALES].sort().join('|'),
  choices: [...LOCALES].sort(),
  description: 'Language of the issue messages (default: en)',
};

/** The locale chosen with `--lang` (already checked against its choices), or English. */
export function localeOf(args: ParsedArgs): Locale {
  const lang = args.values.lang;
  return typeof lang === 'string' ? (lang as Locale) : 'en';
}
