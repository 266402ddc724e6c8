import { describe, expect, it } from 'vitest';
import { startLabAsterisk } from './testing/lab.js';
import { useAriLab } from './testing/use-ari-lab.js';
import { callTrace, testFlow, until } from './testing/world.js';

/*
 * What happens to calls when the link to Asterisk fails: the event socket cut (a TCP proxy drops
 * it), Asterisk restarted, Asterisk gone for good, and a new run finding the channels an earlier
 * one left behind. Calls either carry on or end with a record; nothing hangs.
 */

const { lab, callers, proxy, world } = useAriLab(() => startLabAsterisk('ari-recovery', 3), {
  proxy: true,
});

const fastReconnect = { initialDelayMs: 100, maxDelayMs: 500, factor: 2, jitter: 0 };

const twoPrompts = testFlow({
  id: 'prompts',
  entry: 'hello',
  sounds: [
    { id: 'hello', file: 'hello-world.gsm' },
    { id: 'beep', file: 'beep.gsm' },
  ],
  nodes: [
    { id: 'hello', kind: 'announcement', config: { sound: 'hello' } },
    { id: 'beep', kind: 'announcement', config: { sound: 'beep' } },
  ],
  edges: [{ id: 'e1', source: 'hello', port: 'next', target: 'beep' }],
});

const talk = testFlow({
  id: 'talk',
  entry: 'team',
  agents: [{ id: 'answer-0', name: 'Answers at once' }],
  nodes: [{ id: 'team', kind: 'ringGroup', config: { members: [{ agent: 'answer-0' }], ringSeconds: 10 } }],
  edges: [],
});

describe('the Asterisk ARI adapter when the link to Asterisk fails', { timeout: 30_000 }, () => {
  it('carries calls on across a cut of the event socket, catching up on what it missed', async () => {
    const w = await world(twoPrompts, {
      url: proxy().url,
      reconnect: fastReconnect,
      callsLostAfterMs: 10_000,
    });
    const going = await w.place();
    const leaving = await w.place();
    await w.until(going.callId, (c) => c.playbacks.length === 1, 'the first prompt');
    await w.until(leaving.callId, (c) => c.playbacks.length === 1, 'the other first prompt');

    // Down for 2 s: the first prompt (1.4 s) ends meanwhile, and the other caller hangs up.
    proxy().refusing = true;
    proxy().cut();
    await until(() => w.adapter.connection === 'reconnecting', 'the drop to be seen');
    await leaving.hangup();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    proxy().refusing = false;

    const record = await w.record(going.callId);
    expect(record).toMatchObject({ outcome: 'completed', path: ['hello', 'beep'] });
    expect(record.adapterErrors).toBeUndefined();
    // The end of the first prompt, missed while the socket was down, was found by the reconciliation.
    expect(callTrace(w.logs, going.callId)).toEqual([
      '> answer',
      '> play playbackId=pb1 early=false',
      '< playback.finished playbackId=pb1',
      '> play playbackId=pb2 early=false',
      '< playback.finished playbackId=pb2',
      '> hangup cause=normal',
    ]);
    const left = await w.record(leaving.callId);
    expect(callTrace(w.logs, leaving.callId).at(-1)).toBe('< call.hungup');
    expect(left.path).toEqual(['hello']);
    expect(w.logs.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['ari.disconnected', 'ari.reconnecting', 'ari.reconnected', 'ari.reconciled']),
    );
  });

  it('ends the calls Asterisk lost when it restarted, and takes new calls after', async () => {
    const w = await world(talk, { reconnect: fastReconnect });
    const call = await w.place();
    await w.until(call.callId, (c) => c.legs[0]?.phase === 'bridged', 'the conversation', 8000);
    await lab().restart();
    const record = await w.record(call.callId);
    expect(record).toMatchObject({ outcome: 'answered', answeredBy: 'answer-0' });
    // Asterisk hangs its channels up as it stops: the agent's first (the flow then ends the call), or the caller's.
    expect(['< call.hungup', '> hangup cause=normal']).toContain(callTrace(w.logs, call.callId).at(-1));
    await until(() => w.adapter.connection === 'open', 'the reconnection', 10_000);

    // The lab's callers reconnect too; a new call runs as usual.
    await until(() => callers().client.events.state === 'open', 'the callers to reconnect', 10_000);
    const next = await w.place();
    await w.until(next.callId, (c) => c.legs[0]?.phase === 'bridged', 'the next conversation', 8000);
    await next.hangup();
    expect(await w.record(next.callId)).toMatchObject({ outcome: 'answered' });
  });

  it('hangs up at start the channels an earlier run left in its application', async () => {
    const menu = testFlow({
      id: 'wait',
      entry: 'menu',
      sounds: [{ id: 'hello', file: 'hello-world.gsm' }],
      nodes: [
        {
          id: 'menu',
          kind: 'menu',
          config: { prompt: 'hello', options: { '1': { label: 'One' } }, timeoutSeconds: 60 },
        },
      ],
      edges: [],
    });
    const first = await world(menu, { app: 'ringflow-orphans', reconnect: false });
    const call = await first.place();
    await first.until(call.callId, (c) => c.answered === true, 'the call to be answered');
    // The first run loses its link for good (a crash would do the same): its call ends in its records...
    await first.adapter.client.events.close();
    expect(await first.record(call.callId)).toMatchObject({ outcome: 'abandoned', path: ['menu'] });
    expect(call.isEnded).toBe(false);

    // ...and the next run on the same application hangs the abandoned channel up before taking calls.
    const second = await world(menu, { app: 'ringflow-orphans' });
    await call.ended;
    expect(second.logs).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: 'ari.orphanHungUp', channels: 1 })]),
    );
  });

  it('ends every call when Asterisk is gone for good, and shuts down without hanging', async () => {
    const w = await world(talk, { reconnect: fastReconnect, callsLostAfterMs: 1500 });
    const call = await w.place();
    await w.until(call.callId, (c) => c.legs[0]?.phase === 'bridged', 'the conversation', 8000);
    // Let the bridge command finish: killed in the middle of it, the command would fail instead.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stoppedAt = Date.now();
    // Killed: no hang-up event of any channel ever comes.
    await lab().kill();
    const record = await w.record(call.callId, 10_000);
    expect(record).toMatchObject({ outcome: 'answered', answeredBy: 'answer-0' });
    expect(Date.now() - stoppedAt).toBeLessThan(6000);
    expect(w.logs).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: 'ari.callsLost', calls: 1 })]),
    );
    const started = Date.now();
    expect(await w.runtime.shutdown({ timeoutMs: 2000 })).toEqual({ ended: 0, hungUp: 0, refused: 0 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(w.adapter.connection).toBe('closed');
  });
});
