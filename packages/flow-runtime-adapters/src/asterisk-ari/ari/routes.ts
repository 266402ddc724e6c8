/*
 * Every ARI route the client calls, as data: its HTTP method, its path (with `{param}` placeholders,
 * as the spec writes them) and the query parameters it may send. The client refuses to send a query
 * parameter a route does not declare, and a test checks each route against the rest-api JSON files
 * Asterisk ships, so a typo or a route Asterisk does not have fails the tests, not a call.
 */

/** An HTTP method ARI uses. */
export type AriMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One ARI route. */
export interface AriRoute {
  readonly method: AriMethod;
  /** Under `/ari`, e.g. `/channels/{channelId}/answer`. */
  readonly path: string;
  /** Query parameters the client may send. */
  readonly query: readonly string[];
  /** Whether the route takes a JSON body (`variables`...). */
  readonly body?: true;
}

const route = <const Q extends readonly string[]>(
  method: AriMethod,
  path: string,
  query: Q,
  body?: true,
): { readonly method: AriMethod; readonly path: string; readonly query: Q; readonly body?: true } =>
  body ? { method, path, query, body } : { method, path, query };

/** The routes the client calls, by name. */
export const ARI_ROUTES = {
  asteriskInfo: route('GET', '/asterisk/info', ['only']),
  asteriskPing: route('GET', '/asterisk/ping', []),

  channelsList: route('GET', '/channels', []),
  channelsGet: route('GET', '/channels/{channelId}', []),
  channelsCreate: route(
    'POST',
    '/channels/create',
    ['endpoint', 'app', 'appArgs', 'channelId', 'otherChannelId', 'originator', 'formats'],
    true,
  ),
  channelsOriginate: route(
    'POST',
    '/channels',
    [
      'endpoint',
      'extension',
      'context',
      'priority',
      'label',
      'app',
      'appArgs',
      'callerId',
      'timeout',
      'channelId',
      'otherChannelId',
      'originator',
      'formats',
    ],
    true,
  ),
  channelsDial: route('POST', '/channels/{channelId}/dial', ['caller', 'timeout']),
  channelsHangup: route('DELETE', '/channels/{channelId}', ['reason_code', 'reason']),
  channelsAnswer: route('POST', '/channels/{channelId}/answer', []),
  channelsRing: route('POST', '/channels/{channelId}/ring', []),
  channelsRingStop: route('DELETE', '/channels/{channelId}/ring', []),
  channelsProgress: route('POST', '/channels/{channelId}/progress', []),
  channelsPlay: route('POST', '/channels/{channelId}/play', [
    'media',
    'lang',
    'offsetms',
    'skipms',
    'playbackId',
  ]),
  channelsRecord: route('POST', '/channels/{channelId}/record', [
    'name',
    'format',
    'maxDurationSeconds',
    'maxSilenceSeconds',
    'ifExists',
    'beep',
    'terminateOn',
  ]),
  channelsStartMoh: route('POST', '/channels/{channelId}/moh', ['mohClass']),
  channelsStopMoh: route('DELETE', '/channels/{channelId}/moh', []),
  channelsStartSilence: route('POST', '/channels/{channelId}/silence', []),
  channelsStopSilence: route('DELETE', '/channels/{channelId}/silence', []),
  channelsSendDtmf: route('POST', '/channels/{channelId}/dtmf', [
    'dtmf',
    'before',
    'between',
    'duration',
    'after',
  ]),
  channelsGetVariable: route('GET', '/channels/{channelId}/variable', ['variable']),
  channelsSetVariable: route('POST', '/channels/{channelId}/variable', ['variable', 'value']),
  channelsSnoop: route('POST', '/channels/{channelId}/snoop/{snoopId}', ['spy', 'whisper', 'app', 'appArgs']),

  bridgesList: route('GET', '/bridges', []),
  bridgesGet: route('GET', '/bridges/{bridgeId}', []),
  bridgesCreate: route('POST', '/bridges', ['type', 'bridgeId', 'name']),
  bridgesDestroy: route('DELETE', '/bridges/{bridgeId}', []),
  bridgesAddChannel: route('POST', '/bridges/{bridgeId}/addChannel', [
    'channel',
    'role',
    'absorbDTMF',
    'mute',
    'inhibitConnectedLineUpdates',
  ]),
  bridgesRemoveChannel: route('POST', '/bridges/{bridgeId}/removeChannel', ['channel']),
  bridgesRecord: route('POST', '/bridges/{bridgeId}/record', [
    'name',
    'format',
    'maxDurationSeconds',
    'maxSilenceSeconds',
    'ifExists',
    'beep',
    'terminateOn',
  ]),

  playbacksGet: route('GET', '/playbacks/{playbackId}', []),
  playbacksStop: route('DELETE', '/playbacks/{playbackId}', []),

  recordingsListStored: route('GET', '/recordings/stored', []),
  recordingsGetStored: route('GET', '/recordings/stored/{recordingName}', []),
  recordingsGetStoredFile: route('GET', '/recordings/stored/{recordingName}/file', []),
  recordingsDeleteStored: route('DELETE', '/recordings/stored/{recordingName}', []),
  recordingsGetLive: route('GET', '/recordings/live/{recordingName}', []),
  recordingsStopLive: route('POST', '/recordings/live/{recordingName}/stop', []),
  recordingsCancelLive: route('DELETE', '/recordings/live/{recordingName}', []),

  deviceStatesList: route('GET', '/deviceStates', []),
  deviceStatesGet: route('GET', '/deviceStates/{deviceName}', []),

  endpointsList: route('GET', '/endpoints', []),
  endpointsListByTech: route('GET', '/endpoints/{tech}', []),
  endpointsGet: route('GET', '/endpoints/{tech}/{resource}', []),

  applicationsGet: route('GET', '/applications/{applicationName}', []),
  applicationsSubscribe: route('POST', '/applications/{applicationName}/subscription', ['eventSource']),
  applicationsUnsubscribe: route('DELETE', '/applications/{applicationName}/subscription', ['eventSource']),
} as const satisfies Record<string, AriRoute>;

/** The name of a route of {@link ARI_ROUTES}. */
export type AriRouteName = keyof typeof ARI_ROUTES;

/** The query parameters a route accepts, each optional. */
export type AriQuery<N extends AriRouteName> = {
  readonly [K in (typeof ARI_ROUTES)[N]['query'][number]]?: string | number | boolean | readonly string[];
};

/** The WebSocket route of the events (not a REST route; checked against events.json's `/events`). */
export const ARI_EVENTS_ROUTE = { method: 'GET', path: '/events', query: ['app', 'subscribeAll'] } as const;
