/**
 * The Asterisk load test, short: 100 calls kept in progress for 60 s through a real Asterisk 22
 * (the lab chroot, `npm run asterisk:install`), the runtime and the ARI adapter in this process.
 * Every call placed has exactly one record, answered as the flow says; Asterisk has no channel or
 * bridge left afterwards. `npm run bench -- asterisk` runs the same for 5 minutes and also holds
 * memory to being flat. RINGFLOW_LOAD_TEST_SECONDS / RINGFLOW_LOAD_TEST_CALLS change the length
 * and the load. Ports: HTTP 18501, SIP 15501 (the load suite's range).
 */
import { describe, expect, it } from 'vitest';
import { runAsteriskLoad } from '../../bench/asterisk/load.js';
import { summarizeLoad } from '../../bench/asterisk/summary.js';

const SECONDS = Number(process.env.RINGFLOW_LOAD_TEST_SECONDS ?? 60);
const CALLS = Number(process.env.RINGFLOW_LOAD_TEST_CALLS ?? 100);

describe('ringflow on Asterisk under load', () => {
  it(
    `keeps ${CALLS} calls in progress for ${SECONDS} s with no record lost and nothing left on Asterisk`,
    async () => {
      const report = await runAsteriskLoad({
        name: 'test-asterisk-load',
        httpPort: 18501,
        sipPort: 15501,
        calls: CALLS,
        durationSeconds: SECONDS,
      });
      const summary = summarizeLoad(report);
      const { calls, records, leftovers, latency, bridge } = report;

      // The load was there: every slot busy, the runtime running nearly all of them at any time.
      expect(calls.placeErrors, 'originate requests that failed').toEqual([]);
      expect(calls.stuck, 'calls that did not end by themselves').toEqual([]);
      expect(calls.placed).toBeGreaterThanOrEqual(CALLS);
      expect(calls.inProgress.min, 'calls in progress in the runtime after the ramp').toBeGreaterThanOrEqual(
        Math.floor(CALLS * 0.9),
      );

      // Zero lost: one record per call placed through ringflow, each as the flow says.
      expect(records.problems, 'record problems').toEqual([]);
      expect(records.expected).toBe(calls.placed + calls.ringflowProbes);
      expect(records.written).toBe(records.expected);
      expect(summary.verdicts.noRecordLost && summary.verdicts.recordsAsExpected).toBe(true);

      // Zero left: no channel or bridge on Asterisk once the calls are over.
      expect(leftovers).toEqual({ channels: [], bridges: [] });

      // Every call got its first command; both sides of the bridge-time comparison were measured.
      expect(latency.missing).toBe(0);
      expect(latency.sent.length).toBeGreaterThan(0);
      expect(bridge.timeouts).toEqual({ ringflow: 0, native: 0 });
      expect(bridge.ringflow.length).toBeGreaterThan(0);
      expect(bridge.native.length).toBeGreaterThan(0);
    },
    (SECONDS + 240) * 1000,
  );
});
