import { parseFlow, type FlowDocument, type LegTarget } from '@ringflow/flow-core';
import type { CallRecord } from '../../records/call-record.js';
import { createMemoryRecordSink, type MemoryRecordSink } from '../../records/sink.js';
import { createMemoryFlowSource } from '../../runtime/flow-source.js';
import type { LogEntry } from '../../runtime/logger.js';
import { createRuntime, type Runtime } from '../../runtime/runtime.js';
import {
  createAsteriskAriAdapter,
  type AsteriskAriAdapter,
  type AsteriskAriAdapterOptions,
  type AsteriskCallSnapshot,
} from '../adapter.js';
import type { LabAsterisk } from './lab.js';
import type { LocalCall, LocalCallers } from './local-caller.js';

/*
 * Test tooling: the runtime host with the Asterisk adapter on a lab Asterisk, flows in memory, and
 * callers played by Local channels. Agents are the lab's Local test agents: an agent's id is the
 * behaviour of [ringflow-agents] (`answer-1`, `busy`, `reject`, `never`...), so that a flow reads as
 * what its agents do.
 */

/** The number the test flows answer. */
export const TEST_LINE = '+33180000000';

let apps = 0;

/** A flow for the tests, validated; throws with the issues when it is not valid. */
export function testFlow(flow: Record<string, unknown>): FlowDocument {
  const parsed = parseFlow({ format: 'ringflow.flow/v1', name: 'Test', timezone: 'Europe/Paris', ...flow });
  if (!parsed.ok)
    throw new Error(
      `test flow: ${parsed.issues.map((issue) => `${issue.code} ${issue.message}`).join('; ')}`,
    );
  return parsed.flow;
}

/** Local test agents: an agent's id is the lab behaviour; a number `+336000000NN` is agent `answer-NN`... see `numbers`. */
export function localEndpointFor(numbers: Readonly<Record<string, string>> = {}) {
  return (target: LegTarget): string =>
    target.kind === 'agent'
      ? `Local/${target.agent}@ringflow-agents`
      : `Local/${numbers[target.number] ?? 'unreachable'}@ringflow-agents`;
}

/** A running world: runtime, adapter, records, and a way to place calls. */
export interface AriWorld {
  readonly adapter: AsteriskAriAdapter;
  readonly runtime: Runtime;
  readonly records: MemoryRecordSink;
  readonly logs: LogEntry[];
  /** Places a call to `to` (default the test line) from `from` (default a French mobile; null: hidden). */
  place(options?: {
    to?: string;
    from?: string | null;
    variables?: Record<string, string>;
  }): Promise<LocalCall>;
  /** The call's record, within `timeoutMs`. */
  record(callId: string, timeoutMs?: number): Promise<CallRecord>;
  /** Waits until `check` holds for the call; on timeout, the error shows the call's trace and state. */
  until(
    callId: string,
    check: (call: AsteriskCallSnapshot) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<void>;
  close(): Promise<void>;
}

/** Starts a runtime with a fresh adapter (its own Stasis app) running `flow` on the test line. */
export async function startAriWorld(
  lab: LabAsterisk,
  callers: LocalCallers,
  flow: FlowDocument,
  options: Partial<AsteriskAriAdapterOptions> = {},
): Promise<AriWorld> {
  const store = createMemoryFlowSource();
  store.publish(flow);
  store.route(TEST_LINE, flow.id);
  const records = createMemoryRecordSink();
  const logs: LogEntry[] = [];
  const app = options.app ?? `rf-${process.pid}-${++apps}`;
  const adapter = createAsteriskAriAdapter({
    url: lab.ariUrl,
    user: lab.ariUser,
    password: lab.ariPassword,
    endpointFor: localEndpointFor(),
    recordingsDir: lab.recordingsDir,
    // Tests run side by side on one Asterisk: a Local agent's device is busy with other tests' calls.
    presence: { source: 'off' },
    logger: (entry) => logs.push(entry),
    ...options,
    app,
  });
  const runtime = createRuntime({
    store,
    adapter,
    records,
    logger: (entry) => logs.push(entry),
    commandTimeoutMs: 8000,
  });
  await runtime.start();
  return {
    adapter,
    runtime,
    records,
    logs,
    place: ({ to = TEST_LINE, from = '+33612345678', variables } = {}) =>
      callers.place({ to, from, app, ...(variables ? { variables } : {}) }),
    record: (callId, timeoutMs = 15_000) =>
      new Promise<CallRecord>((resolve, reject) => {
        const timer = setTimeout(() => {
          const warnings = logs.filter((entry) => entry.level !== 'info');
          reject(
            new Error(
              `no record for ${callId} within ${timeoutMs} ms\ncall: ${JSON.stringify(adapter.inspect(callId))}\ntrace: ${callTrace(logs, callId).join(' | ')}\nwarnings: ${JSON.stringify(warnings)}`,
            ),
          );
        }, timeoutMs);
        runtime.callEnded(callId).then(
          (record) => {
            clearTimeout(timer);
            resolve(record);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }),
    until: (callId, check, what, timeoutMs = 8000) =>
      until(
        () => {
          const snapshot = adapter.inspect(callId);
          return snapshot !== undefined && check(snapshot);
        },
        what,
        timeoutMs,
      ).catch((error: unknown) => {
        const warnings = logs.filter((entry) => entry.level !== 'info');
        throw new Error(
          `${(error as Error).message}\ncall: ${JSON.stringify(adapter.inspect(callId))}\ntrace: ${callTrace(logs, callId).join(' | ')}\nwarnings: ${JSON.stringify(warnings)}`,
        );
      }),
    close: async () => {
      await runtime.shutdown({ timeoutMs: 2000 });
    },
  };
}

/** Resolves when `check` holds, polling every 20 ms; rejects after `timeoutMs` with `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The engine events and commands of a call, from the runtime's log, as short strings. */
export function callTrace(logs: readonly LogEntry[], callId: string): string[] {
  return logs
    .filter(
      (entry) => entry.callId === callId && (entry.event === 'call.command' || entry.event === 'call.event'),
    )
    .filter((entry) => (entry.engineEvent as { type?: string } | undefined)?.type !== 'call.started')
    .map((entry) => {
      const item = (entry.event === 'call.command' ? entry.command : entry.engineEvent) as {
        type: string;
        [k: string]: unknown;
      };
      const { type, ...rest } = item;
      const detail = Object.entries(rest)
        .filter(([key]) => key !== 'sound' && key !== 'legs' && key !== 'music')
        .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
        .join(' ');
      return `${entry.event === 'call.command' ? '>' : '<'} ${type}${detail ? ` ${detail}` : ''}`;
    });
}
