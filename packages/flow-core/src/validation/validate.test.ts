import { describe, expect, it } from 'vitest';
import { validateFlow } from './validate.js';

type Node = { id: string; kind: string; config?: Record<string, unknown> };
const flow = (
  nodes: Node[],
  edges: Array<[string, string, string]>,
  extra: Record<string, unknown> = {},
) => ({
  format: 'ringflow.flow/v1',
  id: 'test',
  name: 'Test',
  timezone: 'Europe/Paris',
  entry: nodes[0]!.id,
  schedules: [{ id: 'office', name: 'Bureau', weekly: { mon: [['09:00', '18:00']] } }],
  agents: [{ id: 'alice', name: 'Alice' }],
  ...extra,
  nodes,
  edges: edges.map(([source, port, target], i) => ({ id: `e${i}`, source, port, target })),
});
const codes = (input: unknown) => {
  const report = validateFlow(input);
  return [...report.errors, ...report.warnings].map(
    (i) => `${i.code}${i.nodeId ? `@${i.nodeId}` : ''}${i.params?.port ? `.${i.params.port}` : ''}`,
  );
};
const bye: Node = { id: 'bye', kind: 'hangup' };
const say = (id: string): Node => ({
  id,
  kind: 'announcement',
  config: { sound: { tts: { text: 'Bonjour' } } },
});

describe('validateFlow: outputs', () => {
  it('lets an unwired holiday output fall back to closed', () => {
    const hours = { id: 'h', kind: 'businessHours', config: { schedule: 'office' } };
    expect(
      codes(
        flow(
          [hours, bye],
          [
            ['h', 'open', 'bye'],
            ['h', 'closed', 'bye'],
          ],
        ),
      ),
    ).toEqual([]);
    expect(codes(flow([hours, bye], [['h', 'open', 'bye']]))).toEqual(['unwired_port@h.closed']);
  });

  it('does not warn about outputs where hanging up is normal', () => {
    const ring = { id: 'r', kind: 'ringGroup', config: { members: [{ agent: 'alice' }] } };
    expect(
      codes(
        flow(
          [ring, bye],
          [
            ['r', 'noAnswer', 'bye'],
            ['r', 'unavailable', 'bye'],
          ],
        ),
      ),
    ).toEqual([]);
  });

  it('refuses an edge from an output the node does not have, naming the outputs it has', () => {
    const report = validateFlow(flow([say('a'), bye], [['a', 'done', 'bye']]));
    expect(report.errors[0]).toMatchObject({
      code: 'unknown_port',
      edgeId: 'e0',
      path: ['edges', 0, 'port'],
    });
    expect(report.errors[0]!.message).toContain('next');
  });
});

describe('validateFlow: loops', () => {
  it('refuses a loop of announcements', () => {
    expect(
      codes(
        flow(
          [say('a'), say('b')],
          [
            ['a', 'next', 'b'],
            ['b', 'next', 'a'],
          ],
        ),
      ),
    ).toEqual(['endless_loop@a', 'endless_loop@b']);
  });

  it('refuses a condition looping on itself', () => {
    const match = { id: 'm', kind: 'callerMatch', config: { anonymous: true } };
    expect(
      codes(
        flow(
          [match, bye],
          [
            ['m', 'match', 'm'],
            ['m', 'noMatch', 'bye'],
          ],
        ),
      ),
    ).toEqual(['endless_loop@m']);
  });

  it('allows loops that wait for the caller or a ring (bounded by maxSteps)', () => {
    const menu = { id: 'menu', kind: 'menu', config: { prompt: 'x', options: { '1': { label: 'Encore' } } } };
    const ring = { id: 'r', kind: 'ringGroup', config: { members: [{ agent: 'alice' }] } };
    const sounds = [{ id: 'x', tts: { text: 'Tapez 1' } }];
    const edges: Array<[string, string, string]> = [
      ['a', 'next', 'menu'],
      ['menu', '1', 'a'],
      ['menu', 'timeout', 'r'],
      ['menu', 'invalid', 'r'],
      ['r', 'noAnswer', 'a'],
      ['r', 'unavailable', 'bye'],
    ];
    expect(codes(flow([say('a'), menu, ring, bye], edges, { sounds }))).toEqual([]);
  });

  it('finds the inner loop that skips the waiting node', () => {
    const menu = {
      id: 'menu',
      kind: 'menu',
      config: { prompt: { tts: { text: 'Tapez 1' } }, options: { '1': { label: 'Un' } } },
    };
    const match = { id: 'm', kind: 'callerMatch', config: { anonymous: true } };
    const edges: Array<[string, string, string]> = [
      ['m', 'match', 'a'],
      ['a', 'next', 'm'],
      ['m', 'noMatch', 'menu'],
      ['menu', '1', 'm'],
      ['menu', 'timeout', 'bye'],
      ['menu', 'invalid', 'bye'],
    ];
    expect(codes(flow([match, say('a'), menu, bye], edges))).toEqual(['endless_loop@m', 'endless_loop@a']);
  });
});

describe('validateFlow: references and reachability', () => {
  it('reports unknown references with the node and the path', () => {
    const ring = { id: 'r', kind: 'ringGroup', config: { members: [{ agent: 'zoe' }, { group: 'sales' }] } };
    const report = validateFlow(
      flow(
        [ring, bye],
        [
          ['r', 'noAnswer', 'bye'],
          ['r', 'unavailable', 'bye'],
        ],
      ),
    );
    expect(report.errors.map((i) => [i.code, i.nodeId, i.path])).toEqual([
      ['unknown_agent', 'r', ['nodes', 0, 'config', 'members', 0, 'agent']],
      ['unknown_group', 'r', ['nodes', 0, 'config', 'members', 1, 'group']],
    ]);
  });

  it('warns about nodes the entry never reaches, not when the entry itself is wrong', () => {
    expect(codes(flow([bye, { id: 'lost', kind: 'hangup' }], []))).toEqual(['unreachable_node@lost']);
    expect(codes({ ...flow([bye, { id: 'lost', kind: 'hangup' }], []), entry: 'nope' })).toEqual([
      'unknown_entry',
    ]);
  });

  it('writes messages in French when asked', () => {
    const report = validateFlow({ ...flow([bye], []), entry: 'accueil' }, { locale: 'fr' });
    expect(report.errors[0]!.message).toBe('L’entrée "accueil" n’est l’identifiant d’aucun nœud.');
  });

  it('returns the parsed flow with defaults when it can be parsed', () => {
    const report = validateFlow(flow([bye], []));
    expect(report.ok).toBe(true);
    expect(report.flow?.settings.maxSteps).toBe(200);
  });
});
