/**
 * Graph algorithms over a flow's nodes and edges, by node index. Iterative throughout: a hostile
 * 10,000-node chain must not overflow the stack.
 */

/** Indexes of the nodes reachable from `start` following `successors`. */
export function reachableFrom(start: number, successors: readonly (readonly number[])[]): Set<number> {
  const seen = new Set<number>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const next of successors[stack.pop()!]!) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/**
 * The cycles of a directed graph as strongly connected components (Tarjan's algorithm, iterative):
 * components of two or more nodes, and single nodes with an edge to themselves. Nodes where
 * `included` is false are left out of the graph.
 */
export function findCycles(
  successors: readonly (readonly number[])[],
  included: (node: number) => boolean,
): number[][] {
  const count = successors.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;

  for (let root = 0; root < count; root++) {
    if (index[root] !== -1 || !included(root)) continue;
    // Each frame: the node and the position of the next successor to visit.
    const frames: Array<[number, number]> = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [node, position] = frame;
      const next = successors[node]![position];
      if (next !== undefined) {
        frame[1]++;
        if (!included(next)) continue;
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = 1;
          frames.push([next, 0]);
        } else if (onStack[next]) {
          low[node] = Math.min(low[node]!, index[next]!);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[node]!);
      if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || successors[node]!.includes(node)) cycles.push(component.reverse());
      }
    }
  }
  return cycles;
}
