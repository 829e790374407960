/**
 * Fault scale (issue 11): FAULTS (default 1,000) randomized faults — cuts (clean, mid-event,
 * mid-line), 503 bursts with a restart, restarts, malformed frames, drip, stall — against the
 * hub on the live feed and, at the same time, a <log-console> on a log stream through the same
 * hub, in Chromium against the reference server. After each fault the sandbox is stepped and
 * the run waits until both consumers caught up. The sandbox logs 20 background lines/s per
 * stream so faults hit the log stream as often as the live feed. Target: zero lost and zero duplicated events
 * (malformed frames are reported by the hub and accounted for, not lost), one snapshot only.
 * Too long for CI; `npm run bench` or `node --import tsx test/bench/fault-scale.bench.ts`.
 */
import { bundle, launch, round, servePage, startReferenceServer, writeResult } from './harness.js';

const FAULTS = Number(process.env.FAULTS ?? 1000);
const RUNS = Number(process.env.RUNS ?? 1);

const server = await startReferenceServer();
const script = await bundle('test/bench/fault-scale.page.ts');
const served = await servePage(script, '<log-console style="--log-console-height: 400px"></log-console>');
const browser = await launch();
const results: any[] = [];
try {
  for (let r = 0; r < RUNS; r++) {
    const sb = await (
      await fetch(`${server.url}/admin/sandboxes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seed: 4242 + r, paused: true, heartbeatMs: 100, cors: true, warmupMs: 10_000, rates: { logLines: 20 } }),
      })
    ).json();
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(served.url);
    await page.waitForFunction('window.__ready === true');
    page.setDefaultTimeout(0);
    const res = await page.evaluate(([base, n, seed]) => (window as any).__run(base, n, seed), [`${server.url}${sb.base}`, FAULTS, 20240601 + r] as const);
    console.log(JSON.stringify(res));
    results.push(res);
    await page.close();
    await fetch(`${server.url}${sb.base}`, { method: 'DELETE' });
  }
} finally {
  await browser.close();
  await served.close();
  await server.close();
}

const failed = results.find((r) => r.error);
const sum = (f: (r: any) => number) => results.reduce((a, r) => a + (r.error ? 0 : f(r)), 0);
const figures: Record<string, number | string | boolean> = failed
  ? { faults: FAULTS, error: String(failed.error), failedAtFault: failed.at }
  : {
      faults: FAULTS * RUNS,
      seconds: round(sum((r) => r.seconds), 0),
      liveEventsDelivered: sum((r) => r.live.delivered),
      liveMalformedReported: sum((r) => r.live.malformed),
      liveLost: sum((r) => r.live.lost),
      liveDuplicated: sum((r) => r.live.duplicated),
      liveReordered: sum((r) => r.live.reordered),
      logLinesInElement: sum((r) => r.logs.delivered),
      logMalformedReported: sum((r) => r.logs.malformed),
      logLost: sum((r) => r.logs.lost),
      logDuplicated: sum((r) => r.logs.duplicated),
      logGapMarkers: sum((r) => r.logGapMarkers),
      snapshots: sum((r) => r.snapshots),
      reconnects: sum((r) => r.reconnects),
      kinds: JSON.stringify(results[0].kinds),
    };
writeResult({
  name: 'fault-scale',
  target: '1,000 randomized faults against the hub (live feed) and <log-console> (log stream): zero lost, zero duplicated, one snapshot',
  figures,
  met: !failed && figures.liveLost === 0 && figures.liveDuplicated === 0 && figures.logLost === 0 && figures.logDuplicated === 0 && figures.snapshots === RUNS,
  runs: RUNS,
});
process.exit(0);
