// The one-file bundle for pages with no bundler: every element, the hub, lit and rxjs, as
// one ES module. `npm run build` ships it in the package (dist/telltale.bundle.js, exported as
// `telltale/bundle.js`); `npm start` serves the same file at /telltale.bundle.js.
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { minifyCssTemplatesEsbuild } from './minify-css-templates.mjs';

export async function buildBundle(outfile) {
  const out = await build({
    entryPoints: ['src/all.ts'], bundle: true, format: 'esm', minify: true, write: false, target: 'es2022',
    tsconfig: 'tsconfig.json', legalComments: 'none', logLevel: 'error', sourcemap: false,
    plugins: [minifyCssTemplatesEsbuild()],
  });
  writeFileSync(outfile, out.outputFiles[0].contents);
  return out.outputFiles[0].contents.length;
}
