/**
 * The imperative-row-pool surface of the window (log-console's paint pool): the element draws
 * rows by index into elements it reuses and reports their heights; this places them, by
 * arithmetic for uniform rows, or for rows measured as they are drawn anchored at the row at
 * the top of the view `(key, offset)` (paused) or from the bottom up (following the end):
 * what is on screen stays still while everything off screen is an estimate, whatever the
 * list's length. Heights are kept by key in the model, so they survive eviction.
 */
import { anchorAt, type Anchor, type Follow, type WindowModel, type WindowRange } from './window-model.js';

/** Where an anchored layout put things (px from the top of the scroller's content). */
export interface AnchoredLayout<K> {
  first: number;
  last: number;
  /** The scroller's scrollTop. */
  scrollTop: number;
  /** The content's (spacer's) height. */
  height: number;
  /** The top of the drawn block (row `first`). */
  blockTop: number;
  /** The anchor after the layout (normalised with measured heights); null when empty. */
  anchor: Anchor<K> | null;
}

/** Draws rows first…last-1 and returns their measured heights, in order. */
export type DrawMeasured = (first: number, last: number) => readonly number[];

/**
 * The hook an element with its own row elements implements (log-console's paint pool): it draws
 * rows by index into elements it reuses, and sizes the spacer and moves the block.
 */
export interface RowPool {
  /** Draw rows first…last-1 into the pool (by position). Return their heights as laid out when
   * `measure` is true (rows of measured height), else nothing. */
  draw(first: number, last: number, measure: boolean): readonly number[] | void;
  /** Size the spacer (content height) and put the block's top (and its height, uniform rows). */
  place(contentHeight: number, blockTop: number, blockHeight: number | null): void;
}

/** The view a pool paint starts from. */
export interface PoolView<K> {
  follow: Follow;
  /** Uniform rows: the scroll position model. */
  scrollTop: number;
  /** Measured rows, not following: the row at the top of the view (null: the first row). */
  anchor: Anchor<K> | null;
  /** Where the anchor's row was when it went (evicted, filtered out): its fallback index. */
  anchorIndex?: number;
  viewport: number;
  /** Rows drawn beyond the view (uniform rows, or above an anchor). */
  overscan: number;
  /** Px drawn beyond the view (measured rows). */
  overscanPx?: number;
}

export interface PoolPaint<K> extends WindowRange {
  /** Where the scroller must be (write it as a programmatic scroll). */
  scrollTop: number;
  /** The anchor to keep for the next paint (measured rows). */
  anchor: Anchor<K> | null;
}

/**
 * Paint a pool: uniform rows by arithmetic (no overscan while following: the rows only come in
 * at the end), measured rows (policy `keyed`/`exceptions`) anchored, or drawn from the bottom up
 * while following the end.
 */
export function paintPool<K>(model: WindowModel<K>, pool: RowPool, view: PoolView<K>): PoolPaint<K> {
  const vh = view.viewport;
  if (model.policy === 'uniform') {
    const top = model.followTop(view.follow, view.scrollTop, vh);
    const r = model.visible(top, vh, view.follow === 'none' ? view.overscan : 0);
    pool.place(model.totalHeight, model.offsetOf(r.first), model.offsetOf(r.last) - model.offsetOf(r.first));
    pool.draw(r.first, r.last, false);
    return { ...r, scrollTop: top, anchor: anchorAt(model, top) };
  }
  const draw = (a: number, b: number) => pool.draw(a, b, true) ?? [];
  const l =
    view.follow === 'end'
      ? layoutEnd(model, vh, draw)
      : layoutAnchored(model, view.follow === 'start' ? null : view.anchor, view.anchorIndex ?? 0, vh, draw, { rows: view.overscan, px: view.overscanPx ?? 0 });
  pool.place(l.height, l.blockTop, null);
  return { first: l.first, last: l.last, scrollTop: l.scrollTop, anchor: l.anchor };
}

function measured<K>(m: WindowModel<K>, first: number, last: number, draw: DrawMeasured): number[] {
  const hs = draw(first, last);
  const out: number[] = new Array(last - first);
  for (let k = 0; k < out.length; k++) {
    const h = hs[k] || m.rowHeight;
    out[k] = h;
    m.setHeight(m.keyAt(first + k), h);
  }
  return out;
}

/**
 * Following the end: the newest rows are drawn from the bottom up until they fill the view
 * (measured as drawn; up to three more passes when the estimates were short).
 */
