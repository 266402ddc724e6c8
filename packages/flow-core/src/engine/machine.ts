import { matchesNumber } from './numbers.js';
import { enqueueActions, setup, type AnyActorRef } from 'xstate';
import type { NodeEvent } from '../nodes/define.js';
import type { CompiledFlowData } from './flow-data.js';
import { NodeContext } from './node-context.js';
import type { SessionState } from './state.js';
import type { AgentDirectory, Clock } from './types.js';

/** What a running session lends the machine's actions: time and agent presences. */
export interface SessionEnvironment {
  readonly clock: Clock;
  readonly directory: AgentDirectory;
}

/** The environment of each running actor (not part of its JSON snapshot). */
export const environments = new WeakMap<AnyActorRef, SessionEnvironment>();

type MachineEvent = NodeEvent | { type: 'notice.done' };

/**
 * Compiles a flow into an xstate machine. The call's life is the machine's states (idle, the
 * recording notice, running, ended); where the call is in the flow is `context.node`, moved along the
 * flow's compiled exits. One event from the PBX may cross several nodes that decide at once
 * (business hours, conditions): they are followed in a loop within that one step, so a decision costs
 * one xstate transition however many instant nodes it crosses. Kinds do not know xstate: they run on
 * a NodeContext and name the port they leave by.
 */
export function createFlowMachine(data: CompiledFlowData) {
  const { flow } = data;

  /**
   * Follows the exits chosen by `ctx` (and by the nodes it leads to) until a node waits for an
   * event, or the call ends; returns true when the flow ended the call.
   */
  const follow = (state: SessionState, env: SessionEnvironment, first: NodeContext): boolean => {
    let ctx = first;
    for (;;) {
      if (ctx.hungUp) {
        ctx.log('node.exited', { hangup: true });
        return true;
      }
      if (ctx.exitPort === null) return false;
      const target = data.nodes.get(ctx.nodeId)!.exits.get(ctx.exitPort) ?? null;
      ctx.log('node.exited', { port: ctx.exitPort, ...(target === null ? { hangup: true } : {}) });
      if (target === null) return true;
      const next = enter(state, env, target);
      if (next === null) return true;
      ctx = next;
    }
  };

  /** Enters a node and runs its `enter`; null when `maxSteps` forbids entering it. */
  const enter = (state: SessionState, env: SessionEnvironment, nodeId: string): NodeContext | null => {
    const now = env.clock.now();
    if (state.steps >= flow.settings.maxSteps) {
      state.events.push({
        at: now,
        type: 'call.maxStepsReached',
        node: nodeId,
        maxSteps: flow.settings.maxSteps,
      });
      return null;
    }
    state.node = nodeId;
    state.steps++;
    state.path.push(nodeId);
    state.nodeState = {};
    state.timers = {};
    state.events.push({ at: now, type: 'node.entered', node: nodeId });
    const compiled = data.nodes.get(nodeId)!;
    const ctx = new NodeContext(nodeId, compiled.node.config, state, data, env.directory, now);
    compiled.kind.runtime.enter(ctx as never);
    return ctx;
  };

  const contextOf = (state: SessionState, env: SessionEnvironment): NodeContext => {
    const nodeId = state.node!;
    return new NodeContext(
      nodeId,
      data.nodes.get(nodeId)!.node.config,
      state,
      data,
      env.directory,
      env.clock.now(),
    );
  };

  return setup({
    types: {
      context: {} as SessionState,
      events: {} as MachineEvent,
      input: {} as { state: SessionState },
    },
    guards: {
      refused: ({ context }) => refusal(context, data) !== null,
      over: ({ context }) => context.ended !== null,
      recorded: () => flow.settings.recording.enabled,
      isNotice: ({ context, event }) =>
        event.type === 'playback.finished' && event.playbackId === context.nodeState.notice,
    },
    actions: {
      start: ({ context, self }) => {
        const now = environments.get(self)!.clock.now();
        context.events.push({ at: now, type: 'call.started', from: context.call.from, to: context.call.to });
      },
      enterEntry: ({ context, self }) => {
        const env = environments.get(self)!;
        const ctx = enter(context, env, flow.entry);
        if (ctx === null || follow(context, env, ctx)) context.ended = { at: env.clock.now(), by: 'flow' };
      },
      handle: ({ context, self, event }) => {
        const env = environments.get(self)!;
        const ctx = contextOf(context, env);
        // An answer on a leg that is no longer ringing (taken elsewhere, timed out, another node's)
        // comes too late: that leg is hung up and recorded, the node never sees it.
        if (event.type === 'leg.answered' || event.type === 'leg.failed' || event.type === 'leg.ringing') {
          const leg = ctx.leg(event.legId);
          if (leg === undefined || leg.phase !== 'ringing') {
            if (event.type === 'leg.answered' && leg !== undefined && leg.phase === 'closed')
              ctx.tooLate(event.legId);
            return;
          }
        }
        data.nodes.get(ctx.nodeId)!.kind.runtime.on(event as NodeEvent, ctx as never);
        if (follow(context, env, ctx)) context.ended = { at: env.clock.now(), by: 'flow' };
      },
      startRecording: enqueueActions(({ context, self, enqueue }) => {
        const now = environments.get(self)!.clock.now();
        const { announcement, optOutDigit } = flow.settings.recording;
        context.recording = { optedOut: false };
        context.channelAnswered = true;
        // The opt-out key is offered only by the notice: without one, the caller never heard of it.
        const offered = announcement === undefined ? null : (optOutDigit ?? null);
        context.outbox.push({ type: 'answer' }, { type: 'startRecording', optOutDigit: offered });
        context.events.push(
          { at: now, type: 'call.channelAnswered' },
          { at: now, type: 'recording.started' },
        );
        if (announcement === undefined) {
          enqueue.raise({ type: 'notice.done' });
          return;
        }
        const playbackId = `pb${++context.seq}`;
        context.nodeState = { notice: playbackId };
        context.outbox.push({
          type: 'play',
          playbackId,
          sound: data.resolveSound(announcement),
          early: false,
        });
      }),
      noticeKey: ({ context, event, self }) => {
        const optOut = flow.settings.recording.optOutDigit;
        if (
          event.type !== 'dtmf' ||
          optOut === undefined ||
          flow.settings.recording.announcement === undefined ||
          event.digit !== optOut ||
          context.recording!.optedOut
        )
          return;
        context.recording = { optedOut: true };
        context.outbox.push({ type: 'stopRecording' });
        context.events.push({ at: environments.get(self)!.clock.now(), type: 'recording.optedOut' });
      },
      refuse: ({ context, self }) => {
        const now = environments.get(self)!.clock.now();
        const reason = refusal(context, data)!;
        context.events.push(
          { at: now, type: 'call.started', from: context.call.from, to: context.call.to },
          { at: now, type: 'call.rejected', reason },
        );
        context.missedReason = 'rejected';
        context.ended = { at: now, by: 'rejected' };
      },
      callerHungUp: ({ context, self, event }) => {
        const env = environments.get(self)!;
        const now = env.clock.now();
        if (context.node !== null) {
          const ctx = contextOf(context, env);
          data.nodes.get(ctx.nodeId)!.kind.runtime.on(event as NodeEvent, ctx as never);
        }
        context.events.push({
          at: now,
          type: 'call.hungup',
          ...(context.node !== null ? { node: context.node } : {}),
          by: 'caller',
        });
        if (context.answeredBy === null && context.voicemail === null && context.missedReason === null) {
          context.missedReason = 'callerHungUp';
        }
        context.ended = { at: now, by: 'caller' };
      },
      finish: ({ context, self }) => {
        const env = environments.get(self)!;
        closeCall(context, data, env.directory, env.clock.now());
      },
    },
  }).createMachine({
    id: `flow:${flow.id}`,
    context: ({ input }) => input.state,
    initial: 'idle',
    states: {
      idle: {
        on: {
          // The caller gave up while the call was being set up: it ends at once, abandoned.
          'call.hungup': { target: 'ended', actions: ['start', 'callerHungUp'] },
          'call.started': [
            { guard: 'refused', target: 'ended', actions: 'refuse' },
            { guard: 'recorded', target: 'recordingNotice', actions: 'start' },
            { target: 'running', actions: ['start', 'enterEntry'] },
          ],
        },
      },
      // settings.recording: the call is answered and recorded from the start; the notice plays
      // before the entry node, and the opt-out key during it stops the recording.
      recordingNotice: {
        entry: 'startRecording',
        on: {
          'playback.finished': { guard: 'isNotice', target: 'running', actions: 'enterEntry' },
          'notice.done': { target: 'running', actions: 'enterEntry' },
          dtmf: { actions: 'noticeKey' },
          'call.hungup': { target: 'ended', actions: 'callerHungUp' },
        },
      },
      running: {
        // The flow ended the call during a step (a hang-up, an unwired port, maxSteps).
        always: { guard: 'over', target: 'ended' },
        on: {
          'call.hungup': { target: 'ended', actions: 'callerHungUp' },
          '*': { actions: 'handle' },
        },
      },
      ended: { type: 'final', entry: 'finish' },
    },
  });
}

