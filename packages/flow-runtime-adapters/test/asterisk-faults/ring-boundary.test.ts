import type { LegTarget } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import type { AriMessage } from '../../src/asterisk-ari/ari/events.js';
import { useAriLab } from '../../src/asterisk-ari/testing/use-ari-lab.js';
import { testFlow } from '../../src/asterisk-ari/testing/world.js';
import { expectNoLeftovers, startFaultLab } from './fault-lab.js';

/*
 * Agents answer at the very moment their ring time runs out, on a real Asterisk: two agents of a
 * simultaneous ring group answer within ±150 ms of the 5 s ring time (the least a flow allows). Whatever the race gives,
 * there is one winner at most, the other leg is TOOLATE/CALL_ANSWERED/NO_ANSWER, no bridge ever
 * holds more than the caller and one agent, and nothing is left on Asterisk.
 */

const { lab, callers, world } = useAriLab(() => startFaultLab('faults-boundary', 2));

const RING_SECONDS = 5;
const RUNS = 20;
const AT_ONCE = 4;

/** Agent `a1950` is the lab agent that answers after 1.950 s. */
const endpointFor = (target: LegTarget): string =>
  target.kind === 'agent'
    ? `Local/answer-${(Number(target.agent.slice(1)) / 1000).toFixed(3)}@ringflow-agents`
    : 'Local/unreachable@ringflow-agents';

interface Run {
  readonly delaysMs: readonly number[];
  readonly outcome: string;
  readonly statuses: readonly string[];
  /** Channels that entered each bridge of the call. */
  readonly bridges: readonly (readonly string[])[];
}

async function runOnce(seed: number): Promise<Run> {
  // Spread over the boundary: half a bit early, half a bit late, in a random order.
  const delaysMs = [0, 1].map(() => RING_SECONDS * 1000 + Math.round((Math.random() - 0.5) * 300));
  const agents = delaysMs.map((ms, at) => ({
    id: `${at === 0 ? 'a' : 'b'}${ms}`,
    name: `answers at ${ms} ms`,
  }));
  const flow = testFlow({
    id: `boundary-${seed}`,
    entry: 'team',
    agents,
    nodes: [
      {
        id: 'team',
        kind: 'ringGroup',
        config: {
          members: agents.map((agent) => ({ agent: agent.id })),
          strategy: 'simultaneous',
          ringSeconds: RING_SECONDS,
        },
      },
    ],
    edges: [],
  });
  const w = await world(flow, { endpointFor });
  const entered = new Map<string, string[]>();
  w.adapter.onEvent((message: AriMessage) => {
    if (message.type !== 'ChannelEnteredBridge') return;
    const { bridge, channel } = message as unknown as { bridge: { id: string }; channel: { id: string } };
    const list = entered.get(bridge.id) ?? [];
    list.push(channel.id);
    entered.set(bridge.id, list);
  });
  const call = await w.place();
  const ended = w.record(call.callId, 15_000);
  // Once someone answered, the caller talks a little and hangs up; else the flow ends the call.
  const bridged = w
    .until(call.callId, (c) => c.legs.some((leg) => leg.phase === 'bridged'), 'a conversation', 9000)
    .then(
      () => true,
      () => false,
    );
  if (await Promise.race([bridged, ended.then(() => false)])) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await call.hangup();
  }
  const record = await ended;
  await w.close();
  const bridges = [...entered.entries()]
    .filter(([, channels]) => channels.includes(call.callId))
    .map(([, channels]) => channels);
  return { delaysMs, outcome: record.outcome, statuses: record.legs.map((leg) => leg.status), bridges };
}

describe('an agent answers as the ring time runs out (real Asterisk)', { timeout: 120_000 }, () => {
  it(`has one winner at most and never two bridges, ${RUNS} times around the boundary`, async () => {
    const runs: Run[] = [];
    for (let batch = 0; batch < RUNS / AT_ONCE; batch++) {
      runs.push(
        ...(await Promise.all([...Array(AT_ONCE).keys()].map((at) => runOnce(batch * AT_ONCE + at)))),
      );
    }
    for (const run of runs) {
      const winners = run.statuses.filter((status) => status === 'ANSWERED').length;
      const detail = JSON.stringify(run);
      expect(winners, detail).toBeLessThanOrEqual(1);
      expect(run.outcome, detail).toBe(winners === 1 ? 'answered' : 'missed');
      for (const status of run.statuses) {
        expect(['ANSWERED', 'TOOLATE', 'CALL_ANSWERED', 'NO_ANSWER'], detail).toContain(status);
      }
      // One bridge at most, with the caller and one agent only.
      expect(run.bridges.length, detail).toBeLessThanOrEqual(winners);
      for (const channels of run.bridges) expect(new Set(channels).size, detail).toBeLessThanOrEqual(2);
    }
    // Agents did answer in time in some runs: the test sat on the boundary, not past it.
    expect(runs.some((run) => run.outcome === 'answered')).toBe(true);
    await expectNoLeftovers(lab(), () => callers().client.bridges.list());
  });
});
