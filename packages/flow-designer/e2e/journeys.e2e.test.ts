import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  designerInChromium,
  repo,
  ringflowValidate,
  screenshotPath,
  workFolder,
} from './designer-harness.js';

/*
 * What a new admin does, in Chromium, on the production build: import and export files, checked by
 * the real `ringflow validate`; and an accessibility scan of the main views with axe-core.
 */

const designer = designerInChromium();
const work = workFolder('ringflow-e2e-');

/** A new page (its own storage) on `query`, on a laptop's screen. */
const open = (query: string) =>
  designer.open(query, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });

/** Clicks Export and saves the download; returns its path. */
async function exportFlow(page: Page, name: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^(Exporter|Export)$/ }).click();
  const file = join(work(), name);
  await (await download).saveAs(file);
  return file;
}

/** Chooses `file` in the Import file input. */
async function importFile(page: Page, file: string): Promise<void> {
  await page.getByLabel(/^(Fichier de flux à importer|Flow file to import)$/).setInputFiles(file);
}

describe('files, as an admin uses them', () => {
  it('exports a flow exactly as ringflow validate accepts it, and imports it again', async () => {
    const { page, errors } = await open('?example=onoff-greeting');
    const file = await exportFlow(page, 'onoff-greeting.json');
    expect(readFileSync(file, 'utf8')).toBe(
      readFileSync(join(repo, 'examples/onoff-greeting/flow.json'), 'utf8'),
    );
    const { code, report } = await ringflowValidate(file);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    // Import it on another example: the canvas now shows the imported flow.
    await page.goto(`${designer.url}?example=ringover-standard`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(17);
    await importFile(page, file);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(8);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('refuses a broken file, lists its problems and keeps the open flow', async () => {
    const { page, errors } = await open('?example=onoff-greeting&lang=en');
    const broken = join(work(), 'broken.json');
    writeFileSync(
      broken,
      '{\n  "format": "ringflow.flow/v1",\n  "id": "x",\n  "name": "Broken",\n  "timezone": "Europe/Paris",\n  "entry": "a",\n  "nodes": [ { "id": "a", "kind": "hangup", } ]\n}\n',
    );
    await importFile(page, broken);
    const dialog = page.getByRole('alertdialog', { name: 'Import refused' });
    await dialog.waitFor();
    await page.screenshot({ path: screenshotPath('designer-import-refused.png') });
    expect(await dialog.textContent()).toMatch(/line 7/);
    expect(await dialog.textContent()).toMatch(/invalid_json/);
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    // Nothing was replaced.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(8);
    // A file that is JSON but not a flow document is refused too, with every problem listed.
    const wrong = join(work(), 'wrong.json');
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
