import { describe, expect, it } from 'vitest';
import {
  CALL_AT,
  CALLER,
  drive,
  eventsOf,
  makeFlow,
  nodeFlow,
  ofType,
  outNode,
  simulate,
  types,
  type Driver,
  type TestScenario,
} from '../../test/engine-harness.js';
import { compileFlow } from './compile.js';
import { createCallSession } from './session.js';
import { VirtualClock } from '../simulate/virtual-clock.js';
import type { CallResult, EngineCommand, EngineEvent } from './types.js';
import type { FlowDocument } from '../document/schema.js';

const AGENTS = [{ id: 'alice' }, { id: 'bob' }, { id: 'carol' }];
const hello = { kind: 'announcement', config: { sound: 'hello' } };

/** Sends, after the end, every kind of event a late PBX could report; returns the commands. */
function lateEvents(driver: Driver): EngineCommand[] {
  const events: EngineEvent[] = [
    { type: 'call.started' },
    { type: 'call.hungup' },
    { type: 'playback.finished', playbackId: 'pb1' },
    { type: 'dtmf', digit: '1' },
    { type: 'leg.ringing', legId: 'leg1' },
    { type: 'leg.answered', legId: 'leg1' },
    { type: 'leg.answered', legId: 'leg2' },
    { type: 'leg.failed', legId: 'leg1', reason: 'busy' },
    { type: 'bridge.ended', legId: 'leg1' },
    { type: 'voicemail.recorded', recordingId: 'vm1', seconds: 3 },
  ];
  return [...events.flatMap((event) => driver.send(event)), ...driver.advance(3600)];
}

describe('session: callers the flow refuses', () => {
  const flow = (settings: Record<string, unknown>) =>
    makeFlow({ settings, nodes: [{ id: 'welcome', ...hello }] });

  it('rejects an anonymous caller when settings.anonymous is reject', () => {
    const driver = drive(flow({ anonymous: 'reject' }), { from: null });
    expect(driver.begin()).toEqual([{ type: 'hangup', cause: 'rejected' }]);
    const result = driver.result();
    expect(result.outcome).toBe('rejected');
    expect(result.missedReason).toBe('rejected');
    expect(result.path).toEqual([]);
    expect(result.legs).toEqual([]);
    expect(result.waitSeconds).toBe(0);
    expect(eventsOf(result, 'call.rejected')).toMatchObject([{ reason: 'anonymous' }]);
    expect(lateEvents(driver)).toEqual([]);
  });

  it('lets an anonymous caller in when settings.anonymous is allow', () => {
    const { result } = simulate(flow({ anonymous: 'allow', blocked: ['+3*'] }), { call: { from: null } });
    expect(result.outcome).toBe('completed');
    expect(result.path).toEqual(['welcome']);
  });

  it.each([
    ['an exact number', '+33899123456'],
    ['a prefix', '+33899*'],
  ])('rejects a caller blocked by %s', (_, pattern) => {
    const { result, commands } = simulate(flow({ blocked: ['+33100000000', pattern] }), {
      call: { from: '+33899123456' },
    });
    expect(commands).toEqual([{ type: 'hangup', cause: 'rejected' }]);
    expect(result.outcome).toBe('rejected');
    expect(result.missedReason).toBe('rejected');
    expect(result.path).toEqual([]);
    expect(eventsOf(result, 'call.rejected')).toMatchObject([{ reason: 'blocked' }]);
  });

  it('lets in a caller who matches no blocked pattern', () => {
    const { result } = simulate(flow({ blocked: ['+33612345679', '+33613*'] }), {});
    expect(result.outcome).toBe('completed');
  });
});

