/**
 * Vite builds the demo dashboard (demo/ → demo-dist/), which the reference server serves.
 * The library itself is compiled module-for-module by tsc (scripts/build.mjs), so that every
 * element has its own entry and lit/rxjs stay peer imports for the host app's bundler.
 */
import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { minifyCssTemplatesVite } from './scripts/minify-css-templates.mjs';

export default defineConfig({
  root: resolve(import.meta.dirname, 'demo'),
  publicDir: false,
  // The CSS in Lit css`` templates, minified at build time (JS minifiers keep template text as is).
  plugins: [minifyCssTemplatesVite()],
  base: '/',
  build: {
    outDir: resolve(import.meta.dirname, 'demo-dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: {
        index: resolve(import.meta.dirname, 'demo/index.html'),
      },
      checks: {
        // The dashboard registers every element up front on purpose; the library's own lazy
        // import of <json-view> is for pages that use <rollout-table> alone.
        ineffectiveDynamicImport: false,
        // "JavaScript callbacks ran for N s": machine load, not a problem with the build.
        bundlerTimings: false,
      },
    },
  },
  esbuild: { target: 'es2022' },
  server: {
    port: 5173,
    // `npm run dev` (scripts/dev.mjs): every API goes to the reference server.
    proxy: Object.fromEntries(
      ['/live', '/logs', '/api', '/v1', '/agl-seed', '/admin', '/sandboxes', '/relay'].map((path) => [
        path,
        { target: process.env.TELLTALE_API || 'http://127.0.0.1:8787', changeOrigin: false },
      ]),
    ),
  },
});
