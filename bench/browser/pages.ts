import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { GridFlow } from './grid-flow.js';
import {
  NAME_SHIM,
  clearValidations,
  drawnCounts,
  nodeHasFocus,
  renderedNode,
  selectedAt,
  startFrames,
  stopFrames,
  validationDurations,
  validationsReached,
} from './in-page.js';
import { serveBuild } from './serve.js';
import type { ServedBuild } from './serve.js';

/*
 * The two pages of the designer benchmark and what it does with them. Both are production builds
 * (`vite build`) served on 127.0.0.1 (`vite preview`): the designer app, and a bare React Flow page
 * (bare/) drawing the same graph with React Flow's default nodes and edges.
 *
 * The designer app opens a saved flow with `?flow=<id>` (src/io/autosave.ts: the slot
 * `ringflow.autosave.<id>` of localStorage, format `ringflow.autosave/v1`). Every page is opened in
 * a new browser context (empty cache) whose localStorage holds the generated flow in that slot; the
 * bare page reads the same slot.
 */

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The window both pages are drawn in. */
export const VIEWPORT = { width: 1400, height: 900 };
/** Mouse moves of one drag, 2 px right and 1 px down each. */
export const DRAG_MOVES = 120;
/** Time between two mouse moves of a drag: one per frame at 60 Hz. */
const MOVE_INTERVAL_MS = 1000 / 60;

export type PageName = 'designer' | 'bare';

/** A page built and served, with what its index.html loads at once. */
export interface Site {
  readonly name: PageName;
  readonly served: ServedBuild;
  /** Paths of the JavaScript index.html loads at once: its entry and the modulepreload links. */
  readonly initialScripts: ReadonlySet<string>;
}

interface ScriptLoaded {
  readonly path: string;
  readonly gzipped: number;
}

/** A script response of a page, whose body is read once the page has been timed. */
interface ScriptResponse {
  readonly path: string;
  readonly response: Response;
}

/** A page opened on a flow, drawn and answering clicks. */
export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** ms from navigation start until every node and edge is drawn. */
  readonly drawnAt: number;
  /** ms from navigation start until a click on a node has selected it. */
  readonly interactiveAt: number;
  /**
   * Every JavaScript file the page loads. Their bodies are fetched and gzipped after the timing, in
   * closeAndSumScripts: done as each response arrived, the fetch (the whole file over the DevTools
   * protocol) and a level-9 gzip of 600 kB held this process's event loop, which also runs the
   * preview server, while the page was still asking it for its next scripts, and took CPU from the
   * page on a 2-core machine; the page with more scripts (the designer) lost more.
   */
  readonly scripts: ScriptResponse[];
}

/** JavaScript a page loaded, in kB (1,000 bytes) gzipped at level 9. */
export interface ScriptSizes {
  /** index.html's entry and modulepreload links. */
  readonly initialKB: number;
  /** Everything loaded later (the designer's public holidays). */
  readonly lazyKB: number;
  /** Each file and its size, for the notes. */
  readonly initial: string;
  readonly lazy: string;
}

/**
 * Builds one page for production and serves it; reads which scripts its index.html loads at once.
 * `forProfiling` builds it unminified with source maps (bench/browser/profile.ts).
 */
export async function serveSite(name: PageName, { forProfiling = false } = {}): Promise<Site> {
  const suffix = forProfiling ? '-profiling' : '';
  const served =
    name === 'designer'
      ? await serveBuild({
          root: here('../../packages/flow-designer'),
          outDir: here(`../../.cache/bench/designer${suffix}`),
          forProfiling,
        })
      : await serveBuild({
          root: here('bare'),
          configFile: here('vite.config.ts'),
          outDir: here(`../../.cache/bench/bare${suffix}`),
          forProfiling,
        });
  const html = await (await fetch(served.url)).text();
  const initialScripts = new Set(
    [
      ...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
      ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
    ].map((match) => new URL(match[1]!, served.url).pathname),
  );
  if (initialScripts.size === 0) throw new Error(`${name}: index.html loads no module script`);
  return { name, served, initialScripts };
}

/** A new browser context (empty cache) whose localStorage holds `grid`'s flow in its autosave slot. */
export async function seededContext(browser: Browser, site: Site, grid: GridFlow): Promise<BrowserContext> {
  const slot = { format: 'ringflow.autosave/v1', savedAt: new Date().toISOString(), flow: grid.flow };
  const context = await browser.newContext({
    viewport: VIEWPORT,
    storageState: {
      cookies: [],
      origins: [
        {
          origin: new URL(site.served.url).origin,
          localStorage: [{ name: `ringflow.autosave.${String(grid.flow.id)}`, value: JSON.stringify(slot) }],
        },
      ],
    },
  });
  await context.addInitScript({ content: NAME_SHIM });
  return context;
}

/**
 * Opens `site` on `grid` in `context` and times it: from navigation start until every node and
 * edge is drawn, then until a mouse click on the middle node has selected it.
 */
