/**
 * A new user's first hour with the dashboard (issue #18), end to end in Chromium over the built
 * dashboard and the reference server: walking every page raises no false alarm; with a wrong
 * backend address every page says so (reason, address, Retry, a link to Settings) instead of
 * staying grey; a settings change applies at once on every page.
 *
 *   node --import tsx --test test/e2e/first-hour.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { root } from '../bench/harness.js';
import type { RunningServer } from '../../demo/server/index.js';
import { builtDashboardPerFile } from './built-dashboard.js';

let server: RunningServer;
let browser: Browser;

builtDashboardPerFile({ seed: 11, warmupMs: 20000 }, (d) => ({ server, browser } = d));

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function open(settings: { baseUrl?: string; autoRefreshMs?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const stored = { baseUrl: '', autoRefreshMs: 0, theme: 'light', ...settings };
  await context.addInitScript((s) => localStorage.setItem('telltale.settings', s), JSON.stringify(stored));
  // Every toast the shell shows, as it appears (toasts go away by themselves after a while).
  await context.addInitScript(() => {
    const w = window as unknown as { __toasts: { tone: string; text: string; at: number }[] };
    w.__toasts = [];
    const seen = new WeakSet<Element>();
    setInterval(() => {
      const host = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('app-toasts')?.shadowRoot;
      for (const t of host?.querySelectorAll('.toast') ?? []) {
        if (seen.has(t)) continue;
        seen.add(t);
        w.__toasts.push({ tone: t.getAttribute('data-tone') ?? '', text: (t.textContent ?? '').replace(/\s+/g, ' ').trim(), at: Date.now() });
      }
    }, 50);
  });
  return { context, page: await context.newPage() };
}

async function api(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<unknown> {
  const r = await fetch(`${server.url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(r.ok, `${method} ${path}: ${r.status}`);
  const t = await r.text();
  return t ? JSON.parse(t) : null;
}

const toasts = (page: Page) => page.evaluate(() => (window as unknown as { __toasts: { tone: string; text: string }[] }).__toasts);

/** The navigation's pages, as a user finds them. */
async function navLinks(page: Page): Promise<{ href: string; page: string }[]> {
  await page.waitForSelector('telltale-dashboard #nav a[data-page]');
  return page.locator('telltale-dashboard #nav a[data-page]').evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href')!, page: a.getAttribute('data-page')! })),
  );
}

/**
 * The alerts (role=alert) inside the page's content, through every shadow root: their text,
 * whether they offer Retry, and where their links go.
 */
const PAGE_ALERTS = `() => {
  const main = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('main');
  const out = [];
  const walk = (node) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.getAttribute('role') === 'alert') {
        const buttons = [];
        const links = [];
        const text = (n) => {
          let s = '';
          for (const c of n.childNodes) s += c.nodeType === 3 ? c.textContent : text(c);
          return s;
        };
        for (const b of el.querySelectorAll('button')) buttons.push(b.textContent.trim());
        for (const a of el.querySelectorAll('a[href]')) links.push(a.getAttribute('href'));
        out.push({ text: text(el).replace(/\\s+/g, ' ').trim(), buttons, links });
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (main) walk(main);
  return out;
}`;

type Alert = { text: string; buttons: string[]; links: string[] };

