import { resolveAriPassword } from './credentials.js';
import {
  createAriEventSocket,
  type AriEventSocket,
  type AriLog,
  type AriReconnectOptions,
} from './event-socket.js';
import type {
  AriApplication,
  AriAsteriskInfo,
  AriBridge,
  AriChannel,
  AriDeviceState,
  AriEndpoint,
  AriLiveRecording,
  AriPlayback,
  AriStoredRecording,
  AriVariable,
} from './models.js';
import { createAriRequester, type AriRequester } from './rest.js';
import type { AriQuery } from './routes.js';

/** Options of {@link createAriClient}. */
export interface AriClientOptions {
  /** Asterisk's HTTP server, e.g. `http://127.0.0.1:8088` (with or without `/ari`); no credentials in it. */
  readonly url: string;
  /** The ARI user (ari.conf). */
  readonly user: string;
  /** The ARI password; else `passwordFile`, else the RINGFLOW_ARI_PASSWORD environment variable. */
  readonly password?: string;
  /** A file holding the ARI password (trimmed). */
  readonly passwordFile?: string;
  /** The Stasis applications whose events the event socket receives. Default none (REST only). */
  readonly apps?: readonly string[];
  /** Subscribe the apps to every event of the system. Default false. */
  readonly subscribeAll?: boolean;
  /** Reconnection of the event socket after a drop; `false` for none. */
  readonly reconnect?: AriReconnectOptions | false;
  /** WebSocket ping period (a missing pong is a drop). 0: off. Default 10 000 ms. */
  readonly pingIntervalMs?: number;
  /** A REST request without an answer after this long fails. Default 5000 ms. */
  readonly requestTimeoutMs?: number;
  /** REST requests in flight at once (bounds the HTTP connections to Asterisk). Default 32. */
  readonly maxConcurrentRequests?: number;
  /** Log lines of the client (connection changes, bad messages). Never given credentials. */
  readonly log?: AriLog;
  /** For tests: the environment to read RINGFLOW_ARI_PASSWORD from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The `type` of a bridge; several may be combined (`mixing,dtmf_events`). */
export type AriBridgeType =
  'mixing' | 'holding' | 'dtmf_events' | 'proxy_media' | 'video_sfu' | 'video_single';

/** Channel variables, set when a channel is created or originated. */
export type AriVariables = Readonly<Record<string, string>>;

/** A typed ARI client: the REST calls ringflow needs, and the event socket. */
export interface AriClient {
  /** The ARI base URL (`.../ari`), without credentials. */
  readonly url: string;
  readonly asterisk: {
    info(): Promise<AriAsteriskInfo>;
    ping(): Promise<{ asterisk_id: string; ping: string; timestamp: string }>;
  };
  readonly channels: {
    list(): Promise<AriChannel[]>;
    get(channelId: string): Promise<AriChannel>;
    /** Creates a channel in a Stasis app without dialing it (`dial` does). */
    create(
      params: AriQuery<'channelsCreate'> & { endpoint: string; app: string; variables?: AriVariables },
    ): Promise<AriChannel>;
    /** Creates and dials a channel at once. */
    originate(
      params: AriQuery<'channelsOriginate'> & { endpoint: string; variables?: AriVariables },
    ): Promise<AriChannel>;
    dial(channelId: string, params?: AriQuery<'channelsDial'>): Promise<void>;
    /** `reason_code` is a Q.850 cause (16 normal, 17 busy, 21 rejected, 26 answered elsewhere...). */
    hangup(channelId: string, params?: AriQuery<'channelsHangup'>): Promise<void>;
    answer(channelId: string): Promise<void>;
    /** Indicates ringing to the channel (ringback). */
    ring(channelId: string): Promise<void>;
    ringStop(channelId: string): Promise<void>;
    /** Indicates progress (early media) to the channel. */
    progress(channelId: string): Promise<void>;
    /** Plays media (`sound:hello-world`, `recording:name`, `tone:ring`...), several in a row if a list. */
    play(
      channelId: string,
      params: AriQuery<'channelsPlay'> & { media: string | readonly string[] },
    ): Promise<AriPlayback>;
    record(
      channelId: string,
      params: AriQuery<'channelsRecord'> & { name: string; format: string },
    ): Promise<AriLiveRecording>;
    startMoh(channelId: string, mohClass?: string): Promise<void>;
    stopMoh(channelId: string): Promise<void>;
    startSilence(channelId: string): Promise<void>;
    stopSilence(channelId: string): Promise<void>;
    sendDtmf(channelId: string, params: AriQuery<'channelsSendDtmf'> & { dtmf: string }): Promise<void>;
    /** A channel variable (or function, `CALLERID(num)`); rejects with a 404 AriError when unset. */
    getVariable(channelId: string, variable: string): Promise<string>;
    setVariable(channelId: string, variable: string, value: string): Promise<void>;
    /** A channel that hears (`spy`) and/or speaks into (`whisper`) another, in a Stasis app. */
    snoop(
      channelId: string,
      params: AriQuery<'channelsSnoop'> & { snoopId: string; app: string },
    ): Promise<AriChannel>;
  };
  readonly bridges: {
    list(): Promise<AriBridge[]>;
    get(bridgeId: string): Promise<AriBridge>;
    create(params?: {
      type?: AriBridgeType | readonly AriBridgeType[];
      bridgeId?: string;
      name?: string;
    }): Promise<AriBridge>;
    destroy(bridgeId: string): Promise<void>;
    addChannel(
      bridgeId: string,
      params: AriQuery<'bridgesAddChannel'> & { channel: string | readonly string[] },
    ): Promise<void>;
    removeChannel(bridgeId: string, channel: string): Promise<void>;
    record(
      bridgeId: string,
      params: AriQuery<'bridgesRecord'> & { name: string; format: string },
    ): Promise<AriLiveRecording>;
  };
  readonly playbacks: {
    get(playbackId: string): Promise<AriPlayback>;
    stop(playbackId: string): Promise<void>;
  };
  readonly recordings: {
    listStored(): Promise<AriStoredRecording[]>;
    getStored(name: string): Promise<AriStoredRecording>;
    /** The recording's bytes (a WAV file for format `wav`). */
    getStoredFile(name: string): Promise<Uint8Array>;
    deleteStored(name: string): Promise<void>;
    getLive(name: string): Promise<AriLiveRecording>;
    /** Stops a live recording and keeps it. */
    stopLive(name: string): Promise<void>;
    /** Stops a live recording and discards it. */
    cancelLive(name: string): Promise<void>;
  };
  readonly deviceStates: {
    list(): Promise<AriDeviceState[]>;
    /** Any device's state (`PJSIP/alice`), not only the Stasis ones. */
    get(deviceName: string): Promise<AriDeviceState>;
  };
  readonly endpoints: {
    list(): Promise<AriEndpoint[]>;
    listByTech(tech: string): Promise<AriEndpoint[]>;
    get(tech: string, resource: string): Promise<AriEndpoint>;
  };
  readonly applications: {
    get(name: string): Promise<AriApplication>;
    /** Subscribes an app to `channel:<id>`, `bridge:<id>`, `endpoint:<tech>[/<resource>]`, `deviceState:<name>`. */
    subscribe(name: string, eventSource: string | readonly string[]): Promise<AriApplication>;
    unsubscribe(name: string, eventSource: string | readonly string[]): Promise<AriApplication>;
  };
  /** The event socket of `apps` (connect it with `events.connect()`). */
  readonly events: AriEventSocket;
  /** Closes the event socket. */
  close(): Promise<void>;
}

/** `http://host:port[/ari]` → `{ base: http://host:port/ari, ws: ws://host:port/ari/events }`. */
export function ariUrls(url: string): { readonly base: string; readonly events: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`ARI url "${url}" is not a URL (expected e.g. http://127.0.0.1:8088)`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError(
      'ARI url must not contain credentials: give `user` and `password` (or `passwordFile`)',
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`ARI url must be http:// or https:// (got ${parsed.protocol}//${parsed.host})`);
  }
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/ari$/, '');
  const base = `${parsed.protocol}//${parsed.host}${path}/ari`;
  const events = `${parsed.protocol === 'https:' ? 'wss:' : 'ws:'}//${parsed.host}${path}/ari/events`;
  return { base, events };
}

