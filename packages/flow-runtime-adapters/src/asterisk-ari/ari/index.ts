/*
 * The typed ARI client of the Asterisk adapter: REST routes ringflow needs, typed events, an event
 * socket that reconnects. Usable on its own (test tooling, scenario drivers).
 */

export { createAriClient, ariUrls } from './client.js';
export { createAriEventSocket, reconnectDelay } from './event-socket.js';
export { AriError, isAriNotFound, isAriStatus } from './ari-error.js';
export { resolveAriPassword, ARI_PASSWORD_ENV } from './credentials.js';
export { ARI_ROUTES, ARI_EVENTS_ROUTE } from './routes.js';
export { ARI_EVENT_FIELDS, ARI_EVENT_BASE_FIELDS, isModeledEvent } from './events.js';
export { ARI_MODEL_FIELDS } from './models.js';

// Types.
export type { AriClient, AriClientOptions, AriBridgeType, AriVariables } from './client.js';
export type {
  AriConnectionEvent,
  AriEventSocket,
  AriEventSocketOptions,
  AriEventSocketState,
  AriLog,
  AriReconnectOptions,
} from './event-socket.js';
export type { AriErrorKind } from './ari-error.js';
export type { AriPasswordSource } from './credentials.js';
export type { AriMethod, AriQuery, AriRoute, AriRouteName } from './routes.js';
export type * from './events.js';
export type * from './models.js';
