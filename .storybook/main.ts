import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../src/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // Our own vite.config.ts builds the demo (root: demo/); Storybook must not inherit it.
  viteFinal: async (cfg) => ({ ...cfg, root: undefined, build: { ...cfg.build, rolldownOptions: undefined } as never }),
};
export default config;
