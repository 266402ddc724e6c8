// `npm run examples` (run by `npm start` before the designer opens): checks every example flow with the built packages, imported
// by name exactly as a user would, and shows a newcomer what a flow is made of and what to try next.
// Usage: node scripts/start.mjs [FOLDER]   (default: examples/; one subfolder per flow, with a flow.json)
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const examplesDir = resolve(process.argv[2] ?? join(root, 'examples'));

let core;
try {
  core = await import('@ringflow/flow-core');
} catch (error) {
  console.error(`ringflow is not built yet (${String(error?.message ?? error).split('\n')[0]}).`);
  console.error(
    'Run "npm install" (or "npm run build") at the root of the repository, then "npm run examples" again.',
  );
  process.exit(1);
}
const { NODE_KIND_IDS, validateFlowText } = core;

/** The example folders that hold a flow.json, sorted by name. */
async function findExamples() {
  let entries;
  try {
    entries = await readdir(examplesDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const names = await readdir(join(examplesDir, entry.name));
    if (names.includes('flow.json'))
      found.push({ name: entry.name, file: join(examplesDir, entry.name, 'flow.json') });
  }
  return found;
}

/** A path the reader can paste: from the repository root when it is inside it. */
function display(path) {
  const shown = relative(root, path);
  return (shown.startsWith('..') || shown === '' ? path : shown).split('\\').join('/');
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `Léa Fontaine, Hugo Mercier and 2 more`: enough names to picture the flow. */
function someNames(items, max = 3) {
  const names = items.map((item) => item.name ?? item.id);
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function describeNodes(nodes) {
  const counts = new Map();
  for (const node of nodes) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  // Registry order, so the same kinds always read in the same order.
  return NODE_KIND_IDS.filter((kind) => counts.has(kind))
    .map((kind) => `${counts.get(kind)} ${kind}`)
    .join(', ');
}

function summarize(example, report) {
  const { flow } = report;
  const status = report.ok ? '✓' : '✗';
  const counts = `${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')}`;
  const lines = [`${status} ${example.name}${flow ? `: ${flow.name}` : ''}`];
  if (flow) {
    const entry = flow.nodes.find((node) => node.id === flow.entry);
    lines.push(`    entry      ${flow.entry}${entry ? ` (${entry.kind})` : ''}`);
    lines.push(`    nodes      ${flow.nodes.length}: ${describeNodes(flow.nodes)}`);
    lines.push(
      `    agents     ${flow.agents.length}${flow.agents.length > 0 ? `: ${someNames(flow.agents)}` : ''}`,
    );
    lines.push(
      `    schedules  ${flow.schedules.length}${flow.schedules.length > 0 ? `: ${someNames(flow.schedules)}` : ''}`,
    );
  }
  lines.push(`    check      ${report.ok ? 'valid' : 'INVALID'} (${counts})`);
  // The first problems of an invalid example, so that nobody has to guess what broke.
  const issues = [...report.errors, ...report.warnings];
  for (const issue of issues.slice(0, 5))
    lines.push(`      ${issue.severity} ${issue.code}: ${issue.message}`);
  if (issues.length > 5) lines.push(`      ... and ${issues.length - 5} more`);
  return lines.join('\n');
}

const examples = await findExamples();
if (examples.length === 0) {
  console.log('Welcome to ringflow!');
  console.log('');
  console.log(
    `There are no example flows yet: ${display(examplesDir)}/ has no folder with a flow.json in it.`,
  );
  console.log('Meanwhile, "npx ringflow help" lists what the command line can do, and');
  console.log('"npx ringflow schema" prints the JSON Schema of a flow document.');
  process.exit(0);
}

console.log(`ringflow: ${plural(examples.length, 'example flow')}, checked with @ringflow/flow-core`);
console.log('');
let invalid = 0;
for (const example of examples) {
  const text = (await readFile(example.file, 'utf8')).replace(/^\ufeff/, '');
  const report = validateFlowText(text, { locale: 'en' });
  if (!report.ok) invalid++;
  example.ok = report.ok;
  console.log(summarize(example, report));
  console.log('');
}

// Point at the first invalid example if there is one: that is the one worth a closer look.
const first = display((examples.find((example) => !example.ok) ?? examples[0]).file);
const tries = [
  [`npx ringflow validate ${first}`, 'every issue, with its code and where it is'],
  [`npx ringflow validate ${first} --json`, 'the same report, for tools'],
  [`npx ringflow format ${first} --check`, 'is the file in canonical form?'],
  ['npx ringflow schema > flow.schema.json', 'the JSON Schema, for completion in your editor'],
  ['npx ringflow help', 'every command (docs/cli.md has the details)'],
];
const width = Math.max(...tries.map(([command]) => command.length));
console.log('Try next:');
for (const [command, why] of tries) console.log(`  ${command.padEnd(width)}   ${why}`);

if (invalid > 0) {
  console.log('');
  console.error(
    `${plural(invalid, 'example')} ${invalid === 1 ? 'is' : 'are'} invalid: see the errors above.`,
  );
  process.exitCode = 1;
}
