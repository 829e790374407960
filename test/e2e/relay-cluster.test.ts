/**
 * End-to-end on real systems: `telltale relay` following a real Bazel build's BEP file, a real
 * node_exporter and a real redis-server (small maxmemory), plus three broken sources (a file
 * that is not BEP, one whose last line is cut off, an "exporter" answering HTML, a Redis needing
 * a password); then a real `bazel test` run (test/server/cluster-programs.ts); the built
 * dashboard served by the relay, in Debian's Chromium. One build (Bazel's startup is the slow
 * part) and many assertions.
 *
 *   node --import tsx --test test/e2e/relay-cluster.test.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer as createHttp, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRelay, type Relay } from '../../src/cli/relay/relay.js';
import { parseSource } from '../../src/cli/relay/sources/registry.js';
import { CHROME_ARGS, root } from '../bench/harness.js';
import { bazelBuild, bazelWorkspace, freePort, startNodeExporter, startRedis, waitFor, type Running } from '../server/cluster-programs.js';
import { createClient } from 'redis';

let relay: Relay;
let browser: Browser;
let page: Page;
let exporter: Running;
let redis: Running;
let locked: Running;
let html: Server;
let ws: Awaited<ReturnType<typeof bazelWorkspace>>;
const said: string[] = [];
const errors: string[] = [];

before(async () => {
  if (!existsSync(join(root, 'demo-dist/index.html'))) execFileSync(process.execPath, ['scripts/build-demo.mjs'], { cwd: root, stdio: 'inherit' });
  ws = await bazelWorkspace();
  [exporter, redis, locked] = await Promise.all([startNodeExporter(), startRedis(['--maxmemory', '2mb', '--maxmemory-policy', 'allkeys-lru']), startRedis(['--requirepass', 'hunter2'])]);
  const htmlPort = await freePort();
  html = createHttp((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Sign in</h1>'));
  await new Promise<void>((r) => html.listen(htmlPort, '127.0.0.1', r));
  const junk = join(ws.dir, '..', 'junk.json');
  await writeFile(junk, 'Hello, this is a README\n');
  // A build cut off mid-line (a full disk, a killed Bazel): the complete lines count, the rest waits.
  const cut = join(ws.dir, '..', 'cut.json');
  await writeFile(cut, '{"id":{"started":{}},"started":{"uuid":"cccccccc-0000-4000-8000-000000000003","command":"build"}}\n{"id":{"progress":{"opaqueCount":1}},"progr');
  const sources = [
    `bep:ci=${join(ws.dir, '..', 'bep.json')}`,
    `prom:this-machine=http://127.0.0.1:${exporter.port}/metrics`,
    `redis-info:cache=redis://127.0.0.1:${redis.port}`,
    `bep:tests=${join(ws.dir, '..', 'bep-test.json')}`,
    `bep:junk=${junk}`,
    `bep:cut=${cut}`,
    `prom:portal=http://127.0.0.1:${htmlPort}/metrics`,
    `redis-info:locked=redis://127.0.0.1:${locked.port}`,
  ].map(parseSource);
  relay = await createRelay({ sources, port: 0, staticDir: join(root, 'demo-dist'), say: (m) => said.push(m) });
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('pageerror', (e) => errors.push(e.message));
});

after(async () => {
  await browser?.close();
  await relay?.close();
  await Promise.all([exporter?.stop(), redis?.stop(), locked?.stop()]);
  if (html) await new Promise((r) => html.close(r));
  await ws?.cleanup();
});

/** What a user can read in an element, its shadow roots included (innerText stops at a shadow host). */
// A string, not a function: tsx would wrap a named function in a helper the page lacks.
const DEEP_TEXT = `(el) => {
  const walk = (n) => {
    let s = '';
    if (n instanceof Element && n.shadowRoot) s += walk(n.shadowRoot);
    for (const c of n.childNodes) s += c.nodeType === Node.TEXT_NODE ? c.textContent + ' ' : walk(c);
    return s;
  };
  return walk(el).replace(/\\s+/g, ' ');
}`;
const text = (selector: string): Promise<string> => page.locator(selector).first().evaluate(new Function(`return ${DEEP_TEXT}`)() as (el: Element) => string);

async function until(what: string, check: () => Promise<boolean>, timeout = 20_000): Promise<void> {
  await waitFor(what, () => check().catch(() => false), timeout, 150);
}

