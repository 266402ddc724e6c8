import type {
  AgentPresence,
  Clock,
  EngineEvent,
  LegTarget,
  ResolvedSound,
  RingLeg,
} from '@ringflow/flow-core';
import type {
  AdapterCall,
  AdapterCommands,
  AdapterHost,
  AgentDirectoryPort,
  CallAdapter,
} from '../adapter/adapter.js';
import type { LogLevel, RuntimeLogger } from '../runtime/logger.js';
import { AriError, isAriNotFound, isAriStatus } from './ari/ari-error.js';
import { createAriClient, type AriClient } from './ari/client.js';
import type {
  AriConnectionEvent,
  AriEventSocketState,
  AriLog,
  AriReconnectOptions,
} from './ari/event-socket.js';
import type { AriEventOf, AriMessage } from './ari/events.js';
import type { AriChannel } from './ari/models.js';
import { DIAL_STATUS_FAILURES, HANGUP_REASON_CODES, legFailureOf } from './hangup-causes.js';
import { defaultEndpointFor, defaultMediaForFile, deviceOfEndpoint, safeNamePart } from './media.js';
import { createAsteriskPresence, type AsteriskPresence, type AsteriskPresenceOptions } from './presence.js';
import type { TtsMedia } from './tts/index.js';

/**
 * What the adapter needs of a TTS: the media URI Asterisk plays for a TTS sound. `createTtsMedia`
 * gives one (e.g. `sound:http://127.0.0.1:PORT/tts/<hash>.wav`); the adapter never closes it,
 * whoever created it does.
 */
export type AriTtsMedia = Pick<TtsMedia, 'uriFor'>;

/** What a voicemail is named, for {@link AsteriskAriAdapterOptions.voicemailName}. */
export interface VoicemailNaming {
  readonly call: AdapterCall;
  readonly mailbox: string;
  readonly recordingId: string;
}

/** Options of {@link createAsteriskAriAdapter}. */
export interface AsteriskAriAdapterOptions {
  /** Asterisk's HTTP server, e.g. `http://127.0.0.1:8088` (with or without `/ari`). */
  readonly url: string;
  /** The ARI user (ari.conf). */
  readonly user: string;
  /** The ARI password; else `passwordFile`, else the RINGFLOW_ARI_PASSWORD environment variable. */
  readonly password?: string;
  /** A file holding the ARI password (trimmed). */
  readonly passwordFile?: string;
  /** The Stasis application the dialplan sends calls to. Default `ringflow`. */
  readonly app?: string;
  /** The adapter's name in logs and conformance reports. Default `asterisk-ari`. */
  readonly name?: string;
  /**
   * The dial string of a ring leg. Default: an agent is `PJSIP/<agent id>`, an external number
   * `externalEndpoint` with `{number}` replaced.
   */
  readonly endpointFor?: (target: LegTarget) => string;
  /** The dial string template of external numbers. Default `PJSIP/{number}@trunk`. */
  readonly externalEndpoint?: string;
  /** The media URI of a file sound. Default: see `defaultMediaForFile` (`sound:<file without extension>`). */
  readonly sounds?: (file: string) => string;
  /** Text to speech; without it a TTS sound cannot be played (the prompt is skipped, and the failure recorded). */
  readonly tts?: AriTtsMedia;
  /** Format of voicemails and call recordings. Default `wav`. */
  readonly recordingsFormat?: string;
  /**
   * Where Asterisk's recordings folder is, as this process sees it (`<astspooldir>/recording`):
   * voicemail files are then reported as absolute paths. Default: paths relative to that folder.
   */
  readonly recordingsDir?: string;
  /** The stored recording name of a voicemail. Default `ringflow/voicemail/<mailbox>/<call id>-<recording id>`. */
  readonly voicemailName?: (naming: VoicemailNaming) => string;
  /** Play a beep before recording a voicemail. Default true. */
  readonly voicemailBeep?: boolean;
  /** The stored recording name of a recorded call. Default `ringflow/calls/<call id>`. */
  readonly callRecordingName?: (call: AdapterCall) => string;
  /** What becomes of a call recording when the caller refuses it. Default `discard`. */
  readonly optOutRecording?: 'discard' | 'keep';
  /**
   * How the ring's music is played to the caller: `sound` (default) plays the flow's sound in a
   * loop; `{ mohClass }` uses that music-on-hold class of Asterisk instead.
   */
  readonly ringMusic?: 'sound' | { readonly mohClass: string };
  /** Agent presences: from device/endpoint states (default), overrides, or off. */
  readonly presence?: AsteriskPresenceOptions;
  /** The channel variable that may hold the number dialed (else the dialplan extension). Null: not read. Default `RINGFLOW_TO`. */
  readonly toVariable?: string | null;
  /** Reconnection of the event socket after a drop; `false` for none. */
  readonly reconnect?: AriReconnectOptions | false;
  /**
   * Calls still in progress when the event socket has been down this long are ended (`call.hungup`
   * to the runtime, which records them); their channels are hung up once Asterisk is back. Default 10 000 ms.
   */
  readonly callsLostAfterMs?: number;
  /** A REST request without an answer after this long fails. Default 5000 ms. */
  readonly requestTimeoutMs?: number;
  /** ARI requests in flight at once, which bounds the HTTP connections to Asterisk. Default 32. */
  readonly maxConcurrentRequests?: number;
  /** WebSocket ping period. Default 10 000 ms. */
  readonly pingIntervalMs?: number;
  /** The adapter's log lines (connections, ignored failures). Never given the password. */
  readonly logger?: RuntimeLogger;
  /** The time of the calls; default real time (the conformance kit passes an offset clock). */
  readonly clock?: Clock;
  /** For tests: the environment to read RINGFLOW_ARI_PASSWORD from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** What a leg of a call is doing. */
export type AsteriskLegPhase = 'creating' | 'dialing' | 'ringing' | 'answered' | 'bridged' | 'ended';

/** A call as the adapter sees it, for tests and drivers. */
export interface AsteriskCallSnapshot {
  readonly callId: string;
  /** The caller's channel (the call id, unless Asterisk replaced the channel). */
  readonly channelId: string;
  readonly from: string | null;
  readonly to: string;
  readonly answered: boolean;
  /** The caller's channel is gone. */
  readonly gone: boolean;
  readonly bridgeId: string | null;
  /** What the caller hears while legs ring. */
  readonly hold: 'music' | 'moh' | 'ringback' | null;
  readonly legs: readonly {
    readonly legId: string;
    readonly channelId: string;
    readonly endpoint: string;
    readonly phase: AsteriskLegPhase;
    readonly cancelled: boolean;
  }[];
  /** Playbacks in progress: ARI id and the engine's playback id (empty for ring music). */
  readonly playbacks: readonly {
    readonly id: string;
    readonly playbackId: string;
    readonly kind: 'engine' | 'music';
  }[];
  readonly voicemail: { readonly recordingId: string; readonly name: string } | null;
  readonly recording: { readonly name: string; readonly snoopId: string } | null;
}

/** The Asterisk ARI adapter, with what tests and scenario drivers need to look inside. */
export interface AsteriskAriAdapter extends CallAdapter {
  readonly directory: AgentDirectoryPort;
  /** The Stasis application. */
  readonly app: string;
  /** The ARI client; throws before `start()`. */
  readonly client: AriClient;
  /** The event connection: `idle` before `start()`, `open`, `reconnecting`, `closed`. */
  readonly connection: AriEventSocketState;
  /** Ids of the calls in progress. */
  readonly callIds: readonly string[];
  /** A call in progress, or undefined. */
  inspect(callId: string): AsteriskCallSnapshot | undefined;
  /** Every raw ARI message of the application, after the adapter handled it. Returns an unsubscribe. */
  onEvent(listener: (message: AriMessage) => void): () => void;
  /** Connection changes of the event socket. Returns an unsubscribe. */
  onConnection(listener: (event: AriConnectionEvent) => void): () => void;
  /** Sets (or, with null, removes) an agent's presence override (do-not-disturb...). */
  setPresenceOverride(agentId: string, presence: AgentPresence | null): void;
  /** What the adapter knows of an agent's presence. */
  presenceOf(agentId: string): ReturnType<AsteriskPresence['describe']>;
  /** The stored recording's file as Asterisk serves it (voicemails, call recordings). */
  recordingFile(name: string): Promise<Uint8Array>;
}

interface PlaybackEntry {
  readonly ariId: string;
  readonly callId: string;
  readonly kind: 'engine' | 'music';
  /** The engine's playback id ('' for music). */
  readonly playbackId: string;
  stopped: boolean;
  finished: boolean;
}

interface LegEntry {
  readonly legId: string;
  readonly callId: string;
  readonly channelId: string;
  readonly endpoint: string;
  phase: AsteriskLegPhase;
  rang: boolean;
  cancelled: boolean;
  answeredReported: boolean;
  failedReported: boolean;
  bridgeEndReported: boolean;
  hangupCause: number | undefined;
  /** Waiting for ChannelDestroyed (and its cause) after StasisEnd. */
  endTimer: ReturnType<typeof setTimeout> | null;
}

type Hold =
  | { readonly kind: 'music'; readonly key: string; readonly media: string; ariId: string | null }
  | { readonly kind: 'moh' }
  | { readonly kind: 'ringback' };

interface CallEntry {
  readonly callId: string;
  channelId: string;
  readonly from: string | null;
  to: string;
  readonly startedAt: number;
  arrived: boolean;
  pending: EngineEvent[];
  answered: boolean;
  progress: boolean;
  hold: Hold | null;
  readonly playbacks: Map<string, PlaybackEntry>;
  readonly legs: Map<string, LegEntry>;
  bridgeId: string | null;
  /** Bridges made for the call so far (each conversation has its own, one at a time). */
  bridges: number;
  /** The bridge being taken down after the agent left: media commands wait for it. */
  unbridging: Promise<void> | null;
  voicemail: {
    readonly recordingId: string;
    readonly name: string;
    readonly maxSeconds: number;
    readonly since: number;
    reported: boolean;
  } | null;
  recording: { readonly name: string; readonly snoopId: string } | null;
  /** The caller's channel is gone (hung up, destroyed, or lost with Asterisk). */
  gone: boolean;
  hungupReported: boolean;
  /** The flow hung the caller up: its hang-up is not reported back. */
  hungUpByFlow: boolean;
  /** call.hungup waits for the voicemail being recorded to be reported first. */
  hangupWait: ReturnType<typeof setTimeout> | null;
}

type ChannelRole =
  | { readonly kind: 'caller'; readonly callId: string }
  | { readonly kind: 'leg'; readonly callId: string; readonly legId: string }
  | { readonly kind: 'snoop'; readonly callId: string };

const DEFAULT_APP = 'ringflow';
/** How long a leg's end waits for ChannelDestroyed (its hang-up cause) after StasisEnd. */
const LEG_END_GRACE_MS = 1000;
/**
 * How much longer than the engine's ring time Asterisk's own dial timeout is: the engine ends a
 * ring (its timer, then cancelLegs); Asterisk's timeout only backs it up. Were they equal, Asterisk
 * would hang up a phone answering at the last instant before ringflow heard the answer (TOOLATE).
 */
const DIAL_TIMEOUT_GRACE_SECONDS = 2;
/** How long call.hungup waits for the RecordingFinished of a voicemail being recorded. */
const VOICEMAIL_END_GRACE_MS = 3000;
/** How long a channel the adapter created may take to enter the application (StasisStart). */
const STASIS_ENTRY_TIMEOUT_MS = 5000;
/** Tries at hanging up a channel before leaving it to the clean-up after a reconnection. */
const HANGUP_ATTEMPTS = 3;
/** Caller numbers that mean "hidden". */
const HIDDEN_NUMBERS: ReadonlySet<string> = new Set([
  '',
  'anonymous',
  'restricted',
  'unknown',
  'unavailable',
  'private',
]);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `to=+33...`, `from=...` among the Stasis() arguments of an inbound call. */
function argsOf(args: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) fields[arg.slice(0, eq).trim()] = arg.slice(eq + 1).trim();
  }
  return fields;
}

