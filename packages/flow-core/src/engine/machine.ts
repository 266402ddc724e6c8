import { enqueueActions, setup, type AnyActorRef } from 'xstate';
import type { NodeEvent } from '../nodes/define.js';
import type { CompiledFlowData } from './flow-data.js';
import { NodeContext } from './node-context.js';
import type { SessionState } from './state.js';
import type { AgentDirectory, Clock, EngineEvent } from './types.js';

/** What a running session lends the machine's actions: time and agent presences. */
export interface SessionEnvironment {
  readonly clock: Clock;
  readonly directory: AgentDirectory;
}

/** The environment of each running actor (not part of its JSON snapshot). */
export const environments = new WeakMap<AnyActorRef, SessionEnvironment>();

type MachineEvent =
  NodeEvent | { type: `exit.${string}` } | { type: 'flow.hangup' } | { type: 'notice.done' };

const stateKey = (nodeId: string) => `node:${nodeId}`;

/**
 * Compiles a flow into an xstate machine: one state per node, one transition per output port to the
 * state of the node it is wired to (unwired ports to `ended`). Kinds do not know xstate: the shared
 * `enter` and `handle` actions run the kind's runtime on a NodeContext, then raise `exit.<port>`.
 */
export function createFlowMachine(data: CompiledFlowData) {
  const { flow } = data;

  /** Runs one step of the current node's kind and raises the way out it chose, if any. */
  const step = (
    state: SessionState,
    self: AnyActorRef,
    nodeId: string,
    run: (ctx: NodeContext) => void,
    raise: (event: MachineEvent) => void,
  ) => {
    const env = environments.get(self)!;
    const compiled = data.nodes.get(nodeId)!;
    const ctx = new NodeContext(nodeId, compiled.node.config, state, data, env.directory, env.clock.now());
    run(ctx);
    if (ctx.hungUp) {
      ctx.log('node.exited', { hangup: true });
      raise({ type: 'flow.hangup' });
    } else if (ctx.exitPort !== null) {
      const target = compiled.exits.get(ctx.exitPort);
      ctx.log('node.exited', { port: ctx.exitPort, ...(target === null ? { hangup: true } : {}) });
      raise({ type: `exit.${ctx.exitPort}` });
    }
  };

  const nodeStates = Object.fromEntries(
    [...data.nodes.values()].map(({ node, exits }) => [
      stateKey(node.id),
      {
        entry: { type: 'enterNode' as const, params: { nodeId: node.id } },
        on: {
          'call.hungup': {
            target: 'ended',
            actions: { type: 'callerHungUp' as const, params: { nodeId: node.id } },
          },
          'flow.hangup': { target: 'ended' },
          ...Object.fromEntries(
            [...exits].map(([port, target]) => [
              `exit.${port}`,
              { target: target === null ? 'ended' : stateKey(target), reenter: true },
            ]),
          ),
          '*': { actions: { type: 'handle' as const, params: { nodeId: node.id } } },
        },
      },
    ]),
  );

  return setup({
    types: {
      context: {} as SessionState,
      events: {} as MachineEvent,
      input: {} as { state: SessionState },
    },
    guards: {
      refused: ({ context }) => refusal(context, data) !== null,
      recorded: () => flow.settings.recording.enabled,
      isNotice: ({ context, event }) =>
        event.type === 'playback.finished' && event.playbackId === context.nodeState.notice,
    },
    actions: {
      start: ({ context, self }) => {
        const now = environments.get(self)!.clock.now();
        context.events.push({
          at: new Date(now).toISOString(),
          type: 'call.started',
          from: context.call.from,
          to: context.call.to,
        });
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
          { at: new Date(now).toISOString(), type: 'call.channelAnswered' },
          { at: new Date(now).toISOString(), type: 'recording.started' },
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
        const now = environments.get(self)!.clock.now();
        context.events.push({ at: new Date(now).toISOString(), type: 'recording.optedOut' });
      },
      hungUpDuringNotice: ({ context, self }) => {
        const now = environments.get(self)!.clock.now();
        context.events.push({ at: new Date(now).toISOString(), type: 'call.hungup', by: 'caller' });
        context.missedReason = 'callerHungUp';
        context.ended = { at: now, by: 'caller' };
      },
      refuse: ({ context, self }) => {
        const now = environments.get(self)!.clock.now();
        const reason = refusal(context, data)!;
        context.events.push(
          {
            at: new Date(now).toISOString(),
            type: 'call.started',
            from: context.call.from,
            to: context.call.to,
          },
          { at: new Date(now).toISOString(), type: 'call.rejected', reason },
        );
        context.missedReason = 'rejected';
        context.ended = { at: now, by: 'rejected' };
      },
      enterNode: enqueueActions(({ context, self, enqueue }, params: { nodeId: string }) => {
        const env = environments.get(self)!;
        const now = env.clock.now();
        if (context.steps >= flow.settings.maxSteps) {
          context.events.push({
            at: new Date(now).toISOString(),
            type: 'call.maxStepsReached',
            node: params.nodeId,
            maxSteps: flow.settings.maxSteps,
          });
          enqueue.raise({ type: 'flow.hangup' });
          return;
        }
        context.node = params.nodeId;
        context.steps++;
        context.path.push(params.nodeId);
        context.nodeState = {};
        context.timers = {};
        context.events.push({ at: new Date(now).toISOString(), type: 'node.entered', node: params.nodeId });
        step(
          context,
          self,
          params.nodeId,
          (ctx) => data.nodes.get(params.nodeId)!.kind.runtime.enter(ctx as never),
          enqueue.raise,
        );
      }),
      handle: enqueueActions(({ context, self, event, enqueue }, params: { nodeId: string }) => {
        step(
          context,
          self,
          params.nodeId,
          (ctx) => {
            // An answer on a leg that is no longer ringing (taken elsewhere, timed out, another
            // node's) comes too late: hang that leg up and record it, the node never sees it.
            if (
              event.type === 'leg.answered' ||
              event.type === 'leg.failed' ||
              event.type === 'leg.ringing'
            ) {
              const leg = ctx.leg(event.legId);
              if (leg === undefined || leg.phase !== 'ringing') {
                if (event.type === 'leg.answered' && leg !== undefined && leg.phase === 'closed')
                  ctx.tooLate(event.legId);
                return;
              }
            }
            data.nodes.get(params.nodeId)!.kind.runtime.on(event as NodeEvent, ctx as never);
          },
          enqueue.raise,
        );
      }),
      callerHungUp: ({ context, self, event }, params: { nodeId: string }) => {
        const env = environments.get(self)!;
        const ctx = new NodeContext(
          params.nodeId,
          data.nodes.get(params.nodeId)!.node.config,
          context,
          data,
          env.directory,
          env.clock.now(),
        );
        data.nodes.get(params.nodeId)!.kind.runtime.on(event as EngineEvent, ctx as never);
        context.events.push({
          at: new Date(ctx.now).toISOString(),
          type: 'call.hungup',
          node: params.nodeId,
          by: 'caller',
        });
        if (context.answeredBy === null && context.voicemail === null && context.missedReason === null) {
          context.missedReason = 'callerHungUp';
        }
        context.ended = { at: ctx.now, by: 'caller' };
      },
      finish: ({ context, self }) => {
        const env = environments.get(self)!;
        const now = env.clock.now();
        // Whatever still rings is cancelled: the call is over.
        const ringing = Object.entries(context.legStates).filter(([, leg]) => leg.phase === 'ringing');
        if (ringing.length > 0 && context.node !== null) {
          const ctx = new NodeContext(context.node, undefined, context, data, env.directory, now);
          for (const [legId] of ringing) ctx.closeLeg(legId, 'NO_ANSWER');
          context.outbox.push({
            type: 'cancelLegs',
            legIds: ringing.map(([legId]) => legId),
            reason: context.ended?.by === 'caller' ? 'callerHungUp' : 'flowEnded',
          });
        }
        if (context.ended === null) context.ended = { at: now, by: 'flow' };
        if (context.ended.by !== 'caller') {
          context.outbox.push({
            type: 'hangup',
            cause: context.ended.by === 'rejected' ? 'rejected' : 'normal',
          });
        }
        context.timers = {};
        context.node = null;
      },
    },
  }).createMachine({
    id: `flow:${flow.id}`,
    context: ({ input }) => input.state,
    initial: 'idle',
    states: {
      idle: {
        on: {
          'call.started': [
            { guard: 'refused', target: 'ended', actions: 'refuse' },
            { guard: 'recorded', target: 'recordingNotice', actions: 'start' },
            { target: stateKey(flow.entry), actions: 'start' },
          ],
        },
      },
      // settings.recording: the call is answered and recorded from the start; the notice plays
      // before the entry node, and the opt-out key during it stops the recording.
      recordingNotice: {
        entry: 'startRecording',
        on: {
          'playback.finished': { guard: 'isNotice', target: stateKey(flow.entry) },
          'notice.done': { target: stateKey(flow.entry) },
          dtmf: { actions: 'noticeKey' },
          'call.hungup': { target: 'ended', actions: 'hungUpDuringNotice' },
        },
      },
      ...nodeStates,
      ended: { type: 'final', entry: 'finish' },
    },
  });
}

/** Why the flow's settings refuse this caller, or null. */
function refusal(state: SessionState, data: CompiledFlowData): 'anonymous' | 'blocked' | null {
  const { from } = state.call;
  const { settings } = data.flow;
  if (from === null) return settings.anonymous === 'reject' ? 'anonymous' : null;
  return settings.blocked.some((pattern) => matchesNumber(from, pattern)) ? 'blocked' : null;
}

/** An exact number, or a prefix ending in `*`. */
export function matchesNumber(number: string, pattern: string): boolean {
  return pattern.endsWith('*') ? number.startsWith(pattern.slice(0, -1)) : number === pattern;
}

export type FlowMachine = ReturnType<typeof createFlowMachine>;
