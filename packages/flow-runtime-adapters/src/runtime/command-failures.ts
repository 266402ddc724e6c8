import type { EngineEvent } from '@ringflow/flow-core';
import type { CommandOf, EngineCommandType } from '../adapter/adapter.js';

/** Engine events to deliver in place of a failed command, or `endCall`. */
export type CommandFailureAnswer = readonly EngineEvent[] | 'endCall';

/**
 * What a command that failed in the adapter becomes (STYLE 5: failures during a call are events):
 * engine events that make the flow follow its failure port, or `endCall` when the call cannot go
 * on without the command (the runtime then hangs it up). Keyed by command type, so a command added
 * to the engine must be given its answer here before the package compiles.
 */
export const COMMAND_FAILURES: {
  readonly [C in EngineCommandType]: (command: CommandOf<C>) => CommandFailureAnswer;
} = {
  // A call that cannot be answered cannot be served.
  answer: () => 'endCall',
  // A prompt that cannot be played is skipped: the flow goes on as if it had been heard.
  play: (command) => [{ type: 'playback.finished', playbackId: command.playbackId }],
  stopPlayback: (command) => [{ type: 'playback.finished', playbackId: command.playbackId }],
  // The engine runs the wait for keys itself: without keys, the node takes its timeout port.
  collectDigits: () => [],
  // Legs that cannot be called fail as unreachable (status ERROR): the ring goes on with the other
  // members, or takes its noAnswer port.
  ring: (command) =>
    command.legs.map((leg) => ({ type: 'leg.failed', legId: leg.legId, reason: 'unreachable' }) as const),
  // The engine has already closed those legs; a leg that still answers is recorded TOOLATE.
  cancelLegs: () => [],
  // An agent who answered but cannot be connected: the caller cannot be served.
  bridge: () => 'endCall',
  // The forward takes its `failed` port.
  forward: (command) => [{ type: 'leg.failed', legId: command.leg.legId, reason: 'unreachable' }],
  // No message can be taken.
  recordVoicemail: () => 'endCall',
  // The call is over either way.
  hangup: () => [],
  // The call goes on unrecorded; the record lists the failure.
  startRecording: () => [],
  stopRecording: () => [],
};
