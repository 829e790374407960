// <log-console>'s memory in Node (src/elements/log-console/log-buffer.ts): batches from several
// streams, a source delivering twice, a reset, and the ring evicting old lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogModel } from '../../src/elements/log-console/log-buffer.js';
import type { LogLine } from '../../src/streams/models.js';

// No source: a line takes its stream's name (as lines from the hub do).
const line = (id: number, text = `line ${id}`): LogLine => ({ id, time: 1763900000000 + id, level: 'info', text }) as LogLine;
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => line(from + k));
const texts = (m: LogModel) => m.toText().trim().split('\n').map((l) => l.replace(/^\S+ +\S+ +/, ''));

test('a batch delivered twice, or overlapping, shows each line once, per stream', () => {
  const m = new LogModel(1000);
  m.appendBatch('a', ids(1, 3));
  m.appendBatch('a', ids(2, 5)); // 2 and 3 again
  m.appendBatch('b', ids(1, 2)); // the same ids on another stream are other lines
  m.appendBatch('a', ids(1, 5)); // all again
  assert.equal(m.buffer.size, 7);
  assert.deepEqual(texts(m), ['[a] line 1', '[a] line 2', '[a] line 3', '[a] line 4', '[a] line 5', '[b] line 1', '[b] line 2']);
});

test('a reset marks the lost lines and lets the stream start its ids over; forgetIds does too', () => {
  const m = new LogModel(1000);
  m.appendBatch('a', ids(1, 3));
  m.appendBatch('a', ids(1, 2), { from: 4, to: 9 });
  assert.equal(m.buffer.size, 6, '3 lines, a gap marker, 2 lines after the reset');
  assert.match(m.toText(), /GAP/);
  m.forgetIds();
  m.appendBatch('a', ids(1, 1));
  assert.equal(m.buffer.size, 7);
});

test('the copied text of a line: ISO time, level, source, text without ANSI', () => {
  const m = new LogModel(1000);
  m.appendBatch('svc', [{ ...line(1, 'copy \u001b[32mme\u001b[0m'), level: 'warn' }]);
  const seq = m.rows.seqAt(0);
  assert.equal(m.copyText(seq), `${new Date(1763900000001).toISOString()} WARN [svc] copy me`);
});

test('a full ring evicts the oldest lines and their rows at 1,000,000 lines', () => {
  const m = new LogModel(1_000_000);
  const batch = 50_000;
  for (let from = 1; from <= 1_100_000; from += batch) m.appendBatch('a', ids(from, from + batch - 1));
  assert.equal(m.buffer.size, 1_000_000);
  assert.equal(m.rows.length, 1_000_000);
  assert.equal(m.copyText(m.rows.seqAt(0)).endsWith('[a] line 100001'), true);
  assert.equal(m.takeTrimmed(), 100_000);
});
