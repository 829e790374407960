/**
 * Screenshots of every dashboard page, light and dark, into docs/screenshots/:
 *   node --import tsx scripts/screenshots.ts [page…]
 * Builds the dashboard (scripts/build-demo.mjs) if demo-dist/ is missing or REBUILD is set, starts the reference server in-process, and
 * drives Debian's Chromium. Each page gets a few seconds of live data before the picture.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, root } from '../test/bench/harness.js';
import { createServer } from '../demo/server/index.js';

const PAGES = ['activity', 'workers', 'storage', 'clients', 'logs', 'tasks', 'rollouts', 'resources', 'traces', 'settings'];
const out = join(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

if (!existsSync(join(root, 'demo-dist/index.html')) || process.env.REBUILD) {
  // The whole demo build (Vite, then what it does not make: theme.js, the portal and its bundle).
  execFileSync(process.execPath, [join(root, 'scripts/build-demo.mjs')], { cwd: root, stdio: 'inherit' });
}

const only = process.argv.slice(2);
const server = await createServer({ port: 0, staticDir: join(root, 'demo-dist'), seed: 7, warmupMs: 180_000 });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
try {
  // Let the simulated world run a little so every page has something to show.
  await new Promise((r) => setTimeout(r, 3000));
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: theme, deviceScaleFactor: 1 });
    await context.addInitScript((t) => localStorage.setItem('telltale.settings', JSON.stringify({ baseUrl: '', autoRefreshMs: 5000, theme: t })), theme);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`  [console] ${m.text()}`);
    });
    page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
    for (const name of PAGES) {
      if (only.length && !only.includes(name)) continue;
      await page.goto(`${server.url}/${name === 'logs' ? 'log-streams' : name}`);
      await page.waitForTimeout(2500);
      const file = join(out, `${name}-${theme}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      if (name === 'traces') {
        // The drawer with a span's details.
        await page.locator('trace-view tbody tr').nth(1).locator('button.span-name').click().catch(() => undefined);
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(out, `traces-drawer-${theme}.png`) });
        await page.keyboard.press('Escape');
      }
    }
    // The plain-HTML portal page, with the split library bundle/ (served here from dist/bundle/ if the server does not).
    const bundleDir = process.env.TELLTALE_BUNDLE_DIR || join(root, 'dist/bundle');
    if ((!only.length || only.includes('portal')) && existsSync(join(bundleDir, 'telltale.js'))) {
      await page.route('**/portal.html', async (r) => {
        const res = await r.fetch();
        await r.fulfill(res.ok() ? { response: res } : { status: 200, contentType: 'text/html', body: readFileSync(join(root, 'demo/portal.html')) });
      });
      await page.route('**/bundle/**', async (r) => {
        const res = await r.fetch();
        const file = join(bundleDir, new URL(r.request().url()).pathname.replace(/^\/bundle\//, ''));
        await r.fulfill(res.ok() || !existsSync(file) ? { response: res } : { status: 200, contentType: 'text/javascript', body: readFileSync(file) });
      });
      await page.goto(`${server.url}/portal.html`);
      await page.waitForTimeout(2500);
      await page.screenshot({ path: join(out, `portal-${theme}.png`), fullPage: true });
      console.log(`wrote portal-${theme}.png`);
    }
    if (!only.length || only.includes('mobile')) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/traces`);
      await page.waitForTimeout(2000);
      await page.screenshot({ path: join(out, `mobile-traces-${theme}.png`) });
      await page.click('button.burger').catch(() => undefined);
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `mobile-nav-${theme}.png`) });
      console.log(`wrote mobile-*-${theme}.png`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
