import { FLOW_LIMITS, validateFlowText, type FlowIssue } from '@ringflow/flow-core';
import { diffFlows } from '../store/diff.js';
import { FLOW_ID_PATTERN, isVersionNumber } from '../store/flow-id.js';
import { checkPublishMetadata, isPlainObject } from '../store/store-rules.js';
import type { FlowStore, PublishResult } from '../store/types.js';
import { ApiError } from './api-error.js';

/** Body size limits of the API, in bytes. */
export const API_LIMITS = {
  /** A flow document (save a draft, validate): flow-core's limit and room for the JSON around it. */
  flowBodyBytes: FLOW_LIMITS.maxBytes + 64 * 1024,
  /** Any other JSON body (publish, rollback, routes, test calls). */
  jsonBodyBytes: 1024 * 1024,
  /** Most call records one request returns. */
  maxRecords: 1000,
  /** Call records returned when `limit` is not given. */
  defaultRecords: 50,
} as const;

/** The recent call records of a flow, newest first (the runtime's JSON Lines files). */
export interface CallRecordReader {
  recent(flowId: string, limit: number): Promise<{ records: readonly unknown[]; damagedLines: number }>;
}

/** What placing a test call gave: the call's record once it ended, or why the scenario is refused. */
export type TestCallOutcome =
  | { readonly ok: true; readonly record: unknown }
  | { readonly ok: false; readonly issues: readonly FlowIssue[] };

/** Places calls through the memory adapter, as a DESIGN 6 scenario describes them. */
export interface TestCallPlacer {
  /** Places the call, waits until it has ended and been recorded, and returns its record. */
  place(scenario: unknown): Promise<TestCallOutcome>;
}

/** What the handlers work with. */
export interface ApiContext {
  readonly store: FlowStore;
  /** Absent when the server runs without call records: the records route answers 503. */
  readonly records?: CallRecordReader | undefined;
  /** Absent when no runtime with the memory adapter runs: the test-calls route answers 503. */
  readonly testCalls?: TestCallPlacer | undefined;
}

/** A request as handlers see it: checked path parameters, the query, and the body. */
export interface ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body (`body: 'json'` routes), or undefined when there was none. */
  readonly body: unknown;
  /** The body as text (`body: 'flow'` routes): flow-core reads it, with line and column on errors. */
  readonly text: string;
}

/** A successful answer. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One route of the API. */
export interface ApiRoute {
  readonly method: 'GET' | 'PUT' | 'POST';
  /** Segments; `:name` is a parameter (`:flowId` must be a flow id, `:version` a version number). */
  readonly path: string;
  /** What body the route reads: none, a JSON value, or a flow document kept as text. */
  readonly body: 'none' | 'json' | 'flow';
  /** Whether the body may be left out (then `body` is undefined). */
  readonly bodyOptional?: boolean;
  readonly handle: (context: ApiContext, request: ApiRequest) => Promise<ApiResponse>;
}

function ok(body: unknown, status = 200, headers?: Record<string, string>): ApiResponse {
  return headers === undefined ? { status, body } : { status, body, headers };
}

function invalidRequest(message: string, details?: unknown): ApiError {
  return new ApiError(400, 'invalid_request', message, details === undefined ? {} : { details });
}

/** The fields of an object body, refusing unknown ones (a typo must not be silently ignored). */
function fieldsOf(body: unknown, allowed: readonly string[], optional = true): Record<string, unknown> {
  if (body === undefined && optional) return {};
  if (!isPlainObject(body)) throw invalidRequest('The request body must be a JSON object.');
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw invalidRequest(
      `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}; allowed: ${allowed.join(', ')}.`,
    );
  }
  return body;
}

function metadataOf(fields: Record<string, unknown>): { author?: string; comment?: string } {
  const metadata = { author: fields.author, comment: fields.comment } as {
    author?: string;
    comment?: string;
  };
  const problem = checkPublishMetadata(metadata);
  if (problem !== undefined) throw invalidRequest(`${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`);
  return metadata;
}

