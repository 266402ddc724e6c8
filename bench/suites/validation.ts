import { FLOW_FORMAT, NODE_KINDS, validateFlow } from '@ringflow/flow-core';
import { quantile, sample } from '../stats.js';
import type { SuiteResult } from '../types.js';

/**
 * A realistic large flow: `size` nodes cycling through every kind, each output wired forward so the
 * whole graph is reachable and valid. Menus loop back (allowed: they wait for the caller).
 */
export function makeLargeFlow(size: number): Record<string, unknown> {
  const kinds = Object.keys(NODE_KINDS).filter((k) => k !== 'hangup');
  const nodes: Record<string, unknown>[] = [];
  const edges: Record<string, unknown>[] = [];
  const agents = Array.from({ length: 50 }, (_, i) => ({
    id: `agent${i}`,
    name: `Agent ${i}`,
    extension: String(100 + i),
  }));
  for (let i = 0; i < size - 1; i++) {
    const kind = kinds[i % kinds.length]!;
    const id = `n${i}`;
    const configs: Record<string, unknown> = {
      announcement: { sound: 'welcome' },
      menu: { prompt: 'welcome', options: { '1': { label: 'Un' }, '2': { label: 'Deux' } } },
      businessHours: { schedule: 'office' },
      ringGroup: { members: [{ agent: `agent${i % 50}` }, { group: 'team' }], strategy: 'cascade' },
      agentCondition: { members: [{ group: 'team' }] },
      callerMatch: { numbers: ['+3361*'], vip: true },
      poll: { id: 'p', questions: [{ id: 'q1', prompt: 'welcome' }] },
      voicemail: { mailbox: 'shared' },
      forward: { number: '+33612345678' },
    };
    nodes.push({ id, kind, label: `Node ${i}`, position: { x: i * 10, y: 0 }, config: configs[kind] });
    const kindDef = NODE_KINDS[kind as keyof typeof NODE_KINDS];
    const ports = kindDef.portsOf(kindDef.config.parse(configs[kind]) as never);
    ports.forEach((port, p) => {
      const target = kind === 'menu' && p === 0 && i > 0 ? `n${i - 1}` : `n${i + 1}`;
      edges.push({ id: `e${i}_${port.id.replace(/\W/g, 'x')}`, source: id, port: port.id, target });
    });
  }
  nodes.push({ id: `n${size - 1}`, kind: 'hangup', position: { x: size * 10, y: 0 }, config: {} });
  return {
    format: FLOW_FORMAT,
    id: 'large',
    name: 'Large flow',
    timezone: 'Europe/Paris',
    entry: 'n0',
    agents,
    groups: [{ id: 'team', name: 'Team', members: agents.slice(0, 10).map((a) => a.id) }],
    schedules: [
      {
        id: 'office',
        name: 'Bureau',
        weekly: { mon: [['09:00', '18:00']] },
        publicHolidays: { country: 'FR' },
      },
    ],
    sounds: [{ id: 'welcome', tts: { text: 'Bonjour' } }],
    nodes,
    edges,
  };
}

export async function run(): Promise<SuiteResult> {
  const flow = makeLargeFlow(1000);
  const report = validateFlow(flow);
  if (!report.ok) throw new Error(`bench flow is invalid: ${report.errors[0]?.message}`);
  const text = JSON.stringify(flow);
  const median = quantile(
    sample(() => validateFlow(flow), 200),
    0.5,
  );
  const textMedian = quantile(
    sample(() => validateFlow(JSON.parse(text)), 200),
    0.5,
  );
  return {
    suite: 'validation',
    metrics: [
      {
        name: 'validateFlow, 1,000 nodes, median',
        value: median,
        unit: 'ms',
        target: '< 10 ms',
        pass: median < 10,
      },
      { name: 'JSON.parse + validateFlow, 1,000 nodes, median', value: textMedian, unit: 'ms' },
    ],
    notes: [
      `flow: ${(flow.nodes as unknown[]).length} nodes, ${(flow.edges as unknown[]).length} edges, ${Math.round(text.length / 1024)} KB of JSON`,
    ],
  };
}
