// Size budget: bundles everything a page needs (all elements, the hub, lit, rxjs, the
// virtualizer) minified, prints gzip and brotli sizes of the whole and of each element's
// entry, writes dist/telltale.bundle.js (the one-file build the portal page loads) and
// test/bench/results/size.json, and fails above the budget.
import { build } from 'esbuild';
import { minifyCssTemplatesEsbuild } from './minify-css-templates.mjs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';

const BUDGET_BROTLI_KIB = Number(process.env.SIZE_BUDGET_KIB || 35);

let metafile = null;
async function bundle(entry) {
  const out = await build({
    entryPoints: [entry], bundle: true, format: 'esm', minify: true, write: false, target: 'es2022',
    tsconfig: 'tsconfig.json', legalComments: 'none', logLevel: 'error', metafile: true,
    plugins: process.env.NO_CSS_MIN ? [] : [minifyCssTemplatesEsbuild()],
  });
  metafile = out.metafile;
  return Buffer.from(out.outputFiles[0].contents);
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

const all = await bundle('src/all.ts');
const allMeta = metafile;
mkdirSync('dist', { recursive: true });
writeFileSync('dist/telltale.bundle.js', all);
const total = sizes(all);

const rows = [['everything (all.ts + lit + rxjs + virtualizer)', total]];
for (const dir of readdirSync('src/elements')) {
  const entry = `src/elements/${dir}/${dir}.define.ts`;
  if (existsSync(entry)) rows.push([`<${dir}>`, sizes(await bundle(entry))]);
}
console.log('entry'.padEnd(50), 'min KiB'.padStart(8), 'gzip'.padStart(8), 'brotli'.padStart(8));
for (const [name, s] of rows) console.log(name.padEnd(50), String(s.raw).padStart(8), String(s.gzip).padStart(8), String(s.brotli).padStart(8));

const { byGroup, byFile } = breakdown(allMeta);
console.log('\neverything, minified KiB by package / folder (share):');
for (const [g, k, pct] of byGroup) console.log(`  ${String(k).padStart(7)} ${String(pct).padStart(5)}%  ${g}`);
console.log('largest files:');
for (const [f, k] of byFile) console.log(`  ${String(k).padStart(7)}  ${f}`);

const met = total.brotli <= BUDGET_BROTLI_KIB;
mkdirSync('test/bench/results', { recursive: true });
writeFileSync('test/bench/results/size.json', JSON.stringify({
  name: 'size',
  target: `everything ≤ ${BUDGET_BROTLI_KIB} KiB brotli (Agent-lightning's dashboard: 285 KB gzip)`,
  figures: Object.fromEntries(rows.flatMap(([n, s]) => [[`${n} brotli KiB`, s.brotli], [`${n} gzip KiB`, s.gzip]])),
  breakdownMinKiB: Object.fromEntries(byGroup.map(([g, k]) => [g, k])),
  met, runs: 1, date: new Date().toISOString(),
}, null, 2) + '\n');
console.log(`size: everything ${total.brotli} KiB brotli, ${total.gzip} KiB gzip (budget ${BUDGET_BROTLI_KIB} KiB brotli) — ${met ? 'within budget' : 'OVER BUDGET'}`);
process.exit(met ? 0 : 1);
