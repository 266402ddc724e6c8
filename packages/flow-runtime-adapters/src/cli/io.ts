/** Where the CLI writes: anything with a `write(text)` method, such as `process.stdout`. */
export interface CliOutput {
  write(chunk: string): unknown;
}

/** The outside world of one CLI run: its output streams and the folder relative paths start from. */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Folder that relative file arguments are resolved against. */
  readonly cwd: string;
}

/**
 * Exit codes of `ringflow`, as documented in docs/cli.md. Scripts depend on them: never change the
 * meaning of one.
 */
export const EXIT_CODES = {
  /** The command did what was asked; a validated flow has no error (warnings allowed). */
  ok: 0,
  /** The flow document has errors (including invalid JSON, too large, forbidden keys), or is not canonical. */
  invalid: 1,
  /** The command line is wrong, or a file cannot be read or written. */
  usage: 2,
  /** A bug in ringflow (EX_SOFTWARE from sysexits.h). */
  internal: 70,
} as const;

/** A wrong command line; reported on one line of stderr with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose help the hint points at, or undefined for the general help. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

// C0 and C1 controls, line and paragraph separators, and bidirectional overrides: text from a
// document could otherwise move the cursor, recolour the terminal, hide text or break a line.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Makes text from a document or the file system safe to print on one terminal line. */
export function printable(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes one line. */
export function writeLine(output: CliOutput, line = ''): void {
  output.write(`${line}\n`);
}

/** Writes a value as two-space JSON followed by a newline. */
export function writeJson(output: CliOutput, value: unknown): void {
  output.write(`${JSON.stringify(value, null, 2)}\n`);
}