/**
 * Closes a call that is over, however it ended: what still rings is cancelled and recorded
 * NO_ANSWER under its own node, the caller is hung up unless they hung up themselves, and the
 * node's timers are dropped.
 */
export function closeCall(
  state: SessionState,
  data: CompiledFlowData,
  directory: AgentDirectory,
  now: number,
): void {
  const ringing = Object.keys(state.legStates).filter((legId) => state.legStates[legId]!.phase === 'ringing');
  state.ended ??= { at: now, by: 'flow' };
  if (ringing.length > 0) {
    for (const legId of ringing) {
      new NodeContext(state.legStates[legId]!.node, undefined, state, data, directory, now).closeLeg(
        legId,
        'NO_ANSWER',
      );
    }
    state.outbox.push({
      type: 'cancelLegs',
      legIds: ringing,
      reason: state.ended.by === 'caller' ? 'callerHungUp' : 'flowEnded',
    });
  }
  if (state.ended.by !== 'caller') {
    state.outbox.push({ type: 'hangup', cause: state.ended.by === 'rejected' ? 'rejected' : 'normal' });
  }
  state.timers = {};
  state.node = null;
}

/** Why the flow's settings refuse this caller, or null. */
function refusal(state: SessionState, data: CompiledFlowData): 'anonymous' | 'blocked' | null {
  const { from } = state.call;
  const { settings } = data.flow;
  if (from === null) return settings.anonymous === 'reject' ? 'anonymous' : null;
  return settings.blocked.some((pattern) => matchesNumber(from, pattern)) ? 'blocked' : null;
}

export type FlowMachine = ReturnType<typeof createFlowMachine>;
