import type { FlowDocument } from '@ringflow/flow-core';
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { addNode } from './operations.js';
import { MERGE_WINDOW_MS, useFlowEditor } from './useFlowEditor.js';

afterEach(() => {
  vi.useRealTimers();
});

function setup(flow: FlowDocument = exampleFlow('onoff-greeting')) {
  const changes: FlowDocument[] = [];
  const hook = renderHook(({ doc }) => useFlowEditor(doc, (next) => changes.push(next)), {
    initialProps: { doc: flow },
  });
  return { hook, changes, flow };
}

describe('the editor history', () => {
  it('undoes and redoes each edit as one step, reporting every change', () => {
    const { hook, changes, flow } = setup();
    act(() => hook.result.current.edit((draft) => void (draft.name = 'A')));
    act(() => hook.result.current.edit((draft) => void addNode(draft, 'hangup', { x: 0, y: 0 })));
    expect(hook.result.current.flow.name).toBe('A');
    expect(hook.result.current.flow.nodes).toHaveLength(flow.nodes.length + 1);
    act(() => hook.result.current.undo());
    expect(hook.result.current.flow.nodes).toHaveLength(flow.nodes.length);
    expect(hook.result.current.flow.name).toBe('A');
    act(() => hook.result.current.undo());
    expect(hook.result.current.flow).toEqual(flow);
    expect(hook.result.current.canUndo).toBe(false);
    act(() => hook.result.current.redo());
    act(() => hook.result.current.redo());
    expect(hook.result.current.flow.nodes).toHaveLength(flow.nodes.length + 1);
    expect(hook.result.current.canRedo).toBe(false);
    expect(changes).toHaveLength(6);
    // The original document is never changed in place.
    expect(flow.name).not.toBe('A');
  });

  it('merges typing in one field into one step, but not after a pause or in another field', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { hook, flow } = setup();
    for (const name of ['B', 'Bo', 'Bon']) {
      act(() => hook.result.current.edit((draft) => void (draft.name = name), { mergeKey: 'name' }));
    }
    act(() =>
      hook.result.current.edit((draft) => void (draft.description = 'x'), { mergeKey: 'description' }),
    );
    vi.setSystemTime(Date.now() + MERGE_WINDOW_MS + 1);
    act(() => hook.result.current.edit((draft) => void (draft.name = 'Bonjour'), { mergeKey: 'name' }));
    act(() => hook.result.current.undo());
    expect(hook.result.current.flow.name).toBe('Bon');
    act(() => hook.result.current.undo());
    expect(hook.result.current.flow.description).toBe(flow.description);
    act(() => hook.result.current.undo());
    expect(hook.result.current.flow.name).toBe(flow.name);
  });

  it('records nothing for an edit that changes nothing, and clears redo after a new edit', () => {
    const { hook, changes } = setup();
    act(() => hook.result.current.edit(() => undefined));
    expect(changes).toHaveLength(0);
    expect(hook.result.current.canUndo).toBe(false);
    act(() => hook.result.current.edit((draft) => void (draft.name = 'A')));
    act(() => hook.result.current.undo());
    act(() => hook.result.current.edit((draft) => void (draft.name = 'B')));
    expect(hook.result.current.canRedo).toBe(false);
  });

  it('starts a fresh history when the host passes a document it did not get from the editor', () => {
    const { hook, changes } = setup();
    act(() => hook.result.current.edit((draft) => void (draft.name = 'A')));
    // The host passes the edited document back: the history stays.
    hook.rerender({ doc: changes[0]! });
    expect(hook.result.current.canUndo).toBe(true);
    const other = exampleFlow('goto-dial-plan');
    hook.rerender({ doc: other });
    expect(hook.result.current.flow).toBe(other);
    expect(hook.result.current.canUndo).toBe(false);
  });

  it('keeps the selection to what exists after an undo', () => {
    const { hook } = setup();
    let id = '';
    act(() => {
      id = hook.result.current.edit((draft) => addNode(draft, 'hangup', { x: 0, y: 0 }));
    });
    act(() => hook.result.current.select({ nodes: [id], edges: [] }));
    expect(hook.result.current.selection.nodes).toEqual([id]);
    act(() => hook.result.current.undo());
    expect(hook.result.current.selection.nodes).toEqual([]);
  });
});