describe('session: recording (settings.recording)', () => {
  const recorded = (recording: Record<string, unknown>) =>
    makeFlow({
      settings: { recording: { enabled: true, ...recording } },
      sounds: [{ id: 'rec-notice', tts: { text: 'This call may be recorded' } }],
      nodes: [{ id: 'welcome', ...hello }],
    });

  it('answers, records from the start and plays the notice before the entry node', () => {
    // docs/flow-format.md: "announcement: the sound telling the caller the call is recorded";
    // examples/ringover-standard: the notice plays before the first node.
    const driver = drive(recorded({ announcement: 'rec-notice', optOutDigit: '*' }));
    expect(driver.begin()).toEqual([
      { type: 'answer' },
      { type: 'startRecording', optOutDigit: '*' },
      {
        type: 'play',
        playbackId: 'pb1',
        sound: { kind: 'tts', text: 'This call may be recorded', language: 'fr-FR', id: 'rec-notice' },
        early: false,
      },
    ]);
    expect(driver.send({ type: 'playback.finished', playbackId: 'other' })).toEqual([]);
    // The entry node starts once the notice has ended; the call is not answered twice.
    expect(driver.finishPlayback()).toMatchObject([
      { type: 'play', playbackId: 'pb2', sound: { id: 'hello' } },
    ]);
    expect(driver.finishPlayback()).toEqual([{ type: 'hangup', cause: 'normal' }]);
    const result = driver.result();
    expect(result.recording).toEqual({ optedOut: false });
    expect(result.path).toEqual(['welcome']);
    expect(eventsOf(result, 'recording.started')).toHaveLength(1);
  });

  it('the opt-out key during the notice stops the recording, once', () => {
    const driver = drive(recorded({ announcement: 'rec-notice', optOutDigit: '*' }));
    driver.begin();
    expect(driver.send({ type: 'dtmf', digit: '1' })).toEqual([]);
    expect(driver.send({ type: 'dtmf', digit: '*' })).toEqual([{ type: 'stopRecording' }]);
    expect(driver.send({ type: 'dtmf', digit: '*' })).toEqual([]);
    driver.finishPlayback();
    driver.finishPlayback();
    expect(driver.result().recording).toEqual({ optedOut: true });
    expect(eventsOf(driver.result(), 'recording.optedOut')).toHaveLength(1);
  });

  it('without a notice, records and goes straight to the entry node, offering no opt-out key', () => {
    // docs/decisions.md: the opt-out key is offered only by the notice.
    const driver = drive(recorded({ optOutDigit: '*' }));
    expect(driver.begin()).toMatchObject([
      { type: 'answer' },
      { type: 'startRecording', optOutDigit: null },
      { type: 'play', sound: { id: 'hello' } },
    ]);
    expect(driver.send({ type: 'dtmf', digit: '*' })).toEqual([]);
    driver.finishPlayback();
    expect(driver.result().recording).toEqual({ optedOut: false });
  });

  it('in a simulation, caller.optOutOfRecording presses the key during the notice', () => {
    const flow = recorded({ announcement: 'rec-notice', optOutDigit: '#' });
    const { result, trace } = simulate(flow, { caller: { optOutOfRecording: true } });
    expect(trace.filter((l) => l.command?.type === 'stopRecording')).toEqual([
      { t: 1, command: { type: 'stopRecording' } },
    ]);
    expect(result.recording).toEqual({ optedOut: true });
    expect(simulate(flow).result.recording).toEqual({ optedOut: false });
  });

  it('in a simulation without a notice, optOutOfRecording presses no key into the entry node', () => {
    // scenario.ts: optOutOfRecording "presses the flow's opt-out key during the recording notice";
    // with no notice there is no such moment, and the key must not reach the first menu.
    const flow = makeFlow({
      settings: { recording: { enabled: true, optOutDigit: '*' } },
      nodes: [{ id: 'menu', kind: 'menu', config: { prompt: 'hello', options: { '1': { label: 'One' } } } }],
    });
    const { result, commands } = simulate(flow, { caller: { optOutOfRecording: true, inputs: ['1'] } });
    expect(eventsOf(result, 'digit.received').map((e) => e.digit)).toEqual(['1']);
    expect(ofType(commands, 'play')).toHaveLength(1);
  });

  it('a caller who hangs up during the notice has abandoned the call', () => {
    const driver = drive(recorded({ announcement: 'rec-notice' }));
    driver.begin();
    driver.advance(2);
    expect(driver.hangUp()).toEqual([]);
    expect(driver.result()).toMatchObject({ outcome: 'abandoned', path: [], waitSeconds: 2 });
    expect(lateEvents(driver)).toEqual([]);
  });

  it('refused callers are refused before any recording', () => {
    const flow = makeFlow({
      settings: { anonymous: 'reject', recording: { enabled: true, announcement: 'hello' } },
      nodes: [{ id: 'welcome', ...hello }],
    });
    expect(simulate(flow, { call: { from: null } }).commands).toEqual([
      { type: 'hangup', cause: 'rejected' },
    ]);
  });

  it('a flow that does not record sends no recording command and says nothing of it', () => {
    const { result, commands } = simulate(makeFlow({ nodes: [{ id: 'welcome', ...hello }] }));
    expect(types(commands)).toEqual(['answer', 'play', 'hangup']);
    expect(result.recording).toBeUndefined();
  });

  it('a session resumed during the notice goes on to the entry node', () => {
    const driver = drive(recorded({ announcement: 'rec-notice', optOutDigit: '*' }));
    driver.begin();
    driver.resume();
    expect(driver.send({ type: 'dtmf', digit: '*' })).toEqual([{ type: 'stopRecording' }]);
    expect(driver.finishPlayback()).toMatchObject([{ type: 'play', sound: { id: 'hello' } }]);
  });
});

