// <worker-board>'s pure parts in Node (no DOM): the worker store, heartbeat judgement, search,
// counts and sort (worker-board.model.ts), and the cluster views' announcer (view-state.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkerInfo } from '../../src/streams/models.js';
import { deriveRow, matchesSearch, reportsActions, searchTerms, WorkerStore, type RowQuery } from '../../src/elements/worker-board/worker-board.model.js';
import { StaleAnnouncer, viewState } from '../../src/elements/shared/cluster/view-state.js';
import type { SourceStatus } from '../../src/streams/types.js';

const T0 = 1_800_000_000_000;
const GiB = 1024 ** 3;
const worker = (id: string, patch: Partial<WorkerInfo> = {}): WorkerInfo => ({
  id,
  status: 'idle',
  subStatus: null,
  metrics: { cpu: 0.25, memory: { used: 4 * GiB, total: 16 * GiB }, disk: null, network: null },
  actions: [],
  lastHeartbeat: T0,
  platform: { OSFamily: 'linux', ISA: 'x86-64' },
  ...patch,
});
const q = (patch: Partial<RowQuery> = {}): RowQuery => ({ now: T0 + 1000, thresholds: { late: 15, lost: 60 }, query: '', statusFilter: null, sort: 'id', ...patch });

test('heartbeat age is judged against the page thresholds: late → unavailable, lost → offline, never-reported kept', () => {
  assert.equal(deriveRow(worker('a', { status: 'working' }), T0 + 5_000, { late: 15, lost: 60 }).status, 'working');
  const late = deriveRow(worker('a', { status: 'working' }), T0 + 16_000, { late: 15, lost: 60 });
  assert.equal(late.status, 'unavailable');
  assert.match(late.override!, /No heartbeat for 16s \(late after 15 s\)/);
  assert.equal(deriveRow(worker('a'), T0 + 61_000, { late: 15, lost: 60 }).status, 'offline');
  const never = deriveRow(worker('a', { lastHeartbeat: null, status: 'unavailable' }), T0 + 1e9, { late: 15, lost: 60 });
  assert.deepEqual([never.status, never.age, never.override], ['unavailable', null, null]);
});

test('search: id substrings, any property value, key:value pairs; every term must match', () => {
  const w = worker('worker-10', { platform: { OSFamily: 'linux', ISA: 'aarch64' } });
  assert.ok(matchesSearch(w, searchTerms('worker-1')));
  assert.ok(matchesSearch(w, searchTerms('ISA:aarch64')));
  assert.ok(matchesSearch(w, searchTerms('isa=aarch')));
  assert.ok(!matchesSearch(w, searchTerms('ISA:x86')));
  assert.ok(!matchesSearch(w, searchTerms('linux macos')));
});

test('rows: natural id order, counts of the searched set, status filter, sorts with "not reported" last', () => {
  const s = new WorkerStore();
  s.ingestList(
    [
      worker('worker-2', { metrics: { cpu: 0.9, memory: null, disk: null, network: null } }),
      worker('worker-10', { status: 'working', subStatus: 'executing', metrics: { cpu: 0.2, memory: null, disk: null, network: null } }),
      worker('worker-1', { status: 'offline', metrics: { cpu: null, memory: null, disk: null, network: null } }),
    ],
    T0,
  );
  const ids = (r: { rows: { w: WorkerInfo }[] }) => r.rows.map((x) => x.w.id);
  assert.deepEqual(ids(s.rows(q())), ['worker-1', 'worker-2', 'worker-10']);
  assert.deepEqual(ids(s.rows(q({ sort: 'cpu' }))), ['worker-2', 'worker-10', 'worker-1']);
  assert.deepEqual(ids(s.rows(q({ sort: 'status' }))), ['worker-10', 'worker-2', 'worker-1']);
  const filtered = s.rows(q({ statusFilter: 'offline' }));
  assert.deepEqual(ids(filtered), ['worker-1']);
  assert.equal(filtered.counts.all, 3, 'counts are of the searched set, not the filtered one');
  assert.deepEqual(filtered.rows.map((r) => r.index), [0]);
  const searched = s.rows(q({ query: 'worker-1' }));
  assert.deepEqual([ids(searched), searched.counts.all, searched.counts.offline], [['worker-1', 'worker-10'], 2, 1]);
});

test('the store follows batches: reset, upserts, removals; samples at most one a second per worker', () => {
  const s = new WorkerStore();
  s.applyBatch({ reset: { workers: [worker('a'), worker('b')], activities: [], stores: [], clients: [] }, events: [] }, T0);
  s.applyBatch({ reset: null, events: [{ kind: 'worker', data: worker('a', { lastHeartbeat: T0 + 300 }) }, { kind: 'remove', data: { kind: 'worker', id: 'b' } }] } as never, T0);
  assert.deepEqual([...s.byId.keys()], ['a']);
  assert.equal(s.history.get('a')!.cpu.length, 1, 'an update within a second replaces the last sample');
  s.applyBatch({ reset: null, events: [{ kind: 'worker', data: worker('a', { lastHeartbeat: T0 + 1300 }) }] } as never, T0);
  assert.equal(s.history.get('a')!.cpu.length, 2);
  assert.equal(s.history.has('b'), false);
});

test('actionsReported: absent or true = reported, false = the source cannot tell', () => {
  assert.equal(reportsActions(worker('a')), true);
  assert.equal(reportsActions(worker('a', { actionsReported: true })), true);
  assert.equal(reportsActions(worker('a', { actionsReported: false })), false);
});

test('the announcer says a lost feed once, however the retries alternate, and its recovery once', () => {
  const status = (state: SourceStatus['state'], reason: string | null = null) => ({ state, reason }) as SourceStatus;
  const a = new StaleAnnouncer('workers');
  const said: string[] = [];
  for (const st of [status('connecting'), status('live'), status('reconnecting', 'HTTP 503'), status('error', 'refused'), status('reconnecting', 'HTTP 503 again'), status('live'), status('live')]) {
    const text = a.next(viewState(true, st, null));
    if (said.at(-1) !== text) said.push(text);
  }
  assert.deepEqual(said, ['', 'Connection lost: showing the last known workers; they may be out of date.', 'Live again: the workers are up to date.']);
});
