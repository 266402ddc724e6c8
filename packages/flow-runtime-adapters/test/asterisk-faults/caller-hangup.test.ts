import { simulateCall, type FlowDocument } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { stat } from 'node:fs/promises';
import type { LocalCall } from '../../src/asterisk-ari/testing/local-caller.js';
import { useAriLab } from '../../src/asterisk-ari/testing/use-ari-lab.js';
import { callTrace, testFlow, TEST_LINE } from '../../src/asterisk-ari/testing/world.js';
import type { AsteriskCallSnapshot } from '../../src/asterisk-ari/adapter.js';
import { expectNoLeftovers, startFaultLab } from './fault-lab.js';

/*
 * The caller hangs up during each kind of step, on a real Asterisk: the call's record says what the
 * simulator says for a caller hanging up at the same step (outcome, missedReason, path, legs), and
 * Asterisk keeps no channel or bridge of it.
 */

const { lab, world } = useAriLab(() => startFaultLab('faults-hangup', 1));

const hello = { id: 'hello', file: 'hello-world.gsm' };
const beep = { id: 'beep', file: 'beep.gsm' };
/** How long the simulator plays the lab's sounds (it cannot know them; default 10 s). */
const soundSeconds = { 'hello-world.gsm': 1.4, 'beep.gsm': 0.3 };

interface Case {
  readonly step: string;
  readonly flow: FlowDocument;
  /** The simulated PBX: agents, and when the caller hangs up. */
  readonly scenario: Record<string, unknown>;
  /** The moment to hang up, live. */
  readonly ready: (call: AsteriskCallSnapshot, trace: readonly string[]) => boolean;
  readonly expected: Record<string, unknown>;
  /** What the caller does before hanging up, once ready. */
  readonly before?: (call: LocalCall) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cases: Case[] = [
  {
    step: 'a prompt playing',
    flow: testFlow({
      id: 'play',
      entry: 'welcome',
      sounds: [hello],
      nodes: [{ id: 'welcome', kind: 'announcement', config: { sound: 'hello', loops: 10 } }],
      edges: [],
    }),
    scenario: { caller: { hangupAfterSeconds: 1 } },
    ready: (call) => call.playbacks.length === 1,
    expected: { outcome: 'abandoned', missedReason: 'callerHungUp', path: ['welcome'] },
  },
  {
    step: 'a menu waiting for digits',
    flow: testFlow({
      id: 'menu',
      entry: 'menu',
      sounds: [beep],
      nodes: [
        {
          id: 'menu',
          kind: 'menu',
          config: { prompt: 'beep', options: { '1': { label: 'One' } }, timeoutSeconds: 60 },
        },
      ],
      edges: [],
    }),
    scenario: { caller: { hangupAfterSeconds: 2 } },
    ready: (_call, trace) => trace.some((line) => line.startsWith('< playback.finished')),
    expected: { outcome: 'abandoned', missedReason: 'callerHungUp', path: ['menu'] },
  },
  {
    step: 'an agent ringing',
    flow: testFlow({
      id: 'ring',
      entry: 'team',
      agents: [{ id: 'never', name: 'Never answers' }],
      nodes: [{ id: 'team', kind: 'ringGroup', config: { members: [{ agent: 'never' }], ringSeconds: 30 } }],
      edges: [],
    }),
    scenario: {
      agents: { never: { status: 'available', answer: 'never' } },
      caller: { hangupAfterSeconds: 2 },
    },
    ready: (call) => call.legs[0]?.phase === 'ringing',
    expected: { outcome: 'abandoned', missedReason: 'callerHungUp', path: ['team'] },
  },
  {
    step: 'a conversation',
    flow: testFlow({
      id: 'talk',
      entry: 'team',
      agents: [{ id: 'answer-0', name: 'Answers at once' }],
      nodes: [
        { id: 'team', kind: 'ringGroup', config: { members: [{ agent: 'answer-0' }], ringSeconds: 30 } },
      ],
      edges: [],
    }),
    scenario: {
      agents: { 'answer-0': { status: 'available', answerAfterSeconds: 0 } },
      caller: { hangupAfterSeconds: 3 },
      talkSeconds: 60,
    },
    ready: (call) => call.legs[0]?.phase === 'bridged',
    expected: { outcome: 'answered', answeredBy: 'answer-0', path: ['team'] },
  },
  {
    step: 'a voicemail being recorded',
    flow: testFlow({
      id: 'voicemail',
      entry: 'box',
      nodes: [{ id: 'box', kind: 'voicemail', config: { mailbox: 'sales', maxSeconds: 60 } }],
      edges: [],
    }),
    scenario: { caller: { hangupAfterSeconds: 3 } },
    ready: (call) => call.voicemail !== null,
    // Past the beep, the caller speaks for a while (a Local channel carries no audio by itself).
    before: async (call) => {
      await sleep(500);
      await call.say('sound:hello-world');
      await sleep(1800);
    },
    expected: { outcome: 'voicemail', path: ['box'] },
  },
  {
    step: 'a poll waiting for a digit',
    flow: testFlow({
      id: 'poll',
      entry: 'survey',
      sounds: [beep],
      nodes: [
        {
          id: 'survey',
          kind: 'poll',
          config: {
            id: 'satisfaction',
            questions: [{ id: 'q1', prompt: 'beep', min: 1, max: 5 }],
            timeoutSeconds: 60,
          },
        },
      ],
      edges: [],
    }),
    scenario: { caller: { hangupAfterSeconds: 2 } },
    ready: (_call, trace) => trace.some((line) => line.startsWith('< playback.finished')),
    expected: { outcome: 'abandoned', missedReason: 'callerHungUp', path: ['survey'] },
  },
];

describe(
  'the caller hangs up in the middle of each kind of step (real Asterisk)',
  { timeout: 30_000 },
  () => {
    it.each(cases)('during $step: the record says what the simulator says', async (c) => {
      const simulated = simulateCall(c.flow, {
        call: { from: '+33612345678', to: TEST_LINE, at: '2026-11-24T09:30:00+01:00' },
        soundSeconds,
        ...c.scenario,
      });
      // The simulator agrees with what this test expects: the two are checked against each other.
      expect(simulated).toMatchObject(c.expected);

      const w = await world(c.flow);
      const call = await w.place();
      await w.until(
        call.callId,
        (snapshot) => c.ready(snapshot, callTrace(w.logs, call.callId)),
        c.step,
        8000,
      );
      await c.before?.(call);
      await call.hangup();
      const record = await w.record(call.callId);

      expect(record).toMatchObject({
        outcome: simulated.outcome,
        missedReason: simulated.missedReason,
        answeredBy: simulated.answeredBy,
        path: simulated.path,
      });
      expect(record.legs.map(({ agent, status }) => ({ agent, status }))).toEqual(
        simulated.legs.map(({ agent, status }) => ({ agent, status })),
      );
      expect(record.adapterErrors).toBeUndefined();
      if (record.voicemail !== undefined) {
        // What was said before the hang-up is kept.
        expect(record.voicemail.seconds).toBeGreaterThanOrEqual(1);
        expect((await stat(record.voicemail.file!)).size).toBeGreaterThan(8000);
      }
      // The hang-up reached the engine; a voicemail is reported first, and the flow ends on it.
      const heard = c.step === 'a voicemail being recorded' ? '< voicemail.recorded' : '< call.hungup';
      expect(callTrace(w.logs, call.callId).some((line) => line.startsWith(heard))).toBe(true);

      await expectNoLeftovers(lab(), () => w.adapter.client.bridges.list());
      await w.close();
    });
  },
);
