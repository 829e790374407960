// Size: bundles what pages load, minified by esbuild with the CSS of css`` templates minified
// (scripts/minify-css-templates.mjs), and prints raw / gzip / brotli sizes of
//   - everything: src/all.ts (every element, the hub, lit, rxjs); written to
//     dist/telltale.bundle.js, the one-file build the portal page loads;
//   - the core: the hub API (src/streams/index.ts) + TelltaleElement + lit + rxjs;
//   - each element: its first load (its .define.ts bundled with code splitting: the entry chunk
//     and what it imports statically; what it imports dynamically — the cross-tab coordinator,
//     rollout-table's JSON viewer — is reported as loaded later), and its increment over the
//     core (core + element minus core; approximate, compression is not additive);
//   - informational: the core and everything with the cross-tab coordinator left out (the
//     hub loads it lazily, but the pure entry still exports TabCoordinator, so the core and the
//     one-file everything bundle carry it).
// Writes test/bench/results/size.json.
//
// Two numbers, not to be confused:
//   - the TARGET (issue 11): everything ≤ 35 KiB brotli. Not met; reported as met: false.
//   - the CEILING (the CI gate): a regression budget about 10 % above the size measured when
//     it was set. The exit code fails only above the ceiling. SIZE_BUDGET_KIB overrides it.
//     A second gate holds the largest first load of one element (ELEMENT_SIZE_BUDGET_KIB).
import { build } from 'esbuild';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { relative } from 'node:path';
import { minifyCssTemplatesEsbuild } from './minify-css-templates.mjs';

const TARGET_BROTLI_KIB = 35;
/**
 * Set at 104 when everything was 94.6 KiB; 106 since issue 23's first step (everything 104.9,
 * main 102.7 before it): the rollout table in small modules (+1.2), and the init wrappers the
 * one-file bundle needs around what elements now load lazily (+0.7 for the JSON viewer, +0.2
 * for the coordinator), in exchange for every element's first load 2-5 KiB lighter.
 * Issue 23's second step raised it twice: the one windowing mechanism (shared/window/: a
 * keyed-height model, reveal(key) for row focus; json-view, live-activity and rollout-table
 * +1.2-1.3 each) and the streaming code loaded with a page's first stream
 * (src/streams/feed-stack.ts; init wrappers again, +1.4) — in exchange every element's first
 * load is 4-6 KiB lighter (rollout-table 44.9 -> 39.2, live-activity 42.2 -> 36.4). It was to
 * go back down when worker-board dropped @lit-labs/virtualizer (7.3 KiB; see 113 below). 118 since issues 23/25's
 * merge (everything 104.8 -> 114.4 with rxjs's es2015 build, -1.7): the shared controllers
 * (row focus, hub sources, clock, states), keyboard grids in four lists, the split elements'
 * lazy-part wrappers. Every element's first load fell under 40 (largest 39.6, was 44.8); the
 * one-file bundle carries all of it, so the issue's ≤ 90 for everything is not met.
 * 113 since worker-board moved onto the shared window and @lit-labs/virtualizer left
 * (everything 115.4 -> 109.4 in one run of both, -6.0; ~3 % headroom kept).
 */
const CEILING_BROTLI_KIB = Number(process.env.SIZE_BUDGET_KIB || 113);

/** Issue 23: any one element's first load ≤ 40 KiB brotli, everything ≤ 90. */
const ELEMENT_TARGET_BROTLI_KIB = 40;
const EVERYTHING_TARGET_BROTLI_KIB = 90;
/** The CI gate for one element's first load: about 5 % above the largest measured (39.6 KiB, <live-activity>). */
const ELEMENT_CEILING_BROTLI_KIB = Number(process.env.ELEMENT_SIZE_BUDGET_KIB || 42);

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

/**
 * rxjs's `es2015` export condition: its ES2015 build (classes, no tslib helpers) instead of the
 * ES5 default, 16.7 vs 21.6 KiB minified; we target es2022, so the ES5 build was pure weight.
 * Vite and modern bundlers of our users pick what they are told; this is what our bundles take.
 */
const RESOLVE_CONDITIONS = ['es2015'];

async function bundle(entry, { contents = null, extraPlugins = [] } = {}) {
  const out = await build({
    ...(contents === null ? { entryPoints: [entry] } : { stdin: { contents, resolveDir: process.cwd(), loader: 'ts', sourcefile: entry } }),
    bundle: true, format: 'esm', minify: true, write: false, target: 'es2022',
    tsconfig: 'tsconfig.json', legalComments: 'none', logLevel: 'error', metafile: true, conditions: RESOLVE_CONDITIONS,
    plugins: [...extraPlugins, minifyCssTemplatesEsbuild()],
  });
  return { buf: Buffer.from(out.outputFiles[0].contents), meta: out.metafile };
}

/**
 * What a page that uses one element loads first: the entry bundled with code splitting, its
 * chunk plus the chunks it imports statically. What it imports dynamically (the cross-tab
 * coordinator, loaded when a shared feed first opens) is reported apart as `lazy`.
 */
