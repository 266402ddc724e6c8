import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'flow-runtime-adapters',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: ['../../test/setup/no-console.ts'],
      // The end-to-end tests spawn bin/ringflow.js, which runs dist/: build it from the sources first.
      globalSetup: ['./test/global-setup.ts'],
    },
  }),
);
