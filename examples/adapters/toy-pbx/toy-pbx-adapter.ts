import type { Clock, LegFailure, LegTarget, ResolvedSound, RingLeg } from '@ringflow/flow-core';
import type { AdapterCall, AdapterHost, CallAdapter } from '@ringflow/flow-runtime-adapters';
import type { ToyDialStatus, ToyPbxClient, ToyPbxMessage } from './toy-pbx-client.js';

/** Options of {@link createToyPbxAdapter}. */
export interface ToyPbxAdapterOptions {
  /** A connected ToyPBX client. */
  readonly client: ToyPbxClient;
  /** The time of the calls; omit on a real ToyPBX (real time). A simulated one passes its own. */
  readonly clock?: Clock;
}

/** How ToyPBX names a sound. */
function mediaOf(sound: ResolvedSound): string {
  return sound.kind === 'tts' ? `tts:${sound.language}:${sound.text}` : `file:${sound.file}`;
}

/** How ToyPBX names who a leg calls. */
function endpointOf(target: LegTarget): string {
  return target.kind === 'agent' ? `user:${target.agent}` : `tel:${target.number}`;
}

/** `<call id>:<id>`, the name ToyPBX gives a playback or a recording, split back. */
function splitName(name: string): [callId: string, id: string] {
  const cut = name.lastIndexOf(':');
  return [name.slice(0, cut), name.slice(cut + 1)];
}

/** The engine's reason for each dial status that ends a dial without an answer. */
const DIAL_FAILURES: Readonly<Partial<Record<ToyDialStatus, LegFailure>>> = {
  BUSY: 'busy',
  NOANSWER: 'noAnswer',
  DECLINED: 'rejected',
  CHANUNAVAIL: 'unreachable',
};

/**
 * The ToyPBX adapter: ringflow's commands become ToyPBX requests, ToyPBX messages become engine
 * events. The caller's channel name is the call id; each leg gets a channel of its own,
 * `<call id>/<leg id>`. Nothing here decides what the call does next: that is the flow's job.
 *
 * @example
 * const adapter = createToyPbxAdapter({ client: await connectToyPbx('wss://pbx.example') });
 * const runtime = createRuntime({ store, adapter, directory });
 */
export function createToyPbxAdapter(options: ToyPbxAdapterOptions): CallAdapter {
  const { client } = options;
  /** The legs dialed, by channel. */
  const legs = new Map<string, { readonly callId: string; readonly legId: string }>();
  /** Leg channels bridged with their caller: their hang-up ends the conversation. */
  const bridged = new Set<string>();
  const legChannel = (call: AdapterCall, legId: string) => `${call.callId}/${legId}`;

  const dial = async (call: AdapterCall, leg: RingLeg) => {
    const channel = legChannel(call, leg.legId);
    legs.set(channel, { callId: call.callId, legId: leg.legId });
    await client.request({
      op: 'dial',
      channel,
      endpoint: endpointOf(leg.target),
      timeoutSeconds: leg.timeoutSeconds,
      callerId: leg.callerId,
    });
  };

  /** One ToyPBX message, as engine events for the runtime. */
  const onMessage = (host: AdapterHost, message: ToyPbxMessage): void | Promise<void> => {
    switch (message.event) {
      case 'ChannelCreated':
        // Returned, so that ToyPBX waits until the runtime has taken the call.
        return host.callArrived({
          callId: message.channel,
          from: message.callerNumber,
          to: message.dialed,
          startedAt: message.time,
        });
      case 'PlaybackFinished': {
        // A playback's name is `<call id>:<playback id>` (see `play` below).
        const [callId, playbackId] = splitName(message.playback);
        return host.callEvent(callId, { type: 'playback.finished', playbackId });
      }
      case 'Dtmf':
        return host.callEvent(message.channel, { type: 'dtmf', digit: message.digit });
      case 'DialStatus': {
        const leg = legs.get(message.channel);
        if (leg === undefined) return;
        const { callId, legId } = leg;
        if (message.status === 'RINGING') return host.callEvent(callId, { type: 'leg.ringing', legId });
        if (message.status === 'ANSWER') return host.callEvent(callId, { type: 'leg.answered', legId });
        return host.callEvent(callId, { type: 'leg.failed', legId, reason: DIAL_FAILURES[message.status]! });
      }
      case 'ChannelHangup': {
        const leg = legs.get(message.channel);
        // The caller's channel: the caller hung up.
        if (leg === undefined) return host.callEvent(message.channel, { type: 'call.hungup' });
        // An agent's channel: the end of the conversation if it was bridged; else a dial that ended.
        if (bridged.delete(message.channel))
          host.callEvent(leg.callId, { type: 'bridge.ended', legId: leg.legId });
        return;
      }
      case 'RecordingFinished': {
        const [callId, recordingId] = splitName(message.name);
        return host.callEvent(callId, {
          type: 'voicemail.recorded',
          recordingId,
          seconds: message.seconds,
          ...(message.file !== undefined ? { file: message.file } : {}),
        });
      }
    }
  };

  return {
    name: 'toy-pbx',
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    // One handler per engine command: leave one out and this object no longer compiles.
    commands: {
      answer: (call) => client.request({ op: 'answer', channel: call.callId }),
      play: (call, command) =>
        client.request({
          op: 'play',
          channel: call.callId,
          playback: `${call.callId}:${command.playbackId}`,
          media: mediaOf(command.sound),
          early: command.early,
        }),
      stopPlayback: (call, command) =>
        client.request({ op: 'stopPlayback', playback: `${call.callId}:${command.playbackId}` }),
      // ToyPBX reports the keys pressed once asked to listen; the engine runs the timeout itself.
      collectDigits: (call, command) =>
        client.request({
          op: 'collectKeys',
          channel: call.callId,
          maxKeys: command.maxDigits,
          timeoutSeconds: command.timeoutSeconds,
        }),
      ring: async (call, command) => {
        await client.request({
          op: 'hold',
          channel: call.callId,
          media: command.music ? mediaOf(command.music) : null,
        });
        for (const leg of command.legs) await dial(call, leg);
      },
      cancelLegs: async (call, command) => {
        for (const legId of command.legIds) {
          await client.request({ op: 'hangup', channel: legChannel(call, legId), cause: 'normal' });
        }
      },
      bridge: async (call, command) => {
        const channel = legChannel(call, command.legId);
        bridged.add(channel);
        await client.request({ op: 'bridge', channels: [call.callId, channel] });
      },
      forward: (call, command) => dial(call, command.leg),
      recordVoicemail: (call, command) =>
        client.request({
          op: 'record',
          channel: call.callId,
          name: `${call.callId}:${command.recordingId}`,
          mailbox: command.mailbox,
          maxSeconds: command.maxSeconds,
        }),
      hangup: (call, command) => client.request({ op: 'hangup', channel: call.callId, cause: command.cause }),
      startRecording: (call) => client.request({ op: 'monitor', channel: call.callId, on: true }),
      stopRecording: (call) => client.request({ op: 'monitor', channel: call.callId, on: false }),
    },
    async start(host) {
      client.subscribe((message) => onMessage(host, message));
    },
    callEnded(call) {
      // Forget the call's legs.
      for (const [channel, leg] of legs) {
        if (leg.callId !== call.callId) continue;
        legs.delete(channel);
        bridged.delete(channel);
      }
    },
    stop: () => client.close(),
  };
}
