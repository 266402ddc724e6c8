import { describe, expect, it } from 'vitest';
import { createMemoryRecordSink } from '../records/sink.js';
import { createMemoryFlowSource } from '../runtime/flow-source.js';
import { createRuntime } from '../runtime/runtime.js';
import { createAsteriskAriAdapter } from './adapter.js';
import type { ChannelDestroyedEvent } from './ari/events.js';
import { startLabAsterisk } from './testing/lab.js';
import { useAriLab } from './testing/use-ari-lab.js';
import { callTrace, testFlow, until, type AriWorld } from './testing/world.js';

/*
 * The adapter under the runtime host, on a real Asterisk: calls are Local channels sent by the lab
 * dialplan into the adapter's Stasis app; agents are the lab's Local test agents (answer after N s,
 * busy, reject, never...). Each test runs its own adapter (its own app) so they run side by side.
 */

const { lab, callers, world } = useAriLab(() => startLabAsterisk('ari-adapter', 1));

/** Resolves once Asterisk no longer has the channel; fails after 5 s. */
async function gone(w: AriWorld, channelId: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const channels = await w.adapter.client.channels.list();
    if (!channels.some((channel) => channel.id === channelId)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`channel ${channelId} is still up`);
}

const sounds = [
  { id: 'hello', file: 'hello-world.gsm' },
  { id: 'beep', file: 'beep.gsm' },
];

