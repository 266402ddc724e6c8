import type { FlowDocument } from '../document/schema.js';
import { compileFlow } from '../engine/compile.js';
import { createCallSession, type CallSession } from '../engine/session.js';
import type { CallResult, EngineCommand, EngineEvent } from '../engine/types.js';
import { parseScenario, type ScenarioInput } from './scenario.js';
import { SimulatedPbx } from './simulated-pbx.js';
import { VirtualClock } from './virtual-clock.js';

/** Options of simulateCall. */
export interface SimulateOptions {
  /**
   * Snapshot the session after every event, throw it away and resume a new one from the JSON: the
   * result must not change (used by tests to prove that snapshots are complete).
   */
  readonly resumeAtEveryStep?: boolean;
  /** Sees every command and event, in order (for tracing and the designer's playback). */
  readonly onTrace?: (entry: { at: number; command?: EngineCommand; event?: EngineEvent }) => void;
}

/** A call that runs longer than this in virtual time is ended by the caller hanging up. */
const MAX_CALL_MS = 24 * 3600 * 1000;

/**
 * Runs one call of `flow` in virtual time against a PBX played by `scenario` (DESIGN 6) and returns
 * the call record. Deterministic: the same flow and scenario always give the same result. Throws a
 * TypeError when the flow or the scenario is invalid (check them with validateFlow and
 * parseScenario first).
 *
 * @example
 * const result = simulateCall(flow, {
 *   call: { from: '+33612345678', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' },
 *   agents: { alice: { status: 'available', answerAfterSeconds: 5 } },
 * });
 * result.outcome; // 'answered'
 */
export function simulateCall(
  flow: FlowDocument,
  scenarioInput: ScenarioInput | unknown,
  options: SimulateOptions = {},
): CallResult {
  const compiled = compileFlow(flow);
  const parsed = parseScenario(scenarioInput);
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    throw new TypeError(
      `simulateCall: invalid scenario (${first.code} at ${JSON.stringify(first.path ?? [])}: ${first.message})`,
    );
  }
  const scenario = parsed.scenario;
  const start = Date.parse(scenario.call.at);
  const clock = new VirtualClock(start);
  const pbx = new SimulatedPbx(scenario, clock);
  const call = { callId: 'simulated', from: scenario.call.from, to: scenario.call.to, startedAt: start };
  const trace = options.onTrace;

  const open = (snapshot?: ReturnType<CallSession['snapshot']>): CallSession =>
    createCallSession(compiled, {
      call,
      clock,
      directory: pbx,
      onCommand: (command) => {
        trace?.({ at: clock.now(), command });
        pbx.execute(command);
      },
      ...(snapshot ? { snapshot } : {}),
    });

  let session = open();
  pbx.connect((event) => {
    trace?.({ at: clock.now(), event });
    session.send(event);
    if (options.resumeAtEveryStep && !session.ended) {
      const snapshot = JSON.parse(JSON.stringify(session.snapshot())) as ReturnType<CallSession['snapshot']>;
      session.dispose();
      session = open(snapshot);
    }
  });
  pbx.start();
  trace?.({ at: start, event: { type: 'call.started' } });
  session.send({ type: 'call.started' });

  while (!session.ended && clock.step(start + MAX_CALL_MS)) {
    // Each step runs one due callback: a timer of the engine or an event of the PBX.
  }
  if (!session.ended) {
    // Nothing left to happen and the call is still open: the caller gives up.
    clock.advanceTo(Math.max(clock.now(), start));
    session.send({ type: 'call.hungup' });
  }
  return session.result()!;
}
