/**
 * End-to-end: cross-tab sharing in Debian's Chromium against the reference server.
 * - 10 tabs of one origin following the live feed → the server sees exactly one /live
 *   connection; closing the leader → another tab leads and streams within 2 s; in every tab
 *   the ids are contiguous with no duplicate and no snapshot after the first.
 * - A hidden tab (simulated visibility change) emits no batch, schedules no animation frame
 *   and no timer more often than once a second, keeps its buffer bounded, and catches up at
 *   once when shown; a hidden leader keeps relaying to a visible follower.
 *
 *   node --import tsx --test test/e2e/tabs.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_ARGS, bundle, servePage } from '../bench/harness.js';
import { createServer, type RunningServer } from '../../demo/server/index.js';

let server: RunningServer;
let browser: Browser;
let page: { url: string; close(): Promise<void> };

/** Records timer callbacks (with their delay) and animation frames requested while hidden. Plain JS: it runs before the bundle. */
const INSTRUMENT = `(() => {
  const w = window;
  w.__timerFires = [];
  w.__rafWhileHidden = 0;
  const st = w.setTimeout.bind(w), si = w.setInterval.bind(w), raf = w.requestAnimationFrame.bind(w);
  const wrap = (fn, delay) => (...args) => {
    if (w.__timerFires.length < 50000) w.__timerFires.push({ delay: Number(delay) || 0, at: performance.now(), hidden: document.hidden });
    return typeof fn === 'function' ? fn(...args) : undefined;
  };
  w.setTimeout = (fn, delay, ...rest) => st(wrap(fn, delay), delay, ...rest);
  w.setInterval = (fn, delay, ...rest) => si(wrap(fn, delay), delay, ...rest);
  w.requestAnimationFrame = (cb) => { if (document.hidden) w.__rafWhileHidden++; return raf(cb); };
})();`;

