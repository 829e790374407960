/**
 * Soak (issue 11): about 1,000 log lines/s into a <log-console> (five streams of the
 * reference server) and about 100 live events/s into a <live-activity>, both through the
 * real hub over SSE, for SOAK_MINUTES (default 60, per the issue). Every SOAK_SAMPLE_SECONDS
 * (default 60) after a forced GC it samples the JS heap, the DOM node count (through shadow
 * roots) and the detached DOM nodes (CDP DOM.getDetachedDomNodes), plus the hub's counters.
 *
 * Target: heap growth ≤ 5 % between the end of the warm-up and the end, DOM node count
 * constant, no growth of detached nodes. The warm-up is minute 10 of 60 in the issue; for a
 * shorter run it is scaled proportionally (SOAK_MINUTES / 6), and the figures state the real
 * durations. One run (a soak is one long run, not a median).
 *
 *   SOAK_MINUTES=20 node --import tsx test/bench/soak.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, launch, memory, resultsDir, root, round, servePage, startReferenceServer, writeResult } from './harness.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 60);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_SECONDS ?? 60);
const WARMUP_MIN = Number(process.env.SOAK_WARMUP_MINUTES ?? MINUTES / 6);
const STREAMS = ['scheduler', 'cas', 'agl', 'tasks', 'worker-01'];
// Calibrated on the reference server: 180 background lines/s per stream plus the activity
// lines ≈ 200/s per stream ≈ 1,000/s over five streams; 14 new activities/s with 16 workers
// ≈ 100 live events/s (activity stages, worker metrics, stores, clients, removals).
const RATES = { activities: Number(process.env.SOAK_ACTIVITIES ?? 14), logLines: Number(process.env.SOAK_LOG_LINES ?? 180), tasks: 0.2, rollouts: 0.25 };

// Which sources were measured (the bundle is built once, at start).
const SOURCE = (() => {
  const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();
  return `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', 'src']) ? ' + uncommitted src changes' : ''}`;
})();

// 16 workers keep up with the arrivals: the simulated cluster is stationary (~400 activities,
// ~50 unfinished). With 12 its queue grew by ~64 activities a minute for ever (5 min: 353
// unfinished, 10 min: 670), and the hub's model of the cluster grew with it: the 60-minute run
// committed in 39ca62d measured that growth of the world (+14 % heap), not a leak of the page.
const WORKERS = Number(process.env.SOAK_WORKERS ?? 16);
/** Result name: a run other than the spec's (60 min) can be kept beside it. */
const NAME = process.env.SOAK_NAME ?? 'soak';

