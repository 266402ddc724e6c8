import { readdir, readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../test/api-client.js';
import { makeTempDir } from '../../test/helpers.js';
import { flowVariant, flowWithError } from '../../test/store-contract.js';
import { createFolderStore } from '../store/folder-store.js';
import type { FlowStore } from '../store/types.js';
import { createApiServer, type ApiServer } from './api-server.js';
import { API_LIMITS, API_ROUTES } from './api-routes.js';
import { generateToken, hashToken } from './api-token.js';
import type { LogEntry } from './logger.js';

const DESIGNER = 'http://127.0.0.1:5173';

let dir: string;
let remove: () => Promise<void>;
let store: FlowStore;
let api: ApiServer;
let url: string;
let token: string;
let logs: LogEntry[];
let call: ReturnType<typeof createApiClient>;

async function startApi(): Promise<void> {
  store = await createFolderStore({ dir: join(dir, 'store') });
  api = createApiServer({
    store,
    tokenHash: hashToken(token),
    corsOrigins: [DESIGNER],
    log: (entry) => logs.push(entry),
  });
  ({ url } = await api.listen(0, '127.0.0.1'));
  call = createApiClient(url, token);
}

async function stopApi(): Promise<void> {
  await api.close();
  await store.close();
}

beforeEach(async () => {
  ({ dir, remove } = await makeTempDir());
  token = generateToken();
  logs = [];
  await startApi();
});

afterEach(async () => {
  await stopApi();
  await remove();
});

/** Saves a draft of `tiny` with the given variant, expecting success. */
async function saveDraft(variant: number, flowId = 'tiny') {
  const answer = await call('PUT', `/v1/flows/${flowId}/draft`, { json: flowVariant(flowId, variant) });
  expect(answer.status).toBe(200);
  return answer;
}

/** A GET with the path sent exactly as given. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers: { Authorization: `Bearer ${token}` } });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

function expectError(answer: { status: number; body: unknown }, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('the HTTP API, as an integrator uses it', () => {
  it('saves, validates, publishes twice, lists, diffs, rolls back and routes', async () => {
    const saved = await saveDraft(1);
    expect(saved.body.validation).toEqual({ ok: true, errors: [], warnings: [] });
    expect(saved.body.draft).toMatchObject({ flowId: 'tiny', name: 'Flow tiny v1' });

    const validated = await call('POST', '/v1/validate', { json: flowWithError('tiny') });
    expect(validated.status).toBe(200);
    expect(validated.body.ok).toBe(false);
    expect(validated.body.errors.map((e: { code: string }) => e.code)).toEqual(['edge_unknown_target']);

    const draft = await call('GET', '/v1/flows/tiny/draft');
    expect(draft.status).toBe(200);
    expect(draft.body.flow).toMatchObject({ id: 'tiny', name: 'Flow tiny v1' });
    expect(draft.body.validation.ok).toBe(true);

    const v1 = await call('POST', '/v1/flows/tiny/publish', { json: { author: 'alice', comment: 'First' } });
    expect(v1.status).toBe(201);
    expect(v1.headers.get('location')).toBe('/v1/flows/tiny/versions/1');
    expect(v1.body.version).toMatchObject({
      version: 1,
      author: 'alice',
      comment: 'First',
      rollbackOf: null,
    });

    // Version 2: another announcement text, a new node, anonymous calls refused.
    const second = flowVariant('tiny', 2) as { nodes: unknown[]; settings?: unknown };
    second.nodes = [...second.nodes, { id: 'extra', kind: 'hangup' }];
    second.settings = { anonymous: 'reject' };
    expect((await call('PUT', '/v1/flows/tiny/draft', { json: second })).status).toBe(200);
    const v2 = await call('POST', '/v1/flows/tiny/publish', {
      json: { author: 'bob', draftSha256: (await call('GET', '/v1/flows/tiny/draft')).body.draft.sha256 },
    });
    expect(v2.status).toBe(201);
    expect(v2.body.version.version).toBe(2);
    // The unreachable extra node is a warning: published, and said.
    expect(v2.body.warnings.length).toBeGreaterThan(0);

    const versions = await call('GET', '/v1/flows/tiny/versions');
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const one = await call('GET', '/v1/flows/tiny/versions/1');
    expect(one.status).toBe(200);
    expect(one.body.flow.name).toBe('Flow tiny v1');
    expect(one.body.version.version).toBe(1);

    const diff = await call('GET', '/v1/flows/tiny/diff?from=1&to=2');
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ flowId: 'tiny', from: 1, to: 2 });
    expect(diff.body.diff.nodes).toEqual({ added: ['extra'], removed: [], changed: [] });
    expect(diff.body.diff.library.sounds.changed).toEqual(['welcome']);
    expect(diff.body.diff.fields).toEqual(['name', 'settings']);
    const toDraft = await call('GET', '/v1/flows/tiny/diff?from=2&to=draft');
    expect(toDraft.body.diff.identical).toBe(true);

    const rolled = await call('POST', '/v1/flows/tiny/rollback', {
      json: { version: 1, comment: 'Undo v2' },
    });
    expect(rolled.status).toBe(201);
    expect(rolled.body.version).toMatchObject({ version: 3, rollbackOf: 1, comment: 'Undo v2' });
    const v3 = await call('GET', '/v1/flows/tiny/versions/3');
    expect(v3.body.flow).toEqual(one.body.flow);
    expect((await call('GET', '/v1/flows/tiny/diff?from=1&to=3')).body.diff.identical).toBe(true);

    const routes = await call('PUT', '/v1/routes', { json: { routes: { '+33180000000': 'tiny' } } });
    expect(routes.status).toBe(200);
    expect(routes.body.routes).toEqual({ '+33180000000': 'tiny' });
    expect((await call('GET', '/v1/routes')).body.routes).toEqual({ '+33180000000': 'tiny' });
    expect(await store.routeNumber('+33180000000')).toBe('tiny');
    expect((await store.getPublished('tiny'))?.version).toBe(3);

    const flows = await call('GET', '/v1/flows');
    expect(flows.body.flows).toEqual([
      expect.objectContaining({ id: 'tiny', latest: expect.objectContaining({ version: 3 }) }),
    ]);
    expect((await call('GET', '/v1/flows/tiny')).body.latest.version).toBe(3);
  });

  it('refuses to publish a flow with errors, and lists them', async () => {
    expect((await call('PUT', '/v1/flows/tiny/draft', { json: flowWithError('tiny') })).status).toBe(200);
    const answer = await call('POST', '/v1/flows/tiny/publish');
    expectError(answer, 422, 'flow_invalid');
    expect(answer.body.error.details.errors).toEqual([
      expect.objectContaining({ code: 'edge_unknown_target', edgeId: 'e1', path: ['edges', 0, 'target'] }),
    ]);
    expect((await call('GET', '/v1/flows/tiny/versions')).body.versions).toEqual([]);
  });

  it('says what is missing or stale: 404 for no draft or version, 409 for a changed draft', async () => {
    expectError(await call('POST', '/v1/flows/tiny/publish'), 404, 'draft_not_found');
    expectError(await call('GET', '/v1/flows/tiny'), 404, 'flow_not_found');
    expectError(await call('GET', '/v1/flows/tiny/draft'), 404, 'draft_not_found');
    expectError(await call('GET', '/v1/flows/tiny/versions/1'), 404, 'version_not_found');
    await saveDraft(1);
    expectError(await call('GET', '/v1/flows/tiny/diff?from=1&to=draft'), 404, 'version_not_found');
    expectError(
      await call('POST', '/v1/flows/tiny/rollback', { json: { version: 4 } }),
      404,
      'version_not_found',
    );
    const stale = await call('POST', '/v1/flows/tiny/publish', { json: { draftSha256: 'a'.repeat(64) } });
    expectError(stale, 409, 'draft_changed');
    expect(stale.body.error.details.draftSha256).toMatch(/^[0-9a-f]{64}$/);
    const unpublished = await call('PUT', '/v1/routes', { json: { routes: { '+33180000000': 'tiny' } } });
    expectError(unpublished, 422, 'routes_invalid');
    expect(unpublished.body.error.details.issues).toEqual([
      expect.objectContaining({ code: 'flow_not_published', path: ['routes', '+33180000000'] }),
    ]);
  });

  it('gives concurrent publishes distinct version numbers', async () => {
    await saveDraft(1);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call('POST', '/v1/flows/tiny/publish')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(answers.map((a) => a.body.version.version).sort((a: number, b: number) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  it('serves the same versions after a restart on the same store', async () => {
    await saveDraft(1);
    await call('POST', '/v1/flows/tiny/publish');
    await saveDraft(2);
    await call('POST', '/v1/flows/tiny/publish');
    await call('PUT', '/v1/routes', { json: { routes: { '+33180000000': 'tiny' } } });
    const before = (await call('GET', '/v1/flows/tiny/versions')).body;
    const v1 = (await call('GET', '/v1/flows/tiny/versions/1')).body;
    await stopApi();
    await startApi();
    expect((await call('GET', '/v1/flows/tiny/versions')).body).toEqual(before);
    expect((await call('GET', '/v1/flows/tiny/versions/1')).body).toEqual(v1);
    expect((await call('GET', '/v1/routes')).body.routes).toEqual({ '+33180000000': 'tiny' });
  });
});

/** A path of each route, with valid parameters, and a body that would change something. */
function exampleRequests(): Array<{ method: string; path: string; json?: unknown }> {
  return API_ROUTES.map((route) => {
    const path = route.path.replace(':flowId', 'tiny').replace(':version', '1');
    const bodies: Record<string, unknown> = {
      'PUT /v1/flows/:flowId/draft': flowVariant('tiny', 9),
      'POST /v1/validate': flowVariant('tiny', 9),
      'POST /v1/flows/:flowId/publish': { author: 'mallory' },
      'POST /v1/flows/:flowId/rollback': { version: 1 },
      'PUT /v1/routes': { routes: {} },
      'POST /v1/test-calls': { scenario: {} },
    };
    const json = bodies[`${route.method} ${route.path}`];
    return json === undefined ? { method: route.method, path } : { method: route.method, path, json };
  });
}

describe('authentication', () => {
  it('refuses every route without a token or with a wrong one, and changes nothing', async () => {
    await saveDraft(1);
    await call('POST', '/v1/flows/tiny/publish');
    await call('PUT', '/v1/routes', { json: { routes: { '+33180000000': 'tiny' } } });
    const snapshot = async () => ({
      flows: await store.listFlows(),
      versions: await store.listVersions('tiny'),
      draft: await store.getDraft('tiny'),
      routes: await store.getRoutes(),
    });
    const before = await snapshot();
    const requests = exampleRequests();
    expect(requests.length).toBe(API_ROUTES.length);
    const wrongTokens: Array<{ token: string | null; headers?: Record<string, string> }> = [
      { token: null },
      { token: generateToken() },
      { token: token.slice(0, -1) },
      { token: `${token}x` },
      { token: null, headers: { Authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` } },
      { token: null, headers: { Authorization: `Bearer` } },
      { token: null, headers: { Authorization: `Bearer ${token} extra` } },
      { token: null, headers: { Authorization: `Token ${token}` } },
    ];
    for (const request of requests) {
      for (const wrong of wrongTokens) {
        const answer = await call(request.method, request.path, {
          token: wrong.token,
          ...(wrong.headers === undefined ? {} : { headers: wrong.headers }),
          ...(request.json === undefined ? {} : { json: request.json }),
        });
        expect(answer.status, `${request.method} ${request.path}`).toBe(401);
        expect(answer.body.error.code).toBe('unauthorized');
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="ringflow"/);
        expect(JSON.stringify(answer.body)).not.toContain('Flow tiny');
      }
    }
    // Unknown routes too: nothing about the API is told without the token.
    expectError(await call('GET', '/v1/nothing', { token: null }), 401, 'unauthorized');
    expect(await snapshot()).toEqual(before);
    // And with the token, every route answers something other than 401.
    for (const request of requests) {
      const answer = await call(
        request.method,
        request.path,
        request.json === undefined ? {} : { json: request.json },
      );
      expect(answer.status, `${request.method} ${request.path}`).not.toBe(401);
    }
  });

  it('never writes the token into the logs', async () => {
    await saveDraft(1);
    await call('GET', '/v1/flows', { token: `${token}x` });
    await call('GET', `/v1/flows?token=${token}`);
    expect(logs.length).toBeGreaterThanOrEqual(3);
    const text = JSON.stringify(logs);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(3, 20));
    expect(logs.filter((entry) => entry.event === 'http.request').map((entry) => entry.status)).toEqual([
      200, 401, 200,
    ]);
  });
});

describe('bad requests', () => {
  it('answers each with a JSON error and a 4xx status, and keeps serving', async () => {
    const malformed = await call('PUT', '/v1/flows/tiny/draft', {
      body: '{\n  "id": "tiny",\n  "name": oops\n}',
      headers: { 'Content-Type': 'application/json' },
    });
    expectError(malformed, 400, 'invalid_json');
    expect(malformed.body.error.details).toEqual({ line: 3, column: 11 });
    expect(malformed.body.error.message).toContain('line 3, column 11');

    const routes = await call('PUT', '/v1/routes', {
      body: '{"routes": {',
      headers: { 'Content-Type': 'application/json' },
    });
    expectError(routes, 400, 'invalid_json');
    expect(routes.body.error.details.line).toBe(1);

    const proto = await call('PUT', '/v1/routes', {
      body: '{"routes": {}, "__proto__": {"polluted": true}}',
      headers: { 'Content-Type': 'application/json' },
    });
    expectError(proto, 400, 'invalid_json');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const notUtf8 = await call('PUT', '/v1/routes', {
      body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      headers: { 'Content-Type': 'application/json' },
    });
    expectError(notUtf8, 400, 'invalid_json');

    expectError(
      await call('PUT', '/v1/routes', { body: '{"routes":{}}', headers: { 'Content-Type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
    expectError(
      await call('PUT', '/v1/routes', {
        body: '{"routes":{}}',
        headers: { 'Content-Type': 'application/json; charset=latin1' },
      }),
      415,
      'unsupported_media_type',
    );
    expectError(await call('PUT', '/v1/routes', { body: '{"routes":{}}' }), 415, 'unsupported_media_type');
    expectError(await call('PUT', '/v1/routes'), 400, 'invalid_json');

    expectError(await call('GET', '/v1/nothing'), 404, 'not_found');
    expectError(await call('GET', '/v2/flows'), 404, 'not_found');
    const method = await call('DELETE', '/v1/flows/tiny/draft');
    expectError(method, 405, 'method_not_allowed');
    expect(method.headers.get('allow')).toBe('GET, PUT');

    for (const bad of ['..%2F..%2Fetc', '.hidden', '1abc', 'a%00b', 'x'.repeat(65), '%E0%A4%A']) {
      const answer = await call('GET', `/v1/flows/${bad}/draft`);
      expect(answer.status, bad).toBe(400);
      expect(['invalid_flow_id', 'invalid_request']).toContain(answer.body.error.code);
    }
    // Dot segments sent as they are (fetch would resolve them first) never reach a file name.
    for (const raw of [
      '/v1/flows/%2e%2e/draft',
      '/v1/flows/../../etc/draft',
      '/v1/flows/tiny%2F..%2F../draft',
    ]) {
      const answer = await rawGet(raw);
      expect(answer.status, raw).toBeGreaterThanOrEqual(400);
      expect(answer.status, raw).toBeLessThan(500);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: expect.any(String) } });
    }
    expectError(await call('GET', '/v1/flows/tiny/versions/0'), 400, 'invalid_version');
    expectError(await call('GET', '/v1/flows/tiny/versions/latest'), 400, 'invalid_version');
    expectError(await call('GET', '/v1/flows/tiny/diff?from=1'), 400, 'invalid_request');
    expectError(await call('GET', '/v1/flows/tiny/records?limit=0'), 400, 'invalid_request');
    expectError(
      await call('POST', '/v1/flows/tiny/publish', { json: { autor: 'typo' } }),
      400,
      'invalid_request',
    );
    expectError(
      await call('POST', '/v1/flows/tiny/publish', { json: { author: 'a\nb' } }),
      400,
      'invalid_request',
    );
    expectError(await call('POST', '/v1/flows/tiny/publish', { json: [] }), 400, 'invalid_request');
    expectError(
      await call('POST', '/v1/flows/tiny/rollback', { json: { version: '1' } }),
      400,
      'invalid_request',
    );
    expectError(
      await call('PUT', '/v1/flows/tiny/draft', { json: flowVariant('other') }),
      400,
      'flow_id_mismatch',
    );
    expectError(
      await call('PUT', '/v1/routes', { json: { routes: { '0123': 'tiny' } } }),
      422,
      'routes_invalid',
    );
    // Nothing was stored, and the server still answers.
    expect(await store.listFlows()).toEqual([]);
    expect((await call('GET', '/v1/flows')).status).toBe(200);
    expect(await readdir(join(dir, 'store', 'flows'))).toEqual([]);
  });

  it('refuses an oversized body with 413, declared or streamed, without reading it all', async () => {
    const declared = await call('PUT', '/v1/routes', {
      body: `{"routes":{},"x":"${'x'.repeat(API_LIMITS.jsonBodyBytes)}"}`,
      headers: { 'Content-Type': 'application/json' },
    });
    expectError(declared, 413, 'payload_too_large');
    expect(declared.body.error.details.limit).toBe(API_LIMITS.jsonBodyBytes);

    const flowTooLarge = await call('PUT', '/v1/flows/tiny/draft', {
      body: 'x'.repeat(API_LIMITS.flowBodyBytes + 1),
      headers: { 'Content-Type': 'application/json' },
    });
    expectError(flowTooLarge, 413, 'payload_too_large');

    // Chunked, with no length: refused once the limit is passed; the client may still be sending.
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 64 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${url}/v1/routes`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(sent).toBeLessThan(16 * 1024 * 1024);

    expect((await call('GET', '/v1/flows')).status).toBe(200);
  });

  it('refuses a document over the flow size limit as flow-core does', async () => {
    const padding = ' '.repeat(API_LIMITS.flowBodyBytes - 200);
    const answer = await call('PUT', '/v1/flows/tiny/draft', {
      body: `{"id":"tiny"${padding}}`,
      headers: { 'Content-Type': 'application/json' },
    });
    expectError(answer, 413, 'payload_too_large');
    expect(answer.body.error.details.issues[0].code).toBe('document_too_large');
  });
});

describe('CORS', () => {
  it('answers the preflight of an allowed origin, and refuses others', async () => {
    const preflight = await fetch(`${url}/v1/flows/tiny/draft`, {
      method: 'OPTIONS',
      headers: {
        Origin: DESIGNER,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(DESIGNER);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');

    const other = await fetch(`${url}/v1/flows`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the designer read answers, errors included, and no other origin', async () => {
    const ok = await call('GET', '/v1/flows', { headers: { Origin: DESIGNER } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(DESIGNER);
    expect(ok.headers.get('vary')).toBe('Origin');
    const unauthorized = await call('GET', '/v1/flows', { token: null, headers: { Origin: DESIGNER } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(DESIGNER);
    const evil = await call('GET', '/v1/flows', { headers: { Origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('shutdown', () => {
  it('lets a request in progress finish, then refuses connections', async () => {
    await saveDraft(1);
    // A request whose body arrives slowly is in progress when the shutdown starts.
    const slow = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${url}/v1/flows/tiny/publish`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Content-Length': 2,
        },
      });
      request.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      request.write('{');
      setTimeout(() => request.end('}'), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = api.close();
    const answer = await slow;
    await closing;
    expect(answer.status).toBe(201);
    await expect(fetch(`${url}/v1/flows`)).rejects.toThrow();
    // The publish that was in progress is on disk.
    expect(
      await readFile(join(dir, 'store', 'flows', 'tiny', 'versions', '000001.meta.json'), 'utf8'),
    ).toContain('"version": 1');
  });
});
