import type { FlowIssue } from '@ringflow/flow-core';
import type {
  CallRecord,
  DiffSide,
  DraftDocument,
  FlowComparison,
  FlowSummary,
  Published,
  RecentRecords,
  RoutingTable,
  SavedDraft,
  ValidationReport,
  VersionDocument,
  VersionInfo,
} from './api-types.js';

/*
 * A typed client of the HTTP API of `ringflow serve` (docs/api.md), over the browser's fetch. Every
 * call answers a result, never throws: a server that cannot be reached, a refused token, a conflict
 * or a flow with errors are things an admin meets every day, and the panels show them as such.
 */

/** What went wrong, in the terms the designer explains to an admin. */
export type ServerProblemKind =
  /** No answer: the server is down, the address is wrong, or CORS refused this page's origin. */
  | 'network'
  /** No answer within the time limit. */
  | 'timeout'
  /** The request was cancelled by the designer (a panel closed, a newer request). */
  | 'aborted'
  /** 401: no token, or a wrong one. */
  | 'unauthorized'
  /** 403: this page's origin is not allowed (CORS). */
  | 'forbidden'
  /** 404: the flow, draft or version does not exist (or no such route: an older server). */
  | 'notFound'
  /** 409: the draft changed on the server since this designer read it. */
  | 'conflict'
  /** 422: the flow has validation errors (publish, rollback), or routes or a scenario are refused. */
  | 'invalid'
  /** 400, 405, 415: the request itself is wrong (a designer bug or an older server). */
  | 'badRequest'
  /** 413: the document is over the server's size limit. */
  | 'tooLarge'
  /** 503: the feature is not on this server, or it is shutting down. */
  | 'unavailable'
  /** 500 and other statuses: the server failed. */
  | 'server'
  /** An answer that is not what the API sends (not JSON, missing fields): not a ringflow server? */
  | 'badResponse';

/** A problem reported by the server, with where it is in the document when it says so. */
export interface ServerIssue {
  readonly code: string;
  readonly severity?: 'error' | 'warning';
  readonly message: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
  readonly path?: readonly (string | number)[];
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A failed request. */
export interface ServerProblem {
  readonly kind: ServerProblemKind;
  /** The HTTP status; null when no answer came. */
  readonly status: number | null;
  /** The API's stable code (`draft_changed`, `flow_invalid`...); null when there is none. */
  readonly code: string | null;
  /** The server's own words (in English), or the browser's reason; for details and support. */
  readonly message: string;
  /** The errors the server listed (`flow_invalid`, `routes_invalid`, `scenario_invalid`). */
  readonly errors: readonly ServerIssue[];
  /** The warnings the server listed with them. */
  readonly warnings: readonly ServerIssue[];
  /** The `details` of the error body, as sent. */
  readonly details: unknown;
  /** `X-Request-Id` of the answer: the server's log line for this request has the same id. */
  readonly requestId: string | null;
}

/** What a request gives: its value, or the problem. */
export type ServerResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ServerProblem };

/** Options of {@link createServerClient}. */
export interface ServerClientOptions {
  /** The server's base URL, as {@link normalizeServerUrl} gives it (`http://127.0.0.1:8300`). */
  readonly url: string;
  /** The bearer token. Sent in the Authorization header only; never in a URL, never logged. */
  readonly token: string;
  /** The fetch to use. Default the browser's. */
  readonly fetch?: typeof fetch;
  /** How long a request may take before it counts as failed, in ms. Default 30 000. */
  readonly timeoutMs?: number;
}

/** Who publishes and why (`author` one line, up to 200 characters; `comment` up to 2,000). */
export interface PublishRequest {
  readonly author?: string;
  readonly comment?: string;
  /** The draft reviewed: when the server's draft has changed since, nothing is published (409). */
  readonly draftSha256?: string;
}

