import { build, preview } from 'vite';

/** A production build served on loopback. */
export interface ServedBuild {
  /** The page's address, ending with a slash. */
  readonly url: string;
  readonly close: () => Promise<void>;
}

/**
 * `vite build` of the app at `root` into `outDir`, then `vite preview` of it on 127.0.0.1, as
 * e2e/browser.ts serves the designer. The benchmark builds both of its pages with this one function,
 * so the designer and the bare React Flow page are built and served alike, and into folders of its
 * own, so that a run of the designer's end-to-end tests cannot empty them under it.
 */
export async function serveBuild(options: {
  readonly root: string;
  readonly outDir: string;
  /** Default: the root's own vite.config.ts. */
  readonly configFile?: string;
  /** Readable and mapped to its sources, for profiles. Default: as `vite build` (minified, no map). */
  readonly forProfiling?: boolean;
}): Promise<ServedBuild> {
  const shared = {
    root: options.root,
    logLevel: 'silent' as const,
    ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
  };
  await build({
    ...shared,
    build: {
      outDir: options.outDir,
      emptyOutDir: true,
      ...(options.forProfiling === true ? { minify: false, sourcemap: true } : {}),
    },
  });
  const server = await preview({
    ...shared,
    build: { outDir: options.outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('the preview server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((done) => server.httpServer.close(() => done())),
  };
}
