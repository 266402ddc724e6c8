import { mkdir, open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallRecord } from './call-record.js';
import type { RecordSink } from './sink.js';

/** Options of {@link createJsonLinesRecordSink}. */
export interface JsonLinesRecordSinkOptions {
  /** The folder of the record files; created when missing. */
  readonly dir: string;
  /**
   * When records reach the disk:
   * - `always` (default): each batch of records is appended and then `fdatasync`ed before their
   *   writes resolve, so a written record survives a crash of the process (kill -9) and of the
   *   machine (power loss);
   * - `never`: records are appended with `write(2)` before their writes resolve and the OS writes
   *   them to the disk when it likes: they survive a crash of the process, not of the machine.
   *   `flush()` and `close()` still sync.
   */
  readonly fsync?: 'always' | 'never';
  /**
   * The file (a name inside `dir`) a record goes to. Default `calls-YYYY-MM-DD.jsonl`, by the UTC
   * day the call started: one file per day, a call in the file of the day it began.
   */
  readonly fileName?: (record: CallRecord) => string;
}

/** A JSON Lines record sink; `dir` is where its files are. */
export interface JsonLinesRecordSink extends RecordSink {
  readonly dir: string;
}

/** The default file of a record: `calls-YYYY-MM-DD.jsonl`, by the UTC day the call started. */
export function dailyFileName(record: CallRecord): string {
  return `calls-${record.startedAt.slice(0, 10)}.jsonl`;
}

interface PendingLine {
  readonly file: string;
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Files kept open at once: today's and yesterday's are the ones written to. */
const MAX_OPEN_FILES = 4;

/**
 * The default record sink: one JSON object per line (JSON Lines), appended to a file per day.
 * Writes are grouped: the records that arrive while a batch is being written form the next batch,
 * written with one append and (with `fsync: 'always'`) one `fdatasync`, so many calls ending at
 * once cost few disk syncs. A record's `write` resolves once its line is in the file.
 *
 * Appending never rewrites what is there. If the process was killed in the middle of a line, the
 * next run starts a new line after it, and {@link readCallRecords} reports the torn line instead of
 * failing.
 *
 * @example
 * const records = createJsonLinesRecordSink({ dir: '/var/lib/ringflow/records' });
 * const runtime = createRuntime({ store, adapter, records });
 */
export function createJsonLinesRecordSink(options: JsonLinesRecordSinkOptions): JsonLinesRecordSink {
  const { dir } = options;
  const fsync = options.fsync ?? 'always';
  const fileName = options.fileName ?? dailyFileName;
  const handles = new Map<string, FileHandle>();
  let pending: PendingLine[] = [];
  let writing: Promise<void> | null = null;
  let dirReady: Promise<unknown> | null = null;
  let closed = false;

  const handleOf = async (name: string): Promise<FileHandle> => {
    const known = handles.get(name);
    if (known !== undefined) {
      // Most recently used last.
      handles.delete(name);
      handles.set(name, known);
      return known;
    }
    dirReady ??= mkdir(dir, { recursive: true });
    await dirReady;
    const handle = await open(join(dir, name), 'a+');
    // A line torn by a crash is closed, so that the next record starts on a line of its own.
    const { size } = await handle.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await handle.appendFile('\n');
    }
    handles.set(name, handle);
    while (handles.size > MAX_OPEN_FILES) {
      const [oldest, old] = handles.entries().next().value!;
      handles.delete(oldest);
      await old.close();
    }
    return handle;
  };

  const writeBatch = async (batch: PendingLine[]) => {
    const byFile = new Map<string, PendingLine[]>();
    for (const item of batch) {
      if (!byFile.has(item.file)) byFile.set(item.file, []);
      byFile.get(item.file)!.push(item);
    }
    for (const [name, items] of byFile) {
      try {
        const handle = await handleOf(name);
        await handle.appendFile(items.map((item) => item.line).join(''));
        if (fsync === 'always') await handle.datasync();
        for (const item of items) item.resolve();
      } catch (error) {
        for (const item of items) item.reject(error);
      }
    }
  };

  const drain = async () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      await writeBatch(batch);
    }
  };

  const kick = () => {
    writing ??= drain().finally(() => {
      writing = null;
      if (pending.length > 0) kick();
    });
  };

  const settled = async () => {
    while (writing !== null) await writing;
  };

  const flush = async () => {
    await settled();
    for (const handle of handles.values()) await handle.datasync();
  };

  return {
    dir,
    write(record) {
      if (closed) return Promise.reject(new Error('record sink: write after close'));
      const name = fileName(record);
      if (name === '' || /[/\\]/.test(name) || name === '.' || name === '..') {
        return Promise.reject(new TypeError(`record sink: "${name}" is not a file name inside ${dir}`));
      }
      return new Promise<void>((resolve, reject) => {
        pending.push({ file: name, line: `${JSON.stringify(record)}\n`, resolve, reject });
        kick();
      });
    },
    flush,
    async close() {
      if (closed) return;
      closed = true;
      await flush();
      const files = [...handles.values()];
      handles.clear();
      for (const handle of files) await handle.close();
    },
  };
}

/** What {@link readCallRecords} found in a folder of record files. */
export interface ReadCallRecords {
  /** Every record, file by file (files in name order, so days in order), line by line. */
  readonly records: CallRecord[];
  /** Lines that are not a JSON object: a line torn by a crash of the writer, or damage. */
  readonly damaged: Array<{ readonly file: string; readonly line: number; readonly text: string }>;
}

/**
 * Reads back the records of a JSON Lines folder (every `*.jsonl` file). Never throws on a damaged
 * line: it is listed in `damaged`.
 *
 * @example
 * const { records, damaged } = await readCallRecords('/var/lib/ringflow/records');
 */
export async function readCallRecords(dir: string): Promise<ReadCallRecords> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.jsonl')).sort();
  const records: CallRecord[] = [];
  const damaged: ReadCallRecords['damaged'] = [];
  for (const file of files) {
    const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
    lines.forEach((text, index) => {
      if (text === '') return;
      try {
        const value = JSON.parse(text) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError();
        records.push(value as CallRecord);
      } catch {
        damaged.push({ file, line: index + 1, text });
      }
    });
  }
  return { records, damaged };
}
