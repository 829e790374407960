// The shared window's imperative-pool hook (what log-console's paint pool adopts) on a real
// DOM pool in Chromium: 100,000 wrapped lines of varied height, keyed by sequence number in a
// ring. Following, the newest line ends at the view's bottom; paused, the line at the top of the
// view stays exactly where it is while old lines are evicted and new ones appended, and a
// scroll of the user's moves the view by as many pixels.
import { expect } from '@open-wc/testing';
import { WindowModel, paintPool, scrollAnchor, type Anchor, type RowPool, type RowSource } from '../../src/elements/shared/window/index.js';

const text = (seq: number) => `line ${seq} ` + 'word '.repeat((seq * 7) % 23);

function setup() {
  const v = document.createElement('div');
  v.style.cssText = 'height:200px;width:220px;overflow-y:auto;overflow-anchor:none;font:12px/16px monospace;position:relative';
  const spacer = document.createElement('div');
  spacer.style.position = 'relative';
  const rows = document.createElement('div');
  rows.style.cssText = 'position:absolute;inset:0 0 auto 0';
  spacer.append(rows);
  v.append(spacer);
  document.body.append(v);
  const pool: RowPool = {
    draw(first, last, measure) {
      while (rows.children.length < last - first) rows.append(document.createElement('div'));
      while (rows.children.length > last - first) rows.lastElementChild!.remove();
      const els = rows.children as HTMLCollectionOf<HTMLElement>;
      for (let k = 0; k < els.length; k++) {
        const seq = ring.keyAt(first + k);
        els[k].dataset.seq = String(seq);
        els[k].textContent = text(seq);
      }
      return measure ? Array.from(els, (e) => e.offsetHeight) : undefined;
    },
    place(height, top) {
      spacer.style.height = `${height}px`;
      rows.style.transform = `translateY(${top}px)`;
    },
  };
  let ring: RowSource<number> = { length: 0, keyAt: (i) => i };
  const setRing = (from: number, n: number) => {
    ring = { length: n, keyAt: (i) => from + i, indexOf: (s) => (s >= from && s < from + n ? s - from : -1) };
    model.setRows(ring);
  };
  const model = new WindowModel<number>({ policy: 'keyed', rowHeight: 16 });
  const rowTop = (seq: number) => v.querySelector<HTMLElement>(`[data-seq="${seq}"]`)!.getBoundingClientRect().top - v.getBoundingClientRect().top;
  return { v, pool, model, setRing, rowTop, done: () => v.remove() };
}

describe('shared window: imperative row pool (log-console hook)', () => {
  it('following: the newest of 100,000 wrapped lines ends at the bottom of the view', () => {
    const t = setup();
    t.setRing(0, 100_000);
    const out = paintPool(t.model, t.pool, { follow: 'end', scrollTop: 0, anchor: null, viewport: 200, overscan: 3 });
    t.v.scrollTop = out.scrollTop;
    const last = t.v.querySelector<HTMLElement>('[data-seq="99999"]')!.getBoundingClientRect();
    expect(Math.abs(last.bottom - t.v.getBoundingClientRect().bottom)).to.be.below(1);
    expect(t.v.querySelectorAll('[data-seq]').length).to.be.below(25);
    t.done();
  });

  it('paused: the line at the top stays put while lines are evicted and appended; a user scroll moves by its pixels', () => {
    const t = setup();
    t.setRing(0, 100_000);
    let anchor: Anchor<number> | null = { key: 50_000, offset: 5 };
    const paint = () => {
      const out = paintPool(t.model, t.pool, { follow: 'none', scrollTop: 0, anchor, viewport: 200, overscan: 3, overscanPx: 60 });
      t.v.scrollTop = out.scrollTop;
      anchor = out.anchor;
      return out;
    };
    paint();
    expect(t.rowTop(50_000)).to.be.closeTo(-5, 1);
    const seen = t.rowTop(50_003);
    t.setRing(2_000, 100_000); // 2,000 evicted, 2,000 appended
    paint();
    expect(t.rowTop(50_003)).to.be.closeTo(seen, 1);
    // The user scrolls 40px down: every line drawn moves up by 40px.
    const before = t.rowTop(50_004);
    const from = t.v.scrollTop;
    t.v.scrollTop = from + 40;
    anchor = scrollAnchor(t.model, anchor, from, t.v.scrollTop, 200);
    paint();
    expect(t.rowTop(50_004)).to.be.closeTo(before - 40, 1);
    t.done();
  });
});
