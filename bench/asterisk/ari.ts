/*
 * The Asterisk adapter and its ARI client, from the package's sources: package.json does not export
 * the `./asterisk-ari` subpath yet. Once it does, import `@ringflow/flow-runtime-adapters/asterisk-ari`
 * here instead, as a user would.
 */
export {
  createAriClient,
  createAsteriskAriAdapter,
  isAriNotFound,
} from '../../packages/flow-runtime-adapters/src/asterisk-ari/index.js';
export type {
  AriClient,
  AriMessage,
  AsteriskAriAdapter,
} from '../../packages/flow-runtime-adapters/src/asterisk-ari/index.js';
