import type {
  AgentDirectory,
  AgentPresence,
  EngineCommand,
  EngineEvent,
  ResolvedSound,
  RingLeg,
} from '../engine/types.js';
import type { Scenario } from './scenario.js';
import type { VirtualClock } from './virtual-clock.js';

/** How long a text takes to say: about 150 words a minute, at least a second. */
export function ttsSeconds(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / 2.5));
}

/** Seconds the caller takes to type a key after being asked. */
const TYPING_SECONDS = 1;

/**
 * A PBX in virtual time, played by a scenario: it executes the engine's commands by scheduling the
 * events a real PBX would report (a prompt ends, an agent answers after 5 s, the caller types 2),
 * and answers agent presences. It holds no flow logic: that is the engine's.
 */
export class SimulatedPbx implements AgentDirectory {
  private readonly pending = new Map<string, Array<{ at: number; entry: { cancelled: boolean } }>>();
  private readonly bridged = new Set<string>();
  private inputIndex = 0;
  private over = false;
  private send: (event: EngineEvent) => void = () => {};

  constructor(
    private readonly scenario: Scenario,
    private readonly clock: VirtualClock,
  ) {}

  /** Where the PBX's events go (the session, or the session that resumed it). */
  connect(send: (event: EngineEvent) => void): void {
    this.send = send;
  }

  presence(agentId: string): AgentPresence {
    if (this.bridged.has(agentId)) return 'inCall';
    return this.scenario.agents[agentId]?.status ?? 'offline';
  }

  /** Schedules an event `seconds` from now, under `key` so that it can be called off. */
  private later(seconds: number, event: EngineEvent, key?: string): void {
    const at = this.clock.now() + seconds * 1000;
    const entry = this.clock.schedule(at, () => {
      if (this.over) return;
      if (event.type === 'bridge.ended') this.bridgeEnded(event.legId);
      if (event.type === 'call.hungup') this.over = true;
      this.send(event);
    });
    if (key !== undefined) {
      if (!this.pending.has(key)) this.pending.set(key, []);
      this.pending.get(key)!.push({ at, entry });
    }
  }

  /** Calls off what is scheduled under `key`, except what happens right now (it already crossed). */
  private callOff(key: string): void {
    for (const item of this.pending.get(key) ?? [])
      if (item.at > this.clock.now()) item.entry.cancelled = true;
    this.pending.delete(key);
  }

  start(): void {
    const hangup = this.scenario.caller.hangupAfterSeconds;
    if (hangup !== undefined) this.later(hangup, { type: 'call.hungup' });
  }

  private soundSeconds(sound: ResolvedSound): number {
    return sound.kind === 'tts' ? ttsSeconds(sound.text) : (this.scenario.soundSeconds[sound.file] ?? 10);
  }

  private ringLeg(leg: RingLeg): void {
    const target = leg.target;
    const behaviour =
      target.kind === 'agent' ? this.scenario.agents[target.agent] : this.scenario.numbers[target.number];
    this.later(0, { type: 'leg.ringing', legId: leg.legId }, leg.legId);
    if (target.kind === 'agent') {
      // A phone that is not connected, or busy, cannot ring.
      const presence = this.presence(target.agent);
      if (presence === 'offline')
        return this.later(0, { type: 'leg.failed', legId: leg.legId, reason: 'unreachable' }, leg.legId);
      if (presence === 'inCall' || presence === 'snooze') {
        return this.later(0, { type: 'leg.failed', legId: leg.legId, reason: 'busy' }, leg.legId);
      }
    } else if (this.scenario.numbers[target.number]?.busy) {
      return this.later(0, { type: 'leg.failed', legId: leg.legId, reason: 'busy' }, leg.legId);
    }
    if (behaviour?.reject) {
      return this.later(
        behaviour.rejectAfterSeconds ?? 2,
        { type: 'leg.failed', legId: leg.legId, reason: 'rejected' },
        leg.legId,
      );
    }
    if (behaviour === undefined || behaviour.answer === 'never') return;
    // An available agent with no other instruction answers after 5 s; an external number never does.
    const after = behaviour.answerAfterSeconds ?? (target.kind === 'agent' ? 5 : undefined);
    if (after !== undefined) this.later(after, { type: 'leg.answered', legId: leg.legId }, leg.legId);
  }

  private readonly legTargets = new Map<string, RingLeg['target']>();

  execute(command: EngineCommand): void {
    switch (command.type) {
      case 'play':
        this.later(
          this.soundSeconds(command.sound),
          { type: 'playback.finished', playbackId: command.playbackId },
          command.playbackId,
        );
        break;
      case 'stopPlayback':
        // Like a real PBX, a stopped playback is reported as finished at once.
        this.callOff(command.playbackId);
        this.later(0, { type: 'playback.finished', playbackId: command.playbackId });
        break;
      case 'collectDigits': {
        const input = this.scenario.caller.inputs[this.inputIndex++] ?? null;
        if (input === null) break;
        const typing = Math.min(TYPING_SECONDS, command.timeoutSeconds / 2);
        [...input].forEach((digit, i) => this.later(typing * (i + 1), { type: 'dtmf', digit }));
        break;
      }
      case 'ring':
        for (const leg of command.legs) {
          this.legTargets.set(leg.legId, leg.target);
          this.ringLeg(leg);
        }
        break;
      case 'forward':
        this.legTargets.set(command.leg.legId, command.leg.target);
        this.ringLeg(command.leg);
        break;
      case 'cancelLegs':
        for (const legId of command.legIds) this.callOff(legId);
        break;
      case 'bridge': {
        const target = this.legTargets.get(command.legId);
        if (target?.kind === 'agent') this.bridged.add(target.agent);
        this.later(
          this.scenario.talkSeconds,
          { type: 'bridge.ended', legId: command.legId },
          `bridge:${command.legId}`,
        );
        break;
      }
      case 'recordVoicemail': {
        const seconds = Math.min(command.maxSeconds, this.scenario.caller.messageSeconds);
        this.later(seconds, {
          type: 'voicemail.recorded',
          recordingId: command.recordingId,
          seconds,
          file: `voicemail/${command.mailbox}/${command.recordingId}.wav`,
        });
        break;
      }
      case 'hangup':
        this.over = true;
        break;
      case 'startRecording':
        // A caller who refuses to be recorded presses the opt-out key as soon as the notice starts.
        if (this.scenario.caller.optOutOfRecording && command.optOutDigit !== null) {
          this.later(TYPING_SECONDS, { type: 'dtmf', digit: command.optOutDigit });
        }
        break;
      case 'answer':
      case 'stopRecording':
        break;
    }
  }

  /** The agent hung up: they are free again. */
  bridgeEnded(legId: string): void {
    const target = this.legTargets.get(legId);
    if (target?.kind === 'agent') this.bridged.delete(target.agent);
  }
}
