/**
 * Opens every story of the built Storybook (storybook-static/, from `npm run build-storybook`)
 * in Debian's Chromium and fails on any console error, page error or empty render.
 * Run: `npm run test:storybook` (CI runs it after building Storybook).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, root } from '../bench/harness.js';

const dir = join(root, 'storybook-static');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.map': 'application/json',
};

let server: Server;
let browser: Browser;
let base = '';

before(async () => {
  assert.ok(existsSync(join(dir, 'index.json')), 'storybook-static/index.json is missing: run `npm run build-storybook` first');
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const index = existsSync(join(dir, 'index.json')) ? JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) : { entries: {} };
const stories = Object.values(index.entries as Record<string, { id: string; type: string; title: string; name: string }>).filter(
  (e) => e.type === 'story',
);

test('Storybook has stories for every element', () => {
  const titles = new Set(stories.map((s) => s.title.split('/').pop()!.toLowerCase()));
  for (const tag of ['live-activity', 'worker-board', 'storage-overview', 'client-list', 'log-console', 'rollout-table', 'settings-panel', 'connection-status']) {
    assert.ok([...titles].some((t) => t.includes(tag)), `no stories for <${tag}> (titles: ${[...titles].join(', ')})`);
  }
});

/** States a user meets that must have a story, and the element state each story must show. */
const PROMISED: { title: string; name: RegExp; tag: string; state: string }[] = [
  { title: 'Elements/rollout-table', name: /^Skipped\b/, tag: 'rollout-table', state: 'skipped' },
  { title: 'Elements/rollout-table', name: /^Error Unreachable$/, tag: 'rollout-table', state: 'error' },
  { title: 'Elements/live-activity', name: /^Connecting\b/, tag: 'live-activity', state: 'connecting' },
  { title: 'Elements/live-activity', name: /^Reconnecting \(last data/, tag: 'live-activity', state: 'reconnecting' },
  { title: 'Elements/live-activity', name: /^Reconnecting \(unreachable/, tag: 'live-activity', state: 'reconnecting' },
  { title: 'Elements/live-activity', name: /^Offline\b/, tag: 'live-activity', state: 'offline' },
];

describe('promised states', () => {
  for (const p of PROMISED) {
    test(`${p.title} has a story ${p.name} showing :state(${p.state})`, async () => {
      const story = stories.find((s) => s.title === p.title && p.name.test(s.name));
      assert.ok(story, `no story ${p.name} in ${p.title} (has: ${stories.filter((s) => s.title === p.title).map((s) => s.name).join(', ')})`);
      const page = await browser.newPage();
      try {
        await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, { waitUntil: 'load' });
        await page.waitForFunction(
          ({ tag, state }) => document.querySelector(`#storybook-root ${tag}`)?.matches(`:state(${state})`) === true,
          { tag: p.tag, state: p.state },
          { timeout: 15000 },
        );
      } finally {
        await page.close();
      }
    });
  }
});

// Four stories at a time: each page parses Storybook's large preview bundle.
describe('every story', { concurrency: 4 }, () => {
for (const story of stories) {
  test(`story ${story.title} / ${story.name} renders with no console error`, async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      // Stories that demonstrate an unreachable server log the failed request: that is the story.
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, { waitUntil: 'load' });
      await page.waitForFunction(
        () => {
          const r = document.querySelector('#storybook-root');
          return !!r && r.childElementCount > 0;
        },
        undefined,
        { timeout: 15000 },
      );
      await page.waitForTimeout(300);
      const stError = await page.evaluate(() => document.querySelector('.sb-show-errordisplay') !== null);
      assert.equal(stError, false, 'Storybook shows its error display');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
}
});
