import { KEYPAD_ORDER, getNodeKind } from '@ringflow/flow-core';
import type { FlowDocument, FlowNode } from '@ringflow/flow-core';
import { enablePatches, produceWithPatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { flowOf } from '../../test/fixtures.js';
import { EXAMPLES } from '../app/examples.js';
import { LAYOUT_GRID, defaultNodeSize } from './elk-graph.js';
import type { NodePosition, NodeSize } from './elk-graph.js';
import { applyLayout, layoutFlow } from './layout.js';

/** The size the layout assumes for a node nobody measured. */
function sizeOf(node: FlowNode): NodeSize {
  return defaultNodeSize(getNodeKind(node.kind)?.portsOf(node.config).length ?? 0);
}

/** Pairs of nodes whose boxes overlap. */
function overlaps(
  flow: FlowDocument,
  positions: ReadonlyMap<string, NodePosition>,
  sizes: (node: FlowNode) => NodeSize = sizeOf,
): string[] {
  const first = flow.nodes.filter((node, index) => flow.nodes.findIndex((n) => n.id === node.id) === index);
  const boxes = first.map((node) => ({
    id: node.id,
    ...(positions.get(node.id) as NodePosition),
    ...sizes(node),
  }));
  const found: string[] = [];
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart =
        a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      if (!apart) found.push(`${a.id} / ${b.id}`);
    }
  }
  return found;
}