describe('session: flow settings', () => {
  it('labels and positions never change what a call does', () => {
    const base = {
      agents: AGENTS,
      nodes: [
        { id: 'menu', kind: 'menu', config: { prompt: 'hello', options: { '1': { label: 'One' } } } },
        { id: 'ring', kind: 'ringGroup', config: { members: [{ agent: 'alice' }] } },
      ],
      edges: [['menu', '1', 'ring']] as const,
    };
    const plain = makeFlow(base);
    const moved: FlowDocument = {
      ...plain,
      nodes: plain.nodes.map((n, i) => ({ ...n, label: `Step ${i}`, position: { x: 500 * i, y: -40 } })),
    };
    const scenario: TestScenario = { agents: { alice: {} }, caller: { inputs: ['1'] } };
    expect(simulate(moved, scenario)).toEqual(simulate(plain, scenario));
  });
});

describe('session: maxSteps', () => {
  it('ends a looping call cleanly, with a call.maxStepsReached event', () => {
    const flow = makeFlow({
      settings: { maxSteps: 3 },
      agents: AGENTS,
      nodes: [{ id: 'ring', kind: 'ringGroup', config: { members: [{ agent: 'alice' }], ringSeconds: 10 } }],
      edges: [['ring', 'noAnswer', 'ring']],
    });
    const driver = drive(flow, { presences: { alice: 'available' } });
    driver.begin();
    driver.advance(20);
    expect(driver.advance(10)).toEqual([
      { type: 'cancelLegs', legIds: ['leg3'], reason: 'timeout' },
      { type: 'hangup', cause: 'normal' },
    ]);
    const result = driver.result();
    expect(result.path).toEqual(['ring', 'ring', 'ring']);
    expect(eventsOf(result, 'call.maxStepsReached')).toMatchObject([{ node: 'ring', maxSteps: 3 }]);
    expect(result.outcome).toBe('missed');
    expect(result.missedReason).toBe('noAnswer');
    expect(result.legs).toHaveLength(3);
    expect(ofType(driver.commands, 'ring')).toHaveLength(3);
    expect(lateEvents(driver)).toEqual([]);
  });

  it('counts every node entry, a menu asking again by looping on itself included', () => {
    const flow = makeFlow({
      settings: { maxSteps: 4 },
      nodes: [
        { id: 'welcome', ...hello },
        {
          id: 'menu',
          kind: 'menu',
          config: { prompt: 'hello', options: { '1': { label: 'One' } }, attempts: 1 },
        },
      ],
      edges: [
        ['welcome', 'next', 'menu'],
        ['menu', 'timeout', 'menu'],
      ],
    });
    const { result } = simulate(flow, {});
    expect(result.path).toEqual(['welcome', 'menu', 'menu', 'menu']);
    expect(eventsOf(result, 'call.maxStepsReached')).toHaveLength(1);
    expect(result.events.at(-1)).toMatchObject({ type: 'call.ended' });
  });
});

