import { isPlainObject } from './store-rules.js';
import type { FlowDiff, IdChanges } from './types.js';

export type { FlowDiff, IdChanges } from './types.js';

const LIBRARY = ['agents', 'groups', 'schedules', 'sounds'] as const;
const COLLECTIONS: ReadonlySet<string> = new Set(['nodes', 'edges', ...LIBRARY]);

/** A JSON value as text with object keys sorted, so that key order never makes a difference. */
function stableText(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (!isPlainObject(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = inner[key];
    return sorted;
  });
}

/** Items of a collection by id (the first holder of a duplicated id); items without an id are skipped. */
function byId(collection: unknown): Map<string, string> {
  const items = new Map<string, string>();
  if (!Array.isArray(collection)) return items;
  for (const item of collection) {
    if (isPlainObject(item) && typeof item.id === 'string' && !items.has(item.id)) {
      items.set(item.id, stableText(item));
    }
  }
  return items;
}

function diffCollection(before: unknown, after: unknown): IdChanges {
  const a = byId(before);
  const b = byId(after);
  const added = [...b.keys()].filter((id) => !a.has(id));
  const removed = [...a.keys()].filter((id) => !b.has(id));
  const changed = [...b.keys()].filter((id) => a.has(id) && a.get(id) !== b.get(id));
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

function isListOrAbsent(value: unknown): boolean {
  return value === undefined || Array.isArray(value);
}

function isEmpty(changes: IdChanges): boolean {
  return changes.added.length + changes.removed.length + changes.changed.length === 0;
}

/**
 * Compares two flow documents, as values: which nodes, edges and library items were added, removed
 * or changed (by id; a node moved on the canvas or relabelled counts as changed), and which other
 * top-level fields differ. Works on drafts that do not parse too: anything that is not an array of
 * objects with ids is compared as a whole field.
 *
 * @example
 * const diff = diffFlows(v1.flow, v2.flow);
 * if (!diff.identical) console.log(diff.nodes.changed);
 */
export function diffFlows(before: unknown, after: unknown): FlowDiff {
  const a = isPlainObject(before) ? before : {};
  const b = isPlainObject(after) ? after : {};
  const nodes = diffCollection(a.nodes, b.nodes);
  const edges = diffCollection(a.edges, b.edges);
  const library = {
    agents: diffCollection(a.agents, b.agents),
    groups: diffCollection(a.groups, b.groups),
    schedules: diffCollection(a.schedules, b.schedules),
    sounds: diffCollection(a.sounds, b.sounds),
  };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const fields = keys.filter(
    (key) =>
      // A collection that is not a list (in a draft that does not parse) is compared as a whole.
      (!COLLECTIONS.has(key) || !isListOrAbsent(a[key]) || !isListOrAbsent(b[key])) &&
      (Object.hasOwn(a, key) !== Object.hasOwn(b, key) || stableText(a[key]) !== stableText(b[key])),
  );
  const identical =
    fields.length === 0 &&
    isEmpty(nodes) &&
    isEmpty(edges) &&
    LIBRARY.every((name) => isEmpty(library[name]));
  return { identical, nodes, edges, library, fields };
}
