/**
 * The HTTP API of `ringflow serve` (docs/api.md), for embedding: `startServer` runs what the
 * command runs; `createApiServer` serves any FlowStore.
 *
 * @example
 * const running = await startServer(
 *   { storeDir: 'store', adapter: 'memory', host: '127.0.0.1', port: 0, corsOrigins: [] },
 *   { logs: process.stdout, notices: process.stderr },
 * );
 *
 * @packageDocumentation
 */

export { createApiServer } from './api-server.js';
export { normalizeOrigin, SERVE_ADAPTERS } from './serve-options.js';
export { API_LIMITS, API_ROUTES } from './api-routes.js';
export { ApiError } from './api-error.js';
export { generateToken, hashToken, TOKEN_HASH_FILE } from './api-token.js';
export { createJsonLogger } from './logger.js';
export { readRecentRecords } from './recent-records.js';
export { recordsDirOf, ServerConfigError, startServer } from './start-server.js';

// Types.
export type { ApiServer, ApiServerOptions, ListeningAddress } from './api-server.js';
export type { ApiRoute, CallRecordReader, TestCallOutcome, TestCallPlacer } from './api-routes.js';
export type { ApiErrorBody } from './api-error.js';
export type { TokenSource } from './api-token.js';
export type { LogEntry, Logger } from './logger.js';
export type { RecentRecords } from './recent-records.js';
export type { RunningServer, ServerConfig, ServerOutput } from './start-server.js';
export type { ServeAdapter } from './serve-options.js';
