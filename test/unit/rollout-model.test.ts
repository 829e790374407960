// The rollout table's model in Node (no DOM): orders, filters, search, and the column orders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RolloutModel, sortIndices, stringOrder } from '../../src/elements/rollout-table/rollout-model.js';
import { installStringOrder, plainStringOrder, reverseOrder } from '../../src/elements/rollout-table/column-order.js';
import { packedStringOrder } from '../../src/elements/rollout-table/string-order.js';
import { rollout } from './rollout-rows.js';

const none = { statuses: new Set<string>(), modes: new Set<string>(), search: '' };
const ids = (m: RolloutModel, order: Uint32Array) => Array.from(order, (i) => m.rollouts[i].rollout_id);

const rows = [
  rollout('ro-0a7d', 'running', { start_time: 30, end_time: null, mode: 'val' }),
  rollout('ro-0a62', 'failed', { start_time: 10, mode: 'train' }),
  rollout('RO-0B00', 'succeeded', { start_time: 20, mode: null }),
  rollout('ro-0c99', 'failed', { start_time: 20, mode: 'train' }),
];

test('ids sort by code unit, case-insensitively (ro-0a62 before ro-0a7d), both ways', () => {
  const m = new RolloutModel(rows, 0);
  assert.deepEqual(ids(m, m.order({ column: 'rollout', dir: 'asc' })), ['ro-0a62', 'ro-0a7d', 'RO-0B00', 'ro-0c99']);
  assert.deepEqual(ids(m, m.order({ column: 'rollout', dir: 'desc' })), ['ro-0c99', 'RO-0B00', 'ro-0a7d', 'ro-0a62']);
});

test('start time: ties keep row order in both directions', () => {
  const m = new RolloutModel(rows, 0);
  assert.deepEqual(ids(m, m.order({ column: 'start', dir: 'asc' })), ['ro-0a62', 'RO-0B00', 'ro-0c99', 'ro-0a7d']);
  assert.deepEqual(ids(m, m.order({ column: 'start', dir: 'desc' })), ['ro-0a7d', 'RO-0B00', 'ro-0c99', 'ro-0a62']);
});

test('status and mode filters, "none" for no mode, counts match the rows', () => {
  const m = new RolloutModel(rows, 0);
  const order = m.order({ column: 'rollout', dir: 'asc' });
  const failed = { ...none, statuses: new Set(['failed']) };
  assert.deepEqual(ids(m, m.filter(order, failed)), ['ro-0a62', 'ro-0c99']);
  assert.equal(m.matchCount(failed), 2);
  assert.deepEqual(ids(m, m.filter(order, { ...none, modes: new Set(['none']) })), ['RO-0B00']);
  assert.deepEqual(ids(m, m.filter(order, { ...none, statuses: new Set(['failed']), modes: new Set(['val']) })), []);
  assert.equal(m.filter(order, none), order, 'no filter: the order itself');
});

test('search is a case-insensitive substring of the id, and narrows as one types on', () => {
  const m = new RolloutModel(rows, 0);
  const order = m.order({ column: 'start', dir: 'asc' });
  assert.deepEqual(ids(m, m.filter(order, { ...none, search: ' 0A' })), ['ro-0a62', 'ro-0a7d']);
  assert.deepEqual(ids(m, m.filter(order, { ...none, search: '0a6' })), ['ro-0a62']);
  assert.deepEqual(ids(m, m.filter(order, { ...none, search: 'ro-0b' })), ['RO-0B00']);
  assert.deepEqual(ids(m, m.filter(order, { ...none, search: 'nothing' })), []);
});

test('search never matches across two ids', () => {
  const m = new RolloutModel([rollout('ab', 'running'), rollout('cd', 'running')], 0);
  assert.equal(m.matchCount({ ...none, search: 'bc' }), 0);
  assert.equal(m.matchCount({ ...none, search: 'b\u0000c' }), 0);
});

