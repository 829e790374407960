/**
 * Benchmark harness: bundles a page entry with esbuild, serves it next to the reference
 * server, drives Debian's Chromium with playwright-core, and records frame times, long
 * frames, JS heap and DOM node counts. Results are JSON files in test/bench/results/, which
 * `npm run bench` (run.ts) turns into docs/performance.md. Nothing here gates on a time.
 */
import { build } from 'esbuild';
import { createServer as createHttpServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const resultsDir = join(root, 'test/bench/results');

export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  // Let frames run at the display rate in headless mode and expose precise memory.
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
}

/** Bundle a TypeScript entry for the browser (decorators per tsconfig). */
export async function bundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [resolve(root, entry)],
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.json'),
    minify: true,
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}

/** Serve one bundled module at /bench.js and a page that loads it; `html` is the body. */
export async function servePage(script: string, bodyHtml: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createHttpServer((req, res) => {
    if (req.url?.startsWith('/bench.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%}</style></head><body>${bodyHtml}<script type="module" src="/bench.js"></script></body></html>`);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export interface FrameStats {
  frames: number;
  fpsMedian: number;
  frameMsMedian: number;
  frameMsP95: number;
  longFrames: number;
}

/** Start recording rAF frame intervals in the page. */
// Page scripts are passed as strings: tsx compiles functions with esbuild's keepNames, which
// would reference a `__name` helper that does not exist in the page.
const START_FRAMES = `(() => {
  const w = window;
  w.__frames = [];
  let last = performance.now();
  const tick = (t) => { w.__frames.push(t - last); last = t; if (w.__recording) requestAnimationFrame(tick); };
  w.__recording = true;
  requestAnimationFrame(tick);
})()`;

/** Start recording rAF frame intervals in the page. */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(START_FRAMES);
}

export async function stopFrames(page: Page): Promise<FrameStats> {
  const intervals = (await page.evaluate('(() => { window.__recording = false; return window.__frames.slice(1); })()')) as number[];
  return frameStats(intervals);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const median = (values: number[]) => percentile(values, 50);

export function frameStats(intervals: number[]): FrameStats {
  // fps per one-second window, then the median window.
  const windows: number[] = [];
  let acc = 0;
  let count = 0;
  for (const ms of intervals) {
    acc += ms;
    count++;
    if (acc >= 1000) {
      windows.push((count * 1000) / acc);
      acc = 0;
      count = 0;
    }
  }
  return {
    frames: intervals.length,
    fpsMedian: round(median(windows.length ? windows : [(intervals.length * 1000) / Math.max(1, acc)])),
    frameMsMedian: round(median(intervals)),
    frameMsP95: round(percentile(intervals, 95)),
    longFrames: intervals.filter((ms) => ms > 50).length,
  };
}

/** JS heap used (MiB) after a forced GC, and DOM node count (including shadow roots). */
export async function memory(page: Page): Promise<{ heapMiB: number; domNodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const domNodes = (await page.evaluate(`(() => {
    let n = 0;
    const walk = (node) => {
      n++;
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    };
    walk(document);
    return n;
  })()`)) as number;
  await cdp.detach();
  return { heapMiB: round(usedSize / 1048576), domNodes };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface BenchResult {
  name: string;
  /** What the figures are compared against, in words (from DESIGN.md's targets). */
  target: string;
  figures: Record<string, number | string | boolean>;
  /** Whether the target was met; benchmarks report, they never fail the build. */
  met: boolean | null;
  runs: number;
  date?: string;
}

export function writeResult(result: BenchResult): void {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${result.name}.json`);
  writeFileSync(file, JSON.stringify({ ...result, date: new Date().toISOString() }, null, 2) + '\n');
  console.log(`${result.name}: ${JSON.stringify(result.figures)} — target ${result.target} — ${result.met === null ? 'no target' : result.met ? 'met' : 'NOT met'}`);
}

/** Start the reference server in-process for a benchmark. */
export async function startReferenceServer(options: Record<string, unknown> = {}) {
  const mod = await import(join(root, 'demo/server/index.ts'));
  return mod.createServer({ port: 0, quiet: true, ...options }) as Promise<{ url: string; close(): Promise<void> }>;
}
