import { randomUUID } from 'node:crypto';
import { link, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { TEMP_SUFFIX } from './durable-file.js';
import { StoreError } from './store-error.js';

/** The content of a lock file. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly since: string;
}

/** The locks this process holds, by token: a lock file naming our pid but none of these is stale. */
const heldTokens = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner> | null;
    if (typeof value?.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return value as LockOwner;
    }
  } catch {
    // Unreadable or half-written (a crash between create and write): nobody holds it.
  }
  return undefined;
}

/** Whether the owner recorded in a lock file is gone, so that the lock may be taken over. */
function isStale(owner: LockOwner | undefined): boolean {
  if (owner === undefined) return true;
  // Another machine (a shared network folder): we cannot tell, so the lock stands.
  if (owner.host !== hostname()) return false;
  // Our own pid but not one of our locks: a previous process that had the same pid (a container restart).
  if (owner.pid === process.pid) return !heldTokens.has(owner.token);
  return !isRunning(owner.pid);
}

/** A held lock; `release` removes the lock file. */
export interface FolderLock {
  release(): Promise<void>;
}

/**
 * Takes the lock of a store folder: one process at a time writes a store, or concurrent publishes
 * from two processes could claim the same version number. The lock file records the pid and the
 * host; a lock left by a process that is no longer running (killed with -9) is taken over.
 */
export async function lockFolder(path: string): Promise<FolderLock> {
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomUUID(),
    since: new Date().toISOString(),
  };
  const temp = `${path}.${owner.token}${TEMP_SUFFIX}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Written aside, then linked into place: the lock file is never seen half-written, and link
      // fails when the name exists, so two processes cannot both take it.
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(owner)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await link(temp, path);
      } finally {
        await rm(temp, { force: true });
      }
      heldTokens.add(owner.token);
      return {
        async release() {
          if (!heldTokens.delete(owner.token)) return;
          const current = await readOwner(path);
          if (current?.token === owner.token) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      const current = await readOwner(path);
      if (!isStale(current)) {
        const who = current === undefined ? 'another process' : `process ${current.pid} on ${current.host}`;
        throw new StoreError(
          'store_locked',
          `the store is in use by ${who}; stop it first, or remove ${path} if it is not running`,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new StoreError('store_locked', `could not take the lock ${path}`);
}
