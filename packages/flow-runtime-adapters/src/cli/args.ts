import { parseArgs } from 'node:util';
import { UsageError } from './io.js';

/** One option of a command. Every command also accepts `-h` / `--help`. */
export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** How the value is shown in help, such as `en|fr`. */
  readonly valueName?: string;
  /** The only values accepted, when the set is closed. */
  readonly choices?: readonly string[];
  /** One line for the command's help. */
  readonly description: string;
}

/** The options of a command, by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** A command line after parsing: option values by long name, and the remaining arguments. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** The help option every command has. */
export const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help' };

/**
 * Parses a command's arguments with node:util parseArgs, in its lenient token mode so that every
 * mistake gets a short message of ours instead of parseArgs' multi-line ones. `command` names the
 * command in the errors' usage hint.
 */
export function parseCommandArgs(args: readonly string[], options: OptionSpecs, command: string): ParsedArgs {
  const config: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
  for (const [name, spec] of Object.entries(options)) {
    config[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  const { tokens } = parseArgs({
    args: [...args],
    options: config,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  // A null prototype: an option named `--__proto__` must not reach Object.prototype.
  const values: Record<string, string | boolean | undefined> = Object.create(null) as Record<
    string,
    string | boolean
  >;
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (spec === undefined) throw new UsageError(`unknown option ${token.rawName}`, command);
    if (spec.type === 'boolean') {
      if (token.inlineValue) throw new UsageError(`option ${token.rawName} takes no value`, command);
      values[token.name] = true;
      continue;
    }
    // Without an inline value, parseArgs takes the next argument even when it is another option.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
      throw new UsageError(
        `option ${token.rawName} needs a value${spec.valueName ? ` (${spec.valueName})` : ''}`,
        command,
      );
    }
    if (spec.choices !== undefined && !spec.choices.includes(token.value)) {
      throw new UsageError(
        `option ${token.rawName} must be ${spec.choices.join(' or ')}, not ${quoteArg(token.value)}`,
        command,
      );
    }
    values[token.name] = token.value;
  }
  return { values, positionals };
}

/** Quotes an argument for an error message, keeping it on one printable line. */
export function quoteArg(arg: string): string {
  return JSON.stringify(arg);
}
