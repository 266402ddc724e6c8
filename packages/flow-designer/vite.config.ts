import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The designer is built from flow-core's TypeScript sources (export condition `ringflow-source`), so
// `npm run designer` needs no prior build of flow-core.
// The same resolution is used by the designer's tests (vitest.config.ts).
export default defineConfig({
  plugins: [react()],
  resolve: {
    conditions: ['ringflow-source', 'module', 'browser', 'import', 'default'],
    // flow-core without public holidays: they are loaded after the first paint (src/editor/holidays.ts).
    alias: [{ find: /^@ringflow\/flow-core$/, replacement: '@ringflow/flow-core/core' }],
  },
  server: { fs: { allow: ['../..'] } },
});
