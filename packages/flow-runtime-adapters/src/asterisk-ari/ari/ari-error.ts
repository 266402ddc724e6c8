/** What went wrong with an ARI request: Asterisk answered with an error, or did not answer. */
export type AriErrorKind = 'http' | 'network' | 'timeout';

/**
 * A failed ARI request. The message names the method, the path and what Asterisk said, and never
 * holds credentials. `status` is null when Asterisk did not answer (refused, reset, timed out).
 *
 * @example
 * try { await ari.channels.answer(id); }
 * catch (error) { if (isAriNotFound(error)) return; throw error; } // the channel hung up meanwhile
 */
export class AriError extends Error {
  override readonly name = 'AriError';
  readonly kind: AriErrorKind;
  readonly method: string;
  /** The request path under `/ari`, without its query. */
  readonly path: string;
  /** The HTTP status; null when there was no answer. */
  readonly status: number | null;
  /** Asterisk's own message (`Channel not found`...), when it gave one. */
  readonly asteriskMessage: string | null;

  constructor(fields: {
    kind: AriErrorKind;
    method: string;
    path: string;
    status: number | null;
    asteriskMessage: string | null;
    detail?: string;
    cause?: unknown;
  }) {
    const what = `ARI ${fields.method} ${fields.path}`;
    const message =
      fields.kind === 'http'
        ? `${what} failed: ${fields.status}${fields.asteriskMessage ? ` (${fields.asteriskMessage})` : ''}${fields.detail ? `: ${fields.detail}` : ''}`
        : `${what} failed: ${fields.detail ?? (fields.kind === 'timeout' ? 'no answer in time' : 'no answer')}`;
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.kind = fields.kind;
    this.method = fields.method;
    this.path = fields.path;
    this.status = fields.status;
    this.asteriskMessage = fields.asteriskMessage;
  }

  /** Asterisk answered 404: the channel, bridge, playback or recording does not exist (any more). */
  get notFound(): boolean {
    return this.status === 404;
  }
}

/** Whether `error` is an {@link AriError} for something that does not exist (any more). */
export function isAriNotFound(error: unknown): error is AriError {
  return error instanceof AriError && error.notFound;
}

/** Whether `error` is an {@link AriError} with one of these HTTP statuses. */
export function isAriStatus(error: unknown, ...statuses: number[]): error is AriError {
  return error instanceof AriError && error.status !== null && statuses.includes(error.status);
}
