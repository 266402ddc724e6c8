import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowSource } from '../src/runtime/flow-source.js';
import type { FlowStore } from '../src/store/index.js';
import { smallFlow } from './helpers.js';

/*
 * What every FlowStore must do, as tests. The folder and memory stores run them; a database store
 * should too: `describeFlowStoreContract('my store', async () => ({ store, cleanup }))`.
 */

/** A store to test, and what to do after the test. */
export interface StoreUnderTest {
  readonly store: FlowStore;
  readonly cleanup?: () => Promise<void>;
}

/** A valid flow with id `id`, its name and first announcement text changed by `variant`. */
export function flowVariant(id: string, variant = 0): Record<string, unknown> {
  const flow = smallFlow();
  return {
    ...flow,
    id,
    name: `Flow ${id} v${variant}`,
    sounds: [{ id: 'welcome', tts: { text: `Hello ${variant}.` } }],
  };
}

/** A flow that parses but has a validation error: an edge to a node that does not exist. */
export function flowWithError(id: string): Record<string, unknown> {
  return {
    ...flowVariant(id),
    edges: [{ id: 'e1', source: 'welcome', port: 'next', target: 'nowhere' }],
  };
}

export function describeFlowStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name}: the FlowStore contract`, () => {
    let store: FlowStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });

    afterEach(async () => {
      await store.close().catch(() => undefined);
      await cleanup?.();
    });

    it('saves a draft in canonical form and returns its validation', async () => {
      const saved = await store.saveDraft('tiny', { document: flowVariant('tiny') });
      expect(saved.ok).toBe(true);
      if (!saved.ok) return;
      expect(saved.validation.ok).toBe(true);
      expect(saved.draft).toMatchObject({ flowId: 'tiny', name: 'Flow tiny v0' });
      const draft = await store.getDraft('tiny');
      // Canonical: every default written out (settings), two-space JSON, final newline.
      expect(draft?.text).toMatch(/^\{\n {2}"format": "ringflow\.flow\/v1",\n/);
      expect(draft?.text).toContain('"maxSteps": 200');
      expect(draft?.text.endsWith('}\n')).toBe(true);
      expect(draft?.info).toEqual(saved.draft);
    });

    it('keeps a draft with validation errors, and one that does not even parse', async () => {
      const withError = await store.saveDraft('broken', { document: flowWithError('broken') });
      expect(withError.ok && withError.validation.errors.map((e) => e.code)).toEqual(['edge_unknown_target']);
      const unfinished = { format: 'ringflow.flow/v1', id: 'wip', nodes: [{ id: 'a', kind: 'nope' }] };
      const saved = await store.saveDraft('wip', { document: unfinished });
      expect(saved.ok).toBe(true);
      expect(saved.ok && saved.validation.ok).toBe(false);
      expect(JSON.parse((await store.getDraft('wip'))!.text)).toEqual(unfinished);
    });

    it('refuses a draft that is not sound JSON, or whose id is another flow', async () => {
      const syntax = await store.saveDraft('tiny', { text: '{\n  "id": "tiny",\n  oops\n}' });
      expect(syntax).toMatchObject({ ok: false, problem: 'unreadable' });
      expect(!syntax.ok && syntax.problem === 'unreadable' && syntax.issues[0]).toMatchObject({
        code: 'invalid_json',
        params: { line: 3, column: 3 },
      });
      const proto = await store.saveDraft('tiny', { text: '{"id":"tiny","__proto__":{"x":1}}' });
      expect(!proto.ok && proto.problem === 'unreadable' && proto.issues.map((i) => i.code)).toEqual([
        'forbidden_key',
      ]);
      const duplicate = await store.saveDraft('tiny', { text: '{"id":"tiny","id":"tiny"}' });
      expect(duplicate).toMatchObject({ ok: false, problem: 'unreadable' });
      const cyclic: Record<string, unknown> = { id: 'tiny' };
      cyclic.self = cyclic;
      expect(await store.saveDraft('tiny', { document: cyclic })).toMatchObject({ ok: false });
      expect(await store.saveDraft('tiny', { document: flowVariant('other') })).toEqual({
        ok: false,
        problem: 'id_mismatch',
        documentId: 'other',
      });
      expect(await store.saveDraft('tiny', { document: [] })).toMatchObject({ problem: 'id_mismatch' });
      expect(await store.getDraft('tiny')).toBeUndefined();
    });

    it('throws for a flow id that is not one, before touching anything', async () => {
      for (const id of ['../x', '', 'a/b', '.hidden', '1abc', 'a'.repeat(65), 'a\u0000b', 'é']) {
        await expect(store.getDraft(id)).rejects.toThrow(TypeError);
        await expect(store.saveDraft(id, { document: flowVariant(id) })).rejects.toThrow(TypeError);
        await expect(store.publish(id)).rejects.toThrow(TypeError);
        await expect(store.listVersions(id)).rejects.toThrow(TypeError);
      }
      expect(await store.listFlows()).toEqual([]);
    });

    it('publishes versions 1, 2... with their metadata, newest first in the history', async () => {
      await store.saveDraft('tiny', { document: flowVariant('tiny', 1) });
      const v1 = await store.publish('tiny', { author: 'alice', comment: 'First' });
      await store.saveDraft('tiny', { document: flowVariant('tiny', 2) });
      const v2 = await store.publish('tiny', { author: ' bob ', comment: '' });
      expect(v1).toMatchObject({ ok: true, version: { version: 1, author: 'alice', comment: 'First' } });
      expect(v2).toMatchObject({ ok: true, version: { version: 2, author: 'bob', comment: null } });
      const history = await store.listVersions('tiny');
      expect(history.map((v) => v.version)).toEqual([2, 1]);
      expect(history[1]).toEqual(v1.ok && v1.version);
      expect(history[0]!.rollbackOf).toBeNull();
      expect(history[0]!.name).toBe('Flow tiny v2');
      expect(Date.parse(history[0]!.publishedAt)).not.toBeNaN();
      const one = await store.getVersion('tiny', 1);
      expect(one?.flow.name).toBe('Flow tiny v1');
      expect((await store.getLatestVersion('tiny'))?.info.version).toBe(2);
      expect(await store.getVersion('tiny', 3)).toBeUndefined();
      expect(await store.getVersion('tiny', 0)).toBeUndefined();
      expect(await store.getVersion('tiny', 1.5)).toBeUndefined();
    });

    it('refuses to publish a flow with errors, listing them, and publishes nothing', async () => {
      await store.saveDraft('broken', { document: flowWithError('broken') });
      const result = await store.publish('broken');
      expect(result).toMatchObject({ ok: false, problem: 'invalid' });
      expect(!result.ok && result.problem === 'invalid' && result.errors.map((e) => e.code)).toEqual([
        'edge_unknown_target',
      ]);
      expect(await store.listVersions('broken')).toEqual([]);
      expect(await store.publish('never-saved')).toEqual({ ok: false, problem: 'draft_not_found' });
    });

    it('publishes only the draft the client saw when it says which', async () => {
      const saved = await store.saveDraft('tiny', { document: flowVariant('tiny', 1) });
      const seen = saved.ok ? saved.draft.sha256 : '';
      await store.saveDraft('tiny', { document: flowVariant('tiny', 2) });
      const refused = await store.publish('tiny', { expectedDraftSha256: seen });
      expect(refused).toMatchObject({ ok: false, problem: 'draft_changed' });
      expect(await store.listVersions('tiny')).toEqual([]);
      const current = (await store.getDraft('tiny'))!.info.sha256;
      expect(await store.publish('tiny', { expectedDraftSha256: current })).toMatchObject({ ok: true });
    });

    it('gives concurrent publishes of one flow distinct, consecutive version numbers', async () => {
      await store.saveDraft('tiny', { document: flowVariant('tiny') });
      await store.saveDraft('other', { document: flowVariant('other') });
      const results = await Promise.all([
        ...Array.from({ length: 12 }, () => store.publish('tiny')),
        ...Array.from({ length: 3 }, () => store.publish('other')),
      ]);
      const numbers = (flowId: string) =>
        results
          .filter((r) => r.ok && r.version.flowId === flowId)
          .map((r) => (r.ok ? r.version.version : 0))
          .sort((a, b) => a - b);
      expect(numbers('tiny')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(numbers('other')).toEqual([1, 2, 3]);
      expect((await store.listVersions('tiny')).length).toBe(12);
    });

    it('rolls back by publishing an older content as a new version, history untouched', async () => {
      await store.saveDraft('tiny', { document: flowVariant('tiny', 1) });
      await store.publish('tiny');
      await store.saveDraft('tiny', { document: flowVariant('tiny', 2) });
      await store.publish('tiny');
      const rolled = await store.rollback('tiny', 1, { author: 'carol', comment: 'Back to v1' });
      expect(rolled).toMatchObject({ ok: true, version: { version: 3, rollbackOf: 1, author: 'carol' } });
      const v1 = await store.getVersion('tiny', 1);
      const v3 = await store.getLatestVersion('tiny');
      expect(v3?.text).toBe(v1?.text);
      expect(v3?.info.sha256).toBe(v1?.info.sha256);
      expect((await store.listVersions('tiny')).map((v) => v.version)).toEqual([3, 2, 1]);
      // The draft is the admin's work in progress: a rollback leaves it alone.
      expect((await store.getDraft('tiny'))?.info.name).toBe('Flow tiny v2');
      expect(await store.rollback('tiny', 9)).toEqual({ ok: false, problem: 'version_not_found' });
      expect(await store.rollback('nothing', 1)).toEqual({ ok: false, problem: 'version_not_found' });
    });

    it('refuses author and comment that are too long or hold control characters', async () => {
      await store.saveDraft('tiny', { document: flowVariant('tiny') });
      await expect(store.publish('tiny', { author: 'a'.repeat(201) })).rejects.toThrow(RangeError);
      await expect(store.publish('tiny', { author: 'a\nb' })).rejects.toThrow(RangeError);
      await expect(store.publish('tiny', { comment: 'x\u001b[31m' })).rejects.toThrow(RangeError);
      expect(await store.listVersions('tiny')).toEqual([]);
      expect(await store.publish('tiny', { comment: 'two\nlines' })).toMatchObject({ ok: true });
    });

    it('lists flows with their draft and latest version', async () => {
      await store.saveDraft('beta', { document: flowVariant('beta') });
      await store.saveDraft('alpha', { document: flowVariant('alpha') });
      await store.publish('alpha');
      const flows = await store.listFlows();
      expect(flows.map((f) => f.id)).toEqual(['alpha', 'beta']);
      expect(flows[0]).toMatchObject({
        name: 'Flow alpha v0',
        latest: { version: 1 },
        draft: { flowId: 'alpha' },
      });
      expect(flows[1]!.latest).toBeNull();
      expect(await store.getFlow('alpha')).toEqual(flows[0]);
      expect(await store.getFlow('gamma')).toBeUndefined();
    });

    it('replaces the routing table, refusing bad numbers and unpublished flows', async () => {
      expect(await store.getRoutes()).toEqual({ routes: {}, updatedAt: null });
      await store.saveDraft('tiny', { document: flowVariant('tiny') });
      const unpublished = await store.setRoutes({ routes: { '+33180000000': 'tiny' } });
      expect(!unpublished.ok && unpublished.issues.map((i) => i.code)).toEqual(['flow_not_published']);
      await store.publish('tiny');
      const bad = await store.setRoutes({
        routes: { '0180000000': 'tiny', '+33180000001': '../etc', '+33180000002': 'ghost' },
        x: 1,
      });
      // Every problem at once, the unpublished flow included.
      expect(!bad.ok && bad.issues.map((i) => i.code).sort()).toEqual([
        'flow_not_published',
        'invalid_flow_id',
        'invalid_number',
        'unknown_field',
      ]);
      expect(await store.setRoutes([])).toMatchObject({ ok: false });
      const set = await store.setRoutes({ routes: { '+33180000009': 'tiny', '+33180000000': 'tiny' } });
      expect(set.ok).toBe(true);
      const table = await store.getRoutes();
      expect(Object.keys(table.routes)).toEqual(['+33180000000', '+33180000009']);
      expect(table.updatedAt).not.toBeNull();
    });

    it('answers the runtime: the flow of a number, and its latest version', async () => {
      // Any FlowStore is a FlowSource for createRuntime.
      const source: FlowSource = store;
      expect(await source.routeNumber('+33180000000')).toBeUndefined();
      expect(await source.getPublished('tiny')).toBeUndefined();
      await store.saveDraft('tiny', { document: flowVariant('tiny', 1) });
      await store.publish('tiny');
      await store.setRoutes({ routes: { '+33180000000': 'tiny' } });
      expect(await source.routeNumber('+33180000000')).toBe('tiny');
      expect(await source.routeNumber('+33180000001')).toBeUndefined();
      expect(await source.routeNumber('__proto__')).toBeUndefined();
      await store.saveDraft('tiny', { document: flowVariant('tiny', 2) });
      await store.publish('tiny');
      const published = await source.getPublished('tiny');
      expect(published?.version).toBe(2);
      expect(published?.flow.name).toBe('Flow tiny v2');
    });

    it('refuses calls once closed', async () => {
      await store.close();
      await expect(store.listFlows()).rejects.toMatchObject({ code: 'store_closed' });
    });
  });
}
