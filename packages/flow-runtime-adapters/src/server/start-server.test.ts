import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../test/api-client.js';
import { makeTempDir } from '../../test/helpers.js';
import { flowVariant } from '../../test/store-contract.js';
import { generateToken } from './api-token.js';
import { startServer, ServerConfigError, type RunningServer, type ServerConfig } from './start-server.js';

let dir: string;
let remove: () => Promise<void>;
let storeDir: string;
let running: RunningServer[];

beforeEach(async () => {
  ({ dir, remove } = await makeTempDir());
  storeDir = join(dir, 'store');
  running = [];
});

afterEach(async () => {
  for (const server of running) await server.shutdown();
  await remove();
});

async function start(config: Partial<ServerConfig> = {}) {
  let logs = '';
  let notices = '';
  const server = await startServer(
    { storeDir, adapter: 'memory', host: '127.0.0.1', port: 0, corsOrigins: [], ...config },
    {
      logs: { write: (chunk: string) => (logs += chunk) },
      notices: { write: (chunk: string) => (notices += chunk) },
    },
  );
  running.push(server);
  return { server, logs: () => logs, notices: () => notices };
}

const SCENARIO = { call: { from: '+33612345678', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' } };

/** Publishes `tiny` and routes +33180000000 to it. */
async function publishAndRoute(call: ReturnType<typeof createApiClient>) {
  expect((await call('PUT', '/v1/flows/tiny/draft', { json: flowVariant('tiny', 1) })).status).toBe(200);
  expect((await call('POST', '/v1/flows/tiny/publish')).status).toBe(201);
  expect((await call('PUT', '/v1/routes', { json: { routes: { '+33180000000': 'tiny' } } })).status).toBe(
    200,
  );
}

describe('startServer', () => {
  it('generates a token on the first start, prints it once and keeps only its hash', async () => {
    const first = await start();
    const printed = first.notices().split('\n')[1]!;
    expect(printed).toMatch(/^rf_[A-Za-z0-9_-]{43}$/);
    expect(first.server.token.kind).toBe('generated');
    const hashFile = join(storeDir, 'api-token.sha256');
    expect((await stat(hashFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(hashFile, 'utf8')).not.toContain(printed);
    expect((await createApiClient(first.server.address.url, printed)('GET', '/v1/flows')).status).toBe(200);
    expect(first.notices()).toContain(`listening on ${first.server.address.url}`);
    expect(first.logs()).toContain('"event":"server.listening"');
    await first.server.shutdown();
    running = [];

    const second = await start();
    expect(second.server.token.kind).toBe('stored');
    expect(second.notices()).not.toContain(printed);
    expect((await createApiClient(second.server.address.url, printed)('GET', '/v1/flows')).status).toBe(200);
  });

  it('takes the token from --token-file instead', async () => {
    const token = generateToken();
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
    const { server, notices } = await start({ tokenFile });
    expect(server.token.kind).toBe('file');
    expect(notices()).not.toContain('API token');
    expect(await readdir(storeDir)).not.toContain('api-token.sha256');
    expect((await createApiClient(server.address.url, token)('GET', '/v1/flows')).status).toBe(200);
    expect((await createApiClient(server.address.url, generateToken())('GET', '/v1/flows')).status).toBe(401);
  });

  it('refuses a token file that holds no usable token', async () => {
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, 'short\n');
    await expect(start({ tokenFile })).rejects.toThrow(/at least 32 characters/);
    // Everything it had started is stopped again: the store can be opened.
    await expect(start()).resolves.toBeDefined();
  });

  it('undoes a start that fails, and forgets the token it never showed', async () => {
    const first = await start();
    const otherStore = join(dir, 'other');
    const failed = start({ storeDir: otherStore, port: first.server.address.port });
    await expect(failed).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(await readdir(otherStore)).not.toContain('api-token.sha256');
    // The store was released, and the next start generates (and prints) a token.
    const second = await start({ storeDir: otherStore });
    expect(second.server.token.kind).toBe('generated');
    expect(second.notices()).toContain('API token');
  });

  it('refuses the asterisk-ari adapter without its options', async () => {
    await expect(start({ adapter: 'asterisk-ari' })).rejects.toThrow(ServerConfigError);
    await expect(start({ adapter: 'asterisk-ari' })).rejects.toThrow(/needs its options \(--ari-url/);
  });

  it('places test calls through the memory adapter and reads their records, newest first', async () => {
    const { server, logs } = await start();
    const token = (server.token.kind === 'generated' && server.token.token) || '';
    const call = createApiClient(server.address.url, token);
    await publishAndRoute(call);

    const placed = await call('POST', '/v1/test-calls', { json: { scenario: SCENARIO } });
    expect(placed.status).toBe(201);
    expect(placed.body.record).toMatchObject({
      format: 'ringflow.call-record/v1',
      flowId: 'tiny',
      flowVersion: 1,
      outcome: 'completed',
      path: ['welcome', 'bye'],
      to: '+33180000000',
    });
    // A second call, on version 2, an hour later; and one to a number with no route.
    await call('PUT', '/v1/flows/tiny/draft', { json: flowVariant('tiny', 2) });
    await call('POST', '/v1/flows/tiny/publish');
    const later = { call: { ...SCENARIO.call, at: '2026-11-24T10:30:00+01:00' } };
    expect(
      (await call('POST', '/v1/test-calls', { json: { scenario: later } })).body.record.flowVersion,
    ).toBe(2);
    const unrouted = { call: { ...SCENARIO.call, to: '+33199999999', at: '2026-11-24T11:00:00+01:00' } };
    const refused = await call('POST', '/v1/test-calls', { json: { scenario: unrouted } });
    expect(refused.body.record).toMatchObject({ outcome: 'rejected', terminated: { reason: 'noRoute' } });

    const records = await call('GET', '/v1/flows/tiny/records');
    expect(records.status).toBe(200);
    expect(records.body.records.map((r: { flowVersion: number }) => r.flowVersion)).toEqual([2, 1]);
    const limited = await call('GET', '/v1/flows/tiny/records?limit=1');
    expect(limited.body.records.map((r: { flowVersion: number }) => r.flowVersion)).toEqual([2]);
    expect((await call('GET', '/v1/flows/other/records')).body.records).toEqual([]);
    expect(logs()).toContain('"event":"record.written"');

    const invalid = await call('POST', '/v1/test-calls', { json: { scenario: { call: { to: 'x' } } } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('scenario_invalid');
    expect(invalid.body.error.details.issues.length).toBeGreaterThan(0);

    // Shutting down flushes the records: they are in the JSON Lines files of the store.
    await server.shutdown();
    running = [];
    const files = await readdir(join(storeDir, 'records'));
    expect(files).toEqual(['calls-2026-11-24.jsonl']);
    const lines = (await readFile(join(storeDir, 'records', files[0]!), 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { outcome: string }).outcome)).toEqual([
      'completed',
      'completed',
      'rejected',
    ]);
  });
});
