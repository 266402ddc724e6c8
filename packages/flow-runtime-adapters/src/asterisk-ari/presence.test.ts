import { beforeAll, describe, expect, it } from 'vitest';
import { startLabAsterisk } from './testing/lab.js';
import { useAriLab } from './testing/use-ari-lab.js';
import { testFlow, until, type AriWorld } from './testing/world.js';

/*
 * Agent presences from a real Asterisk: device states kept live by DeviceStateChanged, PJSIP
 * endpoints, overrides (do-not-disturb), and what a ring group does with them.
 */

// A SIP agent nobody answers for (nothing listens on its port): a PJSIP endpoint Asterisk knows.
const { callers, world } = useAriLab(() =>
  startLabAsterisk('ari-presence', 4, { sipAgents: [{ id: 'alice', port: 15248 }] }),
);
let w: AriWorld;

/** Each agent's device: `carol` is a Local test agent whose device the test makes busy. */
const devices: Record<string, string> = { carol: 'Local/answer-0@ringflow-agents' };

beforeAll(async () => {
  const flow = testFlow({
    id: 'presence',
    entry: 'team',
    agents: ['carol', 'ghost', 'dnd'].map((id) => ({ id, name: id })),
    nodes: [
      {
        id: 'team',
        kind: 'ringGroup',
        config: { members: ['carol', 'ghost', 'dnd'].map((agent) => ({ agent })), ringSeconds: 5 },
      },
    ],
    edges: [],
  });
  w = await world(flow, {
    presence: {
      source: 'asterisk',
      deviceFor: (agentId) => devices[agentId] ?? `PJSIP/${agentId}`,
      overrides: { dnd: 'snooze' },
      agents: ['carol', 'alice'],
    },
  });
}, 20_000);

describe('agent presences from Asterisk', { timeout: 20_000 }, () => {
  it('reads PJSIP endpoints and device states, and overrides', async () => {
    expect(w.adapter.presenceOf('alice')).toEqual({
      presence: 'available',
      device: 'PJSIP/alice',
      deviceState: 'NOT_INUSE',
      endpointState: 'online',
      override: null,
    });
    // A PJSIP endpoint Asterisk does not have cannot be called.
    expect(w.adapter.presenceOf('ghost')).toMatchObject({ presence: 'offline', device: 'PJSIP/ghost' });
    expect(w.adapter.presenceOf('dnd')).toMatchObject({ presence: 'snooze', override: 'snooze' });
    w.adapter.setPresenceOverride('alice', 'offline');
    expect(
      w.adapter.directory.presence('alice', Date.now(), { callId: 'x', from: null, to: '', startedAt: 0 }),
    ).toBe('offline');
    w.adapter.setPresenceOverride('alice', null);
    expect(w.adapter.presenceOf('alice').presence).toBe('available');
    expect(() => w.adapter.setPresenceOverride('alice', 'away' as never)).toThrow('unknown presence "away"');
  });

  it('follows a device live: on a call, then free again', async () => {
    expect(w.adapter.presenceOf('carol')).toMatchObject({ presence: 'available', deviceState: 'NOT_INUSE' });
    const busy = await callers().client.channels.originate({
      endpoint: 'Local/answer-0@ringflow-agents',
      app: callers().app,
      channelId: 'carol-busy',
    });
    await until(() => w.adapter.presenceOf('carol').presence === 'inCall', 'carol to be in a call');
    expect(w.adapter.presenceOf('carol').deviceState).toBe('INUSE');
    await callers().client.channels.hangup(busy.id);
    await until(() => w.adapter.presenceOf('carol').presence === 'available', 'carol to be free');
  });

  it('gives a ring group the presences: busy agents are INCALL, disconnected NOT_CONNECTED, on do-not-disturb SNOOZE', async () => {
    const busy = await callers().client.channels.originate({
      endpoint: 'Local/answer-0@ringflow-agents',
      app: callers().app,
      channelId: 'carol-busy-2',
    });
    await until(() => w.adapter.presenceOf('carol').presence === 'inCall', 'carol to be in a call');
    const call = await w.place();
    const record = await w.record(call.callId);
    await callers().client.channels.hangup(busy.id);
    expect(record).toMatchObject({ outcome: 'missed', missedReason: 'noAgentAvailable' });
    expect(Object.fromEntries(record.legs.map((leg) => [leg.agent, leg.status]))).toEqual({
      carol: 'INCALL',
      ghost: 'NOT_CONNECTED',
      dnd: 'SNOOZE',
    });
    // Nobody was dialed.
    expect(
      w.logs.some(
        (entry) => entry.callId === call.callId && (entry.command as { type?: string })?.type === 'ring',
      ),
    ).toBe(false);
  });
});