describe('the dashboard on a real Bazel build, node_exporter and Redis', () => {
  test('Activity: each target goes through its states; the failure shows exit code and stderr', async () => {
    await page.goto(`${relay.url}/activity`);
    await page.locator('live-activity').waitFor();
    const build = bazelBuild(ws, join(ws.dir, '..', 'bep.json'));
    // The slow genrule is seen in "Active now" while it runs, then among the finished.
    await until('slow target in progress', async () => /genrule \/\/:slow/.test(await text('live-activity [part=active]')), 30_000);
    // Its BEP events name this host, so the worker scraped on it lists it as an assigned action.
    await waitFor('slow target on the worker', () => relay.live.workers.get('this-machine')?.actions.some((a) => a.id.endsWith('/target///:slow')), 8000, 100);
    const { seconds, code } = await build.done;
    console.log(`bazel build: ${seconds.toFixed(1)} s, exit ${code}`);
    assert.equal(code, 1);
    await until('slow target done', async () => !/genrule \/\/:slow/.test(await text('live-activity [part=active]')));
    const feed = await text('live-activity [part=feed]');
    assert.match(feed, /Genrule \/\/:slow/);
    assert.match(feed, /Genrule \/\/:broken/);
    await page.locator('live-activity [part=row]', { hasText: 'Genrule //:broken' }).first().click();
    const details = page.locator('live-activity [part=details]');
    await until('stderr in the details', async () => /error: broken\.c:3: expected ;/.test(await details.innerText()));
    const d = await details.innerText();
    assert.match(d, /Failed/);
    assert.match(d, /Exit code\s+3/);
  });

  test('Clients: the invocation with its command, patterns, result and executions', async () => {
    await page.goto(`${relay.url}/clients`);
    await until('client row', async () => /bazel build \/\/:all → BUILD_FAILURE/.test(await text('client-list')));
    const t = await text('client-list');
    assert.match(t, /ci\/[0-9a-f]{8}/);
    assert.match(t, /@/); // user@host
  });

  test('Activity: a bazel test run, each test passed or failed with its exit code, its test.log on the output route', async () => {
    await page.goto(`${relay.url}/activity`);
    await page.locator('live-activity').waitFor();
    const run = await bazelBuild(ws, join(ws.dir, '..', 'bep-test.json'), 'test').done;
    console.log(`bazel test: ${run.seconds.toFixed(1)} s, exit ${run.code}`);
    assert.equal(run.code, 3, run.output); // TESTS_FAILED
    // The run's other actions (FileWrite, SymlinkTree…) fill the feed: search it as a user would.
    const search = page.locator('live-activity .search input');
    const feedText = () => text('live-activity [part=feed]');
    await search.fill('PASSED');
    await until('the passed tests in the feed', async () => /test \/\/tests:passes/.test(await feedText()) && /test \/\/tests:slow/.test(await feedText())).catch(async (e) => {
      await page.screenshot({ path: '/tmp/relay-cluster-tests.png' });
      throw new Error(`${(e as Error).message}; the feed shows: ${(await feedText()).slice(0, 800)}`);
    });
    await search.fill('FAILED');
    await until('the failed tests in the feed', async () => /test \/\/tests:fails/.test(await feedText()) && !/tests:passes/.test(await feedText()));
    await page.locator('live-activity [part=row]', { hasText: 'test //tests:fails' }).first().click();
    const details = page.locator('live-activity [part=details]');
    await until('the test log and exit code in the details', async () => /expected 2, got 3/.test(await details.innerText()) && /Exit code\s+3/.test(await details.innerText()));
    assert.match(await details.innerText(), /Failed/);
    assert.match(await details.innerText(), /Reason\s+test FAILED: exited with error code 3/);
    const live = (await (await fetch(`${relay.url}/live/status`)).json()) as { reset: { activities: { id: string; title: string; status: string }[] } };
    const tests = new Map(live.reset.activities.filter((a) => a.title.startsWith('test //tests:') && a.id.startsWith('tests/')).map((a) => [a.id.replace(/^tests\/\w+\/test\//, ''), a]));
    assert.deepEqual(
      [...tests].map(([k, a]) => `${k} ${a.status}`).sort(),
      ['//tests:fails failed', '//tests:flaky failed', '//tests:flaky#2 success', '//tests:passes success', '//tests:slow success'],
    );
    const log = await fetch(`${relay.url}/live/activities/${encodeURIComponent(tests.get('//tests:passes')!.id)}/output/stdout`);
    assert.equal(log.status, 200);
    assert.match(await log.text(), /Executing tests from \/\/tests:passes[\s\S]*all 12 assertions passed/);
  });

  test('Storage: the Redis cache with its usage, hit rate and evictions', async () => {
    const c = createClient({ url: `redis://127.0.0.1:${redis.port}` });
    await c.connect();
    for (let i = 0; i < 4000; i++) await c.set(`cas:${i}`, 'x'.repeat(1000));
    for (let i = 3950; i < 4000; i++) await c.get(`cas:${i}`);
    for (let i = 0; i < 50; i++) await c.get(`cas:${i}`);
    const stats = await c.info('stats');
    const n = (k: string) => Number(new RegExp(`${k}:(\\d+)`).exec(stats)![1]);
    const rate = ((100 * n('keyspace_hits')) / (n('keyspace_hits') + n('keyspace_misses'))).toFixed(1);
    await c.quit();
    await page.goto(`${relay.url}/storage`);
    await until('evictions shown', async () => {
      const t = await text('storage-overview');
      // The relay polls INFO every 3 s: wait for the poll after the last read.
      return /cache/.test(t) && /of 2\.0 MiB/.test(t) && /Evictions\s+[1-9][\d,]+/.test(t) && t.includes(`Hit rate ${rate}%`);
    });
    const t = await text('storage-overview');
    // The LRU evicts some recent keys too: the page shows Redis's own count, whatever it is.
    assert.match(t, new RegExp(`Hit rate ${rate.replace('.', '\\.')}%`));
    assert.ok(Number(rate) > 10 && Number(rate) < 90, `hit rate ${rate}`);
  });

  test('Workers: this machine moving, then Unavailable and Offline when node_exporter stops', async () => {
    await page.goto(`${relay.url}/workers`);
    const card = () => text('worker-board');
    await until('worker with CPU', async () => /this-machine/.test(await card()) && /CPU\s+\d+%/.test(await card()));
    const t = await card();
    assert.match(t, /Memory\s+\d+%/);
    assert.match(t, /Disk\s+\d+%/);
    assert.match(t, /Network/);
    assert.match(t, /OSFamily\s+linux/);
    // The board's own thresholds, made short for the test.
    await page.locator('worker-board').evaluate((el: HTMLElement & { lateAfter: number; lostAfter: number }) => {
      el.lateAfter = 2;
      el.lostAfter = 5;
    });
    await exporter.stop();
    await until('unavailable', async () => /No heartbeat for .* \(late after 2 s\)/.test(await card()), 10_000);
    await until('offline', async () => /No heartbeat for .* \(lost after 5 s\)/.test(await card()), 10_000);
  });

  test('Broken sources say what is wrong, on their own streams; nothing else is affected', async () => {
    const streams = (await (await fetch(`${relay.url}/logs`)).json()) as { streams: { id: string; status: string; detail: string }[] };
    const by = new Map(streams.streams.map((s) => [s.id, s]));
    assert.match(by.get('junk')!.detail, /junk\.json is not a Bazel BEP JSON file: line 1 is not JSON/);
    assert.match(by.get('portal')!.detail, /answered HTML, not Prometheus text format \(text\/html\)/);
    assert.match(by.get('locked')!.detail, /needs a password/);
    assert.match(by.get('cut')!.detail, /cut\.json: the last line is incomplete \(\d+ bytes without a newline\); waiting for the rest/);
    assert.equal(by.get('cut')!.status, 'waiting');
    for (const id of ['junk', 'portal', 'locked']) assert.equal(by.get(id)!.status, 'error', id);
    assert.equal(by.get('ci')!.status, 'live');
    await page.goto(`${relay.url}/log-streams?stream=portal`);
    await until('status lines on the Logs page', async () => /answered HTML/.test(await text('log-console'))).catch(async (e) => {
      await page.screenshot({ path: '/tmp/relay-cluster-logs.png' });
      throw new Error(`${(e as Error).message}; the page shows: ${(await text('log-console')).slice(0, 600)}`);
    });
    const live = (await (await fetch(`${relay.url}/live/status`)).json()) as { reset: { workers: { id: string }[]; stores: { id: string }[] } };
    assert.deepEqual(live.reset.workers.map((w) => w.id), ['this-machine']);
    assert.deepEqual(live.reset.stores.map((s) => s.id), ['cache']);
    assert.deepEqual(errors, []);
  });

  test('A page no source fills says what to pass to the relay', async () => {
    await page.goto(`${relay.url}/rollouts`);
    await until('notice', async () => /This relay has no Agent-lightning source/.test(await text('main')));
    const t = await text('main');
    assert.match(t, /--agl http:\/\/127\.0\.0\.1:4747/);
    assert.match(t, /started with: bep:ci=/);
    assert.match(t, /redis-info:locked=redis:\/\/127\.0\.0\.1:\d+/);
    assert.equal(await page.locator('rollout-table').count(), 0, 'no table waiting for data that never comes');
  });
});
