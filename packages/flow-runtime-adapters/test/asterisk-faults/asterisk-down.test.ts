import { describe, expect, it } from 'vitest';
import { useAriLab } from '../../src/asterisk-ari/testing/use-ari-lab.js';
import { testFlow, until } from '../../src/asterisk-ari/testing/world.js';
import { expectNoLeftovers, startFaultLab } from './fault-lab.js';

/*
 * Asterisk stops (gracefully, or killed) in the middle of calls: every call ends with its record,
 * nothing hangs, the adapter reconnects when Asterisk is back and takes new calls, and Asterisk is
 * left with no channel or bridge of the old calls.
 */

const { lab, callers, world } = useAriLab(() => startFaultLab('faults-down', 3));

const fastReconnect = { initialDelayMs: 100, maxDelayMs: 500, factor: 2, jitter: 0 };

/** Press 1 to talk to the agent who answers at once; else wait in the menu. */
const flow = testFlow({
  id: 'desk',
  entry: 'menu',
  sounds: [{ id: 'beep', file: 'beep.gsm' }],
  agents: [{ id: 'answer-0', name: 'Answers at once' }],
  nodes: [
    {
      id: 'menu',
      kind: 'menu',
      config: { prompt: 'beep', options: { '1': { label: 'Desk' } }, timeoutSeconds: 60 },
    },
    { id: 'desk', kind: 'ringGroup', config: { members: [{ agent: 'answer-0' }], ringSeconds: 10 } },
  ],
  edges: [{ id: 'e1', source: 'menu', port: '1', target: 'desk' }],
});

describe.each([
  { how: 'stopped', down: () => lab().stop() },
  { how: 'killed', down: () => lab().kill() },
])('Asterisk $how in the middle of calls (real Asterisk)', { timeout: 60_000 }, ({ down }) => {
  it('ends every call with its record, reconnects once Asterisk is back, and takes new calls', async () => {
    const w = await world(flow, { reconnect: fastReconnect, callsLostAfterMs: 1500 });
    const talking = await w.place();
    const waiting = await w.place();
    await w.until(talking.callId, (c) => c.answered, 'the first call answered');
    await w.until(waiting.callId, (c) => c.answered, 'the second call answered');
    await talking.sendDtmf('1');
    await w.until(talking.callId, (c) => c.legs[0]?.phase === 'bridged', 'the conversation', 8000);
    // Let the bridge command finish: stopped in the middle of it, the command would fail instead.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const downAt = Date.now();
    await down();
    const [talked, waited] = await Promise.all([
      w.record(talking.callId, 10_000),
      w.record(waiting.callId, 10_000),
    ]);
    // Within the 1.5 s of callsLostAfterMs (killed), or at once (stopped: Asterisk hangs up first).
    expect(Date.now() - downAt).toBeLessThan(6000);
    expect(talked).toMatchObject({ outcome: 'answered', answeredBy: 'answer-0', path: ['menu', 'desk'] });
    expect(talked.legs).toEqual([expect.objectContaining({ agent: 'answer-0', status: 'ANSWERED' })]);
    expect(waited).toMatchObject({ outcome: 'abandoned', missedReason: 'callerHungUp', path: ['menu'] });
    expect(w.runtime.activeCalls).toBe(0);
    expect(w.runtime.state).toBe('running');

    await lab().restart();
    await until(() => w.adapter.connection === 'open', 'the adapter to reconnect', 10_000);
    await until(() => callers().client.events.state === 'open', 'the callers to reconnect', 10_000);
    const next = await w.place();
    await w.until(next.callId, (c) => c.answered, 'the next call answered');
    await next.sendDtmf('1');
    await w.until(next.callId, (c) => c.legs[0]?.phase === 'bridged', 'the next conversation', 8000);
    await next.hangup();
    expect(await w.record(next.callId)).toMatchObject({ outcome: 'answered', answeredBy: 'answer-0' });
    await expectNoLeftovers(lab(), () => w.adapter.client.bridges.list());

    // Shutting down does not wait for anything of the old calls.
    const started = Date.now();
    expect(await w.runtime.shutdown({ timeoutMs: 2000 })).toEqual({ ended: 0, hungUp: 0, refused: 0 });
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
