/**
 * `npm run dev` (scripts/dev.mjs: Vite on PORT proxying every API to the reference server on
 * API_PORT) as a newcomer opens it: the dashboard shows live data and its console has no error.
 *
 *   node --import tsx --test test/e2e/dev.test.ts
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, root } from '../bench/harness.js';
import { freePort, startProgram, type Program } from '../helpers/programs.js';

let dev: Program;
let browser: Browser;
let port = 0;
let apiPort = 0;

before(async () => {
  port = await freePort();
  apiPort = await freePort();
  dev = await startProgram('npm run dev', process.execPath, ['scripts/dev.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), API_PORT: String(apiPort) },
    // Both up: Vite's address printed and the reference server's line.
    ready: (out) => /Local:\s+http/.test(out) && /listening on http/.test(out),
    timeoutMs: 60_000,
  });
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await dev?.stop();
});

test('npm run dev: the dashboard shows live data with no console error', { timeout: 120_000 }, async () => {
  // It logged "Failed to load resource: 404" for /relay/info, which Vite did not proxy.
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  try {
    // The shell asks once, at start, whether its server is a relay.
    const relayInfo = page.waitForResponse((r) => new URL(r.url()).pathname === '/relay/info', { timeout: 90_000 });
    await page.goto(`http://localhost:${port}/activity`, { timeout: 90_000 });
    await page.waitForFunction(
      () => /Execution|act-[0-9a-f]+/.test(document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('live-activity')?.shadowRoot?.textContent ?? ''),
      null,
      { timeout: 90_000 },
    );
    await relayInfo;
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('the reference server says it is not a relay, in JSON, with or without a built dashboard', async () => {
  // It answered the dashboard's question with its HTML shell, or with demo-dist/ missing (a
  // fresh clone's npm run dev) a text/plain 404.
  const res = await fetch(`http://127.0.0.1:${apiPort}/relay/info`, { headers: { accept: 'application/json' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.deepEqual(await res.json(), { relay: false });
});
