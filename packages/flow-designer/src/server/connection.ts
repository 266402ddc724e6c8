import { normalizeServerUrl } from './server-url.js';

/*
 * Where the designer keeps the server it is connected to. The token is a secret: by default it is
 * kept in sessionStorage (gone when the tab closes); "remember on this device" keeps it in
 * localStorage instead. It is never put in the address bar (`?server=` carries the URL only), in a
 * log or in an error message.
 */

/** The key of the stored connection, in sessionStorage or localStorage. */
export const CONNECTION_KEY = 'ringflow.server';

const FORMAT = 'ringflow.server-connection/v1';

/** A server and its token. */
export interface ServerCredentials {
  readonly url: string;
  readonly token: string;
}

/** A stored connection: where it was kept tells whether it is remembered on this device. */
export interface StoredConnection extends ServerCredentials {
  /** True when kept in localStorage (survives closing the browser). */
  readonly remember: boolean;
}

/** The two storages a connection may live in; either may be missing (storage disabled). */
export interface ConnectionStorages {
  readonly session: Storage | undefined;
  readonly local: Storage | undefined;
}

/** The browser's storages, or undefined where reading them throws (disabled, sandboxed frame). */
export function browserConnectionStorages(): ConnectionStorages {
  const get = (name: 'sessionStorage' | 'localStorage'): Storage | undefined => {
    try {
      return window[name];
    } catch {
      return undefined;
    }
  };
  return { session: get('sessionStorage'), local: get('localStorage') };
}

function read(storage: Storage | undefined): ServerCredentials | undefined {
  try {
    const raw = storage?.getItem(CONNECTION_KEY);
    if (raw === null || raw === undefined) return undefined;
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { format, url, token } = value as Record<string, unknown>;
    if (format !== FORMAT || typeof url !== 'string' || typeof token !== 'string') return undefined;
    const checked = normalizeServerUrl(url);
    return checked.ok && token !== '' ? { url: checked.url, token } : undefined;
  } catch {
    return undefined;
  }
}

/** The stored connection: this tab's first, else the one remembered on this device. Never throws. */
export function readStoredConnection(storages: ConnectionStorages): StoredConnection | undefined {
  const session = read(storages.session);
  if (session !== undefined) return { ...session, remember: false };
  const local = read(storages.local);
  return local === undefined ? undefined : { ...local, remember: true };
}

function remove(storage: Storage | undefined): void {
  try {
    storage?.removeItem(CONNECTION_KEY);
  } catch {
    // Nothing stored there, or nothing can be.
  }
}

/**
 * Keeps a connection: in this tab only, or on this device when `remember`; the other storage is
 * cleared so that a token is never left behind where it was not asked to be. False when it could
 * not be stored (the connection then lasts as long as the page).
 */
export function storeConnection(storages: ConnectionStorages, connection: StoredConnection): boolean {
  const target = connection.remember ? storages.local : storages.session;
  remove(connection.remember ? storages.session : storages.local);
  try {
    if (target === undefined) return false;
    target.setItem(
      CONNECTION_KEY,
      JSON.stringify({ format: FORMAT, url: connection.url, token: connection.token }),
    );
    return true;
  } catch {
    return false;
  }
}

/** Forgets the stored connection everywhere (disconnect, or a token the server refused). */
export function forgetConnection(storages: ConnectionStorages): void {
  remove(storages.session);
  remove(storages.local);
}

/** The server URL of `?server=`, normalized; undefined when absent or not a URL. */
export function serverFromSearch(search: string): string | undefined {
  const asked = new URLSearchParams(search).get('server');
  if (asked === null) return undefined;
  const checked = normalizeServerUrl(asked);
  return checked.ok ? checked.url : undefined;
}

/** The server flow to open from `?serverFlow=` (the server says whether it is a flow id). */
export function serverFlowFromSearch(search: string): string | undefined {
  const asked = new URLSearchParams(search).get('serverFlow');
  return asked === null || asked === '' || asked.length > 64 ? undefined : asked;
}

/** The key of the name publishes are signed with, on this device. */
export const AUTHOR_KEY = 'ringflow.server.author';

/** The name last used to publish on this device ('' when none). Never throws. */
export function readAuthor(storage: Storage | undefined): string {
  try {
    return storage?.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Remembers the name publishes are signed with. Never throws. */
export function storeAuthor(storage: Storage | undefined, author: string): void {
  try {
    if (author.trim() === '') storage?.removeItem(AUTHOR_KEY);
    else storage?.setItem(AUTHOR_KEY, author.trim());
  } catch {
    // Not remembered: the field starts empty next time.
  }
}