async function sandbox(body: Record<string, unknown>): Promise<string> {
  const r = await fetch(`${server.url}/admin/sandboxes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cors: true, ...body }) });
  assert.equal(r.status, 201);
  const { base } = (await r.json()) as { base: string };
  return `${server.url}${base}`;
}

async function stats(base: string): Promise<{ connections: Record<string, number>; opened: Record<string, number>; lastEventId: Record<string, number> }> {
  return (await fetch(`${base}/admin/stats`)).json() as never;
}

async function waitFor<T>(what: string, fn: () => Promise<T | false | null | undefined> | T | false | null | undefined, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open(context: BrowserContext, base: string, mode = 'tabs'): Promise<Page> {
  const p = await context.newPage();
  p.on('pageerror', (err) => console.error('page error:', err.message));
  await p.goto(`${page.url}?mode=${mode}&server=${encodeURIComponent(base)}`);
  await p.waitForFunction(() => (window as any).__status?.().state === 'live' && (window as any).__batches.length > 0, null, { timeout: 10_000 });
  return p;
}

const role = (p: Page) => p.evaluate(() => (window as any).__role() as string);
const ids = (p: Page) => p.evaluate(() => (window as any).__ids as number[]);

function checkContiguous(list: number[], what: string): void {
  assert.ok(list.length > 0, `${what}: no ids`);
  for (let i = 1; i < list.length; i++) {
    if (list[i] !== list[i - 1] + 1) assert.fail(`${what}: gap or duplicate: ${list[i - 1]} then ${list[i]} (at ${i} of ${list.length})`);
  }
}

before(async () => {
  server = await createServer({ port: 0, staticDir: null, paused: true });
  page = await servePage(await bundle('test/e2e/tabs-page.ts'), '<output id="out"></output>');
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await page?.close();
  await server?.close();
});

describe('cross-tab sharing', () => {
  test('10 tabs hold one /live connection; closing the leader hands over within 2 s with contiguous ids everywhere', { timeout: 60_000 }, async () => {
    const base = await sandbox({ seed: 11, heartbeatMs: 1000, warmupMs: 5000, rates: { activities: 20 } });
    const context = await browser.newContext();
    const tabs: Page[] = [];
    for (let i = 0; i < 10; i++) tabs.push(await open(context, base));

    const roles = await Promise.all(tabs.map(role));
    assert.equal(roles.filter((r) => r === 'leader').length, 1, `one leader: ${roles.join(',')}`);
    assert.equal(roles.filter((r) => r === 'follower').length, 9);
    await sleep(500);
    const s1 = await stats(base);
    assert.equal(s1.connections.live, 1, 'the server sees exactly one /live connection for 10 tabs');
    assert.equal(s1.opened.live, 1, 'and only one was ever opened');

    const leader = tabs[roles.indexOf('leader')];
    const rest = tabs.filter((t) => t !== leader);
    const t0 = Date.now();
    await leader.close();
    // Each remaining tab notes when it became leader and went live, and when its events flowed.
    const newLeader = await waitFor('a new leader', async () => {
      for (const t of rest) if ((await role(t)) === 'leader') return t;
      return null;
    }, 5000, 20);
    await newLeader.waitForFunction((t) => (window as any).__arrivals.some((a: { at: number }) => a.at > t), t0, { timeout: 5000 });
    const timeline = await newLeader.evaluate(() => ({ statuses: (window as any).__statuses, arrivals: (window as any).__arrivals }));
    const liveAt = timeline.statuses.find((s: { role: string; state: string; at: number }) => s.role === 'leader' && s.state === 'live' && s.at >= t0)?.at;
    const ledAt = timeline.statuses.find((s: { role: string; at: number }) => s.role === 'leader' && s.at >= t0)?.at;
    // The first event that reached the new leader over its own connection.
    const streamedAt = timeline.arrivals.find((a: { at: number }) => a.at >= (liveAt ?? t0))?.at;
    assert.ok(liveAt && streamedAt, 'the new leader went live and streamed');
    const takeover = { leads: ledAt - t0, live: liveAt - t0, streams: streamedAt - t0 };
    console.log(`takeover after closing the leader: leads ${takeover.leads} ms, live ${takeover.live} ms, first events ${takeover.streams} ms`);
    assert.ok(takeover.streams < 2000, `a new leader streams within 2 s (took ${takeover.streams} ms)`);

    await sleep(1500);
    const s2 = await stats(base);
    assert.equal(s2.connections.live, 1, 'still exactly one /live connection after the takeover');
    const lastId = s2.lastEventId.live;
    // Every remaining tab: contiguous ids, no duplicate, one snapshot only (the first batch).
    for (const [i, t] of rest.entries()) {
      await t.waitForFunction((n) => ((window as any).__ids.at(-1) ?? 0) >= n, lastId, { timeout: 5000 });
      const got = await t.evaluate(() => ({ ids: (window as any).__ids as number[], batches: (window as any).__batches as { reset: boolean }[], role: (window as any).__role() }));
      checkContiguous(got.ids, `tab ${i} (${got.role})`);
      assert.ok(got.batches[0].reset, `tab ${i}: the first batch is a snapshot`);
      assert.equal(got.batches.filter((b) => b.reset).length, 1, `tab ${i}: no snapshot after the first batch`);
    }
    const rolesAfter = await Promise.all(rest.map(role));
    assert.equal(rolesAfter.filter((r) => r === 'leader').length, 1);
    await context.close();
  });

  test('a hidden tab renders nothing, runs no timer more often than once a second, stays bounded, and catches up when shown', { timeout: 40_000 }, async () => {
    const base = await sandbox({ seed: 12, heartbeatMs: 1000, warmupMs: 5000, rates: { activities: 60 } });
    const context = await browser.newContext();
    await context.addInitScript(INSTRUMENT);
    const leader = await open(context, base, 'hidden');
    const follower = await open(context, base, 'hidden');
    assert.equal(await role(leader), 'leader');
    assert.equal(await role(follower), 'follower');

    // Hide the follower.
    await follower.evaluate(() => (window as any).__setHidden(true));
    const hiddenAt = await follower.evaluate(() => performance.now());
    const rendersBefore = await follower.evaluate(() => (window as any).__renders);
    const statusesBefore = await follower.evaluate(() => (window as any).__statuses.length);
    const serverBefore = (await stats(base)).lastEventId.live;
    const deliveredBefore = await follower.evaluate(() => (window as any).__status().counters.events);
    await sleep(4500);
    const hiddenWindow = await follower.evaluate((from) => {
      const w = window as any;
      return {
        renders: w.__renders,
        raf: w.__rafWhileHidden,
        fast: w.__timerFires.filter((f: { delay: number; at: number; hidden: boolean }) => f.hidden && f.at > from + 1200 && f.delay < 1000).length,
        fires: w.__timerFires.filter((f: { at: number; hidden: boolean }) => f.hidden && f.at > from + 1200).length,
        dropped: w.__status().counters.dropped,
        statuses: w.__statuses.length,
      };
    }, hiddenAt);
    const arrived = (await stats(base)).lastEventId.live - serverBefore;
    const delivered = (await follower.evaluate(() => (window as any).__status().counters.events)) - deliveredBefore;
    console.log(`hidden follower over 4.5 s: the server sent ${arrived} events, the follower's source received ${delivered}, ${hiddenWindow.renders - rendersBefore} renders, ${hiddenWindow.raf} animation frames, ${hiddenWindow.fires} timer callbacks (${hiddenWindow.fast} of sub-second timers), ${hiddenWindow.dropped} events folded into a snapshot`);
    assert.ok(arrived > 100, `events kept flowing (${arrived})`);
    assert.ok(delivered > 100, `the hidden follower kept folding them (${delivered})`);
    assert.equal(hiddenWindow.renders, rendersBefore, 'no batch, no rendering while hidden');
    assert.equal(hiddenWindow.raf, 0, 'no animation frame requested while hidden');
    assert.equal(hiddenWindow.statuses, statusesBefore, 'no status publication (nothing for a status element to re-render) while hidden');
    assert.equal(hiddenWindow.fast, 0, 'no timer more often than once a second while hidden');
    assert.ok(hiddenWindow.dropped > 0, 'the buffer stayed bounded (overflow folded into a snapshot)');

    // Show it: one batch at once, bounded, then live again.
    const shown = await follower.evaluate(() => {
      const w = window as any;
      const n = w.__batches.length;
      const t = Date.now();
      w.__setHidden(false);
      const b = w.__batches.slice(n);
      return { count: b.length, first: b[0], delay: b[0] ? b[0].at - t : null };
    });
    assert.equal(shown.count, 1, 'caught up at once (synchronously on visibilitychange)');
    assert.ok(shown.first.reset, 'the catch-up is a snapshot (state folded while hidden)');
    assert.ok(shown.first.n <= 100, `bounded catch-up batch (${shown.first.n} events)`);
    const lastId = (await stats(base)).lastEventId.live;
    await follower.waitForFunction((n) => ((window as any).__ids.at(-1) ?? 0) >= n, lastId, { timeout: 5000 });

    // A hidden leader keeps relaying to a visible follower, with timers at most once a second.
    await leader.evaluate(() => (window as any).__setHidden(true));
    const lHiddenAt = await leader.evaluate(() => performance.now());
    const fIds = await follower.evaluate(() => (window as any).__status().counters.events);
    await sleep(3500);
    const lw = await leader.evaluate((from) => {
      const w = window as any;
      return { fast: w.__timerFires.filter((f: { delay: number; at: number; hidden: boolean }) => f.hidden && f.at > from + 1200 && f.delay < 1000).length, raf: w.__rafWhileHidden };
    }, lHiddenAt);
    const fGot = (await follower.evaluate(() => (window as any).__status().counters.events)) - fIds;
    console.log(`hidden leader over ~2.3 s: relayed ${fGot} events to the visible follower; ${lw.fast} sub-second timer callbacks`);
    assert.ok(fGot > 100, `the visible follower kept receiving (${fGot})`);
    assert.equal(lw.fast, 0, 'the hidden leader runs no timer more often than once a second');
    assert.equal(await role(leader), 'leader', 'a hidden leader that keeps beating is not replaced');
    await context.close();
  });
});
