import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bare React Flow page of the designer benchmark, built like the designer (packages/flow-designer/
// vite.config.ts): the same React plugin, Vite's production defaults.
export default defineConfig({
  root: fileURLToPath(new URL('./bare', import.meta.url)),
  plugins: [react()],
});
