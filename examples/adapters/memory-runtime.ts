/**
 * The runtime host without a PBX: the Onoff "Greeting" example flow published on its number, the
 * memory adapter in virtual time, three calls at once, their records appended to a JSON Lines file
 * and the runtime's logs as JSON lines.
 *
 *   npx tsx examples/adapters/memory-runtime.ts [records-folder]
 *
 * See docs/runtime.md.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlowText } from '@ringflow/flow-core';
import {
  createJsonLinesRecordSink,
  createJsonLogger,
  createMemoryFlowSource,
  createRuntime,
  type CallRecord,
} from '@ringflow/flow-runtime-adapters';
import { createMemoryAdapter } from '@ringflow/flow-runtime-adapters/memory';

/** Runs three calls and returns their records, in the order the calls were placed. */
export async function runThreeCalls(
  recordsDir: string,
  logs: { write(chunk: string): unknown },
): Promise<CallRecord[]> {
  // 1. The flows in service and the numbers they answer. A real host reads them from its store.
  const text = await readFile(new URL('../onoff-greeting/flow.json', import.meta.url), 'utf8');
  const parsed = parseFlowText(text);
  if (!parsed.ok) throw new TypeError(`flow.json: ${parsed.issues[0]!.message}`);
  const store = createMemoryFlowSource();
  store.publish(parsed.flow); // version 1
  store.route('+33536490000', parsed.flow.id);

  // 2. A PBX: here the memory adapter, in virtual time (a call of minutes takes microseconds).
  const adapter = createMemoryAdapter({ clock: 'virtual' });

  // 3. The runtime: records to JSON Lines files, logs as JSON lines.
  const runtime = createRuntime({
    store,
    adapter,
    records: createJsonLinesRecordSink({ dir: recordsDir }),
    logger: createJsonLogger(logs),
  });
  await runtime.start();

  // 4. Three calls at the same time, each played by its scenario (DESIGN 6).
  const at = '2026-11-24T10:00:00+01:00';
  const calls = await Promise.all([
    adapter.placeCall({
      call: { from: '+33612345678', to: '+33536490000', at },
      agents: { lea: { status: 'available', answerAfterSeconds: 4 } },
    }),
    adapter.placeCall({
      call: { from: '+33698765432', to: '+33536490000', at },
      agents: { lea: { status: 'available', answer: 'never' }, hugo: { status: 'available', reject: true } },
    }),
    adapter.placeCall({
      call: { from: null, to: '+33536490000', at },
      caller: { hangupAfterSeconds: 5 },
    }),
  ]);
  const records = await Promise.all(calls.map(({ callId }) => runtime.callEnded(callId)));

  // 5. Stop taking calls, let the calls in progress end, flush the records.
  await runtime.shutdown({ timeoutMs: 30_000 });
  return records;
}

// Run as a script (not when a test imports it).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? (await mkdtemp(join(tmpdir(), 'ringflow-records-')));
  const records = await runThreeCalls(dir, process.stderr);
  for (const record of records) {
    process.stdout.write(`${record.callId}  ${record.outcome.padEnd(9)}  ${record.path.join(' > ')}\n`);
  }
  process.stdout.write(`records: ${dir}\n`);
}
