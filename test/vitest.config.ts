import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.js';

// Repository-level checks: generated docs are fresh, doc links resolve, examples are valid.
export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'repo',
      include: ['**/*.test.ts'],
      // Its own project, run last (see asterisk-load/vitest.config.ts).
      exclude: ['asterisk-load/**', '**/node_modules/**'],
      setupFiles: ['./setup/no-console.ts'],
    },
  }),
);
