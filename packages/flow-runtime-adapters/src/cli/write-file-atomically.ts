import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces the content of an existing file so that readers see either the old content or the new
 * one, never a mix: writes a temporary file in the same folder (so the rename cannot cross file
 * systems), flushes it to disk, then renames it over the target. Keeps the file's permission bits;
 * a symbolic link is followed and stays a link. On failure the target is untouched and the
 * temporary file is removed.
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const target = await realpath(path);
  const { mode } = await stat(target);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    // `wx` fails if the name exists: never write through someone else's file or link.
    handle = await open(temp, 'wx', 0o600);
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode & 0o7777);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
