import { NODE_KIND_IDS, getNodeKind, serializeFlow, validateFlow } from '@ringflow/flow-core';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { exampleFlow, flowOf } from '../../test/fixtures.js';
import {
  NEW_NODE_CONFIGS,
  addNode,
  connect,
  copyNodes,
  deleteElements,
  disconnect,
  freshId,
  pasteNodes,
  placeNextTo,
  readClipboard,
} from './operations.js';

const empty = flowOf({
  format: 'ringflow.flow/v1',
  id: 'blank',
  name: 'Vide',
  timezone: 'Europe/Paris',
  entry: 'start',
  nodes: [],
});

describe('editing operations', () => {
  it('gives every kind a starting config that its schema reads (defaults written out)', () => {
    for (const kind of NODE_KIND_IDS) {
      const config = NEW_NODE_CONFIGS[kind]();
      const parsed = getNodeKind(kind)?.config.safeParse(config);
      // Some starting configs are deliberately incomplete (an empty TTS text, no schedule chosen):
      // flow-core must then report the field, never fail on the shape.
      const paths =
        parsed?.success === true ? [] : (parsed?.error.issues.map((i) => i.path.join('.')) ?? ['?']);
      expect(
        paths.every((path) =>
          /^(sound|prompt|schedule|number|options\.1\.label|questions\.0\.prompt)/.test(path),
        ),
        `${kind}: ${paths.join(', ')}`,
      ).toBe(true);
    }
  });

  it('makes the first node added the entry, and names nodes by kind with a free number', () => {
    const flow = produce(empty, (draft) => {
      addNode(draft, 'announcement', { x: 0, y: 0 });
      addNode(draft, 'announcement', { x: 300, y: 0 });
      addNode(draft, 'hangup', { x: 600, y: 0 });
    });
    expect(flow.nodes.map((n) => n.id)).toEqual(['announcement-1', 'announcement-2', 'hangup-1']);
    expect(flow.entry).toBe('announcement-1');
    expect(freshId('hangup', new Set(['hangup-1', 'hangup-2']))).toBe('hangup-3');
  });

  it('connects a port to one node: connecting it again moves the edge', () => {
    const flow = produce(empty, (draft) => {
      const a = addNode(draft, 'announcement', { x: 0, y: 0 });
      const b = addNode(draft, 'hangup', { x: 300, y: 0 });
      const c = addNode(draft, 'hangup', { x: 300, y: 200 });
      connect(draft, a, 'next', b);
      connect(draft, a, 'next', c);
    });
    expect(flow.edges).toEqual([
      { id: 'e-announcement-1-next-1', source: 'announcement-1', port: 'next', target: 'hangup-2' },
    ]);
    expect(produce(flow, (draft) => disconnect(draft, 'announcement-1', 'next')).edges).toEqual([]);
  });

  it('deletes a node with its edges and moves the entry to a remaining node', () => {
    const onoff = exampleFlow('onoff-greeting');
    const entry = onoff.entry;
    const after = produce(onoff, (draft) => deleteElements(draft, { nodes: [entry], edges: [] }));
    expect(after.nodes.some((n) => n.id === entry)).toBe(false);
    expect(after.edges.some((e) => e.source === entry || e.target === entry)).toBe(false);
    expect(after.entry).toBe(after.nodes[0]?.id);
    const oneEdge = onoff.edges[0]!;
    const withoutEdge = produce(onoff, (draft) => deleteElements(draft, { nodes: [], edges: [oneEdge.id] }));
    expect(withoutEdge.edges).toHaveLength(onoff.edges.length - 1);
    expect(withoutEdge.nodes).toHaveLength(onoff.nodes.length);
  });

  it('copies nodes with the edges between them and pastes them under new ids', () => {
    const onoff = exampleFlow('onoff-greeting');
    const ids = onoff.nodes.slice(0, 3).map((n) => n.id);
    const copied = copyNodes(onoff, ids);
    const inner = onoff.edges.filter((e) => ids.includes(e.source) && ids.includes(e.target));
    expect(copied.edges).toEqual(inner);
    const text = JSON.stringify(copied);
    const content = readClipboard(text);
    expect(content).toEqual(copied);
    let pasted: string[] = [];
    const after = produce(onoff, (draft) => {
      pasted = pasteNodes(draft, content!, { x: 40, y: 40 });
    });
    expect(pasted).toHaveLength(3);
    expect(pasted.some((id) => ids.includes(id))).toBe(false);
    expect(after.edges).toHaveLength(onoff.edges.length + inner.length);
    const first = after.nodes.find((n) => n.id === pasted[0])!;
    expect(first.position).toEqual({
      x: onoff.nodes[0]!.position.x + 40,
      y: onoff.nodes[0]!.position.y + 40,
    });
    // The copies are as valid as the originals: no new duplicate-id or dangling-edge problem.
    const codes = (flow: typeof onoff) => validateFlow(flow).errors.map((i) => i.code);
    expect(codes(after)).toEqual(codes(onoff));
    expect(() => serializeFlow(after)).not.toThrow();
  });

  it('refuses clipboard text that is not copied ringflow nodes', () => {
    for (const text of [
      '',
      'hello',
      '{}',
      '[]',
      '{"format":"ringflow.clipboard/v1","nodes":[{"id":"x","kind":"nope"}],"edges":[]}',
      'null',
    ]) {
      expect(readClipboard(text), text).toBeUndefined();
    }
  });

  it('places a new node to the right of the selection, below what is already there', () => {
    const flow = produce(empty, (draft) => {
      addNode(draft, 'announcement', { x: 0, y: 100 });
    });
    expect(placeNextTo(empty, [])).toEqual({ x: 0, y: 0 });
    expect(placeNextTo(flow, ['announcement-1'])).toEqual({ x: 320, y: 100 });
    const two = produce(flow, (draft) => {
      addNode(draft, 'hangup', placeNextTo(draft, ['announcement-1']));
    });
    expect(placeNextTo(two, ['announcement-1'])).toEqual({ x: 320, y: 300 });
  });
});
