// The builds for pages with no bundler, as ES modules:
//   - the split everything bundle (buildSplitBundle → <dir>/telltale.js, <dir>/engine.js and
//     <dir>/chunks/, SPLIT_ENTRIES): telltale.js registers every element and exports what a page
//     script talks to (src/bundle.ts); engine.js, for the pages that want it, exports the stream
//     hub's whole API, the streaming engine included (src/bundle-engine.ts, = `telltale/streams`).
//     Built together, they share their chunks. What elements and the hub import
//     dynamically (the cross-tab coordinator, the streaming engine, rollout-table's rare parts
//     and keyboard code, the virtualizer's layout…) in chunks fetched when first used. Dynamic
//     imports resolve relative to the module's URL, so the folder can be served from anywhere.
//     `npm run build` ships it as dist/bundle/ (`telltale/bundle/telltale.js`); `npm start`
//     serves it at /bundle/telltale.js, which the portal page loads.
//   - the one-file bundle (buildBundle → dist/telltale.bundle.js, `telltale/bundle.js`;
//     src/all.ts: the whole API), for people who copy one file: everything, lazy parts included.
//
// Both are esbuild's output put through terser (minifyOutput): esbuild resolves, bundles, splits
// and minifies; terser then compresses and renames once more per output file, which esbuild's
// minifier leaves on the table (the split first load 95.6 -> 93.0 KiB brotli, the one file
// 109.9 -> 106.3; raw bytes barely change, terser's names compress better). scripts/size.mjs
// measures with the same functions, so what it reports is what ships.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build, transform } from 'esbuild';
import { minify } from 'terser';
import { minifyCssTemplatesEsbuild } from './minify-css-templates.mjs';

/**
 * The options scripts/size.mjs measures with. `es2015`: rxjs's ES2015 build (classes, fewer
 * tslib helpers) instead of its ES5 default, 16.7 vs 21.6 KiB minified; we target es2022.
 * No source maps: these builds are for pages with no bundler (the library's per-file dist/ has
 * tsc's maps); minifyOutput would have to carry them through if they came back.
 */
export const BUNDLE_OPTIONS = {
  bundle: true, format: 'esm', minify: true, target: 'es2022', conditions: ['es2015'],
  tsconfig: 'tsconfig.json', legalComments: 'none', logLevel: 'error', sourcemap: false,
};

/** Code splitting as the split bundle ships it: lazy parts in chunks/, named by content hash. */
export const SPLIT_OPTIONS = { splitting: true, chunkNames: 'chunks/[name]-[hash]' };

/**
 * The split bundle's entries (output name → source), built in one esbuild run so that they share
 * chunks: the elements' entry, and the engine's (a second entry rather than more exports of the
 * first, whose first load would carry the decoders and folders: +2.7 KiB brotli).
 */
export const SPLIT_ENTRIES = { telltale: 'src/bundle.ts', engine: 'src/bundle-engine.ts' };

/**
 * The pass after esbuild, over one output file (an ES module). Picked by the split first load's
 * brotli size (KiB): esbuild alone 95.6; terser passes 1 / 2 / 3: 93.25 / 93.24 / 93.18; passes 2
 * + hoist_funs (function declarations are hoisted anyway; off by default because it usually
 * grows code, here it groups them) 93.03; mangle only, no compress: 93.7. `toplevel` changes
 * nothing (`module` implies it). The `unsafe*` options, pure_getters (would drop reads kept for
 * their side effects) and keep_fargs: false (Function#length) stay off: ≤ 0.15 KiB each.
 * Import specifiers and export names are left as they are (terser never renames exports or
 * rewrites strings), so chunks still find each other; chunk names keep esbuild's content
 * hash, which follows from esbuild's output and so from the sources.
 */
export const TERSER_OPTIONS = {
  module: true, ecma: 2022, compress: { passes: 2, hoist_funs: true }, format: { comments: false },
};

/**
 * rxjs's ES2015 build lowers its few async functions and async generators (innerFrom's
 * fromAsyncIterable, readableStreamLikeToAsyncGenerator) to tslib's helpers (__awaiter,
 * __asyncGenerator…: 1.9 KiB minified in every page's first load). We target es2022, which has
 * them natively: for an rxjs file that imports tslib, bundle rxjs's own TypeScript source of it
 * instead (the package ships src/), compiled to es2022, its imports resolved from the built file's
 * folder (so every other module is still the one dist/esm file: one Observable class).
 * Everything's first load 92,020 -> 91,500 B brotli (tslib out, and native for-await is shorter).
 */
export const rxjsNativeAsync = {
  name: 'rxjs-native-async',
  setup(b) {
    b.onLoad({ filter: /[\\/]rxjs[\\/]dist[\\/]esm[\\/].*\.js$/ }, async (args) => {
      const built = readFileSync(args.path, 'utf8');
      if (!/from "tslib"/.test(built)) return undefined;
      const source = args.path.replace(/([\\/])dist[\\/]esm([\\/])/, '$1src$2').replace(/\.js$/, '.ts');
      if (!existsSync(source)) return undefined;
      const { code } = await transform(readFileSync(source, 'utf8'), {
        loader: 'ts', target: 'es2022', format: 'esm', sourcefile: source,
        // Its type-only imports (written without `type`) are dropped, as rxjs's own build does.
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: false } },
      });
      return { contents: code, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** One output file of esbuild's, minified once more by terser (TERSER_OPTIONS). */
export async function minifyOutput(code) {
  return (await minify(code, TERSER_OPTIONS)).code;
}

/**
 * esbuild with BUNDLE_OPTIONS (+ `options`; CSS of css`` templates minified after `plugins`), not
 * written, then each .js output through minifyOutput: `{ files: [{ path, contents: Buffer }],
 * metafile }` (the metafile's byte counts are esbuild's, before terser).
 */
export async function bundleOutputs({ plugins = [], ...options }) {
  const out = await build({ ...BUNDLE_OPTIONS, write: false, ...options, plugins: [...plugins, rxjsNativeAsync, minifyCssTemplatesEsbuild()] });
  const files = [];
  for (const f of out.outputFiles) {
    // `<stdout>`: a build with neither outfile nor outdir (scripts/size.mjs's stdin bundles).
    const js = f.path.endsWith('.js') || f.path === '<stdout>';
    files.push({ path: f.path, contents: js ? Buffer.from(await minifyOutput(f.text)) : Buffer.from(f.contents) });
  }
  return { files, metafile: out.metafile };
}

export async function buildBundle(outfile) {
  const { files } = await bundleOutputs({ entryPoints: ['src/all.ts'] });
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, files[0].contents);
  return files[0].contents.length;
}

/** The split build into `outdir` (emptied first: chunk names carry content hashes). Returns its bytes. */
export async function buildSplitBundle(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  const { files } = await bundleOutputs({ entryPoints: SPLIT_ENTRIES, ...SPLIT_OPTIONS, outdir });
  let bytes = 0;
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.contents);
    bytes += f.contents.length;
  }
  return bytes;
}
