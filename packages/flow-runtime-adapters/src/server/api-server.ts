import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StoreError } from '../store/store-error.js';
import { ApiError } from './api-error.js';
import { API_LIMITS, API_ROUTES, matchRoute, type ApiContext, type ApiRoute } from './api-routes.js';
import { createTokenCheck, isWellFormedToken } from './api-token.js';
import type { Logger } from './logger.js';
import { checkJsonContentType, decodeBody, hasBody, parseJsonBody, readBody } from './request-body.js';

/** Options of {@link createApiServer}. */
export interface ApiServerOptions extends ApiContext {
  /** SHA-256 (hex) of the bearer token every request must carry. */
  readonly tokenHash: string;
  /**
   * Origins allowed to call the API from a browser (CORS), such as the designer's
   * `http://127.0.0.1:5173`. Default none: browsers on other origins cannot read answers.
   */
  readonly corsOrigins?: readonly string[] | undefined;
  /** Where one line per request goes (never the token). Default: nowhere. */
  readonly log?: Logger | undefined;
}

/** Where a server listens. */
export interface ListeningAddress {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`, the base of every route. */
  readonly url: string;
}

/** The HTTP API server. */
export interface ApiServer {
  /** Starts listening; `port` 0 picks a free port (the address says which). */
  listen(port: number, host: string): Promise<ListeningAddress>;
  /**
   * Stops accepting connections and lets requests in progress finish (new requests on open
   * connections get 503), for at most `timeoutMs` (default 10 s), then closes what is left.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
  /** The node:http server, for tests and embedding. */
  readonly server: Server;
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

/** Headers a browser may send on a cross-origin request, and read from a response. */
const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type';
const CORS_EXPOSED_HEADERS = 'Location, X-Request-Id';

/** A bearer token from an Authorization header (RFC 6750), or undefined. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  const token = match?.[1];
  return token !== undefined && isWellFormedToken(token) ? token : undefined;
}

/**
 * The ringflow HTTP API (docs/api.md): flows, drafts, versions, diffs, rollbacks, the routing
 * table, call records and test calls, as JSON over HTTP, behind a bearer token.
 *
 * Every request is checked in this order, and stops at the first failure, before any handler
 * reads or changes anything: the token (401), the route (404), the method (405), the path
 * parameters (400), the content type (415), the body size (413), the JSON (400). Errors are
 * `{ "error": { "code", "message", "details"? } }`. One JSON log line per request.
 *
 * @example
 * const api = createApiServer({ store, tokenHash: hashToken(token), log: createJsonLogger(process.stdout) });
 * const { url } = await api.listen(0, '127.0.0.1');
 * const flows = await fetch(`${url}/v1/flows`, { headers: { Authorization: `Bearer ${token}` } });
 */
export function createApiServer(options: ApiServerOptions): ApiServer {
  const checkToken = createTokenCheck(options.tokenHash);
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const log = options.log ?? (() => undefined);
  const context: ApiContext = {
    store: options.store,
    records: options.records,
    testCalls: options.testCalls,
  };
  const routes: readonly ApiRoute[] = API_ROUTES;
  let closing = false;
  const inFlight = new Set<Promise<void>>();

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, (request, response) => {
    const done = handle(request, response);
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  server.keepAliveTimeout = 5_000;

  /** CORS headers for an allowed origin; none otherwise (the browser then hides the answer). */
  function corsHeaders(request: IncomingMessage): Record<string, string> {
    const origin = request.headers.origin;
    if (origin === undefined || !corsOrigins.has(origin)) return {};
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS };
  }

  function send(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = body === undefined ? '' : `${JSON.stringify(body)}\n`;
    const all: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      ...corsHeaders(request),
      Vary: 'Origin',
      ...headers,
    };
    if (body !== undefined) all['Content-Type'] = 'application/json; charset=utf-8';
    // A 204 has no body and so no length (RFC 9110, 8.6).
    if (status !== 204) all['Content-Length'] = Buffer.byteLength(text);
    // A body left unread (refused early) is not read to its end: the connection is closed instead.
    if (!request.complete && hasBody(request)) all.Connection = 'close';
    if (closing) all.Connection = 'close';
    response.writeHead(status, all);
    response.end(text);
  }

  /** A CORS preflight: allowed origin and known path only; it reads nothing, so needs no token. */
  function preflight(
    request: IncomingMessage,
    pathname: string,
  ): { status: number; headers: Record<string, string>; body?: unknown } {
    const origin = request.headers.origin ?? '';
    if (!corsOrigins.has(origin)) {
      throw new ApiError(
        403,
        'cors_origin_not_allowed',
        `The origin "${origin.slice(0, 100)}" may not call this API; start the server with --cors-origin ${origin.slice(0, 100)} to allow it.`,
      );
    }
    const allow = [
      ...new Set(routes.filter((route) => sameShape(route.path, pathname)).map((route) => route.method)),
    ];
    if (allow.length === 0)
      throw new ApiError(404, 'not_found', `There is no route ${pathname.slice(0, 200)}.`);
    const headers: Record<string, string> = {
      'Access-Control-Allow-Methods': allow.join(', '),
      'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    };
    if (request.headers['access-control-request-private-network'] === 'true') {
      headers['Access-Control-Allow-Private-Network'] = 'true';
    }
    return { status: 204, headers };
  }

  function sameShape(pattern: string, pathname: string): boolean {
    const a = pattern.split('/');
    const b = pathname.split('/');
    return (
      a.length === b.length && a.every((part, i) => (part.startsWith(':') ? b[i] !== '' : part === b[i]))
    );
  }

  async function respond(
    request: IncomingMessage,
    pathname: string,
    query: URLSearchParams,
  ): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const method = request.method ?? 'GET';
    if (closing) {
      throw new ApiError(503, 'shutting_down', 'The server is shutting down.', {
        headers: { 'Retry-After': '5' },
      });
    }
    if (method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      return preflight(request, pathname);
    }
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || !checkToken(token)) {
      const presented = request.headers.authorization !== undefined;
      throw new ApiError(
        401,
        'unauthorized',
        presented
          ? 'The bearer token is not valid.'
          : 'This API needs a bearer token: send "Authorization: Bearer <token>".',
        {
          headers: {
            'WWW-Authenticate': presented
              ? 'Bearer realm="ringflow", error="invalid_token"'
              : 'Bearer realm="ringflow"',
          },
        },
      );
    }
    const match = matchRoute(routes, method, pathname);
    if (match.kind === 'none')
      throw new ApiError(404, 'not_found', `There is no route ${pathname.slice(0, 200)}.`);
    if (match.kind === 'method') {
      if (method === 'OPTIONS') return { status: 204, headers: { Allow: match.allow.join(', ') } };
      throw new ApiError(
        405,
        'method_not_allowed',
        `${pathname.slice(0, 200)} accepts ${match.allow.join(', ')}, not ${method.slice(0, 20)}.`,
        {
          headers: { Allow: match.allow.join(', ') },
        },
      );
    }
    const { route, params } = match;
    let body: unknown;
    let text = '';
    if (route.body !== 'none') {
      if (!hasBody(request)) {
        if (!route.bodyOptional) {
          throw new ApiError(400, 'invalid_json', 'The request body is empty; send a JSON object.');
        }
      } else {
        checkJsonContentType(request);
        const limit = route.body === 'flow' ? API_LIMITS.flowBodyBytes : API_LIMITS.jsonBodyBytes;
        text = decodeBody(await readBody(request, limit));
        if (route.body === 'json') body = parseJsonBody(text);
      }
    }
    return route.handle(context, { params, query, body, text });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    const remoteAddress = request.socket.remoteAddress;
    let pathname = '';
    let status = 500;
    let errorCode: string | undefined;
    try {
      let url: URL;
      try {
        url = new URL(request.url ?? '/', 'http://localhost');
      } catch {
        throw new ApiError(400, 'invalid_request', 'The request target is not a valid path.');
      }
      pathname = url.pathname;
      const answer = await respond(request, pathname, url.searchParams);
      status = answer.status;
      send(request, response, answer.status, answer.body, { ...answer.headers, 'X-Request-Id': requestId });
    } catch (error) {
      const apiError = toApiError(error, requestId);
      status = apiError.status;
      errorCode = apiError.code;
      if (!response.headersSent) {
        send(request, response, apiError.status, apiError.toBody(), {
          ...apiError.headers,
          'X-Request-Id': requestId,
        });
      } else {
        response.destroy();
      }
      if (apiError.status >= 500) {
        log({
          level: 'error',
          event: 'http.error',
          requestId,
          code: apiError.code,
          message: describe(error),
        });
      }
    } finally {
      log({
        level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
        event: 'http.request',
        requestId,
        method: (request.method ?? '').slice(0, 20),
        path: pathname.slice(0, 300),
        status,
        ...(errorCode === undefined ? {} : { error: errorCode }),
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        remoteAddress,
      });
    }
  }

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` });
        });
      });
    },
    async close(closeOptions = {}) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timeout = closeOptions.timeoutMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeout);
      });
      await Promise.race([Promise.all([...inFlight]).then(() => undefined), expired]);
      clearTimeout(timer);
      server.closeAllConnections();
      await stopped;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Any failure as an API error: ours as they are, the store's as 500 `store_*`, the rest as 500. */
function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreError) {
    return new ApiError(
      500,
      error.code,
      `The flow store failed (${error.code}); see the server log, request ${requestId}.`,
    );
  }
  return new ApiError(500, 'internal_error', `Internal error; see the server log, request ${requestId}.`);
}