function flowNotFound(flowId: string): ApiError {
  return new ApiError(404, 'flow_not_found', `There is no flow "${flowId}".`);
}

function draftNotFound(flowId: string): ApiError {
  return new ApiError(
    404,
    'draft_not_found',
    `Flow "${flowId}" has no draft; save one first (PUT its draft).`,
  );
}

function versionNotFound(flowId: string, version: number | string): ApiError {
  return new ApiError(404, 'version_not_found', `Flow "${flowId}" has no version ${version}.`);
}

/** The answer to a publish or a rollback. */
function published(flowId: string, result: PublishResult, requested?: number): ApiResponse {
  if (result.ok) {
    const location = `/v1/flows/${flowId}/versions/${result.version.version}`;
    return ok({ version: result.version, warnings: result.warnings }, 201, { Location: location });
  }
  switch (result.problem) {
    case 'draft_not_found':
      throw draftNotFound(flowId);
    case 'version_not_found':
      throw versionNotFound(flowId, requested ?? '?');
    case 'draft_changed':
      throw new ApiError(
        409,
        'draft_changed',
        'The draft has changed since the one given by "draftSha256".',
        {
          details: { draftSha256: result.draftSha256 },
        },
      );
    case 'invalid':
      throw new ApiError(
        422,
        'flow_invalid',
        `The flow has ${result.errors.length} validation error${result.errors.length === 1 ? '' : 's'}; nothing was published.`,
        { details: { errors: result.errors, warnings: result.warnings } },
      );
  }
}

/** One side of a diff, from the query: a version number or `draft`. */
function diffSideOf(name: 'from' | 'to', raw: string | null): number | 'draft' {
  if (raw === 'draft') return 'draft';
  const version = raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!isVersionNumber(version)) {
    throw invalidRequest(`The query parameter "${name}" must be a version number or "draft".`);
  }
  return version;
}

/** The document of one side of a diff. */
async function diffDocument(store: FlowStore, flowId: string, side: number | 'draft'): Promise<unknown> {
  if (side === 'draft') {
    const draft = await store.getDraft(flowId);
    if (draft === undefined) throw draftNotFound(flowId);
    return JSON.parse(draft.text) as unknown;
  }
  const found = await store.getVersion(flowId, side);
  if (found === undefined) throw versionNotFound(flowId, side);
  return found.flow;
}

function limitOf(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return API_LIMITS.defaultRecords;
  const limit = /^\d{1,4}$/.test(raw) ? Number(raw) : 0;
  if (limit < 1 || limit > API_LIMITS.maxRecords) {
    throw invalidRequest(
      `The query parameter "limit" must be a whole number from 1 to ${API_LIMITS.maxRecords}.`,
    );
  }
  return limit;
}

function unavailable(what: string): ApiError {
  return new ApiError(503, 'not_available', `${what} is not available on this server.`);
}

