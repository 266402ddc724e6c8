import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../flow-runtime-adapters/src/server/index.js';
import type { RunningServer } from '../../flow-runtime-adapters/src/server/index.js';
import { axeViolations, designerInChromium, repo, screenshotPath, workFolder } from './designer-harness.js';

/*
 * The designer connected to a real `ringflow serve` (the memory adapter, a temporary store, the
 * designer's origin allowed by CORS), in Chromium on the production build: an admin connects with
 * the token, opens a flow's draft, changes and saves it, publishes it; the number is routed and a
 * test call placed through the API, as an operator or a CI job would; the call then shows in "Last
 * calls" with its path lit up on the canvas. And axe-core scans the connect dialog and the panel.
 */

const FLOW_ID = 'accueil-agence';
const NUMBER = '+33536490000';

const designer = designerInChromium();
const store = workFolder('ringflow-server-e2e-');
let server: RunningServer;
let token: string;

const discard = { write: () => true };

beforeAll(async () => {
  server = await startServer(
    {
      storeDir: store(),
      adapter: 'memory',
      host: '127.0.0.1',
      port: 0,
      corsOrigins: [new URL(designer.url).origin],
      shutdownTimeoutMs: 1000,
    },
    { logs: discard, notices: discard },
  );
  if (server.token.kind !== 'generated') throw new Error('a new store generates its token');
  token = server.token.token;
});

afterAll(async () => {
  await server?.shutdown();
});

/** A request to the API, as curl would send it; the answer's JSON is read as `T`. */
async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${server.address.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

const visitedNodes = (page: Page): Promise<string[]> =>
  page
    .locator('.react-flow__node.rf-node-visited')
    .evaluateAll((all) => all.map((node) => node.getAttribute('data-id') ?? '').sort());

describe('the designer connected to ringflow serve', () => {
  it('opens, saves and publishes a draft, and shows the last call with its path on the canvas', async () => {
    // A draft on the server, as a colleague (or a provisioning script) left it.
    const example = JSON.parse(readFileSync(join(repo, 'examples/onoff-greeting/flow.json'), 'utf8'));
    const seeded = await api('PUT', `/v1/flows/${FLOW_ID}/draft`, {
      ...example,
      id: FLOW_ID,
      name: 'Accueil agence',
    });
    expect(seeded.status).toBe(200);

    const { page, errors } = await designer.open(
      `?lang=en&server=${encodeURIComponent(server.address.url)}`,
      { viewport: { width: 1600, height: 1000 } },
    );

    // `?server=` opens the connect dialog, with the address filled in.
    const connect = page.getByRole('dialog', { name: 'Connect to a server' });
    await connect.waitFor();
    expect(await connect.getByLabel('Server address').inputValue()).toBe(server.address.url);
    const dialogViolations = await axeViolations(page);
    await connect.getByLabel('API token').fill(token);
    await page.screenshot({ path: screenshotPath('designer-server-connect.png') });
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    const status = page.getByRole('group', { name: 'Server' });
    await status.getByText(`Connected to ${server.address.host}:${server.address.port}`).waitFor();
    expect(page.url()).not.toContain(token);

    // The server's flows; the draft opens on the canvas.
    await page.getByRole('tab', { name: 'Server', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Server', exact: true });
    await panel.getByRole('table', { name: 'Flows of the server (1)' }).waitFor();
    await page.screenshot({ path: screenshotPath('designer-server-flows.png') });
    await panel.getByRole('button', { name: 'Open “Accueil agence”' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(8);
    await status.getByText(/^Draft saved at/).waitFor();

    // A change, saved with Ctrl+S.
    await page.getByRole('button', { name: 'Add: Hang up' }).click();
    await status.getByText('Unsaved changes').waitFor();
    await page.keyboard.press('Control+s');
    await page.getByText(/^Draft saved on the server/).waitFor();
    const draft = await api<{ flow: { nodes: { kind: string }[] } }>('GET', `/v1/flows/${FLOW_ID}/draft`);
    expect(draft.json.flow.nodes.map((node) => node.kind)).toContain('hangup');
    expect(draft.json.flow.nodes).toHaveLength(9);

    // Published with a comment.
    await panel.getByRole('button', { name: 'Publish…' }).click();
    const publish = page.getByRole('dialog', { name: 'Publish “Accueil agence”' });
    await publish.getByLabel('Published by').fill('Camille Roux');
    await publish.getByLabel('Comment').fill('Hang-up step added');
    await publish.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText(/^Version 1 published/).waitFor();
    const versions = await api<{ versions: { author: string; comment: string }[] }>(
      'GET',
      `/v1/flows/${FLOW_ID}/versions`,
    );
    expect(versions.json.versions.map((v) => [v.author, v.comment])).toEqual([
      ['Camille Roux', 'Hang-up step added'],
    ]);

    // The number routed to the flow and a call placed, through the API.
    expect((await api('PUT', '/v1/routes', { routes: { [NUMBER]: FLOW_ID } })).status).toBe(200);
    const scenario = JSON.parse(
      readFileSync(join(repo, 'examples/onoff-greeting/scenarios/cascade-third-agent-answers.json'), 'utf8'),
    );
    const call = await api<{ record: { callId: string; path: string[] } }>('POST', '/v1/test-calls', {
      scenario,
    });
    expect(call.status).toBe(201);
    expect(call.json.record.path).toEqual(['accueil', 'horaires', 'boucle-appel']);

    // The call is in "Last calls"; chosen, its path lights up on the canvas.
    await panel.getByRole('tab', { name: 'Last calls' }).click();
    const calls = panel.getByRole('table', { name: /^Last calls/ });
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await calls.waitFor();
    const row = calls.locator(`tr[data-call="${call.json.record.callId}"]`);
    expect(await row.locator('[data-outcome]').getAttribute('data-outcome')).toBe('answered');
    await row.getByRole('button').click();
    await expect.poll(() => visitedNodes(page)).toEqual(['accueil', 'boucle-appel', 'horaires']);
    expect(await page.locator('.react-flow__node.rf-node-current').getAttribute('data-id')).toBe(
      'boucle-appel',
    );
    const details = panel.getByRole('region', { name: `Call ${call.json.record.callId}` });
    expect(await details.locator('.rf-test-call-answered-by').textContent()).toContain('ines');
    // The draft as saved is what version 1 published: the canvas shows what the call ran.
    expect(await details.getByText(/^This call ran version/).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('designer-server-calls.png') });

    // Accessibility of the connect dialog (scanned above) and of the panel, with a call shown.
    const panelViolations = await axeViolations(page);
    expect([
      ...dialogViolations.map((v) => `[connect] ${v}`),
      ...panelViolations.map((v) => `[panel] ${v}`),
    ]).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