/** A rollback: the version whose content is published again, who does it and why. */
export interface RollbackRequest {
  readonly version: number;
  readonly author?: string;
  readonly comment?: string;
}

/** The calls of the API the designer uses. Each takes an optional AbortSignal as its last argument. */
export interface ServerClient {
  /** The base URL requests go to. */
  readonly url: string;
  listFlows(signal?: AbortSignal): Promise<ServerResult<readonly FlowSummary[]>>;
  getFlow(flowId: string, signal?: AbortSignal): Promise<ServerResult<FlowSummary>>;
  getDraft(flowId: string, signal?: AbortSignal): Promise<ServerResult<DraftDocument>>;
  /** Saves `text` (a flow document's JSON) as the draft of `flowId`. */
  saveDraft(flowId: string, text: string, signal?: AbortSignal): Promise<ServerResult<SavedDraft>>;
  /** Validates a document with the server's flow-core; stores nothing. */
  validate(text: string, signal?: AbortSignal): Promise<ServerResult<ValidationReport>>;
  publish(flowId: string, request: PublishRequest, signal?: AbortSignal): Promise<ServerResult<Published>>;
  listVersions(flowId: string, signal?: AbortSignal): Promise<ServerResult<readonly VersionInfo[]>>;
  getVersion(flowId: string, version: number, signal?: AbortSignal): Promise<ServerResult<VersionDocument>>;
  diff(
    flowId: string,
    from: DiffSide,
    to: DiffSide,
    signal?: AbortSignal,
  ): Promise<ServerResult<FlowComparison>>;
  rollback(flowId: string, request: RollbackRequest, signal?: AbortSignal): Promise<ServerResult<Published>>;
  /** The flow's recent call records, newest first (`limit` 1 to 1,000). */
  records(flowId: string, limit: number, signal?: AbortSignal): Promise<ServerResult<RecentRecords>>;
  routes(signal?: AbortSignal): Promise<ServerResult<RoutingTable>>;
  /** Places a call on the server's simulated PBX (memory adapter) and answers its record. */
  testCall(scenario: unknown, signal?: AbortSignal): Promise<ServerResult<CallRecord>>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function kindOfStatus(status: number): ServerProblemKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 413) return 'tooLarge';
  if (status === 422) return 'invalid';
  if (status === 503) return 'unavailable';
  if (status >= 400 && status < 500) return 'badRequest';
  return 'server';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The issues of a list in an error's details, keeping only what has the shape of one. */
function issuesOf(list: unknown): ServerIssue[] {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is ServerIssue =>
      isObject(item) && typeof item.code === 'string' && typeof item.message === 'string',
  );
}

function problem(
  kind: ServerProblemKind,
  message: string,
  extra: Partial<Omit<ServerProblem, 'kind' | 'message'>> = {},
): ServerProblem {
  return {
    kind,
    message,
    status: extra.status ?? null,
    code: extra.code ?? null,
    errors: extra.errors ?? [],
    warnings: extra.warnings ?? [],
    details: extra.details,
    requestId: extra.requestId ?? null,
  };
}

/** The problem of an error answer, from its `{ error: { code, message, details } }` body. */
function problemOfAnswer(status: number, body: unknown, requestId: string | null): ServerProblem {
  const error = isObject(body) && isObject(body.error) ? body.error : undefined;
  const details = error?.details;
  const detailObject = isObject(details) ? details : {};
  // `issues` lists routing or scenario problems, all of which refuse the request.
  const errors = [...issuesOf(detailObject.errors), ...issuesOf(detailObject.issues)];
  return problem(
    error === undefined ? (status >= 500 ? 'server' : kindOfStatus(status)) : kindOfStatus(status),
    typeof error?.message === 'string' ? error.message : `HTTP ${status}`,
    {
      status,
      code: typeof error?.code === 'string' ? error.code : null,
      errors,
      warnings: issuesOf(detailObject.warnings),
      details,
      requestId,
    },
  );
}

