import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../scripts/asterisk/instance.js';
import { runConformance, type AdapterFactory } from '../../src/conformance/run.js';
import { loadConformanceWorld, type ConformanceWorld } from '../../src/conformance/world.js';
import { EXAMPLES } from '../runtime-fixtures.js';
import { localChannelDriver, localEndpointOf } from './local-driver.js';
import { createCallLog, largestDrift, leftoversAfter, reportWithTraces, timeDrifts } from './report.js';
import type { PhoneBehaviour } from './scenario-pbx.js';
import { sippCallersRunning } from './sipp-caller.js';
import { sippDriver, startSippLab, type SippLab } from './sipp-driver.js';
import { sippEndpointOf } from './sipp-phones.js';

/*
 * The conformance kit of the runtime against a real Asterisk 22 (the lab chroot of scripts/asterisk):
 * every scenario of every example, side by side on one Asterisk, must give the record flow-core's
 * simulator computes (outcome, answeredBy, missedReason, path, leg statuses, polls), with calls no
 * shorter than the simulator's and not much longer. Twice: with every party a Local channel
 * (local-driver.ts), and with real SIP calls, sipp as the caller (RTP, RFC 4733 keys) and as the
 * agents' phones (sipp-driver.ts). Both runs, and a run of each with a deliberately wrong PBX that
 * must fail readably, go at the same time (about 4 minutes).
 * Ports: Asterisk HTTP 18300, SIP 15300; SIP phones 16300-16339, SIP callers 16340-16399.
 */

/** The longest example scenario lasts about 230 s; the kit gives up on one after this. */
const CASE_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 420_000;

let world: ConformanceWorld;
let sipp: SippLab;

beforeAll(async () => {
  // A fresh machine gets the chroot here (about a minute); afterwards this is a fast no-op.
  execFileSync('bash', [join(REPO_ROOT, 'scripts/asterisk/install.sh')], { stdio: 'pipe' });
  world = await loadConformanceWorld(EXAMPLES);
  sipp = await startSippLab(world, {
    name: 'conformance',
    httpPort: 18300,
    sipPort: 15300,
    phonePorts: [16300, 16339],
    callerPorts: [16340, 16399],
  });
}, 180_000);

afterAll(async () => {
  await sipp?.close();
  expect(sipp?.lab.asterisk.running ?? false).toBe(false);
  expect(sipp?.phones.filter((phone) => phone.running).map((phone) => phone.id) ?? []).toEqual([]);
}, 30_000);

/** Runs the kit on every scenario and expects each to match the simulator. */
async function expectConformance(createAdapter: AdapterFactory): Promise<void> {
  const log = createCallLog();
  const report = await runConformance(createAdapter, world, {
    concurrency: 44,
    caseTimeoutMs: CASE_TIMEOUT_MS,
    logger: log.logger,
  });
  expect(report.ok, reportWithTraces(report, log)).toBe(true);
  expect(report.passed).toBe(44);
  const drifts = timeDrifts(report);
  expect(
    drifts,
    `call lengths out of bounds (largest drift ${largestDrift(report)}):\n${drifts.join('\n')}`,
  ).toEqual([]);
}

/** Wrong on purpose: a phone that should decline lets it ring instead. */
const ringsOn = (behaviour: PhoneBehaviour): PhoneBehaviour =>
  behaviour.kind === 'reject' ? { kind: 'never' } : behaviour;

/** Runs the kit on one scenario with a wrong PBX and expects the readable difference. */
async function expectReadableDifference(createAdapter: AdapterFactory, adapter: string): Promise<void> {
  const report = await runConformance(createAdapter, world, {
    caseTimeoutMs: CASE_TIMEOUT_MS,
    filter: (example, scenario) =>
      example === 'onoff-greeting' && scenario === 'first-agent-declines-second-answers',
  });
  expect(report).toMatchObject({ ok: false, passed: 0, failed: 1 });
  expect(report.text).toContain(
    [
      `Conformance of adapter "${adapter}": 1 of 1 scenarios differ from the simulator.`,
      '',
      'FAIL onoff-greeting / first-agent-declines-second-answers',
      '  legs differ (- simulator, + adapter):',
      '    - boucle-appel lea REJECTED',
      '    + boucle-appel lea NO_ANSWER',
      '      boucle-appel hugo ANSWERED',
    ].join('\n'),
  );
}

describe.concurrent('the conformance kit on a real Asterisk', () => {
  it(
    'with Local channels: every scenario of every example gives the record the simulator computes',
    () => expectConformance(localChannelDriver(sipp.lab)),
    RUN_TIMEOUT_MS,
  );

  it(
    'with SIP calls from sipp: every scenario of every example gives the record the simulator computes',
    () => expectConformance(sippDriver(sipp)),
    RUN_TIMEOUT_MS,
  );

  it(
    'with Local channels: a PBX that does not play the scenario gets a readable difference',
    () =>
      expectReadableDifference(
        localChannelDriver(sipp.lab, { endpointOf: (behaviour) => localEndpointOf(ringsOn(behaviour)) }),
        'asterisk-ari (Local channels)',
      ),
    CASE_TIMEOUT_MS,
  );

  it(
    'with SIP calls from sipp: a PBX that does not play the scenario gets a readable difference',
    () =>
      expectReadableDifference(
        sippDriver(sipp, { endpointOf: (behaviour) => sippEndpointOf(ringsOn(behaviour)) }),
        'asterisk-ari (SIP calls)',
      ),
    CASE_TIMEOUT_MS,
  );
});

describe('after the calls', () => {
  it('leaves no channel and no bridge on Asterisk, and no sipp caller running', async () => {
    expect(await leftoversAfter(sipp.lab)).toEqual([]);
    expect(sippCallersRunning()).toBe(0);
  });
});
