import type { CallInfo, EngineCommand, LegRecord, LegTarget, MissedReason, PollRecord } from './types.js';

/** JSON values, for state that must survive a snapshot. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A line of the event log as the session keeps it: `at` is epoch ms during the call, and becomes the
 * ISO string of the call record, in place, when the call ends (so closing a record copies nothing).
 */
export interface LoggedEvent {
  at: number | string;
  readonly type: string;
  readonly node?: string;
  readonly [detail: string]: unknown;
}

/** An outbound leg the session knows about. */
export interface LegState {
  readonly node: string;
  readonly target: LegTarget;
  readonly startedAt: number;
  phase: 'ringing' | 'bridged' | 'closed';
  /** Index of the leg's record in `legs`, once it has one. */
  record?: number;
}

/**
 * Everything a call session knows, as plain JSON: a snapshot of it resumes the call exactly where it
 * was. Mutated in place by the session (one owner, never shared).
 */
export interface SessionState {
  call: CallInfo;
  /** The node the call is in, or null before the start and after the end. */
  node: string | null;
  /** Node entries so far (compared with `settings.maxSteps`). */
  steps: number;
  /** Counter for deterministic ids of playbacks, legs and recordings. */
  seq: number;
  /** The current node's own state for this visit, owned by its kind. */
  nodeState: { [key: string]: Json };
  /** Named timers of the current node: name -> epoch ms. */
  timers: Record<string, number>;
  /** The caller's channel was answered (by the PBX, to play or bridge). */
  channelAnswered: boolean;
  answeredAt: number | null;
  answeredBy: string | null;
  answeredHow: 'agent' | 'forward' | null;
  /** The agent who last took the call, credited with poll answers. */
  lastAgent: string | null;
  missedReason: MissedReason | null;
  voicemail: { mailbox: string; seconds: number; file?: string } | null;
  /** settings.recording: null when the flow does not record, else whether the caller opted out. */
  recording: { optedOut: boolean } | null;
  legStates: Record<string, LegState>;
  path: string[];
  legs: LegRecord[];
  polls: PollRecord[];
  /** The event log (see LoggedEvent). */
  events: LoggedEvent[];
  /** Commands produced by the last step, not yet handed to the adapter. */
  outbox: EngineCommand[];
  ended: { at: number; by: 'caller' | 'flow' | 'rejected' } | null;
}

/** A fresh state for a call that has not started yet. */
export function initialSessionState(call: CallInfo): SessionState {
  return {
    call,
    node: null,
    steps: 0,
    seq: 0,
    nodeState: {},
    timers: {},
    channelAnswered: false,
    answeredAt: null,
    answeredBy: null,
    answeredHow: null,
    lastAgent: null,
    missedReason: null,
    voicemail: null,
    recording: null,
    legStates: {},
    path: [],
    legs: [],
    polls: [],
    events: [],
    outbox: [],
    ended: null,
  };
}
