import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveDesigner } from './browser.js';

let browser: Browser;
let site: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  site = await serveDesigner();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.url}${query}`);
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
    expect(await page.getByText('Aucun problème : le flux est valide.').count()).toBe(1);
    await page.close();
  });

  it('speaks English with ?lang=en', async () => {
    const page = await open('?example=ringover-standard&lang=en');
    expect(await page.getByText('No problems: the flow is valid.').count()).toBe(1);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(17);
    await page.close();
  });
});
