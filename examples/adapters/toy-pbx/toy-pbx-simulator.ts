import type { EngineCommand, EngineEvent, LegTarget, RingLeg } from '@ringflow/flow-core';
import type { AdapterCall } from '@ringflow/flow-runtime-adapters';
import type { MemoryAdapter } from '@ringflow/flow-runtime-adapters/memory';
import type { ToyDialStatus, ToyPbxClient, ToyPbxMessage, ToyPbxRequest } from './toy-pbx-client.js';

/**
 * A ToyPBX in memory, for the conformance kit: it speaks the ToyPBX protocol on one side and plays
 * scenarios with ringflow's memory adapter on the other. Place calls with `memory.placeCall`; they
 * reach the ToyPBX adapter as ToyPBX messages. On a real PBX this part is test tooling that makes
 * the PBX's phones behave like a scenario (scripted SIP endpoints, for instance).
 */
export function createToyPbxSimulator(
  memory: MemoryAdapter,
  options: { readonly optOutDigit?: string } = {},
): ToyPbxClient {
  let listener: (message: ToyPbxMessage) => void | Promise<void> = () => {};
  const calls = new Map<string, AdapterCall>();

  const legOf = (channel: string) => {
    const cut = channel.lastIndexOf('/');
    return { callId: channel.slice(0, cut), legId: channel.slice(cut + 1) };
  };
  const callOf = (callId: string) => {
    const call = calls.get(callId);
    if (call === undefined) throw new Error(`ToyPBX: no channel "${callId}"`);
    return call;
  };
  const targetOf = (endpoint: string): LegTarget =>
    endpoint.startsWith('user:')
      ? { kind: 'agent', agent: endpoint.slice(5) }
      : { kind: 'number', number: endpoint.slice(4) };
  const run = (callId: string, command: EngineCommand) =>
    (memory.commands[command.type] as (call: AdapterCall, command: EngineCommand) => Promise<void>)(
      callOf(callId),
      command,
    );
  const split = (name: string) => name.slice(name.lastIndexOf(':') + 1);

  const DIAL: Readonly<Record<string, ToyDialStatus>> = {
    busy: 'BUSY',
    noAnswer: 'NOANSWER',
    rejected: 'DECLINED',
    unreachable: 'CHANUNAVAIL',
  };

  /** What the simulated PBX reports, said in ToyPBX's words. */
  const report = (callId: string, event: EngineEvent): ToyPbxMessage | null => {
    switch (event.type) {
      case 'call.hungup':
        return { event: 'ChannelHangup', channel: callId };
      case 'playback.finished':
        return { event: 'PlaybackFinished', playback: `${callId}:${event.playbackId}` };
      case 'dtmf':
        return { event: 'Dtmf', channel: callId, digit: event.digit };
      case 'leg.ringing':
        return { event: 'DialStatus', channel: `${callId}/${event.legId}`, status: 'RINGING' };
      case 'leg.answered':
        return { event: 'DialStatus', channel: `${callId}/${event.legId}`, status: 'ANSWER' };
      case 'leg.failed':
        return { event: 'DialStatus', channel: `${callId}/${event.legId}`, status: DIAL[event.reason]! };
      case 'bridge.ended':
        return { event: 'ChannelHangup', channel: `${callId}/${event.legId}` };
      case 'voicemail.recorded':
        return {
          event: 'RecordingFinished',
          name: `${callId}:${event.recordingId}`,
          seconds: event.seconds,
          ...(event.file !== undefined ? { file: event.file } : {}),
        };
      case 'call.started':
        return null;
    }
  };

  const started = memory.start({
    async callArrived(call) {
      const info = {
        callId: call.callId,
        from: call.from,
        to: call.to,
        startedAt: call.startedAt ?? memory.clock.now(),
      };
      calls.set(call.callId, info);
      await listener({
        event: 'ChannelCreated',
        channel: call.callId,
        callerNumber: call.from,
        dialed: call.to,
        time: info.startedAt,
      });
    },
    callEvent(callId, event) {
      const message = report(callId, event);
      if (message !== null) void listener(message);
    },
  });

  const dial = (request: Extract<ToyPbxRequest, { op: 'dial' }>): RingLeg => ({
    legId: legOf(request.channel).legId,
    target: targetOf(request.endpoint),
    timeoutSeconds: request.timeoutSeconds,
    callerId: request.callerId,
  });

  return {
    async request(request) {
      await started;
      switch (request.op) {
        case 'answer':
          return run(request.channel, { type: 'answer' });
        case 'play': {
          const [kind, ...rest] = request.media.split(':');
          const sound =
            kind === 'tts'
              ? { kind: 'tts' as const, language: rest[0]!, text: rest.slice(1).join(':') }
              : { kind: 'file' as const, file: rest.join(':') };
          return run(request.channel, {
            type: 'play',
            playbackId: split(request.playback),
            sound,
            early: request.early,
          });
        }
        case 'stopPlayback':
          return run(request.playback.slice(0, request.playback.lastIndexOf(':')), {
            type: 'stopPlayback',
            playbackId: split(request.playback),
          });
        case 'collectKeys':
          // The scenario's caller types the next keys of `caller.inputs`.
          return run(request.channel, {
            type: 'collectDigits',
            maxDigits: request.maxKeys,
            timeoutSeconds: request.timeoutSeconds,
          });
        case 'hold':
          return;
        case 'dial':
          return run(legOf(request.channel).callId, { type: 'ring', legs: [dial(request)], music: null });
        case 'bridge':
          return run(request.channels[0], { type: 'bridge', legId: legOf(request.channels[1]).legId });
        case 'record':
          return run(request.channel, {
            type: 'recordVoicemail',
            recordingId: split(request.name),
            mailbox: request.mailbox,
            maxSeconds: request.maxSeconds,
          });
        case 'monitor':
          return run(
            request.channel,
            request.on
              ? { type: 'startRecording', optOutDigit: options.optOutDigit ?? null }
              : { type: 'stopRecording' },
          );
        case 'hangup': {
          if (calls.has(request.channel))
            return run(request.channel, { type: 'hangup', cause: request.cause });
          // A dialed leg: the simulated PBX calls off what it had planned for it.
          const { callId, legId } = legOf(request.channel);
          return run(callId, { type: 'cancelLegs', legIds: [legId], reason: 'flowEnded' });
        }
      }
    },
    subscribe(next) {
      listener = next;
    },
    close: () => memory.stop(),
  };
}
