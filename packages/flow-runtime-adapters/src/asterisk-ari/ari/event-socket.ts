import WebSocket from 'ws';
import { AriError } from './ari-error.js';
import { isModeledEvent, type AriEventOf, type AriEventType, type AriMessage } from './events.js';

/** How the event socket comes back after a drop: exponential backoff with jitter, capped. */
export interface AriReconnectOptions {
  /** Delay before the first attempt. Default 250 ms. */
  readonly initialDelayMs?: number;
  /** The delay never grows past this. Default 10 000 ms. */
  readonly maxDelayMs?: number;
  /** Each failed attempt multiplies the delay by this. Default 2. */
  readonly factor?: number;
  /** Each delay is moved by up to this fraction, up or down, at random. Default 0.2. */
  readonly jitter?: number;
}

/** A change of the event connection. */
export type AriConnectionEvent =
  | { readonly type: 'connected' }
  | {
      readonly type: 'disconnected';
      readonly code: number;
      readonly reason: string;
      /** False after `close()`, when reconnection is off, or when another client took the app. */
      readonly willReconnect: boolean;
    }
  | {
      readonly type: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly error?: string;
    }
  | { readonly type: 'reconnected'; readonly attempts: number; readonly downMs: number };

/** Where the event connection is. */
export type AriEventSocketState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A log line of the client: level, event name, fields (never credentials). */
export type AriLog = (
  level: 'info' | 'warn' | 'error',
  event: string,
  fields?: Record<string, unknown>,
) => void;

/** What {@link createAriEventSocket} needs. */
export interface AriEventSocketOptions {
  /** `ws(s)://host:port/ari/events`. */
  readonly url: string;
  readonly apps: readonly string[];
  /** Subscribe the apps to every event of the system. Default false. */
  readonly subscribeAll?: boolean;
  readonly user: string;
  readonly password: string;
  /** `false`: no reconnection after a drop. */
  readonly reconnect?: AriReconnectOptions | false;
  /** A WebSocket ping this often; a missing pong at the next one counts as a drop. 0: off. Default 10 000. */
  readonly pingIntervalMs?: number;
  /** A connection attempt with no answer after this long fails. Default 10 000 ms. */
  readonly connectTimeoutMs?: number;
  readonly log?: AriLog;
  /** Random numbers in [0, 1), for the jitter. Default Math.random. */
  readonly random?: () => number;
}

/** The ARI event WebSocket of one or more Stasis applications, typed, with automatic reconnection. */
export interface AriEventSocket {
  /**
   * Opens the connection. Resolves once Asterisk accepted it; rejects with an {@link AriError}
   * when the first attempt fails (Asterisk down, wrong credentials): a misconfiguration is
   * reported at once, not retried. After that, drops are reconnected until `close()`.
   */
  connect(): Promise<void>;
  /** Closes the connection and stops reconnecting. */
  close(): Promise<void>;
  /** Listens to one event type; returns a function that stops listening. */
  on<T extends AriEventType>(type: T, listener: (event: AriEventOf<T>) => void): () => void;
  /** Listens to every message, modeled or not. */
  onAny(listener: (message: AriMessage) => void): () => void;
  /** Listens to connection changes (`connected`, `disconnected`, `reconnecting`, `reconnected`). */
  onConnection(listener: (event: AriConnectionEvent) => void): () => void;
  readonly state: AriEventSocketState;
}

const DEFAULT_RECONNECT: Required<AriReconnectOptions> = {
  initialDelayMs: 250,
  maxDelayMs: 10_000,
  factor: 2,
  jitter: 0.2,
};

/** The delay before reconnection attempt `attempt` (1-based). */
export function reconnectDelay(
  attempt: number,
  options: AriReconnectOptions = {},
  random: () => number = Math.random,
): number {
  const { initialDelayMs, maxDelayMs, factor, jitter } = { ...DEFAULT_RECONNECT, ...options };
  const base = Math.min(maxDelayMs, initialDelayMs * factor ** Math.max(0, attempt - 1));
  const spread = base * jitter * (2 * random() - 1);
  return Math.max(0, Math.min(maxDelayMs, Math.round(base + spread)));
}