/**
 * Every route of the API, version 1 (docs/api.md). Paths are matched segment by segment; the
 * server checks the token, the method, the parameters, the content type and the body size before
 * a handler runs.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/flows',
    body: 'none',
    async handle({ store }) {
      return ok({ flows: await store.listFlows() });
    },
  },
  {
    method: 'GET',
    path: '/v1/flows/:flowId',
    body: 'none',
    async handle({ store }, { params }) {
      const summary = await store.getFlow(params.flowId!);
      if (summary === undefined) throw flowNotFound(params.flowId!);
      return ok(summary);
    },
  },
  {
    method: 'GET',
    path: '/v1/flows/:flowId/draft',
    body: 'none',
    async handle({ store }, { params }) {
      const flowId = params.flowId!;
      const draft = await store.getDraft(flowId);
      if (draft === undefined) throw draftNotFound(flowId);
      const { ok: valid, errors, warnings } = validateFlowText(draft.text);
      return ok({
        draft: draft.info,
        flow: JSON.parse(draft.text) as unknown,
        validation: { ok: valid, errors, warnings },
      });
    },
  },
  {
    method: 'PUT',
    path: '/v1/flows/:flowId/draft',
    body: 'flow',
    async handle({ store }, { params, text }) {
      const flowId = params.flowId!;
      const saved = await store.saveDraft(flowId, { text });
      if (saved.ok) return ok({ draft: saved.draft, validation: saved.validation });
      if (saved.problem === 'id_mismatch') {
        throw new ApiError(
          400,
          'flow_id_mismatch',
          `The document's "id" must be "${flowId}", the flow it is saved as.`,
          { details: { documentId: typeof saved.documentId === 'string' ? saved.documentId : null } },
        );
      }
      const [first] = saved.issues;
      if (first?.code === 'document_too_large') {
        throw new ApiError(413, 'payload_too_large', first.message, { details: { issues: saved.issues } });
      }
      if (first?.code === 'invalid_json') {
        const { line, column, detail } = first.params ?? {};
        throw new ApiError(
          400,
          'invalid_json',
          `The request body is not valid JSON (line ${String(line)}, column ${String(column)}): ${String(detail)}.`,
          { details: { line, column } },
        );
      }
      throw new ApiError(400, 'invalid_json', `The document is refused: ${first?.message ?? 'not JSON'}`, {
        details: { issues: saved.issues },
      });
    },
  },
  {
    method: 'POST',
    path: '/v1/validate',
    body: 'flow',
    async handle(_context, { text }) {
      const { ok: valid, errors, warnings } = validateFlowText(text);
      return ok({ ok: valid, errors, warnings });
    },
  },
  {
    method: 'POST',
    path: '/v1/flows/:flowId/publish',
    body: 'json',
    bodyOptional: true,
    async handle({ store }, { params, body }) {
      const flowId = params.flowId!;
      const fields = fieldsOf(body, ['author', 'comment', 'draftSha256']);
      const expected = fields.draftSha256;
      if (expected !== undefined && (typeof expected !== 'string' || !/^[0-9a-f]{64}$/.test(expected))) {
        throw invalidRequest('"draftSha256" must be the "sha256" of a draft (64 lowercase hex digits).');
      }
      const result = await store.publish(flowId, { ...metadataOf(fields), expectedDraftSha256: expected });
      return published(flowId, result);
    },
  },
  {
    method: 'GET',
    path: '/v1/flows/:flowId/versions',
    body: 'none',
    async handle({ store }, { params }) {
      return ok({ flowId: params.flowId, versions: await store.listVersions(params.flowId!) });
    },
  },
  {
    method: 'GET',
    path: '/v1/flows/:flowId/versions/:version',
    body: 'none',
    async handle({ store }, { params }) {
      const flowId = params.flowId!;
      const version = Number(params.version);
      const found = await store.getVersion(flowId, version);
      if (found === undefined) throw versionNotFound(flowId, version);
      return ok({ version: found.info, flow: JSON.parse(found.text) as unknown });
    },
  },
  {
    method: 'GET',
    path: '/v1/flows/:flowId/diff',
    body: 'none',
    async handle({ store }, { params, query }) {
      const flowId = params.flowId!;
      const from = diffSideOf('from', query.get('from'));
      const to = diffSideOf('to', query.get('to'));
      const diff = diffFlows(await diffDocument(store, flowId, from), await diffDocument(store, flowId, to));
      return ok({ flowId, from, to, diff });
    },
  },
  {
    method: 'POST',
    path: '/v1/flows/:flowId/rollback',
    body: 'json',
    async handle({ store }, { params, body }) {
      const flowId = params.flowId!;
      const fields = fieldsOf(body, ['version', 'author', 'comment'], false);
      if (!isVersionNumber(fields.version)) {
        throw invalidRequest('"version" must be the number of the version to roll back to.');
      }
      const result = await store.rollback(flowId, fields.version, metadataOf(fields));
      return published(flowId, result, fields.version);
    },
  },
  {
    method: 'GET',
    path: '/v1/flows/:flowId/records',
    body: 'none',
    async handle({ records }, { params, query }) {
      const limit = limitOf(query);
      if (records === undefined) throw unavailable('Reading call records');
      const found = await records.recent(params.flowId!, limit);
      return ok({ flowId: params.flowId, records: found.records, damagedLines: found.damagedLines });
    },
  },
  {
    method: 'GET',
    path: '/v1/routes',
    body: 'none',
    async handle({ store }) {
      return ok(await store.getRoutes());
    },
  },
  {
    method: 'PUT',
    path: '/v1/routes',
    body: 'json',
    async handle({ store }, { body }) {
      const result = await store.setRoutes(body);
      if (result.ok) return ok(result.table);
      throw new ApiError(422, 'routes_invalid', 'The routing table is refused; nothing was changed.', {
        details: { issues: result.issues },
      });
    },
  },
  {
    method: 'POST',
    path: '/v1/test-calls',
    body: 'json',
    async handle({ testCalls }, { body }) {
      if (testCalls === undefined) {
        throw unavailable('Placing test calls (start the server with --adapter memory)');
      }
      const fields = fieldsOf(body, ['scenario'], false);
      const outcome = await testCalls.place(fields.scenario);
      if (!outcome.ok) {
        throw new ApiError(422, 'scenario_invalid', 'The scenario is refused; no call was placed.', {
          details: { issues: outcome.issues },
        });
      }
      return ok({ record: outcome.record }, 201);
    },
  },
];

/** A route found for a path, with its checked parameters. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly route: ApiRoute; readonly params: Record<string, string> }
  /** The path exists, not with this method. */
  | { readonly kind: 'method'; readonly allow: readonly string[] }
  | { readonly kind: 'none' };

