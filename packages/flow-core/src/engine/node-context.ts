import type { SoundRef, UnavailabilityReason } from '../document/primitives.js';
import type { FlowDocument } from '../document/schema.js';
import type { ScheduleDecision } from '../schedule/index.js';
import type { CompiledFlowData, ExpandedMember } from './flow-data.js';
import type { Json, SessionState } from './state.js';
import type {
  AgentDirectory,
  AgentPresence,
  CallInfo,
  EngineCommand,
  LegFailure,
  LegRecord,
  LegStatus,
  LegTarget,
  MissedReason,
  ResolvedSound,
} from './types.js';

/** Statuses of a leg that was not rung, by the reason it was skipped. */
export const SKIP_STATUS: Readonly<Record<UnavailabilityReason, LegStatus>> = {
  offline: 'NOT_CONNECTED',
  snooze: 'SNOOZE',
  outOfPlanning: 'PLANNING',
  inCall: 'INCALL',
};

/** The leg status for each way a leg can fail. */
export const FAILURE_STATUS: Readonly<Record<LegFailure, LegStatus>> = {
  busy: 'INCALL',
  noAnswer: 'NO_ANSWER',
  rejected: 'REJECTED',
  unreachable: 'ERROR',
};

/**
 * What a node kind's runtime sees and does during one step of a call: it reads the call, the flow
 * and the agents; it asks for commands, timers, records and an exit port. Nothing here touches the
 * outside world: the session executes what the step collected (STYLE 6, resolve then execute).
 */
export class NodeContext<Config = unknown> {
  /** The port the node exits through, set by `exit`. */
  exitPort: string | null = null;
  /** True when the node ended the call (`hangup`). */
  hungUp = false;

  constructor(
    readonly nodeId: string,
    readonly config: Config,
    private readonly session: SessionState,
    private readonly data: CompiledFlowData,
    private readonly directory: AgentDirectory,
    /** Epoch ms of this step. */
    readonly now: number,
  ) {}

  /** The kind's own state for this visit of the node. */
  get state(): { [key: string]: Json } {
    return this.session.nodeState;
  }

  get call(): CallInfo {
    return this.session.call;
  }

  get flow(): FlowDocument {
    return this.data.flow;
  }

  /** The caller's channel is answered. */
  get channelAnswered(): boolean {
    return this.session.channelAnswered;
  }

  /** The agent who last took the call, if any. */
  get lastAgent(): string | null {
    return this.session.lastAgent;
  }

  /** Seconds between `since` (epoch ms) and now. */
  secondsSince(since: number): number {
    return Math.round((this.now - since) / 1000);
  }

  /** A new id, unique within the call and the same on every run of the same call. */
  newId(prefix: string): string {
    return `${prefix}${++this.session.seq}`;
  }

  // Reading the flow and the agents.

  sound(ref: SoundRef): ResolvedSound {
    return this.data.resolveSound(ref);
  }

  /** Agents (groups expanded, in order, without duplicates) and external numbers. */
  members(
    list: ReadonlyArray<{ agent: string } | { group: string } | { number: string; label?: string }>,
  ): ExpandedMember[] {
    return this.data.expandMembers(list);
  }

  presence(agentId: string): AgentPresence {
    return this.directory.presence(agentId, this.now);
  }

  /** False when the agent has a planning and is outside it now. */
  inPlanning(agentId: string): boolean {
    const planning = this.data.plannings.get(agentId);
    return planning === undefined || planning.at(this.now).status === 'open';
  }

  /** Why an agent cannot take a call now, among `reasons`; null when available. */
  unavailability(agentId: string, reasons: readonly UnavailabilityReason[]): UnavailabilityReason | null {
    const presence = this.presence(agentId);
    if (presence === 'offline' && reasons.includes('offline')) return 'offline';
    if (presence === 'snooze' && reasons.includes('snooze')) return 'snooze';
    if (reasons.includes('outOfPlanning') && !this.inPlanning(agentId)) return 'outOfPlanning';
    if (presence === 'inCall' && reasons.includes('inCall')) return 'inCall';
    return null;
  }

  schedule(id: string): ScheduleDecision {
    return this.data.schedules.get(id)!.at(this.now);
  }

  // Commands.

