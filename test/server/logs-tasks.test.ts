import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../demo/server/index.js';
import { sandbox, SseClient, sleep, start } from './helpers.js';

let server: RunningServer;
before(async () => {
  server = await start();
});
after(() => server.close());

describe('log streams', () => {
  it('lists streams: scheduler, cas and one per worker', async () => {
    const sb = await sandbox(server);
    const { streams } = await sb.json('/logs');
    const ids = streams.map((s: any) => s.id);
    for (const id of ['scheduler', 'cas', 'worker-01', 'worker-12']) assert.ok(ids.includes(id), id);
    assert.ok(streams.every((s: any) => typeof s.title === 'string' && Number.isInteger(s.lastId)));
  });

  it('three concurrent viewers get the same replay and the same live lines in the same order', async () => {
    const sb = await sandbox(server, { rates: { logLines: 20 } });
    await sb.step(10_000);
    const before = (await sb.json('/logs')).streams.find((s: any) => s.id === 'scheduler').lastId;
    const viewers = [0, 1, 2].map(() => new SseClient(`${sb.base}/logs/scheduler?tail=50`));
    await Promise.all(viewers.map((v) => v.until(() => v.events.length >= 50)));
    assert.equal((await (await sb.admin('stats', undefined, 'GET')).json()).connections['logs/scheduler'], 3);
    await sb.step(5000);
    const after = (await sb.json('/logs')).streams.find((s: any) => s.id === 'scheduler').lastId;
    assert.ok(after - before > 50, 'live lines were produced');
    await Promise.all(viewers.map((v) => v.until(() => v.events.length >= 50 + (after - before))));
    await sleep(50);
    const seen = viewers.map((v) => v.events.map((e) => e.data));
    assert.equal(seen[0]!.length, 50 + after - before);
    assert.deepEqual(seen[1], seen[0]);
    assert.deepEqual(seen[2], seen[0]);
    // One reader: each line exists once, with consecutive ids, whatever the number of viewers.
    const ids = seen[0]!.map((d) => JSON.parse(d!).id);
    ids.forEach((id, i) => assert.equal(id, before - 49 + i));
    const line = JSON.parse(seen[0]![0]!);
    assert.deepEqual(Object.keys(line).sort(), ['id', 'level', 'source', 'text', 'time']);
    assert.ok(viewers[0]!.events.every((e) => e.event === 'line' && e.id === String(JSON.parse(e.data!).id)));
    viewers.forEach((v) => v.close());
  });

  it('a new viewer gets the last 1000 lines by default; a reconnecting one resumes after its id', async () => {
    const sb = await sandbox(server, { rates: { logLines: 100 } });
    await sb.step(15_000);
    const v = new SseClient(`${sb.base}/logs/cas`);
    await v.until(() => v.events.length >= 1000);
    await sleep(50);
    assert.equal(v.events.length, 1000);
    v.close();
    const last = Number(v.events[999]!.id);
    await sb.step(1000);
    const r = new SseClient(`${sb.base}/logs/cas`, { 'Last-Event-ID': String(last - 5) });
    await r.until(() => r.events.length >= 5);
    assert.equal(r.events[0]!.id, String(last - 4));
    r.close();
  });

  it('says what it lost when the cursor is older than the ring', async () => {
    const sb = await sandbox(server, { rates: { logLines: 600 } });
    await sb.step(12_000);
    const r = new SseClient(`${sb.base}/logs/cas`, { 'Last-Event-ID': '3' });
    await r.until(() => r.frames.length > 3);
    const t = r.frames.find((f) => f.event === 'truncated')!;
    const { from, to } = JSON.parse(t.data!);
    assert.equal(from, 4);
    assert.equal(r.events[1]!.id, String(to + 1));
    r.close();
    const poll = await sb.json('/logs/cas/lines?since=3&limit=10');
    assert.deepEqual(poll.truncated, { from, to });
    assert.equal(poll.lines[0].id, to + 1);
    assert.equal(poll.more, true);
    assert.equal(poll.lastId, poll.lines[9].id);
  });

  it('polls lines with a cursor; 404 for an unknown stream', async () => {
    const sb = await sandbox(server);
    await sb.step(5000);
    const all = await sb.json('/logs/scheduler/lines?limit=5');
    assert.equal(all.lines.length, 5);
    const next = await sb.json(`/logs/scheduler/lines?since=${all.lastId}`);
    assert.deepEqual(next.lines, []);
    assert.equal((await fetch(`${sb.base}/logs/nope`)).status, 404);
  });

  it('includes ANSI colour and repeated identical lines', async () => {
    const sb = await sandbox(server, { rates: { logLines: 50 } });
    await sb.step(30_000);
    const { lines } = await sb.json('/logs/worker-02/lines?limit=5000');
    assert.ok(lines.some((l: any) => l.text.includes('\x1b[')));
    assert.ok(lines.some((l: any, i: number) => i > 0 && l.text === lines[i - 1].text));
    assert.ok(new Set(lines.map((l: any) => l.level)).size >= 3);
  });
});

describe('seed 001 task feed', () => {
  it('streams unnamed events after a reset, with every event type', async () => {
    const sb = await sandbox(server, { rates: { tasks: 2 } });
    const c = new SseClient(`${sb.base}/api/dashboard/live`);
    await c.until(() => c.events.length >= 1);
    assert.equal(c.events[0]!.event, 'reset');
    const reset = JSON.parse(c.events[0]!.data!);
    assert.deepEqual(Object.keys(reset).sort(), ['active_tasks', 'last_id', 'recent_events']);
    await sb.step(60_000);
    const { last_id } = await sb.json('/api/dashboard/live/status');
    await c.until(() => c.events[c.events.length - 1]!.id === String(last_id));
    const events = c.events.slice(1);
    assert.ok(events.every((e) => e.event === undefined), 'events are unnamed (message)');
    const types = new Set(events.map((e) => JSON.parse(e.data!).type));
    for (const t of ['task_start', 'task_step', 'actions_generated', 'task_complete', 'validator_connection', 'cache_hit', 'error']) assert.ok(types.has(t), t);
    const ev = JSON.parse(events[0]!.data!);
    assert.deepEqual(Object.keys(ev).sort(), ['details', 'id', 'task_id', 'timestamp', 'type', 'validator_ip']);
    assert.ok(ev.timestamp > 1.7e9 && ev.timestamp < 1e10, 'epoch seconds');
    const complete = events.map((e) => JSON.parse(e.data!)).find((e) => e.type === 'task_complete');
    assert.equal(typeof complete.details.success, 'boolean');
    c.close();
  });

  it('answers status with active tasks, the last 50 events, and events after since', async () => {
    const sb = await sandbox(server, { rates: { tasks: 2 }, historySize: 100 });
    await sb.step(20_000);
    const s = await sb.json('/api/dashboard/live/status');
    assert.equal(s.recent_events.length, 50);
    assert.equal(s.recent_events[49].id, s.last_id);
    assert.ok(s.active_tasks.length > 0);
    assert.deepEqual(Object.keys(s.active_tasks[0]).sort(), ['actions', 'current_step', 'prompt', 'started_at', 'task_id', 'validator_ip']);
    assert.equal(s.events, undefined);
    const since = await sb.json(`/api/dashboard/live/status?since=${s.last_id - 3}`);
    assert.deepEqual(since.events.map((e: any) => e.id), [s.last_id - 2, s.last_id - 1, s.last_id]);
    await sb.step(60_000);
    const old = await sb.json('/api/dashboard/live/status?since=1');
    assert.equal(old.reset, true);
    assert.equal(old.events, undefined);
  });
});
