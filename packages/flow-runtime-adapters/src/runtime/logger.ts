/** How much a log line matters. */
export type LogLevel = 'info' | 'warn' | 'error';

/**
 * One structured log line. `event` is a namespaced name (`call.arrived`, `call.command`,
 * `record.written`...); lines about a call carry its `callId`. Other fields depend on the event.
 */
export interface LogEntry {
  /** ISO time on the runtime's clock (virtual with the memory adapter in virtual time). */
  readonly time: string;
  readonly level: LogLevel;
  readonly event: string;
  readonly callId?: string;
  readonly [field: string]: unknown;
}

/** Receives the runtime's log lines. Must not throw (a logger that throws is ignored). */
export type RuntimeLogger = (entry: LogEntry) => void;

const RANK: Readonly<Record<LogLevel, number>> = { info: 0, warn: 1, error: 2 };

/**
 * A logger that writes each entry as one line of JSON to `stream` (process.stdout, a file...).
 *
 * @example
 * const runtime = createRuntime({ store, adapter, logger: createJsonLogger(process.stdout) });
 * // {"time":"2026-11-24T08:30:00.000Z","level":"info","event":"call.arrived","callId":"c1",...}
 */
export function createJsonLogger(
  stream: { write(chunk: string): unknown },
  options: { level?: LogLevel } = {},
): RuntimeLogger {
  const min = RANK[options.level ?? 'info'];
  return (entry) => {
    if (RANK[entry.level] < min) return;
    stream.write(`${JSON.stringify(entry)}\n`);
  };
}

/** A logger that drops everything. */
export const silentLogger: RuntimeLogger = () => {};