  private emit(command: EngineCommand): void {
    this.session.outbox.push(command);
  }

  /** Answers the caller's channel, once. */
  answer(): void {
    if (this.session.channelAnswered) return;
    this.session.channelAnswered = true;
    this.emit({ type: 'answer' });
    this.log('call.channelAnswered');
  }

  /** Plays a sound; returns its playback id (reported by `playback.finished`). */
  play(ref: SoundRef | ResolvedSound): string {
    const playbackId = this.newId('pb');
    const sound = typeof ref === 'object' && 'kind' in ref ? ref : this.sound(ref as SoundRef);
    this.emit({ type: 'play', playbackId, sound, early: !this.session.channelAnswered });
    return playbackId;
  }

  stopPlayback(playbackId: string): void {
    this.emit({ type: 'stopPlayback', playbackId });
  }

  collectDigits(timeoutSeconds: number): void {
    this.emit({ type: 'collectDigits', maxDigits: 1, timeoutSeconds });
  }

  /** Rings targets at once; returns their leg ids, in order. */
  ring(targets: readonly LegTarget[], timeoutSeconds: number, music: SoundRef | undefined): string[] {
    const legs = targets.map((target) => ({
      legId: this.newId('leg'),
      target,
      timeoutSeconds,
      callerId: this.call.from,
    }));
    for (const leg of legs) {
      this.session.legStates[leg.legId] = {
        node: this.nodeId,
        target: leg.target,
        startedAt: this.now,
        phase: 'ringing',
      };
    }
    this.emit({ type: 'ring', legs, music: music === undefined ? null : this.sound(music) });
    return legs.map((leg) => leg.legId);
  }

  /** Calls an external number for a forward; returns the leg id. */
  forward(number: string, timeoutSeconds: number, callerId: 'caller' | 'flow'): string {
    const legId = this.newId('leg');
    const target: LegTarget = { kind: 'number', number };
    this.session.legStates[legId] = { node: this.nodeId, target, startedAt: this.now, phase: 'ringing' };
    this.emit({
      type: 'forward',
      leg: { legId, target, timeoutSeconds, callerId: callerId === 'caller' ? this.call.from : this.call.to },
    });
    return legId;
  }

  /** The leg's session record, if the leg exists. */
  leg(
    legId: string,
  ): { target: LegTarget; startedAt: number; phase: 'ringing' | 'bridged' | 'closed' } | undefined {
    return this.session.legStates[legId];
  }

  /** Ends ringing legs, recording each with `status`. */
  cancelLegs(
    legIds: readonly string[],
    reason: 'answeredElsewhere' | 'timeout' | 'tooLate' | 'flowEnded',
    status: LegStatus,
  ): void {
    const open = legIds.filter((id) => this.session.legStates[id]?.phase === 'ringing');
    if (open.length === 0) return;
    for (const id of open) this.closeLeg(id, status);
    this.emit({ type: 'cancelLegs', legIds: open, reason });
  }

  /**
   * The status of a leg that failed: a phone that is busy or unreachable because its agent is on
   * do-not-disturb or disconnected reads as SNOOZE or NOT_CONNECTED, as in the call logs admins know.
   */
  failureStatus(legId: string, reason: LegFailure): LegStatus {
    const target = this.session.legStates[legId]?.target;
    if (target?.kind === 'agent' && (reason === 'busy' || reason === 'unreachable')) {
      const presence = this.presence(target.agent);
      if (presence === 'snooze') return 'SNOOZE';
      if (presence === 'offline') return 'NOT_CONNECTED';
      if (presence === 'inCall') return 'INCALL';
    }
    return FAILURE_STATUS[reason];
  }

  /** Records the end of a leg that failed or was cancelled (its last word). */
  closeLeg(legId: string, status: LegStatus): void {
    const leg = this.session.legStates[legId];
    if (leg === undefined || leg.phase === 'closed') return;
    leg.phase = 'closed';
    leg.record = this.recordLeg(leg.target, status, this.secondsSince(leg.startedAt));
  }

