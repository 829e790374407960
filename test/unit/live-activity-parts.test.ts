// <live-activity>'s pure parts in Node (no browser, milliseconds): the ordered ring, the item
// mapping, the faceted filter and its matrix shortcut, the bounded store, the feed view and
// the reading-position search, and the flood pacing on a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityStore, applyFilter, countsFromMatrix, itemFromActivity, itemFromTaskEvent, STATUS_FILTERS, TYPE_FILTERS } from '../../src/elements/live-activity/activity-store.js';
import { SlotRing } from '../../src/elements/live-activity/slot-ring.js';
import { buildFeedView, findNear, normaliseFilter } from '../../src/elements/live-activity/feed-view.js';
import { FloodController, FLOOD_MS, FLOOD_STREAK, type FloodClock } from '../../src/elements/live-activity/flood-controller.js';
import { sampleActivities, sampleActivity } from '../../src/elements/live-activity/live-activity.samples.js';
import type { Activity, TaskEvent } from '../../src/streams/models.js';

const now = Date.UTC(2026, 0, 1, 12);
const act = (id: string, createdAt: number, extra: Partial<Activity> = {}): Activity => ({ ...sampleActivity(0, createdAt), id, createdAt, updatedAt: createdAt, ...extra });

test('the ring keeps newest first, places a late arrival by time, drops the oldest and grows', () => {
  const ring = new SlotRing(3);
  const slot = (id: string, time: number, seq: number) => ({ item: { ...itemFromActivity(act(id, time), seq) } });
  ring.insert(slot('a', 1, 0));
  ring.insert(slot('c', 3, 1));
  ring.insert(slot('b', 2, 2)); // arrives late: goes between a and c
  assert.deepEqual(ring.toArray().map((s) => s.item.id), ['c', 'b', 'a']);
  ring.insert(slot('d', 4, 3)); // full: grows
  assert.equal(ring.length, 4);
  assert.equal(ring.popOldest()!.item.id, 'a');
  const c = ring.at(1)!;
  assert.equal(ring.remove(c), true);
  assert.deepEqual(ring.toArray().map((s) => s.item.id), ['d', 'b']);
  assert.equal(ring.at(5), undefined);
});

test('items from both wires: unknown type/status fall back, task events get seed-001 looks', () => {
  const it = itemFromActivity({ ...act('x', now), type: 'bogus' as never, status: 'weird' as never }, 0);
  assert.equal(it.type, 'other');
  assert.equal(it.status, 'queued');
  const e: TaskEvent = { id: 7, type: 'task_complete', task_id: 'abcdefghijk', timestamp: now / 1000, details: { success: false } } as unknown as TaskEvent;
  const t = itemFromTaskEvent(e, 1);
  assert.equal(t.id, 'event-7');
  assert.equal(t.type, 'execution');
  assert.equal(t.label, 'task_complete');
});

test('the faceted filter counts what each click would show; the matrix gives the same counts', () => {
  const list = sampleActivities(200, now, 5).map((a, i) => itemFromActivity(a, i));
  const store = new ActivityStore(1000);
  store.upsertActivities(sampleActivities(200, now, 5));
  for (const type of TYPE_FILTERS) {
    for (const status of STATUS_FILTERS) {
      const r = applyFilter(list, { type, status, search: '', client: '' });
      assert.deepEqual(countsFromMatrix(store.counts, type, status), { typeCounts: r.typeCounts, statusCounts: r.statusCounts }, `${type}/${status}`);
      assert.equal(r.items.length, r.typeCounts[type]);
      assert.ok(r.items.every((i) => (type === 'all' || i.type === type) && (status === 'all' || i.status === status)));
    }
  }
  const one = list[17];
  const found = applyFilter(list, { type: 'all', status: 'all', search: one.id.toLowerCase(), client: '' });
  assert.ok(found.items.some((i) => i.id === one.id));
});

