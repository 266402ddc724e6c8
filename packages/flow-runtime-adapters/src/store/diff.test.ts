import { describe, expect, it } from 'vitest';
import { flowVariant } from '../../test/store-contract.js';
import { diffFlows } from './diff.js';

type Flow = Record<string, unknown> & { nodes: Array<Record<string, unknown>>; edges: unknown[] };

function base(): Flow {
  return flowVariant('tiny') as Flow;
}

describe('diffFlows', () => {
  it('finds nothing between a flow and itself, whatever the key order', () => {
    const a = base();
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    const diff = diffFlows(a, reordered);
    expect(diff.identical).toBe(true);
    expect(diff.fields).toEqual([]);
    expect(diff.nodes).toEqual({ added: [], removed: [], changed: [] });
  });

  it('lists added, removed and changed nodes and edges by id', () => {
    const a = base();
    const b = base();
    b.nodes = [
      { ...a.nodes[0]!, position: { x: 10, y: 0 } },
      { id: 'menu', kind: 'hangup' },
    ];
    b.edges = [
      { id: 'e1', source: 'welcome', port: 'next', target: 'menu' },
      { id: 'e2', source: 'menu', port: 'x', target: 'welcome' },
    ];
    const diff = diffFlows(a, b);
    expect(diff.identical).toBe(false);
    expect(diff.nodes).toEqual({ added: ['menu'], removed: ['bye'], changed: ['welcome'] });
    expect(diff.edges).toEqual({ added: ['e2'], removed: [], changed: ['e1'] });
    expect(diff.fields).toEqual([]);
  });

  it('reports library items and other top-level fields', () => {
    const a = base();
    const b = { ...base(), name: 'Renamed', settings: { anonymous: 'reject' }, sounds: [] };
    const diff = diffFlows(a, b);
    expect(diff.library.sounds).toEqual({ added: [], removed: ['welcome'], changed: [] });
    expect(diff.library.agents).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.fields).toEqual(['name', 'settings']);
  });

  it('compares drafts that do not parse without failing', () => {
    expect(diffFlows(null, 'x').identical).toBe(true);
    const diff = diffFlows({ nodes: 'not a list' }, { nodes: [{ id: 'a' }, { noId: true }] });
    expect(diff.fields).toEqual(['nodes']);
    expect(diff.nodes.added).toEqual(['a']);
  });
});
