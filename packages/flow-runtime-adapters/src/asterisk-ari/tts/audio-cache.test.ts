import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAudioCache } from './audio-cache.js';

const hash = (digit: string): string => digit.repeat(64);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ringflow-tts-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createAudioCache', () => {
  it('produces an entry once; later asks find the file', async () => {
    const cache = await createAudioCache({ dir, extension: 'wav', maxBytes: 1e6, keepRecentMs: 0 });
    let produced = 0;
    const produce = async (): Promise<Uint8Array> => {
      produced++;
      return Buffer.from('RIFF-audio');
    };
    const first = await cache.obtain(hash('a'), produce);
    const second = await cache.obtain(hash('a'), produce);
    expect(first).toEqual({ path: join(dir, `${hash('a')}.wav`), created: true });
    expect(second).toEqual({ path: first.path, created: false });
    expect(produced).toBe(1);
    expect(await readFile(first.path, 'utf8')).toBe('RIFF-audio');
    expect((await stat(first.path)).mode & 0o777).toBe(0o644);
    expect(await cache.lookup(hash('a'))).toBe(first.path);
    expect(await cache.lookup(hash('b'))).toBeUndefined();
  });

  it('shares one production among concurrent asks for the same hash', async () => {
    const cache = await createAudioCache({ dir, extension: 'wav16', maxBytes: 1e6, keepRecentMs: 0 });
    let produced = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const produce = async (): Promise<Uint8Array> => {
      produced++;
      await gate;
      return Buffer.from('x');
    };
    const asks = Array.from({ length: 5 }, () => cache.obtain(hash('c'), produce));
    release();
    const results = await Promise.all(asks);
    expect(produced).toBe(1);
    expect(new Set(results.map((result) => result.path))).toEqual(new Set([join(dir, `${hash('c')}.wav16`)]));
  });

  it('leaves neither the entry nor a temporary file when production fails, and tries again next time', async () => {
    const cache = await createAudioCache({ dir, extension: 'wav', maxBytes: 1e6, keepRecentMs: 0 });
    await expect(
      cache.obtain(hash('d'), async () => {
        throw new Error('engine crashed');
      }),
    ).rejects.toThrow('engine crashed');
    expect(await readdir(dir)).toEqual([]);
    const again = await cache.obtain(hash('d'), async () => Buffer.from('ok'));
    expect(again.created).toBe(true);
  });

  it('removes temporary files left by a crash long ago, keeps recent ones (another process may be writing)', async () => {
    const old = join(dir, `.${hash('e')}.0123456789ab.tmp`);
    const fresh = join(dir, `.${hash('f')}.0123456789ab.tmp`);
    const foreign = join(dir, 'notes.txt');
    await writeFile(old, 'half');
    await writeFile(fresh, 'half');
    await writeFile(foreign, 'not ours');
    const twoHoursAgo = (Date.now() - 2 * 3600 * 1000) / 1000;
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await createAudioCache({ dir, extension: 'wav', maxBytes: 1e6, keepRecentMs: 0 });
    expect((await readdir(dir)).sort()).toEqual([`.${hash('f')}.0123456789ab.tmp`, 'notes.txt']);
  });

  it('evicts the least recently used entries beyond maxBytes, never recently used ones', async () => {
    const cache = await createAudioCache({ dir, extension: 'wav', maxBytes: 250, keepRecentMs: 60_000 });
    const hundred = async (): Promise<Uint8Array> => Buffer.alloc(100);
    for (const digit of ['1', '2']) await cache.obtain(hash(digit), hundred);
    // Entry 1 was last used an hour ago, entry 2 half an hour ago.
    await utimes(cache.pathOf(hash('1')), Date.now() / 1000 - 3600, Date.now() / 1000 - 3600);
    await utimes(cache.pathOf(hash('2')), Date.now() / 1000 - 1800, Date.now() / 1000 - 1800);
    await cache.obtain(hash('3'), hundred);
    // 300 > 250: down to 90 % (225) by removing the oldest, entry 1 only.
    expect((await readdir(dir)).sort()).toEqual([`${hash('2')}.wav`, `${hash('3')}.wav`]);

    // A lookup marks an entry used: now entry 3 (touched long ago, then looked up) stays and 2 goes.
    await utimes(cache.pathOf(hash('3')), Date.now() / 1000 - 7200, Date.now() / 1000 - 7200);
    expect(await cache.lookup(hash('3'))).toBeDefined();
    await cache.obtain(hash('4'), hundred);
    expect((await readdir(dir)).sort()).toEqual([`${hash('3')}.wav`, `${hash('4')}.wav`]);

    // Everything used within keepRecentMs: over budget, but nothing is removed.
    await cache.obtain(hash('5'), hundred);
    expect(await readdir(dir)).toHaveLength(3);
  });

  it('refuses a key that is not a hash', async () => {
    const cache = await createAudioCache({ dir, extension: 'wav', maxBytes: 1e6, keepRecentMs: 0 });
    expect(() => cache.pathOf('../../etc/passwd')).toThrow(/not a cache hash/);
    expect(() => cache.pathOf(hash('A'))).toThrow(/not a cache hash/);
  });
});
