import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../demo/server/index.js';
import { sandbox, SseClient, sleep, start } from './helpers.js';

let server: RunningServer;
before(async () => {
  server = await start();
});
after(() => server.close());

describe('live protocol SSE', () => {
  it('starts with retry and a comment, then a reset carrying the current id, then live events', async () => {
    const sb = await sandbox(server);
    const status = await sb.json('/live/status');
    const c = new SseClient(`${sb.base}/live`);
    await c.until(() => c.events.length >= 1);
    assert.equal(c.status, 200);
    assert.match(c.headers.get('content-type')!, /^text\/event-stream/);
    assert.match(c.raw, /^retry: \d+\n\n: /);
    const reset = c.events[0]!;
    assert.equal(reset.event, 'reset');
    assert.equal(Number(reset.id), status.lastId);
    const snap = JSON.parse(reset.data!);
    assert.deepEqual(Object.keys(snap).sort(), ['activities', 'clients', 'stores', 'workers']);
    assert.equal(snap.workers.length, 12);
    assert.ok(snap.workers.some((w: any) => w.metrics.network === null), 'some worker does not report network');
    assert.ok(snap.stores.some((s: any) => s.parent === 'cas'), 'nested store tiers');
    await sb.step(2000);
    await c.until(() => c.events.length > 10);
    const ids = c.events.slice(1).map((e) => Number(e.id));
    ids.forEach((id, i) => assert.equal(id, status.lastId + 1 + i, 'ids are consecutive'));
    for (const e of c.events.slice(1)) {
      assert.ok(['activity', 'worker', 'store', 'client', 'remove'].includes(e.event!), e.event);
      const data = JSON.parse(e.data!);
      assert.equal(typeof (data.id ?? data.kind), 'string');
    }
    c.close();
  });

  it('a client reconnecting with Last-Event-ID gets exactly the events it missed', async () => {
    const sb = await sandbox(server);
    const a = new SseClient(`${sb.base}/live`);
    await sb.step(1000);
    await a.until(() => a.events.length > 5);
    a.close();
    await a.done;
    const last = a.events[a.events.length - 1]!.id!;
    await sb.step(3000);
    const all = await sb.json(`/live/status?since=${last}`);
    assert.ok(all.events.length > 10);
    const b = new SseClient(`${sb.base}/live`, { 'Last-Event-ID': last });
    await b.until(() => b.events.length >= all.events.length);
    await sleep(100);
    assert.deepEqual(
      b.events.map((e) => [Number(e.id), e.event, JSON.parse(e.data!)]),
      all.events.map((e: any) => [e.id, e.event, e.data]),
    );
    b.close();
    // ?since= does the same
    const s = new SseClient(`${sb.base}/live?since=${last}`);
    await s.until(() => s.events.length >= all.events.length);
    assert.equal(s.events[0]!.id, String(Number(last) + 1));
    s.close();
  });

  it('sends a reset when the cursor is older than the history, or newer than the sequence', async () => {
    const sb = await sandbox(server, { historySize: 50 });
    await sb.step(10_000);
    const { lastId } = await sb.json('/live/status?since=0');
    assert.ok(lastId > 100);
    for (const cursor of ['1', String(lastId + 1000)]) {
      const c = new SseClient(`${sb.base}/live`, { 'Last-Event-ID': cursor });
      await c.until(() => c.events.length >= 1);
      assert.equal(c.events[0]!.event, 'reset');
      assert.equal(c.events[0]!.id, String(lastId));
      c.close();
    }
    const tooOld = await sb.json('/live/status?since=1');
    assert.ok(tooOld.reset && !tooOld.events);
    const inside = await sb.json(`/live/status?since=${lastId - 10}`);
    assert.equal(inside.events.length, 10);
  });

  it('sends heartbeat comments when idle', async () => {
    const sb = await sandbox(server, { heartbeatMs: 150 });
    const c = new SseClient(`${sb.base}/live`);
    await c.until(() => c.frames.some((f) => f.comments.some((x) => x.startsWith('heartbeat'))), 2000, 'heartbeat');
    c.close();
  });
});

describe('live protocol polling', () => {
  it('answers a snapshot without a cursor and pages with limit/more', async () => {
    const sb = await sandbox(server);
    const first = await sb.json('/live/status');
    assert.ok(first.reset.workers.length === 12 && typeof first.lastId === 'number');
    await sb.step(3000);
    const page = await sb.json(`/live/status?since=${first.lastId}&limit=5`);
    assert.equal(page.events.length, 5);
    assert.equal(page.more, true);
    assert.equal(page.lastId, page.events[4].id);
    const rest = await sb.json(`/live/status?since=${page.lastId}&limit=10000`);
    assert.equal(rest.events[0].id, page.lastId + 1);
    assert.equal(rest.more, undefined);
    assert.equal(rest.lastId, rest.events[rest.events.length - 1].id);
  });

  it('is deterministic for a seed', async () => {
    const a = await sandbox(server, { seed: 99 });
    const b = await sandbox(server, { seed: 99 });
    await a.step(5000);
    await b.step(5000);
    assert.deepEqual(await a.json('/live/status?since=0'), await b.json('/live/status?since=0'));
    const c = await sandbox(server, { seed: 100 });
    await c.step(5000);
    assert.notDeepEqual(await a.json('/live/status?since=0'), await c.json('/live/status?since=0'));
  });

  it('serves action output, with ANSI colour, and 404 for unknown activities', async () => {
    const sb = await sandbox(server, { rates: { activities: 20 } });
    await sb.step(15_000);
    const snap = (await sb.json('/live/status')).reset;
    const done = snap.activities.filter((a: any) => a.type === 'execution' && a.stdoutBytes > 0);
    assert.ok(done.length > 0);
    const res = await fetch(`${sb.base}/live/activities/${done[0].id}/output/stdout`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/plain/);
    assert.equal(Buffer.byteLength(await res.text()), done[0].stdoutBytes);
    const failed = snap.activities.find((a: any) => a.status === 'failed' && a.stderrBytes > 0);
    if (failed) assert.match(await (await fetch(`${sb.base}/live/activities/${failed.id}/output/stderr`)).text(), /\x1b\[/);
    assert.equal((await fetch(`${sb.base}/live/activities/nope/output/stdout`)).status, 404);
  });

  it('moves executions through their stages', async () => {
    const sb = await sandbox(server, { rates: { activities: 10 } });
    const c = new SseClient(`${sb.base}/live`);
    await sb.step(20_000);
    await c.until(() => c.events.length > 200);
    const stages = new Set<string>();
    const statuses = new Set<string>();
    for (const e of c.events) {
      if (e.event !== 'activity') continue;
      const a = JSON.parse(e.data!);
      if (a.type === 'execution') stages.add(a.stage);
      statuses.add(a.status);
    }
    c.close();
    for (const s of ['cache_check', 'queued', 'downloading_inputs', 'executing', 'uploading_outputs', 'completed']) assert.ok(stages.has(s), s);
    for (const s of ['queued', 'in_progress', 'success', 'failed']) assert.ok(statuses.has(s), s);
  });
});
