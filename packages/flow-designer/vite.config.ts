import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The designer is built from flow-core's TypeScript sources (export condition `ringflow-source`), so
// `npm run designer` needs no prior build of flow-core.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['ringflow-source', 'module', 'browser', 'import', 'default'] },
  server: { fs: { allow: ['../..'] } },
});
