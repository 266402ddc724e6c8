/**
 * Flow stores: where drafts, published versions and the routing table live. `createFolderStore`
 * is the embedded default (a folder of readable JSON files); `createMemoryStore` keeps everything
 * in memory; a database can replace both by implementing `FlowStore`.
 *
 * @example
 * import { createFolderStore, diffFlows } from '@ringflow/flow-runtime-adapters/store';
 * const store = await createFolderStore({ dir: 'flows-store' });
 * const saved = await store.saveDraft('support-line', { text: await readFile('flow.json', 'utf8') });
 * const published = await store.publish('support-line', { author: 'alice' });
 * await store.close();
 *
 * @packageDocumentation
 */

export { createFolderStore, STORE_LAYOUT } from './folder-store.js';
export { createMemoryStore } from './memory-store.js';
export { diffFlows } from './diff.js';
export { FLOW_ID_PATTERN, isFlowId, isVersionNumber, MAX_VERSION } from './flow-id.js';
export { StoreError } from './store-error.js';
export { MAX_ROUTES, ROUTE_NUMBER_PATTERN, ROUTES_FORMAT } from './store-rules.js';
export { TEXT_LIMITS } from './types.js';

// Types.
export type { FolderStoreOptions } from './folder-store.js';
export type { MemoryStoreOptions } from './memory-store.js';
export type { FlowDiff, IdChanges } from './diff.js';
export type { StoreErrorCode } from './store-error.js';
export type {
  Draft,
  DraftInfo,
  FlowInput,
  FlowStore,
  FlowSummary,
  FlowValidation,
  FlowVersion,
  PublishMetadata,
  PublishOptions,
  PublishResult,
  RouteIssue,
  RouteIssueCode,
  RoutingTable,
  SaveDraftResult,
  SetRoutesResult,
  VersionInfo,
} from './types.js';
