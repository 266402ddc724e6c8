import type { Locale } from '../i18n/locale.js';

/*
 * The contract between the engine and the outside world (DESIGN 5): commands the engine asks a PBX
 * to execute, events the PBX reports back, and the ports the engine reads time and agent statuses
 * from. All plain JSON data.
 */

/** A sound ready to play, its library references resolved. */
export type ResolvedSound =
  | {
      readonly kind: 'tts';
      readonly text: string;
      readonly language: string;
      readonly voice?: string;
      /** Background music mixed under the voice. */
      readonly music?: { readonly file: string };
      /** The library id, when the sound comes from the library. */
      readonly id?: string;
    }
  | { readonly kind: 'file'; readonly file: string; readonly id?: string };

/** Who a ring leg calls. */
export type LegTarget =
  | { readonly kind: 'agent'; readonly agent: string; readonly extension?: string; readonly number?: string }
  | { readonly kind: 'number'; readonly number: string; readonly label?: string };

/** One outbound leg of a ring. */
export interface RingLeg {
  readonly legId: string;
  readonly target: LegTarget;
  /** How long the PBX may let it ring; the engine also ends it at that time. */
  readonly timeoutSeconds: number;
  /** The number shown to the person called: the caller's, or the flow's own (`to`). */
  readonly callerId: string | null;
}

/** What the engine asks the PBX to do, for one call. */
export type EngineCommand =
  | { readonly type: 'answer' }
  | {
      readonly type: 'play';
      readonly playbackId: string;
      readonly sound: ResolvedSound;
      /** Played before the call is answered (early media). */
      readonly early: boolean;
    }
  | { readonly type: 'stopPlayback'; readonly playbackId: string }
  | { readonly type: 'collectDigits'; readonly maxDigits: number; readonly timeoutSeconds: number }
  | { readonly type: 'ring'; readonly legs: readonly RingLeg[]; readonly music: ResolvedSound | null }
  | {
      readonly type: 'cancelLegs';
      readonly legIds: readonly string[];
      readonly reason: 'answeredElsewhere' | 'timeout' | 'callerHungUp' | 'tooLate' | 'flowEnded';
    }
  | { readonly type: 'bridge'; readonly legId: string }
  | { readonly type: 'forward'; readonly leg: RingLeg }
  | {
      readonly type: 'recordVoicemail';
      readonly recordingId: string;
      readonly mailbox: string;
      readonly maxSeconds: number;
    }
  | { readonly type: 'hangup'; readonly cause: 'normal' | 'rejected' }
  /** Record the call from now on (settings.recording); the caller may refuse with `optOutDigit`. */
  | { readonly type: 'startRecording'; readonly optOutDigit: string | null }
  | { readonly type: 'stopRecording' };

/** Why an outbound leg ended without being answered. */
export type LegFailure = 'busy' | 'noAnswer' | 'rejected' | 'unreachable';

/** What the PBX reports about a call, normalized. */
export type EngineEvent =
  | { readonly type: 'call.started' }
  | { readonly type: 'call.hungup' }
  | { readonly type: 'playback.finished'; readonly playbackId: string }
  | { readonly type: 'dtmf'; readonly digit: string }
  | { readonly type: 'leg.ringing'; readonly legId: string }
  | { readonly type: 'leg.answered'; readonly legId: string }
  | { readonly type: 'leg.failed'; readonly legId: string; readonly reason: LegFailure }
  | { readonly type: 'bridge.ended'; readonly legId: string }
  | {
      readonly type: 'voicemail.recorded';
      readonly recordingId: string;
      readonly seconds: number;
      readonly file?: string;
    };

/** Every event type an adapter may send. */
export const ENGINE_EVENT_TYPES = [
  'call.started',
  'call.hungup',
  'playback.finished',
  'dtmf',
  'leg.ringing',
  'leg.answered',
  'leg.failed',
  'bridge.ended',
  'voicemail.recorded',
] as const satisfies ReadonlyArray<EngineEvent['type']>;

/** Time, injected: virtual in a simulation, real on a PBX. The engine never reads a real clock. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` at `at` (epoch ms); returns a handle for clearTimer. */
  setTimer(at: number, callback: () => void): unknown;
  clearTimer(handle: unknown): void;
}

/** An agent's presence (DESIGN 4). Planning is separate: it comes from the agent's schedule. */
export type AgentPresence = 'available' | 'offline' | 'snooze' | 'inCall';

/** Where agent presences come from: memory, a scenario, or the PBX live. Must answer at once. */
export interface AgentDirectory {
  presence(agentId: string, at: number): AgentPresence;
}

/** The call a session handles. `from` null is a caller with a hidden number. */
export interface CallInfo {
  readonly callId: string;
  readonly from: string | null;
  readonly to: string;
  /** Epoch ms of the start of the call. */
  readonly startedAt: number;
}

/** Status of one leg of a ring attempt, in the vocabulary of the call logs admins read (DESIGN 4). */
export type LegStatus =
  | 'ANSWERED'
  | 'NO_ANSWER'
  | 'CALL_ANSWERED'
  | 'TOOLATE'
  | 'REJECTED'
  | 'INCALL'
  | 'SNOOZE'
  | 'PLANNING'
  | 'NOT_CONNECTED'
  | 'ERROR';

/** One leg in the call record. */
export interface LegRecord {
  readonly node: string;
  readonly agent?: string;
  readonly number?: string;
  readonly status: LegStatus;
  readonly ringSeconds?: number;
}

/** One answer to a poll question. */
export interface PollRecord {
  readonly poll: string;
  readonly question: string;
  readonly value: number;
  readonly agent: string | null;
}

/** One line of the call's event log. */
export interface CallEvent {
  readonly at: string;
  readonly type: string;
  readonly node?: string;
  readonly [detail: string]: unknown;
}

/** Every outcome a call can end with (DESIGN 6), for code that lists or checks them. */
export const CALL_OUTCOMES = [
  'answered',
  'voicemail',
  'forwarded',
  'abandoned',
  'missed',
  'rejected',
  'completed',
] as const;

export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Whether `value` is one of CALL_OUTCOMES: a record read from elsewhere may hold a newer one. */
export function isCallOutcome(value: unknown): value is CallOutcome {
  return (CALL_OUTCOMES as readonly unknown[]).includes(value);
}

export type MissedReason = 'closed' | 'noAgentAvailable' | 'noAnswer' | 'callerHungUp' | 'rejected';

/** The record of a finished call (DESIGN 6). */
export interface CallResult {
  readonly outcome: CallOutcome;
  readonly answeredBy: string | null;
  readonly missedReason: MissedReason | null;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly waitSeconds: number;
  readonly durationSeconds: number;
  readonly path: readonly string[];
  readonly legs: readonly LegRecord[];
  readonly polls: readonly PollRecord[];
  readonly events: readonly CallEvent[];
  /** Present when the flow records calls: whether the caller refused the recording. */
  readonly recording?: { readonly optedOut: boolean };
  /** The voicemail left, when there is one. */
  readonly voicemail?: { readonly mailbox: string; readonly seconds: number; readonly file?: string };
}

/** Options shared by the engine's entry points. */
export interface EngineOptions {
  readonly locale?: Locale;
}