test('task feed: a progress event counts as in progress only while its task runs, then takes its outcome', () => {
  let id = 0;
  const ev = (type: TaskEvent['type'], task: string | null, details: Record<string, unknown> = {}): TaskEvent =>
    ({ id: ++id, type, timestamp: now / 1000 + id, task_id: task, validator_ip: '45.22.240.79', details }) as TaskEvent;
  const inProgress = (s: ActivityStore) => applyFilter(s.list(), { type: 'all', status: 'in_progress', search: '', client: '' });
  const statusOf = (s: ActivityStore, e: TaskEvent) => s.get(`event-${e.id}`)!.status;
  // Live: two tasks start and step; one succeeds, one fails; a third keeps running.
  const store = new ActivityStore(1000);
  store.resetTasks({ last_id: 0, active_tasks: [], recent_events: [] });
  const ok = [ev('task_start', 'ok'), ev('task_step', 'ok', { step: 'parsing' }), ev('actions_generated', 'ok', { count: 3 })];
  const bad = [ev('task_start', 'bad'), ev('task_step', 'bad', { step: 'loading page' })];
  const run = [ev('task_start', 'run'), ev('task_step', 'run', { step: 'planning' })];
  store.applyTasks([...ok, ...bad, ...run]);
  assert.equal(countsFromMatrix(store.counts, 'all', 'all').statusCounts.in_progress, 7);
  const v = store.version;
  const okDone = ev('task_complete', 'ok', { success: true });
  const badErr = ev('error', 'bad', { message: 'TimeoutError' });
  const badDone = ev('task_complete', 'bad', { success: false });
  store.applyTasks([okDone, badErr, badDone]);
  assert.ok(store.version > v);
  for (const e of ok) assert.equal(statusOf(store, e), 'success', e.type);
  for (const e of bad) assert.equal(statusOf(store, e), 'failed', e.type);
  for (const e of run) assert.equal(statusOf(store, e), 'in_progress', e.type);
  const counts = countsFromMatrix(store.counts, 'all', 'all').statusCounts;
  assert.equal(counts.in_progress, 2, 'only the running task\'s events are in progress');
  assert.equal(counts.success, 4);
  assert.equal(counts.failed, 4);
  assert.deepEqual(inProgress(store).items.map((i) => i.taskEvent!.task_id), ['run', 'run']);
  // The chip's count is what its filter shows, with or without a search.
  assert.equal(applyFilter(store.list(), { type: 'all', status: 'all', search: 'run', client: '' }).statusCounts.in_progress, 2);
  // A reconnect's snapshot gives the same: completed tasks' rows take their outcome, the active one stays in progress.
  const all = [...ok, ...bad, ...run, okDone, badErr, badDone];
  const snap = new ActivityStore(1000);
  snap.resetTasks({ last_id: id, active_tasks: [{ task_id: 'run', prompt: '', validator_ip: '', started_at: now / 1000, current_step: 'planning', actions: null }], recent_events: all });
  assert.deepEqual(countsFromMatrix(snap.counts, 'all', 'all').statusCounts, counts);
  // A task the snapshot no longer lists, whose outcome it does not hold, has ended: not in progress.
  const lost = new ActivityStore(1000);
  lost.resetTasks({ last_id: id, active_tasks: [], recent_events: run });
  assert.equal(countsFromMatrix(lost.counts, 'all', 'all').statusCounts.in_progress, 0);
  assert.equal(statusOf(lost, run[0]), 'ended');
  // When the running task completes, the rows follow; once evicted, nothing is left counting.
  store.applyTasks([ev('task_complete', 'run', { success: true })]);
  assert.equal(countsFromMatrix(store.counts, 'all', 'all').statusCounts.in_progress, 0);
  assert.equal(inProgress(store).items.length, 0);
  store.setMax(2);
  assert.equal(Object.values(store.counts).reduce((n, by) => n + Object.values(by).reduce((a, b) => a + b, 0), 0), 2);
});

test('the store is bounded: the oldest go, are counted as dropped, and updates stay in place', () => {
  const store = new ActivityStore(5);
  store.upsertActivities(Array.from({ length: 8 }, (_, i) => act(`a${i}`, now + i)));
  assert.equal(store.length, 5);
  assert.equal(store.dropped, 3);
  assert.deepEqual(store.list().map((i) => i.id), ['a7', 'a6', 'a5', 'a4', 'a3']);
  const v = store.version;
  store.upsertActivities([act('a5', now + 5, { status: 'failed' })]);
  assert.ok(store.version > v);
  assert.equal(store.at(2)!.id, 'a5');
  assert.equal(store.get('a5')!.status, 'failed');
  assert.equal(store.counts[store.get('a5')!.type].failed, 1);
  store.applyLive([{ id: 1, kind: 'remove', data: { kind: 'activity', id: 'a6' } } as never]);
  assert.deepEqual(store.list().map((i) => i.id), ['a7', 'a5', 'a4', 'a3']);
});

