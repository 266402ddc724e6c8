import { startLabAsterisk, type LabAsterisk, type LabPorts } from '../../src/asterisk-ari/testing/lab.js';

/*
 * The lab Asterisk of the fault tests and of the `ringflow serve` end-to-end test, on their own
 * ports (HTTP 18400-18449, SIP 15400-15449; the API of `ringflow serve` 18450-18499), so that they
 * never meet the adapter's or the conformance kit's instances.
 */

const FAULT_PORTS: LabPorts = { http: 18400, sip: 15400 };
/** First port of the `ringflow serve` HTTP API in these tests. */
export const API_PORT_BASE = 18450;

/** Starts a lab Asterisk for one test file; `slot` (0-49) picks its ports. */
export function startFaultLab(name: string, slot: number): Promise<LabAsterisk> {
  return startLabAsterisk(name, slot, { ports: FAULT_PORTS });
}

/** The channels Asterisk still has, by name (`core show channels concise`). */
export async function channelsLeft(lab: LabAsterisk): Promise<string[]> {
  const text = await lab.cli('core show channels concise');
  return text
    .split('\n')
    .map((line) => line.split('!')[0]!.trim())
    .filter((name) => name !== '');
}

/** Resolves when `check` resolves true, polling every 50 ms; rejects after `timeoutMs` with `what`. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until Asterisk holds no channel and no bridge any more (the calls' leftovers), and says
 * what is left when it does not happen within `timeoutMs`.
 */
export async function expectNoLeftovers(
  lab: LabAsterisk,
  bridges: () => Promise<readonly unknown[]>,
  timeoutMs = 5000,
): Promise<void> {
  let left: { channels: string[]; bridges: readonly unknown[] } = { channels: [], bridges: [] };
  await eventually(
    async () => {
      left = { channels: await channelsLeft(lab), bridges: await bridges() };
      return left.channels.length === 0 && left.bridges.length === 0;
    },
    'no channel and no bridge left',
    timeoutMs,
  ).catch(() => {
    throw new Error(`leftovers on Asterisk: ${JSON.stringify(left)}`);
  });
}
