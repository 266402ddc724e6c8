import { describe, expect, it } from 'vitest';
import {
  CALLER,
  drive,
  eventsOf,
  nodeFlow,
  ofType,
  outNode,
  portTaken,
  simulate,
  types,
  type TestScenario,
} from '../../test/engine-harness.js';

const AGENTS = [
  { id: 'alice', extension: '101', number: '+33611111111' },
  { id: 'bob', extension: '102' },
  { id: 'carol', planning: 'carol-hours' },
  { id: 'dan' },
  { id: 'erin' },
];
const GROUPS = [
  { id: 'sales', members: ['alice', 'bob'] },
  { id: 'support', members: ['bob', 'carol'] },
];
// Carol works Tuesday from 09:30; the default test call is on a Tuesday at 09:30 (Paris).
const SCHEDULES = [
  { id: 'carol-hours', name: 'Carol', weekly: { tue: [['09:30', '18:00']] } },
  { id: 'office', name: 'Office', weekly: { tue: [['08:00', '18:00']] } },
];
const PORTS = ['afterCall', 'noAnswer', 'unavailable'];
const EXTERNAL = '+33699999999';

function ringFlow(config: Record<string, unknown>) {
  return nodeFlow('ringGroup', config, {
    agents: AGENTS,
    groups: GROUPS,
    schedules: SCHEDULES,
    ports: PORTS,
  });
}

const members = (...ids: string[]) => ids.map((agent) => ({ agent }));

/** Seconds at which each ring command was sent, with the targets it rang. */
function rings(trace: ReturnType<typeof simulate>['trace']) {
  return trace.flatMap((line) =>
    line.command?.type === 'ring'
      ? [
          {
            t: line.t,
            targets: line.command.legs.map((l) =>
              l.target.kind === 'agent' ? l.target.agent : l.target.number,
            ),
          },
        ]
      : [],
  );
}

