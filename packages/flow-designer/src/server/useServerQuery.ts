import { useCallback, useEffect, useRef, useState } from 'react';
import type { ServerProblem, ServerResult } from './api-client.js';

/** What a panel reads from the server: the last value, the last problem, and whether a read runs. */
export interface ServerQuery<T> {
  /** The last value read (kept while a new read runs, and after a failed one). */
  readonly value: T | undefined;
  /** Why the last read failed; undefined after a success. */
  readonly problem: ServerProblem | undefined;
  readonly loading: boolean;
  /** When the value was last read (ms since the epoch). */
  readonly readAt: number | undefined;
  /** Reads again now. */
  reload(): void;
}

/**
 * Reads `load` when `key` changes (and on `reload`), cancelling a read still running. `load` null
 * reads nothing (not connected, no flow). A cancelled read leaves nothing behind.
 */
export function useServerQuery<T>(
  load: ((signal: AbortSignal) => Promise<ServerResult<T>>) | null,
  key: string,
): ServerQuery<T> {
  const [state, setState] = useState<{
    value?: T;
    problem?: ServerProblem;
    readAt?: number;
    loading: boolean;
  }>({
    loading: load !== null,
  });
  const [reloads, setReloads] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const read = loader.current;
    if (read === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    void read(controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setState((previous) =>
        result.ok
          ? { value: result.value, readAt: Date.now(), loading: false }
          : { ...previous, problem: result.problem, loading: false },
      );
    });
    return () => controller.abort();
  }, [key, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return {
    value: state.value,
    problem: state.problem,
    loading: state.loading,
    readAt: state.readAt,
    reload,
  };
}
