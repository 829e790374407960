// The shared window model in Node (no DOM), at 10⁶ rows: heights by policy, exact positions,
// ranges with overscan and a focus margin, anchors by key across eviction and insertion,
// follow modes, reveal, and the anchored layout of rows measured as they are drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WindowModel, anchorAt, arrayRows, indexRows, revealTop, topOf, type RowSource } from '../../src/elements/shared/window/window-model.js';
import { paintPool, scrollAnchor } from '../../src/elements/shared/window/pool.js';
import { tableParts, tableSpans } from '../../src/elements/shared/window/table.js';
import { windowRange } from '../../src/elements/shared/window/fixed.js';

const N = 1_000_000;

/** Rows keyed by a sequence number starting at `from` (a ring that evicted `from` rows). */
function seqRows(from: number, length: number): RowSource<number> {
  return { length, keyAt: (i) => from + i, indexOf: (s) => (s >= from && s < from + length ? s - from : -1) };
}

test('uniform: a million rows are arithmetic; the range covers the view plus overscan and no more', () => {
  const m = new WindowModel<number>({ policy: 'uniform', rowHeight: 20 });
  m.setRows(indexRows(N));
  assert.equal(m.totalHeight, 20_000_000);
  assert.equal(m.indexAt(19_999_999), N - 1);
  assert.deepEqual(m.visible(10_000_010, 400, 3), { first: 500_000 - 3, last: 500_021 + 3 });
  // The end: clamped so the last row is the last drawn.
  assert.deepEqual(m.visible(1e12, 400, 3), { first: N - 20 - 3, last: N });
  assert.equal(m.setHeight(5, 99), false, 'uniform rows ignore measured heights');
  assert.equal(m.offsetOf(6), 120);
});

test('the fixed-window API keeps its figures (same names, same behaviour)', () => {
  assert.deepEqual(windowRange(1000, 18, 0, 180, 10), { first: 0, last: 20 });
  assert.deepEqual(windowRange(1000, 18, 900, 180, 10), { first: 40, last: 70 });
  assert.deepEqual(windowRange(1000, 18, 1e9, 180, 10), { first: 980, last: 1000 });
  assert.deepEqual(windowRange(0, 18, 0, 180), { first: 0, last: 0 });
});

test('exceptions: a few odd rows among a million shift every later row exactly, and the layout does not walk the rows', () => {
  const keys = Array.from({ length: N }, (_, i) => `r${i}`);
  const m = new WindowModel<string>({ policy: 'exceptions', rowHeight: 41 });
  m.setRows(arrayRows(keys));
  m.setHeight('r10', 141); // +100
  m.setHeight('r999000', 61); // +20
  assert.equal(m.offsetOf(10), 410);
  assert.equal(m.offsetOf(11), 410 + 141);
  assert.equal(m.offsetOf(999_001), 999_001 * 41 + 120);
  assert.equal(m.totalHeight, N * 41 + 120);
  // indexAt is the inverse of offsetOf, around the odd rows too.
  for (const i of [0, 9, 10, 11, 500_000, 999_000, 999_001, N - 1]) {
    assert.equal(m.indexAt(m.offsetOf(i)), i);
    assert.equal(m.indexAt(m.offsetOf(i + 1) - 0.5), i);
  }
  const t0 = performance.now();
  for (let k = 0; k < 1000; k++) m.visible(k * 40_000, 900, 5);
  assert.ok(performance.now() - t0 < 500, 'a thousand ranges over a million rows stay cheap');
});

