import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { designerInChromium } from './designer-harness.js';

const designer = designerInChromium();

async function open(query: string): Promise<Page> {
  const { page, errors } = await designer.open(query, { viewport: { width: 1400, height: 900 } });
  await page.locator('.react-flow__node').first().waitFor();
  expect(errors).toEqual([]);
  return page;
}

describe('the designer in Chromium (production build)', () => {
  it('opens an example with every node and edge drawn, in French by default', async () => {
    const page = await open('?example=onoff-greeting');
    // onoff-greeting has 8 nodes and 9 edges.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(8);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(9);
    await page.getByRole('tab', { name: /^Problèmes/ }).click();
    expect(await page.getByText('Aucun problème : le flux est valide.').count()).toBe(1);
    await page.close();
  });

  it('speaks English with ?lang=en', async () => {
    const page = await open('?example=ringover-standard&lang=en');
    await page.getByRole('tab', { name: /^Problems/ }).click();
    expect(await page.getByText('No problems: the flow is valid.').count()).toBe(1);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(17);
    await page.close();
  });

  it('runs a test call in the browser and lights its path up on the canvas', async () => {
    const page = await open('?example=onoff-greeting&lang=en');
    await page.getByRole('tab', { name: 'Test call' }).click();
    const panel = page.getByRole('region', { name: 'Test call' });
    await panel.getByLabel('Date and time (Europe/Paris)').fill('2026-11-24T10:30');
    await panel.getByRole('button', { name: 'Run' }).click();
    await expect
      .poll(() => panel.locator('.rf-test-call-outcome').getAttribute('data-outcome'))
      .toBe('answered');
    expect(await panel.locator('.rf-test-call-answered-by').textContent()).toBe('Léa Fontaine (lea)');
    // The first node of the path is the current one; a step moves the light to the next.
    const current = () => page.locator('.react-flow__node.rf-node-current').getAttribute('data-id');
    await expect.poll(current).toBe('accueil');
    await panel.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(current).toBe('horaires');
    expect(await page.locator('.react-flow__node.rf-node-visited').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({
      path: new URL('../../../.cache/designer-test-call.png', import.meta.url).pathname,
    });
    await page.close();
  });
});
