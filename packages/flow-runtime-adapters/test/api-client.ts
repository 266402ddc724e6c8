/** What one API call gave: the status, the headers and the body (parsed when it is JSON). */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** Options of one call. */
export interface CallOptions {
  /** Sent as JSON with `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Sent as is (with the headers given). */
  readonly body?: string | Uint8Array;
  readonly headers?: Record<string, string>;
  /** The bearer token; null sends no Authorization header. Default: the client's token. */
  readonly token?: string | null;
}

/** Calls the API at `url` as an integrator would, with fetch. */
export function createApiClient(url: string, token: string) {
  return async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.token === undefined ? token : options.token;
    if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
    return { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : text };
  };
}
