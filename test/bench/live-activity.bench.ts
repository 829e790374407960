/**
 * <live-activity> under bursts: 10,000 live-protocol events/s (new activities and in-place
 * updates) fed once per frame, as the hub delivers them. Frame rate, heap at start and end,
 * DOM size, and whether the newest activity is at the top. Median of 3 runs.
 */
import { loadavg } from 'node:os';
import { bundle, launch, memory, median, round, servePage, startFrames, stopFrames, writeResult } from './harness.js';

const RATE = 10_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RUNS = 3;

const script = await bundle('test/bench/live-activity.page.ts');
const page0 = await servePage(script, '<live-activity style="--live-activity-height:100vh;border-radius:0" max-events="1000"></live-activity>');
const browser = await launch();
const runs: Record<string, number | boolean>[] = [];
try {
  for (let r = 0; r < RUNS; r++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx names functions with __name(); page.evaluate ships them to a page without it.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(`${page0.url}?mode=burst&rate=${RATE}`);
    await page.waitForFunction(() => (window as any).__ready === true);
    await page.waitForTimeout(500);
    const before = await memory(page);
    await page.evaluate(() => (window as any).__startFeed());
    await page.waitForTimeout(1000); // warm-up: the list fills to its bound
    const warm = await memory(page);
    await startFrames(page);
    await page.waitForTimeout(SECONDS * 1000);
    const frames = await stopFrames(page);
    const stats = await page.evaluate(() => {
      const w = window as any;
      const el = document.querySelector('live-activity') as any;
      w.__stopFeed();
      return { sent: w.__stats.sent, lastNewId: w.__stats.lastNewId, size: el.visibleItems.length };
    });
    await page.waitForTimeout(1000); // the last coalesced repaint lands
    const top = await page.evaluate(() => (document.querySelector('live-activity') as any).visibleItems[0]?.id);
    const after = await memory(page);
    runs.push({
      fps: frames.fpsMedian,
      p95: frames.frameMsP95,
      longFrames: frames.longFrames,
      heapStart: warm.heapMiB,
      heapEnd: after.heapMiB,
      heapBefore: before.heapMiB,
      dom: after.domNodes,
      eventsPerSec: Math.round(stats.sent / (SECONDS + 1)),
      kept: stats.size,
      newestOnTop: top === stats.lastNewId,
    });
    console.log(`run ${r + 1}:`, JSON.stringify(runs.at(-1)));
    await page.close();
  }
} finally {
  await browser.close();
  await page0.close();
}

const m = (k: string) => round(median(runs.map((x) => x[k] as number)));
const fps = m('fps');
const heapGrowth = round(m('heapEnd') - m('heapStart'));
writeResult({
  name: 'live-activity-burst',
  target: `≥ 58 fps median at ${RATE.toLocaleString('en')} events/s for ${SECONDS} s, heap bounded (end − start small)`,
  figures: {
    'events/s (fed)': m('eventsPerSec'),
    'duration s': SECONDS,
    'fps median': fps,
    'frame ms p95': m('p95'),
    'long frames (>50 ms)': m('longFrames'),
    'heap MiB after warm-up': m('heapStart'),
    'heap MiB at end': m('heapEnd'),
    'heap growth MiB': heapGrowth,
    'DOM nodes': m('dom'),
    'items kept (max-events 1000)': m('kept'),
    'newest on top': runs.every((x) => x.newestOnTop),
    // The machine is shared: the 1-minute load average (2 cores) says how much CPU the page had.
    'load average (1 min) at end': round(loadavg()[0]),
  },
  met: fps >= 58 && heapGrowth < 20,
  runs: RUNS,
});