const server = await startReferenceServer();
const sb = await (
  await fetch(`${server.url}/admin/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seed: 11, workers: WORKERS, cors: true, warmupMs: 30_000, rates: RATES }),
  })
).json();
const base = `${server.url}${sb.base}`;
const stats = async () => (await fetch(`${base}/admin/stats`)).json();

const script = await bundle('test/bench/soak.page.ts');
const served = await servePage(
  script,
  `<div style="display:grid;grid-template-rows:1fr 1fr;height:100vh">
     <live-activity base-url="${base}" style="min-height:0"></live-activity>
     <log-console base-url="${base}" streams="${STREAMS.join(',')}" style="--log-console-height:100%;min-height:0"></log-console>
   </div>`,
);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const pageErrors: string[] = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
await page.addInitScript('window.__name = (f) => f');
await page.goto(served.url);
await page.waitForFunction('window.__ready === true');

interface Sample {
  minute: number;
  heapMiB: number;
  domNodes: number;
  detachedNodes: number;
  /** Detached nodes that are not Lit's template cache: what would be a leak. */
  detachedOther: number;
  logLinesDelivered: number;
  liveEventsDelivered: number;
  logLinesPerSecond: number;
  liveEventsPerSecond: number;
  reconnects: number;
  malformed: number;
  dropped: number;
  retainedLines: number;
  /** DOM nodes inside each element (shadow trees included), to tell which one grows. */
  nodesLiveActivity: number;
  nodesLogConsole: number;
  logSourceOptions: number;
  /** Items held by <live-activity> (bounded by max-events, 1000): as many as the simulated cluster has. */
  itemsLiveActivity: number;
}

const cdp = await page.context().newCDPSession(page);
await cdp.send('DOM.enable');
/**
 * Detached DOM nodes after GC. Lit keeps one `<template>` (and its content fragment) per `html`
 * call site it has rendered, never attached by design: that cache is bounded by the code and
 * grows only as new code paths render for the first time, so it is counted apart from the rest.
 */
async function detached(): Promise<{ total: number; other: number }> {
  try {
    const r = (await cdp.send('DOM.getDetachedDomNodes' as never)) as { detachedNodes: Array<{ treeNode: { nodeName: string } }> };
    const template = r.detachedNodes.filter((d) => d.treeNode.nodeName === 'TEMPLATE' || d.treeNode.nodeName === '#document-fragment').length;
    return { total: r.detachedNodes.length, other: r.detachedNodes.length - template };
  } catch {
    return { total: -1, other: -1 }; // not supported by this Chromium
  }
}
async function counters() {
  return page.evaluate(() => {
    const s = ((window as any).__statuses ?? []) as Array<{ key: string; counters: { events: number; malformed: number; reconnects: number; dropped: number } }>;
    const sum = (pred: (k: string) => boolean, f: 'events' | 'malformed' | 'reconnects' | 'dropped') =>
      s.filter((x) => pred(x.key)).reduce((a, x) => a + x.counters[f], 0);
    const isLog = (k: string) => k.includes('/logs/');
    const all = () => true;
    return {
      log: sum(isLog, 'events'),
      live: sum((k) => /\/live(\?| |$)/.test(k), 'events'),
      reconnects: sum(all, 'reconnects'),
      malformed: sum(all, 'malformed'),
      dropped: sum(all, 'dropped'),
      retained: (document.querySelector('log-console') as any)?.size ?? 0,
      nodes: ['live-activity', 'log-console'].map((tag) => {
        let n = 0;
        const walk = (x: Node) => {
          n++;
          if (x instanceof Element && x.shadowRoot) walk(x.shadowRoot);
          for (let c = x.firstChild; c; c = c.nextSibling) walk(c);
        };
        walk(document.querySelector(tag)!);
        return n;
      }),
      options: document.querySelector('log-console')?.shadowRoot?.querySelectorAll('option').length ?? 0,
      items: ((document.querySelector('live-activity') as any)?.visibleItems?.length as number) ?? 0,
      errors: (window as any).__errors as string[],
    };
  });
}

const samples: Sample[] = [];
const t0 = Date.now();
let prev = { log: 0, live: 0, t: t0 };
const write = (final: boolean) => {
  // Running record, so a long soak interrupted early still leaves its samples.
  writeFileSync(join(resultsDir, `${NAME}.samples.json`), JSON.stringify({ minutesPlanned: MINUTES, final, samples }, null, 2) + '\n');
};
const totalSamples = Math.max(2, Math.round((MINUTES * 60) / SAMPLE_S));
for (let i = 1; i <= totalSamples; i++) {
  const due = t0 + i * SAMPLE_S * 1000;
  await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
  const c = await counters();
  const now = Date.now();
  const mem = await memory(page);
  const s: Sample = {
    minute: round((now - t0) / 60000, 2),
    heapMiB: mem.heapMiB,
    domNodes: mem.domNodes,
    ...(await detached().then((d) => ({ detachedNodes: d.total, detachedOther: d.other }))),
    logLinesDelivered: c.log,
    liveEventsDelivered: c.live,
    logLinesPerSecond: round(((c.log - prev.log) * 1000) / (now - prev.t), 0),
    liveEventsPerSecond: round(((c.live - prev.live) * 1000) / (now - prev.t), 0),
    reconnects: c.reconnects,
    malformed: c.malformed,
    dropped: c.dropped,
    retainedLines: c.retained,
    nodesLiveActivity: c.nodes[0],
    nodesLogConsole: c.nodes[1],
    logSourceOptions: c.options,
    itemsLiveActivity: c.items,
  };
  prev = { log: c.log, live: c.live, t: now };
  samples.push(s);
  pageErrors.push(...c.errors.filter((e) => !pageErrors.includes(e)));
  console.log(`soak ${s.minute} min: heap ${s.heapMiB} MiB, ${s.domNodes} nodes, ${s.detachedNodes} detached (${s.detachedOther} not Lit templates), ${s.logLinesPerSecond} lines/s, ${s.liveEventsPerSecond} live/s, retained ${s.retainedLines}, reconnects ${s.reconnects}, <live-activity> ${s.nodesLiveActivity} / <log-console> ${s.nodesLogConsole} nodes, ${s.logSourceOptions} source options, ${s.itemsLiveActivity} activity items`);
  write(false);
}
write(true);

const realMinutes = round((Date.now() - t0) / 60000, 1);
// The sample closest to the end of the warm-up, and the last one.
const warm = samples.reduce((best, s) => (Math.abs(s.minute - WARMUP_MIN) < Math.abs(best.minute - WARMUP_MIN) ? s : best), samples[0]);
const last = samples[samples.length - 1];
const after = samples.filter((s) => s.minute >= warm.minute);
const growth = round(((last.heapMiB - warm.heapMiB) / warm.heapMiB) * 100, 1);
const nodesMin = Math.min(...after.map((s) => s.domNodes));
const nodesMax = Math.max(...after.map((s) => s.domNodes));
const detachedWarm = warm.detachedNodes;
const detachedMax = Math.max(...after.map((s) => s.detachedNodes));
const otherWarm = warm.detachedOther;
const otherMax = Math.max(...after.map((s) => s.detachedOther));
const liveRates = samples.slice(1).map((s) => s.liveEventsPerSecond);
const logRates = samples.slice(1).map((s) => s.logLinesPerSecond);
const avg = (v: number[]) => (v.length ? round(v.reduce((a, b) => a + b, 0) / v.length, 0) : 0);
const serverStats = await stats();
// Least-squares slope after the warm-up, per 10 minutes: a leak shows as a steady climb, while
// content (the number of tasks in progress, GC timing) only moves single samples up and down.
const slopePer10Min = (f: (s: Sample) => number) => {
  const xs = after.map((s) => s.minute);
  const ys = after.map(f);
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? round((num / den) * 10, 3) : 0;
};

// DOM "constant": a windowed list's node count moves with what is on screen (row content,
// open groups); we accept ±2 % around the post-warm-up minimum.
const domConstant = nodesMax <= nodesMin * 1.02;
writeResult({
  name: NAME,
  target: `JS heap growth ≤ 5 % from warm-up end to the end, DOM node count constant (±2 %), no growth of detached nodes other than Lit's template cache; ~1,000 log lines/s + ~100 live events/s (spec: 60 min, warm-up 10 min)`,
  figures: {
    minutesPlanned: MINUTES,
    simulatedWorkers: WORKERS,
    minutesReal: realMinutes,
    warmupMinute: warm.minute,
    sampleEverySeconds: SAMPLE_S,
    logLinesPerSecondAvg: avg(logRates),
    liveEventsPerSecondAvg: avg(liveRates),
    logLinesDelivered: last.logLinesDelivered,
    liveEventsDelivered: last.liveEventsDelivered,
    heapMiBAtWarmup: warm.heapMiB,
    heapMiBAtEnd: last.heapMiB,
    heapMiBMax: Math.max(...after.map((s) => s.heapMiB)),
    heapGrowthPercent: growth,
    heapSlopeMiBPer10Min: slopePer10Min((s) => s.heapMiB),
    domNodesMin: nodesMin,
    domNodesMax: nodesMax,
    domNodesSlopePer10Min: slopePer10Min((s) => s.domNodes),
    logConsoleNodesSlopePer10Min: slopePer10Min((s) => s.nodesLogConsole),
    detachedNodesAtWarmup: detachedWarm,
    detachedNodesAtEnd: last.detachedNodes,
    detachedNodesSlopePer10Min: slopePer10Min((s) => s.detachedNodes),
    detachedNodesMax: detachedMax,
    detachedNonTemplateAtWarmup: otherWarm,
    detachedNonTemplateMax: otherMax,
    detachedNote: "Lit's template cache (a <template> and its fragment per html call site, never attached) counted apart",
    reconnects: last.reconnects,
    malformed: last.malformed,
    dropped: last.dropped,
    pageErrors: pageErrors.length,
    serverConnections: JSON.stringify(serverStats.connections),
    nodesLiveActivityWarmupToEnd: `${warm.nodesLiveActivity} → ${last.nodesLiveActivity}`,
    nodesLogConsoleWarmupToEnd: `${warm.nodesLogConsole} → ${last.nodesLogConsole}`,
    itemsLiveActivityWarmupToEnd: `${warm.itemsLiveActivity} → ${last.itemsLiveActivity} (max-events 1000)`,
    source: SOURCE,
  },
  met: growth <= 5 && domConstant && otherMax <= Math.max(0, otherWarm) && pageErrors.length === 0,
  runs: 1,
});
if (pageErrors.length) console.log('page errors:', pageErrors.slice(0, 10));

await cdp.detach().catch(() => undefined);
await browser.close();
await served.close();
await fetch(base, { method: 'DELETE' }).catch(() => undefined);
await server.close();
process.exit(0);
