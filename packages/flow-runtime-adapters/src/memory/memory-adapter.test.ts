import { simulateCall, ttsSeconds, VirtualClock, type CallResult } from '@ringflow/flow-core';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs, LINE, officeCall, officeFlow } from '../../test/runtime-fixtures.js';
import type { CallAdapter } from '../adapter/adapter.js';
import type { CallRecord } from '../records/call-record.js';
import { createMemoryRecordSink } from '../records/sink.js';
import { createMemoryFlowSource } from '../runtime/flow-source.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { createMemoryAdapter, type MemoryAdapter } from './memory-adapter.js';

/** The call record of DESIGN 6 inside a runtime record. */
function resultOf(record: CallRecord): CallResult {
  const { format: _f, callId: _c, from: _from, to: _to, flowId: _id, flowVersion: _v, ...result } = record;
  return result;
}

let runtimes: Runtime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.shutdown({ timeoutMs: 0 })));
  runtimes = [];
});

async function startRuntime(adapter: CallAdapter, flow = officeFlow()) {
  const store = createMemoryFlowSource();
  store.publish(flow);
  store.route(LINE, flow.id);
  const records = createMemoryRecordSink();
  const runtime = createRuntime({ store, adapter, records, logger: captureLogs().logger });
  runtimes.push(runtime);
  await runtime.start();
  return { runtime, records };
}

describe('createMemoryAdapter in virtual time', () => {
  it('gives, call for call, the record simulateCall gives, event log included', async () => {
    const memory = createMemoryAdapter();
    const { runtime } = await startRuntime(memory);
    // One after the other, an hour apart (a call placed for a time already passed starts later).
    const scenarios = [
      officeCall({ at: '2026-11-24T09:30:00+01:00' }),
      officeCall({ at: '2026-11-24T10:30:00+01:00', answerAfterSeconds: 30 }),
      { ...officeCall({ at: '2026-11-24T11:30:00+01:00' }), caller: { hangupAfterSeconds: 3 } },
      { ...officeCall(), call: { from: null, to: LINE, at: '2026-11-24T12:30:00+01:00' } },
    ];
    for (const scenario of scenarios) {
      const { callId } = await memory.placeCall(scenario);
      const record = await runtime.callEnded(callId);
      expect(resultOf(record)).toEqual(simulateCall(officeFlow(), scenario));
    }
  });

  it('starts each call at its scenario time, or at once when that time has passed', async () => {
    const memory = createMemoryAdapter({ startAt: '2026-11-24T12:00:00+01:00' });
    const { runtime } = await startRuntime(memory);
    const past = await memory.placeCall(officeCall({ at: '2026-11-24T09:30:00+01:00' }));
    expect((await runtime.callEnded(past.callId)).startedAt).toBe('2026-11-24T11:00:00.000Z');
    const future = await memory.placeCall(officeCall({ at: '2026-12-01T08:00:00+01:00' }));
    expect((await runtime.callEnded(future.callId)).startedAt).toBe('2026-12-01T07:00:00.000Z');
    expect(memory.clock.now()).toBeGreaterThan(Date.parse('2026-12-01T07:00:00Z'));
  });

  it('ends a call that has nothing left to happen by its caller hanging up, as simulateCall does', async () => {
    const memory = createMemoryAdapter();
    // A PBX that never reports the end of a prompt: the call would otherwise wait forever.
    const deaf: CallAdapter = {
      ...memory,
      start: (host) =>
        memory.start({
          callArrived: (call) => host.callArrived(call),
          callEvent: (callId, event) => {
            if (event.type !== 'playback.finished') host.callEvent(callId, event);
          },
        }),
    };
    const { runtime } = await startRuntime(deaf);
    const { callId } = await memory.placeCall(officeCall());
    const record = await runtime.callEnded(callId);
    expect(record).toMatchObject({
      outcome: 'abandoned',
      missedReason: 'callerHungUp',
      path: ['welcome-one'],
    });
    // It ends when the last thing happened: the end of the prompt, which the PBX did not report.
    expect(record.durationSeconds).toBe(ttsSeconds('Hello, version one.'));
  });

  it('keeps each call to its own scenario: an agent busy in one call is free in another', async () => {
    const memory = createMemoryAdapter({ clock: new VirtualClock(Date.parse('2026-11-24T09:30:00+01:00')) });
    const { records } = await startRuntime(memory);
    void memory.placeCall(officeCall({ talkSeconds: 600 }), { callId: 'first' });
    void memory.placeCall(
      { ...officeCall({ at: '2026-11-24T09:31:00+01:00' }), agents: { alice: { status: 'inCall' } } },
      { callId: 'busy' },
    );
    void memory.placeCall(officeCall({ at: '2026-11-24T09:31:00+01:00' }), { callId: 'second' });
    await memory.run();
    const byId = Object.fromEntries(records.records.map((record) => [record.callId, record]));
    expect(byId.first!.answeredBy).toBe('alice');
    expect(byId.second!.answeredBy).toBe('alice');
    expect(byId.busy!.legs).toContainEqual({ node: 'team', agent: 'alice', status: 'INCALL' });
    expect(
      memory.directory.presence('alice', 0, { callId: 'gone', from: null, to: LINE, startedAt: 0 }),
    ).toBe('offline');
  });

  it('lets the caller hang up from outside', async () => {
    const memory = createMemoryAdapter({ clock: new VirtualClock(Date.parse('2026-11-24T09:30:00+01:00')) });
    const { runtime } = await startRuntime(memory);
    const placed = memory.placeCall(officeCall({ talkSeconds: 600 }), { callId: 'c1' });
    await memory.run(Date.parse('2026-11-24T09:30:20+01:00'));
    await placed;
    expect(memory.activeCalls).toBe(1);
    expect(memory.hangUp('c1')).toBe(true);
    expect(memory.hangUp('c1')).toBe(false);
    expect(memory.hangUp('nobody')).toBe(false);
    await memory.run();
    expect(await runtime.callEnded('c1')).toMatchObject({ outcome: 'answered', durationSeconds: 20 });
    expect(memory.activeCalls).toBe(0);
  });

  it('refuses an invalid scenario, a call id already in use, and run() without a clock of its own', async () => {
    const memory = createMemoryAdapter({ clock: new VirtualClock(0) });
    await startRuntime(memory);
    await expect(memory.placeCall({ call: { from: 'me', to: LINE, at: 'now' } })).rejects.toThrow(TypeError);
    void memory.placeCall(officeCall(), { callId: 'same' });
    await expect(memory.placeCall(officeCall(), { callId: 'same' })).rejects.toThrow('exists');
    await memory.run();
    await expect(createMemoryAdapter().run()).rejects.toThrow('VirtualClock');
  });
});

describe('createMemoryAdapter in real time', () => {
  let memory: MemoryAdapter;

  it('runs calls on the wall clock, and stopping it leaves no timer behind', async () => {
    memory = createMemoryAdapter({ clock: 'real' });
    expect(memory.virtualClock).toBeNull();
    const { runtime } = await startRuntime(memory);
    const before = Date.now();
    const { callId } = await memory.placeCall(officeCall());
    // The welcome message lasts a second or more: the caller hangs up during it.
    expect(memory.hangUp(callId)).toBe(true);
    const record = await runtime.callEnded(callId);
    expect(record).toMatchObject({ outcome: 'abandoned', path: ['welcome-one'] });
    expect(Date.parse(record.startedAt)).toBeGreaterThanOrEqual(before - 1);
    await runtime.shutdown();
    await expect(memory.placeCall(officeCall())).rejects.toThrow('stopped');
  });
});
