import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/main.js';

/** What one run of the CLI gave. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The folder of the test fixtures. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The real executable, as npm links it. */
export const BIN = fileURLToPath(new URL('../bin/ringflow.js', import.meta.url));

/** Runs the CLI in this process, its output captured in memory. */
export async function runInProcess(argv: readonly string[], cwd: string = FIXTURES): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd,
  });
  return { code, stdout, stderr };
}

/** Runs the built CLI as a user would: `node bin/ringflow.js ...`, in its own process. */
export function runBin(
  argv: readonly string[],
  cwd: string = FIXTURES,
  options: { closeStdout?: boolean } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // A hang (say, a FIFO opened for reading) ends in a failed test rather than a stuck run.
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, timeout: 30_000, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (options.closeStdout === true) child.stdout.destroy();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== null) reject(new Error(`ringflow was killed by ${signal}; stderr: ${stderr}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh temporary folder, and a function that removes it. */
export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ringflow-cli-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `content` into `dir/name` and returns the path. */
export async function writeIn(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** The issue codes of a JSON report, errors then warnings. */
export function codesOf(report: {
  errors: Array<{ code: string }>;
  warnings: Array<{ code: string }>;
}): string[] {
  return [...report.errors, ...report.warnings].map((issue) => issue.code);
}

/** A small valid flow, as an object to tweak in tests. */
export function smallFlow(): Record<string, unknown> {
  return {
    format: 'ringflow.flow/v1',
    id: 'tiny',
    name: 'Tiny',
    timezone: 'Europe/Paris',
    entry: 'welcome',
    sounds: [{ id: 'welcome', tts: { text: 'Hello.' } }],
    nodes: [
      { id: 'welcome', kind: 'announcement', config: { sound: 'welcome' } },
      { id: 'bye', kind: 'hangup' },
    ],
    edges: [{ id: 'e1', source: 'welcome', port: 'next', target: 'bye' }],
  };
}
