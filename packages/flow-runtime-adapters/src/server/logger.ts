/** One structured log line: a level, an event name (`http.request`, `server.listening`...) and fields. */
export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly event: string;
  readonly [field: string]: unknown;
}

/** Where the server logs. Never given a token or a request header. */
export type Logger = (entry: LogEntry) => void;

/**
 * A logger that writes one JSON object per line (`{"time","level","event",...}`), the format log
 * collectors read. A failing output is ignored: logging never takes the server down.
 */
export function createJsonLogger(
  output: { write(chunk: string): unknown },
  now: () => Date = () => new Date(),
): Logger {
  return (entry) => {
    try {
      output.write(`${JSON.stringify({ time: now().toISOString(), ...entry })}\n`);
    } catch {
      // Nowhere to report it.
    }
  };
}
