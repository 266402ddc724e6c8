import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, type LabAsterisk } from '../src/asterisk-ari/testing/lab.js';
import { createApiClient } from './api-client.js';
import { API_PORT_BASE, channelsLeft, eventually, startFaultLab } from './asterisk-faults/fault-lab.js';
import { makeTempDir, runBin } from './helpers.js';
import { spawnServe } from './spawn-serve.js';

vi.setConfig({ testTimeout: 90_000 });

/*
 * End-to-end: `node bin/ringflow.js serve --adapter asterisk-ari` on a real Asterisk (the lab), as
 * an integrator runs it: a flow published and routed through the HTTP API, a call placed from the
 * Asterisk CLI into the inbound context (the README of examples/asterisk-ari does the same), and its
 * record read back through the API.
 */

let lab: LabAsterisk;
let dir: string;
let remove: () => Promise<void>;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  ({ dir, remove } = await makeTempDir());
  lab = await startFaultLab('faults-serve', 0);
}, 60_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await lab?.stop();
  await remove?.();
});

const LINE = '+33180000000';

/** The flow of examples/asterisk-ari: a TTS welcome, then a lab agent who answers after 2 s and talks 5 s. */
const FLOW = JSON.parse(
  readFileSync(join(REPO_ROOT, 'examples/asterisk-ari/support-flow.json'), 'utf8'),
) as Record<string, unknown>;
const AGENT = 'answer-2-hangup-5';

/** `ringflow serve --adapter asterisk-ari` with the flags `npm run asterisk:up` prints, on `port`. */
function serveArgs(storeDir: string, port: number, passwordFile = lab.ariPasswordFile): string[] {
  return [
    'serve',
    '--store',
    storeDir,
    '--adapter',
    'asterisk-ari',
    '--port',
    String(port),
    '--ari-url',
    lab.ariUrl,
    '--ari-user',
    lab.ariUser,
    '--ari-password-file',
    passwordFile,
    '--ari-app',
    'ringflow',
    // The lab's test agents are Local channels; their device states say nothing useful.
    '--agent-endpoint',
    'Local/{agent}@ringflow-agents',
    '--presence',
    'off',
  ];
}

/** Starts `ringflow <argv>` in this file's temporary folder and waits until it listens. */
const startServe = (argv: readonly string[], env?: NodeJS.ProcessEnv) =>
  spawnServe(argv, { cwd: dir, children, env });

describe('ringflow serve --adapter asterisk-ari (end to end, real Asterisk)', () => {
  it('runs a flow published through the API on a call placed into Asterisk, and records it', async () => {
    const storeDir = join(dir, 'store');
    const server = await startServe(serveArgs(storeDir, API_PORT_BASE));
    expect(server.url).toBe(`http://127.0.0.1:${API_PORT_BASE}`);
    const api = createApiClient(server.url, server.printedToken!);

    expect((await api('PUT', '/v1/flows/support/draft', { json: FLOW })).status).toBe(200);
    expect((await api('POST', '/v1/flows/support/publish', { json: { author: 'ops' } })).status).toBe(201);
    expect((await api('PUT', '/v1/routes', { json: { routes: { [LINE]: 'support' } } })).status).toBe(200);
    // A real PBX takes real calls only: test calls need the memory adapter.
    const test = await api('POST', '/v1/test-calls', {
      json: { scenario: { call: { from: null, to: LINE } } },
    });
    expect(test.status).toBe(503);

    // The call, as the example's README places it: a Local channel into the inbound context, from
    // the CLI (`channel originate`).
    const originated = await lab.cli(`channel originate Local/${LINE}@ringflow-inbound application Wait 30`);
    expect(originated).not.toMatch(/no such command|error|unable/i);

    let records: Array<Record<string, unknown>> = [];
    await eventually(
      async () => {
        records = (await api('GET', '/v1/flows/support/records')).body.records;
        return records.length > 0;
      },
      'the call record',
      20_000,
    ).catch(async (error: Error) => {
      const { stdout, stderr } = server.output();
      const logs = stdout.split('\n').filter((line) => !line.includes('http.request'));
      throw new Error(`${error.message}\n${logs.join('\n')}\n${stderr}\n${await lab.logTail(30)}`);
    });
    expect(records[0]).toMatchObject({
      flowId: 'support',
      flowVersion: 1,
      to: LINE,
      outcome: 'answered',
      answeredBy: AGENT,
      path: ['welcome', 'team'],
      legs: [{ node: 'team', agent: AGENT, status: 'ANSWERED' }],
    });
    // The welcome prompt was rendered and played: no adapter error on the call.
    expect(records[0]!.durationSeconds).toBeGreaterThanOrEqual(5);
    expect(records[0]!.adapterErrors).toBeUndefined();
    await eventually(async () => (await channelsLeft(lab)).length === 0, 'no channel left', 5000);

    const { stdout } = server.output();
    expect(stdout).toContain('"event":"ari.connected"');
    expect(stdout).toContain('"event":"tts.rendered"');
    // The password never shows, in the logs or on the operator's lines.
    expect(`${stdout}${server.output().stderr}`).not.toContain(lab.ariPassword);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(server.output().stderr).toMatch(/stopped \(0 calls ended/);
  });

  it('takes the password from RINGFLOW_ARI_PASSWORD when no file is given', async () => {
    const args = serveArgs(join(dir, 'env-store'), API_PORT_BASE + 1).filter(
      (arg, at, all) => arg !== '--ari-password-file' && all[at - 1] !== '--ari-password-file',
    );
    const server = await startServe(args, { ...process.env, RINGFLOW_ARI_PASSWORD: lab.ariPassword });
    expect(server.output().stdout).toContain('"event":"ari.connected"');
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('exits 2 naming the URL and the user, never the password, when Asterisk refuses or is not there', async () => {
    const wrong = join(dir, 'wrong-password');
    await writeFile(wrong, 'not-the-password-0123\n', { mode: 0o600 });
    const refused = await runBin(serveArgs(join(dir, 'store-refused'), 0, wrong), dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `cannot connect to Asterisk at ${lab.ariUrl} as ARI user "${lab.ariUser}"`,
    );
    expect(refused.stderr).toMatch(/401.*check the ARI user and password/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(`${refused.stdout}${refused.stderr}`).not.toContain('not-the-password-0123');

    const away = serveArgs(join(dir, 'store-away'), 0);
    // Nothing listens on the last port of this file's range.
    away[away.indexOf('--ari-url') + 1] = 'http://127.0.0.1:18449';
    const unreachable = await runBin(away, dir);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(
      /cannot connect to Asterisk at http:\/\/127\.0\.0\.1:18449 as ARI user "ringflow" .*ECONNREFUSED/,
    );

    const missing = serveArgs(join(dir, 'store-missing'), 0, join(dir, 'no-such-file'));
    const unreadable = await runBin(missing, dir);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/cannot read the password file .*no-such-file \(ENOENT\)/);
  });
});
