/**
 * `npm run bench`: runs every benchmark in test/bench (files named *.bench.ts, each a
 * script that writes test/bench/results/<name>.json), then rewrites docs/performance.md
 * from all results with the machine and the date.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { resultsDir, root, type BenchResult } from './harness.js';

const only = process.argv.slice(2);
const benches = readdirSync(join(root, 'test/bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));

for (const file of benches) {
  console.log(`\n▶ ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('test/bench', file)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.error(`✖ ${file} exited with ${r.status}`);
}

const results: BenchResult[] = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')))
  // Raw sample series (e.g. soak.samples.json) sit beside the results; only results have a name.
  .filter((r) => typeof r.name === 'string' && r.figures);

const chrome = spawnSync(process.env.CHROME_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '?';
const lines = [
  '# Performance',
  '',
  'Written by `npm run bench` from `test/bench/results/*.json`. Medians of several runs. Benchmarks',
  'report; they never fail the build. Re-run on your machine to compare.',
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${chrome}.`,
  '',
  '| benchmark | figures | target | met | runs | date |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => {
      const figures = Object.entries(r.figures)
        .map(([k, v]) => `${k}: ${v}`)
        .join('<br>');
      return `| ${r.name} | ${figures} | ${r.target} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} | ${r.runs} | ${r.date?.slice(0, 10) ?? ''} |`;
    }),
  '',
];
writeFileSync(join(root, 'docs/performance.md'), lines.join('\n'));
console.log('\ndocs/performance.md updated');