/**
 * Creates the event socket of a Stasis application. Every message is parsed once and given to the
 * listeners of its type and to `onAny` listeners; a listener that throws is logged and does not
 * stop the others.
 *
 * @example
 * const events = createAriEventSocket({ url: 'ws://127.0.0.1:8088/ari/events', apps: ['ringflow'], user, password });
 * events.on('StasisStart', (event) => console.log(event.channel.id));
 * await events.connect();
 */
export function createAriEventSocket(options: AriEventSocketOptions): AriEventSocket {
  const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const log: AriLog = options.log ?? (() => {});
  const random = options.random ?? Math.random;
  const pingIntervalMs = options.pingIntervalMs ?? 10_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const target = new URL(options.url);
  target.searchParams.set('app', options.apps.join(','));
  target.searchParams.set('subscribeAll', String(options.subscribeAll ?? false));
  // The address for messages: no query, no credentials.
  const where = `${target.protocol}//${target.host}${target.pathname}`;

  const typed = new Map<string, Set<(event: never) => void>>();
  const any = new Set<(message: AriMessage) => void>();
  const connection = new Set<(event: AriConnectionEvent) => void>();

  let state: AriEventSocketState = 'idle';
  let socket: WebSocket | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let pingTimer: ReturnType<typeof setInterval> | null = null;
  let attempts = 0;
  let downSince = 0;
  let replaced = false;

  const safely = (what: string, call: () => void) => {
    try {
      call();
    } catch (error) {
      log('error', 'ari.listenerFailed', {
        listener: what,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const announce = (event: AriConnectionEvent) => {
    for (const listener of [...connection]) safely(`connection ${event.type}`, () => listener(event));
  };

  const dispatch = (data: WebSocket.RawData) => {
    let message: AriMessage;
    try {
      message = JSON.parse(data.toString()) as AriMessage;
    } catch {
      log('warn', 'ari.badMessage', { length: data.toString().length });
      return;
    }
    if (typeof message !== 'object' || message === null || typeof message.type !== 'string') return;
    if (message.type === 'ApplicationReplaced') {
      // Another client registered the same application: its events go there now. Fighting back
      // would make the two take it from each other forever; this one steps down, loudly.
      replaced = true;
      socket?.close(1000, 'application replaced');
    }
    if (isModeledEvent(message)) {
      for (const listener of [...(typed.get(message.type) ?? [])]) {
        safely(message.type, () => (listener as (event: unknown) => void)(message));
      }
    }
    for (const listener of [...any]) safely(`any ${message.type}`, () => listener(message));
  };

  const stopPing = () => {
    if (pingTimer !== null) clearInterval(pingTimer);
    pingTimer = null;
  };

  const startPing = (ws: WebSocket) => {
    if (pingIntervalMs <= 0) return;
    let waiting = false;
    ws.on('pong', () => (waiting = false));
    pingTimer = setInterval(() => {
      if (waiting) {
        log('warn', 'ari.pingTimeout', { url: where, afterMs: pingIntervalMs });
        ws.terminate();
        return;
      }
      waiting = true;
      ws.ping();
    }, pingIntervalMs);
    pingTimer.unref();
  };

  /** One connection attempt: resolves when open, rejects with an AriError otherwise. */
  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(target, { headers: { authorization }, handshakeTimeout: connectTimeoutMs });
      let settled = false;
      const fail = (detail: string, status: number | null) => {
        if (settled) return;
        settled = true;
        ws.removeAllListeners();
        ws.on('error', () => {});
        ws.terminate();
        reject(
          new AriError({
            kind: status === null ? 'network' : 'http',
            method: 'GET',
            path: '/events',
            status,
            asteriskMessage: null,
            detail,
          }),
        );
      };
      ws.on('unexpected-response', (_request, response) => {
        const status = response.statusCode ?? 0;
        const hint = status === 401 ? ': check the ARI user and password' : '';
        response.resume();
        fail(
          `Asterisk at ${where} refused the event WebSocket (${status} ${response.statusMessage ?? ''}${hint})`,
          status,
        );
      });
      ws.on('error', (error: NodeJS.ErrnoException) =>
        fail(`no connection to ${where} (${error.code ?? error.message})`, null),
      );
      ws.on('open', () => {
        if (settled) return;
        settled = true;
        ws.removeAllListeners('error');
        ws.removeAllListeners('unexpected-response');
        resolve(ws);
      });
    });

  const attach = (ws: WebSocket) => {
    socket = ws;
    state = 'open';
    replaced = false;
    ws.on('message', dispatch);
    ws.on('error', (error) => log('warn', 'ari.socketError', { url: where, message: error.message }));
    ws.on('close', (code, reasonBuffer) => {
      stopPing();
      if (socket !== ws) return;
      socket = null;
      const reason = reasonBuffer.toString();
      const willReconnect = state !== 'closed' && options.reconnect !== false && !replaced;
      log(willReconnect ? 'warn' : 'info', 'ari.disconnected', { url: where, code, reason, willReconnect });
      if (replaced) log('error', 'ari.applicationReplaced', { apps: options.apps, url: where });
      if (state !== 'closed') state = willReconnect ? 'reconnecting' : 'closed';
      announce({ type: 'disconnected', code, reason, willReconnect });
      if (willReconnect) {
        downSince = Date.now();
        attempts = 0;
        scheduleReconnect();
      }
    });
    startPing(ws);
  };

  const scheduleReconnect = (error?: string) => {
    if (state !== 'reconnecting') return;
    attempts += 1;
    const delayMs = reconnectDelay(attempts, options.reconnect || {}, random);
    log('info', 'ari.reconnecting', { url: where, attempt: attempts, delayMs, ...(error ? { error } : {}) });
    announce({ type: 'reconnecting', attempt: attempts, delayMs, ...(error ? { error } : {}) });
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      if (state !== 'reconnecting') return;
      open().then(
        (ws) => {
          if (state !== 'reconnecting') {
            ws.close(1000);
            return;
          }
          attach(ws);
          const downMs = Date.now() - downSince;
          log('info', 'ari.reconnected', { url: where, attempts, downMs });
          announce({ type: 'reconnected', attempts, downMs });
        },
        (failure: unknown) => scheduleReconnect(failure instanceof Error ? failure.message : String(failure)),
      );
    }, delayMs);
  };

  return {
    async connect() {
      if (state !== 'idle') throw new Error(`ARI events: connect() when ${state}`);
      state = 'connecting';
      let ws: WebSocket;
      try {
        ws = await open();
      } catch (error) {
        state = 'closed';
        throw error;
      }
      if (state !== 'connecting') {
        ws.close(1000);
        return;
      }
      attach(ws);
      log('info', 'ari.connected', { url: where, apps: options.apps });
      announce({ type: 'connected' });
    },
    async close() {
      const previous = state;
      state = 'closed';
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      stopPing();
      const ws = socket;
      if (ws === null) {
        if (previous === 'reconnecting')
          announce({ type: 'disconnected', code: 1000, reason: 'closed', willReconnect: false });
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1000);
        ws.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        ws.close(1000, 'closed by ringflow');
      });
    },
    on(type, listener) {
      let set = typed.get(type);
      if (set === undefined) typed.set(type, (set = new Set()));
      set.add(listener as (event: never) => void);
      return () => set.delete(listener as (event: never) => void);
    },
    onAny(listener) {
      any.add(listener);
      return () => any.delete(listener);
    },
    onConnection(listener) {
      connection.add(listener);
      return () => connection.delete(listener);
    },
    get state() {
      return state;
    },
  };
}
