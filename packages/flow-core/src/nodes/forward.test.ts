import { describe, expect, it } from 'vitest';
import {
  CALLER,
  drive,
  FLOW_NUMBER,
  nodeFlow,
  outNode,
  portTaken,
  simulate,
} from '../../test/engine-harness.js';

const MOBILE = '+33699999999';
const PORTS = ['afterCall', 'noAnswer', 'failed'];

function forwardFlow(config: Record<string, unknown> = {}) {
  return nodeFlow('forward', { number: MOBILE, ringSeconds: 25, ...config }, { ports: PORTS });
}

describe('forward: scenario', () => {
  it('calls the number and connects the caller when it answers: outcome forwarded', () => {
    const { result, trace } = simulate(forwardFlow(), {
      numbers: { [MOBILE]: { answerAfterSeconds: 6 } },
      talkSeconds: 40,
    });
    expect(trace.filter((l) => l.command)).toEqual([
      {
        t: 0,
        command: {
          type: 'forward',
          leg: {
            legId: 'leg1',
            target: { kind: 'number', number: MOBILE },
            timeoutSeconds: 25,
            callerId: CALLER,
          },
        },
      },
      { t: 6, command: { type: 'answer' } },
      { t: 6, command: { type: 'bridge', legId: 'leg1' } },
      { t: 46, command: { type: 'hangup', cause: 'normal' } },
    ]);
    expect(result.outcome).toBe('forwarded');
    expect(result.answeredBy).toBe(MOBILE);
    expect(result.missedReason).toBeNull();
    expect(result.waitSeconds).toBe(6);
    expect(result.legs).toEqual([{ node: 'n', number: MOBILE, status: 'ANSWERED', ringSeconds: 6 }]);
  });

  it('leaves by afterCall when the forwarded conversation ends', () => {
    const { result } = simulate(forwardFlow(), { numbers: { [MOBILE]: { answerAfterSeconds: 1 } } });
    expect(portTaken(result)).toBe('afterCall');
    expect(result.path).toEqual(['n', outNode('afterCall')]);
  });

  it('shows the flow’s number when callerId is flow', () => {
    const { commands } = simulate(forwardFlow({ callerId: 'flow' }), {});
    expect(commands[0]).toMatchObject({ type: 'forward', leg: { callerId: FLOW_NUMBER } });
  });

  it('leaves by noAnswer when the ring time runs out, cancelling the leg', () => {
    const { result, trace } = simulate(forwardFlow(), {});
    expect(trace.filter((l) => l.command?.type === 'cancelLegs')).toEqual([
      { t: 25, command: { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' } },
    ]);
    expect(portTaken(result)).toBe('noAnswer');
    expect(result.outcome).toBe('missed');
    expect(result.missedReason).toBe('noAnswer');
    expect(result.legs).toEqual([{ node: 'n', number: MOBILE, status: 'NO_ANSWER', ringSeconds: 25 }]);
  });

  it('leaves by failed when the number is busy (INCALL) or rejects (REJECTED)', () => {
    const busy = simulate(forwardFlow(), { numbers: { [MOBILE]: { busy: true } } }).result;
    expect(portTaken(busy)).toBe('failed');
    expect(busy.legs).toEqual([{ node: 'n', number: MOBILE, status: 'INCALL', ringSeconds: 0 }]);
    const rejected = simulate(forwardFlow(), { numbers: { [MOBILE]: { reject: true } } }).result;
    expect(portTaken(rejected)).toBe('failed');
    expect(rejected.legs).toEqual([{ node: 'n', number: MOBILE, status: 'REJECTED', ringSeconds: 2 }]);
    expect(rejected.outcome).toBe('missed');
  });
});

describe('forward: defaults', () => {
  it('rings 30 s and shows the caller’s number', () => {
    const driver = drive(nodeFlow('forward', { number: MOBILE }, { ports: PORTS }));
    expect(driver.begin()).toEqual([
      {
        type: 'forward',
        leg: {
          legId: 'leg1',
          target: { kind: 'number', number: MOBILE },
          timeoutSeconds: 30,
          callerId: CALLER,
        },
      },
    ]);
    expect(driver.advance(29.999)).toEqual([]);
    expect(driver.advance(0.001)).toEqual([
      { type: 'cancelLegs', legIds: ['leg1'], reason: 'timeout' },
      { type: 'hangup', cause: 'normal' },
    ]);
  });
});

describe('forward: command level', () => {
  it.each([
    ['busy', 'failed', 'INCALL'],
    ['rejected', 'failed', 'REJECTED'],
    ['unreachable', 'failed', 'ERROR'],
    ['noAnswer', 'noAnswer', 'NO_ANSWER'],
  ] as const)('a leg that fails %s leaves by %s, logged %s', (reason, port, status) => {
    const driver = drive(forwardFlow());
    driver.begin();
    driver.advance(3);
    expect(driver.send({ type: 'leg.failed', legId: 'leg1', reason })).toEqual([
      { type: 'hangup', cause: 'normal' },
    ]);
    const result = driver.result();
    expect(portTaken(result)).toBe(port);
    expect(result.legs).toEqual([{ node: 'n', number: MOBILE, status, ringSeconds: 3 }]);
    expect(result.outcome).toBe('missed');
  });

  it('clears its ring timer once answered', () => {
    const driver = drive(forwardFlow());
    driver.begin();
    expect(driver.send({ type: 'leg.answered', legId: 'leg1' })).toEqual([
      { type: 'answer' },
      { type: 'bridge', legId: 'leg1' },
    ]);
    expect(driver.advance(600)).toEqual([]);
    expect(driver.send({ type: 'bridge.ended', legId: 'leg1' })).toEqual([
      { type: 'hangup', cause: 'normal' },
    ]);
    expect(driver.result().outcome).toBe('forwarded');
    expect(driver.result().waitSeconds).toBe(0);
  });

  it('an answer after the ring time is TOOLATE', () => {
    const flow = nodeFlow(
      'forward',
      { number: MOBILE, ringSeconds: 10 },
      { nodes: [{ id: 'bye', kind: 'hangup', config: { sound: 'bye' } }], edges: [['n', 'noAnswer', 'bye']] },
    );
    const driver = drive(flow);
    driver.begin();
    driver.advance(10);
    expect(driver.send({ type: 'leg.answered', legId: 'leg1' })).toEqual([
      { type: 'cancelLegs', legIds: ['leg1'], reason: 'tooLate' },
    ]);
    driver.finishPlayback();
    expect(driver.result().legs).toEqual([{ node: 'n', number: MOBILE, status: 'TOOLATE', ringSeconds: 10 }]);
    expect(driver.result().outcome).toBe('missed');
  });
});
