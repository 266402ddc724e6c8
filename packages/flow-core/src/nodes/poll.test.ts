import { describe, expect, it } from 'vitest';
import {
  drive,
  eventsOf,
  nodeFlow,
  makeFlow,
  ofType,
  portTaken,
  simulate,
  types,
} from '../../test/engine-harness.js';

const QUESTIONS = [
  { id: 'q1', prompt: { tts: { text: 'Rate us' } }, min: 1, max: 5 },
  { id: 'q2', prompt: { tts: { text: 'Again' } }, min: 0, max: 9 },
];
const THANKS = { tts: { text: 'Thanks' } };

function pollFlow(config: Record<string, unknown> = {}) {
  return nodeFlow(
    'poll',
    { id: 'satisfaction', questions: QUESTIONS, thanks: THANKS, ...config },
    { ports: ['done', 'noInput'] },
  );
}

/** Ring alice (or bob first, then alice), then the poll after the conversation. */
function afterCallFlow(agents: string[]) {
  const rings = agents.map((agent, i) => ({
    id: `ring${i + 1}`,
    kind: 'ringGroup',
    config: { members: [{ agent }] },
  }));
  return makeFlow({
    agents: [{ id: 'alice' }, { id: 'bob' }],
    nodes: [...rings, { id: 'poll', kind: 'poll', config: { id: 'satisfaction', questions: QUESTIONS } }],
    edges: rings.map((r, i) => [r.id, 'afterCall', rings[i + 1]?.id ?? 'poll'] as const),
  });
}

const played = (commands: ReturnType<typeof simulate>['commands']) =>
  ofType(commands, 'play').map((p) => (p.sound.kind === 'tts' ? p.sound.text : p.sound.file));

describe('poll: scenario', () => {
  it('records each answer with the poll, the question, the value and the agent who took the call', () => {
    const { result } = simulate(afterCallFlow(['alice']), {
      agents: { alice: {} },
      caller: { inputs: ['4', '0'] },
      talkSeconds: 30,
    });
    expect(result.outcome).toBe('answered');
    expect(result.polls).toEqual([
      { poll: 'satisfaction', question: 'q1', value: 4, agent: 'alice' },
      { poll: 'satisfaction', question: 'q2', value: 0, agent: 'alice' },
    ]);
    expect(portTaken(result, 'poll')).toBe('done');
  });

  it('credits the last agent bridged', () => {
    const { result } = simulate(afterCallFlow(['bob', 'alice']), {
      agents: { alice: {}, bob: {} },
      caller: { inputs: ['5', '5'] },
    });
    expect(result.answeredBy).toBe('bob');
    expect(result.polls.map((p) => p.agent)).toEqual(['alice', 'alice']);
  });

  it('credits nobody when no agent took the call', () => {
    const { result } = simulate(pollFlow(), { caller: { inputs: ['3', '7'] } });
    expect(result.polls).toEqual([
      { poll: 'satisfaction', question: 'q1', value: 3, agent: null },
      { poll: 'satisfaction', question: 'q2', value: 7, agent: null },
    ]);
  });

  it('asks a question again after a key out of range', () => {
    const { result, commands } = simulate(pollFlow(), { caller: { inputs: ['9', '*', '2', '8'] } });
    expect(played(commands)).toEqual(['Rate us', 'Rate us', 'Rate us', 'Again', 'Thanks']);
    expect(result.polls.map((p) => [p.question, p.value])).toEqual([
      ['q1', 2],
      ['q2', 8],
    ]);
    expect(eventsOf(result, 'poll.outOfRange')).toMatchObject([
      { question: 'q1', digit: '9' },
      { question: 'q1', digit: '*' },
    ]);
    expect(portTaken(result)).toBe('done');
  });

  it('leaves by noInput after a third key out of range', () => {
    const { result, commands } = simulate(pollFlow(), { caller: { inputs: ['6', '0', '#', '3'] } });
    expect(played(commands)).toEqual(['Rate us', 'Rate us', 'Rate us']);
    expect(result.polls).toEqual([]);
    expect(portTaken(result)).toBe('noInput');
  });

  it('counts retries per question', () => {
    const { result } = simulate(
      pollFlow({ questions: [QUESTIONS[0], { ...QUESTIONS[1], min: 1, max: 3 }] }),
      {
        caller: { inputs: ['9', '9', '4', '9', '9', '2'] },
      },
    );
    expect(result.polls.map((p) => p.value)).toEqual([4, 2]);
    expect(portTaken(result)).toBe('done');
  });

  it('leaves by noInput when no key comes before the timeout, keeping earlier answers', () => {
    const { result, trace } = simulate(pollFlow({ timeoutSeconds: 4 }), { caller: { inputs: ['5', null] } });
    expect(result.polls).toEqual([{ poll: 'satisfaction', question: 'q1', value: 5, agent: null }]);
    expect(portTaken(result)).toBe('noInput');
    expect(eventsOf(result, 'poll.noInput')).toMatchObject([{ question: 'q2' }]);
    // Not asked again, no thanks: q1 0-1 s, key at 2 s, q2 2-3 s, timeout at 7 s.
    expect(played(trace.flatMap((l) => (l.command ? [l.command] : [])))).toEqual(['Rate us', 'Again']);
    expect(result.durationSeconds).toBe(7);
  });

  it('plays thanks after the last answer, then leaves by done', () => {
    const { result, trace } = simulate(pollFlow(), { caller: { inputs: ['1', '1'] } });
    const plays = trace.filter((l) => l.command?.type === 'play');
    expect(plays.map((l) => l.t)).toEqual([0, 2, 4]);
    expect(result.durationSeconds).toBe(5);
    expect(portTaken(result)).toBe('done');
  });

  it('without thanks, leaves by done right after the last answer', () => {
    const { result, commands } = simulate(pollFlow({ thanks: undefined }), {
      caller: { inputs: ['1', '1'] },
    });
    expect(played(commands)).toEqual(['Rate us', 'Again']);
    expect(result.durationSeconds).toBe(4);
    expect(portTaken(result)).toBe('done');
  });
});