test('spans: the focused row keeps its neighbourhood drawn, before, inside or after the view; table gaps add up', () => {
  const m = new WindowModel<number>({ policy: 'exceptions', rowHeight: 40 });
  m.setRows(indexRows(N));
  assert.deepEqual(tableSpans(m, 40_000, 400, { overscan: 2 }), [[998, 1013]]);
  assert.deepEqual(tableSpans(m, 40_000, 400, { overscan: 2, focusIndex: 10, focusMargin: 1 }), [[9, 12], [998, 1013]]);
  assert.deepEqual(tableSpans(m, 40_000, 400, { overscan: 2, focusIndex: 900_000, focusMargin: 1 }), [[998, 1013], [899_999, 900_002]]);
  assert.deepEqual(tableSpans(m, 40_000, 400, { overscan: 2, focusIndex: 1014, focusMargin: 2 }), [[998, 1017]]);
  const spans = tableSpans(m, 40_000, 400, { overscan: 2, focusIndex: 10, focusMargin: 1 });
  m.setHeight(5, 100);
  const parts = tableParts(m, spans, 1);
  const gaps = parts.filter((p): p is { gap: number; from: number; to: number; height: number } => 'gap' in p);
  assert.deepEqual(gaps.map((g) => [g.from, g.to]), [[0, 9], [12, 998], [1013, N]]);
  assert.equal(gaps[0].height, 9 * 40 + 60);
  assert.equal(gaps[2].height, (N - 1013) * 40 - 1, 'the gap standing for the last row lacks its border');
  assert.equal(parts.length, 3 + 3 + 15);
});

test('anchor by key: rows evicted from the start and appended at the end do not move the row being read', () => {
  const m = new WindowModel<number>({ policy: 'uniform', rowHeight: 20 });
  m.setRows(seqRows(0, N));
  const anchor = anchorAt(m, 600_007)!;
  assert.deepEqual(anchor, { key: 30_000, offset: 7 });
  m.setRows(seqRows(1000, N)); // 1000 evicted, 1000 appended
  assert.equal(topOf(m, anchor), 600_007 - 1000 * 20);
  m.setRows(seqRows(40_000, N)); // the anchor's row went
  assert.equal(topOf(m, anchor), null);
});

test('keyed heights survive eviction; unmeasured rows count the average', () => {
  const m = new WindowModel<number>({ policy: 'keyed', rowHeight: 20, maxKnown: 1000 });
  m.setRows(seqRows(0, N));
  for (let s = 0; s < 10; s++) m.setHeight(s, s % 2 ? 60 : 20); // average 40
  assert.equal(m.baseHeight, 40);
  assert.equal(m.heightOf(3), 60);
  assert.equal(m.heightOf(500), 40);
  m.setRows(seqRows(5, N)); // rows 0…4 evicted
  assert.equal(m.heightAt(0), 60, 'seq 5 keeps its height at its new index');
  assert.equal(m.offsetOf(5), 60 + 20 + 60 + 20 + 60);
  // The memory is bounded: the oldest measured go first.
  for (let s = 100; s < 2100; s++) m.setHeight(s, 30);
  assert.equal(m.heightOf(1100), 30);
  assert.equal(m.heightOf(3), m.baseHeight, 'seq 3 was forgotten: it counts the average');
  assert.equal(m.heightOf(2099), 30);
});

test('reveal: the least scroll that shows the row entirely, both ways, with a margin; a tall row shows its top', () => {
  const m = new WindowModel<number>({ policy: 'exceptions', rowHeight: 20 });
  m.setRows(indexRows(N));
  assert.equal(revealTop(m, 50, 1000, 200), 1000, 'already in view: no move');
  assert.equal(revealTop(m, 59, 1000, 200), 1000 + 0, 'the last fully visible row stays');
  assert.equal(revealTop(m, 60, 1000, 200), 1020, 'half-hidden below: scroll down by one row');
  assert.equal(revealTop(m, 49, 1000, 200), 980);
  assert.equal(revealTop(m, 60, 1000, 200, 4), 1024);
  assert.equal(revealTop(m, N - 1, 0, 200), (N - 10) * 20);
  m.setHeight(700_000, 500);
  assert.equal(revealTop(m, 700_000, 0, 200), 700_000 * 20);
  assert.equal(revealTop(m, 700_001, 0, 200), 700_001 * 20 + 480 + 20 - 200);
});

test('follow: start, end and none', () => {
  const m = new WindowModel<number>({ policy: 'uniform', rowHeight: 10 });
  m.setRows(indexRows(N));
  assert.equal(m.followTop('start', 5000, 300), 0);
  assert.equal(m.followTop('end', 5000, 300), N * 10 - 300);
  assert.equal(m.followTop('none', 5000, 300), 5000);
  assert.equal(m.followTop('none', -5, 300), 0);
});

