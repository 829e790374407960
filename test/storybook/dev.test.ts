/**
 * `npm run storybook` as a newcomer runs it (the dev server, package.json's own command on a
 * free port): it listens on this machine only, and a story's console has no Lit warning a
 * newcomer can do nothing about ("Multiple versions of Lit loaded", "Lit is in dev mode").
 * Run: `npm run test:storybook`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, root } from '../bench/harness.js';
import { freePort, startProgram, type Program } from '../helpers/programs.js';

let storybook: Program;
let browser: Browser;
let port = 0;

/** Whether something accepts a TCP connection on host:port. */
const accepts = (host: string, p: number) =>
  new Promise<boolean>((r) => {
    const c = createConnection({ host, port: p });
    c.setTimeout(3000, () => (c.destroy(), r(false)));
    c.once('connect', () => (c.end(), r(true)));
    c.once('error', () => r(false));
  });

before(async () => {
  port = await freePort();
  const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.storybook as string;
  assert.match(script, /-p 6006/, 'npm run storybook names its port');
  const command = `${script.replace('-p 6006', `-p ${port}`)} --ci`;
  storybook = await startProgram('storybook', 'sh', ['-c', `exec node_modules/.bin/${command}`], {
    cwd: root,
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
    ready: () => accepts('127.0.0.1', port),
    timeoutMs: 120_000,
  });
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await storybook?.stop();
});

test('npm run storybook listens on this machine only', async () => {
  // It listened on every interface and printed "On your network: http://<address>:6006/".
  const others = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
  for (const address of others) assert.equal(await accepts(address, port), false, `reachable on ${address}:${port}`);
  assert.equal(await accepts('127.0.0.1', port), true);
});

test('a story in the dev server logs no Lit warning', { timeout: 180_000 }, async () => {
  const page = await browser.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  try {
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=elements-log-console--dark&viewMode=story`, { timeout: 150_000 });
    // Rendered: the story's element has its shadow root filled.
    await page.waitForFunction(() => (document.querySelector('#storybook-root log-console')?.shadowRoot?.childElementCount ?? 0) > 0, null, { timeout: 150_000 });
    const lit = warnings.filter((w) => /\bLit\b/.test(w));
    assert.deepEqual(lit, [], `Lit warned: ${lit.join(' | ')}`);
  } finally {
    await page.close();
  }
});
