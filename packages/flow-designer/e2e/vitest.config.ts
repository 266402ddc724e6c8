import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../../vitest.shared.js';

// End-to-end tests: the designer built and served on loopback, driven in Debian's Chromium.
export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'flow-designer-e2e',
      include: ['**/*.e2e.test.ts'],
      environment: 'node',
      setupFiles: ['../../../test/setup/no-console.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  }),
);
