import { parseFlow } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/**
 * Autosave: the flow being edited is kept in the browser's localStorage, one slot per flow id, with
 * the time it was saved. Storage is the browser's, so everything here expects it to fail: a full
 * storage is reported (and the designer keeps working), a slot that cannot be read back as a flow
 * is ignored.
 */

/** Slots are `ringflow.autosave.<flow id>`. */
export const AUTOSAVE_KEY_PREFIX = 'ringflow.autosave.';

/** The format tag of a slot's content. */
const SLOT_FORMAT = 'ringflow.autosave/v1';

/** How long after the last edit the flow is saved. */
export const AUTOSAVE_DELAY_MS = 500;

/** A flow saved automatically. */
export interface SavedFlow {
  readonly id: string;
  readonly name: string;
  /** ISO 8601 instant. */
  readonly savedAt: string;
  readonly flow: FlowDocument;
}

/** Why a save failed: the storage is full, or there is no usable storage at all. */
export type SaveFailure = 'quota' | 'unavailable';

/** The browser's localStorage, or undefined where reading it throws (storage disabled, sandboxed frame). */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof DOMException)) return false;
  // Names differ between browsers; old ones only set the legacy codes.
  return (
    error.name === 'QuotaExceededError' ||
    error.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    error.code === 22 ||
    error.code === 1014
  );
}

/** Saves `flow` in its slot. Returns undefined when saved, else why not. Never throws. */
export function saveFlow(
  storage: Storage | undefined,
  flow: FlowDocument,
  now = new Date(),
): SaveFailure | undefined {
  if (storage === undefined) return 'unavailable';
  try {
    const slot = { format: SLOT_FORMAT, savedAt: now.toISOString(), flow };
    storage.setItem(AUTOSAVE_KEY_PREFIX + flow.id, JSON.stringify(slot));
    return undefined;
  } catch (error) {
    return isQuotaError(error) ? 'quota' : 'unavailable';
  }
}

/**
 * Parse problems the designer itself can leave in a flow while an admin fills it in (an empty
 * message, a number being typed). A saved flow with only these is kept as it was; any other problem
 * means the slot is not a flow the designer wrote, and it is ignored.
 */
const IN_PROGRESS_CODES: ReadonlySet<string> = new Set([
  'out_of_range',
  'invalid_format',
  'invalid_id',
  'invalid_number',
  'invalid_digit',
  'invalid_time',
  'invalid_date',
  'invalid_sound_file',
  'sound_source_missing',
  'music_without_tts',
]);

/** The saved flow of a slot's raw text, or undefined when the text is not one (corrupt, foreign, old). */
function readSlot(raw: string | null, id?: string): SavedFlow | undefined {
  if (raw === null) return undefined;
  let slot: unknown;
  try {
    slot = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof slot !== 'object' || slot === null) return undefined;
  const { format, savedAt, flow } = slot as Record<string, unknown>;
  if (format !== SLOT_FORMAT || typeof savedAt !== 'string' || Number.isNaN(Date.parse(savedAt)))
    return undefined;
  // Frozen: the editor validates it next without parsing it again.
  const parsed = parseFlow(flow, { freeze: true });
  let document: FlowDocument;
  if (parsed.ok) document = parsed.flow;
  else if (parsed.issues.every((issue) => IN_PROGRESS_CODES.has(issue.code))) document = flow as FlowDocument;
  else return undefined;
  if (id !== undefined && document.id !== id) return undefined;
  return { id: document.id, name: document.name, savedAt, flow: document };
}

/** The flow saved for `id`, or undefined when there is none or it cannot be read. Never throws. */
export function loadSavedFlow(storage: Storage | undefined, id: string): SavedFlow | undefined {
  try {
    return readSlot(storage?.getItem(AUTOSAVE_KEY_PREFIX + id) ?? null, id);
  } catch {
    return undefined;
  }
}

/** Every flow saved in `storage`, the latest first; slots that cannot be read are left out. */
export function listSavedFlows(storage: Storage | undefined): SavedFlow[] {
  if (storage === undefined) return [];
  const saved: SavedFlow[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key === null || !key.startsWith(AUTOSAVE_KEY_PREFIX)) continue;
      const flow = readSlot(storage.getItem(key), key.slice(AUTOSAVE_KEY_PREFIX.length));
      if (flow !== undefined) saved.push(flow);
    }
  } catch {
    // A storage that fails while listing gives what was read so far.
  }
  return saved.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** Deletes the slot of `id`. Never throws. */
export function discardSavedFlow(storage: Storage | undefined, id: string): void {
  try {
    storage?.removeItem(AUTOSAVE_KEY_PREFIX + id);
  } catch {
    // Nothing to do: the slot stays, and is offered again later.
  }
}

/** JSON with object keys sorted, so that two equal documents give the same text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** True when two documents are the same flow, whatever the order of their keys. */
export function sameFlow(a: FlowDocument, b: FlowDocument): boolean {
  return a === b || stableJson(a) === stableJson(b);
}

/** The state of autosave, as the app shows it. */
export type AutosaveStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'saved'; readonly at: Date }
  | { readonly state: 'failed'; readonly reason: SaveFailure };

/** The autosave of the app: `schedule` after each edit, `saveNow` for a document just created. */
export interface Autosave {
  readonly status: AutosaveStatus;
  /** Saves `flow` after {@link AUTOSAVE_DELAY_MS} without a newer call. */
  schedule(flow: FlowDocument): void;
  /** Saves `flow` now (and drops a pending save). */
  saveNow(flow: FlowDocument): void;
  /** Saves the pending flow now, if any (before another flow is opened, or the page goes away). */
  flush(): void;
  /** Drops the pending save, if any. */
  cancel(): void;
}

/**
 * Debounced autosave into `storage`. A pending save is written when the page is hidden or closed,
 * and when the component goes away.
 */
export function useAutosave(storage: Storage | undefined, delayMs = AUTOSAVE_DELAY_MS): Autosave {
  const [status, setStatus] = useState<AutosaveStatus>({ state: 'idle' });
  const pending = useRef<FlowDocument | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const write = useCallback(
    (flow: FlowDocument) => {
      const now = new Date();
      const failure = saveFlow(storage, flow, now);
      setStatus(failure === undefined ? { state: 'saved', at: now } : { state: 'failed', reason: failure });
    },
    [storage],
  );

  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    pending.current = undefined;
  }, []);

  const flush = useCallback(() => {
    const flow = pending.current;
    cancel();
    if (flow !== undefined) write(flow);
  }, [cancel, write]);

  const schedule = useCallback(
    (flow: FlowDocument) => {
      clearTimeout(timer.current);
      pending.current = flow;
      timer.current = setTimeout(flush, delayMs);
    },
    [delayMs, flush],
  );

  const saveNow = useCallback(
    (flow: FlowDocument) => {
      cancel();
      write(flow);
    },
    [cancel, write],
  );

  // Whatever is pending is written before the page goes away or the app is unmounted.
  useEffect(() => {
    const onHide = () => {
      const flow = pending.current;
      cancel();
      if (flow !== undefined) saveFlow(storage, flow);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onHide();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      onHide();
    };
  }, [storage, cancel]);

  return useMemo(
    () => ({ status, schedule, saveNow, flush, cancel }),
    [status, schedule, saveNow, flush, cancel],
  );
}