export async function openFlow(
  context: BrowserContext,
  site: Site,
  grid: GridFlow,
  page?: Page,
): Promise<OpenedPage> {
  const tab = page ?? (await context.newPage());
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  const scripts: ScriptResponse[] = [];
  tab.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push({ path: new URL(response.url()).pathname, response });
  });
  await tab.goto(`${site.served.url}?flow=${String(grid.flow.id)}`, { waitUntil: 'commit' });
  const expected = { nodes: grid.nodes, edges: grid.edges, id: grid.middle };
  let drawn;
  try {
    drawn = await (
      await tab.waitForFunction(renderedNode, expected, { polling: 'raf', timeout: 90_000 })
    ).jsonValue();
  } catch (error) {
    const counts = await tab.evaluate(drawnCounts).catch(() => undefined);
    throw new Error(
      `${site.name} never drew ${grid.nodes} nodes and ${grid.edges} edges (drawn: ${counts?.nodes ?? '?'} nodes, ${counts?.edges ?? '?'} edges; page errors: ${errors.join('; ') || 'none'})`,
      { cause: error },
    );
  }
  if (drawn === false) throw new Error('unreachable: waitForFunction resolved on false');
  await tab.mouse.click(drawn.x, drawn.y);
  const interactiveAt = await (
    await tab.waitForFunction(selectedAt, grid.middle, { polling: 'raf', timeout: 30_000 })
  ).jsonValue();
  if (interactiveAt === false) throw new Error('unreachable: waitForFunction resolved on false');
  if (errors.length > 0) throw new Error(`${site.name}: page errors: ${errors.join('; ')}`);
  return { context, page: tab, drawnAt: drawn.at, interactiveAt, scripts };
}

/** Lets what a page loads after its first paint (the designer's public holidays) arrive and apply. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
}

/**
 * Drags node `id` with the mouse (down, DRAG_MOVES small moves, up) while the page records the
 * timestamp of every frame; returns the intervals between frames during the drag, in ms.
 * Moves are sent at a steady 60 per second without waiting for the page, as a hand moves a mouse:
 * waiting for each would let a slow page (or a loaded machine) space the moves out, and the idle
 * frames between them would thin out the p95.
 */
export async function dragFrames(page: Page, id: string): Promise<number[]> {
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  const before = await node.boundingBox();
  if (before === null) throw new Error(`node ${id} is not on screen`);
  const x = before.x + before.width / 2;
  const y = before.y + before.height / 2;
  await page.mouse.move(x, y);
  await page.evaluate(startFrames);
  await page.mouse.down();
  const sent: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 1; i <= DRAG_MOVES; i++) {
    const wait = start + i * MOVE_INTERVAL_MS - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    sent.push(page.mouse.move(x + 2 * i, y + i));
  }
  await Promise.all(sent);
  await page.mouse.up();
  const frames = await page.evaluate(stopFrames);
  const after = await node.boundingBox();
  const moved = after === null ? 0 : Math.hypot(after.x - before.x, after.y - before.y);
  // A drag that did not move the node measured nothing.
  if (moved < DRAG_MOVES / 2) throw new Error(`the drag moved node ${id} by ${moved.toFixed(0)} px only`);
  return frames.slice(1).map((time, i) => time - frames[i]!);
}

/**
 * Moves node `id` `edits` times with the arrow keys (one edit each, alternately right and left),
 * waiting for each edit's validation; returns the durations the designer measured
 * ('ringflow:validate').
 */
export async function validationPerEdit(page: Page, id: string, edits: number): Promise<number[]> {
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  if (!(await page.evaluate(nodeHasFocus, id))) await node.focus();
  await page.evaluate(clearValidations);
  for (let i = 0; i < edits; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForFunction(validationsReached, i + 1, { polling: 'raf', timeout: 10_000 });
  }
  return page.evaluate(validationDurations);
}

/** Closes the page's context once its network is idle; sums the JavaScript it loaded. */
export async function closeAndSumScripts(opened: OpenedPage, site: Site): Promise<ScriptSizes> {
  await opened.page.waitForLoadState('networkidle');
  const scripts = await Promise.all(
    opened.scripts.map(async ({ path, response }) => ({
      path,
      gzipped: gzipSync(await response.body(), { level: 9 }).length,
    })),
  );
  await opened.context.close();
  const initial = scripts.filter((script) => site.initialScripts.has(script.path));
  const lazy = scripts.filter((script) => !site.initialScripts.has(script.path));
  const sum = (list: ScriptLoaded[]) => list.reduce((total, script) => total + script.gzipped, 0) / 1000;
  const describe = (list: ScriptLoaded[]) =>
    list.map((script) => `${script.path} ${(script.gzipped / 1000).toFixed(1)} kB`).join(', ') || 'none';
  return { initialKB: sum(initial), lazyKB: sum(lazy), initial: describe(initial), lazy: describe(lazy) };
}
