/*
 * The ARI data models ringflow reads, as Asterisk 22 sends them (rest-api/*.json). Only the fields
 * listed here are typed; `ARI_MODEL_FIELDS` lists them again as data so that a test checks each one
 * against the spec Asterisk ships (a field name we rely on that Asterisk does not send would fail it).
 */

/** A caller id: name and number, each possibly empty. */
export interface AriCallerId {
  readonly name: string;
  readonly number: string;
}

/** Where a channel is in the dialplan. */
export interface AriDialplanCep {
  readonly context: string;
  readonly exten: string;
  readonly priority: number;
  readonly app_name: string;
  readonly app_data: string;
}

/** A channel's state (`Down`, `Ring`, `Ringing`, `Up`...). */
export type AriChannelState =
  | 'Down'
  | 'Rsrved'
  | 'OffHook'
  | 'Dialing'
  | 'Ring'
  | 'Ringing'
  | 'Up'
  | 'Busy'
  | 'Dialing Offhook'
  | 'Pre-ring'
  | 'Unknown';

/** A channel: one side of a call. */
export interface AriChannel {
  readonly id: string;
  readonly name: string;
  readonly state: AriChannelState;
  readonly protocol_id: string;
  readonly caller: AriCallerId;
  readonly connected: AriCallerId;
  readonly accountcode: string;
  readonly dialplan: AriDialplanCep;
  /** ISO 8601. */
  readonly creationtime: string;
  readonly language: string;
  /** The channel variables ari.conf's `channelvars` asks for. */
  readonly channelvars?: Readonly<Record<string, string>>;
}

/** A bridge: channels mixed together. */
export interface AriBridge {
  readonly id: string;
  readonly technology: string;
  readonly bridge_type: string;
  readonly bridge_class: string;
  readonly creator: string;
  readonly name: string;
  readonly channels: readonly string[];
  readonly creationtime: string;
}

/** A playback's state; `done` also for a playback that was stopped. */
export type AriPlaybackState = 'queued' | 'playing' | 'continuing' | 'done' | 'failed';

/** A media playback on a channel or a bridge. */
export interface AriPlayback {
  readonly id: string;
  readonly media_uri: string;
  readonly next_media_uri?: string;
  readonly target_uri: string;
  readonly language?: string;
  readonly state: AriPlaybackState;
}

/** A recording in progress (or just ended, in RecordingFinished). */
export interface AriLiveRecording {
  readonly name: string;
  readonly format: string;
  readonly target_uri: string;
  readonly state: 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';
  /** Seconds recorded. */
  readonly duration?: number;
  readonly cause?: string;
}

/** A finished recording, in Asterisk's recordings folder. */
export interface AriStoredRecording {
  readonly name: string;
  readonly format: string;
}

/** The state of a device (`PJSIP/alice`): `NOT_INUSE`, `INUSE`, `UNAVAILABLE`... */
export type AriDeviceStateName =
  'UNKNOWN' | 'NOT_INUSE' | 'INUSE' | 'BUSY' | 'INVALID' | 'UNAVAILABLE' | 'RINGING' | 'RINGINUSE' | 'ONHOLD';

/** A device and its state. */
export interface AriDeviceState {
  readonly name: string;
  readonly state: AriDeviceStateName;
}

/** An endpoint (`PJSIP/alice`): whether it is reachable, and its channels. */
export interface AriEndpoint {
  readonly technology: string;
  readonly resource: string;
  /** `online`, `offline` or `unknown`. */
  readonly state?: string;
  readonly channel_ids: readonly string[];
}

/** A Stasis application and what it is subscribed to. */
export interface AriApplication {
  readonly name: string;
  readonly channel_ids: readonly string[];
  readonly bridge_ids: readonly string[];
  readonly endpoint_ids: readonly string[];
  readonly device_names: readonly string[];
}

/** The version of the Asterisk that answers. */
export interface AriSystemInfo {
  readonly version: string;
  readonly entity_id: string;
}

/** `GET /asterisk/info`. */
export interface AriAsteriskInfo {
  readonly system?: AriSystemInfo;
}

/** A channel variable's value. */
export interface AriVariable {
  readonly value: string;
}

