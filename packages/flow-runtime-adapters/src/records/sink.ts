import type { CallRecord } from './call-record.js';

/**
 * Where the runtime writes call records, one per call. The default sink appends JSON Lines files
 * ({@link createJsonLinesRecordSink}); implement this interface to send records elsewhere (a
 * database, a queue). The runtime calls `write` once per call, possibly for many calls at once,
 * then `flush` and `close` when it shuts down.
 */
export interface RecordSink {
  /** Stores one record; resolves once it is as durable as the sink promises. */
  write(record: CallRecord): Promise<void>;
  /** Resolves once every record written so far is durable. */
  flush(): Promise<void>;
  /** Flushes, then releases files or connections. Later writes reject. */
  close(): Promise<void>;
}

/** A sink that keeps records in memory, in the order they were written (tests, the conformance kit). */
export interface MemoryRecordSink extends RecordSink {
  readonly records: readonly CallRecord[];
}

/**
 * A record sink in memory.
 *
 * @example
 * const records = createMemoryRecordSink();
 * const runtime = createRuntime({ store, adapter, records });
 * // ... later
 * records.records.length; // one per ended call
 */
export function createMemoryRecordSink(): MemoryRecordSink {
  const records: CallRecord[] = [];
  let closed = false;
  return {
    records,
    write(record) {
      if (closed) return Promise.reject(new Error('record sink: write after close'));
      records.push(record);
      return Promise.resolve();
    },
    flush: () => Promise.resolve(),
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
