import { describe, expect, it } from 'vitest';
import { useAriLab } from '../../src/asterisk-ari/testing/use-ari-lab.js';
import { callTrace, testFlow, until } from '../../src/asterisk-ari/testing/world.js';
import { expectNoLeftovers, startFaultLab } from './fault-lab.js';

/*
 * The ARI connection is cut in the middle of calls and comes back 2.5 s later. Asterisk itself
 * offers no command that drops ARI WebSockets (`module reload res_ari.so` and `module reload http`
 * keep them, res_ari cannot be unloaded), so the cut is a real network one: a TCP proxy between
 * the adapter and Asterisk destroys the connections and refuses new ones meanwhile. Calls carry on
 * in Asterisk; once back, the adapter catches up on what it missed.
 */

const { lab, callers, proxy, world } = useAriLab(() => startFaultLab('faults-cut', 4), { proxy: true });

const fastReconnect = { initialDelayMs: 100, maxDelayMs: 500, factor: 2, jitter: 0 };

/** Press 1 for the agent who answers after 1 s, 2 for the one who never does. */
const flow = testFlow({
  id: 'cut',
  entry: 'menu',
  sounds: [{ id: 'beep', file: 'beep.gsm' }],
  agents: [
    { id: 'answer-1', name: 'Answers after 1 s' },
    { id: 'never', name: 'Never answers' },
  ],
  nodes: [
    {
      id: 'menu',
      kind: 'menu',
      config: {
        prompt: 'beep',
        options: { '1': { label: 'Quick' }, '2': { label: 'Slow' } },
        timeoutSeconds: 30,
      },
    },
    { id: 'quick', kind: 'ringGroup', config: { members: [{ agent: 'answer-1' }], ringSeconds: 20 } },
    { id: 'slow', kind: 'ringGroup', config: { members: [{ agent: 'never' }], ringSeconds: 20 } },
  ],
  edges: [
    { id: 'e1', source: 'menu', port: '1', target: 'quick' },
    { id: 'e2', source: 'menu', port: '2', target: 'slow' },
  ],
});

describe('the ARI connection cut in the middle of calls (real Asterisk)', { timeout: 60_000 }, () => {
  it('carries the calls on: an agent who answers during the cut is bridged, a caller who leaves is recorded', async () => {
    const w = await world(flow, {
      url: proxy().url,
      reconnect: fastReconnect,
      callsLostAfterMs: 10_000,
    });
    const answered = await w.place();
    const leaving = await w.place();
    await w.until(answered.callId, (c) => c.answered, 'the first call answered');
    await w.until(leaving.callId, (c) => c.answered, 'the second call answered');
    await answered.sendDtmf('1');
    await leaving.sendDtmf('2');
    await w.until(answered.callId, (c) => c.legs[0]?.phase === 'ringing', 'the quick agent ringing');
    await w.until(leaving.callId, (c) => c.legs[0]?.phase === 'ringing', 'the slow agent ringing');

    // Cut for 2.5 s: the quick agent answers meanwhile (after 1 s), and the other caller hangs up.
    proxy().refusing = true;
    proxy().cut();
    await until(() => w.adapter.connection === 'reconnecting', 'the cut to be seen');
    await leaving.hangup();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    proxy().refusing = false;
    await until(() => w.adapter.connection === 'open', 'the reconnection', 10_000);

    await w.until(
      answered.callId,
      (c) => c.legs[0]?.phase === 'bridged',
      'the conversation after the cut',
      8000,
    );
    await answered.hangup();
    const talked = await w.record(answered.callId);
    expect(talked).toMatchObject({ outcome: 'answered', answeredBy: 'answer-1', path: ['menu', 'quick'] });
    expect(talked.legs).toEqual([expect.objectContaining({ agent: 'answer-1', status: 'ANSWERED' })]);
    expect(talked.adapterErrors).toBeUndefined();
    // The answer was missed on the socket and found by the reconciliation.
    const trace = callTrace(w.logs, answered.callId);
    expect(trace.filter((line) => /^(< leg\.answered|> bridge) /.test(line))).toHaveLength(2);

    const left = await w.record(leaving.callId);
    expect(left).toMatchObject({
      outcome: 'abandoned',
      missedReason: 'callerHungUp',
      path: ['menu', 'slow'],
    });
    expect(w.logs.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['ari.disconnected', 'ari.reconnected', 'ari.reconciled']),
    );
    await expectNoLeftovers(lab(), () => callers().client.bridges.list());
  });
});
