/**
 * A deliberately small ARI client for the lab tests: raw fetch for REST and one WebSocket per Stasis
 * app collecting events. The real adapter lives in packages/flow-runtime-adapters; this only checks the lab.
 */
import WebSocket from 'ws';
import type { AsteriskInstance } from '../../scripts/asterisk/instance.js';

/** One ARI event as Asterisk sends it. */
export interface AriEvent {
  type: string;
  [field: string]: unknown;
}

/** Events of one Stasis app, with a way to wait for the next one that matches. */
export interface AriEvents {
  readonly events: AriEvent[];
  waitFor(match: (event: AriEvent) => boolean, timeoutMs?: number, what?: string): Promise<AriEvent>;
  close(): Promise<void>;
}

/** Calls the ARI REST API and returns the parsed JSON (or undefined for 204); throws on an HTTP error. */
export async function ari(
  asterisk: AsteriskInstance,
  method: string,
  path: string,
  query: Record<string, string | number> = {},
  body?: unknown,
): Promise<unknown> {
  const url = new URL(`/ari${path}`, asterisk.ariUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  const response = await fetch(url, {
    method,
    headers: {
      ...asterisk.authHeaders,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`ARI ${method} ${path} -> HTTP ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Opens the event WebSocket of Stasis app `app` (subscribing to all of its events). */
export function connectAri(asterisk: AsteriskInstance, app: string): Promise<AriEvents> {
  const url = `${asterisk.ariUrl.replace('http', 'ws')}/ari/events?app=${encodeURIComponent(app)}&subscribeAll=false`;
  const socket = new WebSocket(url, { headers: asterisk.authHeaders });
  const events: AriEvent[] = [];
  const waiters = new Set<{
    match: (event: AriEvent) => boolean;
    resolve: (event: AriEvent) => void;
    from: number;
  }>();
  socket.on('message', (data: Buffer) => {
    const event = JSON.parse(data.toString()) as AriEvent;
    events.push(event);
    for (const waiter of waiters) {
      if (waiter.match(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        events,
        waitFor(match, timeoutMs = 10_000, what = 'an ARI event') {
          const seen = events.find(match);
          if (seen) return Promise.resolve(seen);
          return new Promise((resolveWait, rejectWait) => {
            const waiter = {
              match,
              from: events.length,
              resolve: (event: AriEvent) => {
                clearTimeout(timer);
                resolveWait(event);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              rejectWait(
                new Error(
                  `timed out after ${timeoutMs} ms waiting for ${what} on app ${app}; got: ` +
                    events.map((e) => e.type).join(', '),
                ),
              );
            }, timeoutMs);
            waiters.add(waiter);
          });
        },
        close: () =>
          new Promise<void>((resolveClose) => {
            if (socket.readyState === WebSocket.CLOSED) return resolveClose();
            socket.once('close', () => resolveClose());
            socket.close();
          }),
      }),
    );
  });
}

/** The channel id carried by an ARI channel event. */
export function channelId(event: AriEvent): string | undefined {
  return (event.channel as { id?: string } | undefined)?.id;
}