test('duration order follows the clock while rows run (the cells tick)', () => {
  const running = rollout('run', 'running', { start_time: 0, end_time: null });
  const done = rollout('done', 'succeeded', { start_time: 0, end_time: 50 });
  const m = new RolloutModel([running, done], 10_000);
  const sort = { column: 'duration', dir: 'asc' } as const;
  assert.deepEqual(ids(m, m.order(sort, 10_000)), ['run', 'done'], 'at 10 s the running one is shorter');
  assert.equal(m.moves(sort, 100_000), true);
  assert.deepEqual(ids(m, m.order(sort, 100_000)), ['done', 'run'], 'at 100 s it is longer');
});

test('idle preparation ends ready, with the same orders as on demand', () => {
  const many = Array.from({ length: 500 }, (_, i) => rollout(`ro-${(i * 7919) % 1000}`, i % 3 ? 'failed' : 'running', { start_time: i % 17 }));
  const a = new RolloutModel(many, 0);
  let steps = 0;
  while (!a.prepareStep()) steps++;
  assert.equal(a.ready, true);
  assert.ok(steps > 5);
  const b = new RolloutModel(many, 0);
  for (const column of ['rollout', 'status', 'start', 'input'] as const) {
    assert.deepEqual(a.order({ column, dir: 'desc' }), b.order({ column, dir: 'desc' }), column);
  }
});

test('sortIndices: NaN last both ways, ties in index order', () => {
  const keys = new Float64Array([3, NaN, 1, 3, 2]);
  assert.deepEqual(Array.from(sortIndices(keys, 'asc')), [2, 4, 0, 3, 1]);
  assert.deepEqual(Array.from(sortIndices(keys, 'desc')), [0, 3, 4, 2, 1]);
});

test('stringOrder: code-unit order past a long shared prefix, nulls last; reversed by groups (plain and packed)', () => {
  const p = 'x'.repeat(40);
  const texts = [`${p}b`, null, `${p}a`, `${p}b`, `${p}`];
  for (const order of [stringOrder, plainStringOrder, packedStringOrder]) {
    const o = order(texts);
    assert.deepEqual(Array.from(o.asc), [4, 2, 0, 3, 1], order.name);
    assert.equal(o.present, 4);
    assert.deepEqual(Array.from(reverseOrder(o)), [0, 3, 2, 4, 1], order.name);
  }
});

test('the plain string order (before the packed one loads, or if it never does) gives the packed order, ties and all', () => {
  // Seeded random texts: ids with a shared prefix, few distinct values (ties), nulls, long
  // strings that tie on the packed characters, non-ASCII and astral code units.
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const alphabet = ['a', 'b', 'Z', '0', '9', '-', 'é', '\u{1F600}', ' ', '{"k":'];
  const word = (len: number) => Array.from({ length: len }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  const sets: (string | null)[][] = [
    Array.from({ length: 3000 }, () => `ro-${word(8)}`),
    Array.from({ length: 3000 }, () => (rnd() < 0.2 ? null : word(2))),
    Array.from({ length: 2000 }, () => (rnd() < 0.1 ? null : `${'p'.repeat(30)}${word(20)}${rnd() < 0.5 ? 'x' : 'y'}`)),
    [], [null, null], ['same', 'same', 'same'],
  ];
  for (const texts of sets) {
    const plain = plainStringOrder(texts);
    const packed = packedStringOrder(texts);
    assert.deepEqual(Array.from(plain.asc), Array.from(packed.asc));
    assert.equal(plain.present, packed.present);
    assert.deepEqual(Array.from(plain.tie), Array.from(packed.tie));
  }
  // A model sorts the same with either installed.
  const many = Array.from({ length: 500 }, (_, i) => rollout(`ro-${word(6)}-${i % 37}`, 'running', { start_time: i % 11, input: { q: word(3) } }));
  const orders = (install: typeof plainStringOrder) => {
    installStringOrder(install);
    const m = new RolloutModel(many, 0);
    return ['rollout', 'input', 'worker'].map((column) => Array.from(m.order({ column: column as 'rollout', dir: 'desc' })));
  };
  try {
    assert.deepEqual(orders(plainStringOrder), orders(packedStringOrder));
  } finally {
    installStringOrder(plainStringOrder);
  }
});
