import type { StorybookConfig } from '@storybook/react-vite';

// Storybook of the designer: every `*.stories.tsx` beside its component. The Vite settings (React
// plugin, flow-core from its TypeScript sources) come from the designer's own vite.config.ts.
const config: StorybookConfig = {
  stories: ['../src/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  addons: ['@storybook/addon-vitest'],
  // CI and the sandboxes have no network to spare: no telemetry, no version check.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;
