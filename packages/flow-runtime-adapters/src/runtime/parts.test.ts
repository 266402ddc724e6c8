import { VirtualClock } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { officeFlow } from '../../test/runtime-fixtures.js';
import { createOffsetClock } from './clock.js';
import { createMemoryDirectory } from './directory.js';
import { createMemoryFlowSource } from './flow-source.js';
import { createJsonLogger } from './logger.js';

const call = { callId: 'c1', from: null, to: '+33180000000', startedAt: 0 };

describe('createMemoryDirectory', () => {
  it('answers the presence set, offline for an agent never set, and refuses an unknown presence', () => {
    const directory = createMemoryDirectory({ alice: 'available', bob: 'snooze' });
    expect(directory.presence('alice', 0, call)).toBe('available');
    expect(directory.presence('carol', 0, call)).toBe('offline');
    directory.set('bob', 'inCall');
    expect(directory.get('bob')).toBe('inCall');
    // @ts-expect-error: `dnd` is not a presence (do not disturb is `snooze`).
    expect(() => directory.set('bob', 'dnd')).toThrow('unknown presence "dnd"');
  });
});

describe('createMemoryFlowSource', () => {
  it('publishes numbered versions, routes numbers, and forgets a route', async () => {
    const source = createMemoryFlowSource({
      flows: [officeFlow('one')],
      routes: { '+33180000000': 'office' },
    });
    expect(await source.routeNumber('+33180000000')).toBe('office');
    expect((await source.getPublished('office'))?.version).toBe(1);
    expect(source.publish(officeFlow('two'))).toBe(2);
    expect(source.publish(officeFlow('three'), 'hotfix')).toBe('hotfix');
    expect(source.publish(officeFlow('four'))).toBe(3);
    expect((await source.getPublished('office'))?.flow.name).toBe('Office four');
    source.unroute('+33180000000');
    expect(await source.routeNumber('+33180000000')).toBeUndefined();
    expect(await source.getPublished('nothing')).toBeUndefined();
  });
});

describe('createJsonLogger', () => {
  it('writes one JSON object per line, from the level asked', () => {
    let text = '';
    const logger = createJsonLogger({ write: (chunk: string) => (text += chunk) }, { level: 'warn' });
    logger({ time: 't', level: 'info', event: 'call.arrived', callId: 'c1' });
    logger({ time: 't', level: 'warn', event: 'call.commandFailed', callId: 'c1', message: 'a\nb' });
    logger({ time: 't', level: 'error', event: 'record.failed', callId: 'c2' });
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(0, 2).map((line) => JSON.parse(line) as unknown)).toEqual([
      { time: 't', level: 'warn', event: 'call.commandFailed', callId: 'c1', message: 'a\nb' },
      { time: 't', level: 'error', event: 'record.failed', callId: 'c2' },
    ]);
  });
});

describe('createOffsetClock', () => {
  it('reads the time asked for, and fires timers at the pace of its base clock', () => {
    const base = new VirtualClock(1_000_000);
    const clock = createOffsetClock(Date.parse('2026-11-24T08:30:00Z'), base);
    expect(new Date(clock.now()).toISOString()).toBe('2026-11-24T08:30:00.000Z');
    const fired: string[] = [];
    clock.setTimer(clock.now() + 5_000, () => fired.push(new Date(clock.now()).toISOString()));
    const cancelled = clock.setTimer(clock.now() + 1_000, () => fired.push('cancelled'));
    clock.clearTimer(cancelled);
    while (base.step(Number.POSITIVE_INFINITY)) {
      // Runs the base clock's timers.
    }
    expect(fired).toEqual(['2026-11-24T08:30:05.000Z']);
    expect(base.now()).toBe(1_005_000);
  });
});
