// Builds what `npm start` serves in demo-dist/: the dashboard (Vite), the one-file library
// bundle (/telltale.bundle.js: every element, the hub, lit and rxjs) and the plain-HTML
// portal page that loads it (/portal.html) — a page with no bundler, as a portal would be.
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { minifyCssTemplatesEsbuild } from './minify-css-templates.mjs';

execFileSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
const out = await build({
  entryPoints: ['src/all.ts'], bundle: true, format: 'esm', minify: true, write: false, target: 'es2022',
  tsconfig: 'tsconfig.json', legalComments: 'none', logLevel: 'error', sourcemap: false,
  plugins: [minifyCssTemplatesEsbuild()],
});
writeFileSync('demo-dist/telltale.bundle.js', out.outputFiles[0].contents);
copyFileSync('demo/portal.html', 'demo-dist/portal.html');
// A classic script Vite leaves alone (it must block, before the first paint): copied as is.
copyFileSync('demo/theme.js', 'demo-dist/theme.js');
console.log('built demo-dist/ (dashboard, portal.html, telltale.bundle.js)');
