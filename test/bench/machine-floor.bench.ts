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

const RUNS = Number(process.env.RUNS ?? 3);

// Plain JavaScript for the page (no bundler: this measures the browser, not our code).
const script = `
const nextPaint = () => new Promise((res) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => res(); c.port2.postMessage(0); }));
const settle = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 50)));
// kind: 'auto' (a <table>, auto layout), 'fixed' (table-layout: fixed, widths from a <colgroup>),
// 'grid' (divs in a CSS grid with a fixed column template, rows display: contents),
// 'grid-contain' (the same, the scroller contain: strict).
const WIDTHS = [168, 112, 272, 168, 148, 88, 172, 120, 164, 128, 96];
function table(rows, kind = 'auto') {
  const host = document.createElement('div');
  host.style.cssText = 'font:13px sans-serif' + (kind === 'grid-contain' ? ';height:960px;overflow:auto;contain:strict' : '');
  const grid = kind.startsWith('grid');
  let tb;
  if (grid) {
    tb = document.createElement('div');
    tb.setAttribute('role', 'grid');
    tb.style.cssText = 'display:grid;grid-template-columns:' + WIDTHS.map((w) => w + 'px').join(' ');
    host.append(tb);
  } else {
    const t = document.createElement('table');
    t.style.cssText = 'width:100%;border-collapse:collapse' + (kind === 'fixed' ? ';table-layout:fixed' : '');
    if (kind === 'fixed') {
      const cg = document.createElement('colgroup');
      for (const w of WIDTHS) { const c = document.createElement('col'); c.style.width = w + 'px'; cg.append(c); }
      t.append(cg);
    }
    tb = document.createElement('tbody');
    t.append(tb);
    host.append(t);
  }
  document.body.append(host);
  const fill = (seed) => {
    tb.textContent = '';
    for (let i = 0; i < rows; i++) {
      const tr = document.createElement(grid ? 'div' : 'tr');
      if (grid) { tr.setAttribute('role', 'row'); tr.style.display = 'contents'; }
      for (let c = 0; c < 11; c++) {
        const td = document.createElement(grid ? 'div' : 'td');
        if (grid) td.setAttribute('role', 'gridcell');
        td.style.cssText = 'height:36px;padding:0 10px;border-bottom:1px solid #ddd;white-space:nowrap' + (grid ? ';line-height:36px;box-sizing:border-box;overflow:hidden' : '');
        const s = document.createElement('span');
        s.textContent = 'value ' + ((i * 31 + c * 7 + seed * 13) % 997) + ' of ' + c;
        td.append(s);
        tr.append(td);
      }
      tb.append(tr);
    }
  };
  fill(0);
  return { fill, remove: () => host.remove() };
}
window.emptyFrame = async () => { const out = []; for (let k = 0; k < 8; k++) { await settle(); const t0 = performance.now(); await nextPaint(); out.push(performance.now() - t0); } return out; };
window.replaceRows = async (rows, kind) => {
  const t = table(rows, kind);
  const out = [];
  for (let k = 1; k <= 8; k++) { await settle(); const t0 = performance.now(); t.fill(k); await nextPaint(); out.push(performance.now() - t0); }
  t.remove();
  return out;
};
window.startRewrite = () => {
  const box = document.createElement('div');
  box.style.cssText = 'height:800px;overflow:hidden;font:12px monospace;contain:strict';
  const cells = [];
  for (let i = 0; i < 40; i++) {
    const row = document.createElement('div');
    row.style.cssText = 'height:20px;white-space:pre';
    const parts = [];
    for (let c = 0; c < 4; c++) { const s = document.createElement('span'); s.textContent = '-'; row.append(s, ' '); parts.push(s); }
    box.append(row);
    cells.push(parts);
  }
  document.body.append(box);
  let n = 0;
  const tick = () => {
    n++;
    for (let i = 0; i < 40; i++) { const p = cells[i]; p[0].textContent = String(n * 40 + i); p[1].textContent = 'INFO'; p[2].textContent = 'scheduler'; p[3].textContent = 'line ' + (n * 40 + i) + ' of a fast log, with some text to shape'; }
    if (window.__rewriting) requestAnimationFrame(tick);
  };
  window.__rewriting = true;
  requestAnimationFrame(tick);
};
window.stopRewrite = () => { window.__rewriting = false; };
document.body.dataset.ready = '1';
`;

const page0 = await servePage(script, '');
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
