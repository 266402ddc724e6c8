import { parseFlowText, type Locale } from '@ringflow/flow-core';
import { assertFlowId, isVersionNumber } from './flow-id.js';
import { KeyedSerialQueue } from './serial-queue.js';
import { StoreError } from './store-error.js';
import {
  checkDraft,
  checkPublishable,
  checkRoutingTable,
  normalizePublishMetadata,
  unpublishedRouteIssues,
} from './store-rules.js';
import type {
  Draft,
  FlowStore,
  FlowSummary,
  FlowVersion,
  PublishMetadata,
  PublishResult,
  RoutingTable,
  VersionInfo,
} from './types.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Language of validation messages. Default `en`. */
  readonly locale?: Locale | undefined;
  /** The clock of `savedAt` and `publishedAt`. Default: the system clock. */
  readonly now?: (() => Date) | undefined;
}

/**
 * A FlowStore kept in memory, with the folder store's semantics and nothing on disk: for tests and
 * for embedding the runtime where flows come from elsewhere. Everything is lost when it is dropped.
 *
 * @example
 * const store = createMemoryStore();
 * await store.saveDraft('tiny', { document: flow });
 * await store.publish('tiny');
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): FlowStore {
  const locale = options.locale ?? 'en';
  const now = options.now ?? (() => new Date());
  const drafts = new Map<string, Draft>();
  const versions = new Map<string, FlowVersion[]>();
  const writes = new KeyedSerialQueue();
  let routing: RoutingTable = { routes: Object.freeze({}), updatedAt: null };
  let closed = false;

  function checkOpen(flowId?: string): void {
    if (closed) throw new StoreError('store_closed', 'the store is closed');
    if (flowId !== undefined) assertFlowId(flowId);
  }

  function summary(flowId: string): FlowSummary | undefined {
    const draft = drafts.get(flowId);
    const latest = versions.get(flowId)?.at(-1)?.info ?? null;
    if (draft === undefined && latest === null) return undefined;
    return { id: flowId, name: draft?.info.name ?? latest?.name ?? null, draft: draft?.info ?? null, latest };
  }

  function commit(
    flowId: string,
    text: string,
    metadata: PublishMetadata,
    rollbackOf: number | null,
  ): PublishResult {
    const checked = checkPublishable(text, locale);
    if (!checked.ok)
      return { ok: false, problem: 'invalid', errors: checked.errors, warnings: checked.warnings };
    const list = versions.get(flowId) ?? [];
    const info: VersionInfo = {
      flowId,
      version: (list.at(-1)?.info.version ?? 0) + 1,
      name: checked.flow.name,
      publishedAt: now().toISOString(),
      ...normalizePublishMetadata(metadata),
      rollbackOf,
      sha256: checked.sha256,
    };
    // Parsed again from the text so that the stored document shares nothing with the caller's.
    const parsed = parseFlowText(checked.text, { locale });
    if (!parsed.ok) throw new Error('a canonical flow text did not parse again');
    versions.set(flowId, [...list, { info, text: checked.text, flow: parsed.flow }]);
    return { ok: true, version: info, warnings: checked.warnings };
  }

  const store: FlowStore = {
    async listFlows() {
      checkOpen();
      const ids = [...new Set([...drafts.keys(), ...versions.keys()])].sort();
      return ids.map((id) => summary(id)).filter((found): found is FlowSummary => found !== undefined);
    },

    async getFlow(flowId) {
      checkOpen(flowId);
      return summary(flowId);
    },

    async getDraft(flowId) {
      checkOpen(flowId);
      return drafts.get(flowId);
    },

    async saveDraft(flowId, input) {
      checkOpen(flowId);
      const checked = checkDraft(flowId, input, locale);
      if (!checked.ok) return checked;
      return writes.run(flowId, async () => {
        const info = { flowId, name: checked.name, savedAt: now().toISOString(), sha256: checked.sha256 };
        drafts.set(flowId, { info, text: checked.text });
        return { ok: true, draft: info, validation: checked.validation };
      });
    },

    async publish(flowId, publishOptions = {}) {
      checkOpen(flowId);
      normalizePublishMetadata(publishOptions);
      return writes.run(flowId, async (): Promise<PublishResult> => {
        const draft = drafts.get(flowId);
        if (draft === undefined) return { ok: false, problem: 'draft_not_found' };
        const expected = publishOptions.expectedDraftSha256;
        if (expected !== undefined && expected !== draft.info.sha256) {
          return { ok: false, problem: 'draft_changed', draftSha256: draft.info.sha256 };
        }
        return commit(flowId, draft.text, publishOptions, null);
      });
    },

    async rollback(flowId, toVersion, metadata = {}) {
      checkOpen(flowId);
      normalizePublishMetadata(metadata);
      return writes.run(flowId, async (): Promise<PublishResult> => {
        const target = versions.get(flowId)?.find((candidate) => candidate.info.version === toVersion);
        if (target === undefined) return { ok: false, problem: 'version_not_found' };
        return commit(flowId, target.text, metadata, toVersion);
      });
    },

    async listVersions(flowId) {
      checkOpen(flowId);
      return (versions.get(flowId) ?? []).map((version) => version.info).reverse();
    },

    async getVersion(flowId, version) {
      checkOpen(flowId);
      if (!isVersionNumber(version)) return undefined;
      return versions.get(flowId)?.find((candidate) => candidate.info.version === version);
    },

    async getLatestVersion(flowId) {
      checkOpen(flowId);
      return versions.get(flowId)?.at(-1);
    },

    async routeNumber(number) {
      checkOpen();
      return Object.hasOwn(routing.routes, number) ? routing.routes[number] : undefined;
    },

    async getPublished(flowId) {
      const latest = await store.getLatestVersion(flowId);
      return latest === undefined ? undefined : { flow: latest.flow, version: latest.info.version };
    },

    async getRoutes() {
      checkOpen();
      return routing;
    },

    async setRoutes(table) {
      checkOpen();
      const checked = checkRoutingTable(table);
      const issues = [
        ...(checked.ok ? [] : checked.issues),
        ...unpublishedRouteIssues(checked.routes, (flowId) => (versions.get(flowId)?.length ?? 0) > 0),
      ];
      if (!checked.ok || issues.length > 0) return { ok: false, issues };
      routing = { routes: Object.freeze(checked.routes), updatedAt: now().toISOString() };
      return { ok: true, table: routing };
    },

    async close() {
      closed = true;
      await writes.idle();
    },
  };
  return store;
}