/** Binds the REST routes to a requester. */
function bindRest(request: AriRequester): Omit<AriClient, 'url' | 'events' | 'close'> {
  const ch = (channelId: string) => ({ channelId });
  const none = { read: 'none' } as const;
  return {
    asterisk: {
      info: () => request('asteriskInfo'),
      ping: () => request('asteriskPing'),
    },
    channels: {
      list: () => request('channelsList'),
      get: (channelId) => request('channelsGet', { params: ch(channelId) }),
      create: ({ variables, ...query }) =>
        request('channelsCreate', { query, ...(variables ? { body: { variables } } : {}) }),
      originate: ({ variables, ...query }) =>
        request('channelsOriginate', { query, ...(variables ? { body: { variables } } : {}) }),
      dial: (channelId, query = {}) => request('channelsDial', { params: ch(channelId), query, ...none }),
      hangup: (channelId, query = {}) => request('channelsHangup', { params: ch(channelId), query, ...none }),
      answer: (channelId) => request('channelsAnswer', { params: ch(channelId), ...none }),
      ring: (channelId) => request('channelsRing', { params: ch(channelId), ...none }),
      ringStop: (channelId) => request('channelsRingStop', { params: ch(channelId), ...none }),
      progress: (channelId) => request('channelsProgress', { params: ch(channelId), ...none }),
      play: (channelId, query) => request('channelsPlay', { params: ch(channelId), query }),
      record: (channelId, query) => request('channelsRecord', { params: ch(channelId), query }),
      startMoh: (channelId, mohClass) =>
        request('channelsStartMoh', { params: ch(channelId), query: { mohClass }, ...none }),
      stopMoh: (channelId) => request('channelsStopMoh', { params: ch(channelId), ...none }),
      startSilence: (channelId) => request('channelsStartSilence', { params: ch(channelId), ...none }),
      stopSilence: (channelId) => request('channelsStopSilence', { params: ch(channelId), ...none }),
      sendDtmf: (channelId, query) => request('channelsSendDtmf', { params: ch(channelId), query, ...none }),
      getVariable: async (channelId, variable) =>
        (await request<AriVariable>('channelsGetVariable', { params: ch(channelId), query: { variable } }))
          .value,
      setVariable: (channelId, variable, value) =>
        request('channelsSetVariable', { params: ch(channelId), query: { variable, value }, ...none }),
      snoop: (channelId, { snoopId, ...query }) =>
        request('channelsSnoop', { params: { channelId, snoopId }, query }),
    },
    bridges: {
      list: () => request('bridgesList'),
      get: (bridgeId) => request('bridgesGet', { params: { bridgeId } }),
      create: (query = {}) => request('bridgesCreate', { query }),
      destroy: (bridgeId) => request('bridgesDestroy', { params: { bridgeId }, ...none }),
      addChannel: (bridgeId, query) => request('bridgesAddChannel', { params: { bridgeId }, query, ...none }),
      removeChannel: (bridgeId, channel) =>
        request('bridgesRemoveChannel', { params: { bridgeId }, query: { channel }, ...none }),
      record: (bridgeId, query) => request('bridgesRecord', { params: { bridgeId }, query }),
    },
    playbacks: {
      get: (playbackId) => request('playbacksGet', { params: { playbackId } }),
      stop: (playbackId) => request('playbacksStop', { params: { playbackId }, ...none }),
    },
    recordings: {
      listStored: () => request('recordingsListStored'),
      getStored: (recordingName) => request('recordingsGetStored', { params: { recordingName } }),
      getStoredFile: (recordingName) =>
        request('recordingsGetStoredFile', { params: { recordingName }, read: 'bytes' }),
      deleteStored: (recordingName) =>
        request('recordingsDeleteStored', { params: { recordingName }, ...none }),
      getLive: (recordingName) => request('recordingsGetLive', { params: { recordingName } }),
      stopLive: (recordingName) => request('recordingsStopLive', { params: { recordingName }, ...none }),
      cancelLive: (recordingName) => request('recordingsCancelLive', { params: { recordingName }, ...none }),
    },
    deviceStates: {
      list: () => request('deviceStatesList'),
      get: (deviceName) => request('deviceStatesGet', { params: { deviceName } }),
    },
    endpoints: {
      list: () => request('endpointsList'),
      listByTech: (tech) => request('endpointsListByTech', { params: { tech } }),
      get: (tech, resource) => request('endpointsGet', { params: { tech, resource } }),
    },
    applications: {
      get: (applicationName) => request('applicationsGet', { params: { applicationName } }),
      subscribe: (applicationName, eventSource) =>
        request('applicationsSubscribe', { params: { applicationName }, query: { eventSource } }),
      unsubscribe: (applicationName, eventSource) =>
        request('applicationsUnsubscribe', { params: { applicationName }, query: { eventSource } }),
    },
  };
}