describe('first hour', () => {
  test('walking every page on a healthy server raises no error toast', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${server.url}/`);
      const links = await navLinks(page);
      assert.ok(links.length >= 9, `the navigation lists the pages: ${links.map((l) => l.href).join(' ')}`);
      // Twice round: what a page used is released 2 s (the hub's grace period) after leaving it,
      // and opened again on the second visit.
      for (const round of [1, 2]) {
        for (const link of links) {
          await page.click(`telltale-dashboard #nav a[href="${link.href}"]`);
          assert.equal(new URL(page.url()).pathname, link.href, `round ${round}: ${link.href}`);
          if (link.page === 'logs' && round === 1) {
            // Switch streams too: the first stream is released when another is chosen.
            const select = page.locator('telltale-dashboard .log-page label.inline-field select');
            await select.waitFor();
            const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
            if (values.length > 1) await select.selectOption(values[1]!);
          }
          await page.waitForTimeout(1200);
        }
      }
      await page.waitForTimeout(3000);
      const errors = (await toasts(page)).filter((t) => t.tone === 'error');
      assert.deepEqual(errors, [], 'no error toast on a healthy server');
    } finally {
      await context.close();
    }
  });

  test('losing the backend is announced once for all its sources, and its return once', async () => {
    const { context, page } = await open();
    try {
      // The Logs page follows several streams at once (every service's).
      await page.goto(`${server.url}/log-streams`);
      await page.waitForFunction(() => (document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('log-console') as { size?: number } | null)?.size! > 0, undefined, { timeout: 10_000 });
      const streams = await page.evaluate(() => document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('log-console')?.getAttribute('streams') ?? '');
      assert.ok(streams.split(',').length >= 2, `several streams: ${streams}`);
      await page.waitForTimeout(500);
      // Every stream's connection drops, and the next requests fail for a while.
      await api('/admin/faults', { mode: 'status', status: 503, streams: ['logs/*'], count: 6 * streams.split(',').length });
      await api('/admin/restart', {});
      const t0 = Date.now();
      let seen: { tone: string; text: string }[] = [];
      while (Date.now() - t0 < 30_000) {
        seen = await toasts(page);
        if (seen.some((t) => t.tone === 'ok')) break;
        await page.waitForTimeout(200);
      }
      await page.waitForTimeout(1500);
      seen = await toasts(page);
      const lost = seen.filter((t) => t.tone === 'error');
      const back = seen.filter((t) => t.tone === 'ok');
      const host = new URL(server.url).host;
      assert.equal(lost.length, 1, `one "lost" toast for ${streams.split(',').length} streams: ${JSON.stringify(seen)}`);
      assert.match(lost[0]!.text, new RegExp(`Lost the connection to ${host.replace(/\./g, '\\.')}`));
      assert.equal(back.length, 1, `one "restored" toast: ${JSON.stringify(seen)}`);
      assert.match(back[0]!.text, /restored/);
    } finally {
      await api('/admin/faults', undefined, 'DELETE');
      await context.close();
    }
  });

  test('with a dead backend address every page shows its error state within 10 s: unreachable, the address, Retry, Settings', async () => {
    const port = await deadPort();
    const dead = `http://127.0.0.1:${port}`;
    const { context, page } = await open({ baseUrl: dead });
    const took: string[] = [];
    try {
      await page.goto(`${server.url}/`);
      const links = (await navLinks(page)).filter((l) => l.page !== 'settings');
      for (const link of links) {
        // A fresh load of each page: nothing carried over from the one before.
        await page.goto(`${server.url}${link.href}`);
        const t0 = Date.now();
        let alerts: Alert[] = [];
        let good: Alert | undefined;
        while (Date.now() - t0 < 10_000) {
          alerts = (await page.evaluate(`(${PAGE_ALERTS})()`)) as Alert[];
          good = alerts.find((a) => a.buttons.includes('Retry') && a.links.includes('/settings') && a.text.includes(`127.0.0.1:${port}`));
          if (good) break;
          await page.waitForTimeout(200);
        }
        assert.ok(good, `${link.href}: no error state with Retry, a Settings link and the address within 10 s; alerts: ${JSON.stringify(alerts).slice(0, 600)}`);
        assert.match(good.text, /unreachable|Cannot reach the server/i, `${link.href}: says the server is unreachable`);
        assert.doesNotMatch(good.text, /CORS|cross-origin/i, `${link.href}: a dead port is not a CORS problem`);
        took.push(`${link.href} ${Date.now() - t0} ms`);
      }
      console.log(`error state reached: ${took.join(', ')}`);
      // The link leads to Settings, inside the app.
      await page.goto(`${server.url}/workers`);
      const settingsLink = page.locator('worker-board a[part="settings-link"]');
      await settingsLink.waitFor({ timeout: 10_000 });
      await settingsLink.click();
      assert.equal(new URL(page.url()).pathname, '/settings');
      await page.locator('settings-panel').waitFor();
    } finally {
      await context.close();
    }
  });

  test('the Logs page with a dead address says so once: the console\'s error state, no toast on top', async () => {
    const port = await deadPort();
    const dead = `http://127.0.0.1:${port}`;
    const { context, page } = await open({ baseUrl: dead });
    let listFailed = false;
    page.on('requestfailed', (r) => {
      if (r.url() === `${dead}/logs`) listFailed = true;
    });
    try {
      await page.goto(`${server.url}/log-streams`);
      const t0 = Date.now();
      let alerts: Alert[] = [];
      while (Date.now() - t0 < 10_000 && !(listFailed && alerts.some((a) => a.buttons.includes('Retry')))) {
        await page.waitForTimeout(100);
        alerts = (await page.evaluate(`(${PAGE_ALERTS})()`)) as Alert[];
      }
      assert.ok(listFailed, 'the page asked the dead address for its list of streams');
      const states = alerts.filter((a) => a.buttons.includes('Retry'));
      assert.equal(states.length, 1, `one error state on the page: ${JSON.stringify(alerts)}`);
      assert.match(states[0]!.text, new RegExp(`127\\.0\\.0\\.1:${port}`));
      // The toast collector looks every 50 ms: give it a few rounds after both failures.
      await page.waitForTimeout(300);
      const errors = (await toasts(page)).filter((t) => t.tone === 'error');
      assert.deepEqual(errors, [], 'no toast repeats the fault the page already shows');
    } finally {
      await context.close();
    }
  });

  test('an auto-refresh change in Settings applies at once on pages visited before (Off, then 15 s after 5 s)', async () => {
    const { context, page } = await open({ autoRefreshMs: 5000 });
    const requests: { url: string; at: number }[] = [];
    page.on('request', (r) => requests.push({ url: r.url(), at: Date.now() }));
    const since = (t: number, part: string) => requests.filter((r) => r.at >= t && r.url.includes(part)).length;
    const go = async (href: string) => {
      await page.click(`telltale-dashboard #nav a[href="${href}"]`);
      assert.equal(new URL(page.url()).pathname, href);
    };
    const choose = async (ms: number) => {
      await go('/settings');
      await page.locator('settings-panel select#refresh').selectOption(String(ms));
      await page.waitForFunction((v) => JSON.parse(localStorage.getItem('telltale.settings') ?? '{}').autoRefreshMs === v, ms);
    };
    try {
      // Every 5 s on the pages that poll: the sources are made with 5 s.
      await page.goto(`${server.url}/rollouts`);
      await page.waitForFunction(() => /ro-[0-9a-f]{12}/.test(document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('rollout-table')?.shadowRoot?.textContent ?? ''));
      let t = Date.now();
      await page.waitForTimeout(5600);
      assert.ok(since(t, '/v1/agl/rollouts?limit=-1') >= 1, 'polling every 5 s to begin with');
      await go('/resources');
      await page.waitForTimeout(1000);

      // Off: no refresh at all on either page, on the way back.
      await choose(0);
      await go('/rollouts');
      t = Date.now();
      await page.waitForTimeout(11_000);
      assert.ok(since(t, '/v1/agl/rollouts?limit=-1') <= 1, `Off: ${since(t, '/v1/agl/rollouts?limit=-1')} rollout requests in 11 s (at most the one on opening)`);

      // 15 s: none within 11 s of coming back to a page made at 5 s.
      await choose(15_000);
      await go('/resources');
      t = Date.now();
      await page.waitForTimeout(11_000);
      assert.ok(since(t, '/v1/agl/resources?limit=-1') <= 1, `15 s: ${since(t, '/v1/agl/resources?limit=-1')} resources requests in 11 s (at most the one on opening)`);
    } finally {
      await context.close();
    }
  });
});
