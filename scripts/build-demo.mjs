// Builds what `npm start` serves in demo-dist/: the dashboard (Vite), the one-file library
// bundle (/telltale.bundle.js: every element, the hub, lit and rxjs) and the plain-HTML
// portal page that loads it (/portal.html) — a page with no bundler, as a portal would be.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { buildBundle } from './bundle.mjs';

execFileSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
await buildBundle('demo-dist/telltale.bundle.js');
copyFileSync('demo/portal.html', 'demo-dist/portal.html');
// A classic script Vite leaves alone (it must block, before the first paint): copied as is.
copyFileSync('demo/theme.js', 'demo-dist/theme.js');
console.log('built demo-dist/ (dashboard, portal.html, telltale.bundle.js)');
