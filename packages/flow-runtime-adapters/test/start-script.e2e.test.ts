import { spawn } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURES, makeTempDir, writeIn, type CliRun } from './helpers.js';

// Each case starts Node processes; a busy machine (the whole test suite in parallel) can be slow.
vi.setConfig({ testTimeout: 30_000 });

// `npm start` runs scripts/start.mjs on examples/; here it runs on folders made for each case.
const START = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));

function runStart(folder: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [START, folder], { timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove: removeDir } = await makeTempDir());
});

afterAll(async () => {
  await removeDir();
});

describe('scripts/start.mjs', () => {
  it('says politely that there is no example yet, and exits 0', async () => {
    await mkdir(join(dir, 'empty'));
    const run = await runStart(join(dir, 'empty'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('There are no example flows yet');
    expect(run.stderr).toBe('');
  });

  it('summarizes valid examples and says what to try next', async () => {
    await mkdir(join(dir, 'valid', 'small-office'), { recursive: true });
    await copyFile(
      join(FIXTURES, 'valid', 'small-office.json'),
      join(dir, 'valid', 'small-office', 'flow.json'),
    );
    const run = await runStart(join(dir, 'valid'));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('✓ small-office: Small office');
    expect(run.stdout).toMatch(/entry +welcome \(announcement\)/);
    expect(run.stdout).toMatch(/nodes +4: 1 announcement, 1 businessHours, 1 ringGroup, 1 voicemail/);
    expect(run.stdout).toMatch(/agents +1: Alice Martin/);
    expect(run.stdout).toMatch(/schedules +1: Office hours/);
    expect(run.stdout).toMatch(/check +valid \(0 errors, 0 warnings\)/);
    expect(run.stdout).toContain('npx ringflow validate ');
    expect(run.stdout).toContain('npx ringflow schema');
  });

  it('shows the errors of an invalid example and exits 1', async () => {
    await mkdir(join(dir, 'invalid', 'broken'), { recursive: true });
    await mkdir(join(dir, 'invalid', 'not-json'), { recursive: true });
    await copyFile(
      join(FIXTURES, 'invalid', 'broken-references.json'),
      join(dir, 'invalid', 'broken', 'flow.json'),
    );
    await writeIn(join(dir, 'invalid', 'not-json'), 'flow.json', '{"id":');
    const run = await runStart(join(dir, 'invalid'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ broken: Broken references');
    expect(run.stdout).toContain('error unknown_agent: Agent "zoe" is not defined');
    expect(run.stdout).toContain('✗ not-json');
    expect(run.stdout).toContain('error invalid_json');
    expect(run.stderr).toBe('2 examples are invalid: see the errors above.\n');
  });
});
