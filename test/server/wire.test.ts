/**
 * What the wire can bring (issue 20), against the hub running in Node over real HTTP:
 * - a snapshot with one unreadable record among 500 (the reference server, injected);
 * - a buffering proxy: a real nginx (`proxy_buffering on; proxy_ignore_headers
 *   X-Accel-Buffering;`) in front of the reference server;
 * - ids that go backwards, and a server that closes after every event: small misbehaving SSE
 *   servers of this file's own, on loopback (the reference server never does either).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer, type RunningServer } from '../../demo/server/index.js';
import { createHub } from '../../src/streams/hub.js';
import type { ClusterSnapshot, LiveEvent } from '../../src/streams/models.js';
import type { Batch, SourceStatus, StreamSource } from '../../src/streams/types.js';
import { sleep } from './helpers.js';
import { freePort } from '../helpers/programs.js';

const T0 = 1_763_900_000_000;

function activity(id: string, patch: Record<string, unknown> = {}) {
  return {
    id,
    type: 'execution',
    status: 'success',
    stage: 'done',
    title: `title ${id}`,
    detail: '',
    worker: null,
    client: null,
    createdAt: T0,
    updatedAt: T0,
    stages: [],
    ...patch,
  };
}

/** Follows a live source like a page does: the activities it would show, and every status. */
class Watcher {
  activities = new Map<string, unknown>();
  resets = 0;
  statuses: SourceStatus[] = [];
  private readonly subs: { unsubscribe(): void }[] = [];
  constructor(src: StreamSource<LiveEvent, ClusterSnapshot>) {
    this.subs.push(
      src.batches$.subscribe((b: Batch<LiveEvent, ClusterSnapshot>) => {
        if (b.reset) {
          this.resets++;
          this.activities = new Map(b.reset.activities.map((a) => [a.id, a]));
        }
        for (const e of b.events) if (e.kind === 'activity') this.activities.set(e.data.id, e.data);
      }),
      src.status$.subscribe((s) => this.statuses.push(s)),
    );
  }
  get status(): SourceStatus {
    return this.statuses.at(-1)!;
  }
  async until(pred: () => boolean, what: string, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(this.status)}`);
      await sleep(20);
    }
  }
  stop(): void {
    for (const s of this.subs) s.unsubscribe();
  }
}

/** A misbehaving SSE server of our own on loopback; `handle` gets each request and its number (0-based). */
async function miniServer(handle: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ url: string; requests: { at: number; lastEventId: string | null; path: string }[]; close(): Promise<void> }> {
  const requests: { at: number; lastEventId: string | null; path: string }[] = [];
  const server: Server = createHttpServer((req, res) => {
    const n = requests.length;
    requests.push({ at: Date.now(), lastEventId: (req.headers['last-event-id'] as string | undefined) ?? null, path: req.url ?? '' });
    handle(req, res, n);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

const sseHead = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
const frame = (id: number, event: string, data: unknown) => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const snapshot = (...activities: object[]) => ({ activities, workers: [], stores: [], clients: [] });

describe('wire: one unreadable record never blanks a view', () => {
  let server: RunningServer;
  before(async () => {
    server = await createServer({ port: 0, paused: true, warmupMs: 0, staticDir: null });
  });
  after(() => server.close());

  it('a snapshot of 500 activities with one of an unknown type: 499 shown, 1 counted with its reason', async () => {
    const res = await fetch(`${server.url}/admin/sandboxes`, { method: 'POST', body: JSON.stringify({ seed: 7, paused: true, warmupMs: 0, workers: 1 }) });
    const { base } = (await res.json()) as { base: string };
    const hub = createHub({ graceMs: 0, backoff: { baseMs: 50, capMs: 200 } });
    const w = new Watcher(hub.live(server.url + base, { heartbeatMs: 1000 }));
    try {
      await w.until(() => w.resets === 1, 'the first snapshot');
      const acts = Array.from({ length: 500 }, (_, i) => activity(`a-${i}`, i === 250 ? { type: 'teleportation' } : {}));
      const inj = await fetch(`${server.url}${base}/admin/inject`, { method: 'POST', body: JSON.stringify({ stream: 'live', event: 'reset', data: snapshot(...acts) }) });
      assert.equal(inj.status, 200);
      await w.until(() => w.resets === 2, 'the injected snapshot');
      assert.equal(w.activities.size, 499, 'every readable activity is kept');
      assert.ok(!w.activities.has('a-250'));
      await w.until(() => w.status.counters.malformed === 1, 'the unreadable record counted');
      assert.equal(w.status.state, 'live');
      assert.match(w.status.firstUnreadable ?? '', /reset\.activities\[250\]\.type: expected one of .*found the string "teleportation"/);
      assert.match(w.status.reason ?? '', /^1 record could not be read \(first: reset\.activities\[250\]\.type/);
      // A snapshot where nothing decodes is still refused (never shown as an empty cluster).
    } finally {
      w.stop();
    }
  });
});

describe('wire: one unreadable task event never blanks the task feed', () => {
  it('a task-feed status with one event of an unknown type among three: two shown, one counted', async () => {
    const ev = (id: number, type: string) => ({ id, type, timestamp: T0 / 1000 + id, task_id: `t-${id}`, validator_ip: '10.0.0.1', details: {} });
    // The feed's first frame, as the reference server sends it: a named reset with the status.
    const srv = await miniServer((req, res) => {
      sseHead(res);
      res.write(frame(3, 'reset', { last_id: 3, active_tasks: [], recent_events: [ev(1, 'task_start'), ev(2, 'levitation'), ev(3, 'task_step')] }));
    });
    const hub = createHub({ graceMs: 0 });
    const src = hub.tasks(srv.url, { transport: 'sse' });
    let events: number[] = [];
    const statuses: SourceStatus[] = [];
    const subs = [src.batches$.subscribe((b) => b.reset && (events = b.reset.recent_events.map((e) => e.id))), src.status$.subscribe((s) => statuses.push(s))];
    try {
      const end = Date.now() + 5000;
      while (!(events.length && statuses.at(-1)!.counters.malformed === 1) && Date.now() < end) await sleep(20);
      assert.deepEqual(events, [1, 3], JSON.stringify(statuses.at(-1)));
      assert.match(statuses.at(-1)!.firstUnreadable ?? '', /reset\.recent_events\[1\]\.type: expected one of .*"levitation"/);
    } finally {
      for (const s of subs) s.unsubscribe();
      await srv.close();
    }
  });
});

describe('wire: the server starts over', () => {
  it('ids that go backwards are a reset: a fresh snapshot is asked for and the status says so', async () => {
    // Connection 0: snapshot at 100, events 101–103, close. Connection 1 (the server "restarted"
    // and ignores the cursor): events 1, 2. Connection 2: what a fresh client gets — a snapshot.
    const srv = await miniServer((req, res, n) => {
      sseHead(res);
      if (n === 0) {
        res.write('retry: 50\n\n' + frame(100, 'reset', snapshot(activity('old-0'))));
        for (let id = 101; id <= 103; id++) res.write(frame(id, 'activity', activity(`old-${id}`)));
        res.end();
      } else if (n === 1) {
        res.write(frame(1, 'activity', activity('new-1')) + frame(2, 'activity', activity('new-2')));
        setTimeout(() => res.end(), 300);
      } else {
        res.write(frame(2, 'reset', snapshot(activity('new-1'), activity('new-2'))));
      }
    });
    const hub = createHub({ graceMs: 0, backoff: { baseMs: 50, capMs: 200 } });
    const w = new Watcher(hub.live(srv.url, { heartbeatMs: 5000, transport: 'sse' }));
    try {
      await w.until(() => w.resets === 2, 'a second snapshot after the ids went back');
      assert.deepEqual([...w.activities.keys()].sort(), ['new-1', 'new-2'], 'the view is rebuilt from the new snapshot, nothing old kept');
      assert.equal(srv.requests[1]!.lastEventId, '103');
      assert.equal(srv.requests[2]!.lastEventId, null, 'the fresh connection carries no stale cursor');
      await w.until(() => /went back \(from 103 to 1\)/.test(w.status.lastReset ?? ''), 'the status saying why');
      assert.match(w.status.lastReset!, /restarted or lost its state; rebuilt from its snapshot/);
    } finally {
      w.stop();
      await srv.close();
    }
  });

  it('a cursor the server no longer holds: its snapshot replaces the view and the status says so', async () => {
    const srv = await miniServer((req, res, n) => {
      sseHead(res);
      if (n === 0) {
        res.write(frame(10, 'reset', snapshot(activity('a'))) + frame(11, 'activity', activity('b')));
        res.end();
      } else if (n === 1) {
        // Asked from 11, the server has trimmed its history: a snapshot at 500.
        res.write(frame(500, 'reset', snapshot(activity('c'))));
      } else {
        res.write(': still here\n\n'); // a later reconnect (a slow machine): nothing new
      }
    });
    const hub = createHub({ graceMs: 0, backoff: { baseMs: 50, capMs: 200 } });
    const w = new Watcher(hub.live(srv.url, { heartbeatMs: 5000, transport: 'sse' }));
    try {
      // Not `resets === 2`: on a loaded machine both snapshots can land in one frame's batch,
      // where the newer replaces the older. What the user sees is the view rebuilt from 500.
      await w.until(() => w.activities.has('c'), 'the second snapshot');
      await w.until(() => /no longer had the events after id 11; rebuilt from its snapshot at id 500/.test(w.status.lastReset ?? ''), 'the status saying why');
      assert.deepEqual([...w.activities.keys()], ['c']);
    } finally {
      w.stop();
      await srv.close();
    }
  });
});

describe('wire: backoff that fits', () => {
  it('a server that closes after every event is reconnected at its retry:, not ever slower', async () => {
    let next = 1;
    const srv = await miniServer((req, res, n) => {
      sseHead(res);
      const from = Number(req.headers['last-event-id'] ?? 0);
      // retry: 600 ms; one event per connection, then a clean close.
      res.write(`retry: 600\n\n${n === 0 ? frame(0, 'reset', snapshot()) : ''}${frame(Math.max(from, next - 1) + 1, 'activity', activity(`e-${next}`))}`);
      next++;
      res.end();
    });
    // The worst jitter draw every time (0.99 of the window): growth would show at once.
    const hub = createHub({ graceMs: 0, backoff: { random: () => 0.99 } });
    const w = new Watcher(hub.live(srv.url, { heartbeatMs: 5000, transport: 'sse' }));
    try {
      await w.until(() => srv.requests.length >= 7, '7 connections', 15_000);
      const gaps = srv.requests.slice(1, 7).map((r, i) => r.at - srv.requests[i]!.at);
      for (const g of gaps) assert.ok(g >= 550 && g < 1300, `reconnect gaps ${gaps.join(', ')} ms: each should be the server's 600 ms retry`);
      await w.until(() => w.activities.size >= 6, 'every event shown');
    } finally {
      w.stop();
      await srv.close();
    }
  });

  it('a failing connection (503, nothing delivered) still backs off more each time', async () => {
    const srv = await miniServer((req, res) => {
      res.writeHead(503).end();
    });
    const hub = createHub({ graceMs: 0, backoff: { baseMs: 100, random: () => 0.99 } });
    const w = new Watcher(hub.live(srv.url, { heartbeatMs: 5000, transport: 'sse' }));
    try {
      await w.until(() => srv.requests.length >= 4, '4 attempts', 15_000);
      const gaps = srv.requests.slice(1, 4).map((r, i) => r.at - srv.requests[i]!.at);
      assert.ok(gaps[2]! > gaps[0]! * 2, `gaps grow: ${gaps.join(', ')} ms`);
    } finally {
      w.stop();
      await srv.close();
    }
  });
});

