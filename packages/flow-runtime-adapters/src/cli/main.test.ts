import { chmod, lstat, mkdir, readFile, readdir, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { flowJsonSchema, NODE_KIND_IDS, serializeFlow, validateFlowText } from '@ringflow/flow-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, makeTempDir, runInProcess, smallFlow, writeIn } from '../../test/helpers.js';

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove: removeDir } = await makeTempDir());
});

afterAll(async () => {
  await removeDir();
});

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

function parseReport(stdout: string): {
  ok: boolean;
  errors: Array<Record<string, unknown>>;
  warnings: Array<Record<string, unknown>>;
} {
  return JSON.parse(stdout) as never;
}

describe('ringflow validate', () => {
  it('accepts a valid flow with exit code 0 and a one-line report', async () => {
    const run = await runInProcess(['validate', 'valid/small-office.json']);
    expect(run).toEqual({ code: 0, stdout: 'valid/small-office.json: valid\n', stderr: '' });
  });

  it('lists every issue of a flow with errors, one aligned line each, and exits 1', async () => {
    const run = await runInProcess(['validate', 'invalid/broken-references.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const [header, ...issues] = lines(run.stdout);
    expect(header).toBe('invalid/broken-references.json: 2 errors, 3 warnings');
    expect(issues).toHaveLength(5);
    expect(issues[0]).toMatch(
      /^ {2}error {3}unknown_agent {8}nodes\[1\]\.config\.members\[1\]\.agent \(node ring\) +Agent "zoe"/,
    );
    expect(run.stdout).toContain('edge_unknown_target');
    expect(run.stdout).toContain('edges[1].target (edge e2)');
    expect(issues.slice(2).every((line) => line.startsWith('  warning '))).toBe(true);
    // Codes, locations and messages each start in one column.
    const { errors, warnings } = parseReport(
      (await runInProcess(['validate', 'invalid/broken-references.json', '--json'])).stdout,
    );
    const messages = [...errors, ...warnings].map((issue) => String(issue.message));
    expect(new Set(issues.map((line, i) => line.indexOf(messages[i]!))).size).toBe(1);
    const codes = [...errors, ...warnings].map((issue) => String(issue.code));
    expect(new Set(issues.map((line, i) => line.indexOf(` ${codes[i]!} `))).size).toBe(1);
  });

  it('prints exactly { ok, errors, warnings } with --json', async () => {
    const run = await runInProcess(['validate', 'invalid/broken-references.json', '--json']);
    expect(run.code).toBe(1);
    const report = parseReport(run.stdout);
    expect(Object.keys(report)).toEqual(['ok', 'errors', 'warnings']);
    expect(report.ok).toBe(false);
    expect(codesOf(report as never)).toEqual([
      'unknown_agent',
      'edge_unknown_target',
      'unwired_port',
      'unreachable_node',
      'unreachable_node',
    ]);
    expect(report.errors[0]).toMatchObject({
      code: 'unknown_agent',
      severity: 'error',
      nodeId: 'ring',
      path: ['nodes', 1, 'config', 'members', 1, 'agent'],
    });
    // The issues are flow-core's, unchanged.
    const text = await readFile(
      join(import.meta.dirname, '../../test/fixtures/invalid/broken-references.json'),
      'utf8',
    );
    const { errors, warnings } = validateFlowText(text);
    expect(report).toEqual({ ok: false, errors, warnings });
  });

  it('exits 0 when the flow has only warnings', async () => {
    const flow = smallFlow();
    (flow.nodes as unknown[]).push({ id: 'lost', kind: 'hangup' });
    await writeIn(dir, 'warnings.json', JSON.stringify(flow));
    const run = await runInProcess(['validate', 'warnings.json'], dir);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)[0]).toBe('warnings.json: 0 errors, 1 warning');
    const json = await runInProcess(['validate', 'warnings.json', '--json'], dir);
    expect(json.code).toBe(0);
    expect(parseReport(json.stdout)).toMatchObject({
      ok: true,
      errors: [],
      warnings: [{ code: 'unreachable_node' }],
    });
  });

  it('writes messages in French with --lang fr', async () => {
    const run = await runInProcess(['validate', 'invalid/broken-references.json', '--lang', 'fr']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('L’agent "zoe" n’est pas défini dans les agents du flux.');
    const json = await runInProcess(['validate', '--lang=fr', '--json', 'invalid/broken-references.json']);
    expect(parseReport(json.stdout).errors[0]!.message).toBe(
      'L’agent "zoe" n’est pas défini dans les agents du flux.',
    );
  });

  it('reports a missing file on one line of stderr with exit code 2', async () => {
    const run = await runInProcess(['validate', 'nope.json']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'ringflow: cannot read nope.json: no such file\n' });
  });

  it('reports a missing file as a file_unreadable error with --json', async () => {
    const run = await runInProcess(['validate', 'nope.json', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    expect(parseReport(run.stdout)).toEqual({
      ok: false,
      errors: [
        {
          code: 'file_unreadable',
          severity: 'error',
          message: 'Cannot read the file "nope.json": no such file.',
          params: { file: 'nope.json', reason: 'not_found' },
        },
      ],
      warnings: [],
    });
    const fr = await runInProcess(['validate', 'nope.json', '--json', '--lang', 'fr']);
    expect(parseReport(fr.stdout).errors[0]!.message).toBe(
      'Impossible de lire le fichier "nope.json" : fichier introuvable.',
    );
  });

  it('refuses a directory, a device and a FIFO without reading them', async () => {
    await mkdir(join(dir, 'folder.json'));
    expect(await runInProcess(['validate', 'folder.json'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ringflow: cannot read folder.json: is a directory\n',
    });
    expect(await runInProcess(['validate', '/dev/zero'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ringflow: cannot read /dev/zero: not a regular file\n',
    });
    const json = await runInProcess(['validate', '/dev/zero', '--json'], dir);
    expect(json.code).toBe(2);
    expect(parseReport(json.stdout).errors[0]).toMatchObject({
      code: 'file_unreadable',
      params: { reason: 'not_regular_file' },
    });
  });

  it('reports an empty file as invalid JSON', async () => {
    await writeIn(dir, 'empty.json', '');
    const run = await runInProcess(['validate', 'empty.json', '--json'], dir);
    expect(run.code).toBe(1);
    expect(parseReport(run.stdout).errors).toMatchObject([
      {
        code: 'invalid_json',
        message: 'The file is not valid JSON (line 1, column 1): unexpected end of text.',
      },
    ]);
  });

  it('reports invalid JSON with its line and column', async () => {
    await writeIn(dir, 'syntax.json', '{\n  "format": "ringflow.flow/v1",\n  "id": oops\n}\n');
    const run = await runInProcess(['validate', 'syntax.json'], dir);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      'syntax.json: 1 error, 0 warnings',
      '  error   invalid_json  -  The file is not valid JSON (line 3, column 9): unexpected character "o".',
    ]);
  });

  it('refuses a file over 10 MiB from its size, as a document_too_large error', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    // A sparse 50 MB file: the size is real, the bytes are never read (see read-flow-file.test.ts).
    await truncate(path, 50 * 1024 * 1024);
    const run = await runInProcess(['validate', 'huge.json', '--json'], dir);
    expect(run.code).toBe(1);
    expect(parseReport(run.stdout).errors).toMatchObject([
      {
        code: 'document_too_large',
        message: 'The document is too large: 50.0 MB is over the limit of 10.0 MB.',
      },
    ]);
  });

  it('refuses 200,000 nested brackets without overflowing the stack', async () => {
    await writeIn(dir, 'deep.json', '['.repeat(200_000) + ']'.repeat(200_000));
    const run = await runInProcess(['validate', 'deep.json', '--json'], dir);
    expect(run.code).toBe(1);
    expect(codesOf(parseReport(run.stdout) as never)).toEqual(['too_deeply_nested']);
  });

  it('refuses __proto__ and constructor keys, and pollutes nothing', async () => {
    await writeIn(dir, 'proto.json', '{"__proto__": {"polluted": true}}');
    await writeIn(dir, 'constructor.json', '{"constructor": {"prototype": {"polluted": true}}}');
    for (const file of ['proto.json', 'constructor.json']) {
      const run = await runInProcess(['validate', file, '--json'], dir);
      expect(run.code).toBe(1);
      expect(parseReport(run.stdout).errors[0]).toMatchObject({ code: 'forbidden_key' });
      const text = await runInProcess(['validate', file], dir);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('forbidden_key');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses bytes that are not UTF-8, saying where they are', async () => {
    await writeIn(dir, 'latin1.json', Buffer.from('{\n  "name": "Caf\xe9"\n}\n', 'latin1'));
    const run = await runInProcess(['validate', 'latin1.json', '--json'], dir);
    expect(run.code).toBe(1);
    expect(parseReport(run.stdout).errors).toMatchObject([
      {
        code: 'invalid_json',
        message:
          'The file is not valid JSON (line 2, column 15): invalid UTF-8 byte 0xE9; save the file as UTF-8.',
      },
    ]);
  });

  it('reads a file that starts with a UTF-8 byte order mark', async () => {
    await writeIn(dir, 'bom.json', `\ufeff${JSON.stringify(smallFlow())}`);
    expect((await runInProcess(['validate', 'bom.json'], dir)).code).toBe(0);
  });

  it('keeps text from the document on one printable line', async () => {
    const flow = smallFlow();
    flow.entry = 'evil\u001b[2J';
    await writeIn(dir, 'escape.json', JSON.stringify(flow));
    const run = await runInProcess(['validate', 'escape.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('evil\\u001b[2J');
  });

  it('resolves relative paths from io.cwd and accepts absolute ones', async () => {
    const path = await writeIn(dir, 'absolute.json', JSON.stringify(smallFlow()));
    expect((await runInProcess(['validate', path], '/')).code).toBe(0);
  });
});

describe('ringflow schema', () => {
  it('prints the JSON Schema of the flow document as two-space JSON', async () => {
    const run = await runInProcess(['schema']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${JSON.stringify(flowJsonSchema(), null, 2)}\n`);
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(schema.$schema).toMatch(/json-schema\.org/);
    for (const kind of NODE_KIND_IDS) expect(run.stdout).toContain(`"const": "${kind}"`);
  });

  it('takes no argument', async () => {
    expect(await runInProcess(['schema', 'flow.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ringflow: unexpected argument "flow.json" (run "ringflow help schema" for usage)\n',
    });
  });
});

describe('ringflow format', () => {
  const compact = () => JSON.stringify(smallFlow());

  it('prints the canonical form of a valid flow', async () => {
    await writeIn(dir, 'to-print.json', compact());
    const run = await runInProcess(['format', 'to-print.json'], dir);
    expect(run.code).toBe(0);
    const { flow } = validateFlowText(compact());
    expect(run.stdout).toBe(serializeFlow(flow!));
    expect(run.stdout).toContain('"maxSteps": 200');
  });

  it('--check exits 1 for a file not in canonical form, 0 for a canonical one', async () => {
    await writeIn(dir, 'to-check.json', compact());
    const before = await runInProcess(['format', 'to-check.json', '--check'], dir);
    expect(before).toEqual({
      code: 1,
      stdout: '',
      stderr: 'to-check.json: not in canonical form (run "ringflow format --write to-check.json")\n',
    });
    const canonical = await runInProcess(['format', 'valid/small-office.json', '--check']);
    expect(canonical).toEqual({ code: 0, stdout: 'valid/small-office.json: canonical\n', stderr: '' });
  });

  it('--write rewrites the file in canonical form, keeping its mode and leaving no temporary file', async () => {
    const path = await writeIn(dir, 'to-write.json', compact());
    await chmod(path, 0o640);
    const run = await runInProcess(['format', 'to-write.json', '--write'], dir);
    expect(run).toEqual({ code: 0, stdout: 'to-write.json: rewritten in canonical form\n', stderr: '' });
    expect(await readFile(path, 'utf8')).toBe(serializeFlow(validateFlowText(compact()).flow!));
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await runInProcess(['format', 'to-write.json', '--check'], dir)).toMatchObject({ code: 0 });
    expect(await runInProcess(['format', 'to-write.json', '--write'], dir)).toEqual({
      code: 0,
      stdout: 'to-write.json: already canonical\n',
      stderr: '',
    });
  });

  it('--write through a symbolic link rewrites the target and keeps the link', async () => {
    const target = await writeIn(dir, 'link-target.json', compact());
    await symlink(target, join(dir, 'link.json'));
    expect((await runInProcess(['format', 'link.json', '--write'], dir)).code).toBe(0);
    expect((await lstat(join(dir, 'link.json'))).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(serializeFlow(validateFlowText(compact()).flow!));
  });

  it('leaves an invalid flow untouched and reports its issues on stderr', async () => {
    const content = '{"format": "ringflow.flow/v1", "id": "x"}';
    const path = await writeIn(dir, 'invalid-format.json', content);
    const before = await stat(path);
    for (const option of [[], ['--check'], ['--write']]) {
      const run = await runInProcess(['format', 'invalid-format.json', ...option], dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(lines(run.stderr)[0]).toMatch(/^invalid-format\.json: \d+ errors?, 0 warnings$/);
      expect(run.stderr).toContain('missing_field');
    }
    expect(await readFile(path, 'utf8')).toBe(content);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
  });

  it('refuses --check with --write, and an unreadable file', async () => {
    expect(await runInProcess(['format', 'x.json', '--check', '--write'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'ringflow: --check and --write cannot be used together (run "ringflow help format" for usage)\n',
    });
    expect(await runInProcess(['format', 'nope.json', '--write'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ringflow: cannot read nope.json: no such file\n',
    });
  });
});

describe('ringflow help and --version', () => {
  it('prints the general help for help, --help and -h', async () => {
    for (const flag of ['help', '--help', '-h']) {
      const run = await runInProcess([flag]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^ringflow: /);
      for (const command of [
        'validate FLOW.json',
        'format FLOW.json',
        'simulate FLOW.json',
        'schema',
        'serve',
        'help [COMMAND]',
        '--version',
      ]) {
        expect(run.stdout).toContain(command);
      }
    }
  });

  it('prints the help of a command', async () => {
    const run = await runInProcess(['help', 'validate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: ringflow validate FLOW.json \[options\]\n/);
    expect(run.stdout).toContain('--lang en|fr');
    expect((await runInProcess(['validate', '--help'])).stdout).toBe(run.stdout);
    expect((await runInProcess(['format', '-h'])).stdout).toContain('--write');
  });

  it('prints the version of the package', async () => {
    const manifest = JSON.parse(await readFile(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(await runInProcess(['--version'])).toEqual({
      code: 0,
      stdout: `${manifest.version}\n`,
      stderr: '',
    });
  });
});

describe('usage errors', () => {
  const cases: Array<[string[], string]> = [
    [[], 'missing command (run "ringflow help" for usage)'],
    [['frobnicate'], 'unknown command "frobnicate" (run "ringflow help" for usage)'],
    [['--frobnicate'], 'unknown option --frobnicate (run "ringflow help" for usage)'],
    [['validate'], 'missing argument FLOW.json (run "ringflow help validate" for usage)'],
    [
      ['validate', 'a.json', 'b.json'],
      'unexpected argument "b.json" (run "ringflow help validate" for usage)',
    ],
    [['validate', 'a.json', '--strict'], 'unknown option --strict (run "ringflow help validate" for usage)'],
    [['validate', 'a.json', '-x'], 'unknown option -x (run "ringflow help validate" for usage)'],
    [
      ['validate', 'a.json', '--json=yes'],
      'option --json takes no value (run "ringflow help validate" for usage)',
    ],
    [
      ['validate', 'a.json', '--lang'],
      'option --lang needs a value (en|fr) (run "ringflow help validate" for usage)',
    ],
    [
      ['validate', 'a.json', '--lang', '--json'],
      'option --lang needs a value (en|fr) (run "ringflow help validate" for usage)',
    ],
    [
      ['validate', 'a.json', '--lang', 'de'],
      'option --lang must be en or fr, not "de" (run "ringflow help validate" for usage)',
    ],
    [
      ['validate', 'a.json', '--__proto__'],
      'unknown option --__proto__ (run "ringflow help validate" for usage)',
    ],
    [['help', 'frobnicate'], 'unknown command "frobnicate" (run "ringflow help" for usage)'],
    [['--version', 'now'], 'unexpected argument "now" (run "ringflow help" for usage)'],
  ];
  it.each(cases)('%j: one line on stderr, exit 2', async (argv, message) => {
    expect(await runInProcess(argv)).toEqual({ code: 2, stdout: '', stderr: `ringflow: ${message}\n` });
  });

  it('takes a file name that starts with a dash after --', async () => {
    await writeIn(dir, '-dash.json', JSON.stringify(smallFlow()));
    expect((await runInProcess(['validate', '--', '-dash.json'], dir)).code).toBe(0);
  });
});

describe('internal errors', () => {
  it('turns an unexpected exception into one line and exit code 70', async () => {
    let stderr = '';
    const { runCli } = await import('./main.js');
    const code = await runCli(['schema'], {
      stdout: {
        write: () => {
          throw new Error('disk on fire\n    at somewhere');
        },
      },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      cwd: '/',
    });
    expect(code).toBe(70);
    expect(stderr).toBe('ringflow: internal error: disk on fire at somewhere\n');
  });
});

describe('any input', () => {
  it('any command line ends with a documented exit code and never throws', async () => {
    const { dir: empty, remove } = await makeTempDir();
    try {
      const word = fc.oneof(
        fc.constantFrom(
          'validate',
          'format',
          'schema',
          'help',
          '--json',
          '--lang',
          'fr',
          '--check',
          '--write',
          '-h',
          '--',
          'x.json',
        ),
        fc.string({ maxLength: 8 }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(word, { maxLength: 5 }), async (argv) => {
          const run = await runInProcess(argv, empty);
          expect([0, 1, 2]).toContain(run.code);
          if (run.code === 2) expect(run.stderr === '' || lines(run.stderr).length === 1).toBe(true);
        }),
        { numRuns: 200 },
      );
    } finally {
      await remove();
    }
  });

  it('any JSON document or text gets a JSON report whose ok matches the exit code', async () => {
    const content = fc.oneof(fc.json({ maxDepth: 4 }), fc.string({ unit: 'binary', maxLength: 60 }));
    await fc.assert(
      fc.asyncProperty(content, async (text) => {
        await writeIn(dir, 'any.json', text);
        const run = await runInProcess(['validate', 'any.json', '--json'], dir);
        expect([0, 1]).toContain(run.code);
        const report = parseReport(run.stdout);
        expect(report.ok).toBe(run.code === 0);
        expect(report.ok).toBe(report.errors.length === 0);
      }),
      { numRuns: 200 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
