import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/*
 * Test tooling: the lab Asterisk of scripts/asterisk/instance.ts (a Debian chroot made by
 * scripts/asterisk/install.sh), loaded at run time so that the package build does not include the
 * repository's scripts. Only tests use it.
 */

/** The part of scripts/asterisk/instance.ts's AsteriskInstance the tests use. */
export interface LabAsterisk {
  readonly name: string;
  readonly ariUrl: string;
  readonly ariUser: string;
  readonly ariPassword: string;
  readonly ariPasswordFile: string;
  readonly httpPort: number;
  /** Host path where ARI recordings land. */
  readonly recordingsDir: string;
  readonly running: boolean;
  cli(command: string): Promise<string>;
  stop(): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
  logTail(lines?: number): Promise<string>;
}

interface InstanceModule {
  startAsterisk(options: {
    name?: string;
    httpPort?: number;
    sipPort?: number;
    root?: string;
    sipAgents?: { id: string; port: number }[];
  }): Promise<LabAsterisk>;
  defaultAsteriskRoot(): string;
}

/** The repository root (this file is packages/flow-runtime-adapters/src/asterisk-ari/testing/lab.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** The Asterisk chroot: RINGFLOW_ASTERISK_ROOT, else `<repo>/.cache/asterisk/root` (scripts/asterisk/install.sh). */
export function asteriskRoot(): string {
  return process.env.RINGFLOW_ASTERISK_ROOT ?? join(REPO_ROOT, '.cache/asterisk/root');
}

/** The ARI spec (rest-api/*.json) of the lab's Asterisk. */
export function restApiDir(): string {
  return join(asteriskRoot(), 'usr/share/asterisk/rest-api');
}

/** A family of test files' ports: slot N (0-49) of the range uses HTTP `http + N` and SIP `sip + N`. */
export interface LabPorts {
  readonly http: number;
  readonly sip: number;
}

/** Ports of this adapter's tests: HTTP 18200-18249, SIP 15200-15249; one slot per test file. */
const ADAPTER_PORTS: LabPorts = { http: 18200, sip: 15200 };

/**
 * Starts a lab Asterisk for one test file. `slot` (0-49) picks its ports in `options.ports` (default:
 * the adapter tests' range), so that test files running at the same time never share one.
 */
export async function startLabAsterisk(
  name: string,
  slot: number,
  options: { sipAgents?: { id: string; port: number }[]; ports?: LabPorts } = {},
): Promise<LabAsterisk> {
  if (!Number.isInteger(slot) || slot < 0 || slot > 49)
    throw new RangeError(`lab slot ${slot} is not in 0..49`);
  const script = join(REPO_ROOT, 'scripts/asterisk/instance.ts');
  if (!existsSync(script)) throw new Error(`the lab Asterisk launcher is missing: ${script}`);
  const module = (await import(pathToFileURL(script).href)) as InstanceModule;
  const ports = options.ports ?? ADAPTER_PORTS;
  return module.startAsterisk({
    name,
    httpPort: ports.http + slot,
    sipPort: ports.sip + slot,
    root: asteriskRoot(),
    ...(options.sipAgents ? { sipAgents: options.sipAgents } : {}),
  });
}