/** Checks the shape of an answer's body and picks the value the caller wants from it. */
type Reader<T> = (body: Record<string, unknown>) => T | undefined;

const isArrayOf =
  <T>(check: (item: unknown) => boolean) =>
  (value: unknown): value is T[] =>
    Array.isArray(value) && value.every(check);

const isFlowSummary = (value: unknown): value is FlowSummary =>
  isObject(value) && typeof value.id === 'string' && 'draft' in value && 'latest' in value;
const isVersionInfo = (value: unknown): value is VersionInfo =>
  isObject(value) && typeof value.version === 'number' && typeof value.publishedAt === 'string';
const isDraftInfo = (value: unknown): boolean =>
  isObject(value) && typeof value.sha256 === 'string' && typeof value.savedAt === 'string';
const isReport = (value: unknown): value is ValidationReport =>
  isObject(value) &&
  typeof value.ok === 'boolean' &&
  Array.isArray(value.errors) &&
  Array.isArray(value.warnings);
const isRecord = (value: unknown): value is CallRecord =>
  isObject(value) &&
  typeof value.outcome === 'string' &&
  typeof value.startedAt === 'string' &&
  isArrayOf<string>((id) => typeof id === 'string')(value.path) &&
  Array.isArray(value.events) &&
  Array.isArray(value.legs);

/** The answer of a publish or a rollback: the new version and the flow's warnings. */
const readPublished: Reader<Published> = (body) =>
  isVersionInfo(body.version) && Array.isArray(body.warnings)
    ? { version: body.version, warnings: body.warnings as FlowIssue[] }
    : undefined;

/** Builds the path of a route; flow ids are letters, digits, `_` and `-`, but are encoded anyway. */
function flowPath(flowId: string, rest = ''): string {
  return `/v1/flows/${encodeURIComponent(flowId)}${rest}`;
}

/**
 * A client of one ringflow server, with one token. Requests carry `Authorization: Bearer <token>`,
 * send no cookie (`credentials: 'omit'`) and no referrer, and are not cached; the token never
 * appears in a URL. Every answer is checked for the shape the API documents.
 *
 * @example
 * const client = createServerClient({ url: 'http://127.0.0.1:8300', token });
 * const flows = await client.listFlows();
 * if (!flows.ok && flows.problem.kind === 'unauthorized') askForAnotherToken();
 */
