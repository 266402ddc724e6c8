import { makeLargeFlow } from '../suites/validation.js';

/** A flow as the browser benchmark draws it, with the figures it is checked against once drawn. */
export interface GridFlow {
  readonly flow: Record<string, unknown>;
  readonly nodes: number;
  readonly edges: number;
  /** The id of a node in the middle of the grid: the one dragged and clicked. */
  readonly middle: string;
}

interface TemplateNode {
  id: string;
  kind: string;
  config: unknown;
}

interface TemplateEdge {
  source: string;
  port: string;
}

/*
 * One extra output (beyond the first) per two nodes gives 1.5 edges per node with every output wired,
 * so the flow stays free of warnings (an unwired port is one) and the canvas shows no badge. The
 * cycle has every multi-output kind once (3 + 2 + 2 + 2 + 1 + 1 + 1 = 12 extra outputs) among 24 nodes;
 * the others have one output.
 */
const CYCLE = [
  'menu',
  'announcement',
  'businessHours',
  'voicemail',
  'announcement',
  'ringGroup',
  'voicemail',
  'announcement',
  'forward',
  'voicemail',
  'announcement',
  'agentCondition',
  'voicemail',
  'announcement',
  'callerMatch',
  'voicemail',
  'announcement',
  'poll',
  'voicemail',
  'announcement',
  'voicemail',
  'announcement',
  'voicemail',
  'announcement',
];

/** Grid spacing, in flow pixels: the designer's nodes are 240 px wide and up to ~200 px high. */
const COLUMN_GAP = 320;
const ROW_GAP = 280;

/**
 * A valid flow of `size` nodes and `1.5 × size` edges (size even) laid out on a grid, for the
 * browser benchmark. Kinds, configurations, agents, schedules and sounds come from `makeLargeFlow`
 * (one node of each kind); outputs are wired forward (right neighbour, the node below, two ahead,
 * diagonal), so every node is reachable from the entry and nothing loops.
 */
export function makeGridFlow(size: number): GridFlow {
  const template = makeLargeFlow(10) as Record<string, unknown> & {
    nodes: TemplateNode[];
    edges: TemplateEdge[];
  };
  const byKind = new Map(template.nodes.map((node) => [node.kind, node]));
  const portsOf = (kind: string) =>
    template.edges.filter((edge) => edge.source === byKind.get(kind)?.id).map((edge) => edge.port);

  // The last node is the hangup (no output); the others share `targetEdges` outputs.
  const targetEdges = Math.round(size * 1.5);
  const kinds: string[] = [];
  let budget = targetEdges - (size - 1);
  for (let i = 0; i < size - 1; i++) {
    const kind = CYCLE[i % CYCLE.length]!;
    const extra = portsOf(kind).length - 1;
    kinds.push(extra <= budget ? kind : 'announcement');
    budget -= extra <= budget ? extra : 0;
  }
  // The cycle may end short of the target: two-output nodes make up the difference from the end.
  for (let i = kinds.length - 1; i >= 0 && budget > 0; i--) {
    if (portsOf(kinds[i]!).length !== 1) continue;
    kinds[i] = 'agentCondition';
    budget -= 1;
  }
  if (budget !== 0) throw new Error(`cannot give ${size} nodes ${targetEdges} edges`);

  const columns = Math.ceil(Math.sqrt(size * 1.3));
  const position = (i: number) => ({ x: (i % columns) * COLUMN_GAP, y: Math.floor(i / columns) * ROW_GAP });
  const clamp = (i: number) => Math.min(i, size - 1);
  const nodes: Record<string, unknown>[] = [];
  const edges: Record<string, unknown>[] = [];
  kinds.forEach((kind, i) => {
    const id = `n${i}`;
    nodes.push({ id, kind, label: `Node ${i}`, position: position(i), config: byKind.get(kind)?.config });
    const targets = [i + 1, i + columns, i + 2, i + columns + 1];
    portsOf(kind).forEach((port, p) => {
      edges.push({
        id: `e${i}_${port.replace(/\W/g, 'x')}`,
        source: id,
        port,
        target: `n${clamp(targets[p]!)}`,
      });
    });
  });
  nodes.push({ id: `n${size - 1}`, kind: 'hangup', position: position(size - 1), config: {} });

  const rows = Math.ceil(size / columns);
  const middle = `n${Math.floor(rows / 2) * columns + Math.floor(columns / 2)}`;
  return {
    flow: { ...template, id: `bench-${size}`, name: `Benchmark, ${size} nodes`, nodes, edges },
    nodes: nodes.length,
    edges: edges.length,
    middle,
  };
}
