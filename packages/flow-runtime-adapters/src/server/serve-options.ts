/*
 * What the `serve` command line needs before the server is loaded: kept apart from the server's
 * modules so that `ringflow validate` and the other commands never load HTTP or runtime code.
 */

/** The adapters `ringflow serve` knows; only `memory` runs for now. */
export const SERVE_ADAPTERS = ['memory', 'asterisk-ari'] as const;
export type ServeAdapter = (typeof SERVE_ADAPTERS)[number];

/** Checks and normalizes an origin for --cors-origin: `scheme://host[:port]`, nothing more. */
export function normalizeOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  if (url.pathname !== '/' || value.endsWith('/')) return undefined;
  return url.origin;
}
