import { assign, createActor, setup } from 'xstate';
import type { LatencyRecorder } from './driver.js';

/*
 * The floor ringflow is compared with: a bare xstate v5 machine shaped like a small call (greeting,
 * menu, ringing, talking, voicemail), with assign actions, driven by the same kinds of events, one
 * actor per call, several calls live at once, each `actor.send` timed on its own exactly as the
 * engine's decisions are.
 */

type BareEvent =
  | { type: 'call.started' }
  | { type: 'playback.finished'; playbackId: string }
  | { type: 'dtmf'; digit: string }
  | { type: 'leg.ringing'; legId: string }
  | { type: 'leg.answered'; legId: string }
  | { type: 'leg.failed'; legId: string; reason: string }
  | { type: 'timer'; name: string }
  | { type: 'bridge.ended'; legId: string }
  | { type: 'voicemail.recorded'; seconds: number }
  | { type: 'call.hungup' };

const bareCallMachine = setup({
  types: {
    context: {} as {
      events: number;
      digits: string;
      legs: number;
      failed: number;
      answeredBy: string | null;
    },
    events: {} as BareEvent,
  },
  actions: {
    count: assign({ events: ({ context }) => context.events + 1 }),
  },
}).createMachine({
  id: 'bare-call',
  initial: 'idle',
  context: { events: 0, digits: '', legs: 0, failed: 0, answeredBy: null },
  states: {
    idle: { on: { 'call.started': { target: 'greeting', actions: 'count' } } },
    greeting: { on: { 'playback.finished': { target: 'menu', actions: 'count' } } },
    menu: {
      on: {
        'playback.finished': { actions: 'count' },
        dtmf: {
          target: 'ringing',
          actions: assign({ digits: ({ context, event }) => context.digits + event.digit }),
        },
        timer: { target: 'voicemail', actions: 'count' },
      },
    },
    ringing: {
      on: {
        'leg.ringing': { actions: assign({ legs: ({ context }) => context.legs + 1 }) },
        'leg.failed': { actions: assign({ failed: ({ context }) => context.failed + 1 }) },
        'leg.answered': {
          target: 'talking',
          actions: assign({ answeredBy: ({ event }) => event.legId }),
        },
        timer: { target: 'voicemail', actions: 'count' },
      },
    },
    talking: { on: { 'bridge.ended': { target: 'done', actions: 'count' } } },
    voicemail: {
      on: {
        'playback.finished': { actions: 'count' },
        'voicemail.recorded': { target: 'done', actions: 'count' },
      },
    },
    done: { type: 'final' },
  },
});

/** The events of two kinds of call, in order: answered after a menu, and voicemail after no answer. */
const ANSWERED: readonly BareEvent[] = [
  { type: 'call.started' },
  { type: 'playback.finished', playbackId: 'pb1' },
  { type: 'playback.finished', playbackId: 'pb2' },
  { type: 'dtmf', digit: '2' },
  { type: 'leg.ringing', legId: 'leg3' },
  { type: 'leg.ringing', legId: 'leg4' },
  { type: 'leg.failed', legId: 'leg4', reason: 'busy' },
  { type: 'leg.answered', legId: 'leg3' },
  { type: 'bridge.ended', legId: 'leg3' },
];
const VOICEMAIL: readonly BareEvent[] = [
  { type: 'call.started' },
  { type: 'playback.finished', playbackId: 'pb1' },
  { type: 'dtmf', digit: '1' },
  { type: 'leg.ringing', legId: 'leg2' },
  { type: 'leg.ringing', legId: 'leg3' },
  { type: 'timer', name: 'ring' },
  { type: 'playback.finished', playbackId: 'pb4' },
  { type: 'voicemail.recorded', seconds: 20 },
];

/**
 * Runs bare calls, `concurrent` live at a time, round robin, until `events` events have been sent;
 * records each send's duration in `recorder` (null: untimed, to warm up). Returns the calls run.
 */
export function driveBareCalls(events: number, concurrent: number, recorder: LatencyRecorder | null): number {
  type Live = {
    actor: ReturnType<typeof createActor<typeof bareCallMachine>>;
    script: readonly BareEvent[];
    next: number;
  };
  let calls = 0;
  const spawn = (): Live => {
    const actor = createActor(bareCallMachine);
    actor.start();
    return { actor, script: calls++ % 2 === 0 ? ANSWERED : VOICEMAIL, next: 0 };
  };
  const live: Live[] = Array.from({ length: concurrent }, spawn);
  let sent = 0;
  while (sent < events) {
    for (let i = 0; i < live.length && sent < events; i++) {
      const call = live[i]!;
      const event = call.script[call.next++]!;
      if (recorder === null) {
        call.actor.send(event);
      } else {
        const start = performance.now();
        call.actor.send(event);
        recorder.add(0, (performance.now() - start) * 1000);
      }
      sent++;
      if (call.next === call.script.length) {
        if (call.actor.getSnapshot().status !== 'done') throw new Error('bare call did not reach its end');
        live[i] = spawn();
      }
    }
  }
  return calls;
}