export function createServerClient(options: ServerClientOptions): ServerClient {
  const base = options.url;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    read: Reader<T>,
    init: { body?: string; signal?: AbortSignal | undefined } = {},
  ): Promise<ServerResult<T>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const outer = init.signal;
    const cancel = () => controller.abort();
    if (outer?.aborted) controller.abort();
    outer?.addEventListener('abort', cancel);
    // Why a read failed when the request itself was stopped: the time limit, or the caller.
    const stoppedProblem = (): ServerProblem | undefined =>
      timedOut
        ? problem('timeout', `No answer within ${timeoutMs} ms.`)
        : controller.signal.aborted
          ? problem('aborted', 'Cancelled.')
          : undefined;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${options.token}`,
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      let response: Response;
      try {
        response = await doFetch(`${base}${path}`, {
          method,
          headers,
          body: init.body,
          signal: controller.signal,
          cache: 'no-store',
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        });
      } catch (error) {
        const stopped = stoppedProblem();
        if (stopped !== undefined) return { ok: false, problem: stopped };
        // The browser says only "Failed to fetch": the server is down, or CORS refused the origin.
        return {
          ok: false,
          problem: problem('network', error instanceof Error ? error.message : String(error)),
        };
      }
      const requestId = response.headers.get('X-Request-Id');
      let body: unknown;
      try {
        const text = await response.text();
        body = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        const stopped = stoppedProblem();
        if (stopped !== undefined) return { ok: false, problem: stopped };
        return {
          ok: false,
          problem: problem('badResponse', 'The answer is not JSON.', { status: response.status, requestId }),
        };
      }
      if (!response.ok) return { ok: false, problem: problemOfAnswer(response.status, body, requestId) };
      const value = isObject(body) ? read(body) : undefined;
      if (value === undefined) {
        return {
          ok: false,
          problem: problem('badResponse', `The answer to ${method} ${path} is not what the API sends.`, {
            status: response.status,
            requestId,
          }),
        };
      }
      return { ok: true, value };
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', cancel);
    }
  }

  return {
    url: base,
    listFlows: (signal) =>
      request(
        'GET',
        '/v1/flows',
        (body) => (isArrayOf<FlowSummary>(isFlowSummary)(body.flows) ? body.flows : undefined),
        {
          signal,
        },
      ),
    getFlow: (flowId, signal) =>
      request('GET', flowPath(flowId), (body) => (isFlowSummary(body) ? body : undefined), { signal }),
    getDraft: (flowId, signal) =>
      request(
        'GET',
        flowPath(flowId, '/draft'),
        (body) =>
          isDraftInfo(body.draft) && 'flow' in body && isReport(body.validation)
            ? (body as unknown as DraftDocument)
            : undefined,
        { signal },
      ),
    saveDraft: (flowId, text, signal) =>
      request(
        'PUT',
        flowPath(flowId, '/draft'),
        (body) =>
          isDraftInfo(body.draft) && isReport(body.validation) ? (body as unknown as SavedDraft) : undefined,
        { body: text, signal },
      ),
    validate: (text, signal) =>
      request('POST', '/v1/validate', (body) => (isReport(body) ? body : undefined), { body: text, signal }),
    publish: (flowId, publishRequest, signal) =>
      request('POST', flowPath(flowId, '/publish'), readPublished, {
        body: JSON.stringify(publishRequest),
        signal,
      }),
    listVersions: (flowId, signal) =>
      request(
        'GET',
        flowPath(flowId, '/versions'),
        (body) => (isArrayOf<VersionInfo>(isVersionInfo)(body.versions) ? body.versions : undefined),
        { signal },
      ),
    getVersion: (flowId, version, signal) =>
      request(
        'GET',
        flowPath(flowId, `/versions/${version}`),
        (body) =>
          isVersionInfo(body.version) && 'flow' in body
            ? { version: body.version, flow: body.flow }
            : undefined,
        { signal },
      ),
    diff: (flowId, from, to, signal) =>
      request(
        'GET',
        flowPath(flowId, `/diff?from=${from}&to=${to}`),
        (body) =>
          isObject(body.diff) && isObject(body.diff.nodes) && isObject(body.diff.edges)
            ? (body as unknown as FlowComparison)
            : undefined,
        { signal },
      ),
    rollback: (flowId, rollbackRequest, signal) =>
      request('POST', flowPath(flowId, '/rollback'), readPublished, {
        body: JSON.stringify(rollbackRequest),
        signal,
      }),
    records: (flowId, limit, signal) =>
      request(
        'GET',
        flowPath(flowId, `/records?limit=${Math.min(Math.max(Math.trunc(limit), 1), 1000)}`),
        (body) =>
          Array.isArray(body.records)
            ? {
                flowId,
                // A line the server could read but that is not a record the designer can show is skipped.
                records: body.records.filter(isRecord),
                damagedLines: typeof body.damagedLines === 'number' ? body.damagedLines : 0,
              }
            : undefined,
        { signal },
      ),
    routes: (signal) =>
      request(
        'GET',
        '/v1/routes',
        (body) => (isObject(body.routes) ? (body as unknown as RoutingTable) : undefined),
        { signal },
      ),
    testCall: (scenario, signal) =>
      request('POST', '/v1/test-calls', (body) => (isRecord(body.record) ? body.record : undefined), {
        body: JSON.stringify({ scenario }),
        signal,
      }),
  };
}
