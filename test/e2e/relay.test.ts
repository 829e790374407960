/**
 * The README's relay example, end to end: `telltale relay file:app=PATH` (the real CLI) on a
 * real file, the dashboard it serves in Chromium. The lines show on the Logs page (the front
 * page of a logs-only relay), the cluster pages say what to pass, and the page keeps up
 * through a rotation and a restart of the relay. And a relay started with --token, read by
 * that dashboard through Settings (backend address + access token).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { freePort } from '../helpers/programs.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROME_ARGS, root } from '../bench/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'telltale-relay-e2e-'));
const log = join(dir, 'app.log');
let browser: Browser;
let relay: ChildProcess | null = null;
let port = 0;
/** Relays on other ports (the protected one). */
const others: ChildProcess[] = [];


async function startRelay(extra: string[] = [], on = port): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'bin/telltale.mjs'), 'relay', '--port', String(on), ...extra, `file:app=${log}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (on === port) relay = child;
  else others.push(child);
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const end = Date.now() + 20000;
  while (!/Telltale relay on/.test(out)) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`relay did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

async function stopRelay(): Promise<void> {
  const child = relay;
  relay = null;
  if (!child || child.exitCode !== null) return;
  await new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGTERM');
  });
}

/** Text of the first element matching `sel`, through every shadow root (what a user reads). */
const DEEP_TEXT = `(sel) => {
  const find = (n) => { const hit = n.querySelector(sel); if (hit) return hit; for (const el of n.querySelectorAll('*')) if (el.shadowRoot) { const i = find(el.shadowRoot); if (i) return i; } return null; };
  const text = (n) => { let s = ''; if (n instanceof Element && n.shadowRoot) s += text(n.shadowRoot); for (const c of n.childNodes) s += c.nodeType === Node.TEXT_NODE ? c.textContent : text(c); return s; };
  const el = find(document); return el ? text(el) : '';
}`;

async function waitForText(page: Page, sel: string, re: RegExp, timeout = 15000): Promise<string> {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    last = (await page.evaluate(`(${DEEP_TEXT})(${JSON.stringify(sel)})`)) as string;
    if (re.test(last)) return last;
    await page.waitForTimeout(150);
  }
  throw new Error(`${sel} never showed ${re}; it showed: ${last.replace(/\s+/g, ' ').slice(0, 400)}`);
}

/** Newest modification time below `dir` (the dashboard is rebuilt when its sources are newer). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'server') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

before(async () => {
  const index = join(root, 'demo-dist/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built < Math.max(newest(join(root, 'demo')), newest(join(root, 'src')))) {
    execFileSync(process.execPath, ['scripts/build-demo.mjs'], { cwd: root, stdio: 'inherit' });
  }
  writeFileSync(log, 'first line\n[WARN] second line\n');
  port = await freePort();
  await startRelay();
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await stopRelay();
  for (const c of others) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('a file relayed to the dashboard: live lines, through a rotation and a relay restart', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await waitForText(page, 'log-console', /first line[\s\S]*second line/);
  assert.match(page.url(), /\/log-streams$/, 'a logs-only relay opens on the Logs page');

  appendFileSync(log, 'written live\n');
  await waitForText(page, 'log-console', /written live/);

  renameSync(log, `${log}.1`);
  writeFileSync(log, 'after rotation\n');
  await waitForText(page, 'log-console', /after rotation/);

  await stopRelay();
  await startRelay();
  appendFileSync(log, 'after restart\n');
  // A new relay has new ids: the page's cursor is ahead of them, it gets `reset` and the tail.
  await waitForText(page, 'log-console', /after restart/, 20000);

  await page.goto(`http://127.0.0.1:${port}/workers`);
  const hint = await waitForText(page, '.relay-hint', /no cluster activity source/);
  assert.match(hint, /file:app=/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a relay started with --token: the page says to set the token in Settings; set there (a password field), the lines show', async () => {
  // The dashboard comes from the open relay (origin A); it reads a protected relay (B) that
  // allows origin A. (Checked to fail before: Settings had no token field.)
  const token = 'e2e-token-Zq81';
  const protectedPort = await freePort();
  await startRelay(['--token', token, '--allow-origin', `http://127.0.0.1:${port}`], protectedPort);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/settings`);
  const base = page.locator('settings-panel').locator('#base-url');
  await base.fill(`http://127.0.0.1:${protectedPort}`);
  await base.press('Enter');
  await waitForText(page, 'settings-panel', new RegExp(`In use: http://127\\.0\\.0\\.1:${protectedPort}`));
  // Without the token: the Logs page explains the 401 and where to set the token.
  await page.locator('nav a[data-page="logs"]').click();
  await page.waitForTimeout(0);
  await waitForText(page, 'main', /needs an access token[\s\S]*Settings → Access token/).catch(async (e) => {
    await page.screenshot({ path: '/tmp/relay-token-401.png' });
    throw e;
  });
  await page.screenshot({ path: '/tmp/relay-token-401.png' });
  // Set it in Settings: a password field, emptied once applied; only "set" is shown.
  await page.locator('nav a[data-page="settings"]').click();
  const field = page.locator('settings-panel').locator('#token');
  assert.equal(await field.getAttribute('type'), 'password');
  await field.fill(token);
  await field.press('Enter');
  await waitForText(page, 'settings-panel', /A token is set \(hidden\)/);
  await page.screenshot({ path: '/tmp/relay-token-settings.png' });
  assert.equal(await field.inputValue(), '', 'the token is not shown again');
  assert.ok(!((await page.evaluate(`(${DEEP_TEXT})('settings-panel')`)) as string).includes(token));
  // Back on Logs, without a reload: the sources reconnect with the token.
  await page.locator('nav a[data-page="logs"]').click();
  await waitForText(page, 'log-console', /first line|after restart/);
  await page.screenshot({ path: '/tmp/relay-token-logs.png' });
  // Remembered like the other settings: a reload still reads the protected relay.
  await page.reload();
  await waitForText(page, 'log-console', /first line|after restart/);
  // Forget: the relay refuses again, and says so.
  await page.locator('nav a[data-page="settings"]').click();
  await page.locator('settings-panel').locator('[part="token-forget"]').click();
  await waitForText(page, 'settings-panel', /No token set/);
  await page.locator('nav a[data-page="logs"]').click();
  await waitForText(page, 'main', /needs an access token/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Every error panel and non-empty alert, through every shadow root (plain JavaScript, for the page). */
