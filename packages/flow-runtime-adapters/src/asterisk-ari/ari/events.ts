import type {
  AriBridge,
  AriChannel,
  AriDeviceState,
  AriEndpoint,
  AriLiveRecording,
  AriPlayback,
  FieldList,
  Unlisted,
} from './models.js';

/*
 * The ARI events ringflow reads, typed (events.json of Asterisk 22). `ARI_EVENT_FIELDS` lists the
 * same fields as data for the spec test. Events of other types still reach `onAny` listeners, as
 * {@link AriMessage}.
 */

/** What every message on the event WebSocket has. */
export interface AriMessage {
  readonly type: string;
  /** The Stasis application the event is for. */
  readonly application?: string;
  /** ISO 8601. */
  readonly timestamp?: string;
  readonly asterisk_id?: string;
  readonly [field: string]: unknown;
}

interface EventBase<T extends string> {
  readonly type: T;
  readonly application: string;
  readonly timestamp: string;
  readonly asterisk_id?: string;
}

/** A channel entered the application (the dialplan's `Stasis()`, or a channel the app created). */
export interface StasisStartEvent extends EventBase<'StasisStart'> {
  /** The arguments of `Stasis(app,arg1,...)` or the `appArgs` it was created with. */
  readonly args: readonly string[];
  readonly channel: AriChannel;
  /** The channel this one replaces (a masquerade, a Local channel optimized away). */
  readonly replace_channel?: AriChannel;
}
/** A channel left the application (hung up, or sent elsewhere). */
export interface StasisEndEvent extends EventBase<'StasisEnd'> {
  readonly channel: AriChannel;
}
export interface ChannelCreatedEvent extends EventBase<'ChannelCreated'> {
  readonly channel: AriChannel;
}
/** The channel is gone; `cause` is its Q.850 hang-up cause. */
export interface ChannelDestroyedEvent extends EventBase<'ChannelDestroyed'> {
  readonly cause: number;
  readonly cause_txt: string;
  /** The technology's own cause (a SIP status...). */
  readonly tech_cause?: number;
  readonly channel: AriChannel;
}
export interface ChannelStateChangeEvent extends EventBase<'ChannelStateChange'> {
  readonly channel: AriChannel;
}
export interface ChannelDtmfReceivedEvent extends EventBase<'ChannelDtmfReceived'> {
  readonly digit: string;
  readonly duration_ms: number;
  readonly channel: AriChannel;
}
/** Something asked the channel to hang up; `soft` for Asterisk's own requests (a dial timeout...). */
export interface ChannelHangupRequestEvent extends EventBase<'ChannelHangupRequest'> {
  readonly cause?: number;
  readonly tech_cause?: number;
  readonly soft?: boolean;
  readonly channel: AriChannel;
}
export interface ChannelEnteredBridgeEvent extends EventBase<'ChannelEnteredBridge'> {
  readonly bridge: AriBridge;
  readonly channel?: AriChannel;
}
export interface ChannelLeftBridgeEvent extends EventBase<'ChannelLeftBridge'> {
  readonly bridge: AriBridge;
  readonly channel: AriChannel;
}
export interface ChannelVarsetEvent extends EventBase<'ChannelVarset'> {
  readonly variable: string;
  readonly value: string;
  readonly channel?: AriChannel;
}
/**
 * Progress of a dial: `dialstatus` is empty at the start, then `RINGING`, `PROGRESS`, `ANSWER`,
 * `BUSY`, `NOANSWER`, `CONGESTION`, `CHANUNAVAIL`, `CANCEL`...
 */
export interface DialEvent extends EventBase<'Dial'> {
  readonly caller?: AriChannel;
  /** The channel being dialed. */
  readonly peer: AriChannel;
  readonly forward?: string;
  readonly forwarded?: AriChannel;
  readonly dialstring?: string;
  readonly dialstatus: string;
}
export interface PlaybackStartedEvent extends EventBase<'PlaybackStarted'> {
  readonly playback: AriPlayback;
}
export interface PlaybackContinuingEvent extends EventBase<'PlaybackContinuing'> {
  readonly playback: AriPlayback;
}
/** The playback ended: state `done` (played to the end, or stopped) or `failed`. */
export interface PlaybackFinishedEvent extends EventBase<'PlaybackFinished'> {
  readonly playback: AriPlayback;
}
export interface RecordingStartedEvent extends EventBase<'RecordingStarted'> {
  readonly recording: AriLiveRecording;
}
export interface RecordingFinishedEvent extends EventBase<'RecordingFinished'> {
  readonly recording: AriLiveRecording;
}
export interface RecordingFailedEvent extends EventBase<'RecordingFailed'> {
  readonly recording: AriLiveRecording;
}
export interface BridgeCreatedEvent extends EventBase<'BridgeCreated'> {
  readonly bridge: AriBridge;
}
export interface BridgeDestroyedEvent extends EventBase<'BridgeDestroyed'> {
  readonly bridge: AriBridge;
}
/** A device the application is subscribed to changed state. */
export interface DeviceStateChangedEvent extends EventBase<'DeviceStateChanged'> {
  readonly device_state: AriDeviceState;
}
/** An endpoint the application is subscribed to changed (state or channels). */
export interface EndpointStateChangeEvent extends EventBase<'EndpointStateChange'> {
  readonly endpoint: AriEndpoint;
}
/** Another WebSocket registered the same application name: this one no longer gets its events. */
export type ApplicationReplacedEvent = EventBase<'ApplicationReplaced'>;

