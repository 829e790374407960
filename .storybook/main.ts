import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../src/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // Our own vite.config.ts builds the demo (root: demo/); Storybook must not inherit it.
  // lit/directive-helpers.js (which Storybook's web-components renderer imports) pre-bundled with
  // the rest of lit: served raw, it brought a second lit-html ("Multiple versions of Lit loaded").
  viteFinal: async (cfg) => ({
    ...cfg,
    root: undefined,
    build: {
      ...cfg.build,
      // Every story in one preview: large by nature, and <json-view> imported both ways on purpose.
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { ...cfg.build?.rolldownOptions, checks: { ineffectiveDynamicImport: false, bundlerTimings: false } },
    } as never,
    optimizeDeps: { ...cfg.optimizeDeps, include: [...(cfg.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'] },
  }),
};
export default config;
