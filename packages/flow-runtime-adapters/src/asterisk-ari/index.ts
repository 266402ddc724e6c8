/**
 * @ringflow/flow-runtime-adapters/asterisk-ari: runs ringflow flows on Asterisk through ARI. The
 * adapter (`createAsteriskAriAdapter`), the typed ARI client it is built on (`createAriClient`,
 * usable on its own by test tooling and scenario drivers), and the tables that decide how Asterisk's
 * hang-up causes and device states read for the engine.
 *
 * @example
 * import { createRuntime, createJsonLinesRecordSink } from '@ringflow/flow-runtime-adapters';
 * import { createAsteriskAriAdapter } from '@ringflow/flow-runtime-adapters/asterisk-ari';
 *
 * const adapter = createAsteriskAriAdapter({ url: 'http://127.0.0.1:8088', user: 'ringflow', passwordFile: '/etc/ringflow/ari' });
 * const runtime = createRuntime({ store, adapter, records: createJsonLinesRecordSink({ dir: 'records' }) });
 * await runtime.start(); // extensions.conf: exten => _X.,1,Stasis(ringflow)
 *
 * @packageDocumentation
 */

// The adapter.
export { createAsteriskAriAdapter } from './adapter.js';
export {
  DEFAULT_EXTERNAL_ENDPOINT,
  defaultEndpointFor,
  defaultMediaForFile,
  deviceOfEndpoint,
} from './media.js';
export {
  DIAL_STATUS_FAILURES,
  HANGUP_CAUSE_FAILURES,
  HANGUP_REASON_CODES,
  legFailureOf,
} from './hangup-causes.js';
export { DEVICE_STATE_PRESENCE } from './presence.js';

// Text to speech (./tts).
export {
  canonicalLanguage,
  createTtsMedia,
  espeakNgProvider,
  TtsError,
  TTS_SAMPLE_RATE,
} from './tts/index.js';

// The ARI client.
export {
  ARI_EVENT_BASE_FIELDS,
  ARI_EVENT_FIELDS,
  ARI_EVENTS_ROUTE,
  ARI_MODEL_FIELDS,
  ARI_PASSWORD_ENV,
  ARI_ROUTES,
  AriError,
  ariUrls,
  createAriClient,
  createAriEventSocket,
  isAriNotFound,
  isAriStatus,
  isModeledEvent,
  reconnectDelay,
  resolveAriPassword,
} from './ari/index.js';

// Types.
export type {
  AriTtsMedia,
  AsteriskAriAdapter,
  AsteriskAriAdapterOptions,
  AsteriskCallSnapshot,
  AsteriskLegPhase,
  VoicemailNaming,
} from './adapter.js';
export type { AsteriskPresence, AsteriskPresenceOptions } from './presence.js';
export type {
  EspeakNgOptions,
  MusicMix,
  TtsAudio,
  TtsErrorCode,
  TtsHttpServe,
  TtsMedia,
  TtsMediaOptions,
  TtsPathServe,
  TtsProvider,
  TtsRequest,
  TtsSound,
} from './tts/index.js';
export type * from './ari/index.js';