/** A fake pool: rows of the given heights by key, drawing counted. */
function pool(heightOfKey: (k: number) => number, keyAt: (i: number) => number) {
  const st = { drawn: [0, 0] as [number, number], placed: { height: 0, top: 0 }, draws: 0 };
  return {
    st,
    draw(first: number, last: number, measure: boolean) {
      st.drawn = [first, last];
      st.draws++;
      return measure ? Array.from({ length: last - first }, (_, k) => heightOfKey(keyAt(first + k))) : undefined;
    },
    place(height: number, top: number) {
      st.placed = { height, top };
    },
  };
}

test('pool, following the end: the newest rows of varied heights fill the view from the bottom', () => {
  const m = new WindowModel<number>({ policy: 'keyed', rowHeight: 20 });
  const rows = seqRows(0, N);
  m.setRows(rows);
  const h = (k: number) => (k % 3 === 0 ? 60 : 20);
  const p = pool(h, rows.keyAt);
  const out = paintPool(m, p, { follow: 'end', scrollTop: 0, anchor: null, viewport: 500, overscan: 3 });
  assert.equal(out.last, N);
  let drawnHeight = 0;
  for (let i = out.first; i < out.last; i++) drawnHeight += h(rows.keyAt(i));
  // The first paint estimates unmeasured rows at the least height (20px), so it may draw more.
  assert.ok(drawnHeight >= 500 && drawnHeight < 1000, `drawn ${drawnHeight}px for a 500px view`);
  assert.equal(p.st.placed.top + drawnHeight, p.st.placed.height, 'the block ends at the content end');
  assert.equal(out.scrollTop, p.st.placed.height - 500);
  assert.ok(out.last - out.first < 30, 'only a screenful drawn of a million rows');
});

test('pool, paused at an anchor: what is on screen stays put while rows are evicted, and a scroll moves by measured heights', () => {
  const m = new WindowModel<number>({ policy: 'keyed', rowHeight: 20 });
  let rows = seqRows(0, N);
  m.setRows(rows);
  const h = (k: number) => 20 + (k % 5) * 10; // 20…60
  const p = pool(h, (i) => rows.keyAt(i));
  const view = { follow: 'none' as const, scrollTop: 0, anchor: { key: 400_000, offset: 15 }, viewport: 600, overscan: 3, overscanPx: 200 };
  let out = paintPool(m, p, view);
  assert.deepEqual(out.anchor, { key: 400_000, offset: 15 });
  // The anchor row's screen position: its top is 15px above the view's top.
  const screenTop = (o: typeof out) => p.st.placed.top + [...Array(rows.indexOf!(o.anchor!.key) - o.first).keys()].reduce((s, k) => s + h(rows.keyAt(o.first + k)), 0) - o.scrollTop;
  assert.equal(screenTop(out), -15);
  // 5,000 rows evicted and 5,000 appended: the anchor row is still at -15px.
  rows = seqRows(5000, N);
  m.setRows(rows);
  out = paintPool(m, p, { ...view, anchor: out.anchor });
  assert.equal(screenTop(out), -15);
  // The user scrolls 100px down: the anchor moves by measured heights (400000 is 20px, …).
  const next = scrollAnchor(m, out.anchor, out.scrollTop, out.scrollTop + 100, 600);
  out = paintPool(m, p, { ...view, anchor: next });
  // 400000→20, 400001→30, 400002→40: 15+100 = 115 = 20+30+40 + 25 into 400003.
  assert.deepEqual(out.anchor, { key: 400_003, offset: 25 });
  // The anchor's row evicted: the row now at its index, from its top.
  rows = seqRows(500_000, N);
  m.setRows(rows);
  out = paintPool(m, p, { ...view, anchor: { key: 400_003, offset: 25 }, anchorIndex: 7 });
  assert.deepEqual(out.anchor, { key: 500_007, offset: 0 });
});

test('pool, paused at the very end: the last row is bottom-aligned, not left floating', () => {
  const m = new WindowModel<number>({ policy: 'keyed', rowHeight: 20 });
  const rows = seqRows(0, N);
  m.setRows(rows);
  const p = pool(() => 30, rows.keyAt);
  const out = paintPool(m, p, { follow: 'none', scrollTop: 0, anchor: { key: N - 2, offset: 0 }, viewport: 300, overscan: 2, overscanPx: 100 });
  assert.equal(out.last, N);
  assert.deepEqual(out.anchor, { key: N - 10, offset: 0 }, '10 rows of 30px fill the 300px view up to the end');
});
