import { act, renderHook } from '@testing-library/react';
import { produce } from 'immer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLES } from '../app/examples.js';
import {
  AUTOSAVE_KEY_PREFIX,
  discardSavedFlow,
  listSavedFlows,
  loadSavedFlow,
  sameFlow,
  saveFlow,
  useAutosave,
} from './autosave.js';
import { createMemoryStorage } from './memory-storage.js';

const flow = EXAMPLES[0]!.flow;
const other = EXAMPLES[1]!.flow;

describe('saving and loading flows', () => {
  it('keeps one slot per flow id, with the time it was saved', () => {
    const storage = createMemoryStorage();
    expect(saveFlow(storage, flow, new Date('2026-03-01T10:00:00Z'))).toBeUndefined();
    expect(saveFlow(storage, other, new Date('2026-03-02T10:00:00Z'))).toBeUndefined();
    expect(storage.getItem(AUTOSAVE_KEY_PREFIX + flow.id)).not.toBeNull();
    const saved = loadSavedFlow(storage, flow.id);
    expect(saved).toEqual({ id: flow.id, name: flow.name, savedAt: '2026-03-01T10:00:00.000Z', flow });
    expect(listSavedFlows(storage).map((s) => s.id)).toEqual([other.id, flow.id]);
    discardSavedFlow(storage, flow.id);
    expect(loadSavedFlow(storage, flow.id)).toBeUndefined();
  });

  it('keeps a flow the designer left unfinished (an empty message being typed)', () => {
    const storage = createMemoryStorage();
    const unfinished = produce(flow, (draft) => {
      draft.nodes.push({
        id: 'x',
        kind: 'announcement',
        position: { x: 0, y: 0 },
        config: { sound: { tts: { text: '' } }, loops: 1, answer: true },
      });
    });
    saveFlow(storage, unfinished);
    expect(loadSavedFlow(storage, flow.id)?.flow).toEqual(unfinished);
  });

  it.each([
    ['not JSON', '{"format": "ringflow.autosave/v1", "savedAt": '],
    ['JSON null', 'null'],
    ['another format', JSON.stringify({ format: 'x', savedAt: '2026-01-01T00:00:00Z', flow })],
    ['a bad date', JSON.stringify({ format: 'ringflow.autosave/v1', savedAt: 'yesterday', flow })],
    [
      'not a flow',
      JSON.stringify({ format: 'ringflow.autosave/v1', savedAt: '2026-01-01T00:00:00Z', flow: [1] }),
    ],
    [
      'a broken flow',
      JSON.stringify({
        format: 'ringflow.autosave/v1',
        savedAt: '2026-01-01T00:00:00Z',
        flow: { ...flow, nodes: 'x' },
      }),
    ],
    [
      'another flow under this id',
      JSON.stringify({ format: 'ringflow.autosave/v1', savedAt: '2026-01-01T00:00:00Z', flow: other }),
    ],
  ])('ignores a corrupt slot: %s', (_, raw) => {
    const storage = createMemoryStorage();
    storage.setItem(AUTOSAVE_KEY_PREFIX + flow.id, raw);
    expect(loadSavedFlow(storage, flow.id)).toBeUndefined();
    expect(listSavedFlows(storage)).toEqual([]);
  });

  it('says when the storage is full or missing, and never throws', () => {
    expect(saveFlow(createMemoryStorage({ quota: 100 }), flow)).toBe('quota');
    expect(saveFlow(undefined, flow)).toBe('unavailable');
    const failing = createMemoryStorage();
    failing.setItem = () => {
      throw new Error('SecurityError');
    };
    failing.getItem = () => {
      throw new Error('SecurityError');
    };
    expect(saveFlow(failing, flow)).toBe('unavailable');
    expect(loadSavedFlow(failing, flow.id)).toBeUndefined();
    expect(listSavedFlows(undefined)).toEqual([]);
  });

  it('compares flows whatever the order of their keys', () => {
    const reordered = Object.fromEntries(Object.entries(flow).reverse()) as typeof flow;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(flow));
    expect(sameFlow(flow, reordered)).toBe(true);
    expect(sameFlow(flow, { ...flow, name: 'x' })).toBe(false);
  });
});

describe('useAutosave', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves 500 ms after the last change, once', () => {
    vi.useFakeTimers();
    const storage = createMemoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    const { result } = renderHook(() => useAutosave(storage));
    act(() => {
      result.current.schedule({ ...flow, name: 'one' });
      vi.advanceTimersByTime(300);
      result.current.schedule({ ...flow, name: 'two' });
      vi.advanceTimersByTime(499);
    });
    expect(setItem).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(loadSavedFlow(storage, flow.id)?.name).toBe('two');
    expect(result.current.status.state).toBe('saved');
  });

  it('reports a full storage and saves again once there is room', () => {
    vi.useFakeTimers();
    let quota = 10;
    const storage = createMemoryStorage({ quota: 1e9 });
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (key, value) => {
      if (value.length > quota) throw new DOMException('full', 'QuotaExceededError');
      setItem(key, value);
    };
    const { result } = renderHook(() => useAutosave(storage));
    act(() => result.current.saveNow(flow));
    expect(result.current.status).toEqual({ state: 'failed', reason: 'quota' });
    quota = Infinity;
    act(() => {
      result.current.schedule(flow);
      vi.runAllTimers();
    });
    expect(result.current.status.state).toBe('saved');
  });

  it('writes a pending change when the page is hidden and when unmounted', () => {
    vi.useFakeTimers();
    const storage = createMemoryStorage();
    const { result, unmount } = renderHook(() => useAutosave(storage));
    act(() => result.current.schedule({ ...flow, name: 'before leaving' }));
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(loadSavedFlow(storage, flow.id)?.name).toBe('before leaving');
    act(() => result.current.schedule({ ...flow, name: 'unmounted' }));
    unmount();
    expect(loadSavedFlow(storage, flow.id)?.name).toBe('unmounted');
  });

  it('forgets a cancelled change', () => {
    vi.useFakeTimers();
    const storage = createMemoryStorage();
    const { result } = renderHook(() => useAutosave(storage));
    act(() => {
      result.current.schedule(flow);
      result.current.cancel();
      vi.runAllTimers();
    });
    expect(loadSavedFlow(storage, flow.id)).toBeUndefined();
  });
});
