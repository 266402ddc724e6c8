import { simulateCall, VirtualClock, type EngineCommand, type FlowDocument } from '@ringflow/flow-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { captureLogs, LINE, officeCall, officeFlow } from '../../test/runtime-fixtures.js';
import type { AdapterCall, AdapterCommands, AdapterHost, CallAdapter } from '../adapter/adapter.js';
import { createMemoryAdapter, type MemoryAdapter } from '../memory/memory-adapter.js';
import type { CallRecord } from '../records/call-record.js';
import { createJsonLinesRecordSink, readCallRecords } from '../records/json-lines-sink.js';
import { createMemoryRecordSink } from '../records/sink.js';
import { createMemoryDirectory } from './directory.js';
import { createMemoryFlowSource, type FlowSource } from './flow-source.js';
import { createJsonLogger } from './logger.js';
import { createRuntime } from './runtime.js';

const START = Date.parse('2026-11-24T09:30:00+01:00');

/** The fields of a record that the simulator computes the same way. */
const simulated = (record: CallResultLike) => ({
  outcome: record.outcome,
  answeredBy: record.answeredBy,
  missedReason: record.missedReason,
  startedAt: record.startedAt,
  endedAt: record.endedAt,
  waitSeconds: record.waitSeconds,
  durationSeconds: record.durationSeconds,
  path: record.path,
  legs: record.legs,
  polls: record.polls,
});
type CallResultLike = Pick<
  CallRecord,
  | 'outcome'
  | 'answeredBy'
  | 'missedReason'
  | 'startedAt'
  | 'endedAt'
  | 'waitSeconds'
  | 'durationSeconds'
  | 'path'
  | 'legs'
  | 'polls'
>;

function officeSource(flow: FlowDocument = officeFlow()) {
  const source = createMemoryFlowSource();
  source.publish(flow);
  source.route(LINE, flow.id);
  return source;
}

/** A memory adapter on a virtual clock that the test runs by hand, and a runtime over it. */
function manualWorld(
  options: { source?: FlowSource; adapter?: (memory: MemoryAdapter) => CallAdapter } = {},
) {
  const clock = new VirtualClock(START);
  const memory = createMemoryAdapter({ clock });
  const records = createMemoryRecordSink();
  const logs = captureLogs();
  const runtime = createRuntime({
    store: options.source ?? officeSource(),
    adapter: options.adapter?.(memory) ?? memory,
    directory: memory.directory,
    records,
    logger: logs.logger,
  });
  return { clock, memory, records, logs, runtime };
}

/** The memory adapter with some of its commands replaced. */
function withCommands(memory: MemoryAdapter, replace: Partial<AdapterCommands>): CallAdapter {
  return { ...memory, name: 'faulty', commands: { ...memory.commands, ...replace } as AdapterCommands };
}

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));
afterEach(() => {
  // A failing call must never surface as an unhandled rejection.
  expect(unhandled).toEqual([]);
  unhandled = [];
});

