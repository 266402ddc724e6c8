import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'flow-core',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: ['../../test/setup/no-console.ts', './test/setup/holidays.ts'],
    },
  }),
);
