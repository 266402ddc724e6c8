import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { asteriskRoot, REPO_ROOT, type LabAsterisk } from '../../src/asterisk-ari/testing/lab.js';

/*
 * The lab Asterisk of the fault tests and of the `ringflow serve` end-to-end test, on their own
 * ports (HTTP 18400-18449, SIP 15400-15449; the API of `ringflow serve` 18450-18499), so that they
 * never meet the adapter's or the conformance kit's instances.
 */

const HTTP_BASE = 18400;
const SIP_BASE = 15400;
/** First port of the `ringflow serve` HTTP API in these tests. */
export const API_PORT_BASE = 18450;

/** A lab Asterisk as scripts/asterisk/instance.ts gives it (with the chroot path helpers). */
export interface FaultLab extends LabAsterisk {
  readonly sipPort: number;
  readonly logFile: string;
  readonly pid: number | undefined;
}

interface InstanceModule {
  startAsterisk(options: {
    name: string;
    httpPort: number;
    sipPort: number;
    root: string;
  }): Promise<FaultLab>;
}

/** Starts a lab Asterisk for one test file; `slot` (0-49) picks its ports. */
export async function startFaultLab(name: string, slot: number): Promise<FaultLab> {
  if (!Number.isInteger(slot) || slot < 0 || slot > 49) throw new RangeError(`slot ${slot} is not in 0..49`);
  const script = join(REPO_ROOT, 'scripts/asterisk/instance.ts');
  if (!existsSync(script)) throw new Error(`the lab Asterisk launcher is missing: ${script}`);
  const module = (await import(pathToFileURL(script).href)) as InstanceModule;
  return module.startAsterisk({
    name,
    httpPort: HTTP_BASE + slot,
    sipPort: SIP_BASE + slot,
    root: asteriskRoot(),
  });
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
