import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Telltale's tags are custom elements, not Vue components: a compile-time option.
const TELLTALE_TAGS = new Set([
  'live-activity', 'worker-board', 'storage-overview', 'client-list', 'log-console',
  'rollout-table', 'settings-panel', 'connection-status', 'json-view', 'telltale-provider',
  'trace-view', 'resources-view',
]);

export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => TELLTALE_TAGS.has(tag) } } })],
  build: { target: 'es2022', chunkSizeWarningLimit: 1000 },
});
