import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/*
 * Writes that survive a crash: a reader, or the process that restarts after a kill -9 or a power
 * cut, sees a file's old content or its new content, never a part of either.
 */

/** The temporary files of writeFileDurably end with this; a store removes strays when it opens. */
export const TEMP_SUFFIX = '.tmp';

/** Whether `name` is a temporary file left by writeFileDurably. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

/**
 * Flushes a folder's entries to disk, so that a file just created or renamed in it stays there
 * after a crash. File systems that cannot sync a folder (some network ones) are let be.
 */
export async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, constants.O_RDONLY);
    await handle.sync();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Writes `content` to `path`, replacing any file there, atomically and durably: the text goes to a
 * temporary file in the same folder (a rename never crosses file systems), which is flushed to
 * disk, renamed over the target, and the folder is flushed so the rename itself is on disk. On
 * failure the target is untouched and the temporary file removed.
 */
export async function writeFileDurably(path: string, content: string, mode = 0o644): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  let handle: FileHandle | undefined;
  try {
    // `wx`: never write through a file or link someone else put there.
    handle = await open(temp, 'wx', mode);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/**
 * Creates a folder and its missing parents, flushing each parent it adds an entry to, so that the
 * folder (and what is later written in it) survives a crash. `mode` applies to created folders.
 */
export async function makeFolderDurably(folder: string, mode = 0o755): Promise<void> {
  const first = await mkdir(folder, { recursive: true, mode });
  if (first === undefined) return;
  // Every folder from the first one created down to `folder` is new: flush the parent of each.
  let current = folder;
  const parents: string[] = [];
  for (;;) {
    parents.push(dirname(current));
    if (current === first || dirname(current) === current) break;
    current = dirname(current);
  }
  for (const parent of parents) await syncFolder(parent);
}

/** Removes the temporary files a crash left in `folder` (not in its subfolders). */
export async function removeStrayTempFiles(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (isTempFileName(name)) await rm(join(folder, name), { force: true });
  }
}