describe('session: the caller hangs up', () => {
  it('during an announcement: abandoned, waited until then, nothing sent after', () => {
    const driver = drive(nodeFlow('announcement', { sound: 'hold' }));
    driver.begin();
    driver.advance(4);
    expect(driver.hangUp()).toEqual([]);
    const result = driver.result();
    expect(result.outcome).toBe('abandoned');
    expect(result.missedReason).toBe('callerHungUp');
    expect(result.waitSeconds).toBe(4);
    expect(result.durationSeconds).toBe(4);
    expect(eventsOf(result, 'call.hungup')).toMatchObject([{ node: 'n', by: 'caller' }]);
    expect(lateEvents(driver)).toEqual([]);
  });

  it('during a menu, while it waits for a key', () => {
    const driver = drive(
      nodeFlow('menu', { prompt: 'hello', options: { '1': { label: 'One' } } }, { ports: ['1', 'timeout'] }),
    );
    driver.begin();
    driver.finishPlayback();
    driver.advance(2);
    expect(driver.hangUp()).toEqual([]);
    expect(driver.result()).toMatchObject({ outcome: 'abandoned', waitSeconds: 2, path: ['n'] });
    expect(lateEvents(driver)).toEqual([]);
  });

  it('while ringing: every ringing leg is cancelled, the call is abandoned', () => {
    const flow = nodeFlow(
      'ringGroup',
      { members: [{ agent: 'alice' }, { agent: 'bob' }, { agent: 'carol' }] },
      {
        agents: AGENTS,
      },
    );
    const driver = drive(flow, { presences: { alice: 'available', bob: 'available' } });
    driver.begin();
    driver.advance(7);
    expect(driver.hangUp()).toEqual([
      { type: 'cancelLegs', legIds: ['leg1', 'leg2'], reason: 'callerHungUp' },
    ]);
    const result = driver.result();
    expect(result.outcome).toBe('abandoned');
    expect(result.missedReason).toBe('callerHungUp');
    expect(result.waitSeconds).toBe(7);
    expect(result.legs).toEqual([
      { node: 'n', agent: 'carol', status: 'NOT_CONNECTED' },
      { node: 'n', agent: 'alice', status: 'NO_ANSWER', ringSeconds: 7 },
      { node: 'n', agent: 'bob', status: 'NO_ANSWER', ringSeconds: 7 },
    ]);
    // The ring timer is gone, and a late answer neither bridges nor sends anything.
    expect(lateEvents(driver)).toEqual([]);
    expect(driver.result()).toEqual(result);
  });

  it('while ringing in cascade: only the leg ringing now is cancelled', () => {
    const { result, trace } = simulate(
      nodeFlow(
        'ringGroup',
        { members: [{ agent: 'alice' }, { agent: 'bob' }], strategy: 'cascade', ringSeconds: 10 },
        {
          agents: AGENTS,
        },
      ),
      {
        agents: { alice: { answer: 'never' }, bob: { answer: 'never' } },
        caller: { hangupAfterSeconds: 15 },
      },
    );
    expect(trace.filter((l) => l.command?.type === 'cancelLegs')).toEqual([
      { t: 10, command: { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' } },
      { t: 15, command: { type: 'cancelLegs', legIds: ['leg2'], reason: 'callerHungUp' } },
    ]);
    expect(result.outcome).toBe('abandoned');
    expect(result.waitSeconds).toBe(15);
    expect(trace.at(-1)).toEqual({
      t: 15,
      command: { type: 'cancelLegs', legIds: ['leg2'], reason: 'callerHungUp' },
    });
  });

  it('while bridged: the call stays answered, waitSeconds is the wait before the answer', () => {
    const driver = drive(
      nodeFlow('ringGroup', { members: [{ agent: 'alice' }, { agent: 'bob' }] }, { agents: AGENTS }),
      {
        presences: { alice: 'available', bob: 'available' },
      },
    );
    driver.begin();
    driver.advance(5);
    driver.send({ type: 'leg.answered', legId: 'leg2' });
    driver.advance(40);
    expect(driver.hangUp()).toEqual([]);
    const result = driver.result();
    expect(result).toMatchObject({
      outcome: 'answered',
      answeredBy: 'bob',
      missedReason: null,
      waitSeconds: 5,
      durationSeconds: 45,
    });
    expect(result.legs).toEqual([
      { node: 'n', agent: 'bob', status: 'ANSWERED', ringSeconds: 5 },
      { node: 'n', agent: 'alice', status: 'CALL_ANSWERED', ringSeconds: 5 },
    ]);
    expect(lateEvents(driver)).toEqual([]);
  });

  it('during a poll after the conversation: answered, with the answers given so far', () => {
    const flow = makeFlow({
      agents: AGENTS,
      nodes: [
        { id: 'ring', kind: 'ringGroup', config: { members: [{ agent: 'alice' }] } },
        {
          id: 'poll',
          kind: 'poll',
          config: {
            id: 'sat',
            questions: [
              { id: 'q1', prompt: 'hello' },
              { id: 'q2', prompt: 'hello' },
            ],
          },
        },
      ],
      edges: [['ring', 'afterCall', 'poll']],
    });
    const { result, trace } = simulate(flow, {
      agents: { alice: { answerAfterSeconds: 3 } },
      talkSeconds: 20,
      caller: { inputs: ['4'], hangupAfterSeconds: 26 },
    });
    expect(result).toMatchObject({
      outcome: 'answered',
      answeredBy: 'alice',
      waitSeconds: 3,
      durationSeconds: 26,
    });
    expect(result.polls).toEqual([{ poll: 'sat', question: 'q1', value: 4, agent: 'alice' }]);
    expect(trace.filter((l) => l.t >= 26 && l.command)).toEqual([]);
  });

  it('during a poll with nobody bridged before: abandoned', () => {
    const { result } = simulate(nodeFlow('poll', { id: 'sat', questions: [{ id: 'q1', prompt: 'hold' }] }), {
      caller: { hangupAfterSeconds: 3 },
    });
    expect(result.outcome).toBe('abandoned');
    expect(result.polls).toEqual([]);
  });

  it('during the voicemail recording: the message is kept, outcome voicemail', () => {
    const driver = drive(nodeFlow('voicemail', { mailbox: 'shared', greeting: 'hello' }));
    driver.begin();
    driver.advance(1);
    driver.finishPlayback();
    driver.advance(14);
    expect(driver.hangUp()).toEqual([]);
    const result = driver.result();
    expect(result.outcome).toBe('voicemail');
    expect(result.missedReason).toBeNull();
    expect(result.voicemail).toEqual({ mailbox: 'shared', seconds: 14 });
    expect(result.waitSeconds).toBe(15);
    expect(lateEvents(driver)).toEqual([]);
  });

  it('during a forward: the leg is cancelled, the call is abandoned', () => {
    const driver = drive(nodeFlow('forward', { number: '+33699999999' }));
    driver.begin();
    driver.advance(12);
    expect(driver.hangUp()).toEqual([{ type: 'cancelLegs', legIds: ['leg1'], reason: 'callerHungUp' }]);
    const result = driver.result();
    expect(result).toMatchObject({ outcome: 'abandoned', missedReason: 'callerHungUp', waitSeconds: 12 });
    expect(result.legs).toEqual([
      { node: 'n', number: '+33699999999', status: 'NO_ANSWER', ringSeconds: 12 },
    ]);
    expect(lateEvents(driver)).toEqual([]);
  });

  it('during a forwarded conversation: forwarded', () => {
    const driver = drive(nodeFlow('forward', { number: '+33699999999' }));
    driver.begin();
    driver.advance(2);
    driver.send({ type: 'leg.answered', legId: 'leg1' });
    driver.advance(10);
    expect(driver.hangUp()).toEqual([]);
    expect(driver.result()).toMatchObject({
      outcome: 'forwarded',
      answeredBy: '+33699999999',
      waitSeconds: 2,
    });
  });

  it('after the flow gave a reason (closed), the call is missed for that reason, not abandoned', () => {
    const flow = makeFlow({
      schedules: [{ id: 'never', name: 'Never open' }],
      nodes: [
        { id: 'hours', kind: 'businessHours', config: { schedule: 'never' } },
        { id: 'closed', kind: 'announcement', config: { sound: 'hold' } },
      ],
      edges: [['hours', 'closed', 'closed']],
    });
    const { result } = simulate(flow, { caller: { hangupAfterSeconds: 3 } });
    expect(result).toMatchObject({ outcome: 'missed', missedReason: 'closed', waitSeconds: 3 });
  });

  it.each([
    ['a forward', { kind: 'forward', config: { number: '+33699999999' } }],
    ['another ring group', { kind: 'ringGroup', config: { members: [{ number: '+33699999999' }] } }],
  ])('while %s rings after a first group did not answer: abandoned (DESIGN 4), not missed', (_, overflow) => {
    // The business is still trying to reach the caller when they give up (docs/decisions.md:
    // "abandonment statistics count callers who gave up while the business was still trying").
    const flow = makeFlow({
      agents: AGENTS,
      nodes: [
        { id: 'team', kind: 'ringGroup', config: { members: [{ agent: 'alice' }], ringSeconds: 10 } },
        { id: 'backup', ...overflow },
      ],
      edges: [['team', 'noAnswer', 'backup']],
    });
    const { result, trace } = simulate(flow, {
      agents: { alice: { answer: 'never' } },
      caller: { hangupAfterSeconds: 15 },
    });
    expect(trace.at(-1)).toEqual({
      t: 15,
      command: { type: 'cancelLegs', legIds: ['leg2'], reason: 'callerHungUp' },
    });
    expect(result.outcome).toBe('abandoned');
    expect(result.missedReason).toBe('callerHungUp');
  });

  it('before the call has started, a hang-up ends it at once as abandoned, with no command', () => {
    // The caller gave up while the PBX was still setting the call up (docs/decisions.md).
    const driver = drive(nodeFlow('announcement', { sound: 'hello' }, { ports: ['next'] }));
    expect(driver.hangUp()).toEqual([]);
    expect(driver.session.result()).toMatchObject({
      outcome: 'abandoned',
      missedReason: 'callerHungUp',
      path: [],
    });
    expect(driver.begin()).toEqual([]);
  });
});

describe('session: events', () => {
  it('result() is null and ended false until the end; onEnd is called once with the result', () => {
    const driver = drive(nodeFlow('announcement', { sound: 'hello' }));
    expect(driver.session.result()).toBeNull();
    driver.begin();
    expect(driver.session.result()).toBeNull();
    expect(driver.session.ended).toBe(false);
    driver.finishPlayback();
    expect(driver.session.ended).toBe(true);
    expect(driver.ends).toEqual([driver.result()]);
    lateEvents(driver);
    expect(driver.ends).toHaveLength(1);
  });

  it('ignores events after the end: no command, the same result', () => {
    const driver = drive(nodeFlow('announcement', { sound: 'hello' }));
    driver.begin();
    driver.finishPlayback();
    const result = structuredClone(driver.result());
    expect(lateEvents(driver)).toEqual([]);
    expect(driver.result()).toEqual(result);
  });

  it('ignores events of unknown types, and values that are not events', () => {
    const driver = drive(nodeFlow('ringGroup', { members: [{ agent: 'alice' }] }, { agents: AGENTS }), {
      presences: { alice: 'available' },
    });
    driver.begin();
    const before = JSON.stringify(driver.session.snapshot());
    const junk = [
      { type: 'leg.exploded', legId: 'leg1' },
      // An adapter cannot fire the engine's own timers.
      { type: 'timer', name: 'ring' },
      { type: 'exit.noAnswer' },
      { type: 'flow.hangup' },
      { type: 'xstate.stop' },
      { type: '*' },
      { type: 'toString' },
      {},
      null,
      'call.hungup',
      42,
    ];
    for (const event of junk) expect(driver.send(event as unknown as EngineEvent)).toEqual([]);
    expect(JSON.stringify(driver.session.snapshot())).toBe(before);
    expect(driver.session.ended).toBe(false);
  });

  it('a second call.started changes nothing', () => {
    const driver = drive(nodeFlow('announcement', { sound: 'hello' }));
    driver.begin();
    expect(driver.begin()).toEqual([]);
    expect(driver.finishPlayback()).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(driver.result().path).toEqual(['n']);
  });

  it('events sent by an adapter from inside onCommand are handled in order, after the current step', () => {
    const flow = nodeFlow('announcement', { sound: 'hello', loops: 2 });
    const clock = new VirtualClock(Date.parse(CALL_AT));
    const seen: EngineCommand[] = [];
    const session = createCallSession(compileFlow(flow), {
      call: { callId: 'sync', from: CALLER, to: '+33180000000', startedAt: clock.now() },
      clock,
      directory: { presence: () => 'offline' },
      onCommand: (command) => {
        seen.push(command);
        if (command.type === 'play')
          session.send({ type: 'playback.finished', playbackId: command.playbackId });
      },
    });
    session.send({ type: 'call.started' });
    expect(types(seen)).toEqual(['answer', 'play', 'play', 'hangup']);
    expect(session.ended).toBe(true);
  });
});

describe('session: snapshots', () => {
  const cascade = () =>
    nodeFlow(
      'ringGroup',
      {
        members: [{ agent: 'alice' }, { agent: 'bob' }],
        strategy: 'cascade',
        ringSeconds: 20,
        music: 'hold',
      },
      { agents: AGENTS, ports: ['noAnswer'] },
    );

  /** Rings alice (no answer) then bob, who answers at 25 s; resumes from a snapshot at `resumeAt`. */
  function run(resumeAt?: number) {
    const driver = drive(cascade(), { presences: { alice: 'available', bob: 'available' } });
    driver.begin();
    driver.advance(7);
    if (resumeAt === 7) driver.resume();
    driver.advance(18);
    if (resumeAt === 25) driver.resume();
    driver.send({ type: 'leg.answered', legId: 'leg2' });
    driver.advance(30);
    driver.send({ type: 'bridge.ended', legId: 'leg2' });
    return driver;
  }

  it('a session resumed while ringing, its ring timer pending, goes on exactly as the original', () => {
    const original = run();
    const resumed = run(7);
    expect(resumed.log).toEqual(original.log);
    expect(resumed.result()).toEqual(original.result());
    expect(original.result()).toMatchObject({ answeredBy: 'bob', waitSeconds: 25 });
    expect(resumed.log.find((l) => l.command.type === 'cancelLegs')).toEqual({
      t: 20,
      command: { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' },
    });
  });

  it('a session resumed while bridged goes on exactly as the original', () => {
    const original = run();
    const resumed = run(25);
    expect(resumed.log).toEqual(original.log);
    expect(resumed.result()).toEqual(original.result());
  });

  it('a resumed session fires at once a timer that fell due while it was down', () => {
    const driver = drive(cascade(), { presences: { alice: 'available', bob: 'available' } });
    driver.begin();
    driver.advance(7);
    const snapshot = driver.snapshot();
    driver.session.dispose();
    // The host is down from 7 s to 31 s; the ring time ran out at 20 s.
    expect(driver.advance(24)).toEqual([]);
    driver.resume(snapshot);
    expect(driver.advance(0)).toMatchObject([
      { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' },
      { type: 'ring', legs: [{ legId: 'leg2', target: { agent: 'bob' } }] },
    ]);
    expect(driver.log.at(-1)!.t).toBe(31);
    // Bob's own ring time counts from when he was rung.
    expect(driver.advance(19.999)).toEqual([]);
    expect(driver.advance(0.001)).toEqual([
      { type: 'cancelLegs', legIds: ['leg2'], reason: 'timeout' },
      { type: 'hangup', cause: 'normal' },
    ]);
  });

  it('a session resumed in a menu keeps its digit timeout and its attempts', () => {
    const flow = nodeFlow(
      'menu',
      { prompt: 'hello', options: { '1': { label: 'One' } }, attempts: 2, timeoutSeconds: 5 },
      { ports: ['1', 'timeout', 'invalid'] },
    );
    const driver = drive(flow);
    driver.begin();
    driver.send({ type: 'dtmf', digit: '9' }); // attempt 2 starts
    driver.finishPlayback();
    driver.advance(3);
    driver.resume();
    expect(driver.advance(1.999)).toEqual([]);
    expect(driver.advance(0.001)).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(driver.result().path).toEqual(['n', outNode('timeout')]);
  });

  it('a disposed session fires no timer', () => {
    const driver = drive(cascade(), { presences: { alice: 'available' } });
    driver.begin();
    driver.session.dispose();
    expect(driver.advance(600)).toEqual([]);
    expect(driver.session.result()).toBeNull();
  });

  it('a snapshot is plain JSON, tagged with its format and flow', () => {
    const driver = drive(cascade(), { presences: { alice: 'available' } });
    driver.begin();
    const snapshot = driver.session.snapshot();
    expect(snapshot.format).toBe('ringflow.session/v1');
    expect(snapshot.flowId).toBe('test-flow');
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('refuses a snapshot of another flow', () => {
    const driver = drive(cascade(), { presences: { alice: 'available' } });
    driver.begin();
    const snapshot = driver.snapshot();
    const other = makeFlow({ id: 'other-flow', nodes: [{ id: 'n', ...hello }] });
    const clock = new VirtualClock(Date.parse(CALL_AT));
    expect(() =>
      createCallSession(compileFlow(other), {
        call: { callId: 'c', from: CALLER, to: '+33180000000', startedAt: clock.now() },
        clock,
        directory: { presence: () => 'available' },
        onCommand: () => {},
        snapshot,
      }),
    ).toThrow(TypeError);
  });

  it('a session resumed from the snapshot of an ended call is ended, with its result', () => {
    const driver = drive(nodeFlow('hangup', {}));
    driver.begin();
    const result = driver.result();
    driver.resume();
    expect(driver.session.ended).toBe(true);
    expect(driver.session.result()).toEqual(result);
  });

  const scenarios: Array<[string, FlowDocument, TestScenario]> = [
    [
      'ring group, cascade with repeat, skip and TOOLATE',
      nodeFlow(
        'ringGroup',
        {
          members: [{ agent: 'alice' }, { agent: 'bob' }, { agent: 'carol' }],
          strategy: 'cascade',
          ringSeconds: 10,
          repeat: 1,
        },
        { agents: AGENTS },
      ),
      { agents: { alice: { answerAfterSeconds: 10 }, bob: { answer: 'never' } } },
    ],
    [
      'menu with retries into a poll',
      nodeFlow(
        'menu',
        { prompt: 'hello', options: { '1': { label: 'One' } }, invalidPrompt: 'bye' },
        {
          nodes: [
            { id: 'poll', kind: 'poll', config: { id: 'p', questions: [{ id: 'q', prompt: 'hello' }] } },
          ],
          edges: [['n', '1', 'poll']],
        },
      ),
      { caller: { inputs: ['7', null, '1', '9', '3'] } },
    ],
    [
      'forward with no answer into voicemail',
      nodeFlow(
        'forward',
        { number: '+33699999999', ringSeconds: 15 },
        {
          nodes: [{ id: 'vm', kind: 'voicemail', config: { mailbox: 'm', greeting: 'hello' } }],
          edges: [['n', 'noAnswer', 'vm']],
        },
      ),
      {},
    ],
    [
      'simultaneous ring, two answers in the same second, then afterCall',
      nodeFlow(
        'ringGroup',
        { members: [{ agent: 'alice' }, { agent: 'bob' }] },
        {
          agents: AGENTS,
          nodes: [{ id: 'bye', kind: 'hangup', config: { sound: 'bye' } }],
          edges: [['n', 'afterCall', 'bye']],
        },
      ),
      { agents: { alice: {}, bob: {} } },
    ],
  ];

  scenarios.push(
    [
      'caller hanging up while leaving a message',
      nodeFlow('voicemail', { mailbox: 'm', greeting: 'hello' }),
      { caller: { hangupAfterSeconds: 9 } },
    ],
    [
      'recording notice with opt-out, then a menu',
      makeFlow({
        settings: { recording: { enabled: true, announcement: 'hold', optOutDigit: '*' } },
        nodes: [
          { id: 'menu', kind: 'menu', config: { prompt: 'hello', options: { '1': { label: 'One' } } } },
        ],
      }),
      { caller: { optOutOfRecording: true, inputs: ['1'] } },
    ],
    [
      'caller hanging up while ringing',
      nodeFlow('ringGroup', { members: [{ agent: 'alice' }, { agent: 'bob' }] }, { agents: AGENTS }),
      { agents: { alice: { answer: 'never' } }, caller: { hangupAfterSeconds: 9 } },
    ],
  );

  it('a session resumed from a snapshot taken before the start starts normally', () => {
    const driver = drive(nodeFlow('announcement', { sound: 'hello' }));
    driver.resume();
    expect(types(driver.begin())).toEqual(['answer', 'play']);
    expect(driver.finishPlayback()).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(driver.result().path).toEqual(['n']);
  });

  it.each(scenarios)('resuming after every event changes nothing: %s', (_, flow, scenario) => {
    const plain = simulate(flow, scenario);
    const resumed = simulate(flow, scenario, { resumeAtEveryStep: true });
    expect(resumed.result).toEqual(plain.result);
    expect(resumed.trace).toEqual(plain.trace);
  });
});

describe('compileFlow', () => {
  it('returns the same compiled flow for the same flow object', () => {
    const flow = nodeFlow('hangup', {});
    const compiled = compileFlow(flow);
    expect(compileFlow(flow)).toBe(compiled);
    expect(compiled.flow.id).toBe('test-flow');
  });

  it('throws a TypeError for a flow with errors', () => {
    const valid = nodeFlow('hangup', {});
    const invalid = { ...valid, entry: 'missing' } as FlowDocument;
    expect(() => compileFlow(invalid)).toThrow(TypeError);
    const badKind = {
      ...valid,
      nodes: [{ id: 'n', kind: 'teleport', config: {} }],
    } as unknown as FlowDocument;
    expect(() => compileFlow(badKind)).toThrow(/errors/);
  });
});

describe('session: a step that fails', () => {
  it('hangs up cleanly with an engine.error event instead of leaving the caller in silence', () => {
    const flow = makeFlow({
      agents: AGENTS,
      nodes: [
        { id: 'hello', kind: 'announcement', config: { sound: 'hello' } },
        { id: 'team', kind: 'ringGroup', config: { members: [{ agent: 'alice' }] } },
      ],
      edges: [['hello', 'next', 'team']],
    });
    const commands: EngineCommand[] = [];
    const ends: CallResult[] = [];
    const clock = new VirtualClock(Date.parse('2026-11-24T09:30:00+01:00'));
    const session = createCallSession(compileFlow(flow), {
      call: { callId: 'c1', from: '+33612345678', to: '+33180000000', startedAt: clock.now() },
      clock,
      // An adapter's directory that fails when the ring group asks who is available.
      directory: {
        presence: () => {
          throw new Error('directory down');
        },
      },
      onCommand: (command) => commands.push(command),
      onEnd: (result) => ends.push(result),
    });
    session.send({ type: 'call.started' });
    const play = commands.find((c) => c.type === 'play') as Extract<EngineCommand, { type: 'play' }>;
    session.send({ type: 'playback.finished', playbackId: play.playbackId });
    expect(commands.at(-1)).toEqual({ type: 'hangup', cause: 'normal' });
    expect(session.ended).toBe(true);
    expect(ends).toHaveLength(1);
    expect(ends[0]!.events.find((e) => e.type === 'engine.error')).toMatchObject({
      node: 'team',
      message: 'directory down',
    });
    // Nothing more is sent for this call, and nothing escapes as an uncaught exception.
    const before = commands.length;
    session.send({ type: 'call.hungup' });
    expect(commands).toHaveLength(before);
  });
});