  /**
   * The leg was answered after it had been closed (the call was taken elsewhere, or its ring time
   * ran out): its record becomes TOOLATE, and the leg is hung up.
   */
  tooLate(legId: string): void {
    const leg = this.session.legStates[legId];
    if (leg === undefined) return;
    const late = {
      ...(leg.record !== undefined ? this.session.legs[leg.record] : { node: leg.node }),
      status: 'TOOLATE' as const,
    };
    if (leg.record !== undefined) this.session.legs[leg.record] = late as LegRecord;
    else leg.record = this.session.legs.push(late as LegRecord) - 1;
    // Logged under the leg's own node, which the call may have left since.
    const who = leg.target.kind === 'agent' ? { agent: leg.target.agent } : { number: leg.target.number };
    this.session.events.push({ at: this.now, type: 'leg.status', node: leg.node, ...who, status: 'TOOLATE' });
    this.emit({ type: 'cancelLegs', legIds: [legId], reason: 'tooLate' });
  }

  /** Connects the caller with an answered leg, answering the caller's channel first. */
  bridge(legId: string, how: 'agent' | 'forward'): void {
    const leg = this.session.legStates[legId]!;
    leg.phase = 'bridged';
    this.answer();
    this.emit({ type: 'bridge', legId });
    const by = leg.target.kind === 'agent' ? leg.target.agent : leg.target.number;
    leg.record = this.recordLeg(leg.target, 'ANSWERED', this.secondsSince(leg.startedAt));
    if (this.session.answeredBy === null) {
      this.session.answeredBy = by;
      this.session.answeredAt = this.now;
      this.session.answeredHow = how;
    }
    if (leg.target.kind === 'agent') this.session.lastAgent = leg.target.agent;
    this.log('bridge.started', { legId, with: by });
  }

  /** The bridged leg's conversation is over. */
  bridgeEnded(legId: string): void {
    const leg = this.session.legStates[legId];
    if (leg) leg.phase = 'closed';
    this.log('bridge.ended', { legId });
  }

  recordVoicemail(mailbox: string, maxSeconds: number): string {
    const recordingId = this.newId('vm');
    this.answer();
    this.emit({ type: 'recordVoicemail', recordingId, mailbox, maxSeconds });
    return recordingId;
  }

  // Timers.

  /** Starts (or restarts) a timer of this node; it comes back as a `timer` event with its name. */
  setTimer(name: string, seconds: number): void {
    this.session.timers[name] = this.now + seconds * 1000;
  }

  clearTimer(name: string): void {
    delete this.session.timers[name];
  }

  // Records.

  /** Adds a leg to the call log; returns its index there. */
  recordLeg(target: LegTarget, status: LegStatus, ringSeconds?: number): number {
    const record: LegRecord = {
      node: this.nodeId,
      ...(target.kind === 'agent' ? { agent: target.agent } : { number: target.number }),
      status,
      // Skipped members never rang: only legs that rang say for how long.
      ...(ringSeconds !== undefined ? { ringSeconds } : {}),
    };
    const index = this.session.legs.push(record) - 1;
    this.log('leg.status', {
      ...(record.agent ? { agent: record.agent } : { number: record.number }),
      status,
    });
    return index;
  }

  recordPoll(poll: string, question: string, value: number): void {
    this.session.polls.push({ poll, question, value, agent: this.session.lastAgent });
    this.log('poll.answered', { poll, question, value });
  }

  voicemailLeft(mailbox: string, seconds: number, file?: string): void {
    this.session.voicemail = { mailbox, seconds, ...(file ? { file } : {}) };
    this.log('voicemail.recorded', { mailbox, seconds });
  }

  /**
   * The flow tries again to reach someone (a ring group, a forward): an earlier reason no longer
   * explains the call if it ends now; a caller who hangs up meanwhile has abandoned it.
   */
  tryingToReach(): void {
    this.session.missedReason = null;
  }

  /** Notes why the call may end without an answer; a later answer wins over it. */
  missed(reason: MissedReason): void {
    this.session.missedReason = reason;
  }

  /** Adds a line to the call's event log. */
  log(type: string, details: Record<string, unknown> = {}): void {
    this.session.events.push({ at: this.now, type, node: this.nodeId, ...details });
  }

  // Leaving the node.

  /** Leaves the node through `port`. */
  exit(port: string): void {
    this.exitPort = port;
  }

  /** Ends the call from the flow's side. */
  hangup(): void {
    this.hungUp = true;
  }
}