describe('createRuntime', () => {
  it('runs 200 calls at once, one record each, each as the simulator computes it', async () => {
    const { memory, records, runtime } = manualWorld();
    await runtime.start();
    const flow = officeFlow();
    // All calls arrive at the same instant; they differ in who answers and when, and in the caller.
    const scenarios = Array.from({ length: 200 }, (_, i) => ({
      call: { from: `+336${String(10_000_000 + i)}`, to: LINE, at: '2026-11-24T09:30:00+01:00' },
      agents: {
        alice:
          i % 4 === 0
            ? { status: 'available' as const, answer: 'never' as const }
            : { status: 'available' as const, answerAfterSeconds: i % 17 },
        bob: i % 3 === 0 ? { status: 'available' as const, reject: true } : { status: 'snooze' as const },
      },
      caller: i % 10 === 9 ? { hangupAfterSeconds: 4 + (i % 13) } : {},
      talkSeconds: 30 + i,
    }));
    const placed = scenarios.map((scenario, i) => memory.placeCall(scenario, { callId: `call-${i}` }));
    await memory.run(START);
    // Every call is in progress at once.
    expect(runtime.activeCalls).toBe(200);
    expect(memory.activeCalls).toBe(200);
    await memory.run();
    await Promise.all(placed);
    expect(runtime.activeCalls).toBe(0);
    expect(records.records).toHaveLength(200);
    const byId = new Map(records.records.map((record) => [record.callId, record]));
    expect(byId.size).toBe(200);
    const outcomes = new Set<string>();
    scenarios.forEach((scenario, i) => {
      const record = byId.get(`call-${i}`)!;
      expect(simulated(record), `call-${i}`).toEqual(simulated(simulateCall(flow, scenario)));
      expect(record).toMatchObject({ from: scenario.call.from, to: LINE, flowId: 'office', flowVersion: 1 });
      outcomes.add(record.outcome);
    });
    expect([...outcomes].sort()).toEqual(['abandoned', 'answered', 'missed']);
    // callEnded answers for calls that have ended.
    await expect(runtime.callEnded('call-7')).resolves.toBe(byId.get('call-7'));
  }, 60_000);

  it('ends a call whose adapter command throws with its record, and leaves the other calls alone', async () => {
    const { memory, records, runtime, logs } = manualWorld({
      adapter: (memory) =>
        withCommands(memory, {
          // The PBX cannot originate the legs of call "broken-ring": they fail, the flow goes on.
          ring: async (call, command) => {
            if (call.callId === 'broken-ring') throw new Error('originate failed');
            await memory.commands.ring(call, command);
          },
          // Call "broken-bridge" cannot be connected once Alice answers: the runtime hangs it up.
          bridge: (call, command) => {
            if (call.callId === 'broken-bridge') throw new TypeError('bridge exploded synchronously');
            return memory.commands.bridge(call, command);
          },
          // Call "stuck-answer"'s answer never settles: after the command timeout, it has failed.
          answer: (call, command) =>
            call.callId === 'stuck-answer' ? new Promise(() => {}) : memory.commands.answer(call, command),
        }),
    });
    await runtime.start();
    const ids = ['ok-1', 'broken-ring', 'ok-2', 'broken-bridge', 'stuck-answer', 'ok-3'];
    for (const callId of ids) void memory.placeCall(officeCall(), { callId });
    await memory.run();
    expect(records.records.map((record) => record.callId).sort()).toEqual([...ids].sort());
    const record = (id: string) => records.records.find((r) => r.callId === id)!;
    const expected = simulated(simulateCall(officeFlow(), officeCall()));
    for (const id of ['ok-1', 'ok-2', 'ok-3']) {
      expect(simulated(record(id))).toEqual(expected);
      expect(record(id).adapterErrors).toBeUndefined();
      expect(record(id).terminated).toBeUndefined();
    }

    expect(record('broken-ring')).toMatchObject({
      outcome: 'missed',
      missedReason: 'noAnswer',
      // Bob is not connected: skipped, never rung. Alice's leg could not be called.
      legs: [
        { node: 'team', agent: 'bob', status: 'NOT_CONNECTED' },
        { node: 'team', agent: 'alice', status: 'ERROR' },
      ],
      adapterErrors: [{ command: 'ring', message: 'originate failed' }],
    });
    expect(record('broken-ring').terminated).toBeUndefined();

    expect(record('broken-bridge')).toMatchObject({
      outcome: 'answered',
      answeredBy: 'alice',
      terminated: { reason: 'adapterFailed', message: 'bridge: bridge exploded synchronously' },
      adapterErrors: [{ command: 'bridge', message: 'bridge exploded synchronously' }],
    });
    expect(record('broken-bridge').durationSeconds).toBe(expected.waitSeconds);

    expect(record('stuck-answer')).toMatchObject({
      terminated: { reason: 'adapterFailed' },
      adapterErrors: [{ command: 'answer', message: 'command "answer" did not settle within 10000 ms' }],
    });
    expect(
      logs.entries.filter((entry) => entry.event === 'call.commandFailed').map((entry) => entry.callId),
    ).toEqual(['broken-ring', 'broken-bridge', 'stuck-answer']);
  });

  it('runs calls in progress on the version they started with, and new calls on the new version', async () => {
    const source = officeSource(officeFlow('one'));
    const { memory, records, runtime } = manualWorld({ source });
    await runtime.start();
    const first = Array.from({ length: 5 }, (_, i) =>
      memory.placeCall(officeCall({ talkSeconds: 120 }), { callId: `before-${i}` }),
    );
    // Mid-way: the calls are ringing Alice.
    await memory.run(START + 4_000);
    expect(runtime.activeCalls).toBe(5);
    expect(source.publish(officeFlow('two'))).toBe(2);
    const later = Array.from({ length: 5 }, (_, i) =>
      memory.placeCall(officeCall({ at: '2026-11-24T09:30:10+01:00' }), { callId: `after-${i}` }),
    );
    await memory.run();
    await Promise.all([...first, ...later]);
    expect(records.records).toHaveLength(10);
    for (const record of records.records) {
      const before = record.callId.startsWith('before-');
      expect(record).toMatchObject({
        flowVersion: before ? 1 : 2,
        path: [before ? 'welcome-one' : 'welcome-two', 'team'],
        outcome: 'answered',
      });
    }
  });

  it('shuts down gracefully: refuses new calls, lets short calls end, hangs up the rest at the timeout', async () => {
    const temp = await makeTempDir();
    try {
      const clock = new VirtualClock(START);
      const memory = createMemoryAdapter({ clock });
      const logs = captureLogs();
      const runtime = createRuntime({
        store: officeSource(),
        adapter: memory,
        records: createJsonLinesRecordSink({ dir: temp.dir }),
        logger: logs.logger,
      });
      await runtime.start();
      void memory.placeCall(officeCall({ talkSeconds: 20 }), { callId: 'short' });
      void memory.placeCall(officeCall({ talkSeconds: 3600 }), { callId: 'long' });
      await memory.run(START + 10_000);
      const done = runtime.shutdown({ timeoutMs: 60_000 });
      expect(runtime.state).toBe('shuttingDown');
      const refused = memory.placeCall(officeCall({ at: '2026-11-24T09:30:15+01:00' }), { callId: 'late' });
      await memory.run();
      await refused;
      const report = await done;
      expect(report).toEqual({ ended: 1, hungUp: 1, refused: 1 });
      expect(runtime.state).toBe('stopped');

      const { records, damaged } = await readCallRecords(temp.dir);
      expect(damaged).toEqual([]);
      const byId = Object.fromEntries(records.map((record) => [record.callId, record]));
      expect(Object.keys(byId).sort()).toEqual(['late', 'long', 'short']);
      expect(byId.short!.terminated).toBeUndefined();
      expect(byId.short!.outcome).toBe('answered');
      expect(byId.late).toMatchObject({
        outcome: 'rejected',
        flowId: null,
        terminated: { reason: 'shuttingDown' },
        path: [],
      });
      // The long call is hung up 60 s after the shutdown began, and keeps what happened before.
      expect(byId.long).toMatchObject({
        outcome: 'answered',
        answeredBy: 'alice',
        terminated: { reason: 'shutdownTimeout' },
        endedAt: new Date(START + 70_000).toISOString(),
      });
      // The adapter was stopped: it takes no more calls.
      await expect(memory.placeCall(officeCall())).rejects.toThrow('stopped');
      await expect(runtime.callEnded('never-seen')).rejects.toThrow('runtime stopped');
      expect(logs.entries.map((entry) => entry.event)).toContain('runtime.shutdownTimeout');
    } finally {
      await temp.remove();
    }
  });

  it('ends at once when no call is in progress, and returns the same promise when called twice', async () => {
    const { runtime } = manualWorld();
    await runtime.start();
    const first = runtime.shutdown();
    expect(runtime.shutdown({ timeoutMs: 1 })).toBe(first);
    await expect(first).resolves.toEqual({ ended: 0, hungUp: 0, refused: 0 });
  });

  it('refuses calls it cannot route, each with its record', async () => {
    const flow = officeFlow();
    const source = createMemoryFlowSource();
    source.publish(flow);
    source.route(LINE, flow.id);
    source.route('+33100000002', 'unpublished');
    source.route('+33100000003', 'invalid');
    const invalid = { ...officeFlow(), id: 'invalid', entry: 'nowhere' } as FlowDocument;
    source.publish(invalid);
    const failing: FlowSource = {
      routeNumber: (number) =>
        number === '+33100000004' ? Promise.reject(new Error('disk on fire')) : source.routeNumber(number),
      getPublished: (id) => source.getPublished(id),
    };
    const { memory, records, runtime } = manualWorld({ source: failing });
    await runtime.start();
    const numbers = ['+33100000001', '+33100000002', '+33100000003', '+33100000004'];
    for (const [i, to] of numbers.entries()) {
      void memory.placeCall({ ...officeCall(), call: { ...officeCall().call, to } }, { callId: `c${i + 1}` });
    }
    await memory.run();
    expect(
      records.records
        .map((record) => [record.callId, record.outcome, record.terminated?.reason, record.flowId])
        .sort(),
    ).toEqual([
      ['c1', 'rejected', 'noRoute', null],
      ['c2', 'rejected', 'notPublished', null],
      ['c3', 'rejected', 'invalidFlow', 'invalid'],
      ['c4', 'rejected', 'storeFailed', null],
    ]);
    expect(records.records.find((r) => r.callId === 'c4')!.terminated!.message).toBe('disk on fire');
    expect(memory.activeCalls).toBe(0);
  });

  it('throws when it has no agent directory', () => {
    const adapter = { ...createMemoryAdapter(), directory: undefined };
    expect(() =>
      createRuntime({ store: officeSource(), adapter, records: createMemoryRecordSink() }),
    ).toThrow('no agent directory');
  });
});