/**
 * Creates a typed ARI client: REST calls on `fetch`, events on a WebSocket that reconnects by
 * itself. Resolves once the password is read (nothing is sent yet); `events.connect()` opens the
 * event socket. Every failed request rejects with an `AriError` naming the method, the path and
 * Asterisk's message; no message, log line or property holds the password.
 *
 * @example
 * const ari = await createAriClient({ url: 'http://127.0.0.1:8088', user: 'ringflow', passwordFile: '/etc/ringflow/ari', apps: ['ringflow'] });
 * ari.events.on('StasisStart', (event) => void ari.channels.answer(event.channel.id));
 * await ari.events.connect();
 */
export async function createAriClient(options: AriClientOptions): Promise<AriClient> {
  const urls = ariUrls(options.url);
  if (typeof options.user !== 'string' || options.user === '')
    throw new TypeError('ARI client: `user` is required');
  const password = await resolveAriPassword(options);
  const request = createAriRequester({
    baseUrl: urls.base,
    user: options.user,
    password,
    timeoutMs: options.requestTimeoutMs ?? 5000,
    ...(options.maxConcurrentRequests !== undefined
      ? { maxConcurrentRequests: options.maxConcurrentRequests }
      : {}),
  });
  const events = createAriEventSocket({
    url: urls.events,
    apps: options.apps ?? [],
    user: options.user,
    password,
    ...(options.subscribeAll !== undefined ? { subscribeAll: options.subscribeAll } : {}),
    ...(options.reconnect !== undefined ? { reconnect: options.reconnect } : {}),
    ...(options.pingIntervalMs !== undefined ? { pingIntervalMs: options.pingIntervalMs } : {}),
    ...(options.log !== undefined ? { log: options.log } : {}),
  });
  return {
    url: urls.base,
    ...bindRest(request),
    events,
    close: () => events.close(),
  };
}
