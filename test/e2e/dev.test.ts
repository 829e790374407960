/**
 * `npm run dev` (scripts/dev.mjs: Vite on PORT proxying every API to the reference server on
 * API_PORT) as a newcomer opens it: the dashboard shows live data and its console has no error.
 *
 *   node --import tsx --test test/e2e/dev.test.ts
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { stripVTControlCharacters } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, root } from '../bench/harness.js';

let dev: ChildProcess;
let browser: Browser;
let port = 0;
let apiPort = 0;
let output = '';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

before(async () => {
  port = await freePort();
  apiPort = await freePort();
  dev = spawn(process.execPath, ['scripts/dev.mjs'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: String(port), API_PORT: String(apiPort) } });
  dev.stdout!.on('data', (c) => (output += c));
  dev.stderr!.on('data', (c) => (output += c));
  // Read without colour codes: Vite colours its banner when CI is set ("Local\x1b[22m:"), TTY or not.
  const text = () => stripVTControlCharacters(output);
  const end = Date.now() + 60_000;
  // Both up: Vite's address printed and the reference server's line.
  while (!(/Local:\s+http/.test(text()) && /listening on http/.test(text()))) {
    assert.ok(dev.exitCode === null, `npm run dev exited: ${text()}`);
    assert.ok(Date.now() < end, `npm run dev did not start within 60 s: ${text()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null && dev.signalCode === null) {
    const exited = new Promise((r) => dev.once('exit', r));
    dev.kill('SIGTERM');
    await exited;
  }
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
