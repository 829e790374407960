// The rollout table's filtered view in Node: a page of matches costs a page, not a walk of every row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FilteredView } from '../../src/elements/rollout-table/filtered-view.js';
import { RolloutModel } from '../../src/elements/rollout-table/rollout-model.js';
import { rollout } from './rollout-rows.js';

const N = 100_000;
const reversed = () => Uint32Array.from({ length: N }, (_, j) => N - 1 - j);

test('the first page walks only as far as it needs; idle steps finish the walk and the count', () => {
  let tested = 0;
  const v = new FilteredView(reversed(), (i) => (tested++, i % 3 === 0));
  assert.deepEqual(Array.from(v.slice(0, 4)), [99_999, 99_996, 99_993, 99_990]);
  assert.ok(tested <= 12, `tested ${tested} rows for 4 matches`);
  assert.equal(v.complete, false);
  assert.equal(v.count, null, 'a walk that must count has no count yet');
  let steps = 0;
  while (!v.step(10_000)) steps++;
  assert.ok(steps >= 8, 'finished in several bounded steps');
  assert.equal(v.count, 33_334);
  assert.equal(v.all().length, 33_334);
  assert.deepEqual(Array.from(v.slice(33_330, 100)), [9, 6, 3, 0], 'the last page ends at the last match');
});

test('a known count is there before the walk; no filter is the order itself', () => {
  const order = reversed();
  const v = new FilteredView(order, (i) => i < 10, 10);
  assert.equal(v.count, 10);
  assert.equal(FilteredView.of(order).all(), order);
  assert.deepEqual(Array.from(v.slice(5, 10)), [4, 3, 2, 1, 0]);
});

test('model.view: a status filter counts from the histogram at once and walks lazily; a rare search is complete at once, in sort order', () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => rollout(`ro-${i.toString(16).padStart(5, '0')}`, i % 4 === 0 ? 'failed' : 'succeeded', { start_time: i }));
  const m = new RolloutModel(rows, 0);
  const desc = m.order({ column: 'start', dir: 'desc' });
  const none = { statuses: new Set<string>(), modes: new Set<string>(), search: '' };
  const failed = m.view(desc, { ...none, statuses: new Set(['failed']) });
  assert.equal(failed.count, 5_000);
  assert.equal(failed.complete, false);
  assert.deepEqual(Array.from(failed.slice(0, 3), (i) => rows[i].start_time), [19_996, 19_992, 19_988]);
  const rare = m.view(desc, { ...none, search: 'ro-0001' });
  assert.equal(rare.complete, true);
  assert.deepEqual(Array.from(rare.all(), (i) => rows[i].rollout_id).slice(0, 3), ['ro-0001f', 'ro-0001e', 'ro-0001d']);
  assert.equal(rare.count, 16);
  const common = m.view(desc, { ...none, search: '0' });
  assert.equal(common.count, null, 'thousands of matches: counted as the walk goes');
  assert.equal(common.all().length, rows.filter((r) => r.rollout_id.slice(3).includes('0') || r.rollout_id.includes('0')).length);
});

test('a search prepared as it is typed is the view the search applies; another key or load does not use it', async () => {
  const { SearchAhead } = await import('../../src/elements/rollout-table/search-ahead.js');
  const rows = Array.from({ length: 5000 }, (_, i) => rollout(`ro-${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}`, i % 3 ? 'succeeded' : 'running'));
  const m = new RolloutModel(rows, Date.now());
  const order = m.order({ column: 'rollout', dir: 'asc' });
  const filters = { statuses: new Set<string>(), modes: new Set<string>(), search: rows[1234].rollout_id.slice(3, 8).toLowerCase() };
  const ahead = new SearchAhead();
  ahead.prepare(m, order, filters, 'k1', 25);
  // An unrelated update (another key) leaves it for the search it was made for.
  assert.equal(ahead.take(m, 'k0'), null);
  const v = ahead.take(m, 'k1');
  assert.ok(v, 'prepared view used');
  assert.deepEqual(Array.from(v!.all()), Array.from(m.view(order, filters).all()), 'the same rows as computing it then');
  assert.equal(ahead.take(m, 'k1'), null, 'used once');
  // A new load (another model) never uses a view of the old one.
  ahead.prepare(m, order, filters, 'k2', 25);
  assert.equal(ahead.take(new RolloutModel(rows, Date.now()), 'k2'), null);
});
