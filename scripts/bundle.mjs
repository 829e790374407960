// The builds for pages with no bundler, as ES modules:
//   - the split everything bundle (buildSplitBundle → <dir>/telltale.js + <dir>/chunks/): every
//     element and the page API (src/bundle.ts), with what elements and the hub import
//     dynamically (the cross-tab coordinator, the streaming engine, rollout-table's rare parts
//     and keyboard code, the virtualizer's layout…) in chunks fetched when first used. Dynamic
//     imports resolve relative to the module's URL, so the folder can be served from anywhere.
//     `npm run build` ships it as dist/bundle/ (`telltale/bundle/telltale.js`); `npm start`
//     serves it at /bundle/telltale.js, which the portal page loads.
//   - the one-file bundle (buildBundle → dist/telltale.bundle.js, `telltale/bundle.js`;
//     src/all.ts: the whole API), for people who copy one file: everything, lazy parts included.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';
import { minifyCssTemplatesEsbuild } from './minify-css-templates.mjs';

/**
 * The options scripts/size.mjs measures with. `es2015`: rxjs's ES2015 build (classes, fewer
 * tslib helpers) instead of its ES5 default, 16.7 vs 21.6 KiB minified; we target es2022.
 */
export const BUNDLE_OPTIONS = {
  bundle: true, format: 'esm', minify: true, target: 'es2022', conditions: ['es2015'],
  tsconfig: 'tsconfig.json', legalComments: 'none', logLevel: 'error', sourcemap: false,
};

export async function buildBundle(outfile) {
  const out = await build({ ...BUNDLE_OPTIONS, entryPoints: ['src/all.ts'], write: false, plugins: [minifyCssTemplatesEsbuild()] });
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, out.outputFiles[0].contents);
  return out.outputFiles[0].contents.length;
}

/** The split build into `outdir` (emptied first: chunk names carry content hashes). Returns its bytes. */
export async function buildSplitBundle(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  const out = await build({
    ...BUNDLE_OPTIONS, entryPoints: { telltale: 'src/bundle.ts' }, splitting: true, outdir,
    chunkNames: 'chunks/[name]-[hash]', write: false, plugins: [minifyCssTemplatesEsbuild()],
  });
  let bytes = 0;
  for (const f of out.outputFiles) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.contents);
    bytes += f.contents.length;
  }
  return bytes;
}