/** Whether `to` can be reached from `from` by following edges. */
function reaches(flow: FlowDocument, from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (id === to) return true;
    for (const edge of flow.edges) {
      if (edge.source === id && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return false;
}

/** Edges that are on no loop but do not go from left to right. */
function backwardEdges(flow: FlowDocument, positions: ReadonlyMap<string, NodePosition>): string[] {
  return flow.edges
    .filter((edge) => !reaches(flow, edge.target, edge.source))
    .filter(
      (edge) =>
        (positions.get(edge.target) as NodePosition).x <= (positions.get(edge.source) as NodePosition).x,
    )
    .map((edge) => `${edge.source} -${edge.port}-> ${edge.target}`);
}

function flowWith(nodes: unknown[], edges: unknown[], entry = 'start'): FlowDocument {
  return flowOf({
    format: 'ringflow.flow/v1',
    id: 'layout',
    name: 'Layout',
    timezone: 'Europe/Paris',
    entry,
    nodes,
    edges,
  });
}

const say = (id: string, text = id) => ({
  id,
  kind: 'announcement',
  position: { x: 0, y: 0 },
  config: { sound: { tts: { text } } },
});
const hangup = (id: string) => ({ id, kind: 'hangup', position: { x: 0, y: 0 }, config: {} });
const menu = (id: string, digits: readonly string[]) => ({
  id,
  kind: 'menu',
  position: { x: 0, y: 0 },
  config: {
    prompt: { tts: { text: 'Tapez une touche' } },
    options: Object.fromEntries(digits.map((digit) => [digit, { label: `Choix ${digit}` }])),
  },
});
/** An id-safe name of a port: `*` and `#` are not allowed in ids. */
const named = (port: string) => port.replace('*', 'star').replace('#', 'hash');
const edge = (source: string, port: string, target: string) => ({
  id: `${source}-${named(port)}`,
  source,
  port,
  target,
});

describe('layoutFlow', () => {
  it('lays out every example without overlap, left to right, on the grid', async () => {
    expect(EXAMPLES.length).toBeGreaterThan(0);
    for (const { folder, flow } of EXAMPLES) {
      const positions = await layoutFlow(flow);
      expect([...positions.keys()].sort(), folder).toEqual(flow.nodes.map((node) => node.id).sort());
      expect(overlaps(flow, positions), folder).toEqual([]);
      expect(backwardEdges(flow, positions), folder).toEqual([]);
      for (const [id, { x, y }] of positions) {
        expect(x % LAYOUT_GRID === 0 && y % LAYOUT_GRID === 0, `${folder}: ${id} at ${x}, ${y}`).toBe(true);
      }
      const entryX = (positions.get(flow.entry) as NodePosition).x;
      expect(Math.min(...[...positions.values()].map((p) => p.x)), `${folder}: entry first`).toBe(entryX);
    }
  });

  it('stacks the targets of a menu top to bottom in keypad order, then no key and wrong key', async () => {
    // Options written out of order on purpose: the document order must not matter.
    const digits = ['3', '1', '2', '0', '*'];
    const flow = flowWith(
      [
        menu('start', digits),
        ...digits.map((digit) => say(`to-${named(digit)}`)),
        say('to-timeout'),
        say('to-invalid'),
      ].reverse(),
      [
        ...digits.map((digit) => edge('start', digit, `to-${named(digit)}`)),
        edge('start', 'timeout', 'to-timeout'),
        edge('start', 'invalid', 'to-invalid'),
      ],
    );
    const positions = await layoutFlow(flow);
    const byHeight = (ids: string[]) =>
      [...ids].sort((a, b) => (positions.get(a) as NodePosition).y - (positions.get(b) as NodePosition).y);
    const targets = flow.nodes.map((node) => node.id).filter((id) => id !== 'start');
    // flow-core's keypad order (1-9, 0, *, #) is the order of the menu's outputs on its node.
    const keypad = KEYPAD_ORDER.filter((digit) => digits.includes(digit));
    expect(keypad).toEqual(['1', '2', '3', '0', '*']);
    expect(byHeight(targets)).toEqual([
      ...keypad.map((digit) => `to-${named(digit)}`),
      'to-timeout',
      'to-invalid',
    ]);
    // All in one column, right of the menu.
    const xs = new Set(targets.map((id) => (positions.get(id) as NodePosition).x));
    expect(xs.size).toBe(1);
    expect([...xs][0]).toBeGreaterThan((positions.get('start') as NodePosition).x);
  });

  it('draws only the edges that close a loop from right to left, the entry first', async () => {
    // "9: back to the menu" from a sub-menu loops to the entry; "*" repeats the menu itself.
    const flow = flowWith(
      [menu('start', ['1', '2', '*']), menu('sub', ['1', '9']), say('sales'), hangup('bye')],
      [
        edge('start', '1', 'sub'),
        edge('start', '2', 'sales'),
        edge('start', '*', 'start'),
        edge('sub', '1', 'sales'),
        edge('sub', '9', 'start'),
        edge('sales', 'next', 'bye'),
      ],
    );
    const positions = await layoutFlow(flow);
    const x = (id: string) => (positions.get(id) as NodePosition).x;
    expect(x('start')).toBeLessThan(x('sub'));
    expect(x('sub')).toBeLessThan(x('sales'));
    expect(x('sales')).toBeLessThan(x('bye'));
    expect(overlaps(flow, positions)).toEqual([]);
  });

  it('uses the sizes the canvas measured', async () => {
    const flow = flowWith(
      [menu('start', ['1', '2']), say('a'), say('b')],
      [edge('start', '1', 'a'), edge('start', '2', 'b')],
    );
    const tall: NodeSize = { width: 400, height: 600 };
    const sizes = new Map([['a', tall]]);
    const positions = await layoutFlow(flow, { sizes });
    const measured = (node: FlowNode) => sizes.get(node.id) ?? sizeOf(node);
    expect(overlaps(flow, positions, measured)).toEqual([]);
    const a = positions.get('a') as NodePosition;
    const b = positions.get('b') as NodePosition;
    expect(b.y).toBeGreaterThanOrEqual(a.y + tall.height);
  });

  it('gives the same drawing for the same flow, whatever the positions it starts from', async () => {
    const { flow } = EXAMPLES[0] as (typeof EXAMPLES)[number];
    const shuffled: FlowDocument = {
      ...flow,
      nodes: flow.nodes.map((node, i) => ({
        ...node,
        position: { x: (i * 7919) % 1000, y: (i * 104729) % 700 },
      })),
    };
    const first = await layoutFlow(flow);
    const second = await layoutFlow(shuffled);
    const relative = (positions: ReadonlyMap<string, NodePosition>) => {
      const left = Math.min(...[...positions.values()].map((p) => p.x));
      const top = Math.min(...[...positions.values()].map((p) => p.y));
      return Object.fromEntries([...positions].map(([id, p]) => [id, [p.x - left, p.y - top]]));
    };
    expect(relative(second)).toEqual(relative(first));
  });

  it('keeps the top-left corner of the flow where it was', async () => {
    const flow = flowWith(
      [
        { ...say('start'), position: { x: 413, y: -87 } },
        { ...hangup('end'), position: { x: 900, y: 300 } },
      ],
      [edge('start', 'next', 'end')],
    );
    const positions = await layoutFlow(flow);
    expect(Math.min(...[...positions.values()].map((p) => p.x))).toBe(420);
    expect(Math.min(...[...positions.values()].map((p) => p.y))).toBe(-80);
  });

  it('lays out nodes of unknown kinds and ignores edges to missing nodes', async () => {
    // Not a parsed flow: what a hand-edited or newer file can hold.
    const flow = {
      ...flowWith([say('start'), hangup('end')], [edge('start', 'next', 'end')]),
      nodes: [
        say('start'),
        { id: 'future', kind: 'teleport', position: { x: 0, y: 0 }, config: { to: 'mars' } },
        hangup('end'),
        say('start'),
        // Not reachable from the entry, yet it leads to it.
        say('orphan'),
      ],
      edges: [
        edge('start', 'next', 'future'),
        edge('future', 'arrived', 'end'),
        edge('future', 'lost', 'nowhere'),
        edge('ghost', 'next', 'end'),
        edge('start', 'removed-key', 'end'),
        edge('orphan', 'next', 'start'),
      ],
    } as unknown as FlowDocument;
    const positions = await layoutFlow(flow);
    expect([...positions.keys()].sort()).toEqual(['end', 'future', 'orphan', 'start']);
    expect(overlaps(flow, positions)).toEqual([]);
    const x = (id: string) => (positions.get(id) as NodePosition).x;
    expect(x('start')).toBeLessThan(x('future'));
    expect(x('future')).toBeLessThan(x('end'));
  });

  it('returns nothing for an empty flow', async () => {
    const positions = await layoutFlow(flowWith([], []));
    expect(positions.size).toBe(0);
  });

  it('lays out a flow of 500 nodes', async () => {
    const flow = generatedFlow(500);
    const positions = await layoutFlow(flow);
    expect(positions.size).toBe(500);
    expect(overlaps(flow, positions)).toEqual([]);
  }, 120_000);

  it('rejects with an AbortError when aborted, before or during the layout', async () => {
    const before = new AbortController();
    before.abort();
    await expect(
      layoutFlow(EXAMPLES[0]?.flow as FlowDocument, { signal: before.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    const during = new AbortController();
    const layout = layoutFlow(generatedFlow(60), { signal: during.signal });
    during.abort();
    await expect(layout).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('applyLayout', () => {
  enablePatches();
  const flow = flowWith(
    [
      { ...say('start'), position: { x: 0, y: 0 } },
      { ...hangup('end'), position: { x: 500, y: 500 } },
    ],
    [edge('start', 'next', 'end')],
  );

  it('moves the nodes that are not in place and says how many', () => {
    const positions = new Map([
      ['start', { x: 0, y: 0 }],
      ['end', { x: 400, y: 0 }],
      ['gone', { x: 1, y: 1 }],
    ]);
    let moved = 0;
    const [next, patches] = produceWithPatches(flow, (draft) => {
      moved = applyLayout(draft, positions);
    });
    expect(moved).toBe(1);
    expect(next.nodes.map((node) => node.position)).toEqual([
      { x: 0, y: 0 },
      { x: 400, y: 0 },
    ]);
    expect(patches.map((patch) => patch.path.join('.'))).toEqual(['nodes.1.position']);
  });

  it('changes nothing on a tidy flow, so there is nothing to undo', () => {
    const [next, patches] = produceWithPatches(flow, (draft) => {
      applyLayout(draft, new Map(flow.nodes.map((node) => [node.id, node.position])));
    });
    expect(patches).toEqual([]);
    expect(next).toBe(flow);
  });
});

/**
 * A large flow as an admin could build it: menus, ring groups and announcements in a tree, a few
 * shared voicemails and some "back to the menu" loops, every node at the origin.
 */
function generatedFlow(count: number): FlowDocument {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  const shared = Math.max(1, Math.floor(count / 50));
  const inner = count - shared;
  let next = 1;
  for (let i = 0; i < inner; i += 1) {
    const id = i === 0 ? 'start' : `n${i}`;
    const target = () => {
      if (next < inner && random() < 0.85) {
        next += 1;
        return `n${next - 1}`;
      }
      return random() < 0.2 && i > 0
        ? `n${Math.floor(random() * i) || 1}`
        : `vm${Math.floor(random() * shared)}`;
    };
    const roll = random();
    if (roll < 0.3) {
      const digits = KEYPAD_ORDER.slice(0, 1 + Math.floor(random() * 4));
      nodes.push(menu(id, digits));
      for (const digit of digits) edges.push(edge(id, digit, target()));
      edges.push(edge(id, 'timeout', target()));
    } else if (roll < 0.6) {
      nodes.push({
        id,
        kind: 'ringGroup',
        position: { x: 0, y: 0 },
        config: { members: [{ number: '+33100000000' }] },
      });
      edges.push(edge(id, 'noAnswer', target()), edge(id, 'unavailable', target()));
    } else {
      nodes.push(say(id));
      edges.push(edge(id, 'next', target()));
    }
  }
  for (let v = 0; v < shared; v += 1) {
    nodes.push({ id: `vm${v}`, kind: 'voicemail', position: { x: 0, y: 0 }, config: { mailbox: `box${v}` } });
  }
  return flowWith(nodes, edges);
}
