import { describe, expect, it } from 'vitest';
import {
  drive,
  eventsOf,
  makeFlow,
  nodeFlow,
  portTaken,
  simulate,
  types,
} from '../../test/engine-harness.js';

function voicemailFlow(config: Record<string, unknown> = {}) {
  return nodeFlow(
    'voicemail',
    { mailbox: 'sales', greeting: 'hello', maxSeconds: 60, ...config },
    { ports: ['done'] },
  );
}

describe('voicemail: scenario', () => {
  it('answers, plays the greeting, records the message; the outcome is voicemail', () => {
    const { result, trace } = simulate(voicemailFlow(), { caller: { messageSeconds: 25 } });
    expect(trace.filter((l) => l.command).map((l) => [l.t, l.command!.type])).toEqual([
      [0, 'answer'],
      [0, 'play'],
      [1, 'recordVoicemail'],
      [26, 'hangup'],
    ]);
    expect(result.outcome).toBe('voicemail');
    expect(result.missedReason).toBeNull();
    expect(result.answeredBy).toBeNull();
    expect(result.voicemail).toEqual({ mailbox: 'sales', seconds: 25, file: 'voicemail/sales/vm2.wav' });
    expect(result.waitSeconds).toBe(26);
    expect(portTaken(result)).toBe('done');
    expect(eventsOf(result, 'voicemail.recorded')).toMatchObject([{ mailbox: 'sales', seconds: 25 }]);
  });

  it('stops the message at maxSeconds', () => {
    const { result } = simulate(voicemailFlow({ maxSeconds: 10 }), { caller: { messageSeconds: 45 } });
    expect(result.voicemail?.seconds).toBe(10);
  });

  it('records at once when there is no greeting', () => {
    const { trace } = simulate(voicemailFlow({ greeting: undefined }));
    expect(trace.filter((l) => l.command).map((l) => [l.t, l.command!.type])).toEqual([
      [0, 'answer'],
      [0, 'recordVoicemail'],
      [20, 'hangup'],
    ]);
  });

  it('a message left after nobody answered is a voicemail that keeps the reason (docs/decisions.md)', () => {
    const flow = nodeFlow(
      'ringGroup',
      { members: [{ agent: 'alice' }], ringSeconds: 10 },
      {
        agents: [{ id: 'alice' }],
        nodes: [{ id: 'vm', kind: 'voicemail', config: { mailbox: 'alice' } }],
        edges: [['n', 'noAnswer', 'vm']],
      },
    );
    const { result } = simulate(flow, { agents: { alice: { answer: 'never' } } });
    expect(result.outcome).toBe('voicemail');
    expect(result.missedReason).toBe('noAnswer');
    expect(result.voicemail).toMatchObject({ mailbox: 'alice', seconds: 20 });
  });

  it('a message left because the business is closed keeps closed as the reason', () => {
    const flow = makeFlow({
      schedules: [{ id: 'never', name: 'Never open' }],
      nodes: [
        { id: 'hours', kind: 'businessHours', config: { schedule: 'never' } },
        { id: 'vm', kind: 'voicemail', config: { mailbox: 'shared' } },
      ],
      edges: [['hours', 'closed', 'vm']],
    });
    const { result } = simulate(flow);
    expect(result).toMatchObject({ outcome: 'voicemail', missedReason: 'closed' });
  });

  it('keeps the message of a caller who hangs up while recording', () => {
    const { result } = simulate(voicemailFlow(), { caller: { hangupAfterSeconds: 9, messageSeconds: 30 } });
    expect(result.outcome).toBe('voicemail');
    expect(result.voicemail).toEqual({ mailbox: 'sales', seconds: 8 });
    expect(result.durationSeconds).toBe(9);
  });

  it('a caller who hangs up during the greeting leaves no message', () => {
    const { result } = simulate(voicemailFlow({ greeting: 'hold' }), { caller: { hangupAfterSeconds: 5 } });
    expect(result.voicemail).toBeUndefined();
    expect(result.outcome).toBe('abandoned');
    expect(result.missedReason).toBe('callerHungUp');
  });
});

describe('voicemail: command level', () => {
  it('asks the PBX to record into the mailbox, with the maximum length', () => {
    const driver = drive(voicemailFlow());
    expect(types(driver.begin())).toEqual(['answer', 'play']);
    expect(driver.advance(30)).toEqual([]);
    expect(driver.finishPlayback()).toEqual([
      { type: 'recordVoicemail', recordingId: 'vm2', mailbox: 'sales', maxSeconds: 60 },
    ]);
  });

  it('ignores a recording that is not its own, then ends on its own', () => {
    const driver = drive(voicemailFlow({ greeting: undefined }));
    driver.begin();
    expect(driver.send({ type: 'voicemail.recorded', recordingId: 'vm9', seconds: 3 })).toEqual([]);
    driver.advance(12);
    expect(
      driver.send({ type: 'voicemail.recorded', recordingId: 'vm1', seconds: 12, file: 'm.wav' }),
    ).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(driver.result().voicemail).toEqual({ mailbox: 'sales', seconds: 12, file: 'm.wav' });
  });

  it('a hang-up the instant recording starts leaves no message', () => {
    const driver = drive(voicemailFlow({ greeting: undefined }));
    driver.begin();
    expect(driver.hangUp()).toEqual([]);
    expect(driver.result().voicemail).toBeUndefined();
    expect(driver.result().outcome).toBe('abandoned');
  });

  it('a caller hanging up while recording keeps the seconds recorded so far, at most maxSeconds', () => {
    const driver = drive(voicemailFlow({ greeting: undefined, maxSeconds: 30 }));
    driver.begin();
    driver.advance(45);
    expect(driver.hangUp()).toEqual([]);
    expect(driver.result().voicemail).toEqual({ mailbox: 'sales', seconds: 30 });
    expect(driver.result().outcome).toBe('voicemail');
  });
});
