import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { SuiteResult } from './types.js';

/*
 * `npm run bench [-- suite ...]`: runs the benchmark suites of bench/suites/, writes each result
 * to bench-results/<suite>.json, then rewrites docs/benchmarks.md from every result present.
 * Ratios are always measured side by side within one suite run, on the same inputs.
 */
const root = join(import.meta.dirname, '..');
const resultsDir = join(root, 'bench-results');
const wanted = process.argv.slice(2);
const suites = readdirSync(join(import.meta.dirname, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

mkdirSync(resultsDir, { recursive: true });
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
let failed = false;
for (const name of suites) {
  process.stdout.write(`bench: ${name}...\n`);
  const mod = (await import(`./suites/${name}.ts`)) as { run: () => Promise<SuiteResult> };
  const result = await mod.run();
  const record = { ...result, machine, date: new Date().toISOString() };
  writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  for (const m of result.metrics) {
    const verdict = m.pass === undefined ? '' : m.pass ? '  PASS' : '  FAIL';
    if (m.pass === false) failed = true;
    process.stdout.write(
      `  ${m.name}: ${format(m.value)} ${m.unit}${m.target ? ` (target ${m.target})` : ''}${verdict}\n`,
    );
  }
}

function format(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toPrecision(3);
}

// docs/benchmarks.md: the method, then one table per suite from every result file present.
const results = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as SuiteResult & {
        machine: typeof machine;
        date: string;
      },
  );
const lines = [
  '# Benchmarks',
  '',
  '<!-- Written by `npm run bench` from bench-results/*.json. Edit bench/run.ts, not this file. -->',
  '',
  'Speed and memory targets are held in benchmarks, not in timed unit tests. `npm run bench` runs every',
  'suite of `bench/suites/` (or only those named: `npm run bench -- schedule`), writes the raw results',
  'to `bench-results/<suite>.json` (not committed) and rewrites this page. Every comparison (compiled',
  'against straightforward, ringflow against a bare library) is measured side by side in the same run,',
  'on the same inputs, so machine noise affects both sides alike.',
  '',
];
for (const result of results.sort((a, b) => a.suite.localeCompare(b.suite))) {
  lines.push(`## ${result.suite}`, '');
  lines.push(
    `Run ${result.date.slice(0, 10)} on ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}.`,
    '',
  );
  lines.push('| measure | result | target | verdict |', '| --- | --- | --- | --- |');
  for (const m of result.metrics) {
    lines.push(
      `| ${m.name} | ${format(m.value)} ${m.unit} | ${m.target ?? ''} | ${m.pass === undefined ? '' : m.pass ? 'pass' : '**fail**'} |`,
    );
  }
  lines.push('');
  for (const note of result.notes ?? []) lines.push(`- ${note}`);
  if (result.notes?.length) lines.push('');
}
writeFileSync(join(root, 'docs', 'benchmarks.md'), lines.join('\n'));
process.stdout.write(
  `bench: results in bench-results/, summary in docs/benchmarks.md${failed ? ' (some targets missed)' : ''}\n`,
);
process.exitCode = failed ? 1 : 0;