/**
 * Creates the Asterisk adapter: ringflow runs the calls Asterisk's dialplan sends to a Stasis
 * application (`Stasis(ringflow)`), through ARI. Each inbound channel is a call (its channel id is
 * the call id); ring legs are channels the adapter creates in the same application, bridged with
 * the caller in a mixing bridge when the engine says so. Agent presences come from device and
 * endpoint states. The event socket reconnects by itself; after a drop, the adapter reconciles
 * what it knows with the channels Asterisk still has. No flow logic lives here.
 *
 * @example
 * import { createAsteriskAriAdapter } from '@ringflow/flow-runtime-adapters/asterisk-ari';
 *
 * const adapter = createAsteriskAriAdapter({
 *   url: 'http://127.0.0.1:8088',
 *   user: 'ringflow',
 *   passwordFile: '/etc/ringflow/ari-password',
 *   externalEndpoint: 'PJSIP/{number}@my-trunk',
 * });
 * const runtime = createRuntime({ store, adapter });
 * await runtime.start();
 */
export function createAsteriskAriAdapter(options: AsteriskAriAdapterOptions): AsteriskAriAdapter {
  const app = options.app ?? DEFAULT_APP;
  const name = options.name ?? 'asterisk-ari';
  const externalEndpoint = options.externalEndpoint;
  const endpointFor =
    options.endpointFor ?? ((target: LegTarget) => defaultEndpointFor(target, externalEndpoint));
  const mediaForFile = options.sounds ?? defaultMediaForFile;
  const format = options.recordingsFormat ?? 'wav';
  const toVariable = options.toVariable === undefined ? 'RINGFLOW_TO' : options.toVariable;
  const callsLostAfterMs = options.callsLostAfterMs ?? 10_000;
  const now = () => (options.clock ?? Date).now();

  const calls = new Map<string, CallEntry>();
  const channels = new Map<string, ChannelRole>();
  const playbacks = new Map<string, PlaybackEntry>();
  const recordings = new Map<string, { readonly callId: string; readonly kind: 'voicemail' | 'call' }>();
  /** Channels of calls given up while Asterisk was out of reach: hung up once it is back. */
  const toHangUp = new Set<string>();
  /** Channels the adapter created, until their StasisStart: the waiters of their entry. */
  const entering = new Map<string, { entered: boolean; wake: (() => void) | null }>();
  const rawListeners = new Set<(message: AriMessage) => void>();
  const connectionListeners = new Set<(event: AriConnectionEvent) => void>();
  let client: AriClient | null = null;
  let host: AdapterHost | null = null;
  let stopping = false;
  let lostTimer: ReturnType<typeof setTimeout> | null = null;
  let sequence = 0;

  const log = (level: LogLevel, event: string, fields: Record<string, unknown> = {}) => {
    try {
      options.logger?.({ time: new Date(now()).toISOString(), level, event, ...fields });
    } catch {
      // A failing logger must not take a call down.
    }
  };
  const ariLog: AriLog = (level, event, fields) => log(level, event, fields);

  const ari = (): AriClient => {
    if (client === null) throw new Error(`${name}: not started`);
    return client;
  };

  const presence: AsteriskPresence = createAsteriskPresence(ari, app, {
    ...options.presence,
    defaultDevice: (agentId) => deviceOfEndpoint(endpointFor({ kind: 'agent', agent: agentId })),
    log: ariLog,
  });

  /** An id not used by any channel, playback or bridge the adapter tracks. */
  const uniqueId = (base: string, taken: (id: string) => boolean) => {
    if (!taken(base)) return base;
    let id = `${base}-${++sequence}`;
    while (taken(id)) id = `${base}-${++sequence}`;
    return id;
  };

  /**
   * Registers a channel the adapter is about to create. Asterisk may answer the request before the
   * channel is in the application, and refuses to dial or record it until then (409): `ready()`
   * waits for its StasisStart.
   */
  const expectEntry = (channelId: string) => {
    const entry = { entered: false, wake: null as (() => void) | null };
    entering.set(channelId, entry);
    return {
      ready: () =>
        new Promise<void>((resolve, reject) => {
          if (entry.entered) return resolve();
          const timer = setTimeout(() => {
            entering.delete(channelId);
            reject(
              new Error(
                `channel ${channelId} did not enter the application within ${STASIS_ENTRY_TIMEOUT_MS} ms`,
              ),
            );
          }, STASIS_ENTRY_TIMEOUT_MS);
          entry.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        }).finally(() => entering.delete(channelId)),
      forget: () => entering.delete(channelId),
    };
  };

  // ---------------------------------------------------------------------------------------------
  // Reporting to the runtime.

  const emit = (call: CallEntry, event: EngineEvent) => {
    if (!call.arrived) {
      call.pending.push(event);
      return;
    }
    host?.callEvent(call.callId, event);
  };

  const reportHungup = (call: CallEntry) => {
    if (call.hangupWait !== null) clearTimeout(call.hangupWait);
    call.hangupWait = null;
    if (call.hungupReported || call.hungUpByFlow) return;
    call.hungupReported = true;
    emit(call, { type: 'call.hungup' });
  };

  /**
   * Hangs up a channel ringflow no longer needs. A channel already gone is fine; a failure (an
   * overloaded or unreachable Asterisk) is retried a few times, then the channel is left to the
   * clean-up that follows the next reconnection, so no caller stays up after their record.
   */
  const dropChannel = async (channelId: string, cause: number = HANGUP_REASON_CODES.normal) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await ari().channels.hangup(channelId, { reason_code: String(cause) });
        return;
      } catch (error) {
        if (isAriNotFound(error)) return;
        if (attempt >= HANGUP_ATTEMPTS || stopping) {
          log('warn', 'ari.hangupFailed', { channelId, attempts: attempt, message: messageOf(error) });
          toHangUp.add(channelId);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  };

  /**
   * Takes the caller out of its bridge and destroys it (the conversation is over). The removal
   * completes once the caller is back under the application's control, so that what the flow
   * plays next is not lost with the bridge.
   */
  const dropBridge = async (call: CallEntry) => {
    const bridgeId = call.bridgeId;
    if (bridgeId === null) return;
    call.bridgeId = null;
    try {
      if (!call.gone) await ari().bridges.removeChannel(bridgeId, call.channelId);
    } catch (error) {
      // Not in it any more (400, 422), or the bridge is gone (404): nothing to undo.
      if (!isAriStatus(error, 400, 404, 422))
        log('warn', 'ari.bridgeLeaveFailed', { callId: call.callId, bridgeId, message: messageOf(error) });
    }
    try {
      await ari().bridges.destroy(bridgeId);
    } catch (error) {
      if (!isAriNotFound(error))
        log('warn', 'ari.bridgeDestroyFailed', { callId: call.callId, bridgeId, message: messageOf(error) });
    }
  };

  /** Waits until the bridge of a conversation that just ended is taken down. */
  const settled = async (call: CallEntry) => {
    if (call.unbridging !== null) await call.unbridging;
  };

  /** Hangs up what is left of a call besides its caller: legs (bridged agent included), bridge. */
  const tearDown = async (call: CallEntry) => {
    const open = [...call.legs.values()].filter((leg) => leg.phase !== 'ended');
    for (const leg of open) leg.cancelled = true;
    await Promise.all(open.map((leg) => dropChannel(leg.channelId)));
    await dropBridge(call);
  };

  /** The caller's channel is gone: report the hang-up (after a voicemail being recorded), free the agents. */
  const callerGone = (call: CallEntry) => {
    if (call.gone) return;
    call.gone = true;
    const voicemail = call.voicemail;
    if (voicemail !== null && !voicemail.reported && !call.hungUpByFlow) {
      // The message ends with the hang-up: RecordingFinished follows at once, and must come first.
      call.hangupWait = setTimeout(() => reportHungup(call), VOICEMAIL_END_GRACE_MS);
    } else {
      reportHungup(call);
    }
    if (client !== null && !stopping) void tearDown(call);
  };

  // ---------------------------------------------------------------------------------------------
  // Legs.

  const legRinging = (call: CallEntry, leg: LegEntry) => {
    if (leg.phase !== 'dialing' && leg.phase !== 'creating') return;
    leg.phase = 'ringing';
    leg.rang = true;
    if (!leg.cancelled) emit(call, { type: 'leg.ringing', legId: leg.legId });
  };

  const legAnswered = (call: CallEntry, leg: LegEntry) => {
    if (leg.answeredReported || leg.failedReported || leg.phase === 'ended') return;
    leg.answeredReported = true;
    leg.phase = 'answered';
    // Reported even when cancelled meanwhile: the engine records a late answer as TOOLATE.
    emit(call, { type: 'leg.answered', legId: leg.legId });
  };

  const legFailed = (call: CallEntry, leg: LegEntry, reason: ReturnType<typeof legFailureOf>) => {
    if (leg.cancelled || leg.answeredReported || leg.failedReported) return;
    leg.failedReported = true;
    emit(call, { type: 'leg.failed', legId: leg.legId, reason });
  };

  const reportBridgeEnded = (call: CallEntry, leg: LegEntry) => {
    if (leg.bridgeEndReported) return;
    leg.bridgeEndReported = true;
    emit(call, { type: 'bridge.ended', legId: leg.legId });
  };

  /** The leg's channel ended; `cause` is its hang-up cause when known. */
  const legEnded = (call: CallEntry, leg: LegEntry, cause: number | undefined, fallback?: 'lost') => {
    if (leg.endTimer !== null) clearTimeout(leg.endTimer);
    leg.endTimer = null;
    if (leg.phase === 'ended') return;
    const was = leg.phase;
    leg.phase = 'ended';
    if (was === 'bridged') {
      reportBridgeEnded(call, leg);
      // The caller stays, alone: out of the bridge, so that the flow can play to it again.
      if (!call.gone && client !== null) {
        const unbridging = dropBridge(call).finally(() => {
          if (call.unbridging === unbridging) call.unbridging = null;
        });
        call.unbridging = unbridging;
      }
      return;
    }
    // Answered, not bridged yet: the engine's bridge command will find it gone (bridge.ended).
    if (leg.answeredReported) return;
    const reason =
      fallback === 'lost' ? (leg.rang ? 'noAnswer' : 'unreachable') : legFailureOf({ cause, rang: leg.rang });
    legFailed(call, leg, reason);
  };

  // ---------------------------------------------------------------------------------------------
  // Media.

  const mediaOf = async (sound: ResolvedSound): Promise<string> => {
    if (sound.kind === 'file') return mediaForFile(sound.file);
    if (options.tts === undefined) {
      throw new Error(
        `cannot play text to speech ("${sound.text.slice(0, 40)}"): the adapter has no \`tts\` option`,
      );
    }
    return options.tts.uriFor(sound);
  };

  /** Runs a request on the caller's channel; a channel that is gone ends the call instead of failing. */
  const onCaller = async (
    call: CallEntry,
    request: (channelId: string) => Promise<unknown>,
  ): Promise<boolean> => {
    if (call.gone) return false;
    try {
      await request(call.channelId);
      return true;
    } catch (error) {
      if (
        isAriNotFound(error) ||
        (isAriStatus(error, 409) && /not in a stasis/i.test(error.asteriskMessage ?? ''))
      ) {
        callerGone(call);
        return false;
      }
      throw error;
    }
  };

  const finishPlayback = (entry: PlaybackEntry) => {
    if (entry.finished) return;
    entry.finished = true;
    playbacks.delete(entry.ariId);
    const call = calls.get(entry.callId);
    if (call === undefined) return;
    call.playbacks.delete(entry.ariId);
    if (entry.kind === 'engine') emit(call, { type: 'playback.finished', playbackId: entry.playbackId });
  };

  const earlyMedia = async (call: CallEntry) => {
    if (call.answered || call.progress) return;
    call.progress = true;
    await onCaller(call, (channelId) => ari().channels.progress(channelId));
  };

  const playMusic = async (call: CallEntry) => {
    const hold = call.hold;
    if (hold?.kind !== 'music' || call.gone) return;
    const ariId = uniqueId(`${call.callId}-music`, (id) => playbacks.has(id));
    const entry: PlaybackEntry = {
      ariId,
      callId: call.callId,
      kind: 'music',
      playbackId: '',
      stopped: false,
      finished: false,
    };
    hold.ariId = ariId;
    playbacks.set(ariId, entry);
    call.playbacks.set(ariId, entry);
    try {
      await onCaller(call, (channelId) =>
        ari().channels.play(channelId, { media: hold.media, playbackId: ariId }),
      );
    } catch (error) {
      playbacks.delete(ariId);
      call.playbacks.delete(ariId);
      hold.ariId = null;
      log('warn', 'ari.musicFailed', { callId: call.callId, media: hold.media, message: messageOf(error) });
      return;
    }
    // The music was released (a leg answered) while this round was being asked for: its stop may
    // have reached Asterisk before the round started, and the round must not play over the call.
    if (call.hold !== hold && !entry.finished) {
      entry.stopped = true;
      await ari()
        .playbacks.stop(ariId)
        .catch((error: unknown) => {
          if (!isAriNotFound(error))
            log('warn', 'ari.holdStopFailed', {
              callId: call.callId,
              hold: 'music',
              message: messageOf(error),
            });
        });
    }
  };

  /** Stops what the caller hears while legs ring (music, hold class, ringback). Never throws. */
  const releaseHold = async (call: CallEntry) => {
    const hold = call.hold;
    if (hold === null) return;
    call.hold = null;
    if (call.gone) return;
    try {
      if (hold.kind === 'music') {
        if (hold.ariId === null) return;
        const entry = playbacks.get(hold.ariId);
        if (entry !== undefined) entry.stopped = true;
        await ari().playbacks.stop(hold.ariId);
      } else if (hold.kind === 'moh') {
        await ari().channels.stopMoh(call.channelId);
      } else {
        await ari().channels.ringStop(call.channelId);
      }
    } catch (error) {
      if (!isAriNotFound(error))
        log('warn', 'ari.holdStopFailed', {
          callId: call.callId,
          hold: hold.kind,
          message: messageOf(error),
        });
    }
  };

  /** Starts what the caller hears while legs ring: the music in a loop, or ringback. Never throws. */
  const startHold = async (call: CallEntry, music: ResolvedSound | null) => {
    try {
      if (music === null) {
        if (call.hold?.kind === 'ringback') return;
        await releaseHold(call);
        call.hold = { kind: 'ringback' };
        // Unanswered: a ringing indication (180); answered: Asterisk plays the ringback tone in-band.
        await onCaller(call, (channelId) => ari().channels.ring(channelId));
        return;
      }
      const ringMusic = options.ringMusic ?? 'sound';
      if (ringMusic !== 'sound') {
        if (call.hold?.kind === 'moh') return;
        await releaseHold(call);
        await earlyMedia(call);
        call.hold = { kind: 'moh' };
        await onCaller(call, (channelId) => ari().channels.startMoh(channelId, ringMusic.mohClass));
        return;
      }
      const key = JSON.stringify(music);
      if (call.hold?.kind === 'music' && call.hold.key === key) return;
      await releaseHold(call);
      const media = await mediaOf(music);
      await earlyMedia(call);
      call.hold = { kind: 'music', key, media, ariId: null };
      await playMusic(call);
    } catch (error) {
      log('warn', 'ari.musicFailed', { callId: call.callId, message: messageOf(error) });
    }
  };

  // ---------------------------------------------------------------------------------------------
  // Commands.

  const callOf = (call: AdapterCall): CallEntry => {
    const entry = calls.get(call.callId);
    if (entry === undefined)
      throw new Error(`${name}: no call "${call.callId}" (it ended, or Asterisk never reported it)`);
    return entry;
  };

  /** Creates and dials one leg. Throws (without reporting anything) when the leg cannot be called. */
  const dialLeg = async (call: CallEntry, leg: RingLeg): Promise<void> => {
    const endpoint = endpointFor(leg.target);
    const channelId = uniqueId(`${call.callId}-${leg.legId}`, (id) => channels.has(id));
    const entry: LegEntry = {
      legId: leg.legId,
      callId: call.callId,
      channelId,
      endpoint,
      phase: 'creating',
      rang: false,
      cancelled: false,
      answeredReported: false,
      failedReported: false,
      bridgeEndReported: false,
      hangupCause: undefined,
      endTimer: null,
    };
    call.legs.set(leg.legId, entry);
    // Known before the request: Asterisk sends StasisStart before it answers it.
    channels.set(channelId, { kind: 'leg', callId: call.callId, legId: leg.legId });
    const variables: Record<string, string> = { RINGFLOW_CALL_ID: call.callId, RINGFLOW_LEG_ID: leg.legId };
    if (leg.callerId !== null) variables['CALLERID(num)'] = leg.callerId;
    else variables['CALLERID(num-pres)'] = 'prohib';
    const abandon = () => {
      // Nothing more is reported for this leg: the ring's failure says it.
      entry.failedReported = true;
      entry.phase = 'ended';
    };
    const entry$ = expectEntry(channelId);
    try {
      await ari().channels.create({
        endpoint,
        app,
        appArgs: `leg,${call.callId},${leg.legId}`,
        channelId,
        originator: call.channelId,
        variables,
      });
      await entry$.ready();
    } catch (error) {
      abandon();
      entry$.forget();
      channels.delete(channelId);
      await dropChannel(channelId);
      throw new Error(`leg ${leg.legId} (${endpoint}) cannot be created: ${messageOf(error)}`, {
        cause: error,
      });
    }
    if (entry.cancelled || entry.phase === 'ended') {
      await dropChannel(channelId);
      return;
    }
    if (entry.phase === 'creating') entry.phase = 'dialing';
    try {
      await ari().channels.dial(channelId, {
        caller: call.channelId,
        timeout: leg.timeoutSeconds + DIAL_TIMEOUT_GRACE_SECONDS,
      });
    } catch (error) {
      if (isAriNotFound(error)) {
        // Gone already: its events tell why (or, if they were missed, it could not be called).
        legEnded(call, entry, entry.hangupCause);
        return;
      }
      abandon();
      await dropChannel(channelId);
      throw new Error(`leg ${leg.legId} (${endpoint}) cannot be dialed: ${messageOf(error)}`, {
        cause: error,
      });
    }
  };

  /** Dials legs; a leg that cannot be called fails alone, unless every leg failed (then the command fails). */
  const dialLegs = async (call: CallEntry, legs: readonly RingLeg[]) => {
    const results = await Promise.allSettled(legs.map((leg) => dialLeg(call, leg)));
    const failures = results.flatMap((result, i) =>
      result.status === 'rejected' ? [{ leg: legs[i]!, error: result.reason as unknown }] : [],
    );
    if (failures.length === 0) return;
    if (failures.length === legs.length)
      throw new Error(failures.map((failure) => messageOf(failure.error)).join('; '));
    for (const { leg, error } of failures) {
      log('warn', 'ari.legFailed', { callId: call.callId, legId: leg.legId, message: messageOf(error) });
      emit(call, { type: 'leg.failed', legId: leg.legId, reason: 'unreachable' });
    }
  };

  const startBridge = async (call: CallEntry, leg: LegEntry) => {
    await releaseHold(call);
    // One bridge per call at a time: a second leg joins the conversation in progress.
    let bridgeId = call.bridgeId;
    const joining = bridgeId !== null;
    if (bridgeId === null) {
      call.bridges += 1;
      bridgeId = call.bridges === 1 ? `${call.callId}-bridge` : `${call.callId}-bridge-${call.bridges}`;
      await ari().bridges.create({ type: 'mixing', bridgeId, name: `ringflow ${call.callId}` });
      call.bridgeId = bridgeId;
    }
    leg.phase = 'bridged';
    try {
      await ari().bridges.addChannel(bridgeId, {
        channel: joining ? leg.channelId : [call.channelId, leg.channelId],
      });
    } catch (error) {
      if (!isAriStatus(error, 400, 404, 409, 422)) throw error;
      // One of the two hung up meanwhile: find which.
      const alive = new Set((await ari().channels.list()).map((channel) => channel.id));
      if (!alive.has(call.channelId)) return callerGone(call);
      if (!alive.has(leg.channelId)) return legEnded(call, leg, leg.hangupCause);
      throw error;
    }
  };

  const commands: AdapterCommands = {
    async answer(adapterCall) {
      const call = callOf(adapterCall);
      if (await onCaller(call, (channelId) => ari().channels.answer(channelId))) call.answered = true;
    },
    async play(adapterCall, command) {
      const call = callOf(adapterCall);
      if (call.gone) return;
      await settled(call);
      await releaseHold(call);
      const media = await mediaOf(command.sound);
      if (command.early) await earlyMedia(call);
      const ariId = uniqueId(`${call.callId}-${command.playbackId}`, (id) => playbacks.has(id));
      const entry: PlaybackEntry = {
        ariId,
        callId: call.callId,
        kind: 'engine',
        playbackId: command.playbackId,
        stopped: false,
        finished: false,
      };
      // Known before the request: PlaybackFinished may come before its answer (a missing file).
      playbacks.set(ariId, entry);
      call.playbacks.set(ariId, entry);
      try {
        await onCaller(call, (channelId) => ari().channels.play(channelId, { media, playbackId: ariId }));
      } catch (error) {
        playbacks.delete(ariId);
        call.playbacks.delete(ariId);
        throw error;
      }
    },
    async stopPlayback(adapterCall, command) {
      const call = callOf(adapterCall);
      const entry = [...call.playbacks.values()].find(
        (p) => p.kind === 'engine' && p.playbackId === command.playbackId,
      );
      if (entry === undefined || entry.finished) return;
      entry.stopped = true;
      try {
        await ari().playbacks.stop(entry.ariId);
      } catch (error) {
        // Over already: its PlaybackFinished may have been missed; report it now (once).
        if (isAriNotFound(error)) return finishPlayback(entry);
        throw error;
      }
    },
    // Keys are always reported (ChannelDtmfReceived); the engine runs the timeout itself.
    collectDigits: async () => {},
    async ring(adapterCall, command) {
      const call = callOf(adapterCall);
      if (call.gone) return;
      await settled(call);
      await startHold(call, command.music);
      await dialLegs(call, command.legs);
    },
    async cancelLegs(adapterCall, command) {
      const call = callOf(adapterCall);
      const cause =
        command.reason === 'answeredElsewhere'
          ? HANGUP_REASON_CODES.answeredElsewhere
          : command.reason === 'timeout'
            ? HANGUP_REASON_CODES.noAnswer
            : HANGUP_REASON_CODES.normal;
      const legs = command.legIds
        .map((legId) => call.legs.get(legId))
        .filter((leg): leg is LegEntry => leg !== undefined && leg.phase !== 'ended');
      for (const leg of legs) leg.cancelled = true;
      await Promise.all(
        legs.filter((leg) => leg.phase !== 'creating').map((leg) => dropChannel(leg.channelId, cause)),
      );
    },
    async bridge(adapterCall, command) {
      const call = callOf(adapterCall);
      const leg = call.legs.get(command.legId);
      if (leg === undefined) throw new Error(`bridge: the call has no leg "${command.legId}"`);
      if (call.gone) return;
      // The agent hung up before the bridge: a conversation of no length.
      if (leg.phase === 'ended') return reportBridgeEnded(call, leg);
      if (leg.phase === 'bridged') return;
      await settled(call);
      await startBridge(call, leg);
    },
    async forward(adapterCall, command) {
      const call = callOf(adapterCall);
      if (call.gone) return;
      await settled(call);
      await startHold(call, null);
      await dialLegs(call, [command.leg]);
    },
    async recordVoicemail(adapterCall, command) {
      const call = callOf(adapterCall);
      if (call.gone) return;
      await settled(call);
      await releaseHold(call);
      const recordingName =
        options.voicemailName?.({
          call: adapterCall,
          mailbox: command.mailbox,
          recordingId: command.recordingId,
        }) ??
        `ringflow/voicemail/${safeNamePart(command.mailbox)}/${safeNamePart(call.callId)}-${safeNamePart(command.recordingId)}`;
      call.voicemail = {
        recordingId: command.recordingId,
        name: recordingName,
        maxSeconds: command.maxSeconds,
        since: now(),
        reported: false,
      };
      recordings.set(recordingName, { callId: call.callId, kind: 'voicemail' });
      try {
        await onCaller(call, (channelId) =>
          ari().channels.record(channelId, {
            name: recordingName,
            format,
            maxDurationSeconds: command.maxSeconds,
            beep: options.voicemailBeep ?? true,
            terminateOn: 'none',
            ifExists: 'overwrite',
          }),
        );
      } catch (error) {
        recordings.delete(recordingName);
        call.voicemail = null;
        throw error;
      }
    },
    async hangup(adapterCall, command) {
      const call = callOf(adapterCall);
      call.hungUpByFlow = true;
      const cause = command.cause === 'rejected' ? HANGUP_REASON_CODES.rejected : HANGUP_REASON_CODES.normal;
      await onCaller(call, (channelId) => ari().channels.hangup(channelId, { reason_code: String(cause) }));
      call.gone = true;
      await tearDown(call);
    },
    async startRecording(adapterCall) {
      const call = callOf(adapterCall);
      if (call.gone || call.recording !== null) return;
      const recordingName =
        options.callRecordingName?.(adapterCall) ?? `ringflow/calls/${safeNamePart(call.callId)}`;
      const snoopId = uniqueId(`${call.callId}-snoop`, (id) => channels.has(id));
      channels.set(snoopId, { kind: 'snoop', callId: call.callId });
      recordings.set(recordingName, { callId: call.callId, kind: 'call' });
      call.recording = { name: recordingName, snoopId };
      const snoop$ = expectEntry(snoopId);
      try {
        // A snoop channel hears both directions of the caller's channel: prompts, music, conversation.
        const snooped = await onCaller(call, (channelId) =>
          ari().channels.snoop(channelId, { snoopId, spy: 'both', app, appArgs: `snoop,${call.callId}` }),
        );
        if (!snooped) {
          snoop$.forget();
          return;
        }
        await snoop$.ready();
        await ari().channels.record(snoopId, { name: recordingName, format, ifExists: 'overwrite' });
      } catch (error) {
        snoop$.forget();
        call.recording = null;
        recordings.delete(recordingName);
        await dropChannel(snoopId);
        channels.delete(snoopId);
        throw error;
      }
    },
    async stopRecording(adapterCall) {
      const call = callOf(adapterCall);
      const recording = call.recording;
      if (recording === null) return;
      call.recording = null;
      try {
        if ((options.optOutRecording ?? 'discard') === 'discard')
          await ari().recordings.cancelLive(recording.name);
        else await ari().recordings.stopLive(recording.name);
      } catch (error) {
        if (!isAriNotFound(error)) throw error;
      } finally {
        await dropChannel(recording.snoopId);
      }
    },
  };

  // ---------------------------------------------------------------------------------------------
  // Events.

  /** A new inbound channel in the application: a call. */
  const callArrivedFrom = async (event: AriEventOf<'StasisStart'>) => {
    const channel = event.channel;
    const fields = argsOf(event.args);
    const number = fields.from ?? channel.caller.number;
    const call: CallEntry = {
      callId: channel.id,
      channelId: channel.id,
      from: HIDDEN_NUMBERS.has(number.trim().toLowerCase()) ? null : number.trim(),
      to: '',
      startedAt: now(),
      arrived: false,
      pending: [],
      answered: channel.state === 'Up',
      progress: false,
      hold: null,
      playbacks: new Map(),
      legs: new Map(),
      bridgeId: null,
      bridges: 0,
      unbridging: null,
      voicemail: null,
      recording: null,
      gone: false,
      hungupReported: false,
      hungUpByFlow: false,
      hangupWait: null,
    };
    calls.set(call.callId, call);
    channels.set(channel.id, { kind: 'caller', callId: call.callId });
    let to = fields.to ?? channel.channelvars?.[toVariable ?? ''];
    if (to === undefined && toVariable !== null) {
      try {
        to = await ari().channels.getVariable(channel.id, toVariable);
      } catch (error) {
        if (!isAriNotFound(error))
          log('warn', 'ari.variableFailed', {
            callId: call.callId,
            variable: toVariable,
            message: messageOf(error),
          });
      }
    }
    call.to = to !== undefined && to !== '' ? to : channel.dialplan.exten;
    const runtime = host;
    if (runtime === null) return;
    const arrival = runtime.callArrived({
      callId: call.callId,
      from: call.from,
      to: call.to,
      startedAt: call.startedAt,
    });
    // The runtime knows the call from here on (callArrived registers it before its first await).
    call.arrived = true;
    for (const pending of call.pending.splice(0)) runtime.callEvent(call.callId, pending);
    await arrival;
  };

  const onStasisStart = (event: AriEventOf<'StasisStart'>) => {
    const channel = event.channel;
    const replaced = event.replace_channel;
    if (replaced !== undefined) {
      const role = channels.get(replaced.id);
      if (role !== undefined) {
        // A masquerade (a Local channel optimized away...): the same party on a new channel.
        channels.delete(replaced.id);
        channels.set(channel.id, role);
        if (role.kind === 'caller') calls.get(role.callId)!.channelId = channel.id;
        log('info', 'ari.channelReplaced', { callId: role.callId, from: replaced.id, to: channel.id });
        return;
      }
    }
    const expected = entering.get(channel.id);
    if (expected !== undefined) {
      expected.entered = true;
      expected.wake?.();
    }
    if (channels.has(channel.id)) return;
    const marker = event.args[0];
    if (marker === 'leg' || marker === 'snoop') {
      // A channel of this application ringflow does not know: left over by an earlier run.
      log('warn', 'ari.orphanHungUp', { channelId: channel.id, kind: marker });
      void dropChannel(channel.id);
      return;
    }
    if (stopping) {
      void dropChannel(channel.id, HANGUP_REASON_CODES.rejected);
      return;
    }
    void callArrivedFrom(event).catch((error: unknown) =>
      log('error', 'ari.arrivalFailed', { callId: channel.id, message: messageOf(error) }),
    );
  };

  const legOf = (channelId: string): { call: CallEntry; leg: LegEntry } | undefined => {
    const role = channels.get(channelId);
    if (role?.kind !== 'leg') return undefined;
    const call = calls.get(role.callId);
    const leg = call?.legs.get(role.legId);
    return call !== undefined && leg !== undefined ? { call, leg } : undefined;
  };

  const callerOf = (channelId: string): CallEntry | undefined => {
    const role = channels.get(channelId);
    return role?.kind === 'caller' ? calls.get(role.callId) : undefined;
  };

  const onChannelEnd = (
    channel: AriChannel,
    how: 'hangupRequest' | 'stasisEnd' | 'destroyed',
    cause?: number,
    soft?: boolean,
  ) => {
    const caller = callerOf(channel.id);
    if (caller !== undefined) {
      // A soft request is Asterisk's own and not always an end: StasisEnd or the destruction will say.
      if (how === 'hangupRequest' && soft === true) return;
      callerGone(caller);
      if (how === 'destroyed') channels.delete(channel.id);
      return;
    }
    const found = legOf(channel.id);
    if (found !== undefined) {
      const { call, leg } = found;
      if (how === 'hangupRequest') {
        // Asterisk's own (soft) requests carry no cause worth reading: the destruction will.
        if (soft === true || cause === undefined || cause === 0) return;
        leg.hangupCause = cause;
        return legEnded(call, leg, cause);
      }
      if (how === 'destroyed') {
        channels.delete(channel.id);
        return legEnded(call, leg, leg.hangupCause ?? cause);
      }
      // StasisEnd: the leg is out of ringflow's hands. A bridged agent's conversation is over now;
      // otherwise wait a moment for ChannelDestroyed and its cause.
      if (leg.phase === 'bridged') return legEnded(call, leg, leg.hangupCause);
      if (leg.phase !== 'ended' && leg.endTimer === null) {
        leg.endTimer = setTimeout(() => legEnded(call, leg, leg.hangupCause), LEG_END_GRACE_MS);
      }
      return;
    }
    const role = channels.get(channel.id);
    if (role?.kind === 'snoop' && how === 'destroyed') channels.delete(channel.id);
  };

  const onDial = (event: AriEventOf<'Dial'>) => {
    const found = legOf(event.peer.id);
    if (found === undefined) return;
    const { call, leg } = found;
    const status = event.dialstatus;
    if (status === 'RINGING' || status === 'PROGRESS') return legRinging(call, leg);
    if (status === 'ANSWER') return legAnswered(call, leg);
    const reason = DIAL_STATUS_FAILURES[status];
    if (reason === undefined) return;
    legFailed(call, leg, reason);
    // The channel may linger until the dial timeout: it has nothing more to say.
    leg.cancelled = true;
    void dropChannel(leg.channelId);
  };

  const onPlaybackFinished = (event: AriEventOf<'PlaybackFinished'>) => {
    const entry = playbacks.get(event.playback.id);
    if (entry === undefined) return;
    const failed = event.playback.state === 'failed';
    if (failed) log('warn', 'ari.playbackFailed', { callId: entry.callId, media: event.playback.media_uri });
    finishPlayback(entry);
    if (entry.kind !== 'music' || entry.stopped || failed) return;
    const call = calls.get(entry.callId);
    // The ring's music loops until the ring is over.
    if (call !== undefined && call.hold?.kind === 'music' && call.hold.ariId === entry.ariId)
      void playMusic(call);
  };

  const reportVoicemail = (call: CallEntry, seconds: number | undefined) => {
    const voicemail = call.voicemail;
    if (voicemail === null || voicemail.reported) return;
    voicemail.reported = true;
    const elapsed = Math.round((now() - voicemail.since) / 1000);
    const file = `${voicemail.name}.${format}`;
    emit(call, {
      type: 'voicemail.recorded',
      recordingId: voicemail.recordingId,
      // Asterisk stops a recording at its maximum length on the next frame and rounds its duration:
      // on a loaded machine it can say one second more than the maximum. The record says what the
      // flow allowed.
      seconds: Math.min(voicemail.maxSeconds, seconds ?? elapsed),
      file:
        options.recordingsDir !== undefined ? `${options.recordingsDir.replace(/\/+$/, '')}/${file}` : file,
    });
    if (call.gone) reportHungup(call);
  };

  const onRecordingEnd = (event: AriEventOf<'RecordingFinished'> | AriEventOf<'RecordingFailed'>) => {
    const recording = recordings.get(event.recording.name);
    if (recording === undefined) return;
    recordings.delete(event.recording.name);
    const call = calls.get(recording.callId);
    if (call === undefined) return;
    if (event.type === 'RecordingFailed') {
      log('error', 'ari.recordingFailed', {
        callId: call.callId,
        name: event.recording.name,
        kind: recording.kind,
        cause: event.recording.cause,
      });
      if (recording.kind === 'voicemail') {
        // No message can be taken: the caller is hung up rather than left in silence.
        call.voicemail = null;
        if (call.gone) reportHungup(call);
        else void dropChannel(call.channelId);
      }
      return;
    }
    if (recording.kind === 'voicemail') reportVoicemail(call, event.recording.duration);
  };

  const handle = (message: AriMessage) => {
    const event = message as AriMessage & { type: string };
    switch (event.type) {
      case 'StasisStart':
        return onStasisStart(message as unknown as AriEventOf<'StasisStart'>);
      case 'StasisEnd':
        return onChannelEnd((message as unknown as AriEventOf<'StasisEnd'>).channel, 'stasisEnd');
      case 'ChannelHangupRequest': {
        const e = message as unknown as AriEventOf<'ChannelHangupRequest'>;
        return onChannelEnd(e.channel, 'hangupRequest', e.cause, e.soft);
      }
      case 'ChannelDestroyed': {
        const e = message as unknown as AriEventOf<'ChannelDestroyed'>;
        return onChannelEnd(e.channel, 'destroyed', e.cause);
      }
      case 'ChannelStateChange': {
        const { channel } = message as unknown as AriEventOf<'ChannelStateChange'>;
        const caller = callerOf(channel.id);
        if (caller !== undefined) {
          if (channel.state === 'Up') caller.answered = true;
          return;
        }
        const found = legOf(channel.id);
        if (found === undefined) return;
        if (channel.state === 'Ringing') return legRinging(found.call, found.leg);
        if (channel.state === 'Up') return legAnswered(found.call, found.leg);
        return;
      }
      case 'Dial':
        return onDial(message as unknown as AriEventOf<'Dial'>);
      case 'ChannelDtmfReceived': {
        const e = message as unknown as AriEventOf<'ChannelDtmfReceived'>;
        const caller = callerOf(e.channel.id);
        if (caller !== undefined && !caller.gone) emit(caller, { type: 'dtmf', digit: e.digit });
        return;
      }
      case 'PlaybackFinished':
        return onPlaybackFinished(message as unknown as AriEventOf<'PlaybackFinished'>);
      case 'RecordingFinished':
      case 'RecordingFailed':
        return onRecordingEnd(message as unknown as AriEventOf<'RecordingFinished'>);
      case 'DeviceStateChanged': {
        const { device_state } = message as unknown as AriEventOf<'DeviceStateChanged'>;
        return presence.deviceStateChanged(device_state.name, device_state.state);
      }
      case 'EndpointStateChange':
        return presence.endpointChanged((message as unknown as AriEventOf<'EndpointStateChange'>).endpoint);
      default:
        return;
    }
  };

  // ---------------------------------------------------------------------------------------------
  // Connection: loss, reconnection, reconciliation.

  /** Asterisk has been out of reach too long: every call ends, its channels are hung up once it is back. */
  const giveUpCalls = (why: string) => {
    const lost = [...calls.values()].filter((call) => !call.gone);
    if (lost.length > 0) log('error', 'ari.callsLost', { calls: lost.length, reason: why });
    for (const call of lost) {
      toHangUp.add(call.channelId);
      for (const leg of call.legs.values()) if (leg.phase !== 'ended') toHangUp.add(leg.channelId);
      call.gone = true;
      for (const leg of call.legs.values()) leg.phase = 'ended';
      if (call.voicemail !== null && !call.voicemail.reported) reportVoicemail(call, undefined);
      reportHungup(call);
    }
  };

  /** After a reconnection: what happened while the events were not coming. */
  const reconcile = async () => {
    const api = ari();
    for (const channelId of [...toHangUp]) {
      toHangUp.delete(channelId);
      await dropChannel(channelId);
    }
    const alive = new Map((await api.channels.list()).map((channel) => [channel.id, channel] as const));
    const bridges = new Set((await api.bridges.list()).map((bridge) => bridge.id));
    for (const call of [...calls.values()]) {
      if (call.gone) continue;
      const caller = alive.get(call.channelId);
      if (caller === undefined) {
        // The voicemail being recorded ended with the channel: it is kept.
        if (call.voicemail !== null && !call.voicemail.reported) reportVoicemail(call, undefined);
        callerGone(call);
        continue;
      }
      if (caller.state === 'Up') call.answered = true;
      for (const leg of call.legs.values()) {
        if (leg.phase === 'ended') continue;
        const channel = alive.get(leg.channelId);
        if (channel === undefined) legEnded(call, leg, leg.hangupCause, 'lost');
        else if (channel.state === 'Up') legAnswered(call, leg);
        else if (channel.state === 'Ringing') legRinging(call, leg);
      }
      if (call.bridgeId !== null && !bridges.has(call.bridgeId)) {
        call.bridgeId = null;
        for (const leg of call.legs.values()) if (leg.phase === 'bridged') legEnded(call, leg, undefined);
      }
      for (const entry of [...call.playbacks.values()]) {
        try {
          await api.playbacks.get(entry.ariId);
        } catch (error) {
          if (!isAriNotFound(error)) throw error;
          finishPlayback(entry);
          if (entry.kind === 'music' && !entry.stopped && call.hold?.kind === 'music') await playMusic(call);
        }
      }
      const voicemail = call.voicemail;
      if (voicemail !== null && !voicemail.reported) {
        try {
          await api.recordings.getLive(voicemail.name);
        } catch (error) {
          if (!isAriNotFound(error)) throw error;
          recordings.delete(voicemail.name);
          reportVoicemail(call, undefined);
        }
      }
    }
    await presence.refresh();
  };

  const onConnection = (event: AriConnectionEvent) => {
    if (event.type === 'disconnected' && !stopping) {
      if (!event.willReconnect) giveUpCalls('the event connection is closed');
      else if (lostTimer === null) {
        lostTimer = setTimeout(() => {
          lostTimer = null;
          giveUpCalls(`Asterisk unreachable for ${callsLostAfterMs} ms`);
        }, callsLostAfterMs);
      }
    }
    if (event.type === 'reconnected') {
      if (lostTimer !== null) clearTimeout(lostTimer);
      lostTimer = null;
      void reconcile().then(
        () => log('info', 'ari.reconciled', { calls: calls.size }),
        (error: unknown) => log('error', 'ari.reconcileFailed', { message: messageOf(error) }),
      );
    }
    for (const listener of [...connectionListeners]) {
      try {
        listener(event);
      } catch (error) {
        log('error', 'ari.listenerFailed', { message: messageOf(error) });
      }
    }
  };

  /** Hangs up channels a previous run left in the application (before new calls can arrive). */
  const sweepOrphans = async (api: AriClient) => {
    let orphans: readonly string[];
    try {
      orphans = (await api.applications.get(app)).channel_ids;
    } catch (error) {
      if (isAriNotFound(error)) return;
      throw error;
    }
    if (orphans.length === 0) return;
    log('warn', 'ari.orphanHungUp', { channels: orphans.length, app });
    await Promise.all(orphans.map((channelId) => dropChannel(channelId)));
  };

  const adapter: AsteriskAriAdapter = {
    name,
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    app,
    directory: presence.directory,
    commands,
    get client() {
      return ari();
    },
    get connection() {
      return client?.events.state ?? 'idle';
    },
    get callIds() {
      return [...calls.keys()];
    },
    async start(runtime) {
      if (host !== null) throw new Error(`${name}: started twice`);
      const api = await createAriClient({
        url: options.url,
        user: options.user,
        ...(options.password !== undefined ? { password: options.password } : {}),
        ...(options.passwordFile !== undefined ? { passwordFile: options.passwordFile } : {}),
        ...(options.env !== undefined ? { env: options.env } : {}),
        apps: [app],
        ...(options.reconnect !== undefined ? { reconnect: options.reconnect } : {}),
        ...(options.pingIntervalMs !== undefined ? { pingIntervalMs: options.pingIntervalMs } : {}),
        ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        ...(options.maxConcurrentRequests !== undefined
          ? { maxConcurrentRequests: options.maxConcurrentRequests }
          : {}),
        log: ariLog,
      });
      client = api;
      host = runtime;
      api.events.onAny((message) => {
        try {
          handle(message);
        } catch (error) {
          log('error', 'ari.eventFailed', { type: message.type, message: messageOf(error) });
        }
        for (const listener of [...rawListeners]) {
          try {
            listener(message);
          } catch (error) {
            log('error', 'ari.listenerFailed', { message: messageOf(error) });
          }
        }
      });
      api.events.onConnection(onConnection);
      try {
        await sweepOrphans(api);
        await api.events.connect();
      } catch (error) {
        client = null;
        host = null;
        if (error instanceof AriError)
          throw new Error(`${name}: cannot connect to Asterisk: ${error.message}`, { cause: error });
        throw error;
      }
      await presence.start();
    },
    callEnded(adapterCall) {
      const call = calls.get(adapterCall.callId);
      if (call === undefined) return;
      if (call.hangupWait !== null) clearTimeout(call.hangupWait);
      calls.delete(call.callId);
      for (const [channelId, role] of channels) if (role.callId === call.callId) channels.delete(channelId);
      for (const entry of call.playbacks.values()) playbacks.delete(entry.ariId);
      for (const [recordingName, recording] of recordings) {
        // A call recording finishes by itself with the caller's channel; a voicemail is reported already.
        if (recording.callId === call.callId) recordings.delete(recordingName);
      }
      for (const leg of call.legs.values()) if (leg.endTimer !== null) clearTimeout(leg.endTimer);
      if (client === null || stopping) return;
      const leftovers = [...call.legs.values()]
        .filter((leg) => leg.phase !== 'ended')
        .map((leg) => leg.channelId);
      if (!call.gone) leftovers.push(call.channelId);
      if (call.recording !== null) leftovers.push(call.recording.snoopId);
      if (client.events.state !== 'open') {
        // Asterisk is out of reach: they are hung up once it is back.
        for (const channelId of leftovers) toHangUp.add(channelId);
        return;
      }
      // In the background: the call's record does not wait for Asterisk's answers.
      void Promise.all(leftovers.map((channelId) => dropChannel(channelId))).then(() => dropBridge(call));
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      if (lostTimer !== null) clearTimeout(lostTimer);
      lostTimer = null;
      const api = client;
      if (api === null) return;
      // Calls the runtime never ended (it is stopping too): hang up what is left of them.
      const leftovers = [...calls.values()].flatMap((call) => [
        ...(call.gone ? [] : [call.channelId]),
        ...[...call.legs.values()].filter((leg) => leg.phase !== 'ended').map((leg) => leg.channelId),
      ]);
      if (api.events.state === 'open')
        await Promise.all(leftovers.map((channelId) => dropChannel(channelId)));
      for (const call of calls.values()) {
        if (call.hangupWait !== null) clearTimeout(call.hangupWait);
        for (const leg of call.legs.values()) if (leg.endTimer !== null) clearTimeout(leg.endTimer);
      }
      await api.events.close();
    },
    inspect(callId) {
      const call = calls.get(callId);
      if (call === undefined) return undefined;
      return {
        callId: call.callId,
        channelId: call.channelId,
        from: call.from,
        to: call.to,
        answered: call.answered,
        gone: call.gone,
        bridgeId: call.bridgeId,
        hold: call.hold?.kind ?? null,
        legs: [...call.legs.values()].map((leg) => ({
          legId: leg.legId,
          channelId: leg.channelId,
          endpoint: leg.endpoint,
          phase: leg.phase,
          cancelled: leg.cancelled,
        })),
        playbacks: [...call.playbacks.values()].map((entry) => ({
          id: entry.ariId,
          playbackId: entry.playbackId,
          kind: entry.kind,
        })),
        voicemail:
          call.voicemail === null
            ? null
            : { recordingId: call.voicemail.recordingId, name: call.voicemail.name },
        recording: call.recording,
      };
    },
    onEvent(listener) {
      rawListeners.add(listener);
      return () => rawListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    setPresenceOverride: (agentId, value) => presence.setOverride(agentId, value),
    presenceOf: (agentId) => presence.describe(agentId),
    recordingFile: (recordingName) => ari().recordings.getStoredFile(recordingName),
  };
  return adapter;
}
