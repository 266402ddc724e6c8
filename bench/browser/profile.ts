import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../packages/flow-designer/e2e/browser.js';
import { makeGridFlow } from './grid-flow.js';
import { dragFrames, openFlow, seededContext, serveSite, settle, validationPerEdit } from './pages.js';

/*
 * Where the designer's time goes, for whoever fixes a missed target of the designer benchmark:
 * `npx tsx bench/browser/profile.ts [nodes] [designer|bare]` (default 500, designer) builds the page
 * unminified with source maps, opens it on a grid flow as the benchmark does, and for each phase
 * (load until a click selects a node, a drag, edits by arrow key) prints the renderer main thread's
 * time by task kind (Chromium trace), JavaScript self time by source module and by function, and the
 * time spent under the repository's own functions (V8 CPU profile, mapped through the source maps).
 * The raw trace and profile of each phase are written to .cache/bench/profiles/ for DevTools.
 */

const outDir = fileURLToPath(new URL('../../.cache/bench/profiles', import.meta.url));
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

function table(title: string, totals: Map<string, number>, rows = 12): void {
  const all = [...totals.values()].reduce((sum, value) => sum + value, 0);
  print(`  ${title} (total ${all.toFixed(0)} ms)`);
  for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    print(`    ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / all).toFixed(1).padStart(5)} %  ${name}`);
  }
}

function add(totals: Map<string, number>, key: string, ms: number): void {
  totals.set(key, (totals.get(key) ?? 0) + ms);
}

/** Self time of each kind of task on the busiest renderer main thread, in ms. */
function mainThreadTime(events: TraceEvent[]): Map<string, number> {
  const mains = new Set(
    events
      .filter(
        (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
      )
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || event.dur === undefined || !mains.has(thread)) continue;
    const list = byThread.get(thread);
    if (list === undefined) byThread.set(thread, [event]);
    else list.push(event);
  }
  const busiest = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  busiest.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const totals = new Map<string, number>();
  const open: { event: TraceEvent; children: number }[] = [];
  const close = (until: number) => {
    while (open.length > 0 && open.at(-1)!.event.ts + open.at(-1)!.event.dur! <= until) {
      const done = open.pop()!;
      add(totals, done.event.name, (done.event.dur! - done.children) / 1000);
      if (open.length > 0) open.at(-1)!.children += done.event.dur!;
    }
  };
  for (const event of busiest) {
    close(event.ts);
    open.push({ event, children: 0 });
  }
  close(Infinity);
  return totals;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one segment of a source map's `mappings` (base64 VLQ). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** A script's source map, reduced to: for each generated line, [column, source file] from left to right. */
type LineSources = { column: number; source: string }[][];

async function sourcesOf(url: string): Promise<LineSources | undefined> {
  const response = await fetch(`${url}.map`);
  // `vite preview` answers a missing file with index.html (the page's own inline scripts have no map).
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return undefined;
  const map = (await response.json()) as { sources: string[]; mappings: string };
  let source = 0;
  return map.mappings.split(';').map((line) => {
    let column = 0;
    return line
      .split(',')
      .filter((segment) => segment !== '')
      .map((segment) => {
        const [columnDelta = 0, sourceDelta = 0] = decodeSegment(segment);
        column += columnDelta;
        source += sourceDelta;
        return { column, source: (map.sources[source] ?? '?').replace(/^(\.\.\/)+/, '') };
      });
  });
}

/** Where a module comes from, shortly: the package for a dependency, the source file for ours. */
function moduleName(path: string): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return dependency === null ? path : dependency[1]!;
}

/**
 * JavaScript time of a CPU profile: self time by module and by function, and inclusive time of the
 * repository's own functions (flow-core, the designer), which says what of ours the time is spent under.
 */
async function jsTime(profile: CpuProfile) {
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    const next = profile.timeDeltas[i + 1];
    if (next !== undefined) selfMs.set(id, (selfMs.get(id) ?? 0) + next / 1000);
  });
  const maps = new Map<string, LineSources | undefined>();
  for (const url of new Set(profile.nodes.map((node) => node.callFrame.url))) {
    if (url.startsWith('http')) maps.set(url, await sourcesOf(url));
  }
  const moduleOf = (node: ProfileNode) => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const line = maps.get(url)?.[lineNumber];
    if (line === undefined) return url === '' ? functionName : url;
    return line.findLast((segment) => segment.column <= columnNumber)?.source ?? line[0]?.source ?? url;
  };
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const ours = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id);
    if (ms === undefined) continue;
    const module = moduleOf(node);
    add(byModule, moduleName(module), ms);
    add(byFunction, `${node.callFrame.functionName || '(anonymous)'}  [${module}]`, ms);
    const onStack = new Set<string>();
    for (let frame: ProfileNode | undefined = node; frame !== undefined; frame = parent.get(frame.id)) {
      const path = moduleOf(frame);
      if (/^packages\/|^src\//.test(path))
        onStack.add(`${frame.callFrame.functionName || '(anonymous)'}  [${path}]`);
    }
    for (const name of onStack) add(ours, name, ms);
  }
  return { byModule, byFunction, ours };
}

/** Runs `phase` under Chromium's tracing and V8's CPU profiler; prints where the time went. */
async function profiled(page: Page, name: string, phase: () => Promise<unknown>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: CATEGORIES });
  await cdp.send('Profiler.start');
  const started = performance.now();
  await phase();
  const elapsed = performance.now() - started;
  const { profile } = await cdp.send('Profiler.stop');
  const trace = await browser.stopTracing();
  await cdp.detach();
  writeFileSync(`${outDir}/${which}-${name}.cpuprofile`, JSON.stringify(profile));
  writeFileSync(`${outDir}/${which}-${name}.trace.json`, trace);
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  print(`\n== ${name}: ${elapsed.toFixed(0)} ms of wall time`);
  table('renderer main thread, self time by task kind', mainThreadTime(events));
  const js = await jsTime(profile as CpuProfile);
  table('JavaScript self time by module', js.byModule);
  table('JavaScript self time by function', js.byFunction, 15);
  table('time under our own functions (inclusive; overlapping)', js.ours, 15);
}

const size = Number(process.argv[2] ?? 500);
const which = process.argv[3] === 'bare' ? 'bare' : 'designer';
mkdirSync(outDir, { recursive: true });
const grid = makeGridFlow(size);
print(
  `profile: the ${which} page (unminified production build) on ${grid.nodes} nodes / ${grid.edges} edges`,
);
const site = await serveSite(which, { forProfiling: true });
const browser = await launchChromium();
try {
  const context = await seededContext(browser, site, grid);
  const page = await context.newPage();
  await page.goto('about:blank');
  let opened: Awaited<ReturnType<typeof openFlow>> | undefined;
  await profiled(page, 'load', async () => {
    opened = await openFlow(context, site, grid, page);
  });
  print(
    `  drawn after ${opened!.drawnAt.toFixed(0)} ms, interactive after ${opened!.interactiveAt.toFixed(0)} ms`,
  );
  await settle(page);
  await profiled(page, 'drag', () => dragFrames(page, grid.middle));
  await settle(page);
  if (which === 'designer') {
    let validations: number[] = [];
    await profiled(page, 'edits', async () => {
      validations = await validationPerEdit(page, grid.middle, 20);
    });
    print(`  validations: ${validations.map((ms) => ms.toFixed(2)).join(' ')} ms`);
  }
  print(`\nraw traces and CPU profiles: ${outDir}`);
} finally {
  await browser.close();
  await site.served.close();
}
