import { describe, expect, it } from 'vitest';
import { drive, nodeFlow, ofType, outNode, portTaken, simulate, types } from '../../test/engine-harness.js';

const SOUNDS = [
  { id: 'soft', file: 'sounds/soft-piano.mp3' },
  { id: 'welcome', tts: { text: 'Welcome to our company', language: 'en-GB', voice: 'Amy' }, music: 'soft' },
];

function announcementFlow(config: Record<string, unknown>) {
  return nodeFlow('announcement', config, { sounds: SOUNDS, ports: ['next'] });
}

describe('announcement', () => {
  it('answers the call, plays the sound, then goes on by next when it ends', () => {
    const { result, trace } = simulate(announcementFlow({ sound: 'welcome' }));
    expect(trace.filter((l) => l.command).map((l) => [l.t, l.command!.type])).toEqual([
      [0, 'answer'],
      [0, 'play'],
      [2, 'hangup'], // four words: 2 s
    ]);
    expect(portTaken(result)).toBe('next');
    expect(result.path).toEqual(['n', outNode('next')]);
    expect(result.outcome).toBe('completed');
    expect(result.missedReason).toBeNull();
    expect(result.waitSeconds).toBe(2);
  });

  it('resolves a library TTS sound with its language, voice and background music file', () => {
    const driver = drive(announcementFlow({ sound: 'welcome' }));
    expect(driver.begin()).toEqual([
      { type: 'answer' },
      {
        type: 'play',
        playbackId: 'pb1',
        sound: {
          kind: 'tts',
          text: 'Welcome to our company',
          language: 'en-GB',
          voice: 'Amy',
          music: { file: 'sounds/soft-piano.mp3' },
          id: 'welcome',
        },
        early: false,
      },
    ]);
  });

  it('plays an inline file sound', () => {
    const { commands, result } = simulate(announcementFlow({ sound: { file: 'sounds/promo.wav' } }), {
      soundSeconds: { 'sounds/promo.wav': 7 },
    });
    expect(ofType(commands, 'play')[0]!.sound).toEqual({ kind: 'file', file: 'sounds/promo.wav' });
    expect(result.durationSeconds).toBe(7);
  });

  it('plays as early media without answering when answer is false', () => {
    const { commands, result } = simulate(announcementFlow({ sound: 'hello', answer: false }));
    expect(types(commands)).toEqual(['play', 'hangup']);
    expect(ofType(commands, 'play')[0]!.early).toBe(true);
    expect(result.events.some((e) => e.type === 'call.channelAnswered')).toBe(false);
  });

  it('plays as normal media once the call is answered, even with answer false', () => {
    const flow = nodeFlow(
      'announcement',
      { sound: 'hello' },
      {
        nodes: [{ id: 'second', kind: 'announcement', config: { sound: 'bye', answer: false } }],
        edges: [['n', 'next', 'second']],
      },
    );
    const { commands } = simulate(flow);
    expect(types(commands)).toEqual(['answer', 'play', 'play', 'hangup']);
    expect(ofType(commands, 'play').map((p) => p.early)).toEqual([false, false]);
  });

  it('plays the sound `loops` times, each after the previous one ended, then goes on', () => {
    const { trace, result } = simulate(announcementFlow({ sound: 'hold', loops: 3 }), {
      soundSeconds: { 'sounds/hold.mp3': 4 },
    });
    const plays = trace.filter((l) => l.command?.type === 'play');
    expect(plays.map((l) => l.t)).toEqual([0, 4, 8]);
    expect(new Set(plays.map((l) => (l.command as { playbackId: string }).playbackId)).size).toBe(3);
    expect(result.durationSeconds).toBe(12);
    expect(portTaken(result)).toBe('next');
  });

  it('answers only once, however many loops', () => {
    const { commands } = simulate(announcementFlow({ sound: 'hello', loops: 2 }));
    expect(types(commands)).toEqual(['answer', 'play', 'play', 'hangup']);
  });

  it('ignores the end of a playback that is not its own, and other events', () => {
    const driver = drive(announcementFlow({ sound: 'hello', loops: 2 }));
    driver.begin();
    expect(driver.send({ type: 'playback.finished', playbackId: 'pb9' })).toEqual([]);
    expect(driver.send({ type: 'dtmf', digit: '1' })).toEqual([]);
    expect(driver.send({ type: 'leg.answered', legId: 'leg1' })).toEqual([]);
    expect(driver.advance(60)).toEqual([]);
    expect(driver.finishPlayback()).toMatchObject([{ type: 'play', playbackId: 'pb2' }]);
    // The first playback cannot end a second time.
    expect(driver.send({ type: 'playback.finished', playbackId: 'pb1' })).toEqual([]);
    expect(driver.finishPlayback()).toEqual([{ type: 'hangup', cause: 'normal' }]);
  });
});
