import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseFlowText, type FlowDocument, type Locale } from '@ringflow/flow-core';
import { readFlowFile } from '../cli/read-flow-file.js';
import { makeFolderDurably, removeStrayTempFiles, syncFolder, writeFileDurably } from './durable-file.js';
import { assertFlowId, isFlowId, isVersionNumber } from './flow-id.js';
import { lockFolder, type FolderLock } from './folder-lock.js';
import { KeyedSerialQueue } from './serial-queue.js';
import { StoreError } from './store-error.js';
import {
  checkDraft,
  checkPublishable,
  checkRoutingTable,
  isPlainObject,
  normalizePublishMetadata,
  routesFileText,
  sha256,
  unpublishedRouteIssues,
} from './store-rules.js';
import type {
  Draft,
  DraftInfo,
  FlowInput,
  FlowStore,
  FlowSummary,
  FlowVersion,
  PublishMetadata,
  PublishOptions,
  PublishResult,
  RoutingTable,
  SaveDraftResult,
  SetRoutesResult,
  VersionInfo,
} from './types.js';

/** Options of {@link createFolderStore}. */
export interface FolderStoreOptions {
  /** The store folder; created (mode 0700) when missing. */
  readonly dir: string;
  /** Where the routing table lives. Default `<dir>/routes.json`. */
  readonly routesFile?: string | undefined;
  /** Language of validation messages. Default `en`. */
  readonly locale?: Locale | undefined;
  /** The clock of `savedAt` and `publishedAt`. Default: the system clock. */
  readonly now?: (() => Date) | undefined;
}

/** File and folder names inside a store folder (docs/api.md describes them). */
export const STORE_LAYOUT = {
  lock: 'store.lock',
  flows: 'flows',
  routes: 'routes.json',
  draft: 'draft.json',
  draftMeta: 'draft.meta.json',
  versions: 'versions',
} as const;

const VERSION_META = /^(\d{6,9})\.meta\.json$/;
/** How many parsed versions are kept in memory (versions never change, so caching is safe). */
const VERSION_CACHE_SIZE = 256;

