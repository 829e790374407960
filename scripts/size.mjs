// Size: bundles what pages load as scripts/bundle.mjs builds it (its bundleOutputs: esbuild with
// the CSS of css`` templates minified, scripts/minify-css-templates.mjs, then terser over each
// output file, minifyOutput), so the bytes measured are the bytes shipped, and prints raw /
// gzip / brotli sizes of
//   - everything: the split everything bundle's elements entry (src/bundle.ts → telltale.js, what
//     the portal page loads from dist/bundle/), built as it ships, together with its engine entry
//     (src/bundle-engine.ts → engine.js, SPLIT_ENTRIES): its first load (the entry chunk and the
//     chunks it imports statically) and
//     what it loads later (the chunks imported dynamically: the streaming engine with the first
//     stream, the cross-tab coordinator with the first shared feed, rollout-table's rare parts,
//     keyboard code and JSON drawer, live-activity's details, trace-view's and worker-board's tables…), and as info what a page loads
//     before any interaction (the first load and every lazy part but those loaded on use, ON_USE),
//     and what a page that also imports engine.js first loads (info);
//   - the one-file bundle (src/all.ts, dist/telltale.bundle.js; info): everything in one file;
//   - the core: the hub API (src/streams/index.ts) + TelltaleElement + lit + rxjs;
//   - each element: its first load (its .define.ts bundled the same way) and what it loads
//     later, and its increment over the core (core + element minus core; approximate,
//     compression is not additive).
// Writes test/bench/results/size.json.
//
// The targets (issue 23): everything's first load ≤ 90 KiB brotli, each element's ≤ 40. The
// CEILINGS (the CI gates) sit a few % above what was measured when they were set; the exit code
// fails only above them. SIZE_BUDGET_KIB / ELEMENT_SIZE_BUDGET_KIB override them.
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { relative } from 'node:path';
import { SPLIT_ENTRIES, SPLIT_OPTIONS, bundleOutputs } from './bundle.mjs';

/** Issue 23: any one element's first load ≤ 40 KiB brotli, everything ≤ 90. */
const ELEMENT_TARGET_BROTLI_KIB = 40;
const EVERYTHING_TARGET_BROTLI_KIB = 90;
/**
 * The CI gate for everything's first load: about 3 % above what it measured when set.
 * History: 104 → 106 → 118 → 113 while everything was the one-file bundle (it carries every lazy
 * part: 114.4, then 109.4 once worker-board left @lit-labs/virtualizer). 98 since issue 23's
 * third step measures the split build's first load (95.4 with main merged; 98.4 before the
 * virtualizer left): src/bundle.ts without the engine's exports (one file 114.4 -> first load
 * 101.2), live-activity's details, trace-view's table and the skipped-items notice as lazy parts
 * (-1.0, -0.2, -0.6), html`` indentation removed at build time (-1.0), terser over esbuild's
 * output (scripts/bundle.mjs minifyOutput; 95.6 -> 93.0, each element's first load -0.4 to -1.5).
 */
// 92 since the terser pass (95.6 -> 93.0) and the lazy error panel, ANSI colours, row keyboard,
// live-activity output loader and rollout-table string order / attempts loader: 89.5 measured.
// Today's merges took it to 92,451 B; failures.ts out of the first load (-413 B) and rxjs's native
// async without tslib (scripts/bundle.mjs rxjsNativeAsync, -520 B): 91,500 B (89.4 KiB); 91,480 with the engine's second entry merged.
const CEILING_BROTLI_KIB = Number(process.env.SIZE_BUDGET_KIB || 92);
/** The CI gate for one element's first load: about 5 % above the largest measured (39.0 KiB, <live-activity>, <log-console>; was 42 at 39.6). */
// 38 since the same changes: largest 35.9 measured (was 39.0).
const ELEMENT_CEILING_BROTLI_KIB = Number(process.env.ELEMENT_SIZE_BUDGET_KIB || 38);

const CORE = [
  "export * from './src/streams/index.ts';",
  "export { TelltaleElement } from './src/elements/shared/telltale-element.ts';",
  "export * from 'lit';",
].join('\n');