export function layoutEnd<K>(m: WindowModel<K>, viewport: number, draw: DrawMeasured): AnchoredLayout<K> {
  const n = m.length;
  if (n === 0) {
    draw(0, 0);
    return { first: 0, last: 0, scrollTop: 0, height: 0, blockTop: 0, anchor: null };
  }
  let first = n;
  let est = 0;
  while (first > 0 && est < viewport) est += m.heightAt(--first);
  let hs = measured(m, first, n, draw);
  let total = sum(hs);
  for (let pass = 0; pass < 3 && total < viewport && first > 0; pass++) {
    while (first > 0 && est < viewport + (viewport - total)) est += m.heightAt(--first);
    hs = measured(m, first, n, draw);
    total = sum(hs);
  }
  const height = Math.max(viewport, Math.round(first * m.baseHeight) + total);
  const scrollTop = Math.max(0, height - viewport);
  // The anchor a pause would start from: the row at the top of the view.
  let a = first;
  let off = scrollTop - (height - total);
  while (a < n - 1 && off >= hs[a - first]) off -= hs[a++ - first];
  return { first, last: n, scrollTop, height, blockTop: height - total, anchor: { key: m.keyAt(a), offset: Math.max(0, off) } };
}

/**
 * Paused at an anchor: rows are drawn down from it (and `overscanRows`/`overscanPx` above) and
 * measured; the anchor then moves by real heights, so scrolling into rows never drawn before
 * does not make what is on screen jump. The scroll height and position are estimates around
 * the anchor (rows not drawn count the base height). An anchor whose row went (evicted,
 * filtered out) falls back to the row now at its index, or the first.
 */
export function layoutAnchored<K>(
m: WindowModel<K>,
anchor: Anchor<K> | null,
anchorIndexHint: number,
viewport: number,
draw: DrawMeasured,
overscan: { rows: number; px: number },
): AnchoredLayout<K> {
  const n = m.length;
  if (n === 0) {
    draw(0, 0);
    return { first: 0, last: 0, scrollTop: 0, height: 0, blockTop: 0, anchor: null };
  }
  let a = 0;
  let off = 0;
  if (anchor) {
    const i = m.indexOf(anchor.key);
    if (i >= 0) {
      a = i;
      off = anchor.offset;
    } else a = Math.max(0, Math.min(n - 1, anchorIndexHint));
  }
  for (let pass = 0; ; pass++) {
    let first = a;
    let est = 0;
    while (first > 0 && (est < Math.max(0, -off) + overscan.px || a - first < overscan.rows)) est += m.heightAt(--first);
    let last = a;
    est = 0;
    while (last < n && est < off + viewport + overscan.px) est += m.heightAt(last++);
    if (last === a) last = Math.min(n, a + 1);
    const hs = measured(m, first, last, draw);
    const h = (i: number) => hs[i - first];
    let above = 0;
    for (let i = first; i < a; i++) above += h(i);
    let below = 0;
    for (let i = a; i < last; i++) below += h(i);
    if (pass < 4 && ((-off > above && first > 0) || (off + viewport > below && last < n))) continue;
    while (off < 0 && a > first) off += h(--a);
    if (off < 0) off = 0;
    while (a < last - 1 && off >= h(a)) off -= h(a++);
    // The end of the list in view: bottom-align it, with rows from above.
    below = 0;
    for (let i = a; i < last; i++) below += h(i);
    if (last === n && below - off < viewport) {
      off = below - viewport;
      while (off < 0 && a > first) {
        off += h(--a);
        below += h(a);
      }
      if (off < 0 && first > 0 && pass < 4) continue; // rows above were not drawn yet
      off = Math.max(0, off);
    }
    above = 0;
    for (let i = first; i < a; i++) above += h(i);
    below = 0;
    for (let i = a; i < last; i++) below += h(i);
    const base = m.baseHeight;
    const top = Math.round(a * base + off);
    const height = Math.max(top + viewport, Math.round(top - off + below + (n - last) * base));
    return { first, last, scrollTop: top, height, blockTop: top - off - above, anchor: { key: m.keyAt(a), offset: off } };
  }
}

/**
 * The user scrolled an anchored layout from `from` to `to`: small moves carry the anchor by
 * the delta (the next layout moves it by measured heights); a jump (scrollbar drag, Home)
 * goes by proportion.
 */
export function scrollAnchor<K>(m: WindowModel<K>, anchor: Anchor<K> | null, from: number, to: number, viewport: number): Anchor<K> | null {
  const n = m.length;
  if (n === 0) return null;
  const delta = to - from;
  const i = anchor ? m.indexOf(anchor.key) : -1;
  if (Math.abs(delta) > 3 * viewport || to <= 0 || i < 0) {
    const base = m.baseHeight;
    const a = Math.max(0, Math.min(n - 1, Math.floor(to / base)));
    return { key: m.keyAt(a), offset: to <= 0 ? 0 : Math.max(0, to - a * base) };
  }
  return { key: anchor!.key, offset: anchor!.offset + delta };
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
