/**
 * The split build for pages with no bundler (`telltale/bundle/`, scripts/bundle.mjs's
 * buildSplitBundle), as a page loads it from a static folder: telltale.js (every element, the
 * page API) and engine.js (the streaming engine's API) export every name of the one-file bundle
 * (src/all.ts) between them; a page script reads a feed with engine.js's runFeed, liveDecoder
 * and LiveFolder from the reference server, the two entries share their modules (an engine
 * decoder throws the DecodeError class telltale.js exports), and a page that imports only
 * telltale.js loads neither the feed engine nor the coordinator. Before, a no-bundler page could
 * not reach runFeed, TabCoordinator, the decoders or folders at all (`telltale/streams` needs a
 * bundler for its bare lit/rxjs imports).
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

test('a page imports the whole API from the split build\'s two entries and runs a feed with the engine entry', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const chunks = () => requests.map((p) => /^\/bundle\/chunks\/([a-z-]+)-[A-Z0-9]{8}\.js$/.exec(p)?.[1]).filter((c): c is string => !!c);
  try {
    await page.goto(`${server.url}/`);
    const elementsApi = (await page.evaluate("import('/bundle/telltale.js').then((m) => Object.keys(m))")) as string[];
    assert.ok(elementsApi.includes('getDefaultHub') && !elementsApi.includes('runFeed'), 'telltale.js: the page API, not the engine');
    assert.deepEqual(chunks().filter((c) => c === 'feed-stack' || c === 'coordinator'), [], 'importing telltale.js loads neither the feed engine nor the coordinator');
    const elementsFiles = requests.length;

    const engineApi = (await page.evaluate("import('/bundle/engine.js').then((m) => Object.keys(m))")) as string[];
    const names = new Set([...elementsApi, ...engineApi]);
    assert.deepEqual(wholeApi.filter((n) => !names.has(n)).sort(), [], 'names of the one-file bundle neither entry exports');
    assert.ok(wholeApi.length > 100, `${wholeApi.length} names`);
    const again = requests.slice(elementsFiles).filter((p) => requests.indexOf(p) < elementsFiles);
    assert.deepEqual(again, [], 'engine.js fetches none of the files telltale.js already loaded');

    // A page script's own feed, as the README's engine section shows: runFeed with the live decoder,
    // folded by a LiveFolder, until the cluster's workers are known.
    // (A string, not a function: tsx's helpers would not exist in the page.)
    const seen = (await page.evaluate(`(async () => {
      const { DecodeError } = await import('/bundle/telltale.js');
      const { runFeed, liveDecoder, decodeWorker, LiveFolder, TabCoordinator } = await import('/bundle/engine.js');
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
      let shared = 'no error thrown';
      try { decodeWorker(42); } catch (e) { shared = e instanceof DecodeError ? 'DecodeError' : String(e); }
      return { workers, shared, crossTab: TabCoordinator.supported() };
    })()`)) as { workers: number; shared: string; crossTab: boolean };
    assert.ok(seen.workers > 0, 'the live feed delivered the cluster snapshot');
    assert.equal(seen.shared, 'DecodeError', 'an engine decoder throws telltale.js\'s DecodeError: one module, not a copy per entry');
    assert.equal(seen.crossTab, true, 'TabCoordinator.supported() from engine.js (Chromium has Web Locks and BroadcastChannel)');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