/** Leaves the cross-tab coordinator out (a stub that says cross-tab is unsupported). */
const withoutCoordinator = {
  name: 'no-coordinator',
  setup(b) {
    b.onResolve({ filter: /tabs\/coordinator\.js$/ }, () => ({ path: 'coordinator-stub', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export class TabCoordinator { static supported() { return false; } }',
      loader: 'js',
    }));
  },
};

async function bundle(entry, { contents = null, extraPlugins = [] } = {}) {
  const out = await bundleOutputs({
    metafile: true,
    ...(contents === null ? { entryPoints: [entry] } : { stdin: { contents, resolveDir: process.cwd(), loader: 'ts', sourcefile: entry } }),
    plugins: extraPlugins,
  });
  return { buf: out.files[0].contents, meta: out.metafile };
}

/**
 * The dynamic imports a page makes only when someone uses a part (opens a details panel or the
 * JSON drawer, switches to the table view, focuses a list: the row keyboard). The others load
 * without any interaction: the streaming engine with the first stream, the cross-tab
 * coordinator with the first shared feed, rollout-table's rare states and keyboard grid and the
 * skipped-items notice right after the first paint.
 */
const ON_USE = ['json-view.define', 'live-activity.details', 'trace-view.table', 'worker-board.table', 'row-focus.keys', 'log-focus.keys', 'list-focus.keys'];

