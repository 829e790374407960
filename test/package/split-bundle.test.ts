/**
 * The split build for pages with no bundler (`telltale/bundle/telltale.js`, scripts/bundle.mjs's
 * buildSplitBundle), as a page loads it from a static folder: its entry exports every name the
 * one-file bundle (src/all.ts) exports, the streaming engine included, and the engine works
 * from it (runFeed + liveDecoder + LiveFolder read the reference server's live feed), while the
 * feed engine and the cross-tab coordinator still load only when used. Before, the split
 * entry left runFeed, TabCoordinator, the decoders and folders out (a no-bundler page could
 * not reach them: `telltale/streams` needs a bundler for its bare lit/rxjs imports).
 *
 *   node --import tsx --test test/package/split-bundle.test.ts
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildSplitBundle } from '../../scripts/bundle.mjs';
import { CHROME_ARGS } from '../bench/harness.js';
import { firstLoad } from '../unit/first-load.js';
import { createServer, type RunningServer } from '../../demo/server/index.js';

let dir: string;
let server: RunningServer;
let browser: Browser;
let wholeApi: string[];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'telltale-split-'));
  // The split build exactly as `npm run build` ships it in dist/bundle/, served as a static folder.
  await buildSplitBundle(join(dir, 'bundle'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>split</title><link rel="icon" href="data:,"></head><body></body></html>');
  // The names the one-file bundle exports (its entry, src/all.ts, as esbuild bundles it).
  wholeApi = (await firstLoad('src/all.ts', join(dir, 'whole-out'))).exports;
  server = await createServer({ port: 0, seed: 5, staticDir: dir });
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a page imports the whole API from the split entry and runs a feed with it; the engine loads on use', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const chunks: string[] = [];
  page.on('request', (r) => {
    const m = /\/bundle\/chunks\/([a-z-]+)-[A-Z0-9]{8}\.js$/.exec(r.url());
    if (m) chunks.push(m[1]!);
  });
  try {
    await page.goto(`${server.url}/`);
    const names = (await page.evaluate("import('/bundle/telltale.js').then((m) => Object.keys(m))")) as string[];
    assert.deepEqual(wholeApi.filter((n) => !names.includes(n)).sort(), [], 'names of the one-file bundle the split entry lacks');
    assert.ok(wholeApi.length > 100, `${wholeApi.length} names`);
    assert.deepEqual(chunks.filter((c) => c === 'feed-stack' || c === 'coordinator'), [], 'importing the entry loads neither the feed engine nor the coordinator');

    // A page script's own feed, as the README's engine section shows: runFeed with the live decoder,
    // folded by a LiveFolder, until the cluster's workers are known.
    // (A string, not a function: tsx's helpers would not exist in the page.)
    const seen = (await page.evaluate(`(async () => {
      const { runFeed, liveDecoder, LiveFolder, TabCoordinator } = await import('/bundle/telltale.js');
      const folder = new LiveFolder();
      const ctrl = new AbortController();
      const url = location.origin + '/live';
      const endpoint = { key: url, sseUrl: url, pollUrl: (c) => (c === null ? url + '/status' : url + '/status?since=' + c), decoder: liveDecoder };
      const config = { transport: 'auto', heartbeatMs: 5000, maxFrameBytes: 1 << 20, firstByteTimeoutMs: 5000, fallbackAfter: 3, probeIntervalMs: 30000, pollIntervalMs: 2000, pollTimeoutMs: 15000, backoff: {}, resume: 'header', undecodableAfter: 5 };
      const workers = await new Promise((resolve, reject) => {
        const sink = {
          item(item) {
            folder.apply(item);
            const n = folder.snapshot().workers.length;
            if (n) resolve(n);
          },
          status() {},
          malformed(id, e) { reject(e); },
          reconnect() {},
        };
        runFeed(endpoint, config, sink, ctrl.signal).catch(reject);
      });
      ctrl.abort();
      return { workers, crossTab: TabCoordinator.supported() };
    })()`)) as { workers: number; crossTab: boolean };
    assert.ok(seen.workers > 0, 'the live feed delivered the cluster snapshot');
    assert.equal(seen.crossTab, true, 'TabCoordinator.supported() from the split entry (Chromium has Web Locks and BroadcastChannel)');
    assert.ok(chunks.includes('feed-stack'), `runFeed loaded the feed engine chunk (${chunks.join(', ')})`);
    assert.ok(!chunks.includes('coordinator'), 'the coordinator chunk still not loaded (no shared source opened)');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
