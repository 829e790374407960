/**
 * @lit-labs/virtualizer vs the shared window (shared/window) for worker-board's card grid:
 * window-grid.page.ts draws the same 1,000-item grid (rows of 4 cards of varied height, each
 * item updated once a second) with each, alternating which goes first, in the same browser.
 * Figures: frame rate while updating, main-thread ms per frame (CDP: task, script, layout),
 * a scroll jump to the middle and near the end (ms to settled frames, cards in view after it),
 * DOM nodes, and each windowing code's size (minified, brotli). Ratios window / virtualizer.
 */
import { build } from 'esbuild';
import { brotliCompressSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { bundle, launch, median, memory, root, round, servePage, startFrames, stopFrames, writeResult } from './harness.js';

const RUNS = Number(process.env.RUNS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const IMPLS = ['virtualizer', 'window'] as const;
type Impl = (typeof IMPLS)[number];

async function size(code: string): Promise<number> {
  const out = await build({ stdin: { contents: code, resolveDir: root, loader: 'ts' }, bundle: true, format: 'esm', write: false, minify: true, external: ['lit', 'lit/*', '@lit/*'], logLevel: 'error', tsconfig: join(root, 'tsconfig.json') });
  return round(brotliCompressSync(out.outputFiles[0].contents).length / 1024, 1);
}

const script = await bundle('test/bench/window-grid.page.ts');
const page0 = await servePage(script, '');
const browser = await launch();
const r: Record<Impl, Record<string, number[]>> = { virtualizer: {}, window: {} };
const push = (impl: Impl, k: string, v: number) => (r[impl][k] ??= []).push(v);
const load0 = round(loadavg()[0]);
try {
  for (let run = 0; run < RUNS; run++) {
    for (const impl of run % 2 ? [...IMPLS].reverse() : IMPLS) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.addInitScript('window.__name = (f) => f');
      await page.goto(`${page0.url}?impl=${impl}`);
      await page.waitForFunction(() => (window as any).__ready && (window as any).__inView() > 0);
      await page.evaluate(() => (window as any).__start());
      await page.waitForTimeout(1500);
      // Main-thread time (CDP): all the work of the windowing and rendering, whenever it runs
      // (the virtualizer lays out outside the host's update), per frame drawn.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const metric = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((x) => [x.name, x.value]));
      const m0 = await metric();
      await startFrames(page);
      await page.waitForTimeout(SECONDS * 1000);
      const f = await stopFrames(page);
      const m1 = await metric();
      await cdp.detach();
      const framesDrawn = Math.max(1, f.fpsMedian * SECONDS);
      push(impl, 'fps', f.fpsMedian);
      push(impl, 'p95', f.frameMsP95);
      push(impl, 'cpuMsPerFrame', ((m1.TaskDuration - m0.TaskDuration) * 1000) / framesDrawn);
      push(impl, 'layoutMsPerFrame', ((m1.LayoutDuration - m0.LayoutDuration) * 1000) / framesDrawn);
      push(impl, 'scriptMsPerFrame', ((m1.ScriptDuration - m0.ScriptDuration) * 1000) / framesDrawn);
      await page.evaluate(() => (window as any).__stop());
      await page.waitForTimeout(300);
      for (const [name, fr] of [['jumpMid', 0.5], ['jumpEnd', 0.97]] as const) {
        push(impl, name, await page.evaluate((x) => (window as any).__jump(x), fr));
        push(impl, `${name}Cards`, await page.evaluate(() => (window as any).__inView()));
      }
      const m = await memory(page);
      push(impl, 'domNodes', m.domNodes);
      console.log(`run ${run + 1} ${impl}: ${JSON.stringify(Object.fromEntries(Object.entries(r[impl]).map(([k, v]) => [k, v[v.length - 1]])))}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await page0.close();
}

const med = (impl: Impl, k: string) => round(median(r[impl][k]));
const figures: Record<string, number | string> = {};
for (const k of Object.keys(r.virtualizer)) {
  figures[`${k} virtualizer`] = med('virtualizer', k);
  figures[`${k} window`] = med('window', k);
  if (med('virtualizer', k)) figures[`${k} window/virtualizer`] = round(med('window', k) / med('virtualizer', k));
}
figures['KiB brotli virtualizer (virtualize directive)'] = await size(`export { virtualize } from '@lit-labs/virtualizer/virtualize.js';`);
figures['KiB brotli shared window (model, controller, surfaces)'] = await size(`export * from './src/elements/shared/window/index.ts';`);
figures.load = `${load0} → ${round(loadavg()[0])} (1 min)`;
writeResult({
  name: 'window-grid',
  target: 'report: virtualizer vs shared window for the card grid (worker-board decides)',
  figures,
  met: null,
  runs: RUNS,
});
console.log(JSON.stringify(figures, null, 1));
