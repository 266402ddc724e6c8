import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

/** Debian's Chromium, installed by .ci/run (`apt-get install chromium`); never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds the designer for production and serves it on loopback; returns its URL and a stop. */
export async function serveDesigner(): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = fileURLToPath(new URL('../../../.cache/designer-e2e', import.meta.url));
  await build({ root, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({
    root,
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('the preview server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((done) => server.httpServer.close(() => done())),
  };
}

/** Launches headless Chromium as this sandbox needs it (no network of its own, no first-run). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install it with "apt-get install chromium"`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
