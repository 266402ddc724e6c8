import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, serveDesigner } from './browser.js';

// What the designer's end-to-end files share: the production build served with Chromium around a
// file's tests, pages on it, a work folder, screenshots, the real `ringflow validate` and axe-core.

/** The repository's root folder. */
export const repo = fileURLToPath(new URL('../../../', import.meta.url));

const ringflow = join(repo, 'packages/flow-runtime-adapters/bin/ringflow.js');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const run = promisify(execFile);

/** The designer served on loopback and a Chromium, for the tests of one file. */
export interface DesignerInChromium {
  /** The designer's address, ending with `/`: a query (`?lang=en`) follows it directly. */
  readonly url: string;
  readonly browser: Browser;
  /**
   * A new page in a context of its own (its own storage) on `query`, once the canvas is drawn.
   * `errors` collects the page's uncaught errors: a test expects it empty.
   */
  open(query: string, context?: BrowserContextOptions): Promise<{ page: Page; errors: string[] }>;
}

/**
 * Builds and serves the designer, and launches Chromium, before the file's tests; stops both after
 * them. Call it at the top of the file: hooks registered after it run once it has started, and their
 * `afterAll` before it stops.
 */
export function designerInChromium(): DesignerInChromium {
  let site: { url: string; close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await serveDesigner();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  const started = () => {
    if (site === undefined || browser === undefined) throw new Error('the designer starts in beforeAll');
    return { site, browser };
  };
  return {
    get url() {
      return started().site.url;
    },
    get browser() {
      return started().browser;
    },
    async open(query, context) {
      const page = await (await started().browser.newContext(context)).newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${started().site.url}${query}`);
      await page.locator('.react-flow').first().waitFor();
      return { page, errors };
    },
  };
}

/** A temporary folder made before the file's tests and removed after them; the getter gives its path. */
export function workFolder(prefix: string): () => string {
  let folder: string | undefined;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });
  return () => {
    if (folder === undefined) throw new Error('the work folder is made in beforeAll');
    return folder;
  };
}

/**
 * Where a screenshot goes: docs/images when `RINGFLOW_SCREENSHOTS=docs` (how docs/designer.md's
 * pictures are made), else the git-ignored .cache folder.
 */
export function screenshotPath(name: string): string {
  return join(repo, process.env.RINGFLOW_SCREENSHOTS === 'docs' ? 'docs/images' : '.cache', name);
}

/** `ringflow validate FILE --json`, as an admin would run it on an exported file: exit code and report. */
export async function ringflowValidate(
  file: string,
): Promise<{ code: number; report: { ok: boolean; errors: unknown[] } }> {
  try {
    const { stdout } = await run(process.execPath, [ringflow, 'validate', file, '--json']);
    return { code: 0, report: JSON.parse(stdout) as { ok: boolean; errors: unknown[] } };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, report: JSON.parse(failed.stdout) as { ok: boolean; errors: unknown[] } };
  }
}

/** axe-core's violations on the page as it is (rule id and the first target of each). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