describe('wire: a stream that stops while its connection stays open', () => {
  it('(the first 4 KB, then nothing — what a buffering proxy passes) is named and polled within 10 s', async () => {
    // A stand-in for the proxy of the issue's recording: the preamble and the first 4 KB of the
    // snapshot pass, then nothing, the connection open. Polling answers normally.
    const snap = snapshot(...Array.from({ length: 100 }, (_, i) => activity(`a-${i}`)));
    const srv = await miniServer((req, res) => {
      if (req.url!.startsWith('/live/status')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ lastId: 7, reset: snap }));
        return;
      }
      sseHead(res);
      res.write(`retry: 1000\n\n: telltale live\n\n${frame(7, 'reset', snap)}`.slice(0, 4096));
    });
    const hub = createHub({ graceMs: 0 });
    const t0 = Date.now();
    const w = new Watcher(hub.live(srv.url)); // a page's defaults: heartbeat 5 s, auto transport
    try {
      await w.until(() => w.status.state === 'polling', 'polling', 10_000);
      const named = Date.now() - t0;
      assert.match(w.status.reason ?? '', /a proxy between you and the server is buffering the stream \(stream silent for more than 8750 ms\)/);
      assert.match(w.status.reason ?? '', /proxy_buffering off.*docs\/proxies\.md/);
      await w.until(() => w.activities.size === 100, 'the snapshot by polling');
      console.log(`silent stream named after ${named} ms`);
    } finally {
      w.stop();
      await srv.close();
    }
  });
});

