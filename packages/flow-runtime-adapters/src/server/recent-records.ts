import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Record files are read from their end, this many bytes at a time. */
const CHUNK_BYTES = 64 * 1024;
/** A line longer than this is not a record (damage): it is skipped rather than kept in memory. */
const MAX_LINE_BYTES = 4 * 1024 * 1024;

/** The lines of a file, last first, read from its end in chunks: the newest records cost the least. */
async function* linesFromEnd(path: string): AsyncGenerator<string> {
  const handle = await open(path, 'r');
  try {
    let position = (await handle.stat()).size;
    // The start of the line the previous chunk ended in (its head is in an earlier chunk).
    let carry: Buffer = Buffer.alloc(0);
    let skipping = false;
    while (position > 0) {
      const size = Math.min(CHUNK_BYTES, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      await handle.read(chunk, 0, size, position);
      const combined = carry.length === 0 ? chunk : Buffer.concat([chunk, carry]);
      let end = combined.length;
      // A newline byte never occurs inside a UTF-8 sequence: splitting bytes on it is safe.
      for (let i = combined.length - 1; i >= 0; i--) {
        if (combined[i] !== 0x0a) continue;
        if (!skipping && i + 1 < end) yield combined.toString('utf8', i + 1, end);
        skipping = false;
        end = i;
      }
      carry = combined.subarray(0, end);
      if (carry.length > MAX_LINE_BYTES) {
        carry = Buffer.alloc(0);
        skipping = true;
      }
    }
    if (!skipping && carry.length > 0) yield carry.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** What readRecentRecords found. */
export interface RecentRecords {
  /** The records, newest first. */
  readonly records: Array<Record<string, unknown>>;
  /** Lines passed over that are not JSON objects (a line torn by a crash, damage). */
  readonly damagedLines: number;
}

/**
 * The most recent call records of one flow in a folder of JSON Lines files (the runtime's
 * `calls-YYYY-MM-DD.jsonl`), newest first: files in descending name order (newest day first),
 * each read from its end, stopping as soon as `limit` records are found. A missing folder has no
 * records.
 */
export async function readRecentRecords(
  dir: string,
  options: { readonly flowId: string; readonly limit: number },
): Promise<RecentRecords> {
  const records: Array<Record<string, unknown>> = [];
  let damagedLines = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { records, damagedLines };
    throw error;
  }
  const files = names
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .reverse();
  for (const file of files) {
    for await (const line of linesFromEnd(join(dir, file))) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        damagedLines += 1;
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        damagedLines += 1;
        continue;
      }
      const record = value as Record<string, unknown>;
      if (record.flowId !== options.flowId) continue;
      records.push(record);
      if (records.length >= options.limit) return { records, damagedLines };
    }
  }
  return { records, damagedLines };
}
