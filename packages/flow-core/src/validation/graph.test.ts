import { describe, expect, it } from 'vitest';
import { findCycles, reachableFrom } from './graph.js';

describe('findCycles', () => {
  it('finds components and self loops, leaving out excluded nodes', () => {
    // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 5 -> 4 through an excluded node 5.
    const successors = [[1], [2], [0], [3], [5], [4]];
    expect(findCycles(successors, () => true).map((c) => c.sort())).toEqual([[0, 1, 2], [3], [4, 5]]);
    expect(findCycles(successors, (n) => n !== 5).map((c) => c.sort())).toEqual([[0, 1, 2], [3]]);
  });

  it('handles a 100,000-node chain closing on itself without recursion', () => {
    const n = 100_000;
    const successors = Array.from({ length: n }, (_, i) => [(i + 1) % n]);
    expect(findCycles(successors, () => true)[0]).toHaveLength(n);
    expect(reachableFrom(0, successors).size).toBe(n);
  });

  it('finds no cycle in a tree', () => {
    expect(findCycles([[1, 2], [3], [3], []], () => true)).toEqual([]);
  });
});