/** Keys of `T` that are optional. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T] & string;
type RequiredKeys<T> = Exclude<keyof T & string, OptionalKeys<T>>;

/**
 * The fields of a model, as data: a required field by name, an optional one with a `?` suffix. The
 * type only accepts names of the model, with the `?` exactly where the model makes them optional.
 */
export type FieldList<T> = readonly (RequiredKeys<T> | `${OptionalKeys<T>}?`)[];

/** The listed fields, `?` removed. */
type Listed<L extends readonly string[]> = L[number] extends infer F
  ? F extends `${infer Name}?`
    ? Name
    : F
  : never;

/** The fields of `T` a list forgets (never when the list is complete). */
export type Unlisted<T, L extends readonly string[]> = Exclude<keyof T & string, Listed<L>>;

/** Each model ringflow reads, by its name in the ARI spec, with the fields it reads. */
export const ARI_MODEL_FIELDS = {
  CallerID: ['name', 'number'],
  DialplanCEP: ['context', 'exten', 'priority', 'app_name', 'app_data'],
  Channel: [
    'id',
    'name',
    'state',
    'protocol_id',
    'caller',
    'connected',
    'accountcode',
    'dialplan',
    'creationtime',
    'language',
    'channelvars?',
  ],
  Bridge: ['id', 'technology', 'bridge_type', 'bridge_class', 'creator', 'name', 'channels', 'creationtime'],
  Playback: ['id', 'media_uri', 'next_media_uri?', 'target_uri', 'language?', 'state'],
  LiveRecording: ['name', 'format', 'target_uri', 'state', 'duration?', 'cause?'],
  StoredRecording: ['name', 'format'],
  DeviceState: ['name', 'state'],
  Endpoint: ['technology', 'resource', 'state?', 'channel_ids'],
  Application: ['name', 'channel_ids', 'bridge_ids', 'endpoint_ids', 'device_names'],
  SystemInfo: ['version', 'entity_id'],
  AsteriskInfo: ['system?'],
  Variable: ['value'],
} as const satisfies {
  CallerID: FieldList<AriCallerId>;
  DialplanCEP: FieldList<AriDialplanCep>;
  Channel: FieldList<AriChannel>;
  Bridge: FieldList<AriBridge>;
  Playback: FieldList<AriPlayback>;
  LiveRecording: FieldList<AriLiveRecording>;
  StoredRecording: FieldList<AriStoredRecording>;
  DeviceState: FieldList<AriDeviceState>;
  Endpoint: FieldList<AriEndpoint>;
  Application: FieldList<AriApplication>;
  SystemInfo: FieldList<AriSystemInfo>;
  AsteriskInfo: FieldList<AriAsteriskInfo>;
  Variable: FieldList<AriVariable>;
};

// Compile-time check that every typed field is listed (so the spec test sees all of them).
type ModelGaps =
  | Unlisted<AriCallerId, typeof ARI_MODEL_FIELDS.CallerID>
  | Unlisted<AriDialplanCep, typeof ARI_MODEL_FIELDS.DialplanCEP>
  | Unlisted<AriChannel, typeof ARI_MODEL_FIELDS.Channel>
  | Unlisted<AriBridge, typeof ARI_MODEL_FIELDS.Bridge>
  | Unlisted<AriPlayback, typeof ARI_MODEL_FIELDS.Playback>
  | Unlisted<AriLiveRecording, typeof ARI_MODEL_FIELDS.LiveRecording>
  | Unlisted<AriStoredRecording, typeof ARI_MODEL_FIELDS.StoredRecording>
  | Unlisted<AriDeviceState, typeof ARI_MODEL_FIELDS.DeviceState>
  | Unlisted<AriEndpoint, typeof ARI_MODEL_FIELDS.Endpoint>
  | Unlisted<AriApplication, typeof ARI_MODEL_FIELDS.Application>
  | Unlisted<AriSystemInfo, typeof ARI_MODEL_FIELDS.SystemInfo>
  | Unlisted<AriAsteriskInfo, typeof ARI_MODEL_FIELDS.AsteriskInfo>
  | Unlisted<AriVariable, typeof ARI_MODEL_FIELDS.Variable>;
const _modelFieldsComplete: [ModelGaps] extends [never] ? true : ModelGaps = true;
