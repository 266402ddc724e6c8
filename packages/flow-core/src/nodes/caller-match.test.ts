import { describe, expect, it } from 'vitest';
import { drive, nodeFlow, outNode, portTaken, simulate } from '../../test/engine-harness.js';

function matchFlow(config: Record<string, unknown>, vip: string[] = []) {
  return nodeFlow('callerMatch', config, { settings: { vip }, ports: ['match', 'noMatch'] });
}

const from = (number: string | null) => ({ call: { from: number } });

describe('callerMatch', () => {
  it('matches an exact number, and only that number', () => {
    const flow = matchFlow({ numbers: ['+33612345678'] });
    const hit = simulate(flow, from('+33612345678')).result;
    expect(portTaken(hit)).toBe('match');
    expect(hit.path).toEqual(['n', outNode('match')]);
    expect(portTaken(simulate(flow, from('+33612345679')).result)).toBe('noMatch');
    expect(portTaken(simulate(flow, from('+336123456781')).result)).toBe('noMatch');
  });

  it('matches a prefix ending in *', () => {
    const flow = matchFlow({ numbers: ['+3361*', '+44*'] });
    expect(portTaken(simulate(flow, from('+33612345678')).result)).toBe('match');
    expect(portTaken(simulate(flow, from('+447700900123')).result)).toBe('match');
    expect(portTaken(simulate(flow, from('+33712345678')).result)).toBe('noMatch');
  });

  it('matches the flow’s VIP list (exact numbers and prefixes) when vip is true', () => {
    const flow = matchFlow({ vip: true }, ['+33699000001', '+33188*']);
    expect(portTaken(simulate(flow, from('+33699000001')).result)).toBe('match');
    expect(portTaken(simulate(flow, from('+33188123456')).result)).toBe('match');
    expect(portTaken(simulate(flow, from('+33699000002')).result)).toBe('noMatch');
  });

  it('ignores the VIP list when vip is false', () => {
    const flow = matchFlow({ numbers: ['+33100000000'], vip: false }, ['+33699000001']);
    expect(portTaken(simulate(flow, from('+33699000001')).result)).toBe('noMatch');
  });

  it('matches numbers or VIPs, either one', () => {
    const flow = matchFlow({ numbers: ['+33100000000'], vip: true }, ['+33699000001']);
    expect(portTaken(simulate(flow, from('+33100000000')).result)).toBe('match');
    expect(portTaken(simulate(flow, from('+33699000001')).result)).toBe('match');
  });

  it('matches a hidden number when anonymous is true', () => {
    expect(portTaken(simulate(matchFlow({ anonymous: true }), from(null)).result)).toBe('match');
  });

  it('does not match a hidden number when anonymous is false, whatever the patterns', () => {
    const flow = matchFlow({ numbers: ['+3*'], vip: true }, ['+3*']);
    expect(portTaken(simulate(flow, from(null)).result)).toBe('noMatch');
  });

  it('anonymous alone does not match callers who show their number', () => {
    expect(portTaken(simulate(matchFlow({ anonymous: true }), from('+33612345678')).result)).toBe('noMatch');
  });

  it('sends no command of its own', () => {
    const driver = drive(matchFlow({ anonymous: true }), { from: null });
    expect(driver.begin()).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(driver.result().path).toEqual(['n', outNode('match')]);
  });
});
