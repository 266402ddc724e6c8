import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Builds both packages once before the tests, as the root `npm run build` does, so that the
 * end-to-end tests run `bin/ringflow.js` on the current sources rather than on a stale dist/.
 */
export default async function buildPackages(): Promise<void> {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const projects = [
    'packages/flow-core/tsconfig.build.json',
    'packages/flow-runtime-adapters/tsconfig.build.json',
  ];
  try {
    await promisify(execFile)(process.execPath, [tsc, '-b', ...projects], { cwd: root, encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`"tsc -b" failed, so the end-to-end tests cannot run the CLI:\n${stdout}${stderr}`, {
      cause: error,
    });
  }
}
