import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer as netServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../demo/server/index.js';
import { sandbox, SseClient, sleep, start } from './helpers.js';

let server: RunningServer;
before(async () => {
  server = await start();
});
after(() => server.close());

async function fault(sb: { admin: (p: string, b?: unknown, m?: string) => Promise<Response> }, body: unknown): Promise<void> {
  const r = await sb.admin('faults', body);
  assert.equal(r.status, 201, await r.text());
}

describe('faults', () => {
  it('cut: closes the connection after N events; the id of a half-sent event never completes', async () => {
    const sb = await sandbox(server);
    await fault(sb, { mode: 'cut', afterEvents: 3, midEvent: true, streams: ['live'], count: 1 });
    const c = new SseClient(`${sb.base}/live`);
    await sb.step(3000);
    await c.until(() => c.ended, 3000, 'cut');
    assert.equal(c.events.length, 3);
    assert.match(c.partial, /^id: \d+\n$/, 'half an event: only its id line');
    const lastComplete = c.events[2]!.id!;
    assert.equal(Number(c.partial.slice(4)), Number(lastComplete) + 1);
    // count: 1 is used up; a resume gets everything after the last complete event.
    const r = new SseClient(`${sb.base}/live`, { 'Last-Event-ID': lastComplete });
    await r.until(() => r.events.length > 0);
    assert.equal(r.events[0]!.id, String(Number(lastComplete) + 1));
    r.close();
  });

  it('cut midLine stops inside the data line', async () => {
    const sb = await sandbox(server);
    await fault(sb, { mode: 'cut', afterEvents: 1, midLine: true });
    const c = new SseClient(`${sb.base}/live`);
    await sb.step(2000);
    await c.until(() => c.ended);
    assert.equal(c.events.length, 1);
    assert.match(c.partial, /^id: \d+\nevent: \w+\ndata: \{/);
    assert.throws(() => JSON.parse(c.partial.split('data: ')[1]!));
  });

  it('malformed: every n-th event carries invalid JSON while ids go on', async () => {
    const sb = await sandbox(server);
    await fault(sb, { mode: 'malformed', every: 2, streams: ['live'] });
    const c = new SseClient(`${sb.base}/live`);
    await sb.step(2000);
    await c.until(() => c.events.length >= 6);
    const parsed = c.events.slice(0, 6).map((e) => {
      try {
        JSON.parse(e.data!);
        return true;
      } catch {
        return false;
      }
    });
    assert.deepEqual(parsed, [true, false, true, false, true, false]);
    const ids = c.events.slice(1, 6).map((e) => Number(e.id));
    ids.forEach((id, i) => i && assert.equal(id, ids[i - 1]! + 1));
    c.close();
  });

  it('status: answers 503 with Retry-After for `count` requests, then recovers', async () => {
    const sb = await sandbox(server);
    await fault(sb, { mode: 'status', status: 503, count: 2, retryAfter: 3, streams: ['live', 'live/status'] });
    const a = await fetch(`${sb.base}/live`);
    assert.equal(a.status, 503);
    assert.equal(a.headers.get('retry-after'), '3');
    assert.equal((await fetch(`${sb.base}/live/status`)).status, 503);
    assert.equal((await fetch(`${sb.base}/live/status`)).status, 200);
    // other routes untouched
    await fault(sb, { mode: 'status', status: 401, streams: ['live'] });
    assert.equal((await fetch(`${sb.base}/live`)).status, 401);
    assert.equal((await fetch(`${sb.base}/live/status`)).status, 200);
    assert.equal((await fetch(`${sb.base}/logs/scheduler/lines`)).status, 200);
    assert.equal((await sb.admin('faults', undefined, 'DELETE')).status, 200);
    const c = new SseClient(`${sb.base}/live`);
    await c.until(() => c.status === 200);
    c.close();
  });

  it('status forMs expires by itself', async () => {
    const sb = await sandbox(server);
    await fault(sb, { mode: 'status', status: 429, forMs: 200 });
    assert.equal((await fetch(`${sb.base}/v1/agl/health`)).status, 429);
    await sleep(300);
    assert.equal((await fetch(`${sb.base}/v1/agl/health`)).status, 200);
  });

  it('contentType: answers with the wrong content type', async () => {
    const sb = await sandbox(server);
    await fault(sb, { mode: 'contentType', value: 'text/html', count: 2 });
    const c = new SseClient(`${sb.base}/live`);
    await c.until(() => c.status === 200);
    assert.equal(c.headers.get('content-type'), 'text/html');
    c.close();
    assert.equal((await fetch(`${sb.base}/v1/agl/health`)).headers.get('content-type'), 'text/html');
    assert.equal((await fetch(`${sb.base}/v1/agl/health`)).headers.get('content-type'), 'application/json');
  });

  it('drip: sends a few bytes at a time', async () => {
    const sb = await sandbox(server);
    await fault(sb, { mode: 'drip', bytes: 7, intervalMs: 5, streams: ['live'] });
    const c = new SseClient(`${sb.base}/live?since=0`);
    await sb.step(500);
    await c.until(() => c.raw.length > 200);
    c.close();
    assert.ok(c.chunks.length > 20);
    assert.ok(c.chunks.every((x) => Buffer.byteLength(x) <= 7 * 2), 'small chunks');
  });

  it('stall: silent (no heartbeats) for forMs, then delivers what was held', async () => {
    const sb = await sandbox(server, { heartbeatMs: 100 });
    const c = new SseClient(`${sb.base}/live`);
    await c.until(() => c.events.length === 1);
    await fault(sb, { mode: 'stall', forMs: 600 });
    const before = c.raw.length;
    await sb.step(1000);
    await sleep(400);
    assert.equal(c.raw.length, before, 'nothing while stalled');
    await c.until(() => c.events.length > 5, 2000, 'held events after the stall');
    c.close();
  });

  it('buffer: holds every byte back until cleared', async () => {
    const sb = await sandbox(server, { heartbeatMs: 100 });
    await fault(sb, { mode: 'buffer' });
    const c = new SseClient(`${sb.base}/live`);
    await c.until(() => c.status === 200);
    await sleep(400);
    assert.equal(c.raw, '', 'not even the first byte');
    await sb.admin('faults', undefined, 'DELETE');
    await c.until(() => c.events.length >= 1);
    assert.match(c.raw, /^retry: /);
    c.close();
  });

  it('oversize: sends one event with a huge data line', async () => {
    const sb = await sandbox(server);
    await fault(sb, { mode: 'oversize', bytes: 2_000_000, count: 1 });
    const c = new SseClient(`${sb.base}/logs/scheduler?tail=1`);
    await c.until(() => c.events.length >= 2);
    assert.equal(c.events[0]!.data!.length, 2_000_000);
    assert.equal(c.events[0]!.id, undefined);
    assert.equal(c.events[1]!.event, 'line');
    c.close();
  });

  it('rejects an unknown mode', async () => {
    const sb = await sandbox(server);
    assert.equal((await sb.admin('faults', { mode: 'explode' })).status, 400);
  });
});

describe('admin', () => {
  it('inject appends exactly what was given (events, log lines, raw bytes)', async () => {
    const sb = await sandbox(server);
    const c = new SseClient(`${sb.base}/live`);
    await c.until(() => c.events.length === 1);
    const act = { id: 'act-injected', type: 'other', status: 'queued', stage: 'x', title: '<img src=x onerror=alert(1)>' };
    const r = await (await sb.admin('inject', { stream: 'live', event: 'activity', data: act })).json();
    await sb.admin('inject', { stream: 'live', raw: 'data: not json at all\n\n' });
    await c.until(() => c.frames.filter((f) => f.data !== undefined).length >= 3);
    assert.deepEqual(JSON.parse(c.events[1]!.data!), act);
    assert.equal(c.events[1]!.id, String(r.id));
    assert.equal(c.events[2]!.data, 'not json at all');
    const snap = (await sb.json('/live/status')).reset;
    assert.ok(snap.activities.some((a: any) => a.id === 'act-injected'), 'the snapshot agrees');
    c.close();
    const line = await (await sb.admin('inject', { stream: 'logs/cas', line: { level: 'error', text: 'boom' } })).json();
    const lines = await sb.json('/logs/cas/lines?limit=1');
    assert.equal(lines.lines[0].id, line.id);
    assert.equal(lines.lines[0].text, 'boom');
    await sb.admin('inject', { stream: 'tasks', data: { type: 'error', details: { message: 'x' } } });
    assert.equal((await sb.json('/api/dashboard/live/status')).recent_events.at(-1).type, 'error');
  });

  it('restart drops every connection and keeps the history and sequence', async () => {
    const sb = await sandbox(server);
    const a = new SseClient(`${sb.base}/live`);
    const b = new SseClient(`${sb.base}/logs/scheduler`);
    await sb.step(1000);
    await a.until(() => a.events.length > 3);
    await b.until(() => b.events.length > 0);
    let stats = await (await sb.admin('stats', undefined, 'GET')).json();
    assert.deepEqual(stats.connections, { live: 1, 'logs/scheduler': 1 });
    const dropped = await (await sb.admin('restart', {})).json();
    assert.equal(dropped.dropped, 2);
    await a.until(() => a.ended);
    await b.until(() => b.ended);
    const last = a.events.at(-1)!.id!;
    await sb.step(1000);
    const r = new SseClient(`${sb.base}/live`, { 'Last-Event-ID': last });
    await r.until(() => r.events.length > 0);
    assert.equal(r.events[0]!.id, String(Number(last) + 1));
    r.close();
    await sleep(50);
    stats = await (await sb.admin('stats', undefined, 'GET')).json();
    assert.equal(stats.opened.live, 2);
    assert.ok(stats.requests['GET /live'] >= 2);
    assert.equal(stats.connections.live, undefined);
  });

  it('pause/resume: a resumed world ticks in real time; sandboxes can be deleted', async () => {
    const sb = await sandbox(server);
    const t0 = (await (await sb.admin('stats', undefined, 'GET')).json()).now;
    await sb.admin('resume', {});
    await sleep(350);
    await sb.admin('pause', {});
    const t1 = (await (await sb.admin('stats', undefined, 'GET')).json()).now;
    assert.ok(t1 - t0 >= 200 && t1 - t0 < 2000, `${t1 - t0}`);
    assert.equal((await fetch(sb.base, { method: 'DELETE' })).status, 200);
    assert.equal((await fetch(`${sb.base}/live/status`)).status, 404);
    const pre = await fetch(`${server.url}/admin/sandboxes`, { method: 'OPTIONS' });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  });
});

describe('CLI', () => {
  it('prints the listening line, serves a placeholder page, and explains a taken port', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts', '--seed', '3'], {
      env: { ...process.env, PORT: '0' },
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', () => reject(new Error(out)));
    });
    try {
      const m = /^Telltale reference server listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
      assert.ok(m, line);
      const res = await fetch(`http://127.0.0.1:${m[1]}/live/status`);
      assert.equal(res.status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /dashboard is not built/);
    const blocker = netServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    const taken = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts'], { env: { ...process.env, PORT: String(port) } });
    let err = '';
    taken.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => taken.on('exit', r));
    blocker.close();
    assert.equal(code, 1);
    assert.equal(err.trim(), `Port ${port} is in use. Start on another port with PORT=${port + 1} npm start`);
  });
});
