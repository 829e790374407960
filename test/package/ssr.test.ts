/**
 * Server-side rendering: every element constructs in Node, renders with Lit's SSR
 * (@lit-labs/ssr) to declarative shadow DOM without throwing, and hydrates in Chromium
 * (@lit-labs/ssr-client) into live elements reading the reference server.
 * Before this, constructing <live-activity> or <json-view> in Node threw
 * "ResizeObserver is not defined", and rendering <rollout-table> or <telltale-provider> threw.
 *
 *   node --import tsx --test test/package/ssr.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { build } from 'esbuild';
import { html, unsafeStatic } from 'lit/static-html.js';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, root } from '../bench/harness.js';
import { createServer, type RunningServer } from '../../demo/server/index.js';

const TAGS = [
  'live-activity', 'worker-board', 'storage-overview', 'client-list', 'log-console', 'rollout-table',
  'settings-panel', 'connection-status', 'trace-view', 'json-view', 'telltale-provider', 'resources-view',
];
// What a user sees of each element on first paint, from the server's HTML alone (no script).
const FIRST_PAINT: Record<string, RegExp> = { 'log-console': /Timestamps/, 'json-view': /ssr-ok/, 'settings-panel': /Backend address/, 'live-activity': /Live activity/ };

// Importing the library in Node: Lit's node build brings its own minimal DOM shim.
await import('../../src/all.js');

const tag = (t: string, attrs = '') => html`<${unsafeStatic(t)} ${unsafeStatic(attrs)}></${unsafeStatic(t)}>`;
const attrsOf = (t: string) => (t === 'log-console' ? 'streams="scheduler" label="Build logs"' : t === 'json-view' ? `text='{"ssr-ok": true}'` : '');

describe('server-side rendering', () => {
  for (const t of TAGS) {
    test(`<${t}> constructs in Node and renders to declarative shadow DOM`, async () => {
      const C = customElements.get(t);
      assert.ok(C, `${t} is defined`);
      assert.doesNotThrow(() => new C());
      const out = await collectResult(render(tag(t, attrsOf(t))));
      assert.match(out, new RegExp(`<${t}[^>]*>\\s*<template shadowroot="open" shadowrootmode="open">`));
      if (FIRST_PAINT[t]) assert.match(out, FIRST_PAINT[t]);
    });
  }

  describe('hydration in Chromium', () => {
    let server: RunningServer;
    let browser: Browser;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'telltale-ssr-'));
      // Each element rendered on its own, as a server page template would place them.
      let body = '';
      for (const t of TAGS) body += await collectResult(render(tag(t, attrsOf(t))));
      writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>ssr</title><link rel="icon" href="data:,"></head><body>${body}<script type="module" src="/client.js"></script></body></html>`);
      // The client: hydration support first (it must load before LitElement), then the elements.
      writeFileSync(join(dir, 'entry.ts'), `import '@lit-labs/ssr-client/lit-element-hydrate-support.js';\nimport '${root}/src/all.ts';\n`);
      await build({ entryPoints: [join(dir, 'entry.ts')], bundle: true, format: 'esm', outfile: join(dir, 'client.js'), tsconfig: join(root, 'tsconfig.json'), logLevel: 'error', nodePaths: [join(root, 'node_modules')] });
      server = await createServer({ port: 0, seed: 3, staticDir: dir });
      browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('without script, the server HTML already shows each element’s frame', async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      await page.goto(`${server.url}/`);
      for (const [t, text] of Object.entries(FIRST_PAINT)) {
        assert.ok(await page.locator(t).getByText(text).first().isVisible(), `<${t}> shows ${text} from the server's HTML`);
      }
      await ctx.close();
    });

    test('with script, every element hydrates without errors and shows live data', async () => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${server.url}/`);
      await page.waitForFunction((tags) => tags.every((t) => (document.querySelector(t) as { hasUpdated?: boolean } | null)?.hasUpdated), TAGS);
      // Live data after hydration: log lines and rollouts from the reference server.
      await page.locator('log-console').getByText(/act-[0-9a-f]+/).first().waitFor({ timeout: 10000 });
      await page.locator('rollout-table').getByText(/ro-[0-9a-f]{12}/).first().waitFor({ timeout: 10000 });
      // Hydrated, not re-rendered from scratch: one shadow root content, no duplicated toolbar.
      assert.equal(await page.locator('log-console').locator('[part=filter]').count(), 1);
      assert.deepEqual(errors, []);
      await ctx.close();
    });
  });
});
