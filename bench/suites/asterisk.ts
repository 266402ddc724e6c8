import { RING_SECONDS } from '../asterisk/flows.js';
import { runAsteriskLoad, type AsteriskLoadReport } from '../asterisk/load.js';
import {
  HEAP_GROWTH_PER_CALL_LIMIT,
  MEMORY_VERDICT_MIN_SECONDS,
  summarizeLoad,
} from '../asterisk/summary.js';
import type { BenchMetric, SuiteResult } from '../types.js';

/*
 * The runtime and the ARI adapter under load on a real Asterisk 22 (the lab chroot of
 * scripts/asterisk; needs root and `npm run asterisk:install`): 100 calls kept in progress for
 * 5 minutes, then records, leftovers and memory checked. Side by side in the same run, the time to
 * bridge an agent through ringflow and through the same ring group in native dialplan.
 * Environment: RINGFLOW_LOAD_SECONDS (300), RINGFLOW_LOAD_CALLS (100), RINGFLOW_LOAD_TALK_SECONDS (20).
 */

/** Ports of the bench's Asterisk (this suite's range is HTTP 18500-18549, SIP 15500-15549). */
const HTTP_PORT = 18500;
const SIP_PORT = 15500;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
const kib = (bytes: number) => round(bytes / 1024, 1);

export async function run(): Promise<SuiteResult> {
  const report = await runAsteriskLoad({
    name: 'bench-asterisk-load',
    httpPort: HTTP_PORT,
    sipPort: SIP_PORT,
    calls: envNumber('RINGFLOW_LOAD_CALLS', 100),
    durationSeconds: envNumber('RINGFLOW_LOAD_SECONDS', 300),
    talkSeconds: envNumber('RINGFLOW_LOAD_TALK_SECONDS', 20),
    progress: (line) => process.stdout.write(`  asterisk: ${line}\n`),
  });
  return toSuiteResult(report);
}

