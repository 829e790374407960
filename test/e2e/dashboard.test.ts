/**
 * End-to-end: the built dashboard (demo-dist/, as `npm start` serves it) against the reference
 * server, in Debian's Chromium. Every page shows live data without console errors, deep links
 * survive a reload, the drawer opens and closes, a theme change applies across pages, the
 * dashboard recovers by itself after a server restart, and the plain-HTML portal page works
 * from the split library bundle (bundle/telltale.js, its lazy chunks fetched when used).
 *
 *   node --import tsx --test test/e2e/dashboard.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { root } from '../bench/harness.js';
import type { RunningServer } from '../../demo/server/index.js';
import { builtDashboardPerFile } from './built-dashboard.js';

let server: RunningServer;
let browser: Browser;

/** What each page must show once live data has arrived (text inside the page's element). */
const PAGES: { path: string; tag: string; live: RegExp }[] = [
  { path: '/activity', tag: 'live-activity', live: /act-[0-9a-f]+|Execution/ },
  { path: '/workers', tag: 'worker-board', live: /worker-01/ },
  { path: '/storage', tag: 'storage-overview', live: /\b(CAS|cas|Action cache|ac)\b/ },
  { path: '/clients', tag: 'client-list', live: /client-/ },
  { path: '/log-streams', tag: 'log-console', live: /scheduler|worker-\d+/i },
  { path: '/rollouts', tag: 'rollout-table', live: /ro-[0-9a-f]{12}/ },
  { path: '/resources', tag: 'resources-view', live: /rs-[0-9a-f]{12}/ },
  { path: '/traces', tag: 'trace-view', live: /agentlightning\.rollout/ },
  { path: '/settings', tag: 'settings-panel', live: /Theme/ },
];

/** Text of an element including every shadow root below it (what a user can read). */
// Plain JavaScript (a string): tsx would wrap named functions in a helper the page lacks.
const DEEP_TEXT = `(sel) => {
  const find = (rootNode) => {
    const hit = rootNode.querySelector(sel);
    if (hit) return hit;
    for (const el of rootNode.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const inner = find(el.shadowRoot);
        if (inner) return inner;
      }
    }
    return null;
  };
  const text = (n) => {
    let s = '';
    if (n instanceof Element && n.shadowRoot) s += text(n.shadowRoot);
    for (const c of n.childNodes) s += c.nodeType === Node.TEXT_NODE ? c.textContent : text(c);
    if (n instanceof HTMLSelectElement || n instanceof HTMLInputElement) s += ' ' + n.value + ' ';
    return s;
  };
  const el = find(document);
  return el ? text(el) : '';
}`;

async function deepText(page: Page, selector: string): Promise<string> {
  return page.evaluate(`(${DEEP_TEXT})(${JSON.stringify(selector)})`) as Promise<string>;
}

async function waitForText(page: Page, selector: string, re: RegExp, timeout = 10000): Promise<string> {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = await deepText(page, selector);
    if (re.test(last)) return last;
    await page.waitForTimeout(150);
  }
  throw new Error(`${selector} never showed ${re} within ${timeout} ms; it showed: ${last.replace(/\s+/g, ' ').slice(0, 300)}`);
}

/** A fresh context (its own localStorage) that records console errors and page errors. */
async function open(theme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: theme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return { context, page, errors };
}

const drawerOpen = (page: Page) => page.evaluate(() => {
  const d = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('app-drawer');
  return Boolean(d?.shadowRoot?.querySelector('dialog')?.open);
});

