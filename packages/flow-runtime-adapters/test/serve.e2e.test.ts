import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateFlowText } from '@ringflow/flow-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client.js';
import { makeTempDir, runBin } from './helpers.js';
import { spawnServe, type ServeExit, type ServeProcess } from './spawn-serve.js';
import { flowVariant } from './store-contract.js';

// Each case starts `ringflow serve` processes; a busy machine can be slow.
vi.setConfig({ testTimeout: 90_000 });

/*
 * End-to-end: `node bin/ringflow.js serve`, the real executable on the dist/ the global setup
 * built, driven over HTTP with fetch as an integrator would.
 */

let dir: string;
let remove: () => Promise<void>;
let storeDir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(async () => {
  ({ dir, remove } = await makeTempDir());
  storeDir = join(dir, 'store');
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await remove();
});

/** Starts `ringflow serve` on port 0 and waits until it listens. */
function startServe(extra: readonly string[] = []): Promise<ServeProcess> {
  const argv = ['serve', '--store', storeDir, '--adapter', 'memory', '--port', '0', ...extra];
  return spawnServe(argv, { cwd: dir, children });
}

async function stop(server: ServeProcess): Promise<ServeExit> {
  server.child.kill('SIGTERM');
  return server.exited;
}

const SCENARIO = { call: { from: '+33612345678', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' } };

describe('ringflow serve (end to end)', () => {
  it('serves the API to an integrator, places test calls, and stops cleanly on SIGTERM', async () => {
    const server = await startServe(['--cors-origin', 'http://127.0.0.1:5173']);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.printedToken).toMatch(/^rf_/);
    const call = createApiClient(server.url, server.printedToken!);

    expect((await call('GET', '/v1/flows', { token: null })).status).toBe(401);
    expect((await call('GET', '/v1/flows', { token: 'rf_wrong' })).status).toBe(401);
    expect((await call('PUT', '/v1/flows/tiny/draft', { json: flowVariant('tiny', 1) })).status).toBe(200);
    expect((await call('POST', '/v1/validate', { json: flowVariant('tiny', 1) })).body.ok).toBe(true);
    expect((await call('POST', '/v1/flows/tiny/publish', { json: { author: 'alice' } })).status).toBe(201);
    await call('PUT', '/v1/flows/tiny/draft', { json: flowVariant('tiny', 2) });
    expect(
      (await call('POST', '/v1/flows/tiny/publish', { json: { author: 'bob' } })).body.version.version,
    ).toBe(2);
    const versions = await call('GET', '/v1/flows/tiny/versions');
    expect(versions.body.versions.map((v: { author: string }) => v.author)).toEqual(['bob', 'alice']);
    const diff = await call('GET', '/v1/flows/tiny/diff?from=1&to=2');
    expect(diff.body.diff.library.sounds.changed).toEqual(['welcome']);
    const rolled = await call('POST', '/v1/flows/tiny/rollback', { json: { version: 1 } });
    expect(rolled.body.version).toMatchObject({ version: 3, rollbackOf: 1 });
    expect((await call('PUT', '/v1/routes', { json: { routes: { '+33180000000': 'tiny' } } })).status).toBe(
      200,
    );

    const placed = await call('POST', '/v1/test-calls', { json: { scenario: SCENARIO } });
    expect(placed.status).toBe(201);
    expect(placed.body.record).toMatchObject({ flowId: 'tiny', flowVersion: 3, outcome: 'completed' });
    const records = await call('GET', '/v1/flows/tiny/records?limit=5');
    expect(records.body.records).toEqual([placed.body.record]);

    const malformed = await call('PUT', '/v1/routes', {
      body: '{"routes": }',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect((await call('GET', '/v1/routes')).body.routes).toEqual({ '+33180000000': 'tiny' });

    const exit = await stop(server);
    expect(exit).toEqual({ code: 0, signal: null });
    const { stdout, stderr } = server.output();
    expect(stderr).toContain('SIGTERM received, shutting down');
    expect(stderr).toMatch(/ringflow: stopped/);
    // Logs are JSON lines, and the token is in none of them.
    for (const line of stdout.trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(stdout).not.toContain(server.printedToken!);
    expect(stdout).toContain('"event":"server.stopped"');
  });

  it('serves the same versions, routes and token after a restart', async () => {
    const first = await startServe();
    const token = first.printedToken!;
    const call = createApiClient(first.url, token);
    await call('PUT', '/v1/flows/tiny/draft', { json: flowVariant('tiny', 1) });
    await call('POST', '/v1/flows/tiny/publish');
    await call('PUT', '/v1/flows/tiny/draft', { json: flowVariant('tiny', 2) });
    await call('POST', '/v1/flows/tiny/publish');
    await call('PUT', '/v1/routes', { json: { routes: { '+33180000000': 'tiny' } } });
    const before = {
      versions: (await call('GET', '/v1/flows/tiny/versions')).body,
      v1: (await call('GET', '/v1/flows/tiny/versions/1')).body,
      routes: (await call('GET', '/v1/routes')).body,
    };
    expect((await stop(first)).code).toBe(0);

    const second = await startServe();
    expect(second.printedToken).toBeUndefined();
    const again = createApiClient(second.url, token);
    expect((await again('GET', '/v1/flows/tiny/versions')).body).toEqual(before.versions);
    expect((await again('GET', '/v1/flows/tiny/versions/1')).body).toEqual(before.v1);
    expect((await again('GET', '/v1/routes')).body).toEqual(before.routes);
    const placed = await again('POST', '/v1/test-calls', { json: { scenario: SCENARIO } });
    expect(placed.body.record).toMatchObject({ flowVersion: 2, outcome: 'completed' });
    expect((await stop(second)).code).toBe(0);
  });

  it('never leaves a corrupt or lost version when killed with -9 in the middle of publishes', async () => {
    let token: string | undefined;
    const acknowledged = new Set<number>();
    for (let round = 0; round < 3; round++) {
      const server = await startServe();
      token ??= server.printedToken;
      const call = createApiClient(server.url, token!);
      expect((await call('PUT', '/v1/flows/tiny/draft', { json: flowVariant('tiny', round) })).status).toBe(
        200,
      );
      let stopped = false;
      let firstAck: () => void = () => undefined;
      const acknowledgedOnce = new Promise<void>((resolve) => (firstAck = resolve));
      const publisher = async () => {
        while (!stopped) {
          try {
            const answer = await call('POST', '/v1/flows/tiny/publish', {
              json: { comment: `round ${round}` },
            });
            if (answer.status === 201) {
              acknowledged.add(answer.body.version.version as number);
              firstAck();
            }
          } catch {
            return; // The server is gone.
          }
        }
      };
      const publishers = Array.from({ length: 6 }, publisher);
      // Killed while publishes are in flight: some time after the first one of the round succeeded.
      await acknowledgedOnce;
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 60));
      server.child.kill('SIGKILL');
      expect((await server.exited).signal).toBe('SIGKILL');
      stopped = true;
      await Promise.all(publishers);
    }
    expect(acknowledged.size).toBeGreaterThan(0);

    // On disk: every version whose metadata exists has its whole content, as published.
    const versionsDir = join(storeDir, 'flows', 'tiny', 'versions');
    const metas = (await readdir(versionsDir)).filter((name) => /^\d{6}\.meta\.json$/.test(name)).sort();
    const numbers: number[] = [];
    for (const name of metas) {
      const meta = JSON.parse(await readFile(join(versionsDir, name), 'utf8')) as {
        version: number;
        sha256: string;
      };
      const text = await readFile(join(versionsDir, name.replace('.meta', '')), 'utf8');
      expect(createHash('sha256').update(text).digest('hex'), name).toBe(meta.sha256);
      expect(validateFlowText(text).ok, name).toBe(true);
      numbers.push(meta.version);
    }
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    // Every publish the API acknowledged survived the kills.
    for (const version of acknowledged) expect(numbers).toContain(version);

    // And a restarted server serves every one of them.
    const server = await startServe();
    const call = createApiClient(server.url, token!);
    const listed = (await call('GET', '/v1/flows/tiny/versions')).body.versions as Array<{ version: number }>;
    expect(listed.map((v) => v.version).reverse()).toEqual(numbers);
    for (const version of numbers) {
      const answer = await call('GET', `/v1/flows/tiny/versions/${version}`);
      expect(answer.status, `version ${version}`).toBe(200);
      expect(answer.body.flow.id).toBe('tiny');
    }
    const next = await call('POST', '/v1/flows/tiny/publish');
    expect(next.body.version.version).toBe(numbers.length + 1);
    expect((await stop(server)).code).toBe(0);
  });

  it('exits 2 with one clear line when it cannot run', async () => {
    const ASTERISK = [
      'serve',
      '--store',
      storeDir,
      '--adapter',
      'asterisk-ari',
      '--ari-url',
      'http://127.0.0.1:1',
      '--ari-user',
      'ringflow',
      '--ari-password-file',
      join(dir, 'password'),
    ];
    const cases: Array<{ args: string[]; message: RegExp }> = [
      { args: ['serve', '--adapter', 'memory'], message: /missing option --store DIR/ },
      { args: ['serve', '--store', storeDir], message: /missing option --adapter/ },
      {
        args: ['serve', '--store', storeDir, '--adapter', 'pbx'],
        message: /--adapter must be memory or asterisk-ari/,
      },
      {
        args: ['serve', '--store', storeDir, '--adapter', 'asterisk-ari'],
        message: /missing option --ari-url URL/,
      },
      {
        args: ['serve', '--store', storeDir, '--adapter', 'memory', '--ari-url', 'http://127.0.0.1:8088'],
        message: /option --ari-url only applies to --adapter asterisk-ari/,
      },
      {
        args: [...ASTERISK, '--ari-url', 'http://ringflow:secret@127.0.0.1:8088'],
        message: /--ari-url takes Asterisk's HTTP address .*no user or password/,
      },
      {
        args: ['serve', '--store', storeDir, '--adapter', 'asterisk-ari', '--ari-url', 'http://127.0.0.1:1'],
        message: /missing option --ari-user USER/,
      },
      {
        args: [...ASTERISK, '--agent-endpoint', 'PJSIP/alice'],
        message: /--agent-endpoint must be a dial string with \{agent\}/,
      },
      {
        args: [...ASTERISK, '--external-endpoint', 'trunk'],
        message: /--external-endpoint must be a dial string with \{number\}/,
      },
      { args: [...ASTERISK, '--tts-port', 'x'], message: /--tts-port must be a port number/ },
      { args: ['serve', '--store', storeDir, '--adapter', 'memory', '--port', '70000'], message: /--port/ },
      {
        args: ['serve', '--store', storeDir, '--adapter', 'memory', '--cors-origin', 'http://x/path'],
        message: /--cors-origin/,
      },
      {
        args: ['serve', '--store', storeDir, '--adapter', 'memory', '--token-file', join(dir, 'missing')],
        message: /cannot read/,
      },
    ];
    for (const { args, message } of cases) {
      const run = await runBin(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
    }
    // A store already served by another process.
    const server = await startServe();
    const second = await runBin(['serve', '--store', storeDir, '--adapter', 'memory', '--port', '0'], dir);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/the store is in use by process \d+/);
    expect((await stop(server)).code).toBe(0);
  });

  it('is listed in the help', async () => {
    const help = await runBin(['help', 'serve'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ringflow serve [options]');
    expect(help.stdout).toContain('--cors-origin ORIGINS');
    expect((await runBin(['help'], dir)).stdout).toMatch(/^ {2}serve +Run published flows/m);
  });
});
