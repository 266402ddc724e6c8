import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { describeFlowStoreContract, flowVariant } from '../../test/store-contract.js';
import { createFolderStore } from './folder-store.js';
import type { FlowStore } from './types.js';

describeFlowStoreContract('folder store', async () => {
  const { dir, remove } = await makeTempDir();
  return { store: await createFolderStore({ dir: join(dir, 'store') }), cleanup: remove };
});

describe('folder store on disk', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let storeDir: string;
  const open: FlowStore[] = [];

  async function openStore(options: { routesFile?: string } = {}): Promise<FlowStore> {
    const store = await createFolderStore({ dir: storeDir, ...options });
    open.push(store);
    return store;
  }

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir());
    storeDir = join(dir, 'store');
  });

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await remove();
  });

  async function publishTwo(store: FlowStore): Promise<void> {
    await store.saveDraft('tiny', { document: flowVariant('tiny', 1) });
    await store.publish('tiny', { author: 'alice' });
    await store.saveDraft('tiny', { document: flowVariant('tiny', 2) });
    await store.publish('tiny', { author: 'bob', comment: 'Second' });
  }

  it('keeps one readable canonical JSON file per version, metadata beside it', async () => {
    const store = await openStore();
    await publishTwo(store);
    const flowDir = join(storeDir, 'flows', 'tiny');
    expect((await readdir(flowDir)).sort()).toEqual(['draft.json', 'draft.meta.json', 'versions']);
    expect((await readdir(join(flowDir, 'versions'))).sort()).toEqual([
      '000001.json',
      '000001.meta.json',
      '000002.json',
      '000002.meta.json',
    ]);
    const v2 = await readFile(join(flowDir, 'versions', '000002.json'), 'utf8');
    expect(v2).toBe((await store.getVersion('tiny', 2))!.text);
    expect(JSON.parse(v2)).toMatchObject({ id: 'tiny', name: 'Flow tiny v2' });
    const meta = JSON.parse(await readFile(join(flowDir, 'versions', '000002.meta.json'), 'utf8')) as unknown;
    expect(meta).toMatchObject({
      flowId: 'tiny',
      version: 2,
      author: 'bob',
      comment: 'Second',
      rollbackOf: null,
    });
    expect((await stat(storeDir)).mode & 0o777).toBe(0o700);
  });

  it('serves the same drafts, versions and routes after a restart', async () => {
    const first = await openStore();
    await publishTwo(first);
    await first.setRoutes({ routes: { '+33180000000': 'tiny' } });
    const before = {
      versions: await first.listVersions('tiny'),
      v1: (await first.getVersion('tiny', 1))!.text,
      draft: await first.getDraft('tiny'),
      routes: await first.getRoutes(),
    };
    await first.close();
    const second = await openStore();
    expect(await second.listVersions('tiny')).toEqual(before.versions);
    expect((await second.getVersion('tiny', 1))!.text).toBe(before.v1);
    expect(await second.getDraft('tiny')).toEqual(before.draft);
    expect(await second.getRoutes()).toEqual(before.routes);
    expect((await second.publish('tiny')).ok && 'published').toBe('published');
    expect((await second.listVersions('tiny'))[0]!.version).toBe(3);
  });

  it('keeps the routing table in the file it is given', async () => {
    const routesFile = join(dir, 'elsewhere', 'routes.json');
    const store = await openStore({ routesFile });
    await publishTwo(store);
    await store.setRoutes({ routes: { '+33180000000': 'tiny' } });
    const written = JSON.parse(await readFile(routesFile, 'utf8')) as unknown;
    expect(written).toMatchObject({ format: 'ringflow.routes/v1', routes: { '+33180000000': 'tiny' } });
  });

  it('refuses to open a routes file that is not a routing table', async () => {
    await mkdir(storeDir, { recursive: true });
    await writeFile(join(storeDir, 'routes.json'), '{"routes":{"not a number":"tiny"}}');
    await expect(openStore()).rejects.toMatchObject({ code: 'store_corrupt' });
    // The lock was released: once the file is fixed, the store opens.
    await writeFile(join(storeDir, 'routes.json'), '{"routes":{}}');
    await expect(openStore()).resolves.toBeDefined();
  });

  it('ignores a version whose metadata was never written, and reuses its number', async () => {
    const store = await openStore();
    await publishTwo(store);
    await store.close();
    // What a kill -9 between the content and the metadata of version 3 leaves, plus a temporary file.
    const versions = join(storeDir, 'flows', 'tiny', 'versions');
    await writeFile(join(versions, '000003.json'), '{"half": ');
    await writeFile(join(versions, '.000003.meta.json.abc123.tmp'), '{');
    const reopened = await openStore();
    expect((await reopened.listVersions('tiny')).map((v) => v.version)).toEqual([2, 1]);
    expect(await readdir(versions)).not.toContain('.000003.meta.json.abc123.tmp');
    const v3 = await reopened.publish('tiny');
    expect(v3).toMatchObject({ ok: true, version: { version: 3 } });
    expect(JSON.parse(await readFile(join(versions, '000003.json'), 'utf8'))).toMatchObject({ id: 'tiny' });
  });

  it('reports a version file changed behind its back instead of serving it', async () => {
    const store = await openStore();
    await publishTwo(store);
    await store.close();
    const file = join(storeDir, 'flows', 'tiny', 'versions', '000001.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Hello 1.', 'Hacked.'));
    const reopened = await openStore();
    await expect(reopened.getVersion('tiny', 1)).rejects.toMatchObject({ code: 'store_corrupt' });
    expect((await reopened.getVersion('tiny', 2))?.info.version).toBe(2);
  });

  it('rebuilds draft metadata that is older than the draft', async () => {
    const store = await openStore();
    await store.saveDraft('tiny', { document: flowVariant('tiny', 1) });
    await store.close();
    const draftFile = join(storeDir, 'flows', 'tiny', 'draft.json');
    await writeFile(draftFile, `${JSON.stringify(flowVariant('tiny', 7), null, 2)}\n`);
    const draft = await (await openStore()).getDraft('tiny');
    expect(draft?.info.name).toBe('Flow tiny v7');
  });

  it('lets one process at a time open a store, and takes over the lock of a dead one', async () => {
    const store = await openStore();
    await expect(createFolderStore({ dir: storeDir })).rejects.toMatchObject({ code: 'store_locked' });
    await store.close();
    open.splice(0);
    // A lock left by a process that no longer runs (killed with -9).
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const lock = JSON.stringify({ pid: dead, host: hostname(), token: 'x', since: '2026-01-01T00:00:00Z' });
    await writeFile(join(storeDir, 'store.lock'), lock);
    const reopened = await openStore();
    expect(await reopened.listFlows()).toEqual([]);
    // A lock held by a live process is respected (this test's own process, under another token).
    await reopened.close();
    open.splice(0);
    const live = JSON.stringify({
      pid: process.ppid,
      host: hostname(),
      token: 'y',
      since: '2026-01-01T00:00:00Z',
    });
    await writeFile(join(storeDir, 'store.lock'), live);
    await expect(createFolderStore({ dir: storeDir })).rejects.toMatchObject({ code: 'store_locked' });
  });
});
