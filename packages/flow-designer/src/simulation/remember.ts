import { useCallback, useState } from 'react';

/*
 * What the simulation panels remember while the page is open: the forms, per flow id, so that
 * switching tabs or editing the flow does not wipe a carefully set up test call. Not persisted.
 */

const memory = new Map<string, unknown>();

/** Forgets everything remembered (for tests, which must not see each other's forms). */
export function forgetSimulationForms(): void {
  memory.clear();
}

/** Reads what is remembered under `key`, if anything. */
export function recall<T>(key: string): T | undefined {
  return memory.get(key) as T | undefined;
}

/** Remembers `value` under `key` until the page closes. */
export function remember(key: string, value: unknown): void {
  memory.set(key, value);
}

/**
 * useState whose value is remembered under `key` for as long as the page is open: a panel mounted
 * again with the same key starts from where it was. A new key (another flow) starts from its own
 * memory, else from `initial()`.
 */
export function useRemembered<T>(
  key: string,
  initial: () => T,
): [T, (update: T | ((previous: T) => T)) => void] {
  const [state, setState] = useState(() => ({ key, value: recall<T>(key) ?? initial() }));
  let current = state;
  if (state.key !== key) {
    // Another flow: adjust the state during render (React's pattern for a prop change).
    current = { key, value: recall<T>(key) ?? initial() };
    setState(current);
  }
  const update = useCallback(
    (next: T | ((previous: T) => T)) =>
      setState((previous) => {
        const value = typeof next === 'function' ? (next as (previous: T) => T)(previous.value) : next;
        memory.set(previous.key, value);
        return { key: previous.key, value };
      }),
    [],
  );
  return [current.value, update];
}