/** Every event ringflow reads, discriminated by `type`. */
export type AriEvent =
  | StasisStartEvent
  | StasisEndEvent
  | ChannelCreatedEvent
  | ChannelDestroyedEvent
  | ChannelStateChangeEvent
  | ChannelDtmfReceivedEvent
  | ChannelHangupRequestEvent
  | ChannelEnteredBridgeEvent
  | ChannelLeftBridgeEvent
  | ChannelVarsetEvent
  | DialEvent
  | PlaybackStartedEvent
  | PlaybackContinuingEvent
  | PlaybackFinishedEvent
  | RecordingStartedEvent
  | RecordingFinishedEvent
  | RecordingFailedEvent
  | BridgeCreatedEvent
  | BridgeDestroyedEvent
  | DeviceStateChangedEvent
  | EndpointStateChangeEvent
  | ApplicationReplacedEvent;

/** The type names of {@link AriEvent}. */
export type AriEventType = AriEvent['type'];

/** The event of one type, e.g. `AriEventOf<'Dial'>`. */
export type AriEventOf<T extends AriEventType> = Extract<AriEvent, { readonly type: T }>;

/** The fields an event adds to the base `Event` of the spec. */
type OwnFields<T extends AriEventType> = Omit<AriEventOf<T>, keyof EventBase<T>>;

/** Each event type ringflow models, with the fields it reads besides `type`, `application`, `timestamp`. */
export const ARI_EVENT_FIELDS = {
  StasisStart: ['args', 'channel', 'replace_channel?'],
  StasisEnd: ['channel'],
  ChannelCreated: ['channel'],
  ChannelDestroyed: ['cause', 'cause_txt', 'tech_cause?', 'channel'],
  ChannelStateChange: ['channel'],
  ChannelDtmfReceived: ['digit', 'duration_ms', 'channel'],
  ChannelHangupRequest: ['cause?', 'tech_cause?', 'soft?', 'channel'],
  ChannelEnteredBridge: ['bridge', 'channel?'],
  ChannelLeftBridge: ['bridge', 'channel'],
  ChannelVarset: ['variable', 'value', 'channel?'],
  Dial: ['caller?', 'peer', 'forward?', 'forwarded?', 'dialstring?', 'dialstatus'],
  PlaybackStarted: ['playback'],
  PlaybackContinuing: ['playback'],
  PlaybackFinished: ['playback'],
  RecordingStarted: ['recording'],
  RecordingFinished: ['recording'],
  RecordingFailed: ['recording'],
  BridgeCreated: ['bridge'],
  BridgeDestroyed: ['bridge'],
  DeviceStateChanged: ['device_state'],
  EndpointStateChange: ['endpoint'],
  ApplicationReplaced: [],
} as const satisfies { readonly [T in AriEventType]: FieldList<OwnFields<T>> };

/** The base fields of every event in the spec's `Event` model, as ringflow reads them. */
export const ARI_EVENT_BASE_FIELDS = ['type', 'application', 'timestamp', 'asterisk_id?'] as const;

type EventGaps = { [T in AriEventType]: Unlisted<OwnFields<T>, (typeof ARI_EVENT_FIELDS)[T]> }[AriEventType];
// Compile-time check that every typed field is listed (so the spec test sees all of them).
const _eventFieldsComplete: [EventGaps] extends [never] ? true : EventGaps = true;

const MODELED: ReadonlySet<string> = new Set(Object.keys(ARI_EVENT_FIELDS));

/** Whether a message is one of the events ringflow models (its `type` is known). */
export function isModeledEvent(message: AriMessage): message is AriMessage & AriEvent {
  return MODELED.has(message.type);
}
