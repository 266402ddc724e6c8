import { execFileSync } from 'node:child_process';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_KIND_IDS } from '@ringflow/flow-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codesOf, makeTempDir, runBin, smallFlow, writeIn, type CliRun } from './helpers.js';

// Each case starts Node processes; a busy machine (the whole test suite in parallel) can be slow.
vi.setConfig({ testTimeout: 30_000 });

/*
 * End-to-end: the real executable, `node bin/ringflow.js`, on the dist/ that the global setup has
 * just built, exactly as `npx ringflow` runs it after `npm install`.
 */

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove: removeDir } = await makeTempDir());
});

afterAll(async () => {
  await removeDir();
});

interface JsonReport {
  ok: boolean;
  errors: Array<{ code: string; message: string; severity: string }>;
  warnings: Array<{ code: string; message: string; severity: string }>;
}

/** A failure of the CLI: a non-zero exit and at most one line of stderr, never a stack trace. */
function expectCleanFailure(run: CliRun, code: number): void {
  expect(run.code).toBe(code);
  expect(run.stderr).not.toContain('    at ');
  expect(run.stderr.split('\n').filter((line) => line !== '').length).toBeLessThanOrEqual(1);
}

async function validateJson(file: string, cwd = dir): Promise<{ run: CliRun; report: JsonReport }> {
  const run = await runBin(['validate', file, '--json'], cwd);
  return { run, report: JSON.parse(run.stdout) as JsonReport };
}

