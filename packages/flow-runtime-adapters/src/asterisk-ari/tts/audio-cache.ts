import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** A cache entry's name: the sha-256 of everything that decides its audio, in hex. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Entries of either rate, so a cache whose rate was changed still counts and evicts the old files. */
const ENTRY_PATTERN = /^[0-9a-f]{64}\.wav(?:16)?$/;
const TEMP_PATTERN = /^\.[0-9a-f]{64}\.[0-9a-f]{12}\.tmp$/;
/** A temporary file older than this was left by a crash (or a process killed mid-write). */
const STALE_TEMP_MS = 60 * 60 * 1000;
/** A hit refreshes the file's time at most this often (the time is the LRU order). */
const TOUCH_EVERY_MS = 60 * 1000;

/** Options of {@link createAudioCache}. */
export interface AudioCacheOptions {
  readonly dir: string;
  /** File extension of the entries written: `wav` (8 kHz) or `wav16` (16 kHz), as Asterisk names them. */
  readonly extension: 'wav' | 'wav16';
  /** Above this many bytes of entries, the least recently used are removed. */
  readonly maxBytes: number;
  /** Entries used more recently than this are never removed: their URI may be about to be played. */
  readonly keepRecentMs: number;
}

/** WAV files on disk keyed by content hash. */
export interface AudioCache {
  readonly dir: string;
  readonly extension: 'wav' | 'wav16';
  /** Where the entry of `hash` lives (or would live). */
  pathOf(hash: string): string;
  /** The entry's path when it exists (and marks it used), else undefined. */
  lookup(hash: string): Promise<string | undefined>;
  /**
   * The entry's path, producing it with `produce` when absent. Concurrent calls for the same hash
   * share one `produce`. The file appears whole or not at all (temporary file, flush, rename).
   */
  obtain(hash: string, produce: () => Promise<Uint8Array>): Promise<{ path: string; created: boolean }>;
  /** Removes least recently used entries until the cache fits `maxBytes` again. */
  evict(): Promise<void>;
}

/**
 * Opens (creating it if needed) a content-addressed cache of WAV files in `dir`, and removes the
 * temporary files a crash may have left there.
 */
export async function createAudioCache(options: AudioCacheOptions): Promise<AudioCache> {
  const { dir, extension, maxBytes, keepRecentMs } = options;
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const inFlight = new Map<string, Promise<{ path: string; created: boolean }>>();
  let totalBytes = 0;
  let evicting: Promise<void> | undefined;

  const scan = async (): Promise<{ name: string; size: number; mtimeMs: number }[]> => {
    const entries = [];
    for (const name of await readdir(dir)) {
      const isEntry = ENTRY_PATTERN.test(name);
      if (!isEntry && !TEMP_PATTERN.test(name)) continue;
      const info = await stat(join(dir, name)).catch(() => undefined);
      if (info === undefined || !info.isFile()) continue;
      if (!isEntry) {
        if (Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(join(dir, name), { force: true });
        continue;
      }
      entries.push({ name, size: info.size, mtimeMs: info.mtimeMs });
    }
    return entries;
  };
  totalBytes = (await scan()).reduce((sum, entry) => sum + entry.size, 0);

  const pathOf = (hash: string): string => {
    if (!HASH_PATTERN.test(hash)) throw new Error(`not a cache hash: ${JSON.stringify(hash)}`);
    return join(dir, `${hash}.${extension}`);
  };

  const lookup = async (hash: string): Promise<string | undefined> => {
    const path = pathOf(hash);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) return undefined;
    const now = Date.now();
    if (now - info.mtimeMs > TOUCH_EVERY_MS) {
      await utimes(path, now / 1000, now / 1000).catch(() => undefined);
    }
    return path;
  };

  const write = async (hash: string, content: Uint8Array): Promise<string> => {
    const path = pathOf(hash);
    const temp = join(dir, `.${hash}.${randomBytes(6).toString('hex')}.tmp`);
    let handle: FileHandle | undefined;
    try {
      // `wx`: never write through a file or link someone else put there.
      handle = await open(temp, 'wx', 0o644);
      await handle.writeFile(content);
      // Flushed before the rename: after a crash the name holds the whole file or nothing.
      await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(temp, path);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    totalBytes += content.byteLength;
    return path;
  };

  const evict = (): Promise<void> => {
    evicting ??= (async () => {
      try {
        const entries = await scan();
        totalBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
        if (totalBytes <= maxBytes) return;
        // Down to 90 %, so that the next few renders do not each trigger a scan.
        const target = maxBytes * 0.9;
        const now = Date.now();
        entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
        for (const entry of entries) {
          if (totalBytes <= target) break;
          if (now - entry.mtimeMs < keepRecentMs) break;
          if (inFlight.has(entry.name.slice(0, 64))) continue;
          await rm(join(dir, entry.name), { force: true });
          totalBytes -= entry.size;
        }
      } finally {
        evicting = undefined;
      }
    })();
    return evicting;
  };

  const obtain = (
    hash: string,
    produce: () => Promise<Uint8Array>,
  ): Promise<{ path: string; created: boolean }> => {
    const pending = inFlight.get(hash);
    if (pending !== undefined) return pending;
    const job = (async () => {
      const existing = await lookup(hash);
      if (existing !== undefined) return { path: existing, created: false };
      const path = await write(hash, await produce());
      if (totalBytes > maxBytes) await evict();
      return { path, created: true };
    })().finally(() => inFlight.delete(hash));
    inFlight.set(hash, job);
    return job;
  };

  return { dir, extension, pathOf, lookup, obtain, evict };
}