function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

/** Checks a path parameter; a bad one is a 400 that says what it should be. */
function checkParam(name: string, value: string): void {
  if (name === 'flowId' && !FLOW_ID_PATTERN.test(value)) {
    throw new ApiError(
      400,
      'invalid_flow_id',
      'A flow id is a letter, then up to 63 letters, digits, "_" or "-".',
      { details: { flowId: value.slice(0, 100) } },
    );
  }
  if (name === 'version' && !(/^\d{1,9}$/.test(value) && isVersionNumber(Number(value)))) {
    throw new ApiError(400, 'invalid_version', 'A version is a whole number from 1.', {
      details: { version: value.slice(0, 100) },
    });
  }
}

/**
 * Finds the route of a method and a path (without query). Segments are percent-decoded before
 * they are checked, so `%2e%2e` is refused as the `..` it is.
 */
export function matchRoute(routes: readonly ApiRoute[], method: string, pathname: string): RouteMatch {
  const segments = splitPath(pathname);
  const matching: Array<{ route: ApiRoute; params: Record<string, string> }> = [];
  for (const route of routes) {
    const pattern = splitPath(route.path);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = Object.create(null) as Record<string, string>;
    const fits = pattern.every((part, i) => {
      const segment = segments[i]!;
      if (part.startsWith(':')) {
        params[part.slice(1)] = segment;
        return segment !== '';
      }
      return part === segment;
    });
    if (fits) matching.push({ route, params });
  }
  if (matching.length === 0) return { kind: 'none' };
  const found = matching.find((candidate) => candidate.route.method === method);
  if (found === undefined) {
    return { kind: 'method', allow: [...new Set(matching.map((candidate) => candidate.route.method))] };
  }
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, raw] of Object.entries(found.params)) {
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      throw new ApiError(400, 'invalid_request', 'The path has a malformed percent-encoding.');
    }
    checkParam(name, value);
    params[name] = value;
  }
  return { kind: 'found', route: found.route, params };
}