test('the feed view reads the ring unfiltered, filters by facet, searches, and finds an item near its old place', () => {
  const store = new ActivityStore(1000);
  store.upsertActivities(sampleActivities(300, now, 5));
  const all = buildFeedView(store, null, normaliseFilter({ type: 'nonsense', status: 'all', search: '  ', client: '' }));
  assert.equal(all.length, 300);
  assert.equal(all.at(0), store.at(0));
  const failed = buildFeedView(store, null, normaliseFilter({ type: 'all', status: 'failed', search: '', client: '' }));
  assert.ok(failed.length > 0 && failed.length < 300);
  assert.ok(failed.items().every((i) => i.status === 'failed'));
  assert.equal(failed.typeCounts.all, failed.length);
  const frozen = store.list().slice(0, 10);
  assert.equal(buildFeedView(store, frozen, normaliseFilter({ type: 'all', status: 'all', search: '', client: '' })).length, 10);
  const id = all.at(120)!.id;
  assert.equal(findNear(all, id, 120), 120);
  assert.equal(findNear(all, id, 100), 120);
  assert.equal(findNear(all, id, 299), 120);
  assert.equal(findNear(all, 'gone', 5), -1);
});

/** A clock the test moves by hand. */
function fakeClock(): FloodClock & { t: number; advance(ms: number): void; pending: number } {
  let timers: { at: number; fn: () => void }[] = [];
  const c = {
    t: 1000,
    get pending() {
      return timers.length;
    },
    now: () => c.t,
    setTimeout: (fn: () => void, ms: number) => {
      const h = { at: c.t + ms, fn };
      timers.push(h);
      return h;
    },
    clearTimeout: (h: unknown) => {
      timers = timers.filter((x) => x !== h);
    },
    advance(ms: number) {
      c.t += ms;
      for (const due of timers.filter((x) => x.at <= c.t)) {
        timers = timers.filter((x) => x !== due);
        due.fn();
      }
    },
  };
  return c;
}

test('flood pacing: a few quick updates draw at once; a flood spaces redraws, alternates rows and side, catches up after', () => {
  const clock = fakeClock();
  let updates = 0;
  const host = { addController() {}, removeController() {}, requestUpdate: () => updates++, updateComplete: Promise.resolve(true) };
  const flood = new FloodController(host, clock);
  let version = 0;
  let rowsAt: number | null = null;
  let sideAt: number | null = null;
  const frame = (opts: { following?: boolean; dataOnly?: boolean } = {}) => {
    clock.advance(16);
    const plan = flood.plan({ dataOnly: opts.dataOnly ?? true, version: ++version, following: opts.following ?? true, rowsAt, sideAt });
    if (plan.rows) rowsAt = plan.at;
    if (plan.side) sideAt = plan.at;
    return plan;
  };
  // Fewer than FLOOD_STREAK consecutive frames: everything each frame.
  for (let i = 0; i < FLOOD_STREAK; i++) assert.deepEqual({ ...frame(), at: 0 }, { rows: true, side: true, at: 0 });
  // Then: never both in one frame, each at most every FLOOD_MS.
  const plans = Array.from({ length: 60 }, () => frame());
  assert.ok(plans.every((p) => !(p.rows && p.side)), 'rows and side in different frames');
  const rowDraws = plans.filter((p) => p.rows).map((p) => p.at);
  assert.ok(rowDraws.length >= 5 && rowDraws.length <= Math.ceil((60 * 16) / FLOOD_MS) + 1, `${rowDraws.length} row redraws in 960 ms`);
  for (let i = 1; i < rowDraws.length; i++) assert.ok(rowDraws[i] - rowDraws[i - 1] >= FLOOD_MS);
  // A user action (not only data) redraws everything at once, even mid-flood.
  assert.deepEqual({ ...frame({ dataOnly: false }), at: 0 }, { rows: true, side: true, at: 0 });
  // Not following (scrolled down or a row focused): everything at once.
  assert.deepEqual({ ...frame({ following: false }), at: 0 }, { rows: true, side: true, at: 0 });
  // The flood ends: the held-back part is drawn by the catch-up timer.
  frame();
  assert.ok(clock.pending > 0, 'a catch-up is scheduled');
  const before = updates;
  clock.advance(FLOOD_MS * 2);
  assert.ok(updates > before, 'the host was asked to redraw once the data stopped');
  // Disconnected: no timer left behind.
  frame();
  flood.hostDisconnected();
  assert.equal(clock.pending, 0);
});
