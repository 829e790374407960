// Builds what `npm start` serves in demo-dist/: the dashboard (Vite), the library for pages with
// no bundler — split (/bundle/telltale.js + /bundle/chunks/: every element, the hub, lit and rxjs,
// rarely used parts loaded when used) and in one file (/telltale.bundle.js) — and the plain-HTML
// portal page that loads the split one (/portal.html) — a page with no bundler, as a portal would be.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { buildBundle, buildSplitBundle } from './bundle.mjs';

execFileSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
await buildSplitBundle('demo-dist/bundle');
await buildBundle('demo-dist/telltale.bundle.js');
copyFileSync('demo/portal.html', 'demo-dist/portal.html');
// A classic script Vite leaves alone (it must block, before the first paint): copied as is.
copyFileSync('demo/theme.js', 'demo-dist/theme.js');
console.log('built demo-dist/ (dashboard, portal.html, bundle/telltale.js + chunks, telltale.bundle.js)');