async function api(path: string, body?: unknown): Promise<any> {
  const r = await fetch(`${server.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(r.ok, `${path}: ${r.status}`);
  const t = await r.text();
  return t ? JSON.parse(t) : null;
}

/** A rollout that has spans, and its latest attempt. */
async function rolloutWithSpans(): Promise<{ rollout: string; attempt: string }> {
  for (let i = 0; i < 40; i++) {
    const list = await api('/v1/agl/rollouts?limit=50&sort_by=start_time&sort_order=desc');
    for (const r of list.items) {
      if (!r.attempt) continue;
      const spans = await api(`/v1/agl/spans?rollout_id=${r.rollout_id}&attempt_id=${r.attempt.attempt_id}&limit=-1`);
      if (spans.items.length >= 2) return { rollout: r.rollout_id, attempt: r.attempt.attempt_id };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no rollout with spans');
}

builtDashboardPerFile({ seed: 7, warmupMs: 20000 }, (d) => ({ server, browser } = d));

describe('dashboard', () => {
  test('every page loads and shows live data, with no console errors', async () => {
    const { context, page, errors } = await open();
    try {
      await page.goto(`${server.url}/`);
      assert.match(new URL(page.url()).pathname, /^\/activity$/, 'the root opens the first page');
      for (const p of PAGES) {
        // Navigate through the navigation (the SPA path), then check the page's element.
        await page.click(`telltale-dashboard #nav a[href="${p.path}"]`);
        assert.equal(new URL(page.url()).pathname, p.path);
        assert.equal(await page.locator(`telltale-dashboard ${p.tag}`).count(), 1, `${p.path} holds <${p.tag}>`);
        const defined = await page.evaluate((t) => Boolean(customElements.get(t)), p.tag);
        assert.ok(defined, `<${p.tag}> is registered`);
        await waitForText(page, p.tag, p.live, 12000);
        assert.equal(await page.locator('telltale-dashboard #nav a[aria-current="page"]').getAttribute('href'), p.path);
      }
      await waitForText(page, 'connection-status', /live/i);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('deep links survive a reload: a trace, a span drawer, a rollout drawer', async () => {
    const { rollout, attempt } = await rolloutWithSpans();
    const { context, page, errors } = await open();
    try {
      await page.goto(`${server.url}/traces?rollout=${rollout}&attempt=${attempt}`);
      const shown = async () => page.locator('trace-view select[aria-label="Rollout"]').inputValue();
      await waitForText(page, 'trace-view', /agentlightning\.rollout/);
      assert.equal(await shown(), rollout);
      assert.equal(await page.locator('trace-view select[aria-label="Attempt"]').inputValue(), attempt);
      await page.reload();
      await waitForText(page, 'trace-view', /agentlightning\.rollout/);
      assert.equal(await shown(), rollout, 'the same rollout after a reload');

      // A span's drawer is in the URL too.
      await page.locator('trace-view tbody tr').first().locator('button.span-name').click();
      assert.ok(await drawerOpen(page));
      const spanId = new URL(page.url()).searchParams.get('span');
      assert.ok(spanId, 'the span is in the URL');
      await page.reload();
      await page.waitForFunction(() => {
        const d = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('app-drawer');
        return Boolean(d?.shadowRoot?.querySelector('dialog')?.open);
      });
      assert.match(await deepText(page, 'app-drawer'), new RegExp(spanId!));

      // /rollouts?rollout=… opens the rollout's raw JSON.
      await page.goto(`${server.url}/rollouts?rollout=${rollout}`);
      await page.waitForFunction(() => {
        const d = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('app-drawer');
        return Boolean(d?.shadowRoot?.querySelector('dialog')?.open);
      });
      assert.match(await deepText(page, 'app-drawer'), new RegExp(`"rollout_id"[\\s\\S]*${rollout}`));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the drawer opens from a table action, is labelled, and closes by Esc and on navigation', async () => {
    const { context, page, errors } = await open();
    try {
      await page.goto(`${server.url}/rollouts`);
      await waitForText(page, 'rollout-table', /ro-[0-9a-f]{12}/);
      const jsonButton = page.locator('rollout-table button[aria-label^="View raw JSON"]').first();
      await jsonButton.click();
      assert.ok(await drawerOpen(page), 'opened');
      const rolloutParam = new URL(page.url()).searchParams.get('rollout');
      assert.match(rolloutParam ?? '', /^ro-/);
      const label = await page.locator('app-drawer dialog').getAttribute('aria-labelledby');
      assert.ok(label);
      assert.match(await page.locator(`app-drawer #${label}`).innerText(), new RegExp(rolloutParam!));
      // Focus is inside the drawer (modal: the page behind is inert).
      const focusInside = await page.evaluate(() => {
        let a: Element | null = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return Boolean(a?.closest('dialog') || (a?.getRootNode() as ShadowRoot)?.host?.closest?.('app-drawer'));
      });
      assert.ok(focusInside, 'focus moved into the drawer');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(100);
      assert.equal(await drawerOpen(page), false, 'Esc closes it');
      assert.equal(new URL(page.url()).searchParams.get('rollout'), null, 'and clears the URL');

      await jsonButton.click();
      assert.ok(await drawerOpen(page));
      await page.locator('app-drawer button.close').click();
      assert.equal(await drawerOpen(page), false, 'the close button closes it');

      // Open, then navigate with the browser's Back: the drawer closes on navigation.
      await page.click('telltale-dashboard #nav a[href="/traces"]');
      await waitForText(page, 'trace-view', /agentlightning\.rollout/);
      await page.locator('trace-view tbody tr').first().locator('button.span-name').click();
      assert.ok(await drawerOpen(page));
      assert.match(await deepText(page, 'app-drawer'), /Trace ID/);
      await page.goBack();
      await page.waitForTimeout(100);
      assert.equal(await drawerOpen(page), false, 'navigation closes it');
      assert.equal(new URL(page.url()).pathname, '/rollouts');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a worker opens in the drawer; its action links to the action on the Activity page', async () => {
    const { context, page, errors } = await open();
    try {
      // The simulated cluster runs in real time: wait for a moment when some worker is busy.
      let busy: any;
      for (let i = 0; i < 40 && !busy; i++) {
        const snap = await api('/live/status');
        busy = snap.reset.workers.find((w: any) => w.actions.length > 0);
        if (!busy) await new Promise((r) => setTimeout(r, 250));
      }
      assert.ok(busy, 'a worker with assigned actions within 10 s');
      await page.goto(`${server.url}/workers?worker=${busy.id}`);
      await page.waitForFunction(() => {
        const d = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('app-drawer');
        return Boolean(d?.shadowRoot?.querySelector('dialog')?.open);
      });
      assert.match(await deepText(page, 'app-drawer'), /Assigned actions/);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !new URL(location.href).searchParams.has('worker'), undefined, { timeout: 3000 });
      // Choosing a worker id in the board opens the same drawer.
      await page.locator(`worker-board button[part="worker-id"]`, { hasText: busy.id }).first().click();
      await page.waitForFunction(() => {
        const d = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('app-drawer');
        return Boolean(d?.shadowRoot?.querySelector('dialog')?.open);
      });
      assert.equal(new URL(page.url()).searchParams.get('worker'), busy.id);
      const link = page.locator('telltale-dashboard table.actions a').first();
      if ((await link.count()) > 0) {
        const target = new URL((await link.getAttribute('href'))!, server.url);
        await link.click();
        assert.equal(new URL(page.url()).pathname, '/activity');
        assert.equal(await drawerOpen(page), false, 'navigating closed the drawer');
        const id = target.searchParams.get('activity')!;
        // The action's own details panel opens in <live-activity> (or the feed says it is gone).
        await page.waitForFunction(
          (id) => {
            const el = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('live-activity');
            const details = el?.shadowRoot?.querySelector('[part="details"]');
            return details?.textContent?.includes(id) || document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('app-toasts')?.shadowRoot?.textContent?.includes('no longer');
          },
          id,
          { timeout: 8000 },
        );
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the traces page shows a waterfall and a table, and is reached from View traces', async () => {
    const { context, page, errors } = await open('dark');
    try {
      await page.goto(`${server.url}/rollouts`);
      await waitForText(page, 'rollout-table', /ro-[0-9a-f]{12}/);
      await page.locator('rollout-table button[aria-label^="View traces"]').first().click();
      assert.equal(new URL(page.url()).pathname, '/traces');
      assert.match(new URL(page.url()).searchParams.get('rollout') ?? '', /^ro-/);
      await page.waitForFunction(() => {
        const tv = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('trace-view');
        return tv?.shadowRoot?.querySelector('table.waterfall, .state');
      });
      // Pick a rollout with spans through the select, like a user.
      const { rollout } = await rolloutWithSpans();
      const options = await page.locator('trace-view select[aria-label="Rollout"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      if (options.includes(rollout)) {
        await page.locator('trace-view select[aria-label="Rollout"]').selectOption(rollout);
        assert.equal(new URL(page.url()).searchParams.get('rollout'), rollout, 'the URL follows the select');
      } else {
        await page.goto(`${server.url}/traces?rollout=${rollout}`);
      }
      await waitForText(page, 'trace-view', /agentlightning\.rollout/);
      const bars = await page.locator('trace-view table.waterfall [part="bar"]').count();
      assert.ok(bars >= 2, `waterfall bars: ${bars}`);
      // Children are indented under their parent.
      const pads = await page.locator('trace-view table.waterfall .name-cell').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).paddingInlineStart)));
      assert.equal(pads[0], 0);
      assert.ok(pads.some((p) => p > 0), 'nested spans are indented');
      await page.locator('trace-view button', { hasText: 'Table' }).click();
      const header = await page.locator('trace-view table.spans thead').innerText();
      for (const col of ['Name', 'Span ID', 'Parent', 'Status', 'Start', 'End', 'Duration', 'Attributes']) assert.match(header, new RegExp(col));
      assert.ok((await page.locator('trace-view table.spans tbody tr').count()) >= 2);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a theme change in Settings applies across pages and survives a reload', async () => {
    const { context, page, errors } = await open('light');
    try {
      await page.goto(`${server.url}/settings`);
      await waitForText(page, 'settings-panel', /Theme/);
      const navBg = () => page.locator('telltale-dashboard #nav').evaluate((n) => getComputedStyle(n).backgroundColor);
      const lightBg = await navBg();
      const themeSelect = page.locator('settings-panel select').filter({ has: page.locator('option[value="dark"]') });
      await themeSelect.selectOption('dark');
      await page.waitForFunction(() => document.documentElement.style.colorScheme === 'dark');
      const darkBg = await navBg();
      assert.notEqual(darkBg, lightBg, 'the shell turned dark');
      await page.click('telltale-dashboard #nav a[href="/rollouts"]');
      await waitForText(page, 'rollout-table', /ro-[0-9a-f]{12}/);
      const tableScheme = await page.locator('rollout-table').evaluate((el) => getComputedStyle(el).colorScheme);
      assert.equal(tableScheme, 'dark', 'elements on another page are dark too');
      await page.reload();
      await waitForText(page, 'rollout-table', /ro-[0-9a-f]{12}/);
      assert.equal(await page.evaluate(() => document.documentElement.style.colorScheme), 'dark', 'remembered across reloads');
      assert.equal(await navBg(), darkBg);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the dashboard recovers by itself after the server restarts', async () => {
    const { context, page, errors } = await open();
    try {
      await page.goto(`${server.url}/activity`);
      await waitForText(page, 'live-activity', /act-[0-9a-f]+|Execution/);
      await waitForText(page, 'connection-status', /live/i);
      const before = (await api('/admin/stats')).opened?.live ?? 0;
      await api('/admin/restart', {});
      // The live stream is reopened without a reload, and the indicator is live again.
      const t0 = Date.now();
      let reopened = false;
      while (Date.now() - t0 < 8000) {
        const s = await api('/admin/stats');
        if ((s.opened?.live ?? 0) > before && (s.connections?.live ?? 0) >= 1) {
          reopened = true;
          break;
        }
        await page.waitForTimeout(100);
      }
      assert.ok(reopened, 'the live stream was reopened');
      await waitForText(page, 'connection-status', /live/i, 8000);
      // And fresh events still arrive: the newest time shown moves on.
      const count = () => page.locator('live-activity').evaluate((el) => (el.shadowRoot?.textContent ?? '').length);
      const c0 = await count();
      await page.waitForTimeout(1500);
      assert.notEqual(await count(), c0, 'the feed keeps moving');
      // Errors the restart itself causes (a cut stream) are reconnects, not console errors.
      assert.deepEqual(errors.filter((e) => !/ERR_INCOMPLETE_CHUNKED_ENCODING|network error/i.test(e)), []);
    } finally {
      await context.close();
    }
  });

  test('no axe violations in the shell, the drawer and the Agent-lightning pages, light and dark', async () => {
    // Each element runs axe in its own browser tests; here the shell's own parts and the pages it adds.
    const scope = ['nav', '.page-head', 'app-drawer', 'trace-view', 'resources-view'].map((sel) => ({ fromShadowDom: ['telltale-dashboard', sel] }));
    for (const theme of ['light', 'dark'] as const) {
      const { context, page } = await open(theme);
      try {
        await context.addInitScript((t) => localStorage.setItem('telltale.settings', JSON.stringify({ baseUrl: '', autoRefreshMs: 0, theme: t })), theme);
        const found: string[] = [];
        const check = async (label: string) => {
          const t0 = Date.now();
          await page.addScriptTag({ path: join(root, 'node_modules/axe-core/axe.min.js') });
          const res = (await page.evaluate(`axe.run({ include: ${JSON.stringify(scope)} }, { resultTypes: ["violations"] })`)) as { violations: { id: string; nodes: { target: unknown }[] }[]; passes: unknown[] };
          assert.ok(res.passes.length > 5, `axe checked something on ${label}`);
          if (process.env.E2E_TIMINGS) console.log(`axe ${theme} ${label}: ${Date.now() - t0} ms`);
          for (const v of res.violations) found.push(`${theme} ${label}: ${v.id} ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`);
        };
        if (theme === 'light') {
          await page.goto(`${server.url}/resources`);
          await waitForText(page, 'resources-view', /rs-[0-9a-f]{12}/);
          await check('/resources');
        }
        await page.goto(`${server.url}/traces`);
        await waitForText(page, 'trace-view', /agentlightning\.rollout/);
        await page.locator('trace-view tbody tr').first().locator('button.span-name').click();
        await page.waitForTimeout(200);
        await check('/traces + drawer');
        assert.deepEqual(found, []);
      } finally {
        await context.close();
      }
    }
  });

  test('unknown paths show a not-found page; a narrow screen gets a burger navigation', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${server.url}/no-such-page`);
      assert.match(await page.locator('telltale-dashboard h1').innerText(), /not found/i);
      // A shared link to something gone says so in a toast (an alert), and the page still works.
      await page.goto(`${server.url}/rollouts?rollout=ro-000000000000`);
      const toast = page.locator('app-toasts .toast[data-tone="error"]');
      await toast.waitFor({ timeout: 8000 });
      assert.match(await toast.innerText(), /ro-000000000000 was not found/);
      assert.equal(await drawerOpen(page), false);
      await page.setViewportSize({ width: 390, height: 800 });
      await page.goto(`${server.url}/workers`);
      assert.equal(await page.locator('telltale-dashboard #nav').isVisible(), false, 'navigation collapsed');
      const burger = page.locator('telltale-dashboard button.burger');
      assert.equal(await burger.getAttribute('aria-expanded'), 'false');
      await burger.click();
      assert.equal(await burger.getAttribute('aria-expanded'), 'true');
      await page.locator('telltale-dashboard #nav a[href="/rollouts"]').click();
      assert.equal(new URL(page.url()).pathname, '/rollouts');
      await page.waitForTimeout(250);
      assert.equal(await page.locator('telltale-dashboard #nav').isVisible(), false, 'closes after choosing');
    } finally {
      await context.close();
    }
  });
});

describe('portal page', () => {
  test('plain HTML + one module script from the built library: tags render live data', async () => {
    const { context, page, errors } = await open();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    try {
      await page.goto(`${server.url}/portal.html`);
      await page.waitForFunction(() => (window as any).__portalReady === true);
      for (const tag of ['live-activity', 'worker-board', 'log-console', 'rollout-table', 'connection-status']) {
        assert.ok(await page.evaluate((t) => Boolean(customElements.get(t)), tag), `<${tag}> registered by the bundle`);
      }
      await waitForText(page, 'live-activity', /act-[0-9a-f]+|Execution/);
      await waitForText(page, 'worker-board', /worker-01/);
      await waitForText(page, 'rollout-table', /ro-[0-9a-f]{12}/);
      await waitForText(page, 'connection-status', /live/i);
      // An element event reaches the page's own listener.
      await page.locator('rollout-table button[aria-label^="View traces"]').first().click();
      assert.match(await page.locator('#picked').innerText(), /Traces of ro-/);
      // The split build: the entry, then chunks beside it, resolved relative to its URL. Parts
      // loaded when used arrive as their own chunks: the streaming engine with the first stream,
      // the cross-tab coordinator with the first shared feed.
      assert.equal(scripts[0], '/bundle/telltale.js', scripts.join(' '));
      assert.ok(scripts.every((p) => p === '/bundle/telltale.js' || p.startsWith('/bundle/chunks/')), scripts.join(' '));
      for (const lazy of [/^\/bundle\/chunks\/feed-stack-\w+\.js$/, /^\/bundle\/chunks\/coordinator-\w+\.js$/]) {
        assert.ok(scripts.some((p) => lazy.test(p)), `${lazy} fetched: ${scripts.join(' ')}`);
      }
      // A part loaded on use: the activity details panel arrives when a row is first opened.
      const details = /^\/bundle\/chunks\/live-activity\.details-\w+\.js$/;
      assert.ok(!scripts.some((p) => details.test(p)), `no details code before use: ${scripts.join(' ')}`);
      await page.locator('live-activity').first().locator('[data-id]').first().click();
      await page.locator('live-activity').first().locator('.details .close').waitFor({ state: 'visible' });
      assert.ok(scripts.some((p) => details.test(p)), `details code fetched on use: ${scripts.join(' ')}`);
      // Every chunk of the build evaluates in the page (terser went over each, scripts/bundle.mjs),
      // the parts this page never uses too (trace-view's span table, the JSON drawer).
      const chunks = readdirSync(join(root, 'demo-dist/bundle/chunks')).filter((f) => f.endsWith('.js'));
      assert.ok(chunks.length > 10, chunks.join(' '));
      const failed = await page.evaluate(async (names) => {
        const bad: string[] = [];
        for (const n of names) await import(`/bundle/chunks/${n}`).catch((e) => bad.push(`${n}: ${e}`));
        return bad;
      }, chunks);
      assert.deepEqual(failed, []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
