import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveDesigner } from './browser.js';

/*
 * What a new admin does, in Chromium, on the production build: import and export files, checked by
 * the real `ringflow validate`; and an accessibility scan of the main views with axe-core.
 */

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const ringflow = join(repo, 'packages/flow-runtime-adapters/bin/ringflow.js');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
let site: { url: string; close: () => Promise<void> };
let work: string;

beforeAll(async () => {
  site = await serveDesigner();
  browser = await launchChromium();
  work = mkdtempSync(join(tmpdir(), 'ringflow-e2e-'));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * Where a screenshot goes: docs/images when `RINGFLOW_SCREENSHOTS=docs` (how docs/designer.md's
 * pictures are made), else the git-ignored .cache folder.
 */
function screenshot(name: string): string {
  return join(repo, process.env.RINGFLOW_SCREENSHOTS === 'docs' ? 'docs/images' : '.cache', name);
}

/** A new page (its own storage) on `query`, failing the test on any page error. */
async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.url}${query}`);
  await page.locator('.react-flow').first().waitFor();
  return { page, errors };
}

/** `ringflow validate FILE --json`, as an admin would run it on an exported file. */
async function validate(file: string): Promise<{ code: number; report: { ok: boolean; errors: unknown[] } }> {
  try {
    const { stdout } = await run(process.execPath, [ringflow, 'validate', file, '--json']);
    return { code: 0, report: JSON.parse(stdout) as { ok: boolean; errors: unknown[] } };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, report: JSON.parse(failed.stdout) as { ok: boolean; errors: unknown[] } };
  }
}

/** Clicks Export and saves the download; returns its path. */
async function exportFlow(page: Page, name: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^(Exporter|Export)$/ }).click();
  const file = join(work, name);
  await (await download).saveAs(file);
  return file;
}

/** Chooses `file` in the Import file input. */
async function importFile(page: Page, file: string): Promise<void> {
  await page.getByLabel(/^(Fichier de flux à importer|Flow file to import)$/).setInputFiles(file);
}

/** axe-core's violations on the page as it is (rule id and the first target of each). */
async function axeViolations(page: Page): Promise<string[]> {
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

describe('files, as an admin uses them', () => {
  it('exports a flow exactly as ringflow validate accepts it, and imports it again', async () => {
    const { page, errors } = await open('?example=onoff-greeting');
    const file = await exportFlow(page, 'onoff-greeting.json');
    expect(readFileSync(file, 'utf8')).toBe(
      readFileSync(join(repo, 'examples/onoff-greeting/flow.json'), 'utf8'),
    );
    const { code, report } = await validate(file);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    // Import it on another example: the canvas now shows the imported flow.
    await page.goto(`${site.url}?example=ringover-standard`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(17);
    await importFile(page, file);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(8);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('refuses a broken file, lists its problems and keeps the open flow', async () => {
    const { page, errors } = await open('?example=onoff-greeting&lang=en');
    const broken = join(work, 'broken.json');
    writeFileSync(
      broken,
      '{\n  "format": "ringflow.flow/v1",\n  "id": "x",\n  "name": "Broken",\n  "timezone": "Europe/Paris",\n  "entry": "a",\n  "nodes": [ { "id": "a", "kind": "hangup", } ]\n}\n',
    );
    await importFile(page, broken);
    const dialog = page.getByRole('alertdialog', { name: 'Import refused' });
    await dialog.waitFor();
    await page.screenshot({ path: screenshot('designer-import-refused.png') });
    expect(await dialog.textContent()).toMatch(/line 7/);
    expect(await dialog.textContent()).toMatch(/invalid_json/);
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    // Nothing was replaced.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(8);
    // A file that is JSON but not a flow document is refused too, with every problem listed.
    const wrong = join(work, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ format: 'ringflow.flow/v1', id: '1bad', nodes: [{ id: 'a' }] }));
    await importFile(page, wrong);
    const refused = page.getByRole('alertdialog', { name: 'Import refused' });
    await refused.waitFor();
    // Every problem is listed: the bad id, the missing name, time zone and entry, the node's kind.
    expect(await refused.getByRole('row').count()).toBeGreaterThan(4);
    await refused.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(8);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('accessibility', () => {
  it('axe-core finds no violation in the main views', async () => {
    const { page, errors } = await open('?example=ringover-standard');
    const found: string[] = [];
    // The canvas with each side panel open.
    for (const tab of ['Propriétés', 'Bibliothèque', 'Problèmes', 'Appel de test', 'Semaine']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      found.push(...(await axeViolations(page)).map((v) => `[${tab}] ${v}`));
    }
    // A node selected: the inspector's form.
    await page.locator('.react-flow__node').nth(2).click();
    await page.getByRole('tab', { name: /^Propriétés/ }).click();
    found.push(...(await axeViolations(page)).map((v) => `[inspector] ${v}`));
    // The start dialog and the greeting form.
    await page.getByRole('button', { name: 'Nouveau' }).click();
    found.push(...(await axeViolations(page)).map((v) => `[start] ${v}`));
    await page.getByRole('button', { name: 'Remplir le formulaire d’accueil' }).click();
    found.push(...(await axeViolations(page)).map((v) => `[greeting] ${v}`));
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