describe('poll: command level', () => {
  it('answers, asks, then collects one key with the timeout once the question has been said', () => {
    const driver = drive(pollFlow({ timeoutSeconds: 6 }));
    expect(types(driver.begin())).toEqual(['answer', 'play']);
    expect(driver.advance(30)).toEqual([]);
    expect(driver.finishPlayback()).toEqual([{ type: 'collectDigits', maxDigits: 1, timeoutSeconds: 6 }]);
    expect(driver.advance(5.999)).toEqual([]);
    expect(driver.advance(0.001)).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(portTaken(driver.result())).toBe('noInput');
  });

  it('a key during a question stops it (barge-in) and is recorded', () => {
    const driver = drive(pollFlow());
    driver.begin();
    expect(driver.send({ type: 'dtmf', digit: '3' })).toMatchObject([
      { type: 'stopPlayback', playbackId: 'pb1' },
      { type: 'play', playbackId: 'pb2', sound: { text: 'Again' } },
    ]);
    expect(driver.send({ type: 'playback.finished', playbackId: 'pb1' })).toEqual([]);
    driver.finishPlayback();
    expect(driver.send({ type: 'dtmf', digit: '9' })).toMatchObject([
      { type: 'play', sound: { text: 'Thanks' } },
    ]);
    // Keys during thanks are not answers.
    expect(driver.send({ type: 'dtmf', digit: '1' })).toEqual([]);
    expect(driver.finishPlayback()).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(driver.result().polls.map((p) => p.value)).toEqual([3, 9]);
  });

  it('a key clears the timeout of the question', () => {
    const driver = drive(pollFlow());
    driver.begin();
    driver.finishPlayback();
    driver.advance(1);
    driver.send({ type: 'dtmf', digit: '2' });
    // q2 is being said; q1's deadline passes without effect.
    expect(driver.advance(30)).toEqual([]);
    expect(driver.session.ended).toBe(false);
  });
});
