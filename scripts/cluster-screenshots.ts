/**
 * docs/screenshots/cluster-*.png: every Cluster page on real systems — `telltale relay` following
 * a real Bazel build and test run (bazel-bootstrap 4.2), this machine's node_exporter, a redis-server cache
 * (4 MB maxmemory, filled past it) and a cache directory nested under one store.
 *
 *   node --import tsx scripts/cluster-screenshots.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createClient } from 'redis';
import { createRelay } from '../src/cli/relay/relay.js';
import { parseSource } from '../src/cli/relay/sources/registry.js';
import { CHROME_ARGS, root } from '../test/bench/harness.js';
import { bazelBuild, bazelWorkspace, sleep, startNodeExporter, startRedis } from '../test/server/cluster-programs.js';

const out = join(root, 'docs/screenshots');
const ws = await bazelWorkspace();
const [exporter, redis] = await Promise.all([startNodeExporter(), startRedis(['--maxmemory', '4mb', '--maxmemory-policy', 'allkeys-lru'])]);
const cacheDir = join(ws.dir, '..', 'disk-cache');
await mkdir(join(cacheDir, 'cas'), { recursive: true });
for (let i = 0; i < 40; i++) await writeFile(join(cacheDir, 'cas', `blob-${i}`), Buffer.alloc(4096 * (i + 1)));
const bep = join(ws.dir, '..', 'bep.json');
const relay = await createRelay({
  sources: [`bep:ci=${bep}`, `prom:this-machine=http://127.0.0.1:${exporter.port}/metrics`, `redis-info:memory=redis://127.0.0.1:${redis.port}`, `dir:disk=${cacheDir}`].map(parseSource),
  storeTree: 'cas=memory,disk',
  port: 0,
  staticDir: join(root, 'demo-dist'),
  say: () => {},
});
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 960 } });
  const c = createClient({ url: `redis://127.0.0.1:${redis.port}` });
  await c.connect();
  for (let i = 0; i < 6000; i++) await c.set(`cas:${i}`, 'x'.repeat(1000));
  for (let i = 0; i < 600; i++) await c.get(`cas:${Math.floor(Math.random() * 6000)}`);
  await c.quit();
  await page.goto(`${relay.url}/activity`);
  const build = bazelBuild(ws, bep);
  await page.locator('live-activity [part=active]', { hasText: '//:slow' }).waitFor({ timeout: 60_000 });
  await sleep(1500);
  await page.screenshot({ path: join(out, 'cluster-activity-building.png') });
  await build.done;
  await sleep(1000);
  await page.locator('live-activity [part=row]', { hasText: 'Genrule //:broken' }).first().click();
  await sleep(800);
  await page.screenshot({ path: join(out, 'cluster-activity.png') });
  // Then the same workspace's tests (a Starlark test rule, runs offline): pass, fail, slow, flaky.
  await bazelBuild(ws, bep, 'test').done;
  await page.goto(`${relay.url}/activity`);
  await page.locator('live-activity [part=row]', { hasText: 'test //tests:fails' }).first().click({ timeout: 30_000 });
  await page.locator('live-activity [part=details]', { hasText: 'expected 2, got 3' }).waitFor({ timeout: 10_000 });
  await sleep(500);
  await page.screenshot({ path: join(out, 'cluster-tests.png') });
  for (const p of ['workers', 'storage', 'clients', 'logs']) {
    // Logs: each source's own stream, what it is doing or what is wrong (here the BEP file's).
    await page.goto(`${relay.url}/${p === 'logs' ? 'log-streams?stream=ci' : p}`);
    await sleep(p === 'workers' ? 7000 : 2500); // the sparklines need a few scrapes
    await page.screenshot({ path: join(out, `cluster-${p}.png`) });
  }
  console.log(`wrote ${out}/cluster-{activity-building,activity,tests,workers,storage,clients,logs}.png`);
} finally {
  await browser.close();
  await relay.close();
  await Promise.all([exporter.stop(), redis.stop()]);
  await ws.cleanup();
}
