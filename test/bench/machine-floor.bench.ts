/**
 * The machine's floor: what this Chromium on this machine costs for plain DOM work with no
 * library at all, so the element benchmarks can be read against it. No target: a reference.
 *
 * - an empty frame: click → end of the next painted frame with nothing changed;
 * - a plain `<table>` of 100 (and 25) rows × 11 cells, its rows replaced by plain DOM calls
 *   (what a re-sorted page of <rollout-table> asks of the browser), click → painted frame;
 *   the 25 rows also with `table-layout: fixed`, and as a CSS grid of divs (with and without a
 *   `contain: strict` scroller): whether another layout would be cheaper than a `<table>`;
 * - 40 rows of 4 text nodes rewritten every frame for 5 s (what <log-console> asks while it
 *   follows a fast tail): frame rate and p95 frame.
 * Medians of RUNS fresh pages.
 */
import { loadavg } from 'node:os';
import { launch, median, round, servePage, startFrames, stopFrames, writeResult } from './harness.js';
import { floorScript } from './floor.script.js';

const RUNS = Number(process.env.RUNS ?? 3);


const page0 = await servePage(floorScript, '');
const browser = await launch();
const load0 = loadavg()[0];
const runs: Record<string, number>[] = [];
try {
  for (let r = 0; r < RUNS; r++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(page0.url);
    await page.waitForSelector('body[data-ready="1"]');
    const empty = (await page.evaluate('window.emptyFrame()')) as number[];
    const t100 = (await page.evaluate('window.replaceRows(100)')) as number[];
    const t25 = (await page.evaluate('window.replaceRows(25)')) as number[];
    const t25fixed = (await page.evaluate("window.replaceRows(25, 'fixed')")) as number[];
    const t25grid = (await page.evaluate("window.replaceRows(25, 'grid')")) as number[];
    const t25gridContain = (await page.evaluate("window.replaceRows(25, 'grid-contain')")) as number[];
    await page.evaluate('window.startRewrite()');
    await page.waitForTimeout(500);
    await startFrames(page);
    await page.waitForTimeout(5000);
    const frames = await stopFrames(page);
    await page.evaluate('window.stopRewrite()');
    const one = {
      emptyFrameMs: median(empty),
      table100RowsReplaceMs: median(t100),
      table25RowsReplaceMs: median(t25),
      table25FixedReplaceMs: median(t25fixed),
      grid25ReplaceMs: median(t25grid),
      grid25ContainReplaceMs: median(t25gridContain),
      rewrite40RowsFps: frames.fpsMedian,
      rewrite40RowsP95Ms: frames.frameMsP95,
    };
    runs.push(one);
    console.log(`page ${r + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(one).map(([k, v]) => [k, round(v, 1)])))}`);
    await page.close();
  }
} finally {
  await browser.close();
  await page0.close();
}
const med = (k: string) => round(median(runs.map((r) => r[k])), 1);
writeResult({
  name: 'machine-floor',
  target: 'none: plain DOM with no library, the floor the element benchmarks stand on (click → painted frame; 60 Hz display)',
  figures: {
    'empty frame ms': med('emptyFrameMs'),
    'plain table, 100 rows × 11 cells replaced, ms': med('table100RowsReplaceMs'),
    'plain table, 25 rows × 11 cells replaced, ms': med('table25RowsReplaceMs'),
    'same, table-layout: fixed with <colgroup> widths, ms': med('table25FixedReplaceMs'),
    'same as a CSS grid of divs (fixed column template, rows display: contents), ms': med('grid25ReplaceMs'),
    'same grid in a contain: strict scroller, ms': med('grid25ContainReplaceMs'),
    '40 rows × 4 text nodes rewritten every frame: fps median': med('rewrite40RowsFps'),
    '40 rows × 4 text nodes rewritten every frame: p95 frame ms': med('rewrite40RowsP95Ms'),
    loadAverage: `${round(load0, 1)} → ${round(loadavg()[0], 1)} (2 cores)`,
  },
  met: null,
  runs: RUNS,
});
