import type { FlowDocument } from '@ringflow/flow-core';
import { afterAll, beforeAll } from 'vitest';
import type { AsteriskAriAdapterOptions } from '../adapter.js';
import type { LabAsterisk } from './lab.js';
import { createLocalCallers, type LocalCallers } from './local-caller.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import { startAriWorld, type AriWorld } from './world.js';

/*
 * Test tooling: the scaffolding every real-Asterisk test file shares. One lab Asterisk per file,
 * started before its tests and stopped after them, with the callers (Local channels) into it and,
 * for the files that cut the link, a TCP proxy in front of its HTTP port. Vitest-only: this folder
 * is not part of the package build.
 */

/** A test file's lab, reached through accessors that throw until the file's `beforeAll` ran. */
export interface AriLab {
  /** The file's Asterisk. */
  lab(): LabAsterisk;
  /** The callers into it. */
  callers(): LocalCallers;
  /** The TCP proxy in front of its HTTP port; only with `{ proxy: true }`. */
  proxy(): TcpProxy;
  /** Starts a world ({@link startAriWorld}) on the lab; it is closed after the file's tests. */
  world(flow: FlowDocument, options?: Partial<AsteriskAriAdapterOptions>): Promise<AriWorld>;
}

/**
 * Gives the calling test file a lab Asterisk for all its tests: registers a `beforeAll` that runs
 * `start`, connects the callers and, with `proxy`, starts a TCP proxy; and an `afterAll` that closes
 * the worlds, then the proxy, the callers and the lab. Call it at the top level of the file.
 *
 * @example
 * const { world } = useAriLab(() => startLabAsterisk('ari-adapter', 1));
 * it('answers', async () => {
 *   const w = await world(flow);
 *   const call = await w.place();
 *   await call.answered;
 * });
 */
export function useAriLab(start: () => Promise<LabAsterisk>, options: { proxy?: boolean } = {}): AriLab {
  let lab: LabAsterisk | undefined;
  let callers: LocalCallers | undefined;
  let proxy: TcpProxy | undefined;
  const worlds: AriWorld[] = [];

  beforeAll(async () => {
    lab = await start();
    callers = await createLocalCallers(lab);
    if (options.proxy === true) proxy = await startTcpProxy(lab.httpPort);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(worlds.map((world) => world.close()));
    await proxy?.close();
    await callers?.close();
    await lab?.stop();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`useAriLab: ${what} is not started yet; reach it from a test or a later hook`);
    return value;
  };

  return {
    lab: () => started(lab, 'the lab Asterisk'),
    callers: () => started(callers, 'the callers'),
    proxy: () => {
      if (options.proxy !== true)
        throw new Error('useAriLab: this test file has no TCP proxy; ask for one with { proxy: true }');
      return started(proxy, 'the TCP proxy');
    },
    async world(flow, worldOptions) {
      const created = await startAriWorld(
        started(lab, 'the lab Asterisk'),
        started(callers, 'the callers'),
        flow,
        worldOptions,
      );
      worlds.push(created);
      return created;
    },
  };
}
