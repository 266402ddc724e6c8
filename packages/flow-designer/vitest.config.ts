import react from '@vitejs/plugin-react';
import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    plugins: [react()],
    // As in the app (vite.config.ts): flow-core without public holidays, which test/setup-dom.ts
    // installs before each file (src/editor/holidays.test.ts sees them arrive late).
    resolve: { alias: [{ find: /^@ringflow\/flow-core$/, replacement: '@ringflow/flow-core/core' }] },
    test: {
      name: 'flow-designer',
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
      setupFiles: ['../../test/setup/no-console.ts', './test/setup-dom.ts'],
    },
  }),
);
