/**
 * The server core's ring (src/server/channel.ts) kept in deflated blocks: what it hands back
 * is exactly what was appended (ids, event names, data with newlines and any Unicode), across
 * sealed blocks, at every capacity, and a gap restarts it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Batch, Channel, formatEvent, oneLineFrameLength, SEAL_MS } from '../../src/server/channel.js';
import { LogStreams, type NewLine } from '../../src/server/logs.js';

const data = (i: number): string => JSON.stringify({ i, text: `line ${i} ✓ ${'é'.repeat(i % 7)}` }) + (i % 5 ? '' : '\nsecond line');

test('a ring of 1,000 after 2,500 events: the last 1,000, exact, from full blocks (before and after they are sealed) and the open one', async () => {
  const c = new Channel('t', 1000);
  for (let i = 1; i <= 2500; i++) c.append(i % 3 ? 'line' : undefined, data(i));
  // Just filled, the blocks wait to be deflated; once SEAL_MS old, all of them are.
  assert.equal(c.unsealed, 16);
  assert.deepEqual(c.since(1500)!.map((e) => e.data), Array.from({ length: 1000 }, (_, k) => data(1501 + k)));
  while (c.unsealed) await new Promise((r) => setTimeout(r, SEAL_MS / 2));
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

test("a log line's stored JSON is JSON.stringify's, byte for byte, whatever its fields hold", () => {
  // Guards logs.ts's hand-built JSON (cached time and level text) against the general case.
  const stream = new LogStreams().add('a"\u2028b', 'title', 100);
  const lines: NewLine[] = [
    { text: 'plain' },
    { text: 'q"\\\n\u0001\ud800 end', level: 'warn' },
    { text: 'same time', time: 1_764_777_000_000, level: 'warn' },
    { text: 'same time, other level', time: 1_764_777_000_000, level: 'error' },
    { text: 'nan', time: Number.NaN },
    { text: 'inf', time: Number.POSITIVE_INFINITY },
    { text: 'minus zero', time: -0 },
    { text: 'huge', time: 1.5e21 },
    { text: 'fraction', time: 12.25, source: '\ud83d' },
    { text: 'extra field', extra: 1 } as NewLine,
  ];
  for (const l of lines) {
    const full = stream.append(l);
    assert.equal(stream.channel.tail(1)[0]!.data, JSON.stringify(full), l.text);
  }
});

test('a big ring in a burst keeps at most 32 full blocks waiting to be deflated, and reads back exact', () => {
  const c = new Channel('t', 5000);
  for (let i = 1; i <= 5000; i++) c.append('line', data(i));
  assert.equal(c.unsealed, 32);
  assert.deepEqual(c.since(0)!.map((e) => e.data), Array.from({ length: 5000 }, (_, k) => data(1 + k)));
});

test('a batch that is no longer the newest lets its events go and reads them back exactly from its frames', () => {
  const c = new Channel('t', 100);
  const got: Batch[] = [];
  c.subscribe((m) => void (m.type === 'batch' && got.push(m.batch)));
  const publish = (): void => (c as unknown as { publish(): void }).publish();
  const events: [string | undefined, string][] = [
    ['line', JSON.stringify({ text: 'ünïcödé ✓ "quoted" \\ back' })],
    [undefined, 'plain: with: colons'],
    ['remove', ''],
    ['line', 'two\nlines'],
    ['line', 'after'],
  ];
  c.append(...events[0]!);
  c.append(...events[1]!);
  c.append(...events[2]!);
  publish();
  c.append(...events[3]!);
  publish();
  c.append(...events[4]!);
  publish();
  assert.equal(got.length, 3);
  const [first, multi, last] = got as [Batch, Batch, Batch];
  assert.equal((first as unknown as { list: unknown }).list, null, 'one-line events: let go');
  assert.notEqual((multi as unknown as { list: unknown }).list, null, 'data with a line break: kept');
  const all = [...first.events, ...multi.events, ...last.events];
  assert.deepEqual(all, events.map(([event, data], i) => ({ id: i + 1, event, data })));
  assert.deepEqual(Buffer.concat([first.bytes, multi.bytes, last.bytes]).toString(), all.map(formatEvent).join(''));
});

test("oneLineFrameLength is formatEvent's length for every one-line frame, and shorter when the data breaks lines", () => {
  // Batch decides from this length whether a batch can be read back from its frames; if
  // formatEvent's layout changes without it, batches would silently stop being compacted.
  for (const id of [0, 7, 10, 99, 100, 123_456, 9_007_199_254_740_991]) {
    for (const event of [undefined, '', 'line', 'remove', 'ünï ✓']) {
      for (const text of ['', 'x', 'a: b', '{"t":"é ✓ \\ud83d"}']) {
        const e = { id, event, data: text };
        assert.equal(oneLineFrameLength(e), formatEvent(e).length, JSON.stringify(e));
        const broken = { id, event, data: `${text}\nmore` };
        assert.ok(formatEvent(broken).length > oneLineFrameLength(broken));
      }
    }
  }
});
