/*
 * Server addresses and tokens as an admin types them. Apart from the client, so that the app's first
 * load (which only reads a stored connection) does not carry the client.
 */

/** Why a typed address is not a server URL. */
export type ServerUrlProblem = 'empty' | 'invalid' | 'protocol' | 'credentials';

/**
 * The base URL of a server from what an admin typed: `http://` is assumed when no scheme is given,
 * trailing slashes are dropped, a path (behind a reverse proxy) is kept. Refused: other schemes,
 * a user or password in the URL (the token is the only credential), a query or a fragment.
 */
export function normalizeServerUrl(
  input: string,
): { readonly ok: true; readonly url: string } | { readonly ok: false; readonly problem: ServerUrlProblem } {
  const typed = input.trim();
  if (typed === '') return { ok: false, problem: 'empty' };
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `http://${typed}`);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, problem: 'protocol' };
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, problem: 'credentials' };
  if (parsed.search !== '' || parsed.hash !== '' || parsed.hostname === '') {
    return { ok: false, problem: 'invalid' };
  }
  return { ok: true, url: `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}` };
}

/** Whether a server URL stays on this machine (the token then never crosses a network). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** Whether a token can be sent in a header: printable ASCII without spaces, as the server issues. */
export function isSendableToken(token: string): boolean {
  return token.length > 0 && token.length <= 512 && /^[\x21-\x7e]+$/.test(token);
}
