import { describe, expect, it } from 'vitest';
import {
  drive,
  eventsOf,
  nodeFlow,
  ofType,
  outNode,
  portTaken,
  simulate,
  types,
} from '../../test/engine-harness.js';

// Prompt "Hello": 1 s. Notices of one word: 1 s each. The caller types 1 s after being asked.
const WRONG = { tts: { text: 'Wrong' } };
const NOTHING = { tts: { text: 'Nothing' } };
const OPTIONS = {
  '1': { label: 'Sales' },
  '2': { label: 'Support' },
  '*': { label: 'Star' },
  '#': { label: 'Hash' },
};
const PORTS = ['1', '2', '*', '#', 'timeout', 'invalid'];

function menuFlow(config: Record<string, unknown> = {}) {
  return nodeFlow(
    'menu',
    {
      prompt: 'hello',
      options: OPTIONS,
      timeoutSeconds: 5,
      attempts: 3,
      invalidPrompt: WRONG,
      timeoutPrompt: NOTHING,
      ...config,
    },
    { ports: PORTS },
  );
}

/** The texts played, in order. */
function played(commands: ReturnType<typeof simulate>['commands']): string[] {
  return ofType(commands, 'play').map((p) => (p.sound.kind === 'tts' ? p.sound.text : p.sound.file));
}

describe('menu: scenario', () => {
  it.each(['1', '2', '*', '#'])('key %s leads to its own port', (key) => {
    const { result } = simulate(menuFlow(), { caller: { inputs: [key] } });
    expect(portTaken(result)).toBe(key);
    expect(result.path).toEqual(['n', outNode(key)]);
    expect(result.outcome).toBe('completed');
  });

  it('plays the prompt, then waits for a key: the call leaves 1 s after the prompt ends', () => {
    const { result, trace } = simulate(menuFlow(), { caller: { inputs: ['2'] } });
    expect(trace.filter((l) => l.command).map((l) => [l.t, l.command!.type])).toEqual([
      [0, 'answer'],
      [0, 'play'],
      [1, 'collectDigits'],
      [2, 'hangup'],
    ]);
    expect(result.durationSeconds).toBe(2);
    expect(eventsOf(result, 'digit.received')).toMatchObject([{ node: 'n', digit: '2' }]);
  });

  it('a key that is not offered plays invalidPrompt, then the prompt again', () => {
    const { result, commands } = simulate(menuFlow(), { caller: { inputs: ['7', '1'] } });
    expect(played(commands)).toEqual(['Hello', 'Wrong', 'Hello']);
    expect(portTaken(result)).toBe('1');
  });

  it('no key before the timeout plays timeoutPrompt, then the prompt again', () => {
    const { result, trace } = simulate(menuFlow(), { caller: { inputs: [null, '2'] } });
    expect(played(trace.flatMap((l) => (l.command ? [l.command] : [])))).toEqual([
      'Hello',
      'Nothing',
      'Hello',
    ]);
    // Prompt 0-1 s, timeout at 6 s, notice 6-7 s, prompt 7-8 s, key at 9 s.
    expect(trace.filter((l) => l.command?.type === 'play').map((l) => l.t)).toEqual([0, 6, 7]);
    expect(portTaken(result)).toBe('2');
    expect(result.durationSeconds).toBe(9);
  });

  it('without notices, asks again with the prompt alone', () => {
    const { commands, result } = simulate(menuFlow({ invalidPrompt: undefined, timeoutPrompt: undefined }), {
      caller: { inputs: ['9', null, '1'] },
    });
    expect(played(commands)).toEqual(['Hello', 'Hello', 'Hello']);
    expect(portTaken(result)).toBe('1');
  });

  it('after `attempts` wrong keys, leaves by invalid', () => {
    const { result, commands } = simulate(menuFlow(), { caller: { inputs: ['7', '8', '9', '1'] } });
    expect(portTaken(result)).toBe('invalid');
    expect(played(commands)).toEqual(['Hello', 'Wrong', 'Hello', 'Wrong', 'Hello']);
    expect(ofType(commands, 'collectDigits')).toHaveLength(3);
  });

  it('after `attempts` timeouts, leaves by timeout', () => {
    const { result, commands } = simulate(menuFlow({ attempts: 2 }), { caller: { inputs: [] } });
    expect(portTaken(result)).toBe('timeout');
    expect(played(commands)).toEqual(['Hello', 'Nothing', 'Hello']);
    // 1 + 5 + 1 + 1 + 5
    expect(result.durationSeconds).toBe(13);
    expect(eventsOf(result, 'digit.timeout')).toHaveLength(2);
  });

  it('the way the last attempt fails decides the port', () => {
    expect(portTaken(simulate(menuFlow(), { caller: { inputs: ['7', null, '9'] } }).result)).toBe('invalid');
    expect(portTaken(simulate(menuFlow(), { caller: { inputs: [null, '7', null] } }).result)).toBe('timeout');
  });

  it('with one attempt, the first wrong key leaves by invalid without a notice', () => {
    const { result, commands } = simulate(menuFlow({ attempts: 1 }), { caller: { inputs: ['5'] } });
    expect(portTaken(result)).toBe('invalid');
    expect(played(commands)).toEqual(['Hello']);
  });

  it('answers the call before the prompt', () => {
    const { commands } = simulate(menuFlow(), { caller: { inputs: ['1'] } });
    expect(types(commands).slice(0, 2)).toEqual(['answer', 'play']);
    expect(ofType(commands, 'play')[0]!.early).toBe(false);
  });
});

