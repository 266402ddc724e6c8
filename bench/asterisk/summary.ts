import { quantile } from '../stats.js';
import type { AsteriskLoadReport } from './load.js';
import { mean, robustSlope, type MemorySample } from './samplers.js';

/*
 * The figures of a load report and the verdicts they are held to: no record lost, nothing left on
 * Asterisk, memory flat once the load is steady.
 */

/**
 * Heap growth per call handled, in steady state, above which memory is not flat (bytes). Anything
 * a call could leave behind (a call entry, a session, a record, an ARI event) weighs more.
 */
export const HEAP_GROWTH_PER_CALL_LIMIT = 1024;

/** The shortest run whose memory is held to being flat: a minute of warm-up, then two of steady load. */
export const MEMORY_VERDICT_MIN_SECONDS = 180;

/** A memory series (bytes): mean of its first and last windows, and its steady-state slope. */
export interface MemoryTrend {
  readonly first: number;
  readonly last: number;
  /** Theil–Sen slope over the samples after the first window, bytes per minute. */
  readonly slopePerMinute: number;
}

/** What a load report comes to. */
export interface LoadSummary {
  /** Length of the first and last memory windows, seconds. */
  readonly windowSeconds: number;
  /** Ringflow calls handled per minute during the load (load calls and ringflow probes). */
  readonly callsPerMinute: number;
  readonly heap: MemoryTrend;
  readonly rss: MemoryTrend;
  readonly asteriskRss: MemoryTrend | null;
  /** Heap slope divided by the call rate: what each call would leave behind, bytes. */
  readonly heapGrowthPerCall: number;
  readonly latency: {
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    readonly fromAsteriskP50: number;
    readonly fromAsteriskP99: number;
    readonly commandP50: number;
    readonly commandP99: number;
    readonly createdP50: number;
  };
  /** Every ARI request of the bench process (adapter and phones): time to the answer's headers, ms. */
  readonly ariResponse: { readonly p50: number; readonly p99: number };
  readonly bridge: {
    readonly ringflowP50: number;
    readonly ringflowP95: number;
    readonly nativeP50: number;
    readonly nativeP95: number;
  };
  /** Largest event-loop block of the memory sampler's forced collections, ms. */
  readonly maxGcMs: number;
  /** Mean 1-minute load average of the machine over the samples. */
  readonly meanLoadAverage: number;
  readonly verdicts: {
    readonly noRecordLost: boolean;
    readonly recordsAsExpected: boolean;
    /** Every originate succeeded (a failure is the test's, not ringflow's, but spoils the run). */
    readonly allCallsPlaced: boolean;
    /** No channel or bridge left at the end, and no call the bench had to hang up itself. */
    readonly nothingLeft: boolean;
    /**
     * Steady-state heap growth per call within the limit; null for a run shorter than
     * {@link MEMORY_VERDICT_MIN_SECONDS}, whose samples are mostly warm-up (compiled code, caches).
     */
    readonly heapFlat: boolean | null;
  };
}

const q = (values: readonly number[], p: number) => (values.length === 0 ? Number.NaN : quantile(values, p));

/**
 * A series' trend: the first and last `window` samples, and the slope of the samples after the
 * first window (steady load). Null when the series has no value.
 */
function trend(
  samples: readonly MemorySample[],
  pick: (s: MemorySample) => number | null,
  window: number,
): MemoryTrend | null {
  const points = samples.flatMap((s) => {
    const y = pick(s);
    return y === null ? [] : [{ x: s.atSeconds, y }];
  });
  if (points.length === 0) return null;
  const steady = points.slice(window);
  return {
    first: mean(points.slice(0, window).map((p) => p.y)),
    last: mean(points.slice(-window).map((p) => p.y)),
    slopePerMinute: robustSlope(steady.length >= 2 ? steady : points) * 60,
  };
}

/** Derives the figures and verdicts of a load report. */
export function summarizeLoad(report: AsteriskLoadReport): LoadSummary {
  const { samples } = report.memory;
  const { durationSeconds, sampleEverySeconds } = report.settings;
  // A minute at each end of a long run; a third of a short one, so that the windows do not overlap.
  const windowSeconds = Math.min(60, durationSeconds / 3);
  const window = Math.max(1, Math.round(windowSeconds / sampleEverySeconds));
  const heap = trend(samples, (s) => s.heapUsed, window) ?? {
    first: Number.NaN,
    last: Number.NaN,
    slopePerMinute: 0,
  };
  const rss = trend(samples, (s) => s.rss, window) ?? {
    first: Number.NaN,
    last: Number.NaN,
    slopePerMinute: 0,
  };
  const asteriskRss = trend(samples, (s) => s.asteriskRss, window);
  const handled = report.calls.placed + report.calls.ringflowProbes;
  const callsPerMinute = handled / (report.cpu.loadSeconds / 60);
  const heapGrowthPerCall = callsPerMinute > 0 ? heap.slopePerMinute / callsPerMinute : 0;
  const { records, calls, leftovers, latency, bridge } = report;
  return {
    windowSeconds,
    callsPerMinute,
    heap,
    rss,
    asteriskRss,
    heapGrowthPerCall,
    latency: {
      p50: q(latency.sent, 0.5),
      p99: q(latency.sent, 0.99),
      max: latency.sent.length === 0 ? Number.NaN : Math.max(...latency.sent),
      fromAsteriskP50: q(latency.fromAsterisk, 0.5),
      fromAsteriskP99: q(latency.fromAsterisk, 0.99),
      commandP50: q(latency.command, 0.5),
      commandP99: q(latency.command, 0.99),
      createdP50: q(latency.created, 0.5),
    },
    ariResponse: { p50: q(report.ariRequests.responseMs, 0.5), p99: q(report.ariRequests.responseMs, 0.99) },
    bridge: {
      ringflowP50: q(bridge.ringflow, 0.5),
      ringflowP95: q(bridge.ringflow, 0.95),
      nativeP50: q(bridge.native, 0.5),
      nativeP95: q(bridge.native, 0.95),
    },
    maxGcMs: Math.max(0, ...samples.map((s) => s.gcMs)),
    meanLoadAverage: mean(samples.map((s) => s.loadAverage)),
    verdicts: {
      noRecordLost: records.lost === 0 && records.damaged === 0,
      recordsAsExpected: records.unexpected === 0 && records.duplicates === 0 && records.extra === 0,
      allCallsPlaced: calls.placeFailures === 0,
      // A call the bench had to hang up would have stayed on Asterisk: it counts as left behind.
      nothingLeft:
        leftovers.channels.length === 0 && leftovers.bridges.length === 0 && calls.stuck.length === 0,
      heapFlat:
        durationSeconds < MEMORY_VERDICT_MIN_SECONDS
          ? null
          : samples.length > window + 1 && heapGrowthPerCall <= HEAP_GROWTH_PER_CALL_LIMIT,
    },
  };
}
