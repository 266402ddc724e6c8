import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { realTimeClock } from '../examples/embedding/real-time-clock.js';
import { runCall } from '../examples/embedding/run-a-call.js';
import buildPackages from '../packages/flow-runtime-adapters/test/global-setup.js';

const root = resolve(import.meta.dirname, '..');

/** Runs the example as its header says, `npx tsx examples/embedding/run-a-call.ts`, on the built packages. */
function runExample(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [tsx, 'examples/embedding/run-a-call.ts'], {
      cwd: root,
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('examples/embedding/run-a-call.ts', () => {
  let run: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    // A user runs it after `npm install`, which builds the packages: the example imports them by
    // name, so it runs on dist/, not on the sources.
    await buildPackages();
    run = await runExample();
  }, 180_000);

  it('runs as a user runs it, and tells the story of the call', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('+0:00  pbx -> engine  {"type":"call.started"}');
    expect(lines).toContain(
      '+0:18  engine -> pbx  {"type":"cancelLegs","legIds":["leg2"],"reason":"timeout"}',
    );
    expect(lines).toContain('+0:22  pbx -> engine  {"type":"leg.answered","legId":"leg3"}');
    expect(lines).toContain('+0:22  engine -> pbx  {"type":"bridge","legId":"leg3"}');
    expect(lines).toContain('+0:22  host restarted: session saved as JSON, disposed, resumed from the JSON');
    expect(lines).toContain('+0:52  engine -> pbx  {"type":"hangup","cause":"normal"}');
    expect(lines).toContain('+0:52  call ended: answered');
  });

  it('prints a call record that is valid JSON, answered by Hugo after the cascade passed Léa', () => {
    const record = JSON.parse(run.stdout.slice(run.stdout.indexOf('\n{\n') + 1)) as Record<string, unknown>;
    expect(record).toMatchObject({
      outcome: 'answered',
      answeredBy: 'hugo',
      missedReason: null,
      waitSeconds: 22,
      durationSeconds: 52,
      path: ['accueil', 'horaires', 'boucle-appel'],
      legs: [
        { node: 'boucle-appel', agent: 'lea', status: 'NO_ANSWER', ringSeconds: 15 },
        { node: 'boucle-appel', agent: 'hugo', status: 'ANSWERED', ringSeconds: 4 },
      ],
      polls: [],
    });
  });

  it('tells the same story from the sources, through its exported runCall', () => {
    const printed: string[] = [];
    const result = runCall((line) => printed.push(line));
    expect(`${printed.join('\n')}\n`).toBe(run.stdout);
    expect(result.outcome).toBe('answered');
  });

  it('is shown with its exact output in docs/engine.md', () => {
    const doc = readFileSync(join(root, 'docs/engine.md'), 'utf8');
    expect(doc).toContain(`\`\`\`text\n$ npx tsx examples/embedding/run-a-call.ts\n${run.stdout}\`\`\``);
  });
});

describe('docs/engine.md', () => {
  it('quotes its excerpts verbatim from the files it names', () => {
    const doc = readFileSync(join(root, 'docs/engine.md'), 'utf8');
    const excerpts = [
      ...doc.matchAll(
        /[Ff]rom\s+\[`([^`]+)`\]\([^)]+\):\n\n(?:<!-- prettier-ignore -->\n)?```ts\n([\s\S]*?)```/g,
      ),
    ];
    expect(excerpts.map((match) => match[1])).toEqual([
      'examples/embedding/real-time-clock.ts',
      'packages/flow-core/src/nodes/announcement.ts',
      'examples/embedding/run-a-call.ts',
      'examples/embedding/run-a-call.ts',
    ]);
    for (const [, file, code] of excerpts) {
      expect(readFileSync(join(root, file!), 'utf8'), `excerpt of ${file}`).toContain(code);
    }
  });
});

describe('examples/embedding/real-time-clock.ts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls back when the time comes, and not when the timer is cleared', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 24, 9) });
    const fired: string[] = [];
    const start = realTimeClock.now();
    expect(start).toBe(Date.UTC(2026, 10, 24, 9));
    realTimeClock.setTimer(start + 5_000, () => fired.push('ring'));
    const cleared = realTimeClock.setTimer(start + 3_000, () => fired.push('cleared'));
    realTimeClock.setTimer(start - 1_000, () => fired.push('past'));
    realTimeClock.clearTimer(cleared);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual(['past']);
    vi.advanceTimersByTime(4_999);
    expect(fired).toEqual(['past']);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['past', 'ring']);
  });

  it('waits for a time beyond what one setTimeout can hold', () => {
    vi.useFakeTimers({ now: 0 });
    const fired: number[] = [];
    const thirtyDays = 30 * 24 * 3600 * 1000;
    const handle = realTimeClock.setTimer(thirtyDays, () => fired.push(realTimeClock.now()));
    vi.advanceTimersByTime(thirtyDays - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([thirtyDays]);
    // Clearing after a hop still cancels.
    const later = realTimeClock.setTimer(2 * thirtyDays + thirtyDays, () => fired.push(-1));
    vi.advanceTimersByTime(thirtyDays);
    realTimeClock.clearTimer(later);
    vi.advanceTimersByTime(3 * thirtyDays);
    expect(fired).toEqual([thirtyDays]);
    realTimeClock.clearTimer(handle);
  });
});
