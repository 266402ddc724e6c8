import type { JsonPath } from '../validation/issue.js';
import { typeOfJsonValue } from './describe.js';
import { FORBIDDEN_KEYS } from './json-text.js';

export type GuardFinding =
  | { kind: 'tooDeep'; path: JsonPath }
  | { kind: 'tooLarge'; count: number }
  | { kind: 'forbiddenKey'; key: string; path: JsonPath }
  | { kind: 'notJson'; type: string; path: JsonPath };

/**
 * Walks a value given as an object (not as text) and checks that it is plain JSON data: plain
 * objects and arrays, strings, finite numbers, booleans and null; no forbidden key; no deeper than
 * `maxDepth`; at most `maxValues` values. Iterative, so neither depth nor cycles overflow the stack.
 */
export function guardJsonValue(root: unknown, maxDepth: number, maxValues: number): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const stack: Array<{ value: unknown; path: JsonPath }> = [{ value: root, path: [] }];
  let count = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (++count > maxValues) return [{ kind: 'tooLarge', count }];
    const type = typeOfJsonValue(value);
    if (type === 'undefined' && path.length > 0) continue;
    if (type === 'nonfinite' || type === 'other' || type === 'function' || (type === 'undefined' && path.length === 0)) {
      findings.push({ kind: 'notJson', type, path });
      continue;
    }
    if (type !== 'object' && type !== 'array') continue;
    if (path.length >= maxDepth) {
      findings.push({ kind: 'tooDeep', path });
      return findings;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else {
      const keys = Object.keys(value as object);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (FORBIDDEN_KEYS.has(key)) {
          findings.push({ kind: 'forbiddenKey', key, path: [...path, key] });
          continue;
        }
        stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return findings;
}