const RED = `(() => {
  const out = [];
  const walk = (n) => {
    for (const el of n.querySelectorAll('.tt-error-state, [role="alert"]')) { const t = el.textContent.replace(/\\s+/g, ' ').trim(); if (t) out.push(t.slice(0, 200)); }
    for (const el of n.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(document);
  return out;
})()`;

test("with only a file source, the relay's dashboard pages and the portal show no red error panel and no console error; what it lacks is said calmly", async () => {
  // Before: the portal asked for a `scheduler` log, /v1/agl and /api/dashboard/live, and the
  // relay answered the last two with its HTML page: three red panels and a console error.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  // Each page's settled content: the relay's hint where it has no data, the lines, the settings.
  const settled: Record<string, [string, RegExp]> = {
    '': ['main', /first line|after restart/], // a logs-only relay opens on the Logs page
    activity: ['.relay-hint', /no cluster activity source/],
    workers: ['.relay-hint', /no cluster activity source|no source for this page/],
    storage: ['.relay-hint', /no source for this page|no cluster activity source/],
    clients: ['.relay-hint', /no source for this page|no cluster activity source/],
    'log-streams': ['log-console', /first line|after restart/],
    tasks: ['.relay-hint', /no task feed source[\s\S]*--tasks/],
    rollouts: ['.relay-hint', /no Agent-lightning source[\s\S]*--agl/],
    resources: ['.relay-hint', /no Agent-lightning source[\s\S]*--agl/],
    traces: ['.relay-hint', /no Agent-lightning source[\s\S]*--agl/],
    settings: ['settings-panel', /Backend address/i],
  };
  try {
    for (const [path, [sel, re]] of Object.entries(settled)) {
      await page.goto(`http://127.0.0.1:${port}/${path}`);
      await waitForText(page, sel, re);
      await page.screenshot({ path: `/tmp/relay-page-${path || 'front'}.png` });
      assert.deepEqual(await page.evaluate(RED), [], `/${path} shows no error panel`);
    }
    await page.goto(`http://127.0.0.1:${port}/portal.html`);
    // The portal picks a log the relay has, and says calmly what the other sections need.
    await waitForText(page, 'log-console', /first line|after restart/).catch(async (e) => {
      await page.screenshot({ path: '/tmp/relay-portal.png', fullPage: true });
      throw e;
    });
    await waitForText(page, 'connection-status', /live/i);
    const notes = (await page.locator('.not-served').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    await page.screenshot({ path: '/tmp/relay-portal.png', fullPage: true });
    assert.equal(notes.length, 4, notes.join('\n'));
    assert.match(notes[0]!, /no source for this section \(it reads file:app\)[\s\S]*bep:NAME=PATH/);
    assert.match(notes[1]!, /prom:NAME=URL/);
    assert.match(notes[2]!, /--agl URL/);
    assert.match(notes[3]!, /--tasks URL/);
    assert.match(await page.locator('section h2').nth(1).textContent() ?? '', /Log: app/);
    assert.deepEqual(await page.evaluate(RED), [], 'the portal shows no error panel');
    assert.deepEqual(errors, []);
    // An element asking for what the relay lacks anyway (a page of one's own): its panel gives
    // the relay's words, as text (before: "The server did not answer with JSON"); the only panel on the page.
    await page.evaluate(() => document.body.append(document.createElement('rollout-table')));
    const panel = await waitForText(page, '.tt-error-state', /The server says: this relay serves no Agent-lightning store/);
    assert.match(panel, /--agl URL/);
    assert.doesNotMatch(panel, /did not answer with JSON/);
    // Likewise a <worker-board> of one's own: the relay reads no cluster source, so /live is not
    // served and the board says so (before: an empty cluster, "No workers registered yet", as if
    // the cluster had none).
    await page.evaluate(() => {
      document.querySelector('rollout-table')!.remove();
      document.body.append(Object.assign(document.createElement('worker-board'), { id: 'own-board' }));
    });
    const board = await waitForText(page, '#own-board', /The server says: this relay has no cluster source/);
    assert.match(board, /bep:/);
    assert.doesNotMatch(board, /No workers registered yet/);
  } finally {
    await context.close();
  }
});
