import { describe, expect, it } from 'vitest';
import { drive, nodeFlow, ofType, simulate, types } from '../../test/engine-harness.js';

describe('hangup', () => {
  it('without a sound, hangs up at once', () => {
    const { commands, result } = simulate(nodeFlow('hangup', {}));
    expect(commands).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(result.path).toEqual(['n']);
    expect(result.outcome).toBe('completed');
    expect(result.durationSeconds).toBe(0);
    expect(result.events.at(-2)).toMatchObject({ type: 'node.exited', node: 'n', hangup: true });
  });

  it('plays its message as early media when the call was not answered, then hangs up', () => {
    const { trace, result } = simulate(nodeFlow('hangup', { sound: 'bye' }));
    expect(trace.filter((l) => l.command).map((l) => [l.t, l.command!.type])).toEqual([
      [0, 'play'],
      [1, 'hangup'],
    ]);
    const play = ofType(
      trace.flatMap((l) => (l.command ? [l.command] : [])),
      'play',
    )[0]!;
    expect(play.early).toBe(true);
    expect(play.sound).toMatchObject({ kind: 'tts', text: 'Goodbye', id: 'bye' });
    expect(result.outcome).toBe('completed');
  });

  it('plays its message as normal media when the call was answered', () => {
    const flow = nodeFlow(
      'announcement',
      { sound: 'hello' },
      { nodes: [{ id: 'end', kind: 'hangup', config: { sound: 'bye' } }], edges: [['n', 'next', 'end']] },
    );
    const { commands } = simulate(flow);
    expect(types(commands)).toEqual(['answer', 'play', 'play', 'hangup']);
    expect(ofType(commands, 'play')[1]!.early).toBe(false);
  });

  it('hangs up only when its own message has ended', () => {
    const driver = drive(nodeFlow('hangup', { sound: 'bye' }));
    expect(driver.begin()).toEqual([
      {
        type: 'play',
        playbackId: 'pb1',
        sound: { kind: 'tts', text: 'Goodbye', language: 'fr-FR', id: 'bye' },
        early: true,
      },
    ]);
    expect(driver.send({ type: 'playback.finished', playbackId: 'other' })).toEqual([]);
    expect(driver.send({ type: 'dtmf', digit: '1' })).toEqual([]);
    expect(driver.session.ended).toBe(false);
    expect(driver.finishPlayback()).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(driver.session.ended).toBe(true);
  });
});