describe('ringGroup: simultaneous', () => {
  const flow = ringFlow({ members: members('alice', 'bob', 'carol'), ringSeconds: 20 });
  const scenario: TestScenario = {
    agents: {
      alice: { status: 'available', answer: 'never' },
      bob: { status: 'available', answerAfterSeconds: 7 },
      carol: { status: 'available', answer: 'never' },
    },
    talkSeconds: 30,
  };

  it('rings every eligible member at once for ringSeconds, each leg with the caller as caller id', () => {
    const { trace } = simulate(flow, scenario);
    const ring = ofType(
      trace.flatMap((l) => (l.command ? [l.command] : [])),
      'ring',
    );
    expect(ring).toHaveLength(1);
    expect(ring[0]!.legs).toEqual([
      {
        legId: 'leg1',
        target: { kind: 'agent', agent: 'alice', extension: '101', number: '+33611111111' },
        timeoutSeconds: 20,
        callerId: CALLER,
      },
      {
        legId: 'leg2',
        target: { kind: 'agent', agent: 'bob', extension: '102' },
        timeoutSeconds: 20,
        callerId: CALLER,
      },
      { legId: 'leg3', target: { kind: 'agent', agent: 'carol' }, timeoutSeconds: 20, callerId: CALLER },
    ]);
    expect(ring[0]!.music).toBeNull();
  });

  it('bridges the first answer and cancels the others as answered elsewhere', () => {
    const { result, trace } = simulate(flow, scenario);
    expect(result.outcome).toBe('answered');
    expect(result.answeredBy).toBe('bob');
    expect(result.waitSeconds).toBe(7);
    expect(result.legs).toEqual([
      { node: 'n', agent: 'bob', status: 'ANSWERED', ringSeconds: 7 },
      { node: 'n', agent: 'alice', status: 'CALL_ANSWERED', ringSeconds: 7 },
      { node: 'n', agent: 'carol', status: 'CALL_ANSWERED', ringSeconds: 7 },
    ]);
    const at7 = trace.filter((l) => l.t === 7 && l.command).map((l) => l.command);
    expect(at7).toEqual([
      { type: 'answer' },
      { type: 'bridge', legId: 'leg2' },
      { type: 'cancelLegs', legIds: ['leg1', 'leg3'], reason: 'answeredElsewhere' },
    ]);
  });

  it('leaves by afterCall when the bridged conversation ends on the agent side', () => {
    const { result } = simulate(flow, scenario);
    expect(portTaken(result)).toBe('afterCall');
    expect(result.path).toEqual(['n', outNode('afterCall')]);
    expect(result.durationSeconds).toBe(37);
  });

  it('cancels every leg when the ring time runs out, then leaves by noAnswer', () => {
    const { result, trace } = simulate(flow, {
      agents: { alice: { answer: 'never' }, bob: { answer: 'never' }, carol: { answer: 'never' } },
    });
    expect(portTaken(result)).toBe('noAnswer');
    expect(result.outcome).toBe('missed');
    expect(result.missedReason).toBe('noAnswer');
    expect(result.waitSeconds).toBe(20);
    expect(result.legs).toEqual(
      ['alice', 'bob', 'carol'].map((agent) => ({ node: 'n', agent, status: 'NO_ANSWER', ringSeconds: 20 })),
    );
    expect(trace.find((l) => l.command?.type === 'cancelLegs')).toEqual({
      t: 20,
      command: { type: 'cancelLegs', legIds: ['leg1', 'leg2', 'leg3'], reason: 'timeout' },
    });
  });

  it('repeats the whole sequence `repeat` more times, then leaves by noAnswer', () => {
    const { result, trace } = simulate(
      ringFlow({ members: members('alice', 'bob'), ringSeconds: 15, repeat: 2 }),
      {
        agents: { alice: { answer: 'never' }, bob: { answer: 'never' } },
      },
    );
    expect(rings(trace)).toEqual([
      { t: 0, targets: ['alice', 'bob'] },
      { t: 15, targets: ['alice', 'bob'] },
      { t: 30, targets: ['alice', 'bob'] },
    ]);
    expect(result.legs).toHaveLength(6);
    expect(result.legs.every((l) => l.status === 'NO_ANSWER' && l.ringSeconds === 15)).toBe(true);
    expect(portTaken(result)).toBe('noAnswer');
    expect(result.waitSeconds).toBe(45);
  });

  it('is answered in a later round', () => {
    const driver = drive(ringFlow({ members: members('alice'), ringSeconds: 10, repeat: 1 }), {
      presences: { alice: 'available' },
    });
    driver.begin();
    expect(driver.advance(10)).toEqual([
      { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' },
      {
        type: 'ring',
        legs: [
          {
            legId: 'leg2',
            target: { kind: 'agent', agent: 'alice', extension: '101', number: '+33611111111' },
            timeoutSeconds: 10,
            callerId: CALLER,
          },
        ],
        music: null,
      },
    ]);
    driver.advance(4);
    driver.send({ type: 'leg.answered', legId: 'leg2' });
    driver.send({ type: 'bridge.ended', legId: 'leg2' });
    const result = driver.result();
    expect(result.answeredBy).toBe('alice');
    expect(result.waitSeconds).toBe(14);
    expect(result.legs).toEqual([
      { node: 'n', agent: 'alice', status: 'NO_ANSWER', ringSeconds: 10 },
      { node: 'n', agent: 'alice', status: 'ANSWERED', ringSeconds: 4 },
    ]);
  });
});

describe('ringGroup: cascade', () => {
  it('rings one member at a time, ringSeconds each, in order', () => {
    const { result, trace } = simulate(
      ringFlow({ members: members('alice', 'bob', 'carol'), strategy: 'cascade', ringSeconds: 10 }),
      { agents: { alice: { answer: 'never' }, bob: { answer: 'never' }, carol: { answerAfterSeconds: 4 } } },
    );
    expect(rings(trace)).toEqual([
      { t: 0, targets: ['alice'] },
      { t: 10, targets: ['bob'] },
      { t: 20, targets: ['carol'] },
    ]);
    const cancels = trace.filter((l) => l.command?.type === 'cancelLegs');
    expect(cancels).toEqual([
      { t: 10, command: { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' } },
      { t: 20, command: { type: 'cancelLegs', legIds: ['leg2'], reason: 'timeout' } },
    ]);
    expect(result.answeredBy).toBe('carol');
    expect(result.waitSeconds).toBe(24);
    expect(result.legs).toEqual([
      { node: 'n', agent: 'alice', status: 'NO_ANSWER', ringSeconds: 10 },
      { node: 'n', agent: 'bob', status: 'NO_ANSWER', ringSeconds: 10 },
      { node: 'n', agent: 'carol', status: 'ANSWERED', ringSeconds: 4 },
    ]);
  });

  it('repeats the cascade, then leaves by noAnswer after the last member of the last round', () => {
    const { result, trace } = simulate(
      ringFlow({ members: members('alice', 'bob'), strategy: 'cascade', ringSeconds: 5, repeat: 1 }),
      { agents: { alice: { answer: 'never' }, bob: { answer: 'never' } } },
    );
    expect(rings(trace)).toEqual([
      { t: 0, targets: ['alice'] },
      { t: 5, targets: ['bob'] },
      { t: 10, targets: ['alice'] },
      { t: 15, targets: ['bob'] },
    ]);
    expect(portTaken(result)).toBe('noAnswer');
    expect(result.missedReason).toBe('noAnswer');
    expect(result.waitSeconds).toBe(20);
  });

  it('moves to the next member at once when a leg is rejected', () => {
    const { result, trace } = simulate(
      ringFlow({ members: members('dan', 'alice'), strategy: 'cascade', ringSeconds: 20 }),
      { agents: { dan: { reject: true }, alice: { answerAfterSeconds: 3 } } },
    );
    expect(rings(trace)).toEqual([
      { t: 0, targets: ['dan'] },
      { t: 2, targets: ['alice'] },
    ]);
    expect(result.legs).toEqual([
      { node: 'n', agent: 'dan', status: 'REJECTED', ringSeconds: 2 },
      { node: 'n', agent: 'alice', status: 'ANSWERED', ringSeconds: 3 },
    ]);
    expect(result.waitSeconds).toBe(5);
  });

  it('expands groups in place, in group order, without duplicates', () => {
    const { trace } = simulate(
      ringFlow({
        members: [{ group: 'support' }, { agent: 'alice' }, { group: 'sales' }, { agent: 'carol' }],
        strategy: 'cascade',
        ringSeconds: 5,
      }),
      {
        call: { at: '2026-11-24T10:00:00+01:00' },
        agents: { alice: { answer: 'never' }, bob: { answer: 'never' }, carol: { answer: 'never' } },
      },
    );
    expect(rings(trace).map((r) => r.targets)).toEqual([['bob'], ['carol'], ['alice']]);
  });
});

describe('ringGroup: members that are skipped', () => {
  const everyone = { members: members('alice', 'bob', 'carol', 'dan', 'erin') };
  const statuses: TestScenario['agents'] = {
    // alice is absent from the scenario: offline.
    bob: { status: 'snooze' },
    carol: { status: 'available' }, // out of planning before 09:30
    dan: { status: 'inCall' },
    erin: { status: 'available', answerAfterSeconds: 3 },
  };

  it('logs each skip reason with its status, without ring time, and rings only the others', () => {
    const { result, trace } = simulate(ringFlow(everyone), {
      call: { at: '2026-11-24T09:29:00+01:00' },
      agents: statuses,
    });
    expect(rings(trace)).toEqual([{ t: 0, targets: ['erin'] }]);
    expect(result.legs).toEqual([
      { node: 'n', agent: 'alice', status: 'NOT_CONNECTED' },
      { node: 'n', agent: 'bob', status: 'SNOOZE' },
      { node: 'n', agent: 'carol', status: 'PLANNING' },
      { node: 'n', agent: 'dan', status: 'INCALL' },
      { node: 'n', agent: 'erin', status: 'ANSWERED', ringSeconds: 3 },
    ]);
  });

  it('reads the planning at the instant of the call', () => {
    const { result, trace } = simulate(ringFlow(everyone), {
      call: { at: '2026-11-24T09:30:00+01:00' },
      agents: statuses,
    });
    expect(rings(trace)).toEqual([{ t: 0, targets: ['carol', 'erin'] }]);
    expect(result.legs.find((l) => l.agent === 'carol')).toEqual({
      node: 'n',
      agent: 'carol',
      status: 'CALL_ANSWERED',
      ringSeconds: 3,
    });
  });

  it('in cascade, reads the planning when the member’s turn comes', () => {
    // At 09:29:50 carol is outside her planning; her turn comes at 09:30:10, inside it.
    const { result, trace } = simulate(
      ringFlow({
        members: members('alice', 'carol'),
        strategy: 'cascade',
        ringSeconds: 20,
        skip: ['outOfPlanning'],
      }),
      {
        call: { at: '2026-11-24T09:29:50+01:00' },
        agents: { alice: { answer: 'never' }, carol: { answerAfterSeconds: 2 } },
      },
    );
    expect(rings(trace)).toEqual([
      { t: 0, targets: ['alice'] },
      { t: 20, targets: ['carol'] },
    ]);
    expect(result.answeredBy).toBe('carol');
  });

  it('rings a snoozed agent when snooze is not in skip', () => {
    const flow = ringFlow({ members: members('bob'), skip: ['offline', 'outOfPlanning', 'inCall'] });
    const driver = drive(flow, { presences: { bob: 'snooze' } });
    const commands = driver.begin();
    expect(ofType(commands, 'ring')[0]!.legs.map((l) => l.target)).toEqual([
      { kind: 'agent', agent: 'bob', extension: '102' },
    ]);
    driver.advance(4);
    driver.send({ type: 'leg.answered', legId: driver.legOf('bob') });
    driver.send({ type: 'bridge.ended', legId: driver.legOf('bob') });
    expect(driver.result().answeredBy).toBe('bob');
    expect(driver.result().legs).toEqual([{ node: 'n', agent: 'bob', status: 'ANSWERED', ringSeconds: 4 }]);
  });

  it('a member rung anyway whose phone fails reads as their status: SNOOZE, INCALL (docs/decisions.md)', () => {
    // In the simulator, snoozed and in-call agents rung anyway fail busy at once.
    const { result } = simulate(ringFlow({ members: members('bob', 'dan', 'erin'), skip: ['offline'] }), {
      agents: { bob: { status: 'snooze' }, dan: { status: 'inCall' }, erin: { answer: 'never' } },
    });
    expect(result.legs).toEqual([
      { node: 'n', agent: 'bob', status: 'SNOOZE', ringSeconds: 0 },
      { node: 'n', agent: 'dan', status: 'INCALL', ringSeconds: 0 },
      { node: 'n', agent: 'erin', status: 'NO_ANSWER', ringSeconds: 20 },
    ]);
  });

  it('an offline member rung anyway (skip empty) fails unreachable and reads NOT_CONNECTED', () => {
    const { result } = simulate(ringFlow({ members: members('alice'), skip: [] }), {});
    expect(result.legs).toEqual([{ node: 'n', agent: 'alice', status: 'NOT_CONNECTED', ringSeconds: 0 }]);
    // It rang (and failed): that is no answer, not "nobody available".
    expect(portTaken(result)).toBe('noAnswer');
    expect(result.missedReason).toBe('noAnswer');
  });

  it('rings an agent outside their planning when outOfPlanning is not in skip', () => {
    const { trace } = simulate(
      ringFlow({ members: members('carol'), skip: ['offline', 'snooze', 'inCall'] }),
      {
        call: { at: '2026-11-24T08:00:00+01:00' },
        agents: { carol: { answer: 'never' } },
      },
    );
    expect(rings(trace)).toEqual([{ t: 0, targets: ['carol'] }]);
  });

  it('leaves by unavailable, ringing nobody, when every member is skipped', () => {
    const { result, commands } = simulate(
      ringFlow({ members: [{ group: 'sales' }, { agent: 'dan' }], repeat: 3 }),
      { agents: { bob: { status: 'snooze' }, dan: { status: 'inCall' } } },
    );
    expect(ofType(commands, 'ring')).toEqual([]);
    expect(portTaken(result)).toBe('unavailable');
    expect(result.outcome).toBe('missed');
    expect(result.missedReason).toBe('noAgentAvailable');
    expect(result.waitSeconds).toBe(0);
    // Logged once per visit, not once per round.
    expect(result.legs).toEqual([
      { node: 'n', agent: 'alice', status: 'NOT_CONNECTED' },
      { node: 'n', agent: 'bob', status: 'SNOOZE' },
      { node: 'n', agent: 'dan', status: 'INCALL' },
    ]);
  });

  it('logs a skipped member once per visit across rounds', () => {
    const { result } = simulate(ringFlow({ members: members('alice', 'bob'), repeat: 2, ringSeconds: 5 }), {
      agents: { bob: { answer: 'never' } },
    });
    expect(result.legs.filter((l) => l.agent === 'alice')).toEqual([
      { node: 'n', agent: 'alice', status: 'NOT_CONNECTED' },
    ]);
    expect(result.legs.filter((l) => l.agent === 'bob')).toHaveLength(3);
  });
});

describe('ringGroup: leg failures', () => {
  it('records REJECTED and keeps ringing the others until the ring time', () => {
    const { result } = simulate(ringFlow({ members: members('dan', 'alice'), ringSeconds: 20 }), {
      agents: { dan: { reject: true, rejectAfterSeconds: 4 }, alice: { answer: 'never' } },
    });
    expect(result.legs).toEqual([
      { node: 'n', agent: 'dan', status: 'REJECTED', ringSeconds: 4 },
      { node: 'n', agent: 'alice', status: 'NO_ANSWER', ringSeconds: 20 },
    ]);
    expect(result.waitSeconds).toBe(20);
  });

  it('ends the round at once when every leg has failed', () => {
    const { result, trace } = simulate(ringFlow({ members: members('dan', 'alice'), ringSeconds: 20 }), {
      agents: { dan: { reject: true }, alice: { reject: true, rejectAfterSeconds: 3 } },
    });
    expect(portTaken(result)).toBe('noAnswer');
    expect(result.waitSeconds).toBe(3);
    // Nothing is left ringing: no cancel.
    expect(trace.filter((l) => l.command?.type === 'cancelLegs')).toEqual([]);
  });

  it.each([
    ['busy', 'available', 'INCALL'],
    ['rejected', 'available', 'REJECTED'],
    ['unreachable', 'available', 'ERROR'],
    ['noAnswer', 'available', 'NO_ANSWER'],
    // The agent's presence at the failure explains a busy or unreachable phone.
    ['busy', 'snooze', 'SNOOZE'],
    ['busy', 'inCall', 'INCALL'],
    ['unreachable', 'offline', 'NOT_CONNECTED'],
    ['unreachable', 'snooze', 'SNOOZE'],
    ['rejected', 'snooze', 'REJECTED'],
    ['noAnswer', 'offline', 'NO_ANSWER'],
  ] as const)('a leg that fails %s while its agent is %s is logged %s', (reason, presence, status) => {
    const driver = drive(ringFlow({ members: members('alice', 'bob') }), {
      presences: { alice: 'available', bob: 'available' },
    });
    driver.begin();
    driver.setPresence('alice', presence);
    driver.advance(1);
    expect(driver.send({ type: 'leg.failed', legId: driver.legOf('alice'), reason })).toEqual([]);
    driver.advance(2);
    driver.send({ type: 'leg.answered', legId: driver.legOf('bob') });
    driver.send({ type: 'bridge.ended', legId: driver.legOf('bob') });
    expect(driver.result().legs).toEqual([
      { node: 'n', agent: 'alice', status, ringSeconds: 1 },
      { node: 'n', agent: 'bob', status: 'ANSWERED', ringSeconds: 3 },
    ]);
  });
});

describe('ringGroup: answers that come too late', () => {
  it('an answer exactly when the ring time runs out is TOOLATE (cascade)', () => {
    const { result, trace } = simulate(
      ringFlow({ members: members('alice', 'bob'), strategy: 'cascade', ringSeconds: 20 }),
      { agents: { alice: { answerAfterSeconds: 20 }, bob: { answerAfterSeconds: 5 } } },
    );
    expect(result.answeredBy).toBe('bob');
    expect(result.legs).toEqual([
      { node: 'n', agent: 'alice', status: 'TOOLATE', ringSeconds: 20 },
      { node: 'n', agent: 'bob', status: 'ANSWERED', ringSeconds: 5 },
    ]);
    expect(trace.filter((l) => l.t === 20 && l.command).map((l) => l.command)).toEqual([
      { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' },
      {
        type: 'ring',
        legs: [
          {
            legId: 'leg2',
            target: { kind: 'agent', agent: 'bob', extension: '102' },
            timeoutSeconds: 20,
            callerId: CALLER,
          },
        ],
        music: null,
      },
      { type: 'cancelLegs', legIds: ['leg1'], reason: 'tooLate' },
    ]);
    expect(
      ofType(
        trace.flatMap((l) => (l.command ? [l.command] : [])),
        'bridge',
      ),
    ).toEqual([{ type: 'bridge', legId: 'leg2' }]);
  });

  it('of two answers in the same second, the second is TOOLATE and never bridged', () => {
    const { result, commands } = simulate(ringFlow({ members: members('alice', 'bob') }), {
      agents: { alice: { answerAfterSeconds: 6 }, bob: { answerAfterSeconds: 6 } },
    });
    expect(result.answeredBy).toBe('alice');
    expect(result.legs).toEqual([
      { node: 'n', agent: 'alice', status: 'ANSWERED', ringSeconds: 6 },
      { node: 'n', agent: 'bob', status: 'TOOLATE', ringSeconds: 6 },
    ]);
    expect(ofType(commands, 'bridge')).toEqual([{ type: 'bridge', legId: 'leg1' }]);
    expect(ofType(commands, 'cancelLegs')).toEqual([
      { type: 'cancelLegs', legIds: ['leg2'], reason: 'answeredElsewhere' },
      { type: 'cancelLegs', legIds: ['leg2'], reason: 'tooLate' },
    ]);
  });

  it('an answer after the group has been left is TOOLATE, and the call goes on where it is', () => {
    const flow = nodeFlow(
      'ringGroup',
      { members: members('alice'), ringSeconds: 10 },
      {
        agents: AGENTS,
        schedules: SCHEDULES,
        ports: ['afterCall', 'unavailable'],
        nodes: [{ id: 'vm', kind: 'voicemail', config: { mailbox: 'shared' } }],
        edges: [['n', 'noAnswer', 'vm']],
      },
    );
    const driver = drive(flow, { presences: { alice: 'available' } });
    driver.begin();
    const leg = driver.legOf('alice');
    expect(driver.advance(10)).toEqual([
      { type: 'cancelLegs', legIds: [leg], reason: 'timeout' },
      { type: 'answer' },
      { type: 'recordVoicemail', recordingId: 'vm2', mailbox: 'shared', maxSeconds: 120 },
    ]);
    driver.advance(1);
    expect(driver.send({ type: 'leg.answered', legId: leg })).toEqual([
      { type: 'cancelLegs', legIds: [leg], reason: 'tooLate' },
    ]);
    driver.send({ type: 'voicemail.recorded', recordingId: 'vm2', seconds: 15 });
    const result = driver.result();
    expect(result.outcome).toBe('voicemail');
    expect(result.answeredBy).toBeNull();
    expect(result.legs).toEqual([{ node: 'n', agent: 'alice', status: 'TOOLATE', ringSeconds: 10 }]);
    // Logged under the ring group, though the call is in the voicemail by then.
    expect(eventsOf(result, 'leg.status').at(-1)).toMatchObject({
      node: 'n',
      agent: 'alice',
      status: 'TOOLATE',
    });
  });

  it('an answer on a leg of an earlier round is TOOLATE, not bridged', () => {
    const driver = drive(ringFlow({ members: members('alice', 'bob'), ringSeconds: 10, repeat: 1 }), {
      presences: { alice: 'available', bob: 'available' },
    });
    driver.begin();
    const first = driver.legOf('alice');
    driver.advance(10);
    const second = driver.legOf('alice');
    expect(second).not.toBe(first);
    expect(driver.send({ type: 'leg.answered', legId: first })).toEqual([
      { type: 'cancelLegs', legIds: [first], reason: 'tooLate' },
    ]);
    expect(driver.send({ type: 'leg.answered', legId: second })).toEqual([
      { type: 'answer' },
      { type: 'bridge', legId: second },
      { type: 'cancelLegs', legIds: [driver.legOf('bob')], reason: 'answeredElsewhere' },
    ]);
  });
});

describe('ringGroup: external numbers, music, ids', () => {
  it('rings external numbers as members, never skipped, and logs them by number', () => {
    const { result, trace } = simulate(
      ringFlow({ members: [{ agent: 'alice' }, { number: EXTERNAL, label: 'On call' }], ringSeconds: 20 }),
      { numbers: { [EXTERNAL]: { answerAfterSeconds: 3 } } },
    );
    const ring = trace.find((l) => l.command?.type === 'ring')!.command;
    expect(ring).toMatchObject({
      legs: [
        { legId: 'leg1', target: { kind: 'number', number: EXTERNAL, label: 'On call' }, timeoutSeconds: 20 },
      ],
    });
    expect(result.outcome).toBe('answered');
    expect(result.answeredBy).toBe(EXTERNAL);
    expect(result.legs).toEqual([
      { node: 'n', agent: 'alice', status: 'NOT_CONNECTED' },
      { node: 'n', number: EXTERNAL, status: 'ANSWERED', ringSeconds: 3 },
    ]);
  });

  it('an external number alone never makes the group unavailable', () => {
    const { result } = simulate(ringFlow({ members: [{ number: EXTERNAL }], ringSeconds: 5 }), {});
    expect(portTaken(result)).toBe('noAnswer');
    expect(result.legs).toEqual([{ node: 'n', number: EXTERNAL, status: 'NO_ANSWER', ringSeconds: 5 }]);
  });

  it('resolves the hold music in every ring command (library file)', () => {
    const { commands } = simulate(
      ringFlow({ members: members('alice', 'bob'), strategy: 'cascade', ringSeconds: 5, music: 'hold' }),
      { agents: { alice: { answer: 'never' }, bob: { answer: 'never' } } },
    );
    const ringCommands = ofType(commands, 'ring');
    expect(ringCommands).toHaveLength(2);
    for (const ring of ringCommands)
      expect(ring.music).toEqual({ kind: 'file', file: 'sounds/hold.mp3', id: 'hold' });
  });

  it('resolves inline TTS hold music, in the flow’s language', () => {
    const driver = drive(ringFlow({ members: members('alice'), music: { tts: { text: 'Please hold' } } }), {
      presences: { alice: 'available' },
    });
    expect(ofType(driver.begin(), 'ring')[0]!.music).toEqual({
      kind: 'tts',
      text: 'Please hold',
      language: 'fr-FR',
    });
  });

  it('shows no caller id to the members when the caller’s number is hidden', () => {
    const driver = drive(ringFlow({ members: members('alice') }), {
      from: null,
      presences: { alice: 'available' },
    });
    expect(ofType(driver.begin(), 'ring')[0]!.legs[0]!.callerId).toBeNull();
  });

  it('gives every leg a new id, unique in the call', () => {
    const { commands } = simulate(ringFlow({ members: members('alice', 'bob'), ringSeconds: 5, repeat: 2 }), {
      agents: { alice: { answer: 'never' }, bob: { answer: 'never' } },
    });
    const ids = ofType(commands, 'ring').flatMap((r) => r.legs.map((l) => l.legId));
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('does not answer the caller before an agent picks up', () => {
    const { trace } = simulate(ringFlow({ members: members('alice') }), {
      agents: { alice: { answerAfterSeconds: 9 } },
    });
    expect(trace.find((l) => l.command?.type === 'answer')?.t).toBe(9);
  });
});

describe('ringGroup: defaults', () => {
  it('rings everybody at once for 20 s, once, skipping all four reasons', () => {
    const flow = nodeFlow(
      'ringGroup',
      { members: members('alice', 'bob', 'carol', 'dan', 'erin') },
      { agents: AGENTS, schedules: SCHEDULES, ports: PORTS },
    );
    const { result, trace } = simulate(flow, {
      call: { at: '2026-11-24T09:00:00+01:00' },
      agents: { bob: { status: 'snooze' }, carol: {}, dan: { status: 'inCall' }, erin: { answer: 'never' } },
    });
    expect(rings(trace)).toEqual([{ t: 0, targets: ['erin'] }]);
    expect(result.legs.map((l) => l.status)).toEqual([
      'NOT_CONNECTED',
      'SNOOZE',
      'PLANNING',
      'INCALL',
      'NO_ANSWER',
    ]);
    expect(result.legs.at(-1)!.ringSeconds).toBe(20);
    expect(result.waitSeconds).toBe(20);
  });
});

describe('ringGroup: command level', () => {
  it('sends one ring, nothing until the ring time, then cancels with reason timeout', () => {
    const driver = drive(ringFlow({ members: members('alice', 'bob'), ringSeconds: 20 }), {
      presences: { alice: 'available', bob: 'available' },
    });
    expect(types(driver.begin())).toEqual(['ring']);
    expect(driver.send({ type: 'leg.ringing', legId: 'leg1' })).toEqual([]);
    expect(driver.advance(19.999)).toEqual([]);
    expect(driver.advance(0.001)).toEqual([
      { type: 'cancelLegs', legIds: ['leg1', 'leg2'], reason: 'timeout' },
      { type: 'hangup', cause: 'normal' },
    ]);
    expect(driver.result().path).toEqual(['n', outNode('noAnswer')]);
  });

  it('re-reads statuses at each round: an agent back between rounds is rung', () => {
    const driver = drive(ringFlow({ members: members('alice', 'bob'), ringSeconds: 20, repeat: 1 }), {
      presences: { alice: 'offline', bob: 'available' },
    });
    expect(driver.begin()).toMatchObject([{ type: 'ring', legs: [{ target: { agent: 'bob' } }] }]);
    driver.advance(10);
    driver.setPresence('alice', 'available');
    driver.setPresence('bob', 'snooze');
    const round2 = driver.advance(10);
    expect(round2).toMatchObject([
      { type: 'cancelLegs', reason: 'timeout' },
      { type: 'ring', legs: [{ target: { agent: 'alice' } }] },
    ]);
    expect(ofType(round2, 'ring')[0]!.legs).toHaveLength(1);
    driver.advance(2);
    driver.send({ type: 'leg.answered', legId: driver.legOf('alice') });
    driver.send({ type: 'bridge.ended', legId: driver.legOf('alice') });
    expect(driver.result().legs).toEqual([
      { node: 'n', agent: 'alice', status: 'NOT_CONNECTED' },
      { node: 'n', agent: 'bob', status: 'NO_ANSWER', ringSeconds: 20 },
      { node: 'n', agent: 'bob', status: 'SNOOZE' },
      { node: 'n', agent: 'alice', status: 'ANSWERED', ringSeconds: 2 },
    ]);
    // Presences were read at the start of each round, at that instant.
    expect(driver.reads).toEqual([
      { agent: 'alice', t: 0 },
      { agent: 'bob', t: 0 },
      { agent: 'alice', t: 20 },
      { agent: 'bob', t: 20 },
    ]);
  });

  it('in cascade, reads each member’s status when their turn comes', () => {
    const driver = drive(
      ringFlow({ members: members('alice', 'bob'), strategy: 'cascade', ringSeconds: 20 }),
      {
        presences: { alice: 'available', bob: 'offline' },
      },
    );
    driver.begin();
    driver.advance(15);
    driver.setPresence('bob', 'available');
    expect(driver.advance(5)).toMatchObject([
      { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' },
      { type: 'ring', legs: [{ legId: 'leg2', target: { agent: 'bob' } }] },
    ]);
    expect(driver.reads).toEqual([
      { agent: 'alice', t: 0 },
      { agent: 'bob', t: 20 },
    ]);
  });

  it('ignores leg events for legs it does not know', () => {
    const driver = drive(ringFlow({ members: members('alice') }), { presences: { alice: 'available' } });
    driver.begin();
    expect(driver.send({ type: 'leg.answered', legId: 'nope' })).toEqual([]);
    expect(driver.send({ type: 'leg.failed', legId: 'nope', reason: 'busy' })).toEqual([]);
    expect(driver.send({ type: 'bridge.ended', legId: 'leg1' })).toEqual([]);
    expect(driver.session.ended).toBe(false);
    expect(driver.advance(20)).toEqual([
      { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' },
      { type: 'hangup', cause: 'normal' },
    ]);
  });

  it('ignores a failure the PBX reports for a leg it already cancelled', () => {
    const driver = drive(ringFlow({ members: members('alice', 'bob') }), {
      presences: { alice: 'available', bob: 'available' },
    });
    driver.begin();
    driver.send({ type: 'leg.answered', legId: 'leg1' });
    expect(driver.send({ type: 'leg.failed', legId: 'leg2', reason: 'noAnswer' })).toEqual([]);
    driver.send({ type: 'bridge.ended', legId: 'leg1' });
    expect(driver.result().legs).toEqual([
      { node: 'n', agent: 'alice', status: 'ANSWERED', ringSeconds: 0 },
      { node: 'n', agent: 'bob', status: 'CALL_ANSWERED', ringSeconds: 0 },
    ]);
  });

  it('a second answer on the bridged leg changes nothing', () => {
    const driver = drive(ringFlow({ members: members('alice') }), { presences: { alice: 'available' } });
    driver.begin();
    driver.send({ type: 'leg.answered', legId: 'leg1' });
    expect(driver.send({ type: 'leg.answered', legId: 'leg1' })).toEqual([]);
    expect(driver.advance(100)).toEqual([]);
    expect(driver.send({ type: 'bridge.ended', legId: 'leg1' })).toEqual([
      { type: 'hangup', cause: 'normal' },
    ]);
    expect(portTaken(driver.result())).toBe('afterCall');
  });
});
