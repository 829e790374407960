/**
 * <rollout-table> with 100,000 rollouts (generated, given by property): first render, sort by
 * a number and by text, filter, one search keystroke, page change, expand.
 *
 * Each action is timed from the user action (a click, an input event) to the end of the next
 * painted frame (rAF, then a message posted from it: after style, layout and paint), in Debian's
 * Chromium; medians over RUNS fresh pages. Alongside: the element's willUpdate (model) and
 * update (Lit render + DOM commit) time for the same action, and, on separate fresh pages, the
 * pure model time (no DOM) of each step.
 *
 * Sorts are measured twice: "cold" right after the first paint, and after 2 s of idle time
 * (a person reads the first page before sorting), during which the element prepares each
 * column's order in idle chunks.
 *
 * Each run also measures the machine floor on a fresh page of the same browser, just before
 * the table's page (machine-floor.bench.ts: a plain <table> of 25 rows × 11 cells replaced,
 * click → painted frame), and every action is reported as a ratio to it (`…xFloor`, the median
 * of the runs' ratios): absolute times on a shared machine move with its load, the ratio much less.
 *
 * Targets: every action after the first load (sorts after idle time, filters, search keystrokes,
 * page changes, expand and collapse) ≤ 1.2× the floor measured beside it (issue 23); DESIGN.md's
 * absolute targets are reported too. `PROFILE=1` also records a CPU profile of one page and prints
 * the functions with the most self time (unminified bundle).
 */
import { build } from 'esbuild';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { bundle, launch, median, root, round, servePage, writeResult } from './harness.js';
import { floorScript } from './floor.script.js';

const N = 100_000;
const RUNS = Number(process.env.RUNS ?? 3);
const PROFILE = process.env.PROFILE === '1';

const js = PROFILE
  ? (
      await build({
        entryPoints: [join(root, 'test/bench/rollout-table.page.ts')],
        bundle: true,
        format: 'esm',
        write: false,
        target: 'es2022',
        tsconfig: join(root, 'tsconfig.json'),
        minify: false,
        logLevel: 'error',
      })
    ).outputFiles[0].text
  : await bundle('test/bench/rollout-table.page.ts');
const page0 = await servePage(js, '');
const floorPage = await servePage(floorScript, '');
const floors: number[] = [];
const browser = await launch();
const runs: Record<string, number>[] = [];
const model: Record<string, number>[] = [];
const load0 = loadavg()[0];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

try {
  for (let i = 0; i < RUNS; i++) {
    const fp = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await fp.goto(floorPage.url);
    await fp.waitForSelector('body[data-ready="1"]');
    floors.push(median((await fp.evaluate('window.replaceRows(25)')) as number[]));
    await fp.close();
    console.log(`floor ${i + 1}: ${round(floors[i], 1)} ms`);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(page0.url);
    await page.waitForSelector('body[data-ready="1"]');
    const cdp = PROFILE && i === 0 ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const r = (await page.evaluate('window.runBench(' + N + ')')) as Record<string, number>;
    if (cdp) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, k) => {
        const n = byId.get(id)!;
        const name = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
        self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
      });
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
      for (const [name, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
    }
    runs.push(r);
    console.log(`page ${i + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, 1)])))}`);
    await page.close();
    const mp = await browser.newPage();
    await mp.goto(page0.url);
    await mp.waitForSelector('body[data-ready="1"]');
    const m = (await mp.evaluate('window.runModel(' + N + ')')) as Record<string, number>;
    model.push(m);
    console.log(`model ${i + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v, 1)])))}`);
    await mp.close();
  }
} finally {
  await browser.close();
  await page0.close();
  await floorPage.close();
}
const med = (rs: Record<string, number>[], k: string) => round(median(rs.map((r) => r[k])), 1);
const actions = [
  'firstRender',
  'emptyFrameAfterLoad',
  'emptyFrame',
  'sortNumberCold',
  'sortTextCold',
  'sortNumber',
  'sortNumberDesc',
  'sortText',
  'sortTextDesc',
  'sortTextCategorical',
  'filter',
  'filterSecond',
  'searchInputEvent',
  'searchKeystroke',
  'searchKeystroke2',
  'pageChange',
  'pageChange2',
  'expand',
  'collapse',
];
const figures: Record<string, number | string> = { rows: N };
for (const a of actions) {
  figures[`${a}Ms`] = med(runs, a);
  figures[`${a}ModelMs`] = med(runs, `${a}.model`);
  figures[`${a}RenderMs`] = med(runs, `${a}.render`);
}
for (const k of Object.keys(model[0] ?? {})) figures[`pureModel.${k}Ms`] = med(model, k);
// The floor of the same run, and each action as a ratio to it.
figures.floorMs = round(median(floors), 1);
/** The actions held to ≤ 1.2× the floor: everything a person does once the table is shown. */
const floorActions = ['sortNumber', 'sortNumberDesc', 'sortText', 'sortTextDesc', 'sortTextCategorical', 'filter', 'filterSecond', 'searchKeystroke', 'searchKeystroke2', 'pageChange', 'pageChange2', 'expand', 'collapse'];
const ratio = (a: string) => round(median(runs.map((r, i) => r[a] / floors[i])), 2);
for (const a of [...floorActions, 'sortNumberCold', 'sortTextCold', 'firstRender']) figures[`${a}xFloor`] = ratio(a);
const worstRatio = Math.max(...floorActions.map(ratio));
figures.worstActionxFloor = worstRatio;
figures.ranksReadyAfterIdle = med(runs, 'ranksReady');
figures.rowsRendered = med(runs, 'rowsShown');
figures.loadAverage = `${round(load0, 1)} → ${round(loadavg()[0], 1)} (2 cores)`;
figures.timing =
  'action → end of the next painted frame (rAF + posted message), Chromium; sorts after 2 s idle unless "Cold"; emptyFrameMs = the same measure for an action that changes nothing (the machine\'s frame latency floor)';
figures.worstOfFilterSearchPageExpandMs = Math.max(figures.filterMs as number, figures.searchKeystrokeMs as number, figures.pageChangeMs as number, figures.expandMs as number);
writeResult({
  name: 'rollout-table',
  target: `every action once shown (sorts after idle time, filters, search keystrokes, page changes, expand, collapse) ≤ 1.2× the floor measured in the same run (plain table, 25 rows × 11 cells replaced); also: sort ≤ 30 ms by number, ≤ 120 ms by text; filter, search keystroke, page change, expand ≤ 16 ms (100,000 rollouts)`,
  figures,
  // The ratio is what this benchmark holds; the absolute times depend on the machine's load.
  met: worstRatio <= 1.2,
  runs: RUNS,
});