describe.concurrent('the Asterisk ARI adapter', { timeout: 20_000 }, () => {
  it('answers, plays a sound, rings an agent, bridges, and records the call ANSWERED', async () => {
    const flow = testFlow({
      id: 'basic',
      entry: 'welcome',
      agents: [{ id: 'answer-1', name: 'Answers after 1 s' }],
      sounds,
      nodes: [
        { id: 'welcome', kind: 'announcement', config: { sound: 'hello' } },
        { id: 'team', kind: 'ringGroup', config: { members: [{ agent: 'answer-1' }], ringSeconds: 10 } },
      ],
      edges: [{ id: 'e1', source: 'welcome', port: 'next', target: 'team' }],
    });
    const w = await world(flow);
    const call = await w.place();
    await call.answered;
    // Bridged: the caller and the agent's channel are in one mixing bridge on Asterisk.
    await w.until(call.callId, (c) => c.bridgeId !== null && c.legs[0]?.phase === 'bridged', 'the bridge');
    const snapshot = w.adapter.inspect(call.callId)!;
    const members = async () => [...(await w.adapter.client.bridges.get(snapshot.bridgeId!)).channels].sort();
    const expected = [call.callId, snapshot.legs[0]!.channelId].sort();
    for (let i = 0; i < 50 && JSON.stringify(await members()) !== JSON.stringify(expected); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await members()).toEqual(expected);
    expect((await w.adapter.client.bridges.get(snapshot.bridgeId!)).bridge_type).toBe('mixing');
    expect(snapshot).toMatchObject({ from: '+33612345678', to: '+33180000000', answered: true });

    await new Promise((resolve) => setTimeout(resolve, 500));
    await call.hangup();
    const record = await w.record(call.callId);
    expect(record).toMatchObject({
      outcome: 'answered',
      answeredBy: 'answer-1',
      from: '+33612345678',
      to: '+33180000000',
      path: ['welcome', 'team'],
      legs: [{ node: 'team', agent: 'answer-1', status: 'ANSWERED' }],
    });
    expect(record.legs[0]!.ringSeconds).toBeGreaterThanOrEqual(1);
    expect(record.adapterErrors).toBeUndefined();
    expect(callTrace(w.logs, call.callId)).toEqual([
      '> answer',
      '> play playbackId=pb1 early=false',
      '< playback.finished playbackId=pb1',
      '> ring',
      '< leg.ringing legId=leg2',
      '< leg.answered legId=leg2',
      '> bridge legId=leg2',
      '< call.hungup',
    ]);
    // The agent is not left on the line once the caller hung up.
    await gone(w, snapshot.legs[0]!.channelId);
  });

  it('reads each leg of a simultaneous ring as the PBX saw it: busy, declined, unreachable, answered, answered elsewhere', async () => {
    const flow = testFlow({
      id: 'statuses',
      entry: 'team',
      agents: ['busy', 'reject', 'unreachable', 'never', 'answer-1'].map((id) => ({ id, name: id })),
      nodes: [
        {
          id: 'team',
          kind: 'ringGroup',
          config: {
            members: ['busy', 'reject', 'unreachable', 'never', 'answer-1'].map((agent) => ({ agent })),
            strategy: 'simultaneous',
            ringSeconds: 10,
          },
        },
      ],
      edges: [],
    });
    const w = await world(flow);
    const destroyed: ChannelDestroyedEvent[] = [];
    w.adapter.onEvent((message) => {
      if (message.type === 'ChannelDestroyed') destroyed.push(message as unknown as ChannelDestroyedEvent);
    });
    const call = await w.place();
    await w.until(
      call.callId,
      (c) => c.legs.some((leg) => leg.phase === 'bridged') === true,
      'the bridge',
      8000,
    );
    const never = w.adapter.inspect(call.callId)!.legs.find((leg) => leg.endpoint.startsWith('Local/never'))!;
    // The member still ringing when another answered is hung up as "answered elsewhere" (Q.850 26).
    await until(
      () => destroyed.some((event) => event.channel.id === never.channelId),
      'the ringing member hung up',
    );
    expect(destroyed.find((event) => event.channel.id === never.channelId)!.cause).toBe(26);
    await call.hangup();
    const record = await w.record(call.callId);
    expect(record.outcome).toBe('answered');
    expect(Object.fromEntries(record.legs.map((leg) => [leg.agent, leg.status]))).toEqual({
      busy: 'INCALL',
      reject: 'REJECTED',
      unreachable: 'ERROR',
      never: 'CALL_ANSWERED',
      'answer-1': 'ANSWERED',
    });
  });

  it('gives a busy agent the leg status INCALL and takes the noAnswer port', async () => {
    const flow = testFlow({
      id: 'busy',
      entry: 'team',
      agents: [{ id: 'busy', name: 'Busy' }],
      sounds,
      nodes: [
        { id: 'team', kind: 'ringGroup', config: { members: [{ agent: 'busy' }], ringSeconds: 10 } },
        { id: 'sorry', kind: 'announcement', config: { sound: 'beep' } },
      ],
      edges: [{ id: 'e1', source: 'team', port: 'noAnswer', target: 'sorry' }],
    });
    const w = await world(flow);
    const call = await w.place();
    const record = await w.record(call.callId);
    expect(record).toMatchObject({
      outcome: 'missed',
      missedReason: 'noAnswer',
      path: ['team', 'sorry'],
      legs: [{ node: 'team', agent: 'busy', status: 'INCALL' }],
    });
    // The flow hung up: the caller's phone is hung up too.
    await call.ended;
  });

  it("brings the caller's keys to a menu, stopping its prompt once", async () => {
    const flow = testFlow({
      id: 'menu',
      entry: 'menu',
      sounds,
      nodes: [
        {
          id: 'menu',
          kind: 'menu',
          config: {
            prompt: 'hello',
            options: { '1': { label: 'Sales' }, '2': { label: 'Support' } },
            timeoutSeconds: 5,
          },
        },
        { id: 'sales', kind: 'hangup', config: {} },
        { id: 'support', kind: 'announcement', config: { sound: 'beep' } },
      ],
      edges: [
        { id: 'e1', source: 'menu', port: '1', target: 'sales' },
        { id: 'e2', source: 'menu', port: '2', target: 'support' },
      ],
    });
    const w = await world(flow);
    const call = await w.place();
    await call.answered;
    await until(() => (w.adapter.inspect(call.callId)?.playbacks.length ?? 0) > 0, 'the prompt');
    // Pressed during the prompt (hello-world lasts about 1.5 s).
    await call.sendDtmf('2');
    const record = await w.record(call.callId);
    expect(record).toMatchObject({ outcome: 'completed', path: ['menu', 'support'] });
    const trace = callTrace(w.logs, call.callId);
    expect(trace).toEqual([
      '> answer',
      '> play playbackId=pb1 early=false',
      '< dtmf digit=2',
      '> stopPlayback playbackId=pb1',
      '> play playbackId=pb2 early=false',
      '< playback.finished playbackId=pb1',
      '< playback.finished playbackId=pb2',
      '> hangup cause=normal',
    ]);
  });

  it('goes on after the agent hangs up (bridge.ended, then the afterCall port)', async () => {
    const flow = testFlow({
      id: 'after',
      entry: 'team',
      agents: [{ id: 'answer-0-hangup-1', name: 'Short talk' }],
      sounds,
      nodes: [
        {
          id: 'team',
          kind: 'ringGroup',
          config: { members: [{ agent: 'answer-0-hangup-1' }], ringSeconds: 10 },
        },
        { id: 'bye', kind: 'announcement', config: { sound: 'beep' } },
      ],
      edges: [{ id: 'e1', source: 'team', port: 'afterCall', target: 'bye' }],
    });
    const w = await world(flow);
    const call = await w.place();
    const record = await w.record(call.callId);
    expect(record).toMatchObject({
      outcome: 'answered',
      answeredBy: 'answer-0-hangup-1',
      path: ['team', 'bye'],
    });
    const trace = callTrace(w.logs, call.callId);
    expect(trace.slice(-5)).toEqual([
      '> bridge legId=leg1',
      '< bridge.ended legId=leg1',
      '> play playbackId=pb2 early=false',
      '< playback.finished playbackId=pb2',
      '> hangup cause=normal',
    ]);
    expect(record.adapterErrors).toBeUndefined();
  });

  it('ends a call whose caller hangs up while agents ring: abandoned, every leg hung up', async () => {
    const flow = testFlow({
      id: 'abandon',
      entry: 'team',
      agents: [{ id: 'never', name: 'Never' }],
      nodes: [{ id: 'team', kind: 'ringGroup', config: { members: [{ agent: 'never' }], ringSeconds: 20 } }],
      edges: [],
    });
    const w = await world(flow);
    const call = await w.place({ from: null });
    await w.until(call.callId, (c) => c.legs[0]?.phase === 'ringing', 'the leg to ring');
    const leg = w.adapter.inspect(call.callId)!.legs[0]!;
    // The flow did not answer: the caller hears ringback (a ringing indication), not silence.
    expect(w.adapter.inspect(call.callId)!.hold).toBe('ringback');
    await call.hangup();
    const record = await w.record(call.callId);
    expect(record).toMatchObject({
      from: null,
      outcome: 'abandoned',
      missedReason: 'callerHungUp',
      legs: [{ agent: 'never', status: 'NO_ANSWER' }],
    });
    await gone(w, leg.channelId);
  });

  it('hangs up a call no flow answers (rejected, cause 21) and records it', async () => {
    const flow = testFlow({
      id: 'unused',
      entry: 'bye',
      nodes: [{ id: 'bye', kind: 'hangup', config: {} }],
      edges: [],
    });
    const w = await world(flow);
    // The phone's side of the Local channel hears the cause the adapter hung up with.
    const phoneCause = new Promise<number>((resolve) =>
      callers().client.events.on('ChannelDestroyed', (event) => {
        if (event.channel.id === call.phoneId) resolve(event.cause);
      }),
    );
    const call = await w.place({ to: '+33999999999' });
    const record = await w.record(call.callId);
    expect(record).toMatchObject({
      outcome: 'rejected',
      to: '+33999999999',
      terminated: { reason: 'noRoute' },
    });
    await call.ended;
    expect(await phoneCause).toBe(21);
  });

  it('forwards to an external number and bridges when it answers', async () => {
    const flow = testFlow({
      id: 'forward',
      entry: 'out',
      nodes: [{ id: 'out', kind: 'forward', config: { number: '+33699999999', ringSeconds: 10 } }],
      edges: [],
    });
    const w = await world(flow, {
      endpointFor: (target) =>
        target.kind === 'number' && target.number === '+33699999999'
          ? 'Local/answer-0.5@ringflow-agents'
          : 'Local/unreachable@ringflow-agents',
    });
    const call = await w.place();
    await w.until(call.callId, (c) => c.legs[0]?.phase === 'bridged', 'the forward to be bridged', 8000);
    expect(w.adapter.inspect(call.callId)!.legs[0]!.endpoint).toBe('Local/answer-0.5@ringflow-agents');
    await call.hangup();
    const record = await w.record(call.callId);
    expect(record).toMatchObject({
      outcome: 'forwarded',
      legs: [{ number: '+33699999999', status: 'ANSWERED' }],
    });
  });

  it('takes the number dialed from RINGFLOW_TO when the dialplan sets it, and reads a hidden number as null', async () => {
    const flow = testFlow({
      id: 'numbers',
      entry: 'bye',
      nodes: [{ id: 'bye', kind: 'hangup', config: {} }],
      edges: [],
    });
    const w = await world(flow);
    // Dialed 0180000000 (a national number), but the dialplan says which line it is.
    const call = await w.place({ to: '0180000000', from: null, variables: { RINGFLOW_TO: '+33180000000' } });
    const record = await w.record(call.callId);
    expect(record).toMatchObject({ from: null, to: '+33180000000', outcome: 'completed', path: ['bye'] });
  });
});

describe('starting the Asterisk ARI adapter', () => {
  it('fails at once, and clearly, when Asterisk cannot be reached or refuses the credentials', async () => {
    const start = async (url: string, password: string) => {
      const adapter = createAsteriskAriAdapter({ url, user: 'ringflow', password, app: 'never-started' });
      const runtime = createRuntime({
        store: createMemoryFlowSource(),
        adapter,
        records: createMemoryRecordSink(),
        logger: () => {},
      });
      return runtime.start().then(
        () => 'started',
        (error: unknown) => (error as Error).message,
      );
    };
    expect(await start('http://127.0.0.1:18249', 'pw-one')).toBe(
      'asterisk-ari: cannot connect to Asterisk: ARI GET /applications/never-started failed: no answer from http://127.0.0.1:18249/ari (ECONNREFUSED)',
    );
    expect(await start(lab().ariUrl, 'wrong-password')).toBe(
      'asterisk-ari: cannot connect to Asterisk: ARI GET /applications/never-started failed: 401 (Authentication required): check the ARI user and password',
    );
  });
});
