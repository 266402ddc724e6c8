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
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React and React Flow in a chunk of their own, about half of the JavaScript the first paint
          // needs: the browser parses the two halves side by side (it streams each module script to a
          // background thread), and a new version of the designer leaves the other half cached.
          groups: [
            {
              name: 'react-flow',
              test: /node_modules[\\/](react|react-dom|scheduler|@xyflow[\\/][^\\/]+|d3-[a-z]+|zustand|classcat|use-sync-external-store)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