/** A free loopback port (closed again before nginx binds it). */

describe('wire: a buffering proxy (real nginx)', () => {
  let server: RunningServer;
  let nginx: ChildProcess;
  let dir: string;
  let proxy: string;
  let nginxLog = '';
  before(async () => {
    // A quiet cluster (paused; events injected): what a buffer holds back longest.
    server = await createServer({ port: 0, paused: true, warmupMs: 0, staticDir: null, seed: 3 });
    dir = mkdtempSync(join(tmpdir(), 'telltale-nginx-'));
    const port = await freePort();
    // The misconfiguration that breaks streams: buffering on, the server's `X-Accel-Buffering: no`
    // ignored, and gzip over event streams (nginx ignores `Cache-Control: no-transform`). With
    // buffering alone, nginx 1.22 still passes small writes at once and holds only the tail of
    // a write larger than its 4 KB buffer until the next write (a heartbeat): slow, not stuck.
    // With gzip too it holds everything until a compressed 4 KB buffer fills: stuck.
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off; master_process off; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr warn;
events { worker_connections 64; }
http {
  access_log off;
  gzip on; gzip_types text/event-stream; gzip_min_length 0;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${server.port};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering on;
      proxy_ignore_headers X-Accel-Buffering;
    }
  }
}
`,
    );
    // Debian's nginx (.ci/run installs it); a clear failure, not a skip, when it is missing.
    nginx = spawn(process.env.NGINX ?? 'nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginx.on('error', (e) => (nginxLog += `cannot run nginx (apt-get install nginx, or set NGINX): ${e.message}`));
    nginx.stderr!.on('data', (c) => (nginxLog += c));
    proxy = `http://127.0.0.1:${port}`;
    const end = Date.now() + 10_000;
    for (;;) {
      const ok = await fetch(`${proxy}/live/status`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > end) throw new Error(`nginx did not start: ${nginxLog}`);
      await sleep(100);
    }
  });
  after(async () => {
    if (nginx?.pid !== undefined && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx.once('exit', r));
      nginx.kill('SIGTERM');
      await exited;
    }
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is named within 10 s and the page keeps getting events by polling', async () => {
    const hub = createHub({ graceMs: 0 });
    const t0 = Date.now();
    const w = new Watcher(hub.live(proxy)); // the defaults a page uses: heartbeat 5 s, auto transport
    try {
      await w.until(() => w.status.state === 'polling', 'polling', 10_000);
      const named = Date.now() - t0;
      assert.match(w.status.reason ?? '', /a proxy between you and the server is buffering the stream/);
      assert.match(w.status.reason ?? '', /proxy_buffering off.*docs\/proxies\.md/);
      assert.ok(named <= 10_000, `named after ${named} ms`);
      const inj = await fetch(`${server.url}/admin/inject`, { method: 'POST', body: JSON.stringify({ stream: 'live', event: 'activity', data: activity('after-the-proxy') }) });
      assert.equal(inj.status, 200);
      await w.until(() => w.activities.has('after-the-proxy'), 'an event by polling', 8000);
      console.log(`buffering nginx named after ${named} ms`);
    } finally {
      w.stop();
    }
  });
});

