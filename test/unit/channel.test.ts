/**
 * The server core's ring (src/server/channel.ts) kept in deflated blocks: what it hands back
 * is exactly what was appended (ids, event names, data with newlines and any Unicode), across
 * sealed blocks, at every capacity, and a gap restarts it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Channel } from '../../src/server/channel.js';

const data = (i: number): string => JSON.stringify({ i, text: `line ${i} ✓ ${'é'.repeat(i % 7)}` }) + (i % 5 ? '' : '\nsecond line');

test('a ring of 1,000 after 2,500 events: the last 1,000, exact, from sealed blocks and the open one', () => {
  const c = new Channel('t', 1000);
  for (let i = 1; i <= 2500; i++) c.append(i % 3 ? 'line' : undefined, data(i));
  assert.equal(c.lastId, 2500);
  assert.equal(c.firstId, 1501);
  assert.equal(c.since(1499), null, 'older than the oldest held');
  assert.equal(c.since(2501), null, 'newer than the newest');
  const all = c.since(1500)!;
  assert.equal(all.length, 1000);
  all.forEach((e, k) => {
    const i = 1501 + k;
    assert.deepEqual(e, { id: i, event: i % 3 ? 'line' : undefined, data: data(i) });
  });
  assert.deepEqual(c.since(1700, 3)!.map((e) => e.id), [1701, 1702, 1703]);
  assert.deepEqual(c.tail(2).map((e) => e.id), [2499, 2500]);
});

test('a ring smaller than a block holds exactly its capacity', () => {
  const c = new Channel('t', 5);
  for (let i = 1; i <= 130; i++) c.append('line', data(i));
  assert.equal(c.firstId, 126);
  assert.deepEqual(c.since(125)!.map((e) => e.data), [126, 127, 128, 129, 130].map(data));
  assert.equal(c.since(124), null);
});

test('an id that is not the next one restarts the ring there', () => {
  const c = new Channel('t', 100);
  for (let i = 1; i <= 70; i++) c.append('line', data(i));
  c.put({ id: 500, event: 'line', data: data(500) });
  assert.equal(c.firstId, 500);
  assert.deepEqual(c.since(499)!.map((e) => e.id), [500]);
  assert.equal(c.since(70), null);
});
