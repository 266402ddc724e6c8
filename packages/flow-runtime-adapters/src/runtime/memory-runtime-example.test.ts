import { describe, expect, it } from 'vitest';
import { runThreeCalls } from '../../../../examples/adapters/memory-runtime.js';
import { makeTempDir } from '../../test/helpers.js';
import { readCallRecords } from '../records/json-lines-sink.js';

// The example docs/runtime.md quotes: three calls through the runtime and the memory adapter.
describe('examples/adapters/memory-runtime.ts', () => {
  it('records three calls in a JSON Lines file and logs them as JSON lines', async () => {
    const temp = await makeTempDir();
    try {
      let logs = '';
      const records = await runThreeCalls(temp.dir, { write: (chunk: string) => (logs += chunk) });
      expect(records.map((record) => [record.callId, record.outcome, record.answeredBy])).toEqual([
        ['mem-1', 'answered', 'lea'],
        ['mem-2', 'missed', null],
        ['mem-3', 'abandoned', null],
      ]);
      const written = await readCallRecords(temp.dir);
      expect(written.damaged).toEqual([]);
      expect(new Set(written.records.map((record) => record.callId))).toEqual(
        new Set(['mem-1', 'mem-2', 'mem-3']),
      );
      const lines = logs
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; callId?: string });
      expect(
        lines
          .filter((line) => line.event === 'record.written')
          .map((line) => line.callId)
          .sort(),
      ).toEqual(['mem-1', 'mem-2', 'mem-3']);
    } finally {
      await temp.remove();
    }
  });
});