/** The bench's table and notes for a load report. */
export function toSuiteResult(report: AsteriskLoadReport): SuiteResult {
  const s = summarizeLoad(report);
  const { settings, calls, records, leftovers, latency, bridge, memory, cpu } = report;
  const window = s.windowSeconds === 60 ? 'minute' : `${round(s.windowSeconds, 0)} s`;
  const metrics: BenchMetric[] = [
    {
      name: `calls placed, ${settings.calls} kept in progress for ${settings.durationSeconds} s`,
      value: calls.placed,
      unit: 'calls',
    },
    {
      name: 'calls in progress in the runtime, lowest after the ramp (sampled every second)',
      value: calls.inProgress.min,
      unit: 'calls',
    },
    {
      name: 'records lost (calls placed without their record)',
      value: records.lost + records.damaged,
      unit: 'records',
      target: '0',
      pass: s.verdicts.noRecordLost,
    },
    {
      name: 'records not as expected (outcome, adapter errors, duplicates)',
      value: records.unexpected + records.duplicates + records.extra,
      unit: 'records',
      target: '0',
      pass: s.verdicts.recordsAsExpected,
    },
    {
      name: 'calls that could not be placed (originate failed)',
      value: calls.placeFailures,
      unit: 'calls',
      target: '0',
      pass: s.verdicts.allCallsPlaced,
    },
    {
      name: 'left behind: calls still up 30 s after they should have ended, channels and bridges on Asterisk at the end',
      value: calls.stuck.length + leftovers.channels.length + leftovers.bridges.length,
      unit: 'calls + channels + bridges',
      target: '0',
      pass: s.verdicts.nothingLeft,
    },
    { name: 'StasisStart to first command sent, p50', value: round(s.latency.p50, 2), unit: 'ms' },
    { name: 'StasisStart to first command sent, p99', value: round(s.latency.p99, 2), unit: 'ms' },
    {
      name: 'bridge time through ringflow, p50 (originate to caller bridged)',
      value: round(s.bridge.ringflowP50),
      unit: 'ms',
    },
    { name: 'bridge time through ringflow, p95', value: round(s.bridge.ringflowP95), unit: 'ms' },
    { name: 'bridge time through native Dial(&), p50', value: round(s.bridge.nativeP50), unit: 'ms' },
    { name: 'bridge time through native Dial(&), p95', value: round(s.bridge.nativeP95), unit: 'ms' },
    {
      name: 'bridge time added by ringflow, p50 (ringflow p50 minus native p50)',
      value: round(s.bridge.ringflowP50 - s.bridge.nativeP50),
      unit: 'ms',
    },
    { name: `heapUsed after GC, first ${window} mean`, value: mib(s.heap.first), unit: 'MiB' },
    { name: `heapUsed after GC, last ${window} mean`, value: mib(s.heap.last), unit: 'MiB' },
    {
      name: `heapUsed slope after the first ${window}, per call handled`,
      value: Math.round(s.heapGrowthPerCall),
      unit: 'bytes/call',
      // A short run (RINGFLOW_LOAD_SECONDS) is mostly warm-up: its slope is shown, not judged.
      ...(s.verdicts.heapFlat === null
        ? {}
        : { target: `≤ ${HEAP_GROWTH_PER_CALL_LIMIT}`, pass: s.verdicts.heapFlat }),
    },
    { name: `heapUsed slope after the first ${window}`, value: kib(s.heap.slopePerMinute), unit: 'KiB/min' },
    { name: `RSS, first ${window} mean`, value: mib(s.rss.first), unit: 'MiB' },
    { name: `RSS, last ${window} mean`, value: mib(s.rss.last), unit: 'MiB' },
  ];
  if (s.asteriskRss !== null) {
    metrics.push(
      { name: `Asterisk RSS, first ${window} mean`, value: mib(s.asteriskRss.first), unit: 'MiB' },
      { name: `Asterisk RSS, last ${window} mean`, value: mib(s.asteriskRss.last), unit: 'MiB' },
      {
        name: `Asterisk RSS slope after the first ${window}`,
        value: kib(s.asteriskRss.slopePerMinute),
        unit: 'KiB/min',
      },
    );
  }
  // A figure that could not be measured (no probe bridged, too few samples) is left out of the
  // table rather than written as NaN; the notes say what was measured.
  const measured = metrics.filter((metric) => Number.isFinite(metric.value));
  const unmeasured = metrics.filter((metric) => !Number.isFinite(metric.value)).map((metric) => metric.name);
  const warnings = Object.entries(report.logs).map(([event, n]) => `${event} ×${n}`);
  const asteriskWarnings = Object.entries(report.asteriskLog)
    .sort((a, b) => b[1] - a[1])
    .map(([line, n]) => `"${line}" ×${n}`);
  const percent = (seconds: number | null) =>
    seconds === null ? 'unknown' : `${round((100 * seconds) / cpu.loadSeconds, 0)} % of one core`;
  return {
    suite: 'asterisk',
    metrics: measured,
    notes: [
      ...(unmeasured.length > 0 ? [`Not measured in this run: ${unmeasured.join('; ')}.`] : []),
      `Setup: one ${report.asteriskVersion} (the lab chroot of scripts/asterisk, started by the suite), the runtime and the ARI adapter in the bench process, records in a JSON Lines sink (fsync 'always', the default). Each call is a Local channel originated into the lab's inbound context (its \`;1\` half, the caller's phone, held by a Stasis app of the bench); the flow answers, plays a 2.8 s prompt (a file), rings three Local agents at once (\`answer-1-hangup-${settings.talkSeconds}\`: rings 1 s, answers, hangs up after ${settings.talkSeconds} s; two \`never\`), bridges the first to answer, and hangs up after the call. ${settings.calls} slots each place a call and place the next as soon as it ends (the first spread over ${settings.rampSeconds} s), for ${settings.durationSeconds} s; the calls in progress then end by themselves. ${calls.placed.toLocaleString('en-US')} load calls and ${calls.ringflowProbes} ringflow probes in ${round(cpu.loadSeconds, 0)} s (${round(s.callsPerMinute, 0)} calls/min); runtime.activeCalls after the ramp: min ${calls.inProgress.min}, mean ${round(calls.inProgress.mean)}, max ${calls.inProgress.max} (the probe in progress included). Wall time of the suite ${round(report.wallSeconds, 0)} s.`,
      `Records: read back with \`readCallRecords\` after the run: ${records.written.toLocaleString('en-US')} records for ${records.expected.toLocaleString('en-US')} calls placed through ringflow, ${records.lost} lost, ${records.damaged} damaged, ${records.duplicates} duplicated, ${records.extra} for calls not placed, ${records.unexpected} not "answered" by the answering agent or with adapter errors${records.problems.length > 0 ? ` (${records.problems.slice(0, 3).join('; ')})` : ''}; mean record ${Math.round(records.meanBytes)} bytes. Originate failures ${calls.placeFailures}${calls.placeErrors.length > 0 ? ` (${calls.placeErrors.slice(0, 2).join('; ')})` : ''}; calls still up 30 s after they should have ended, hung up by the bench (counted as left behind): ${calls.stuck.length}${calls.stuck.length > 0 ? ` (${calls.stuck.slice(0, 5).join(', ')})` : ''}.`,
      `Leftovers: \`GET /channels\` and \`GET /bridges\` once every call had ended and before the runtime's shutdown (which would hang up what is left), polled for up to 10 s: ${leftovers.channels.length} channels, ${leftovers.bridges.length} bridges${leftovers.channels.length + leftovers.bridges.length > 0 ? ` (${[...leftovers.channels, ...leftovers.bridges].slice(0, 3).join('; ')})` : ''}.`,
      `StasisStart to first command: performance.now() when the adapter's \`onEvent\` listener receives a caller's StasisStart (the same turn as the adapter's own handling) to when the headers of the first non-GET ARI request on that channel (\`POST .../answer\`) are written to the socket (undici's \`undici:client:sendHeaders\` diagnostics channel, no wrapper around the client). ${latency.sent.length.toLocaleString('en-US')} calls measured; not measured: ${latency.skippedRamp} calls of the ramp (cold process, burst) and ${latency.skippedGc} held up by the sampler's forced collections. Max ${round(s.latency.max)} ms. Breakdown (p50): engine's first command logged by the runtime ${round(s.latency.commandP50, 2)} ms (p99 ${round(s.latency.commandP99, 1)} ms), request created ${round(s.latency.createdP50, 2)} ms, sent ${round(s.latency.p50, 2)} ms; before handing the call to the runtime the adapter reads the RINGFLOW_TO channel variable with a GET (Asterisk's answer time is in these figures; \`channelvars = RINGFLOW_TO\` in ari.conf would put it in StasisStart). From Asterisk's own StasisStart timestamp (ms, same clock) to sent: p50 ${round(s.latency.fromAsteriskP50, 1)} ms, p99 ${round(s.latency.fromAsteriskP99, 1)} ms.`,
      `Bridge time: one probe at a time during the load (after the ramp), ringflow and native alternately, the same three Local agents (the first answers after 1 s, so about 1,000 ms of each figure is the agent ringing): ringflow = a flow holding only the ring group (simultaneous, ${RING_SECONDS} s), native = the lab's \`[ringflow-native] group-3-…\` extension, \`Dial(Local/…&Local/never&Local/never,20)\`. Measured from just before the originate request to the ChannelVarset of BRIDGEPEER on the caller's channel (Asterisk's bridging core sets it when the caller shares a bridge with the agent, for a Dial() bridge as for an ARI mixing bridge), seen by the bench's phone app subscribed to that channel. ${bridge.ringflow.length} ringflow and ${bridge.native.length} native probes; not bridged within 15 s: ${bridge.timeouts.ringflow} ringflow, ${bridge.timeouts.native} native.`,
      `Memory: every ${settings.sampleEverySeconds} s during the load, heapUsed and RSS of the bench process after full collections (${memory.gc}; the longest blocked the event loop ${round(s.maxGcMs, 0)} ms) and Asterisk's VmRSS (/proc). First and last ${window}: means of the samples in the first and last ${round(s.windowSeconds, 0)} s; slopes: Theil–Sen (the median of the slopes between every two samples, robust to a sample taken while the machine was starved) over the samples after the first ${round(s.windowSeconds, 0)} s (steady load). Per call handled: the heap slope divided by the call rate${s.verdicts.heapFlat === null ? ` (not judged: a run shorter than ${MEMORY_VERDICT_MIN_SECONDS} s is mostly warm-up)` : ''}. Idle heap before the first call ${mib(memory.idleBefore.heapUsed)} MiB, after the last ${mib(memory.idleAfter.heapUsed)} MiB (Asterisk ${memory.idleBefore.asteriskRss === null ? '?' : mib(memory.idleBefore.asteriskRss)} → ${memory.idleAfter.asteriskRss === null ? '?' : mib(memory.idleAfter.asteriskRss)} MiB). The runtime runs with \`rememberEndedCalls: 0\`: its cache of recent records (1,000 by default, bounded) would otherwise fill during most of the run and read as growth (about 1,000 × the record size).`,
      `Machine: CPU used during the load by the bench process (runtime, adapter, phones) ${percent(cpu.nodeSeconds)}, by Asterisk ${percent(cpu.asteriskSeconds)}; 1-minute load average ${cpu.loadAverageBefore[0]?.toFixed(1)} before, ${round(s.meanLoadAverage)} on average during the load, ${cpu.loadAverageAfter[0]?.toFixed(1)} after (other work shared the machine). Event-loop delay of the bench process: p50 ${round(report.eventLoop.p50)} ms, p99 ${round(report.eventLoop.p99)} ms, max ${round(report.eventLoop.max)} ms. HTTP connections to Asterisk (adapter and phones): ${report.ariConnections.opened} opened, at most ${report.ariConnections.peakOpen} open at once; ARI answer time (request created to answer headers, ${report.ariRequests.responseMs.length.toLocaleString('en-US')} requests) p50 ${round(s.ariResponse.p50, 1)} ms, p99 ${round(s.ariResponse.p99, 1)} ms, ${report.ariRequests.failures} failed; slowest: ${report.ariRequests.slowest.map((r) => `${r.request} ${Math.round(r.ms)} ms`).join(', ')}.`,
      `Asterisk tuning for the load (the instance's generated files, before start): \`transmit_silence = no\` (the lab's \`yes\` makes every waiting Local agent generate silence: about 1.2 % of a core per call, more than a core for 100 calls, for frames nobody hears) and \`sessionlimit = 1000\` in http.conf (Asterisk's default 100 HTTP sessions; past it Asterisk resets connections).`,
      `Warnings: runtime and adapter ${warnings.length === 0 ? 'none' : warnings.join(', ')}; Asterisk's log ${asteriskWarnings.length === 0 ? 'none' : asteriskWarnings.slice(0, 6).join(', ')}.`,
    ],
  };
}
