// CI smoke check: the dashboard served by `npm start` loads in Chromium with no console
// error and no failed request, and /live streams events. Prints `smoke: N passed, N failed`.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const port = process.env.SMOKE_PORT || '18080';
const server = spawn('npm', ['start'], { env: { ...process.env, PORT: port }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
let out = '';
server.stdout.on('data', (c) => { out += c; process.stdout.write(c); });
const stop = () => { try { process.kill(-server.pid, 'SIGTERM'); } catch {} };
process.on('exit', stop);

const results = [];
const check = async (name, fn) => {
  try { await fn(); results.push([name, true]); console.log(`✔ ${name}`); }
  catch (e) { results.push([name, false]); console.log(`✖ ${name}: ${e.message}`); }
};

const deadline = Date.now() + 120000;
while (!/listening on/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
const base = `http://127.0.0.1:${port}`;

await check('server starts', async () => { if (!/listening on/.test(out)) throw new Error('no "listening on" line'); });

await check('GET /live streams SSE events', async () => {
  const ctl = new AbortController();
  const res = await fetch(`${base}/live`, { signal: ctl.signal });
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`content-type ${res.headers.get('content-type')}`);
  const reader = res.body.getReader();
  let text = '';
  const until = Date.now() + 10000;
  while (!/\nid: \d+/.test('\n' + text) && Date.now() < until) text += new TextDecoder().decode((await reader.read()).value);
  ctl.abort();
  if (!/id: \d+/.test(text)) throw new Error('no event with an id within 10 s');
});

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
});
await check('dashboard loads with no console error', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => { if (!r.url().includes('/live') && !r.url().includes('/logs/')) errors.push(`request failed: ${r.url()}`); });
  const res = await page.goto(base + '/', { waitUntil: 'load' });
  if (!res || !res.ok()) throw new Error(`status ${res?.status()}`);
  await page.waitForTimeout(3000);
  const defined = await page.evaluate(() => customElements.get('connection-status') !== undefined || document.body.innerText.length > 0);
  if (!defined) throw new Error('the page rendered nothing');
  if (errors.length) throw new Error(errors.join('\n'));
});
await browser.close();
stop();

const passed = results.filter(([, ok]) => ok).length;
const failed = results.length - passed;
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