/** `000042`: six digits at least, so that file listings sort in publishing order. */
function versionBase(version: number): string {
  return String(version).padStart(6, '0');
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Reads a text file the store wrote; undefined when it does not exist. */
async function readStoredText(path: string): Promise<string | undefined> {
  const read = await readFlowFile(path, '/');
  if (read.kind === 'text') return read.text;
  if (read.kind === 'unreadable' && read.reason === 'not_found') return undefined;
  const why = read.kind === 'rejected' ? read.issue.message : `${read.reason} ${read.detail ?? ''}`.trim();
  throw new StoreError('store_corrupt', `cannot read ${path}: ${why}`);
}

async function readStoredJson(path: string): Promise<unknown> {
  const text = await readStoredText(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StoreError('store_corrupt', `${path} is not valid JSON`);
  }
}

function nullableString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function toVersionInfo(value: unknown, flowId: string, version: number): VersionInfo | undefined {
  if (!isPlainObject(value)) return undefined;
  const { name, publishedAt, author, comment, rollbackOf, sha256: hash } = value;
  if (value.flowId !== flowId || value.version !== version) return undefined;
  if (typeof name !== 'string' || typeof publishedAt !== 'string' || typeof hash !== 'string')
    return undefined;
  if (!nullableString(author) || !nullableString(comment)) return undefined;
  if (rollbackOf !== null && !isVersionNumber(rollbackOf)) return undefined;
  return { flowId, version, name, publishedAt, author, comment, rollbackOf, sha256: hash };
}

/**
 * The embedded FlowStore: a folder on disk that people can read and diff.
 *
 * ```text
 * <dir>/store.lock                          the pid of the process that has the store open
 * <dir>/routes.json                         the routing table (or --routes FILE)
 * <dir>/flows/<flowId>/draft.json           the draft, in canonical form when it parses
 * <dir>/flows/<flowId>/draft.meta.json      { flowId, name, savedAt, sha256 }
 * <dir>/flows/<flowId>/versions/000001.json        version 1, canonical serializeFlow text
 * <dir>/flows/<flowId>/versions/000001.meta.json   { flowId, version, name, publishedAt, author, comment, rollbackOf, sha256 }
 * ```
 *
 * Every file is written atomically and durably (temporary file, fsync, rename, folder fsync), and a
 * version's metadata is written after its content: a version exists once its metadata does, so a
 * kill -9 in the middle of a publish leaves either the whole version or none of it. One process
 * at a time opens a store (store.lock; a lock left by a dead process is taken over).
 *
 * @example
 * const store = await createFolderStore({ dir: 'flows-store' });
 * await store.saveDraft('support-line', { document: flow });
 * const published = await store.publish('support-line', { author: 'alice', comment: 'New hours' });
 * await store.close();
 */
export async function createFolderStore(options: FolderStoreOptions): Promise<FlowStore> {
  const dir = resolve(options.dir);
  const routesFile = resolve(options.routesFile ?? join(dir, STORE_LAYOUT.routes));
  const locale = options.locale ?? 'en';
  const now = options.now ?? (() => new Date());

  await makeFolderDurably(dir, 0o700);
  const lock: FolderLock = await lockFolder(join(dir, STORE_LAYOUT.lock));
  try {
    return await openLocked();
  } catch (error) {
    await lock.release();
    throw error;
  }

  async function openLocked(): Promise<FlowStore> {
    const flowsDir = join(dir, STORE_LAYOUT.flows);
    await makeFolderDurably(flowsDir);
    await removeStrayTempFiles(dir);
    await removeStrayTempFiles(flowsDir);
    for (const id of await flowIdsOnDisk()) {
      await removeStrayTempFiles(join(flowsDir, id));
      await removeStrayTempFiles(join(flowsDir, id, STORE_LAYOUT.versions));
    }

    const stored = await readStoredJson(routesFile);
    let routing: RoutingTable = { routes: {}, updatedAt: null };
    if (stored !== undefined) {
      const checked = checkRoutingTable(stored, { allowStoredFields: true });
      if (!checked.ok) {
        const first = checked.issues[0]!;
        throw new StoreError('store_corrupt', `${routesFile}: ${first.message}`);
      }
      routing = { routes: Object.freeze(checked.routes), updatedAt: checked.updatedAt };
    }

    const writes = new KeyedSerialQueue();
    const versionLists = new Map<string, VersionInfo[]>();
    const versionCache = new Map<string, FlowVersion>();
    // Once closed, new calls throw; calls already queued still complete (close waits for them).
    let closed = false;

    const flowDir = (flowId: string) => join(flowsDir, flowId);
    const versionsDir = (flowId: string) => join(flowsDir, flowId, STORE_LAYOUT.versions);

    function checkOpen(flowId?: string): void {
      if (closed) throw new StoreError('store_closed', 'the store is closed');
      if (flowId !== undefined) assertFlowId(flowId);
    }

    async function flowIdsOnDisk(): Promise<string[]> {
      const entries = await readdir(join(dir, STORE_LAYOUT.flows), { withFileTypes: true });
      return entries
        .filter((entry) => entry.isDirectory() && isFlowId(entry.name))
        .map((entry) => entry.name)
        .sort();
    }

    /** The committed versions of a flow, oldest first (a version is committed once its metadata exists). */
    async function versionList(flowId: string): Promise<VersionInfo[]> {
      const cached = versionLists.get(flowId);
      if (cached !== undefined) return cached;
      let names: string[] = [];
      try {
        names = await readdir(versionsDir(flowId));
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
      }
      const numbers = names
        .map((name) => VERSION_META.exec(name)?.[1])
        .filter((digits): digits is string => digits !== undefined)
        .map(Number)
        .filter(isVersionNumber)
        .sort((a, b) => a - b);
      const infos: VersionInfo[] = [];
      for (const version of numbers) {
        const path = join(versionsDir(flowId), `${versionBase(version)}.meta.json`);
        const info = toVersionInfo(await readStoredJson(path), flowId, version);
        if (info === undefined) throw new StoreError('store_corrupt', `${path} is not version metadata`);
        infos.push(info);
      }
      versionLists.set(flowId, infos);
      return infos;
    }

    function remember(loaded: FlowVersion): FlowVersion {
      versionCache.set(`${loaded.info.flowId}@${loaded.info.version}`, loaded);
      if (versionCache.size > VERSION_CACHE_SIZE) versionCache.delete(versionCache.keys().next().value!);
      return loaded;
    }

    async function readVersion(flowId: string, version: number): Promise<FlowVersion | undefined> {
      const key = `${flowId}@${version}`;
      const cached = versionCache.get(key);
      if (cached !== undefined) return cached;
      const info = (await versionList(flowId)).find((candidate) => candidate.version === version);
      if (info === undefined) return undefined;
      const path = join(versionsDir(flowId), `${versionBase(version)}.json`);
      const text = await readStoredText(path);
      if (text === undefined || sha256(text) !== info.sha256) {
        throw new StoreError('store_corrupt', `${path} does not match its metadata (sha256)`);
      }
      const parsed = parseFlowText(text, { locale });
      if (!parsed.ok) {
        throw new StoreError('store_corrupt', `${path} is not a flow document: ${parsed.issues[0]!.message}`);
      }
      return remember({ info, text, flow: parsed.flow });
    }

    async function readDraft(flowId: string): Promise<Draft | undefined> {
      const text = await readStoredText(join(flowDir(flowId), STORE_LAYOUT.draft));
      if (text === undefined) return undefined;
      const hash = sha256(text);
      const meta = await readStoredJson(join(flowDir(flowId), STORE_LAYOUT.draftMeta)).catch(() => undefined);
      if (
        isPlainObject(meta) &&
        meta.sha256 === hash &&
        typeof meta.savedAt === 'string' &&
        nullableString(meta.name)
      ) {
        return { info: { flowId, name: meta.name, savedAt: meta.savedAt, sha256: hash }, text };
      }
      // The metadata is older than the draft (a crash between the two writes): rebuild it from the draft.
      let name: string | null = null;
      try {
        const value: unknown = JSON.parse(text);
        if (isPlainObject(value) && typeof value.name === 'string') name = value.name;
      } catch {
        throw new StoreError('store_corrupt', `the draft of ${flowId} is not valid JSON`);
      }
      const { mtime } = await stat(join(flowDir(flowId), STORE_LAYOUT.draft));
      return { info: { flowId, name, savedAt: mtime.toISOString(), sha256: hash }, text };
    }

    async function ensureFlowDirs(flowId: string): Promise<void> {
      await makeFolderDurably(versionsDir(flowId));
    }

    /** Writes the next version of a flow; call inside the flow's queue. */
    async function commitVersion(
      flowId: string,
      content: { text: string; sha256: string; flow: FlowDocument },
      metadata: PublishMetadata,
      rollbackOf: number | null,
    ): Promise<VersionInfo> {
      const list = await versionList(flowId);
      const version = (list.at(-1)?.version ?? 0) + 1;
      const info: VersionInfo = {
        flowId,
        version,
        name: content.flow.name,
        publishedAt: now().toISOString(),
        ...normalizePublishMetadata(metadata),
        rollbackOf,
        sha256: content.sha256,
      };
      await ensureFlowDirs(flowId);
      const base = join(versionsDir(flowId), versionBase(version));
      // Content first, metadata last: the metadata is what makes the version exist.
      await writeFileDurably(`${base}.json`, content.text);
      await writeFileDurably(`${base}.meta.json`, json(info));
      versionLists.set(flowId, [...list, info]);
      // The version that calls will ask for next: kept, so that serving it costs no disk read.
      remember({ info, text: content.text, flow: content.flow });
      return info;
    }

    async function summary(flowId: string): Promise<FlowSummary | undefined> {
      const draft = await readDraft(flowId);
      const latest = (await versionList(flowId)).at(-1) ?? null;
      if (draft === undefined && latest === null) return undefined;
      return {
        id: flowId,
        name: draft?.info.name ?? latest?.name ?? null,
        draft: draft?.info ?? null,
        latest,
      };
    }

    /**
     * Loads the latest version of every routed flow, so that a call never waits for the disk. A
     * flow that cannot be read is left for the call to report (the runtime records `storeFailed`).
     */
    async function warmRoutedFlows(): Promise<void> {
      for (const flowId of new Set(Object.values(routing.routes))) {
        const latest = (await versionList(flowId).catch(() => [])).at(-1);
        if (latest !== undefined) await readVersion(flowId, latest.version).catch(() => undefined);
      }
    }

    const store: FlowStore = {
      async listFlows() {
        checkOpen();
        const summaries: FlowSummary[] = [];
        for (const flowId of await flowIdsOnDisk()) {
          const found = await summary(flowId);
          if (found !== undefined) summaries.push(found);
        }
        return summaries;
      },

      async getFlow(flowId) {
        checkOpen(flowId);
        return summary(flowId);
      },

      async getDraft(flowId) {
        checkOpen(flowId);
        return readDraft(flowId);
      },

      async saveDraft(flowId: string, input: FlowInput): Promise<SaveDraftResult> {
        checkOpen(flowId);
        const checked = checkDraft(flowId, input, locale);
        if (!checked.ok) return checked;
        return writes.run(flowId, async () => {
          const info: DraftInfo = {
            flowId,
            name: checked.name,
            savedAt: now().toISOString(),
            sha256: checked.sha256,
          };
          await makeFolderDurably(flowDir(flowId));
          await writeFileDurably(join(flowDir(flowId), STORE_LAYOUT.draft), checked.text);
          await writeFileDurably(join(flowDir(flowId), STORE_LAYOUT.draftMeta), json(info));
          return { ok: true, draft: info, validation: checked.validation };
        });
      },

      async publish(flowId: string, publishOptions: PublishOptions = {}): Promise<PublishResult> {
        checkOpen(flowId);
        normalizePublishMetadata(publishOptions);
        return writes.run(flowId, async () => {
          const draft = await readDraft(flowId);
          if (draft === undefined) return { ok: false, problem: 'draft_not_found' };
          const expected = publishOptions.expectedDraftSha256;
          if (expected !== undefined && expected !== draft.info.sha256) {
            return { ok: false, problem: 'draft_changed', draftSha256: draft.info.sha256 };
          }
          const checked = checkPublishable(draft.text, locale);
          if (!checked.ok)
            return { ok: false, problem: 'invalid', errors: checked.errors, warnings: checked.warnings };
          const version = await commitVersion(flowId, checked, publishOptions, null);
          return { ok: true, version, warnings: checked.warnings };
        });
      },

      async rollback(
        flowId: string,
        toVersion: number,
        metadata: PublishMetadata = {},
      ): Promise<PublishResult> {
        checkOpen(flowId);
        normalizePublishMetadata(metadata);
        if (!isVersionNumber(toVersion)) return { ok: false, problem: 'version_not_found' };
        return writes.run(flowId, async () => {
          const target = await readVersion(flowId, toVersion);
          if (target === undefined) return { ok: false, problem: 'version_not_found' };
          // Validated again: a rule added since it was published must not let an error back in.
          const checked = checkPublishable(target.text, locale);
          if (!checked.ok)
            return { ok: false, problem: 'invalid', errors: checked.errors, warnings: checked.warnings };
          const version = await commitVersion(flowId, checked, metadata, toVersion);
          return { ok: true, version, warnings: checked.warnings };
        });
      },

      async listVersions(flowId) {
        checkOpen(flowId);
        return [...(await versionList(flowId))].reverse();
      },

      async getVersion(flowId, version) {
        checkOpen(flowId);
        return isVersionNumber(version) ? readVersion(flowId, version) : undefined;
      },

      async getLatestVersion(flowId) {
        checkOpen(flowId);
        const latest = (await versionList(flowId)).at(-1);
        return latest === undefined ? undefined : readVersion(flowId, latest.version);
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

      async setRoutes(table: unknown): Promise<SetRoutesResult> {
        checkOpen();
        const checked = checkRoutingTable(table);
        const routes = checked.routes;
        // The routing table shares one queue slot; no flow id can collide with it (ids start with a letter).
        return writes.run('#routes', async (): Promise<SetRoutesResult> => {
          const published = new Set<string>();
          for (const flowId of new Set(Object.values(routes))) {
            if ((await versionList(flowId)).length > 0) published.add(flowId);
          }
          const issues = [
            ...(checked.ok ? [] : checked.issues),
            ...unpublishedRouteIssues(routes, (flowId) => published.has(flowId)),
          ];
          if (!checked.ok || issues.length > 0) return { ok: false, issues };
          const next: RoutingTable = {
            routes: Object.freeze(checked.routes),
            updatedAt: now().toISOString(),
          };
          await makeFolderDurably(resolve(routesFile, '..'));
          await writeFileDurably(routesFile, routesFileText(next));
          routing = next;
          await warmRoutedFlows();
          return { ok: true, table: next };
        });
      },

      async close() {
        if (closed) return;
        closed = true;
        await writes.idle();
        await syncFolder(dir).catch(() => undefined);
        await lock.release();
      },
    };
    await warmRoutedFlows();
    return store;
  }
}