/** A server that accepts its first request and never answers it (closed with the server); later ones get `json`. */
const hangsFirst = (json: unknown) =>
  miniServer((_req, res, n) => {
    if (n === 0) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(json));
  });

describe('wire: a poll that never answers', () => {
  it('is given up after the poll timeout, named in the status, and polling goes on', async () => {
    // Poll 0 is accepted and never answered (headers and body held for ever); later polls answer
    // with a snapshot. Without a timeout the feed would wait on poll 0 for good.
    const srv = await hangsFirst({ lastId: 7, reset: snapshot(activity('after-the-hang')), events: [] });
    const hub = createHub({ graceMs: 0, backoff: { baseMs: 50, capMs: 200, honourServerRetry: false }, pollIntervalMs: 200, pollTimeoutMs: 400 });
    const w = new Watcher(hub.live(srv.url, { transport: 'polling' }));
    try {
      // Any status so far (the retry may already have answered when this looks).
      const named = () => w.statuses.find((s) => /request timeout/.test(s.reason ?? ''));
      await w.until(() => !!named(), 'the timeout named in a status', 5000);
      assert.match(named()!.reason!, new RegExp(`request timeout: no complete answer from ${srv.url}/live/status within 400 ms`));
      await w.until(() => w.resets === 1 && w.status.state === 'polling', 'the next poll answered', 5000);
      assert.ok(w.activities.has('after-the-hang'));
      assert.ok(srv.requests.length >= 2);
    } finally {
      w.stop();
      await srv.close();
    }
  });

  it('a REST source\'s fetch too: the hung one is given up, named, and the next one delivers', async () => {
    const srv = await hangsFirst({ rollouts: [], n: 1 });
    const hub = createHub({ graceMs: 0, backoff: { baseMs: 50, capMs: 200 }, pollTimeoutMs: 400 });
    const src = hub.rest(`${srv.url}/v1/agl/rollouts`, { decode: (j) => j as { n: number }, intervalMs: 60_000 });
    const statuses: SourceStatus[] = [];
    let data: { n: number } | null = null;
    const subs = [src.data$.subscribe((r) => (data = r.data)), src.status$.subscribe((s) => statuses.push(s))];
    try {
      const end = Date.now() + 5000;
      while (!(data && statuses.at(-1)?.state === 'live' && statuses.some((s) => /request timeout/.test(s.reason ?? ''))) && Date.now() < end) await sleep(20);
      const named = statuses.find((s) => /request timeout/.test(s.reason ?? ''));
      assert.ok(named, `the timeout named in a status; statuses: ${JSON.stringify(statuses.map((s) => [s.state, s.reason]))}`);
      assert.match(named.reason!, new RegExp(`request timeout: no complete answer from ${srv.url}/v1/agl/rollouts within 400 ms`));
      assert.ok(data, 'the next fetch delivered');
      assert.equal(statuses.at(-1)!.state, 'live');
    } finally {
      for (const s of subs) s.unsubscribe();
      await srv.close();
    }
  });
});
