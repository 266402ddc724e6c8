import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig } from 'vitest/config';
import designerVite from './vite.config.js';

// Every story is a test, run in Debian's Chromium (never a downloaded browser): a story renders
// without error, and its play function's assertions pass. The Vite settings are the designer's own
// (React, flow-core from its sources, browser export conditions), not the Node ones of vitest.shared.
export default mergeConfig(
  designerVite,
  defineProject({
    plugins: [
      storybookTest({
        configDir: fileURLToPath(new URL('./.storybook', import.meta.url)),
        // Where `npm run storybook` serves it: the failure messages link to the story there.
        storybookUrl: 'http://127.0.0.1:6006',
      }),
    ],
    test: {
      name: 'flow-designer-stories',
      // A console call during a story fails it, as everywhere else in the repository.
      setupFiles: ['../../test/setup/no-console.ts'],
      browser: {
        enabled: true,
        headless: true,
        provider: playwright({
          launchOptions: {
            executablePath: '/usr/bin/chromium',
            args: [
              '--no-sandbox',
              '--disable-gpu',
              '--disable-quic',
              '--no-first-run',
              '--disable-background-networking',
              '--disable-component-update',
              '--disable-sync',
            ],
          },
        }),
        instances: [{ browser: 'chromium' }],
      },
    },
  }),
);
