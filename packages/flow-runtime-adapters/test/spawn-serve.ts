import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN } from './helpers.js';

/** How a process ended. */
export interface ServeExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A `ringflow serve` process that is listening. */
export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** The API's URL, from the `server.listening` log line. */
  readonly url: string;
  /** The token printed on the first start, if this start printed one. */
  readonly printedToken: string | undefined;
  /** Everything the process wrote so far. */
  readonly output: () => { stdout: string; stderr: string };
  readonly exited: Promise<ServeExit>;
}

/**
 * Starts the built CLI as a user would, `node bin/ringflow.js <argv>` (argv starting with `serve`),
 * and resolves once it listens: after its `server.listening` log line and its operator's line, so that
 * a token printed on this start is never read half-written. Rejects when it exits first or does not
 * listen within 30 s. The child is added to `children` at once, for the test file's after-hook to kill.
 */
export function spawnServe(
  argv: readonly string[],
  options: { cwd: string; children: ChildProcessWithoutNullStreams[]; env?: NodeJS.ProcessEnv },
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, ...argv], {
    cwd: options.cwd,
    stdio: 'pipe',
    env: options.env,
  });
  options.children.push(child);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<ServeExit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stdout}\n${stderr}`)), 30_000);
    // stdout and stderr are separate pipes: wait for both the log line and the operator's line, which
    // comes after the token.
    const check = () => {
      // Complete lines only: the last piece may be half a line.
      const complete = stdout.split('\n').slice(0, -1);
      const line = complete.find((text) => text.includes('"event":"server.listening"'));
      if (line === undefined || !/^ringflow: listening on .*\n/m.test(stderr)) return;
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      const lines = stderr.split('\n');
      const at = lines.findIndex((text) => text.includes('API token'));
      resolve({
        child,
        url,
        printedToken: at < 0 ? undefined : lines[at + 1],
        output: () => ({ stdout, stderr }),
        exited,
      });
    };
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      check();
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      check();
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${stdout}\n${stderr}`));
    });
  });
}
