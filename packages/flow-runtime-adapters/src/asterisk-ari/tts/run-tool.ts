import { spawn } from 'node:child_process';
import { TtsError } from './tts-error.js';

/** What a tool printed. */
export interface ToolOutput {
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** How to run a tool, and how to name it in errors. */
export interface RunToolOptions {
  /** Sent to the tool's standard input, then closed. */
  readonly input?: string | Uint8Array;
  readonly signal?: AbortSignal;
  /** The tool is killed past this much standard output (default 256 MiB). */
  readonly maxOutputBytes?: number;
  /** How to install the tool, for the "not found" message: `apt-get install espeak-ng`. */
  readonly installHint: string;
}

const STDERR_KEPT = 2000;

/**
 * Runs `binary` with `args` as a direct child process, never through a shell, so nothing in the
 * arguments or the input (quotes, `$(...)`, `;`, newlines) is ever interpreted. Resolves with the
 * output when it exits with status 0; otherwise rejects with a TtsError naming the tool.
 */
export function runTool(
  binary: string,
  args: readonly string[],
  options: RunToolOptions,
): Promise<ToolOutput> {
  const maxOutput = options.maxOutputBytes ?? 256 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(abortError(binary, options.signal));
      return;
    }
    const child = spawn(binary, args, { shell: false, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let outputBytes = 0;
    let stderr = '';
    let failure: TtsError | undefined;
    const fail = (error: TtsError): void => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const onAbort = (): void => fail(abortError(binary, options.signal));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      outputBytes += chunk.byteLength;
      if (outputBytes > maxOutput)
        fail(new TtsError('render_failed', `${binary} wrote more than ${maxOutput} bytes`));
      else chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEPT);
    });
    // A tool that exits without reading its input makes the write fail with EPIPE: its exit says why.
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        fail(
          new TtsError(
            'tool_missing',
            `"${binary}" could not be run (${error.code}): it is not installed or not executable. ` +
              `Install it (${options.installHint}) or give its path in the options.`,
            { cause: error },
          ),
        );
      } else {
        fail(
          new TtsError('render_failed', `"${binary}" could not be started: ${error.message}`, {
            cause: error,
          }),
        );
      }
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (failure !== undefined) reject(failure);
      else if (code === 0) resolve({ stdout: Buffer.concat(chunks), stderr });
      else {
        const status = code === null ? `was killed by ${signal ?? 'a signal'}` : `exited with status ${code}`;
        const said = stderr.trim();
        reject(new TtsError('render_failed', `"${binary}" ${status}${said === '' ? '' : `: ${said}`}`));
      }
    });
    child.stdin.end(options.input ?? '');
  });
}

function abortError(binary: string, signal: AbortSignal | undefined): TtsError {
  const reason: unknown = signal?.reason;
  const why = reason instanceof Error ? reason.message : 'aborted';
  return new TtsError('aborted', `"${binary}" was stopped: ${why}`, { cause: reason });
}
