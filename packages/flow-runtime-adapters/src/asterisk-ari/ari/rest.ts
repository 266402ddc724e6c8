import { AriError } from './ari-error.js';
import { ARI_ROUTES, type AriQuery, type AriRouteName } from './routes.js';

/** How one request is made: path parameters, query, JSON body, and how to read the answer. */
export interface AriRequest<N extends AriRouteName> {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: AriQuery<N>;
  readonly body?: unknown;
  /** `json` (default) parses the answer; `bytes` returns it raw; `none` ignores it. */
  readonly read?: 'json' | 'bytes' | 'none';
}

/** Sends ARI requests by route name. */
export type AriRequester = <T>(name: AriRouteName, request?: AriRequest<AriRouteName>) => Promise<T>;

/** What {@link createAriRequester} needs. */
export interface AriRequesterOptions {
  /** `http(s)://host:port/ari`, without credentials. */
  readonly baseUrl: string;
  readonly user: string;
  readonly password: string;
  /** A request without an answer after this long fails. */
  readonly timeoutMs: number;
  /**
   * Requests in flight at once; the others wait their turn. Bounds the HTTP connections to
   * Asterisk: without it, a slow Asterisk makes every call open connections of its own, past
   * Asterisk's session limit (which resets them), slowing it further. Default 32.
   */
  readonly maxConcurrentRequests?: number;
}

/** A counting semaphore: `run` waits for one of `size` slots. */
function createLimiter(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = size;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next !== undefined) next();
      else free += 1;
    }
  };
}

/** Reads Asterisk's `{ "message": ... }` (or `{ "error": ... }`) from an error answer. */
function asteriskMessageOf(text: string): string | null {
  if (text === '') return null;
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = parsed.message ?? parsed.error;
    return typeof message === 'string' ? message : null;
  } catch {
    return text.slice(0, 200);
  }
}

/** The system error code under a fetch failure (`ECONNREFUSED`...), if any. */
function networkCodeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The REST side of an ARI client: one function that sends a named route of {@link ARI_ROUTES} with
 * its parameters, and turns every failure into an {@link AriError}. The credentials live in this
 * closure only; no message it produces contains them.
 */
export function createAriRequester(options: AriRequesterOptions): AriRequester {
  const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const limit = options.maxConcurrentRequests ?? 32;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `ARI client: maxConcurrentRequests must be a whole number of at least 1, got ${limit}`,
    );
  }
  const inTurn = createLimiter(limit);

  return async <T>(name: AriRouteName, request: AriRequest<AriRouteName> = {}): Promise<T> => {
    const route = ARI_ROUTES[name];
    const path = route.path.replace(/\{(\w+)\}/g, (_, param: string) => {
      const value = request.params?.[param];
      if (value === undefined || value === '')
        throw new TypeError(`ARI ${name}: missing path parameter "${param}"`);
      return encodeURIComponent(value);
    });
    const url = new URL(`${options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      // A parameter the route does not declare is a bug of the caller (and the spec test checks the list).
      if (!(route.query as readonly string[]).includes(key)) {
        throw new TypeError(
          `ARI ${name}: query parameter "${key}" is not declared for ${route.method} ${route.path}`,
        );
      }
      url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    let body: string | undefined;
    if (request.body !== undefined) {
      if (!('body' in route)) throw new TypeError(`ARI ${name}: ${route.method} ${route.path} takes no body`);
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    let response: Response;
    try {
      // The answer is read inside the turn too: its connection is busy until then.
      response = await inTurn(async () => {
        const sent = await fetch(url, {
          method: route.method,
          headers,
          ...(body !== undefined ? { body } : {}),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const text = await sent.arrayBuffer();
        return new Response(sent.status === 204 || sent.status === 304 ? null : text, {
          status: sent.status,
          statusText: sent.statusText,
          headers: sent.headers,
        });
      });
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new AriError({
        kind: timedOut ? 'timeout' : 'network',
        method: route.method,
        path,
        status: null,
        asteriskMessage: null,
        detail: timedOut
          ? `no answer from ${options.baseUrl} within ${options.timeoutMs} ms`
          : `no answer from ${options.baseUrl} (${networkCodeOf(error)})`,
      });
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new AriError({
        kind: 'http',
        method: route.method,
        path,
        status: response.status,
        asteriskMessage: asteriskMessageOf(text) ?? (response.statusText || null),
        ...(response.status === 401 ? { detail: 'check the ARI user and password' } : {}),
      });
    }
    const read = request.read ?? 'json';
    if (read === 'bytes') return new Uint8Array(await response.arrayBuffer()) as T;
    const text = await response.text();
    if (read === 'none' || text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AriError({
        kind: 'http',
        method: route.method,
        path,
        status: response.status,
        asteriskMessage: null,
        detail: 'the answer is not JSON',
      });
    }
  };
}
