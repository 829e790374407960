/**
 * `--agl URL` and `--tasks URL`: the reference server's Agent-lightning store and seed-001 task
 * feed behind the relay's upstream readers, over real HTTP. The Agent-lightning requests are the
 * shapes the real Agent-lightning dashboard sends (docs/protocol.md, Agent-lightning section), answered
 * exactly as the store answers them, errors included, with one upstream request for many viewers.
 */
import assert from 'node:assert/strict';
import { createServer as createHttp, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../demo/server/index.js';
import { resolveOptions } from '../../src/cli/relay/command.js';
import { createRelay } from '../../src/cli/relay/relay.js';
import { AglUpstream, TaskFeedUpstream } from '../../src/cli/relay/sources/cluster/upstream.js';
import type { SourceStatus } from '../../src/cli/relay/sources/cluster/types.js';
import { SseClient, sleep, start } from './helpers.js';
import { freePort, waitFor } from './cluster-programs.js';

let upstream: RunningServer;
let relay: Server;
let relayUrl: string;
let agl: AglUpstream;
let tasks: TaskFeedUpstream;
const tasksStatus: SourceStatus[] = [];

before(async () => {
  upstream = await start();
  await fetch(`${upstream.url}/admin/step`, { method: 'POST', body: JSON.stringify({ ms: 30_000 }) });
  agl = new AglUpstream(upstream.url, undefined, 1000);
  tasks = new TaskFeedUpstream(upstream.url, (s) => tasksStatus.push(s), 200);
  relay = createHttp((req, res) => {
    const url = new URL(req.url!, 'http://relay');
    void (async () => {
      if (await agl.handle(req, res, url)) return;
      if (tasks.handle(req, res, url)) return;
      res.writeHead(404).end();
    })();
  });
  const port = await freePort();
  await new Promise<void>((r) => relay.listen(port, '127.0.0.1', r));
  relayUrl = `http://127.0.0.1:${port}`;
});
after(async () => {
  await tasks.stop();
  relay.closeAllConnections();
  await new Promise((r) => relay.close(r));
  await upstream.close();
});

async function both(path: string, init?: RequestInit) {
  const [a, b] = await Promise.all([fetch(upstream.url + path, init), fetch(relayUrl + path, init)]);
  return { direct: { status: a.status, type: a.headers.get('content-type'), body: await a.text() }, relayed: { status: b.status, type: b.headers.get('content-type'), body: await b.text() } };
}

describe('--agl: the store behind the relay', () => {
  it('answers the real dashboard request shapes exactly as the store', async () => {
    const list = (await (await fetch(`${upstream.url}/v1/agl/rollouts?limit=-1`)).json()) as { items: Array<{ rollout_id: string }> };
    assert.ok(list.items.length > 0, 'the reference run has rollouts');
    const id = list.items[0]!.rollout_id;
    const paths = [
      '/v1/agl/health',
      '/v1/agl/rollouts?limit=100&offset=0&sort_by=start_time&sort_order=desc',
      '/v1/agl/rollouts?limit=100&offset=0&status_in=running&status_in=failed&filter_logic=or',
      '/v1/agl/rollouts?limit=100&offset=0&sort_by=duration&sort_order=asc', // their dashboard's Duration sort: 400
      '/v1/agl/rollouts?limit=0',
      '/v1/agl/rollouts?limit=ten&sort_order=up',
      `/v1/agl/rollouts/${encodeURIComponent(id)}`,
      `/v1/agl/rollouts/${encodeURIComponent(id)}/attempts?limit=-1`,
      `/v1/agl/spans?rollout_id=${encodeURIComponent(id)}&attempt_id=latest&limit=-1`,
      '/v1/agl/spans',
      '/v1/agl/resources?limit=-1',
      '/v1/agl/resources/latest',
      '/v1/agl/workers?limit=-1',
      '/v1/agl/statistics',
      '/v1/agl/nope',
    ];
    for (const p of paths) {
      const { direct, relayed } = await both(p);
      assert.deepEqual(relayed, direct, p);
    }
    const search = await both('/v1/agl/rollouts/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: 5, sort_by: 'start_time', sort_order: 'desc' }) });
    assert.deepEqual(search.relayed, search.direct);
    const post = await fetch(`${relayUrl}/v1/agl/rollouts`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 405, 'the relay forwards no writes');
  });

  it('sends one upstream request for many viewers asking at once, and caches it', async () => {
    const before = agl.upstreamRequests;
    const p = '/v1/agl/rollouts?limit=50&offset=0&sort_by=start_time&sort_order=desc&viewer=many';
    const answers = await Promise.all(Array.from({ length: 12 }, () => fetch(relayUrl + p).then((r) => r.text())));
    assert.equal(new Set(answers).size, 1);
    await fetch(relayUrl + p);
    assert.equal(agl.upstreamRequests - before, 1);
    await sleep(1100); // past the cache period: asked again
    await fetch(relayUrl + p);
    assert.equal(agl.upstreamRequests - before, 2);
  });

  it('says which store does not answer', async () => {
    const port = await freePort();
    const dead = new AglUpstream(`http://127.0.0.1:${port}`);
    const srv = createHttp((req, res) => void dead.handle(req, res, new URL(req.url!, 'http://x')));
    const p2 = await freePort();
    await new Promise<void>((r) => srv.listen(p2, '127.0.0.1', r));
    const r = await fetch(`http://127.0.0.1:${p2}/v1/agl/rollouts`);
    assert.equal(r.status, 502);
    assert.match(((await r.json()) as { detail: string }).detail, /Agent-lightning store at http:\/\/127\.0\.0\.1:\d+ does not answer \(ECONNREFUSED\)/);
    srv.closeAllConnections();
    await new Promise((res) => srv.close(res));
  });
});

describe('--tasks: the task feed behind the relay', () => {
  it('fans one upstream connection out to every viewer and resumes it by id after a drop', async () => {
    await waitFor('upstream connected', () => tasksStatus.find((s) => s.state === 'ok'));
    const viewers = [0, 1, 2].map(() => new SseClient(`${relayUrl}/api/dashboard/live`));
    await Promise.all(viewers.map((v) => v.until(() => v.events.length >= 1, 5000, 'reset')));
    for (const v of viewers) assert.equal(v.events[0]!.event, 'reset');
    const stats = async () => (await (await fetch(`${upstream.url}/admin/stats`)).json()) as { connections: Record<string, number> };
    assert.equal((await stats()).connections.tasks, 1, 'one upstream connection for three viewers');
    const step = (ms: number) => fetch(`${upstream.url}/admin/step`, { method: 'POST', body: JSON.stringify({ ms }) });
    await step(20_000);
    await viewers[0]!.until(() => viewers[0]!.events.length > 3, 5000, 'task events');
    // The upstream drops every connection; the relay resumes with Last-Event-ID.
    await fetch(`${upstream.url}/admin/restart`, { method: 'POST' });
    await step(20_000);
    const last = async () => ((await (await fetch(`${upstream.url}/api/dashboard/live/status`)).json()) as { last_id: number }).last_id;
    const want = await last();
    await Promise.all(viewers.map((v) => v.until(() => Number(v.events.at(-1)!.id) === want, 8000, `event ${want}`)));
    for (const v of viewers) {
      const ids = v.events.slice(1).map((e) => Number(e.id));
      for (let i = 1; i < ids.length; i++) assert.equal(ids[i], ids[i - 1]! + 1, 'no gap and no duplicate across the upstream drop');
      assert.equal(v.events.filter((e) => e.event === 'reset').length, 1);
    }
    assert.ok(tasks.connections >= 2);
    // Polling answers agree with the upstream's.
    const since = Number(viewers[0]!.events[1]!.id);
    const mine = await (await fetch(`${relayUrl}/api/dashboard/live/status?since=${since}`)).json();
    const theirs = await (await fetch(`${upstream.url}/api/dashboard/live/status?since=${since}`)).json();
    assert.deepEqual(mine.events, theirs.events);
    assert.deepEqual(mine.active_tasks.map((t: { task_id: string }) => t.task_id).sort(), theirs.active_tasks.map((t: { task_id: string }) => t.task_id).sort());
    for (const v of viewers) v.close();
  });
});

describe('telltale relay --agl --tasks', () => {
  it('serves both from the relay itself, says so on /relay/info, and checks its options', async () => {
    const r = await createRelay({ sources: [], agl: upstream.url, tasks: upstream.url, port: 0, staticDir: null, say: () => {} });
    try {
      const info = (await (await fetch(`${r.url}/relay/info`)).json()) as { feeds: string[] };
      assert.deepEqual(info.feeds.sort(), ['agl', 'tasks']);
      for (const p of ['/v1/agl/rollouts?limit=10&offset=0&sort_by=start_time&sort_order=desc', '/v1/agl/rollouts?sort_by=duration', '/v1/agl/statistics']) {
        const [a, b] = await Promise.all([fetch(upstream.url + p), fetch(r.url + p)]);
        assert.equal(b.status, a.status, p);
        assert.equal(await b.text(), await a.text(), p);
      }
      const status = (await (await fetch(`${r.url}/api/dashboard/live/status`)).json()) as { last_id: number };
      await waitFor('task feed', async () => status.last_id > 0 || ((await (await fetch(`${r.url}/api/dashboard/live/status`)).json()) as { last_id: number }).last_id > 0);
    } finally {
      await r.close();
    }
    assert.throws(() => resolveOptions(['--agl', 'localhost:4747'], {}), /--agl localhost:4747: expected the server's http\(s\) address/);
    assert.throws(() => resolveOptions(['--store-tree', 'cas', 'dir:d=/tmp'], {}), /--store-tree "cas" is not PARENT=TIER,TIER/);
    const ok = resolveOptions(['--agl', 'http://127.0.0.1:4747'], {});
    assert.ok(ok !== 'help' && ok.agl === 'http://127.0.0.1:4747' && ok.sources.length === 0);
  });
});