/** A chunk's name without its hash: `chunks/feed-stack-X7Q2.js` → `feed-stack`. */
const chunkName = (k) => k.replace(/^.*\//, '').replace(/-[A-Z0-9]{8}\.js$/, '').replace(/\.js$/, '');

/**
 * What a page that loads entries `from` (output names of `entries`, { name: source }, bundled
 * together with code splitting as scripts/bundle.mjs builds them) fetches first: their chunks
 * plus the chunks they import statically. What they import dynamically, and what that imports,
 * is `lazy` (per chunk in `lazyChunks`), fetched when first used; chunks only another entry
 * reaches (the split build's engine.js for its elements' entry) are neither.
 */
async function firstLoad(entries, from = Object.keys(entries)) {
  const out = await bundleOutputs({ entryPoints: entries, ...SPLIT_OPTIONS, outdir: 'size-out', metafile: true });
  const files = new Map(out.files.map((f) => [relative(process.cwd(), f.path), f.contents]));
  const outputs = out.metafile.outputs;
  const starts = from.map((name) => Object.keys(outputs).find((k) => outputs[k].entryPoint === entries[name]));
  /** The outputs `roots` reach through imports of the kinds in `kinds`. */
  const closure = (roots, kinds) => {
    const seen = new Set();
    for (const queue = [...roots]; queue.length; ) {
      const k = queue.shift();
      if (seen.has(k)) continue;
      seen.add(k);
      for (const imp of outputs[k].imports) if (kinds.includes(imp.kind) && !imp.external) queue.push(imp.path);
    }
    return seen;
  };
  const seen = closure(starts, ['import-statement']);
  const reached = closure(starts, ['import-statement', 'dynamic-import']);
  const js = [...files.keys()].filter((k) => k.endsWith('.js'));
  const lazyKeys = js.filter((k) => reached.has(k) && !seen.has(k));
  // Before any interaction: the first load, and the dynamic imports a page makes by itself (all
  // but ON_USE) with what they import statically.
  const roots = [...reached].filter((k) => !starts.includes(k) && outputs[k].entryPoint && !ON_USE.includes(chunkName(k)));
  const before = new Set([...seen, ...closure(roots, ['import-statement'])]);
  return {
    beforeUse: Buffer.concat(js.filter((k) => before.has(k)).map((k) => files.get(k))),
    first: Buffer.concat(js.filter((k) => seen.has(k)).map((k) => files.get(k))),
    lazy: Buffer.concat(lazyKeys.map((k) => files.get(k))),
    lazyChunks: lazyKeys.map((k) => [chunkName(k), files.get(k)]),
    meta: { outputs: Object.fromEntries(Object.entries(outputs).filter(([k]) => seen.has(k))) },
  };
}

/**
 * What costs the most in a bundle's outputs: minified bytes by package / source folder and by
 * file, as esbuild counts them (before terser, which works per output file and knows no sources).
 */
function breakdown(meta) {
  const inputs = {};
  for (const o of Object.values(meta.outputs)) for (const [f, v] of Object.entries(o.inputs)) inputs[f] = { bytesInOutput: (inputs[f]?.bytesInOutput ?? 0) + v.bytesInOutput };
  const groups = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const parts = file.split('/');
    const nm = parts.indexOf('node_modules');
    const group = nm >= 0 ? parts.slice(nm + 1, nm + (parts[nm + 1].startsWith('@') ? 3 : 2)).join('/') : parts.slice(0, 3).join('/');
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
  }
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  const byGroup = [...groups].sort((a, b) => b[1] - a[1]).map(([g, b]) => [g, kib(b), Math.round((1000 * b) / total) / 10]);
  const byFile = Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 15).map(([f, v]) => [f, kib(v.bytesInOutput)]);
  return { byGroup, byFile };
}
const kib = (n) => Math.round((n / 1024) * 10) / 10;
const sizes = (buf) => ({
  raw: kib(buf.length),
  gzip: kib(gzipSync(buf, { level: 9 }).length),
  brotli: kib(brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
});
const minus = (a, b) => ({ raw: kib((a.raw - b.raw) * 1024), gzip: kib((a.gzip - b.gzip) * 1024), brotli: kib((a.brotli - b.brotli) * 1024) });

// The split build as it ships (both entries in one build, sharing chunks): a page that places
// elements loads telltale.js; one that also imports the engine, telltale.js and engine.js.
const split = await firstLoad(SPLIT_ENTRIES, ['telltale']);
const withEngine = sizes((await firstLoad(SPLIT_ENTRIES, ['telltale', 'engine'])).first);
const total = sizes(split.first);
const later = sizes(split.lazy);
const beforeUse = sizes(split.beforeUse);
const oneFileBuild = await bundle('src/all.ts');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/telltale.bundle.js', oneFileBuild.buf);
const oneFile = sizes(oneFileBuild.buf);
const core = sizes((await bundle('core', { contents: CORE })).buf);
const coreSolo = sizes((await bundle('core', { contents: CORE, extraPlugins: [withoutCoordinator] })).buf);

const rows = [
  ['everything, first load (bundle.ts split: entry + static chunks)', total, null],
  ['  everything + the engine entry, first load (telltale.js + engine.js; info)', withEngine, null],
  ['  everything, loaded later (every lazy chunk)', later, null],
  ['  everything before any interaction (first load + what loads by itself; info)', beforeUse, null],
  ['  everything in one file (all.ts, telltale.bundle.js; info)', oneFile, null],
  ['core (hub API + TelltaleElement + lit + rxjs)', core, null],
  ['  core without the cross-tab coordinator (info)', coreSolo, null],
];
const HEAD_ROWS = rows.length;
for (const dir of readdirSync('src/elements').sort()) {
  const entry = `src/elements/${dir}/${dir}.define.ts`;
  if (!existsSync(entry)) continue;
  const { first, lazy } = await firstLoad({ [dir]: entry });
  const alone = sizes(first);
  const withCore = sizes((await bundle(`core+${dir}`, { contents: `${CORE}\nimport './${entry}';` })).buf);
  rows.push([`<${dir}>`, alone, minus(withCore, core), lazy.length ? sizes(lazy) : null]);
}

const col = (v) => String(v).padStart(8);
console.log(`${'bundle (KiB)'.padEnd(80)}${col('min')}${col('gzip')}${col('brotli')}   ${'over core: min'.padStart(14)}${col('gzip')}${col('brotli')}`);
for (const [name, s, inc, lazy] of rows) {
  console.log(`${name.padEnd(80)}${col(s.raw)}${col(s.gzip)}${col(s.brotli)}   ${inc ? `${col(inc.raw).padStart(14)}${col(inc.gzip)}${col(inc.brotli)}` : ''}${lazy ? `   later: ${lazy.brotli} brotli` : ''}`);
}
const elementRows = rows.slice(HEAD_ROWS);
const largest = elementRows.reduce((a, r) => (r[1].brotli > a[1].brotli ? r : a), elementRows[0]);
console.log(`\nlargest first load of one element: ${largest[0]} ${largest[1].brotli} KiB brotli (target ≤ ${ELEMENT_TARGET_BROTLI_KIB}, ceiling ${ELEMENT_CEILING_BROTLI_KIB})`);

const lazyRows = split.lazyChunks.map(([n, buf]) => [n, sizes(buf).brotli]).sort((a, b) => b[1] - a[1]);
console.log('\neverything, loaded later (brotli KiB per lazy chunk):');
for (const [n, k] of lazyRows) console.log(`  ${String(k).padStart(7)}  ${n}`);
const { byGroup, byFile } = breakdown(split.meta);
console.log('\neverything\'s first load, minified KiB by package / folder (esbuild\'s, before terser; share):');
for (const [g, k, pct] of byGroup) console.log(`  ${String(k).padStart(7)} ${String(pct).padStart(5)}%  ${g}`);
console.log('largest files:');
for (const [f, k] of byFile) console.log(`  ${String(k).padStart(7)}  ${f}`);

const met = total.brotli <= EVERYTHING_TARGET_BROTLI_KIB && largest[1].brotli <= ELEMENT_TARGET_BROTLI_KIB;
const withinCeiling = total.brotli <= CEILING_BROTLI_KIB && largest[1].brotli <= ELEMENT_CEILING_BROTLI_KIB;
mkdirSync('test/bench/results', { recursive: true });
const figures = {
  'everything first load brotli KiB': total.brotli,
  'everything first load gzip KiB': total.gzip,
  'everything first load min KiB': total.raw,
  'everything loaded later brotli KiB': later.brotli,
  'everything before any interaction brotli KiB (info)': beforeUse.brotli,
  'everything + engine entry first load brotli KiB (info)': withEngine.brotli,
  'everything in one file brotli KiB (info)': oneFile.brotli,
  'everything in one file min KiB (info)': oneFile.raw,
  'core brotli KiB': core.brotli,
  'core gzip KiB': core.gzip,
  'core without cross-tab brotli KiB (info)': coreSolo.brotli,
  'ceiling (CI gate) brotli KiB': CEILING_BROTLI_KIB,
  'largest first load of one element brotli KiB': largest[1].brotli,
  'one element first load target / ceiling brotli KiB': `${ELEMENT_TARGET_BROTLI_KIB} / ${ELEMENT_CEILING_BROTLI_KIB}`,
  'everything target brotli KiB (issue 23)': EVERYTHING_TARGET_BROTLI_KIB,
};
for (const [name, s, inc, lazy] of elementRows) {
  figures[`${name} first load brotli KiB`] = s.brotli;
  figures[`${name} over core brotli KiB`] = inc.brotli;
  if (lazy) figures[`${name} loaded later brotli KiB`] = lazy.brotli;
}
writeFileSync('test/bench/results/size.json', JSON.stringify({
  name: 'size',
  target: `issue 23: everything's first load ≤ ${EVERYTHING_TARGET_BROTLI_KIB} KiB brotli, each element's ≤ ${ELEMENT_TARGET_BROTLI_KIB}; CI fails only above the ceilings (${CEILING_BROTLI_KIB} / ${ELEMENT_CEILING_BROTLI_KIB} KiB)`,
  figures,
  lazyChunksBrotliKiB: Object.fromEntries(lazyRows),
  breakdownMinKiB: Object.fromEntries(byGroup.map(([g, k]) => [g, k])),
  met, runs: 1, date: new Date().toISOString(),
}, null, 2) + '\n');
console.log(`\nsize: everything's first load ${total.brotli} KiB brotli (${brotliCompressSync(split.first, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length} B), ${total.gzip} KiB gzip, ${total.raw} KiB minified (+ ${later.brotli} KiB brotli loaded later; one file ${oneFile.brotli}); core ${core.brotli} KiB brotli`);
console.log(`  target (issue 23): everything ≤ ${EVERYTHING_TARGET_BROTLI_KIB}, each element ≤ ${ELEMENT_TARGET_BROTLI_KIB} KiB brotli — ${met ? 'met' : 'NOT met'}`);
console.log(`  ceiling (CI regression gate${process.env.SIZE_BUDGET_KIB ? ', from SIZE_BUDGET_KIB' : ''}): ≤ ${CEILING_BROTLI_KIB} KiB brotli — ${withinCeiling ? 'within' : 'EXCEEDED: failing'}`);
process.exit(withinCeiling ? 0 : 1);
