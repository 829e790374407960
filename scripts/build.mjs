// `npm run build` (and `npm pack`, through prepack): the library — ES modules and .d.ts per
// source file (tsc; source maps carry their sources inline, since src/ is not shipped), the
// builds for pages with no bundler (dist/bundle/: split, lazy parts in chunks; dist/telltale.bundle.js:
// one file), and
// custom-elements.json (the analyzer), which Storybook's docs and IDEs read.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { minifyTemplates } from './minify-css-templates.mjs';
import { buildBundle, buildSplitBundle } from './bundle.mjs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
run('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json']);
run('node_modules/.bin/tsc', ['-p', 'tsconfig.node.json']); // src/server, src/cli/relay: Node typings
// The CSS in css`` templates minified and the indentation of html``/svg`` templates removed, in
// place (app bundlers minify JS but keep template text byte for byte, so consumers would
// otherwise ship our indentation and comments). Newlines are kept, so tsc's line-based source
// maps stay exact.
let saved = 0;
for (const f of readdirSync('dist', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
  const path = `dist/${f}`;
  const code = readFileSync(path, 'utf8');
  const out = minifyTemplates(code, { fileName: path, keepLines: true });
  if (out !== code) writeFileSync(path, out);
  saved += code.length - out.length;
}
console.log(`css/html templates in dist/: ${(saved / 1024).toFixed(1)} KiB of whitespace and comments removed`);
const bundleBytes = await buildBundle('dist/telltale.bundle.js');
console.log(`dist/telltale.bundle.js: ${(bundleBytes / 1024).toFixed(1)} KiB`);
console.log(`dist/bundle/ (split): ${((await buildSplitBundle('dist/bundle')) / 1024).toFixed(1)} KiB in all`);
run('node_modules/.bin/cem', ['analyze', '--config', 'custom-elements-manifest.config.mjs']);
console.log('built dist/ and custom-elements.json');