describe('ringflow validate (end to end)', () => {
  it('exits 0 for a valid flow', async () => {
    const run = await runBin(['validate', 'valid/small-office.json']);
    expect(run).toEqual({ code: 0, stdout: 'valid/small-office.json: valid\n', stderr: '' });
  });

  it('exits 1 for a flow with errors and lists their codes', async () => {
    const run = await runBin(['validate', 'invalid/broken-references.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^invalid\/broken-references\.json: 2 errors, 3 warnings\n/);
    expect(run.stdout).toMatch(
      /^ {2}error {3}unknown_agent +nodes\[1\]\.config\.members\[1\]\.agent \(node ring\)/m,
    );
    expect(run.stdout).toMatch(/^ {2}error {3}edge_unknown_target +edges\[1\]\.target \(edge e2\)/m);
    expect(run.stderr).toBe('');
  });

  it('prints the DESIGN shape with --json', async () => {
    const run = await runBin(['validate', '--json', 'invalid/broken-references.json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(Object.keys(report)).toEqual(['ok', 'errors', 'warnings']);
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual(['unknown_agent', 'edge_unknown_target']);
    for (const issue of [...report.errors, ...report.warnings]) {
      expect(typeof issue.code).toBe('string');
      expect(typeof issue.message).toBe('string');
    }
  });

  it('writes French messages with --lang fr', async () => {
    const run = await runBin(['validate', 'invalid/broken-references.json', '--lang', 'fr']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Le lien "e2" mène à "voicemail", qui n’est pas un nœud.');
  });

  it('exits 2 for a missing file, with one line on stderr', async () => {
    const run = await runBin(['validate', 'missing.json'], dir);
    expectCleanFailure(run, 2);
    expect(run.stderr).toBe('ringflow: cannot read missing.json: no such file\n');
    const json = await validateJson('missing.json');
    expectCleanFailure(json.run, 2);
    expect(json.report).toMatchObject({ ok: false, errors: [{ code: 'file_unreadable' }], warnings: [] });
  });

  it('exits 2 for a directory, /dev/zero and a FIFO', async () => {
    await mkdir(join(dir, 'folder'));
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    for (const [file, why] of [
      ['folder', 'is a directory'],
      ['/dev/zero', 'not a regular file'],
      ['fifo.json', 'not a regular file'],
    ]) {
      const run = await runBin(['validate', file!], dir);
      expectCleanFailure(run, 2);
      expect(run.stderr).toBe(`ringflow: cannot read ${file}: ${why}\n`);
    }
  });

  it('exits 1 for an empty file and for invalid JSON, with the line and column', async () => {
    await writeIn(dir, 'empty.json', '');
    await writeIn(dir, 'trailing-comma.json', '{\n  "id": "x",\n}\n');
    const empty = await validateJson('empty.json');
    expectCleanFailure(empty.run, 1);
    expect(codesOf(empty.report)).toEqual(['invalid_json']);
    const comma = await validateJson('trailing-comma.json');
    expectCleanFailure(comma.run, 1);
    expect(comma.report.errors[0]!.message).toBe(
      'The file is not valid JSON (line 3, column 1): trailing comma.',
    );
  });

  it('exits 1 for a 50 MB file, refused as document_too_large', async () => {
    // A real 50 MB JSON document, written in 1 MB slices.
    const handle = await open(join(dir, 'fifty.json'), 'w');
    await handle.write('{"pad": "');
    const slice = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 50; i++) await handle.write(slice);
    await handle.write('"}');
    await handle.close();
    expect((await stat(join(dir, 'fifty.json'))).size).toBeGreaterThan(50 * 1024 * 1024);
    const { run, report } = await validateJson('fifty.json');
    expectCleanFailure(run, 1);
    expect(report.errors).toMatchObject([
      { code: 'document_too_large', message: expect.stringContaining('50.0 MB') },
    ]);
    const text = await runBin(['validate', 'fifty.json'], dir);
    expectCleanFailure(text, 1);
    expect(text.stdout).toContain('document_too_large');
  });

  it('exits 1 for 200,000 nested brackets', async () => {
    await writeIn(dir, 'deep.json', '['.repeat(200_000));
    const { run, report } = await validateJson('deep.json');
    expectCleanFailure(run, 1);
    expect(codesOf(report)).toEqual(['too_deeply_nested']);
  });

  it('exits 1 for __proto__ and constructor keys', async () => {
    await writeIn(dir, 'proto.json', '{"__proto__": {"polluted": true}}');
    await writeIn(
      dir,
      'constructor.json',
      JSON.stringify({ ...smallFlow(), constructor: { prototype: { polluted: 1 } } }),
    );
    for (const file of ['proto.json', 'constructor.json']) {
      const { run, report } = await validateJson(file);
      expectCleanFailure(run, 1);
      expect(codesOf(report)).toContain('forbidden_key');
    }
  });

  it('exits 1 for bytes that are not UTF-8', async () => {
    await writeIn(dir, 'binary.json', Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
    const { run, report } = await validateJson('binary.json');
    expectCleanFailure(run, 1);
    expect(report.errors).toMatchObject([
      { code: 'invalid_json', message: expect.stringContaining('invalid UTF-8 byte 0xFF') },
    ]);
  });
});

describe('ringflow schema (end to end)', () => {
  it('prints a JSON Schema with $schema and every node kind', async () => {
    const run = await runBin(['schema']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const kind of NODE_KIND_IDS) expect(run.stdout).toContain(`"const": "${kind}"`);
  });

  it('stops quietly when its reader goes away, with its own exit code', async () => {
    const run = await runBin(['schema'], undefined, { closeStdout: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const invalid = await runBin(['validate', 'invalid/broken-references.json'], undefined, {
      closeStdout: true,
    });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe('');
  });
});

describe('ringflow format (end to end)', () => {
  it('--check fails on a non-canonical file, --write fixes it, and then --check passes', async () => {
    const path = await writeIn(dir, 'format-me.json', JSON.stringify(smallFlow()));
    const check = await runBin(['format', 'format-me.json', '--check'], dir);
    expectCleanFailure(check, 1);
    expect(check.stderr).toContain('not in canonical form');
    const write = await runBin(['format', 'format-me.json', '--write'], dir);
    expect(write).toEqual({ code: 0, stdout: 'format-me.json: rewritten in canonical form\n', stderr: '' });
    const printed = await runBin(['format', 'format-me.json'], dir);
    expect(printed.stdout).toBe(await readFile(path, 'utf8'));
    expect((await runBin(['format', 'format-me.json', '--check'], dir)).code).toBe(0);
  });

  it('--write leaves an invalid flow untouched', async () => {
    const content = '{"format": "ringflow.flow/v1", "__proto__": {}}';
    const path = await writeIn(dir, 'bad-format.json', content);
    const run = await runBin(['format', 'bad-format.json', '--write'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('forbidden_key');
    expect(run.stderr).not.toContain('    at ');
    expect(await readFile(path, 'utf8')).toBe(content);
  });
});

describe('ringflow simulate (end to end)', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const flow = 'examples/onoff-greeting/flow.json';
  const weekday = 'packages/flow-runtime-adapters/test/fixtures/scenarios/onoff-weekday-answered.json';
  const sunday = 'packages/flow-runtime-adapters/test/fixtures/scenarios/onoff-sunday-on-call.json';

  it('prints the summary of a call answered in the cascade, and exits 0', async () => {
    const run = await runBin(['simulate', flow, '--scenario', weekday], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^outcome {8}answered$/m);
    expect(run.stdout).toMatch(/^answered by {4}hugo \(Hugo Mercier\)$/m);
    expect(run.stdout).toMatch(/^ {2}boucle-appel {2}lea \(Léa Fontaine\) {3}NO_ANSWER {2}15 s$/m);
    expect(run.stdout).toMatch(/^ {2}\+1:12 {2}call\.ended +- +outcome: answered$/m);
  });

  it('prints the call record as JSON with --json', async () => {
    const run = await runBin(['simulate', flow, '--scenario', sunday, '--json'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({
      outcome: 'forwarded',
      answeredBy: '+33639980100',
      missedReason: null,
      waitSeconds: 21,
      path: ['accueil', 'horaires', 'annonce-astreinte', 'astreinte'],
      legs: [{ node: 'astreinte', number: '+33639980100', status: 'ANSWERED', ringSeconds: 6 }],
      polls: [],
    });
  });

  it('exits 1 for a scenario with errors and 2 without --scenario, never with a stack trace', async () => {
    await writeIn(dir, 'wrong-scenario.json', '{"call": {"from": "nobody"}}');
    const invalid = await runBin(['simulate', join(root, flow), '--scenario', 'wrong-scenario.json'], dir);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toMatch(/^wrong-scenario\.json: 3 errors, 0 warnings\n/);
    expect(invalid.stderr).toMatch(/^ {2}error {3}invalid_number +call\.from /m);
    expect(invalid.stderr).not.toContain('    at ');
    const usage = await runBin(['simulate', flow], root);
    expectCleanFailure(usage, 2);
    expect(usage.stderr).toBe(
      'ringflow: missing option --scenario SCENARIO.json (run "ringflow help simulate" for usage)\n',
    );
  });
});

describe('command line (end to end)', () => {
  it('prints help and the version', async () => {
    const help = await runBin(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ringflow <command> [options]');
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(await runBin(['--version'])).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it.each([
    [['frobnicate'], 'ringflow: unknown command "frobnicate" (run "ringflow help" for usage)'],
    [
      ['validate', 'x.json', '--frobnicate'],
      'ringflow: unknown option --frobnicate (run "ringflow help validate" for usage)',
    ],
    [['validate'], 'ringflow: missing argument FLOW.json (run "ringflow help validate" for usage)'],
    [[], 'ringflow: missing command (run "ringflow help" for usage)'],
  ])('%j exits 2 with exactly one line on stderr', async (argv, line) => {
    const run = await runBin(argv);
    expectCleanFailure(run, 2);
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.stdout).toBe('');
  });
});
