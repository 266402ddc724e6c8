import type { ConformanceReport } from '../../src/conformance/run.js';
import type { LogEntry, RuntimeLogger } from '../../src/runtime/logger.js';
import type { ConformanceLab } from './lab.js';

/*
 * What the conformance tests on the real Asterisk check besides the kit's own verdict.
 */

/**
 * How much longer than the simulator a call may last on the lab: a PBX in real time adds its
 * latencies (media start, a key's way through Asterisk, an answer), and a prompt lasts longer when
 * the machine is busy (Asterisk paces playback on its timer). A call may never be shorter (beyond
 * rounding): that would be a prompt, a wait or a conversation cut short.
 */
export const TIME_SLACK = { shorterSeconds: 2, longerSeconds: 3, longerRatio: 0.15 } as const;

/** The cases whose times are out of {@link TIME_SLACK}, as readable lines. */
export function timeDrifts(report: ConformanceReport): string[] {
  const lines: string[] = [];
  for (const item of report.cases) {
    if (item.actual === null) continue;
    for (const field of ['waitSeconds', 'durationSeconds'] as const) {
      const expected = item.expected[field];
      const drift = item.actual[field] - expected;
      const longest = TIME_SLACK.longerSeconds + TIME_SLACK.longerRatio * expected;
      if (drift < -TIME_SLACK.shorterSeconds || drift > longest) {
        lines.push(
          `${item.example} / ${item.scenario}: ${field} ${item.actual[field]} s, the simulator says ${expected} s`,
        );
      }
    }
  }
  return lines;
}

/** The largest difference of a call's length with the simulator's, for the test's message. */
export function largestDrift(report: ConformanceReport): string {
  let worst = { seconds: 0, where: 'none' };
  for (const item of report.cases) {
    if (item.actual === null) continue;
    const drift = item.actual.durationSeconds - item.expected.durationSeconds;
    if (Math.abs(drift) > Math.abs(worst.seconds))
      worst = { seconds: drift, where: `${item.example} / ${item.scenario}` };
  }
  return `${worst.seconds >= 0 ? '+' : ''}${worst.seconds} s (${worst.where})`;
}

/**
 * Waits until Asterisk has no channel and no bridge left (hang-ups take a moment to complete) and
 * returns what is still there after `timeoutMs`.
 */
export async function leftoversAfter(lab: ConformanceLab, timeoutMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let left = await lab.leftovers();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = await lab.leftovers();
  }
  return left;
}

/** Keeps the runtime's log lines of a run, to show what the failing calls did. */
export function createCallLog(): { readonly logger: RuntimeLogger; traceOf(callId: string): string[] } {
  const entries: LogEntry[] = [];
  return {
    logger: (entry) => {
      if (entry.event === 'call.command' || entry.event === 'call.event') entries.push(entry);
    },
    traceOf(callId) {
      const own = entries.filter((entry) => entry.callId === callId);
      const start = own.length > 0 ? Date.parse(own[0]!.time) : 0;
      return own.map((entry) => {
        const item = (entry.command ?? entry.engineEvent) as { type: string; [field: string]: unknown };
        const { type, sound: _sound, music: _music, legs, ...rest } = item;
        const fields = Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`);
        if (Array.isArray(legs))
          fields.push(`legs=${legs.map((leg: { legId: string }) => leg.legId).join(',')}`);
        const at = ((Date.parse(entry.time) - start) / 1000).toFixed(2).padStart(7);
        return `${at} ${entry.event === 'call.command' ? '>' : '<'} ${type} ${fields.join(' ')}`.trimEnd();
      });
    },
  };
}

/** The report's text, with the trace of each failing call (what the engine asked, what Asterisk said). */
export function reportWithTraces(report: ConformanceReport, log: ReturnType<typeof createCallLog>): string {
  const traces = report.cases
    .filter((item) => !item.ok && item.actual !== null)
    .map(
      (item) =>
        `\nTrace of ${item.example} / ${item.scenario} (s from the start):\n${log.traceOf(item.actual!.callId).join('\n')}`,
    );
  return `${report.text}${traces.join('\n')}`;
}