async function firstLoad(entry) {
  const out = await build({
    entryPoints: [entry], bundle: true, format: 'esm', minify: true, write: false, target: 'es2022', splitting: true, outdir: 'size-out',
    tsconfig: 'tsconfig.json', legalComments: 'none', logLevel: 'error', metafile: true, conditions: RESOLVE_CONDITIONS, plugins: [minifyCssTemplatesEsbuild()],
  });
  const files = new Map(out.outputFiles.map((f) => [relative(process.cwd(), f.path), Buffer.from(f.contents)]));
  const outputs = out.metafile.outputs;
  const start = Object.keys(outputs).find((k) => outputs[k].entryPoint);
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    for (const imp of outputs[queue.shift()].imports) {
      if (imp.kind === 'import-statement' && !imp.external && !seen.has(imp.path)) {
        seen.add(imp.path);
        queue.push(imp.path);
      }
    }
  }
  const js = [...files.keys()].filter((k) => k.endsWith('.js'));
  return {
    first: Buffer.concat(js.filter((k) => seen.has(k)).map((k) => files.get(k))),
    lazy: Buffer.concat(js.filter((k) => !seen.has(k)).map((k) => files.get(k))),
  };
}

/** What costs the most in a bundle: minified bytes by package / source folder and by file. */
function breakdown(meta) {
  const inputs = Object.values(meta.outputs)[0].inputs;
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

const everything = await bundle('src/all.ts');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/telltale.bundle.js', everything.buf);
const total = sizes(everything.buf);
const core = sizes((await bundle('core', { contents: CORE })).buf);
const coreSolo = sizes((await bundle('core', { contents: CORE, extraPlugins: [withoutCoordinator] })).buf);
const everythingSolo = sizes((await bundle('src/all.ts', { extraPlugins: [withoutCoordinator] })).buf);

const rows = [
  ['everything (all.ts: elements + hub + lit + rxjs)', total, null],
  ['core (hub API + TelltaleElement + lit + rxjs)', core, null],
  ['  core without the cross-tab coordinator (info)', coreSolo, null],
  ['  everything without the cross-tab coordinator (info)', everythingSolo, null],
];
for (const dir of readdirSync('src/elements').sort()) {
  const entry = `src/elements/${dir}/${dir}.define.ts`;
  if (!existsSync(entry)) continue;
  const { first, lazy } = await firstLoad(entry);
  const alone = sizes(first);
  const withCore = sizes((await bundle(`core+${dir}`, { contents: `${CORE}\nimport './${entry}';` })).buf);
  rows.push([`<${dir}>`, alone, minus(withCore, core), lazy.length ? sizes(lazy) : null]);
}

const col = (v) => String(v).padStart(8);
console.log(`${'bundle (KiB)'.padEnd(62)}${col('min')}${col('gzip')}${col('brotli')}   ${'over core: min'.padStart(14)}${col('gzip')}${col('brotli')}`);
for (const [name, s, inc, lazy] of rows) {
  console.log(`${name.padEnd(62)}${col(s.raw)}${col(s.gzip)}${col(s.brotli)}   ${inc ? `${col(inc.raw).padStart(14)}${col(inc.gzip)}${col(inc.brotli)}` : ''}${lazy ? `   later: ${lazy.brotli} brotli` : ''}`);
}
const elementRows = rows.slice(4);
const largest = elementRows.reduce((a, r) => (r[1].brotli > a[1].brotli ? r : a), elementRows[0]);
console.log(`\nlargest first load of one element: ${largest[0]} ${largest[1].brotli} KiB brotli (target ≤ ${ELEMENT_TARGET_BROTLI_KIB}, ceiling ${ELEMENT_CEILING_BROTLI_KIB})`);

const { byGroup, byFile } = breakdown(everything.meta);
console.log('\neverything, minified KiB by package / folder (share):');
for (const [g, k, pct] of byGroup) console.log(`  ${String(k).padStart(7)} ${String(pct).padStart(5)}%  ${g}`);
console.log('largest files:');
for (const [f, k] of byFile) console.log(`  ${String(k).padStart(7)}  ${f}`);

const met = total.brotli <= TARGET_BROTLI_KIB;
const withinCeiling = total.brotli <= CEILING_BROTLI_KIB && largest[1].brotli <= ELEMENT_CEILING_BROTLI_KIB;
mkdirSync('test/bench/results', { recursive: true });
const figures = {
  'everything brotli KiB': total.brotli,
  'everything gzip KiB': total.gzip,
  'everything min KiB': total.raw,
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
  if (lazy) figures[`${name} loaded later (cross-tab) brotli KiB`] = lazy.brotli;
}
writeFileSync('test/bench/results/size.json', JSON.stringify({
  name: 'size',
  target: `everything ≤ ${TARGET_BROTLI_KIB} KiB brotli (Agent-lightning's dashboard: 285 KB gzip); CI fails only above the regression ceiling of ${CEILING_BROTLI_KIB} KiB`,
  figures,
  breakdownMinKiB: Object.fromEntries(byGroup.map(([g, k]) => [g, k])),
  met, runs: 1, date: new Date().toISOString(),
}, null, 2) + '\n');
console.log(`\nsize: everything ${total.brotli} KiB brotli, ${total.gzip} KiB gzip, ${total.raw} KiB minified; core ${core.brotli} KiB brotli`);
console.log(`  target (issue 11): ≤ ${TARGET_BROTLI_KIB} KiB brotli — ${met ? 'met' : `NOT met (${kib((total.brotli - TARGET_BROTLI_KIB) * 1024)} KiB over)`}`);
console.log(`  ceiling (CI regression gate${process.env.SIZE_BUDGET_KIB ? ', from SIZE_BUDGET_KIB' : ''}): ≤ ${CEILING_BROTLI_KIB} KiB brotli — ${withinCeiling ? 'within' : 'EXCEEDED: failing'}`);
process.exit(withinCeiling ? 0 : 1);
