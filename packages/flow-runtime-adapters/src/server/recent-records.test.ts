import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { readRecentRecords } from './recent-records.js';

let dir: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ dir, remove } = await makeTempDir());
});

afterEach(async () => {
  await remove();
});

function line(flowId: string, n: number, padding = 0): string {
  return `${JSON.stringify({ flowId, n, pad: 'é'.repeat(padding) })}\n`;
}

describe('readRecentRecords', () => {
  it('returns the records of one flow, newest first, across days, up to the limit', async () => {
    const records = join(dir, 'records');
    await mkdir(records);
    await writeFile(join(records, 'calls-2026-11-23.jsonl'), line('a', 1) + line('b', 2) + line('a', 3));
    // A line torn by a crash, then records on lines of their own.
    await writeFile(
      join(records, 'calls-2026-11-24.jsonl'),
      `${line('a', 4)}{"flowId":"a","n":\n${line('a', 5)}[1]\n${line('a', 6)}`,
    );
    await writeFile(join(records, 'notes.txt'), line('a', 99));
    const all = await readRecentRecords(records, { flowId: 'a', limit: 100 });
    expect(all.records.map((r) => r.n)).toEqual([6, 5, 4, 3, 1]);
    expect(all.damagedLines).toBe(2);
    expect((await readRecentRecords(records, { flowId: 'a', limit: 2 })).records.map((r) => r.n)).toEqual([
      6, 5,
    ]);
    expect((await readRecentRecords(records, { flowId: 'b', limit: 5 })).records.map((r) => r.n)).toEqual([
      2,
    ]);
  });

  it('reads lines longer than its chunks, and multi-byte text split across them', async () => {
    await writeFile(
      join(dir, 'calls-2026-11-24.jsonl'),
      line('a', 1, 50_000) + line('a', 2, 3) + line('a', 3, 100_000) + line('a', 4, 1),
    );
    const { records, damagedLines } = await readRecentRecords(dir, { flowId: 'a', limit: 10 });
    expect(records.map((r) => r.n)).toEqual([4, 3, 2, 1]);
    expect(records[1]!.pad).toBe('é'.repeat(100_000));
    expect(damagedLines).toBe(0);
  });

  it('finds nothing in a folder that does not exist yet', async () => {
    expect(await readRecentRecords(join(dir, 'none'), { flowId: 'a', limit: 5 })).toEqual({
      records: [],
      damagedLines: 0,
    });
  });
});
