import type { JsonPath } from '../validation/issue.js';
import { typeOfJsonValue } from './describe.js';
import { FORBIDDEN_KEYS } from './json-text.js';

export type GuardFinding =
  | { kind: 'tooDeep'; path: JsonPath }
  | { kind: 'tooLarge'; count: number }
  | { kind: 'forbiddenKey'; key: string; path: JsonPath }
  | { kind: 'notJson'; type: string; path: JsonPath };

/** A value waiting to be checked, with the way back to the root (paths are built only when reported). */
interface Entry {
  readonly value: unknown;
  readonly key: string | number;
  readonly parent: Entry | undefined;
  readonly depth: number;
}

function pathOf(entry: Entry | undefined): JsonPath {
  const path: Array<string | number> = [];
  for (let e = entry; e?.parent !== undefined; e = e.parent) path.push(e.key);
  return path.reverse();
}

/**
 * Walks a value given as an object (not as text) and checks that it is plain JSON data: plain
 * objects and arrays, strings, finite numbers, booleans and null; no forbidden key; no deeper than
 * `maxDepth`; at most `maxValues` values. Iterative, so neither depth nor cycles overflow the stack.
 */
export function guardJsonValue(root: unknown, maxDepth: number, maxValues: number): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const stack: Entry[] = [{ value: root, key: '', parent: undefined, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const value = entry.value;
    if (++count > maxValues) return [{ kind: 'tooLarge', count }];
    // Strings, finite numbers, booleans and null need no further look.
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    const type = typeOfJsonValue(value);
    if (type === 'undefined' && entry.depth > 0) continue;
    if (type !== 'object' && type !== 'array') {
      findings.push({ kind: 'notJson', type, path: pathOf(entry) });
      continue;
    }
    if (entry.depth >= maxDepth) {
      findings.push({ kind: 'tooDeep', path: pathOf(entry) });
      return findings;
    }
    const depth = entry.depth + 1;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], key: i, parent: entry, depth });
    } else {
      const keys = Object.keys(value as object);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (FORBIDDEN_KEYS.has(key)) {
          findings.push({ kind: 'forbiddenKey', key, path: [...pathOf(entry), key] });
          continue;
        }
        stack.push({ value: (value as Record<string, unknown>)[key], key, parent: entry, depth });
      }
    }
  }
  return findings;
}
