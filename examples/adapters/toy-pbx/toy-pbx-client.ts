/**
 * The client library of ToyPBX, an imaginary phone system: what a PBX vendor gives an integrator
 * (an HTTP + WebSocket API, say, wrapped in a small client). It knows channels, playbacks, dials and
 * bridges; it knows nothing of ringflow. `toy-pbx-adapter.ts` translates between the two.
 */

/** What ToyPBX can be asked to do. A channel is one side of a call: the caller's, or a dialed leg. */
export type ToyPbxRequest =
  | { readonly op: 'answer'; readonly channel: string }
  /** `media` is `tts:<language>:<text>` or `file:<path>`; `early` plays before answering. */
  | {
      readonly op: 'play';
      readonly channel: string;
      readonly playback: string;
      readonly media: string;
      readonly early: boolean;
    }
  | { readonly op: 'stopPlayback'; readonly playback: string }
  /** Listens for keys on a channel: each key pressed is then reported as a `Dtmf` message. */
  | {
      readonly op: 'collectKeys';
      readonly channel: string;
      readonly maxKeys: number;
      readonly timeoutSeconds: number;
    }
  /** Music on hold for a channel (`null`: the ringback tone). */
  | { readonly op: 'hold'; readonly channel: string; readonly media: string | null }
  /** Dials `endpoint` (`user:<id>` or `tel:<E.164>`) on a new channel named `channel`. */
  | {
      readonly op: 'dial';
      readonly channel: string;
      readonly endpoint: string;
      readonly timeoutSeconds: number;
      readonly callerId: string | null;
    }
  | { readonly op: 'bridge'; readonly channels: readonly [string, string] }
  | {
      readonly op: 'record';
      readonly channel: string;
      readonly name: string;
      readonly mailbox: string;
      readonly maxSeconds: number;
    }
  | { readonly op: 'monitor'; readonly channel: string; readonly on: boolean }
  | { readonly op: 'hangup'; readonly channel: string; readonly cause: 'normal' | 'rejected' };

/** How a dial is going. */
export type ToyDialStatus = 'RINGING' | 'ANSWER' | 'BUSY' | 'NOANSWER' | 'DECLINED' | 'CHANUNAVAIL';

/** What ToyPBX reports. */
export type ToyPbxMessage =
  /** A call came in on `channel`. `time` is epoch ms. */
  | {
      readonly event: 'ChannelCreated';
      readonly channel: string;
      readonly callerNumber: string | null;
      readonly dialed: string;
      readonly time: number;
    }
  | { readonly event: 'PlaybackFinished'; readonly playback: string }
  | { readonly event: 'Dtmf'; readonly channel: string; readonly digit: string }
  | { readonly event: 'DialStatus'; readonly channel: string; readonly status: ToyDialStatus }
  | { readonly event: 'ChannelHangup'; readonly channel: string }
  | {
      readonly event: 'RecordingFinished';
      readonly name: string;
      readonly seconds: number;
      readonly file?: string;
    };

/** A connection to ToyPBX. */
export interface ToyPbxClient {
  /** Sends a request; resolves once ToyPBX accepted it, rejects when it refused it. */
  request(request: ToyPbxRequest): Promise<void>;
  /**
   * Receives every message. ToyPBX waits for the promise the listener returns before it goes on
   * with that call (it does not answer a new call before its owner has looked at it).
   */
  subscribe(listener: (message: ToyPbxMessage) => void | Promise<void>): void;
  close(): Promise<void>;
}
