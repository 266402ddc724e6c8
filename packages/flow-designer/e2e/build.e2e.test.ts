import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { designerInChromium, ringflowValidate, screenshotPath, workFolder } from './designer-harness.js';

/*
 * A new admin builds a Greeting flow from a blank canvas on the production build in Chromium: once
 * with the mouse (palette drag, handles, inspector), once with the keyboard alone. Each time the flow
 * is checked as an admin would: problems appear and go, undo and redo, the exported file passes the
 * real `ringflow validate`, it imports again, and a test call takes the right path.
 */

const designer = designerInChromium();
const work = workFolder('ringflow-build-');

/** A blank canvas, in English, on a full HD screen. */
async function blankFlow(): Promise<{ page: Page; errors: string[] }> {
  return designer.open('?lang=en', { viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
}

const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);
const nodeIds = (page: Page): Promise<string[]> =>
  page.locator('.react-flow__node').evaluateAll((all) => all.map((n) => n.getAttribute('data-id') ?? ''));
const edgeCount = (page: Page): Promise<number> => page.locator('.react-flow__edge').count();
const problemsTab = (page: Page): Locator => page.getByRole('tab', { name: /^Problems/ });
/** The number shown on the Problems tab (0 when there is none). */
const problemCount = async (page: Page): Promise<number> =>
  Number((await problemsTab(page).textContent())?.replace('Problems', '') || 0);

/** Drags a handle to a node's input with the mouse, as React Flow expects (pointer down, moves, up). */
async function connectWithMouse(page: Page, source: string, port: string, target: string): Promise<void> {
  const from = await node(page, source)
    .locator(`.react-flow__handle.source[data-handleid="${port}"]`)
    .boundingBox();
  const to = await node(page, target).locator('.react-flow__handle.target').boundingBox();
  if (from === null || to === null) throw new Error(`no handle for ${source}.${port} or ${target}`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Export, `ringflow validate`, import again: the same nodes come back. */
async function exportValidateImport(page: Page, name: string): Promise<void> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const file = join(work(), name);
  await (await download).saveAs(file);
  expect(await ringflowValidate(file)).toMatchObject({ code: 0, report: { ok: true, errors: [] } });
  const before = (await nodeIds(page)).sort();
  await page.getByRole('button', { name: 'New' }).click();
  await page.getByRole('button', { name: 'Create a blank flow' }).click();
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
  await page.getByLabel('Flow file to import').setInputFiles(file);
  await expect.poll(async () => (await nodeIds(page)).sort()).toEqual(before);
}

/** A test call on Tuesday 24 November 2026 at 10:30: Léa answers, the ring group is on the path. */
async function testCall(page: Page, ring: string): Promise<void> {
  await page.getByRole('tab', { name: 'Test call' }).click();
  const panel = page.getByRole('region', { name: 'Test call' });
  await panel.getByLabel('Date and time (Europe/Paris)').fill('2026-11-24T10:30');
  await panel.getByRole('button', { name: 'Run' }).click();
  await expect
    .poll(() => panel.locator('.rf-test-call-outcome').getAttribute('data-outcome'))
    .toBe('answered');
  expect(await panel.locator('.rf-test-call-answered-by').textContent()).toContain('Léa Martin');
  await panel.getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(() => node(page, ring).getAttribute('class'), { timeout: 15_000 })
    .toContain('rf-node-visited');
}

/** The accessible name of the focused element, roughly as a screen reader would announce it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (element === null || element === document.body) return '';
    const aria = element.getAttribute('aria-label');
    if (aria !== null) return aria;
    const by = element.getAttribute('aria-labelledby');
    if (by !== null)
      return by
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    const label = (element as HTMLInputElement).labels?.[0]?.textContent;
    if (label) return label.trim();
    return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab until the focused element is named `name`, as a keyboard user moves through the page. */
async function tabTo(page: Page, name: string | RegExp, limit = 600): Promise<void> {
  const seen: string[] = [];
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
    seen.push(focused);
  }
  throw new Error(
    `Tab never reached "${String(name)}"; focus went through: ${[...new Set(seen)].join(' | ')}`,
  );
}

describe('building a Greeting flow in Chromium', () => {
  it('with the mouse: palette, handles and inspector', async () => {
    const { page, errors } = await blankFlow();
    await page.getByRole('button', { name: 'New' }).click();
    await page.getByRole('button', { name: 'Create a blank flow' }).click();

    // The people and the opening hours, in the library.
    await page.getByRole('tab', { name: 'Library' }).click();
    for (const name of ['Léa Martin', 'Marc Petit']) {
      await page.getByRole('button', { name: 'Add an agent' }).click();
      const form = page.getByRole('form', { name: 'New agent' });
      await form.getByLabel('Name').fill(name);
      await form.getByRole('button', { name: 'Create' }).click();
    }
    await page.getByRole('tab', { name: /^Schedules/ }).click();
    await page.getByRole('button', { name: 'Add a schedule' }).click();
    const scheduleForm = page.getByRole('form', { name: 'New schedule' });
    await scheduleForm.getByLabel('Name').fill('Bureau');
    await scheduleForm.getByRole('button', { name: 'Create' }).click();
    // Open on Saturday morning too, painted on the weekly grid with the mouse.
    const first = await page.getByRole('gridcell', { name: /^Saturday 09:00–09:30/ }).boundingBox();
    const last = await page.getByRole('gridcell', { name: /^Saturday 11:30–12:00/ }).boundingBox();
    if (first === null || last === null) throw new Error('no Saturday cells');
    await page.mouse.move(first.x + 3, first.y + 3);
    await page.mouse.down();
    await page.mouse.move(last.x + 3, last.y + 3, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.getByLabel('Saturday', { exact: true }).inputValue()).toBe('09:00–12:00');

    // The steps, dragged from the palette.
    const palette = page.getByRole('navigation', { name: 'Steps' });
    const pane = page.locator('.react-flow__pane');
    const drop = async (title: string, x: number, y: number) =>
      palette.getByRole('button', { name: `Add: ${title}` }).dragTo(pane, { targetPosition: { x, y } });
    await drop('Announcement', 40, 200);
    // A new announcement has no text yet: flow-core says so, on the node and in the Problems tab.
    await expect.poll(() => node(page, 'announcement-1').locator('.rf-badge-error').count()).toBe(1);
    expect(await problemCount(page)).toBeGreaterThan(0);
    await drop('Business hours', 340, 200);
    await drop('Ring group', 640, 60);
    await drop('Voicemail', 940, 60);
    await drop('Hang up', 640, 420);
    expect(await nodeIds(page)).toEqual([
      'announcement-1',
      'businessHours-1',
      'ringGroup-1',
      'voicemail-1',
      'hangup-1',
    ]);

    // The inspector: the welcome text, the schedule, the members.
    await page.getByRole('tab', { name: 'Properties' }).click();
    await node(page, 'announcement-1').click();
    await page.getByLabel('Text spoken').fill('Bonjour et bienvenue chez Boulangerie Lefèvre.');
    await expect.poll(() => node(page, 'announcement-1').locator('.rf-badge-error').count()).toBe(0);
    await node(page, 'businessHours-1').click();
    await page.getByLabel('Schedule', { exact: true }).selectOption({ label: 'Bureau' });
    await node(page, 'ringGroup-1').click();
    for (const name of ['Léa Martin', 'Marc Petit']) {
      await page.getByLabel('Agent or group to add').selectOption({ label: name });
      await page.getByRole('button', { name: 'Add this member' }).click();
    }

    // The wiring, handle to node.
    await connectWithMouse(page, 'announcement-1', 'next', 'businessHours-1');
    await connectWithMouse(page, 'businessHours-1', 'open', 'ringGroup-1');
    await connectWithMouse(page, 'businessHours-1', 'closed', 'hangup-1');
    await connectWithMouse(page, 'ringGroup-1', 'noAnswer', 'voicemail-1');
    await connectWithMouse(page, 'ringGroup-1', 'unavailable', 'voicemail-1');
    await expect.poll(() => edgeCount(page)).toBe(5);
    await expect.poll(() => page.locator('.rf-badge-error').count()).toBe(0);

    // Undo takes the last connection away, redo brings it back.
    await page.locator('.react-flow__pane').click({ position: { x: 900, y: 700 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => edgeCount(page)).toBe(4);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => edgeCount(page)).toBe(5);
    await page.screenshot({ path: screenshotPath('designer-greeting-built.png') });

    await exportValidateImport(page, 'greeting-mouse.json');
    await testCall(page, 'ringGroup-1');
    await page.screenshot({ path: screenshotPath('designer-greeting-test-call.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('with the keyboard alone', async () => {
    const { page, errors } = await blankFlow();
    const keys = page.keyboard;
    await tabTo(page, 'New');
    await keys.press('Enter');
    await tabTo(page, 'Create a blank flow');
    await keys.press('Enter');

    // The library: agents and a schedule (Monday to Friday, 9:00 to 18:00 by default).
    await tabTo(page, 'Properties');
    await keys.press('ArrowRight');
    for (const name of ['Alice Martin', 'Bruno Petit']) {
      await tabTo(page, 'Add an agent');
      await keys.press('Enter');
      // The new agent's form takes the focus in its Name field; Enter creates it.
      await expect.poll(() => focusedName(page)).toBe('Name');
      await keys.type(name);
      await keys.press('Enter');
    }
    await expect.poll(() => page.getByRole('tab', { name: /^Agents/ }).textContent()).toBe('Agents 2');
    await tabTo(page, /^Agents/);
    await keys.press('ArrowRight');
    await keys.press('ArrowRight');
    await tabTo(page, 'Add a schedule');
    await keys.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Name');
    await keys.type('Bureau');
    await keys.press('Enter');

    // Steps from the palette with Enter: each new one follows the selected one.
    await tabTo(page, 'Add: Announcement');
    await keys.press('Enter');
    await tabTo(page, 'Add: Business hours');
    await keys.press('Enter');
    await tabTo(page, 'Add: Ring group');
    await keys.press('Enter');
    expect(await nodeIds(page)).toEqual(['announcement-1', 'businessHours-1', 'ringGroup-1']);
    await expect.poll(() => edgeCount(page)).toBe(2);

    // The ring group is selected: its inspector wires "no answer" to a new voicemail step.
    await tabTo(page, 'Library');
    await keys.press('ArrowLeft');
    // Both agents, picked from the library by typing the start of their name.
    for (const member of ['Alice Martin', 'Bruno Petit']) {
      await tabTo(page, 'Agent or group to add');
      await keys.type(member.slice(0, 5));
      await tabTo(page, 'Add this member');
      await keys.press('Enter');
      await expect.poll(() => node(page, 'ringGroup-1').textContent()).toContain(member);
    }
    await tabTo(page, 'Next step after “No answer”');
    await keys.press('End');
    await tabTo(page, 'Kind of the new step after “No answer”');
    await keys.type('Voicemail');
    await tabTo(page, 'Add and connect');
    await keys.press('Enter');
    await expect.poll(() => nodeIds(page)).toContain('voicemail-1');
    // The voicemail is selected now; back to the ring group by its name on the canvas.
    await tabTo(page, /^Ring group: ringGroup-1/);
    await keys.press('Enter');
    await tabTo(page, 'Next step after “Nobody available”');
    await keys.type('voicemail-1');

    // The business hours: its schedule, and a hang-up when closed.
    await tabTo(page, /^Business hours: businessHours-1/);
    await keys.press('Enter');
    await tabTo(page, 'Schedule');
    await keys.type('Bureau');
    await tabTo(page, 'Next step after “Closed”');
    await keys.press('End');
    await tabTo(page, 'Kind of the new step after “Closed”');
    await keys.type('Hang up');
    await tabTo(page, 'Add and connect');
    await keys.press('Enter');
    await expect.poll(() => edgeCount(page)).toBe(5);

    // The announcement has no text yet: an error, until the text is typed.
    await tabTo(page, /^Announcement: announcement-1/);
    await keys.press('Enter');
    expect(await node(page, 'announcement-1').locator('.rf-badge-error').count()).toBe(1);
    await tabTo(page, 'Text spoken');
    await keys.type('Bonjour et bienvenue chez Boulangerie Lefèvre.');
    await expect.poll(() => page.locator('.rf-badge-error').count()).toBe(0);

    // Undo and redo from the canvas.
    await tabTo(page, /^Announcement: announcement-1/);
    await keys.press('Control+z');
    await expect.poll(() => node(page, 'announcement-1').locator('.rf-badge-error').count()).toBe(1);
    await keys.press('Control+Shift+z');
    await expect.poll(() => page.locator('.rf-badge-error').count()).toBe(0);

    // Export with the keyboard, check the file, import it with the keyboard.
    const download = page.waitForEvent('download');
    await tabTo(page, 'Export');
    await keys.press('Enter');
    const file = join(work(), 'greeting-keyboard.json');
    await (await download).saveAs(file);
    expect(await ringflowValidate(file)).toMatchObject({ code: 0, report: { ok: true, errors: [] } });
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, 'Import');
    await keys.press('Enter');
    await (await chooser).setFiles(file);
    await expect.poll(() => nodeIds(page)).toHaveLength(5);

    // A test call, typed.
    await tabTo(page, /^Properties/);
    await keys.press('ArrowRight');
    await keys.press('ArrowRight');
    await keys.press('ArrowRight');
    const panel = page.getByRole('region', { name: 'Test call' });
    await tabTo(page, 'Date and time (Europe/Paris)');
    await panel.getByLabel('Date and time (Europe/Paris)').pressSequentially('11242026');
    await keys.press('ArrowRight');
    await keys.type('1030AM');
    await tabTo(page, 'Run');
    await keys.press('Enter');
    await expect
      .poll(() => panel.locator('.rf-test-call-outcome').getAttribute('data-outcome'))
      .toBe('answered');
    expect(await panel.locator('.rf-test-call-answered-by').textContent()).toContain('Alice Martin');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
