import {
  compileFlow,
  createCallSession,
  type AgentDirectory,
  type CallSession,
  type Clock,
  type EngineCommand,
} from '@ringflow/flow-core';
import { loadExample } from './examples.js';

/*
 * Run by the engine suite as `node --expose-gc --import tsx memory-child.ts COUNT`, in a process of
 * its own so that nothing else lives on its heap. Starts COUNT calls on the Ringover standard and
 * leaves each one waiting where a real call waits longest: the caller chose sales (key 1), the
 * announcement played, and three sales agents are ringing with the ring timer pending. Prints one
 * JSON line: the heap used before and after (each after full collections), and what the calls did.
 */

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count <= 0) throw new Error('usage: memory-child.ts COUNT');

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('memory-child.ts needs node --expose-gc');

const compiled = compileFlow(loadExample('ringover-standard'));
const at = Date.parse('2026-11-24T10:00:00+01:00');
/**
 * The host's clock, as a real host keeps it: one handle per pending timer, dropped when cleared.
 * Time stands still while the calls are measured. (VirtualClock is the simulator's clock: its
 * ordered array keeps cleared timers until their time and inserts in O(n), which takes minutes
 * for 100,000 calls at once.)
 */
class HostClock implements Clock {
  readonly pending = new Set<{ at: number; callback: () => void }>();
  now(): number {
    return at;
  }
  setTimer(when: number, callback: () => void): unknown {
    const handle = { at: when, callback };
    this.pending.add(handle);
    return handle;
  }
  clearTimer(handle: unknown): void {
    this.pending.delete(handle as { at: number; callback: () => void });
  }
}

// One clock and one agent directory for the whole host, as in a real process.
const clock = new HostClock();
const directory: AgentDirectory = { presence: () => 'available' };

let ringingLegs = 0;

/** Starts a call and answers the PBX's part until it rings the sales group; returns its session. */
function startRingingCall(index: number): CallSession {
  const commands: EngineCommand[] = [];
  const session = createCallSession(compiled, {
    call: {
      callId: `call-${index}`,
      from: `+336${String(10_000_000 + index).slice(-8)}`,
      to: '+33478000000',
      startedAt: at,
    },
    clock,
    directory,
    onCommand: (command) => commands.push(command),
  });
  // Plays the PBX: every prompt (recording notice, welcome, menu, announcement) plays to its end,
  // the caller types 1 (sales) when asked, until the engine rings the group.
  let rung = 0;
  session.send({ type: 'call.started' });
  for (let step = 0; step < 20; step++) {
    const batch = commands.splice(0);
    const ring = batch.find((c) => c.type === 'ring');
    if (ring !== undefined && ring.type === 'ring') {
      rung = ring.legs.length;
      for (const leg of ring.legs) session.send({ type: 'leg.ringing', legId: leg.legId });
      break;
    }
    if (batch.some((c) => c.type === 'collectDigits')) session.send({ type: 'dtmf', digit: '1' });
    for (const c of batch)
      if (c.type === 'play') session.send({ type: 'playback.finished', playbackId: c.playbackId });
    if (commands.length === 0) throw new Error('memory bench: the call stopped before the group rang');
  }
  if (session.ended || rung === 0) throw new Error('memory bench: the sales group did not ring');
  ringingLegs = rung;
  return session;
}

function heapUsed(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

// Warm up: the code is compiled and every lazy cache (schedules, member lists) filled. These calls
// stay in the baseline (their pending timers hold them), so they do not count.
for (let i = 0; i < 200; i++) startRingingCall(i);

const warmTimers = clock.pending.size;
const before = heapUsed();
const sessions: CallSession[] = new Array<CallSession>(count);
for (let i = 0; i < count; i++) sessions[i] = startRingingCall(i);
const after = heapUsed();

process.stdout.write(
  `${JSON.stringify({
    count,
    before,
    after,
    bytesPerSession: (after - before) / count,
    live: sessions.filter((s) => !s.ended).length,
    ringingLegs,
    pendingTimers: clock.pending.size - warmTimers,
    snapshotBytes: JSON.stringify(sessions[0]!.snapshot()).length,
  })}\n`,
);
