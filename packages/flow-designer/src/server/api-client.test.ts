import { describe, expect, it, vi } from 'vitest';
import { createServerClient } from './api-client.js';

const TOKEN = 'rf_2hQm6y1wS0q0b8Hc3E0n2l4dKJ3sVqk7Jd8l0xM9pZQ';
const URL_ = 'http://127.0.0.1:8300';

/** A fake fetch answering `status` with `body` (JSON unless a string), recording every request. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, {
      status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': 'req-1', ...headers },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const draftInfo = {
  flowId: 'support',
  name: 'Support',
  savedAt: '2026-11-23T22:02:16.143Z',
  sha256: 'a'.repeat(64),
};
const versionInfo = {
  flowId: 'support',
  version: 2,
  name: 'Support',
  publishedAt: '2026-11-23T22:02:16.631Z',
  author: 'bob',
  comment: null,
  rollbackOf: null,
  sha256: 'b'.repeat(64),
};

describe('createServerClient', () => {
  it('sends the token in the Authorization header only, without cookies, and reads the flows', async () => {
    const { fetch, calls } = answering(200, {
      flows: [{ id: 'support', name: 'Support', draft: draftInfo, latest: null }],
    });
    const client = createServerClient({ url: URL_, token: TOKEN, fetch });
    const flows = await client.listFlows();
    expect(flows).toEqual({
      ok: true,
      value: [{ id: 'support', name: 'Support', draft: draftInfo, latest: null }],
    });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe(`${URL_}/v1/flows`);
    expect(call!.url).not.toContain(TOKEN);
    expect(call!.init.method).toBe('GET');
    expect(call!.init.credentials).toBe('omit');
    expect(call!.init.cache).toBe('no-store');
    expect((call!.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${TOKEN}`);
    expect((call!.init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('saves a draft as JSON text and publishes with the draft it saw', async () => {
    const saved = answering(200, { draft: draftInfo, validation: { ok: true, errors: [], warnings: [] } });
    const text = '{"format":"ringflow.flow/v1","id":"support"}\n';
    const result = await createServerClient({ url: URL_, token: TOKEN, fetch: saved.fetch }).saveDraft(
      'support',
      text,
    );
    expect(result.ok && result.value.draft.sha256).toBe('a'.repeat(64));
    expect(saved.calls[0]!.init.method).toBe('PUT');
    expect(saved.calls[0]!.url).toBe(`${URL_}/v1/flows/support/draft`);
    expect(saved.calls[0]!.init.body).toBe(text);
    expect((saved.calls[0]!.init.headers as Record<string, string>)['Content-Type']).toBe('application/json');

    const published = answering(201, { version: versionInfo, warnings: [] });
    const client = createServerClient({ url: URL_, token: TOKEN, fetch: published.fetch });
    const version = await client.publish('support', {
      author: 'alice',
      comment: 'First',
      draftSha256: 'a'.repeat(64),
    });
    expect(version).toEqual({ ok: true, value: { version: versionInfo, warnings: [] } });
    expect(JSON.parse(String(published.calls[0]!.init.body))).toEqual({
      author: 'alice',
      comment: 'First',
      draftSha256: 'a'.repeat(64),
    });
  });

  it('asks for a diff, records and versions at the documented paths', async () => {
    const diff = answering(200, {
      flowId: 'support',
      from: 2,
      to: 'draft',
      diff: { identical: true, nodes: {}, edges: {}, library: {}, fields: [] },
    });
    await createServerClient({ url: URL_, token: TOKEN, fetch: diff.fetch }).diff('support', 2, 'draft');
    expect(diff.calls[0]!.url).toBe(`${URL_}/v1/flows/support/diff?from=2&to=draft`);

    const records = answering(200, { flowId: 'support', records: [], damagedLines: 0 });
    await createServerClient({ url: URL_, token: TOKEN, fetch: records.fetch }).records('support', 5000);
    expect(records.calls[0]!.url).toBe(`${URL_}/v1/flows/support/records?limit=1000`);

    const versions = answering(200, { flowId: 'support', versions: [versionInfo] });
    const listed = await createServerClient({ url: URL_, token: TOKEN, fetch: versions.fetch }).listVersions(
      'support',
    );
    expect(listed).toEqual({ ok: true, value: [versionInfo] });
  });

  it('keeps the call records it can show and counts the damaged lines', async () => {
    const record = {
      format: 'ringflow.call-record/v1',
      callId: 'mem-1',
      from: '+33612345678',
      to: '+33180000000',
      flowId: 'support',
      flowVersion: 1,
      outcome: 'completed',
      answeredBy: null,
      missedReason: null,
      startedAt: '2026-11-24T08:30:00.000Z',
      endedAt: '2026-11-24T08:30:01.000Z',
      waitSeconds: 1,
      durationSeconds: 1,
      path: ['welcome', 'bye'],
      legs: [],
      polls: [],
      events: [],
    };
    const { fetch } = answering(200, {
      flowId: 'support',
      records: [record, { outcome: 7 }],
      damagedLines: 2,
    });
    const result = await createServerClient({ url: URL_, token: TOKEN, fetch }).records('support', 20);
    expect(result).toEqual({ ok: true, value: { flowId: 'support', records: [record], damagedLines: 2 } });
  });

  it('reports a refused token as unauthorized, with the code and the request id', async () => {
    const { fetch } = answering(401, {
      error: { code: 'unauthorized', message: 'The bearer token is not valid.' },
    });
    const result = await createServerClient({ url: URL_, token: TOKEN, fetch }).listFlows();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({
      kind: 'unauthorized',
      status: 401,
      code: 'unauthorized',
      message: 'The bearer token is not valid.',
      requestId: 'req-1',
    });
    // The token is never part of what a problem says.
    expect(JSON.stringify(result.problem)).not.toContain(TOKEN);
  });

  it('lists the errors and warnings of a publish refused for a flow with errors (422)', async () => {
    const error = {
      code: 'edge_unknown_target',
      severity: 'error',
      message: 'Edge "e1" leads to "nowhere", which is not a node.',
      edgeId: 'e1',
      params: { edgeId: 'e1', node: 'nowhere' },
    };
    const warning = {
      code: 'unreachable_node',
      severity: 'warning',
      message: 'Node "bye" can never be reached.',
      nodeId: 'bye',
    };
    const { fetch } = answering(422, {
      error: {
        code: 'flow_invalid',
        message: 'The flow has 1 validation error; nothing was published.',
        details: { errors: [error], warnings: [warning] },
      },
    });
    const result = await createServerClient({ url: URL_, token: TOKEN, fetch }).publish('support', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.kind).toBe('invalid');
    expect(result.problem.code).toBe('flow_invalid');
    expect(result.problem.errors).toEqual([error]);
    expect(result.problem.warnings).toEqual([warning]);
  });

  it('tells a conflict, a missing flow, a stopping server and a server error apart', async () => {
    const kinds: Array<[number, string, string]> = [
      [409, 'draft_changed', 'conflict'],
      [404, 'flow_not_found', 'notFound'],
      [503, 'shutting_down', 'unavailable'],
      [413, 'payload_too_large', 'tooLarge'],
      [400, 'invalid_request', 'badRequest'],
      [403, 'cors_origin_not_allowed', 'forbidden'],
      [500, 'store_corrupt', 'server'],
    ];
    for (const [status, code, kind] of kinds) {
      const { fetch } = answering(status, { error: { code, message: code } });
      const result = await createServerClient({ url: URL_, token: TOKEN, fetch }).getFlow('support');
      expect(result.ok ? 'ok' : `${result.problem.kind} ${result.problem.code}`).toBe(`${kind} ${code}`);
    }
  });

  it('says the server cannot be reached when fetch fails (down, or CORS refused)', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const result = await createServerClient({ url: URL_, token: TOKEN, fetch }).listFlows();
    expect(result.ok ? 'ok' : result.problem.kind).toBe('network');
  });

  it('gives up after the time limit, and stops when the caller cancels', async () => {
    // A fetch that answers only when aborted, as a hung server does.
    const hanging = vi.fn(
      (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
        }),
    ) as unknown as typeof globalThis.fetch;
    const slow = await createServerClient({
      url: URL_,
      token: TOKEN,
      fetch: hanging,
      timeoutMs: 20,
    }).listFlows();
    expect(slow.ok ? 'ok' : slow.problem.kind).toBe('timeout');

    const controller = new AbortController();
    const pending = createServerClient({ url: URL_, token: TOKEN, fetch: hanging }).listFlows(
      controller.signal,
    );
    controller.abort();
    const cancelled = await pending;
    expect(cancelled.ok ? 'ok' : cancelled.problem.kind).toBe('aborted');
  });

  it('refuses an answer that is not the API’s (not JSON, or another shape)', async () => {
    const html = answering(200, '<html>proxy login</html>');
    const notJson = await createServerClient({ url: URL_, token: TOKEN, fetch: html.fetch }).listFlows();
    expect(notJson.ok ? 'ok' : notJson.problem.kind).toBe('badResponse');
    const other = answering(200, { items: [] });
    const wrongShape = await createServerClient({ url: URL_, token: TOKEN, fetch: other.fetch }).listFlows();
    expect(wrongShape.ok ? 'ok' : wrongShape.problem.kind).toBe('badResponse');
  });

  it('places a test call with the scenario and answers its record', async () => {
    const record = {
      callId: 'mem-1',
      outcome: 'rejected',
      startedAt: '2026-11-24T08:30:00.000Z',
      path: [],
      legs: [],
      events: [],
    };
    const { fetch, calls } = answering(201, { record });
    const scenario = { call: { from: null, to: '+33180000000', at: '2026-11-24T09:30:00+01:00' } };
    const result = await createServerClient({ url: URL_, token: TOKEN, fetch }).testCall(scenario);
    expect(result.ok && result.value.callId).toBe('mem-1');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ scenario });
  });
});