/** A hand-driven adapter: the test reports calls and events, and reads the commands. */
function scriptedAdapter() {
  const clock = new VirtualClock(START);
  const commands: Array<[string, EngineCommand]> = [];
  let host: AdapterHost | null = null;
  const record = async (call: AdapterCall, command: EngineCommand) => {
    commands.push([call.callId, command]);
  };
  const handlers: AdapterCommands = {
    answer: record,
    play: record,
    stopPlayback: record,
    collectDigits: record,
    ring: record,
    cancelLegs: record,
    bridge: record,
    forward: record,
    recordVoicemail: record,
    hangup: record,
    startRecording: record,
    stopRecording: record,
  };
  const adapter: CallAdapter = {
    name: 'scripted',
    clock,
    commands: handlers,
    async start(h) {
      host = h;
    },
    async stop() {},
  };
  return { adapter, clock, commands, host: () => host! };
}

describe('createRuntime with a hand-driven adapter', () => {
  it('keeps the events of a call being routed and delivers them once its session exists', async () => {
    const scripted = scriptedAdapter();
    const source = officeSource();
    let release: () => void = () => {};
    const slowSource: FlowSource = {
      routeNumber: (number) =>
        new Promise<string | undefined>((resolve) => {
          release = () => resolve(source.routeNumber(number) as string | undefined);
        }),
      getPublished: (id) => source.getPublished(id),
    };
    const records = createMemoryRecordSink();
    const runtime = createRuntime({
      store: slowSource,
      adapter: scripted.adapter,
      directory: createMemoryDirectory({ alice: 'available' }),
      records,
      logger: captureLogs().logger,
    });
    await runtime.start();
    const arrived = scripted.host().callArrived({ callId: 'c1', from: null, to: LINE });
    // The caller hangs up while the runtime is still looking up the flow; a call.started from the
    // adapter is ignored (the runtime sends it itself).
    scripted.host().callEvent('c1', { type: 'call.started' });
    scripted.host().callEvent('c1', { type: 'call.hungup' });
    expect(scripted.commands).toEqual([]);
    release();
    await arrived;
    const record = await runtime.callEnded('c1');
    expect(record).toMatchObject({
      outcome: 'abandoned',
      missedReason: 'callerHungUp',
      path: ['welcome-one'],
    });
    // The welcome message started, and nothing else: the caller was gone.
    expect(scripted.commands.map(([, command]) => command.type)).toEqual(['answer', 'play']);
  });

  it('ignores a duplicate call and the events of unknown calls, and logs them', async () => {
    const scripted = scriptedAdapter();
    const logs = captureLogs();
    const runtime = createRuntime({
      store: officeSource(),
      adapter: scripted.adapter,
      directory: createMemoryDirectory(),
      records: createMemoryRecordSink(),
      logger: logs.logger,
    });
    await runtime.start();
    await scripted.host().callArrived({ callId: 'c1', from: '+33612345678', to: LINE });
    await scripted.host().callArrived({ callId: 'c1', from: '+33612345678', to: LINE });
    scripted.host().callEvent('ghost', { type: 'dtmf', digit: '1' });
    expect(runtime.activeCalls).toBe(1);
    expect(
      logs.entries.filter((entry) => entry.level === 'warn').map((entry) => [entry.event, entry.callId]),
    ).toEqual([
      ['call.duplicate', 'c1'],
      ['call.unknown', 'ghost'],
    ]);
    scripted.host().callEvent('c1', { type: 'call.hungup' });
    await runtime.callEnded('c1');
  });

  it('logs one JSON line per call event, each with the call id', async () => {
    let text = '';
    const memory = createMemoryAdapter({ clock: new VirtualClock(START) });
    const runtime = createRuntime({
      store: officeSource(),
      adapter: memory,
      records: createMemoryRecordSink(),
      logger: createJsonLogger({ write: (chunk: string) => (text += chunk) }),
    });
    await runtime.start();
    void memory.placeCall(officeCall(), { callId: 'c1' });
    void memory.placeCall(officeCall(), { callId: 'c2' });
    await memory.run();
    await runtime.shutdown();
    const lines = text.trimEnd().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        time: expect.any(String),
        level: expect.any(String),
        event: expect.any(String),
      });
      if (String(entry.event).startsWith('call.') || entry.event === 'record.written') {
        expect(['c1', 'c2']).toContain(entry.callId);
      }
    }
    const ofCall = (callId: string) =>
      entries.filter((entry) => entry.callId === callId).map((entry) => entry.event);
    for (const callId of ['c1', 'c2']) {
      const events = ofCall(callId);
      expect(events.slice(0, 3)).toEqual(['call.arrived', 'call.routed', 'call.event']);
      expect(events.slice(-2)).toEqual(['call.ended', 'record.written']);
      expect(events).toContain('call.command');
    }
    // Every event of the PBX and every command of the engine is a line.
    const c1 = entries.filter((entry) => entry.callId === 'c1');
    expect(
      c1
        .filter((entry) => entry.event === 'call.event')
        .map((entry) => (entry.engineEvent as { type: string }).type),
    ).toEqual(['call.started', 'playback.finished', 'leg.ringing', 'leg.answered', 'bridge.ended']);
    expect(entries.at(0)).toMatchObject({ event: 'runtime.started', adapter: 'memory' });
    expect(entries.at(-1)).toMatchObject({ event: 'runtime.stopped' });
  });
});
