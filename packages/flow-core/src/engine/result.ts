import type { SessionState } from './state.js';
import type { CallEvent, CallOutcome, CallResult } from './types.js';

// Formatting dates is the main cost of closing a call record; the day part is cached (a call's
// events share it) and the time of day is written by hand, exactly as toISOString would.
let cachedDay = NaN;
let cachedDayText = '';
const DAY_MS = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay || !Number.isFinite(ms)) {
    if (!Number.isFinite(ms) || ms < 0 || ms > 253_402_300_799_999) return new Date(ms).toISOString();
    cachedDay = day;
    cachedDayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const inDay = ms - day * DAY_MS;
  return `${cachedDayText}${pad(Math.floor(inDay / 3_600_000), 2)}:${pad(Math.floor(inDay / 60_000) % 60, 2)}:${pad(Math.floor(inDay / 1000) % 60, 2)}.${pad(inDay % 1000, 3)}Z`;
}
const seconds = (ms: number) => Math.round(ms / 1000);

/**
 * The record of a finished call (DESIGN 6). The outcome follows what happened, best first: an
 * answer (by an agent, or a forward), a voicemail, a refusal; otherwise `abandoned` when the caller
 * hung up while the flow was still trying, `missed` when the flow gave a reason (closed, nobody
 * available, no answer), and `completed` when it ended normally after messages only.
 */
export function buildResult(state: SessionState): CallResult {
  // The call is over: its log's times are written once, in place.
  for (const event of state.events) if (typeof event.at === 'number') event.at = iso(event.at);
  const end = state.ended!.at;
  const start = state.call.startedAt;
  let outcome: CallOutcome;
  if (state.answeredBy !== null) outcome = state.answeredHow === 'forward' ? 'forwarded' : 'answered';
  else if (state.voicemail !== null) outcome = 'voicemail';
  else if (state.ended!.by === 'rejected') outcome = 'rejected';
  else if (state.missedReason === 'callerHungUp') outcome = 'abandoned';
  else if (state.missedReason !== null) outcome = 'missed';
  else outcome = 'completed';
  const unanswered = outcome !== 'answered' && outcome !== 'forwarded';
  return {
    outcome,
    answeredBy: state.answeredBy,
    // A voicemail keeps the reason the call went there (closed, nobody available, no answer).
    missedReason: unanswered && outcome !== 'completed' ? state.missedReason : null,
    startedAt: iso(start),
    endedAt: iso(end),
    waitSeconds: seconds((state.answeredAt ?? end) - start),
    durationSeconds: seconds(end - start),
    path: [...state.path],
    legs: [...state.legs],
    polls: [...state.polls],
    events: [...(state.events as CallEvent[]), { at: iso(end), type: 'call.ended', outcome }],
    ...(state.recording !== null ? { recording: { ...state.recording } } : {}),
    ...(state.voicemail !== null ? { voicemail: { ...state.voicemail } } : {}),
  };
}
