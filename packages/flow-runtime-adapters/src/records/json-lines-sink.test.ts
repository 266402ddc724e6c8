import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.js';
import { CALL_RECORD_FORMAT, type CallRecord } from './call-record.js';
import { createJsonLinesRecordSink, readCallRecords } from './json-lines-sink.js';
import { createMemoryRecordSink } from './sink.js';

/** A record of a call that started at `startedAt`. */
function record(callId: string, startedAt = '2026-11-24T08:30:00.000Z'): CallRecord {
  return {
    format: CALL_RECORD_FORMAT,
    callId,
    from: '+33612345678',
    to: '+33180000000',
    flowId: 'office',
    flowVersion: 1,
    outcome: 'answered',
    answeredBy: 'alice',
    missedReason: null,
    startedAt,
    endedAt: startedAt,
    waitSeconds: 5,
    durationSeconds: 65,
    path: ['welcome', 'team'],
    legs: [{ node: 'team', agent: 'alice', status: 'ANSWERED', ringSeconds: 5 }],
    polls: [],
    // A line break in a text must not break the line of the record.
    events: [{ at: startedAt, type: 'call.started', note: 'two\nlines' }],
  };
}

let temp: { dir: string; remove: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(async () => {
  await temp.remove();
});

describe('createJsonLinesRecordSink', () => {
  it('appends one JSON line per record, in a file per day the call started', async () => {
    const dir = join(temp.dir, 'records');
    const sink = createJsonLinesRecordSink({ dir });
    await sink.write(record('a'));
    await sink.write(record('b', '2026-11-25T00:00:01.000Z'));
    await sink.write(record('c'));
    await sink.close();
    expect((await readdir(dir)).sort()).toEqual(['calls-2026-11-24.jsonl', 'calls-2026-11-25.jsonl']);
    const lines = (await readFile(join(dir, 'calls-2026-11-24.jsonl'), 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((line) => JSON.parse(line) as CallRecord)).toEqual([
      record('a'),
      record('c'),
    ]);
    await expect(sink.write(record('d'))).rejects.toThrow('write after close');
  });

  it('appends to the files already there, and keeps every record of many calls ending at once', async () => {
    const first = createJsonLinesRecordSink({ dir: temp.dir, fsync: 'never' });
    await first.write(record('before'));
    await first.close();
    const sink = createJsonLinesRecordSink({ dir: temp.dir });
    const ids = Array.from({ length: 500 }, (_, i) => `call-${i}`);
    await Promise.all(ids.map((id) => sink.write(record(id))));
    await sink.flush();
    const { records, damaged } = await readCallRecords(temp.dir);
    expect(damaged).toEqual([]);
    expect(records.map((r) => r.callId)).toEqual(['before', ...ids]);
    await sink.close();
  });

  it('starts a new line after a line torn by a crash, and reads around it', async () => {
    await writeFile(
      join(temp.dir, 'calls-2026-11-24.jsonl'),
      `${JSON.stringify(record('a'))}\n{"format":"ringfl`,
    );
    const sink = createJsonLinesRecordSink({ dir: temp.dir });
    await sink.write(record('b'));
    await sink.close();
    const { records, damaged } = await readCallRecords(temp.dir);
    expect(records.map((r) => r.callId)).toEqual(['a', 'b']);
    expect(damaged).toEqual([{ file: 'calls-2026-11-24.jsonl', line: 2, text: '{"format":"ringfl' }]);
  });

  it('refuses a file name that leaves its folder', async () => {
    const sink = createJsonLinesRecordSink({ dir: temp.dir, fileName: () => '../escape.jsonl' });
    await expect(sink.write(record('a'))).rejects.toThrow('is not a file name inside');
    await sink.close();
  });

  it('keeps every record it acknowledged when its process is killed with SIGKILL', async () => {
    // The child writes records as fast as it can and prints the number of each one once its write
    // has resolved; it runs the built package, as `ringflow serve` does.
    const module = pathToFileURL(
      fileURLToPath(new URL('../../dist/records/json-lines-sink.js', import.meta.url)),
    ).href;
    const template = JSON.stringify(record('x'));
    const script = `
      const { createJsonLinesRecordSink } = await import(${JSON.stringify(module)});
      const sink = createJsonLinesRecordSink({ dir: process.argv[1], fsync: 'never' });
      const template = ${template};
      for (let n = 1; ; n++) {
        await sink.write({ ...template, callId: 'call-' + n });
        process.stdout.write(n + '\\n');
      }`;
    const acknowledged = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, temp.dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
      });
      let last = 0;
      let buffer = '';
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) last = Math.max(last, Number(line));
        if (last >= 300 && !child.killed) child.kill('SIGKILL');
      });
      child.on('error', reject);
      child.on('close', (_code, signal) => {
        if (signal === 'SIGKILL') resolve(last);
        else reject(new Error(`the writer ended by itself (${String(signal)}): ${stderr}`));
      });
    });
    expect(acknowledged).toBeGreaterThanOrEqual(300);

    const { records, damaged } = await readCallRecords(temp.dir);
    const written = new Set(records.map((r) => r.callId));
    const missing = Array.from({ length: acknowledged }, (_, i) => `call-${i + 1}`).filter(
      (id) => !written.has(id),
    );
    expect(missing).toEqual([]);
    // At most the line being written when the process died is torn.
    expect(damaged.length).toBeLessThanOrEqual(1);

    // The next run appends after it, on a line of its own.
    const sink = createJsonLinesRecordSink({ dir: temp.dir });
    await sink.write(record('after-restart'));
    await sink.close();
    const again = await readCallRecords(temp.dir);
    expect(again.records.at(-1)!.callId).toBe('after-restart');
    expect(again.damaged).toEqual(damaged);
  }, 30_000);
});

describe('createMemoryRecordSink', () => {
  it('keeps records in order and refuses writes after close', async () => {
    const sink = createMemoryRecordSink();
    await sink.write(record('a'));
    await sink.write(record('b'));
    await sink.flush();
    expect(sink.records.map((r) => r.callId)).toEqual(['a', 'b']);
    await sink.close();
    await expect(sink.write(record('c'))).rejects.toThrow('write after close');
  });
});
