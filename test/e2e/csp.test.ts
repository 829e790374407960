/**
 * Hostile input under a strict Content-Security-Policy (issue 11): every element on one page
 * served with
 *   default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src *;
 *   require-trusted-types-for 'script'
 * while the reference server injects the hostile corpus through the live feed, the task feed
 * and a log stream. Asserts: zero script-kind CSP violations (script-src, trusted types),
 * zero executions, no page error, and the hostile text is rendered as text.
 *
 *   node --import tsx --test test/e2e/csp.test.ts
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS, bundle } from '../bench/harness.js';
import { createServer, type RunningServer } from '../../demo/server/index.js';
import { HOSTILE_STRINGS, deepJson } from '../fixtures/hostile.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src *; img-src 'self'; require-trusted-types-for 'script'";
const T0 = 1_800_000_000_000;
const SCRIPT = HOSTILE_STRINGS[0];

let server: RunningServer;
let browser: Browser;
let site: Server;
let siteUrl = '';

before(async () => {
  server = await createServer({ port: 0 });
  const script = await bundle('test/security/csp.page.ts');
  site = createHttpServer((req, res) => {
    if (req.url?.startsWith('/page.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'content-security-policy': CSP });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
      res.end('<!doctype html><html><head><meta charset="utf-8"><title>CSP</title></head><body><script type="module" src="/page.js"></script></body></html>');
    }
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}/`;
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROME_ARGS });
});
after(async () => {
  await browser?.close();
  await new Promise((r) => site?.close(r));
  await server?.close();
});

test('strict CSP + Trusted Types: the hostile corpus through every protocol executes nothing and violates nothing', async () => {
  const sb = (await (await fetch(`${server.url}/admin/sandboxes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cors: true, paused: true, warmupMs: 0, workers: 1, seed: 5 }) })).json()) as { base: string };
  const base = `${server.url}${sb.base}`;
  const inject = (body: unknown) => fetch(`${base}/admin/inject`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Init scripts are injected by the browser (not subject to the page's CSP).
  await page.addInitScript(`window.__name = (f) => f; window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));`);
  await page.goto(`${siteUrl}?base=${encodeURIComponent(base)}`);
  // Polled with evaluate (CDP callFunctionOn): waitForFunction would eval a string, which this CSP forbids.
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(`console: ${m.text()}`));
  let ready = false;
  for (let i = 0; i < 200 && !(ready = await page.evaluate(() => (window as any).__ready === true)); i++) await page.waitForTimeout(100);
  assert.ok(ready, `the page did not start under the CSP: ${JSON.stringify(await page.evaluate(() => (window as any).__violations))} ${pageErrors.join('; ')}`);
  await page.waitForTimeout(1500); // streams open

  for (const [i, s] of HOSTILE_STRINGS.entries()) {
    await inject({ stream: 'live', event: 'activity', data: { id: `h-${i}`, type: 'execution', status: 'failed', stage: s, title: s, detail: s, worker: s, client: s, createdAt: T0 + i, updatedAt: T0 + i, stages: [{ name: s, startedAt: T0, endedAt: T0 + 1 }], exitCode: 1 } });
    await inject({ stream: 'live', event: 'worker', data: { id: `w-${i}`, status: 'working', subStatus: null, metrics: { cpu: 0.5, memory: null, disk: null, network: null }, actions: [{ id: s, title: s, stage: s, startedAt: T0 }], lastHeartbeat: T0, platform: { OSFamily: s } } });
    await inject({ stream: 'live', event: 'store', data: { id: `s-${i}`, name: s, kind: s, parent: null, config: { backend: s }, usedBytes: 1, limitBytes: 2, entries: 1, hits: 1, misses: 1, evictions: 0, status: 'ok' } });
    await inject({ stream: 'live', event: 'client', data: { id: `c-${i}`, address: s, tool: s, status: 'active', executions: 1, bytesSent: 1, bytesReceived: 1, connectedAt: T0, lastSeen: T0, recent: [s] } });
    await inject({ stream: 'logs/scheduler', line: { text: s, source: s.slice(0, 100), level: 'error' } });
    await inject({ stream: 'tasks', data: { type: 'task_start', task_id: `t-${i}`, validator_ip: s, details: { prompt: s } } });
  }
  await inject({ stream: 'tasks', data: { type: 'error', task_id: 't-0', validator_ip: '1.2.3.4', details: { message: SCRIPT, deep: deepJson(2000) } } });
  for (const raw of ['data: {"not json\n\n', 'event: activity\ndata: <script>window.__pwned=1</script>\n\n', ': <img src=x onerror=window.__pwned=1>\n\n']) {
    await inject({ stream: 'live', raw });
    await inject({ stream: 'logs/scheduler', raw });
  }
  await page.evaluate((s) => ((document.querySelector('json-view') as any).text = `{"a": ${JSON.stringify(s)}, "b": <img src=x onerror=window.__pwned=1>}`), SCRIPT);
  await page.waitForTimeout(2500);

  const result = await page.evaluate(() => {
    const w = window as any;
    let text = '';
    const dangerous: string[] = [];
    const walk = (n: Node) => {
      if (n.nodeType === 3) text += n.nodeValue;
      if (n instanceof Element) {
        if (/^(script|img|iframe|object|embed)$/i.test(n.localName) && !(n.localName === 'script' && (n as HTMLScriptElement).src.endsWith('/page.js'))) dangerous.push(`<${n.localName}>`);
        for (const a of n.attributes) {
          if (/^on/i.test(a.name)) dangerous.push(`<${n.localName} ${a.name}>`);
          if (/^(href|src|xlink:href|action|formaction|srcdoc)$/i.test(a.name) && /^(javascript|data):/i.test(a.value.replace(/[\u0000-\u0020]/g, ''))) dangerous.push(`<${n.localName} ${a.name}=${a.value.slice(0, 30)}>`);
        }
        if (n.shadowRoot) walk(n.shadowRoot);
      }
      for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    };
    walk(document.body);
    return { violations: w.__violations as Array<{ directive: string; blocked: string; sample: string }>, pwned: w.__pwned, dangerous, hasScriptText: text.includes('<script>window.__pwned'), tt: typeof (window as any).trustedTypes };
  });
  console.log('CSP result:', JSON.stringify({ ...result, violations: result.violations.slice(0, 10) }), 'page errors:', pageErrors.slice(0, 5));
  const scriptKind = result.violations.filter((v) => /script|trusted-types/.test(v.directive));
  assert.deepEqual(scriptKind, [], 'script-kind CSP violations');
  assert.equal(result.pwned, undefined, 'a hostile payload executed');
  assert.deepEqual(result.dangerous, [], 'dangerous nodes or attributes rendered');
  assert.equal(result.hasScriptText, true, 'the hostile text is shown as text');
  assert.deepEqual(pageErrors, [], 'page errors');
  await page.close();
});