describe('menu: defaults', () => {
  it('waits 5 s for a key and asks 3 times', () => {
    const flow = nodeFlow(
      'menu',
      { prompt: 'hello', options: { '1': { label: 'One' } } },
      { ports: ['timeout'] },
    );
    const { result, commands } = simulate(flow, {});
    expect(ofType(commands, 'collectDigits')).toEqual(
      Array(3).fill({ type: 'collectDigits', maxDigits: 1, timeoutSeconds: 5 }),
    );
    expect(portTaken(result)).toBe('timeout');
    expect(result.durationSeconds).toBe(18);
  });
});

describe('menu: command level', () => {
  it('asks for one key with the timeout only once the prompt has ended', () => {
    const driver = drive(menuFlow());
    expect(driver.begin()).toEqual([
      { type: 'answer' },
      {
        type: 'play',
        playbackId: 'pb1',
        sound: { kind: 'tts', text: 'Hello', language: 'fr-FR', id: 'hello' },
        early: false,
      },
    ]);
    expect(driver.advance(30)).toEqual([]);
    expect(driver.finishPlayback()).toEqual([{ type: 'collectDigits', maxDigits: 1, timeoutSeconds: 5 }]);
    expect(driver.advance(4.999)).toEqual([]);
    expect(driver.advance(0.001)).toEqual([
      {
        type: 'play',
        playbackId: 'pb2',
        sound: { kind: 'tts', text: 'Nothing', language: 'fr-FR' },
        early: false,
      },
    ]);
  });

  it('a key during the prompt stops the playback (barge-in) and is taken', () => {
    const driver = drive(menuFlow());
    driver.begin();
    expect(driver.send({ type: 'dtmf', digit: '#' })).toEqual([
      { type: 'stopPlayback', playbackId: 'pb1' },
      { type: 'hangup', cause: 'normal' },
    ]);
    expect(driver.result().path).toEqual(['n', outNode('#')]);
  });

  it('a wrong key during the prompt stops it and plays invalidPrompt; the stopped prompt’s end is ignored', () => {
    const driver = drive(menuFlow());
    driver.begin();
    expect(driver.send({ type: 'dtmf', digit: '0' })).toEqual([
      { type: 'stopPlayback', playbackId: 'pb1' },
      {
        type: 'play',
        playbackId: 'pb2',
        sound: { kind: 'tts', text: 'Wrong', language: 'fr-FR' },
        early: false,
      },
    ]);
    expect(driver.send({ type: 'playback.finished', playbackId: 'pb1' })).toEqual([]);
    expect(driver.send({ type: 'playback.finished', playbackId: 'pb2' })).toMatchObject([
      { type: 'play', playbackId: 'pb3', sound: { id: 'hello' } },
    ]);
    expect(driver.send({ type: 'playback.finished', playbackId: 'pb3' })).toEqual([
      { type: 'collectDigits', maxDigits: 1, timeoutSeconds: 5 },
    ]);
  });

  it('a key during a notice stops the notice and is taken', () => {
    const driver = drive(menuFlow());
    driver.begin();
    driver.send({ type: 'dtmf', digit: '0' });
    expect(driver.send({ type: 'dtmf', digit: '*' })).toEqual([
      { type: 'stopPlayback', playbackId: 'pb2' },
      { type: 'hangup', cause: 'normal' },
    ]);
    expect(portTaken(driver.result())).toBe('*');
  });

  it('a key clears the digit timeout: the old deadline does not fire during the next prompt', () => {
    const driver = drive(menuFlow());
    driver.begin();
    driver.finishPlayback();
    driver.advance(2);
    expect(types(driver.send({ type: 'dtmf', digit: '9' }))).toEqual(['play']);
    // The first deadline (5 s after the prompt) passes while the notice plays: nothing happens.
    expect(driver.advance(20)).toEqual([]);
    expect(driver.session.ended).toBe(false);
  });

  it('the timeout restarts for each attempt', () => {
    const driver = drive(menuFlow({ timeoutSeconds: 3, attempts: 2 }));
    driver.begin();
    driver.finishPlayback();
    expect(types(driver.advance(3))).toEqual(['play']); // timeoutPrompt
    driver.finishPlayback();
    driver.finishPlayback(); // the prompt again
    expect(driver.advance(2.999)).toEqual([]);
    expect(driver.advance(0.001)).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(portTaken(driver.result())).toBe('timeout');
    expect(driver.result().durationSeconds).toBe(6);
  });

  it('an invalid key while waiting stops nothing (no playback is running)', () => {
    const driver = drive(menuFlow());
    driver.begin();
    driver.finishPlayback();
    expect(types(driver.send({ type: 'dtmf', digit: '4' }))).toEqual(['play']);
  });

  it('plays an early announcement before answering only if the menu is entered unanswered', () => {
    const flow = nodeFlow(
      'announcement',
      { sound: 'hello', answer: false },
      {
        nodes: [
          { id: 'm', kind: 'menu', config: { prompt: 'bye', options: { '1': { label: 'One' } } } },
          { id: 'end', kind: 'hangup' },
        ],
        edges: [
          ['n', 'next', 'm'],
          ['m', '1', 'end'],
        ],
      },
    );
    const driver = drive(flow);
    expect(driver.begin()).toMatchObject([{ type: 'play', early: true }]);
    expect(driver.finishPlayback()).toMatchObject([{ type: 'answer' }, { type: 'play', early: false }]);
  });
});
