/**
 * The window model: which rows of a long keyed list to draw, and where, for a scroll position
 * and a viewport height. Pure TypeScript, no DOM (tested in Node at 10⁶ rows); the window
 * controller and the surfaces (translated block, table spacer rows, an imperative row pool)
 * put it on the page.
 *
 * Heights (`policy`):
 * - `uniform`: every row is `rowHeight` (arithmetic, O(1) everywhere);
 * - `exceptions`: `rowHeight`, except rows measured otherwise, remembered by key (a notice row);
 * - `keyed`: every row measured by key; rows not measured yet count the average.
 * Heights are keyed, not indexed, so they survive rows evicted at the start or inserted.
 *
 * Positions: `offsetOf(i)` is exact for the first two policies and for measured rows (the base
 * height times `i` plus the measured rows' differences before `i`, a sorted sparse list, so a
 * million rows with a few odd ones costs O(odd) to lay out, not O(rows)). For long lists of rows
 * measured as they are drawn, `layoutAnchored`/`layoutEnd` keep what is on screen still around
 * an anchor `(key, offset)` while everything off screen is an estimate (log-console's wrapped
 * view, whatever its length).
 */

export type HeightPolicy = 'uniform' | 'exceptions' | 'keyed';
export type Follow = 'none' | 'start' | 'end';

/** The rows, by position. `indexOf` when the source has a fast one (else a scan on demand). */
export interface RowSource<K> {
  readonly length: number;
  keyAt(i: number): K;
  indexOf?(key: K): number;
  /** `indexOf` walks the rows (Array.indexOf): for more than a few keys one scan is cheaper. */
  indexScans?: boolean;
}

/** Rows first…last-1 (last exclusive). */
export interface WindowRange {
  first: number;
  last: number;
}

/** The view's top is `offset` px below the top of row `key` (negative: above it). */
export interface Anchor<K> {
  key: K;
  offset: number;
}

export interface RangeOptions {
  /** Rows drawn beyond each edge of the view. */
  overscan?: number;
  /** The focused row, drawn with `focusMargin` rows each side even when out of view. */
  focusIndex?: number;
  focusMargin?: number;
}

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

const EMPTY: RowSource<never> = { length: 0, keyAt: () => undefined as never };

/** Rows from an array of keys (a Map index is built on the first `indexOf`). */
export function arrayRows<K>(keys: readonly K[]): RowSource<K> {
  let index: Map<K, number> | null = null;
  return {
    length: keys.length,
    keyAt: (i) => keys[i] as K,
    indexOf(key) {
      if (!index) {
        index = new Map();
        for (let i = 0; i < keys.length; i++) index.set(keys[i] as K, i);
      }
      return index.get(key) ?? -1;
    },
  };
}

/** Rows 0…length-1 keyed by their index (fixed lists that never move). */
export function indexRows(length: number): RowSource<number> {
  return { length, keyAt: (i) => i, indexOf: (k) => (k >= 0 && k < length && Number.isInteger(k) ? k : -1) };
}

export interface WindowModelOptions {
  policy: HeightPolicy;
  /** The common (uniform) or least (keyed) row height, px. */
  rowHeight: number;
  /** Most keyed heights remembered; beyond it the oldest measured go (default 20,000). */
  maxKnown?: number;
}

export class WindowModel<K> {
  readonly policy: HeightPolicy;
  private rows: RowSource<K> = EMPTY;
  private rh: number;
  private readonly maxKnown: number;
  private readonly known = new Map<K, number>();
  private knownSum = 0;
  /** Sparse layout: indices of rows with a known height, and the running sum of their deltas. */
  private oddIdx: Int32Array | null = null;
  private oddCum: Float64Array = new Float64Array(0);
  private oddBase = -1;

  constructor(opts: WindowModelOptions) {
    this.policy = opts.policy;
    this.rh = opts.rowHeight;
    this.maxKnown = opts.maxKnown ?? 20_000;
  }

  // ── rows and heights ──────────────────────────────────────────────────────────────

  setRows(rows: RowSource<K>): void {
    this.rows = rows;
    this.oddIdx = null;
  }

  get length(): number {
    return this.rows.length;
  }

  keyAt(i: number): K {
    return this.rows.keyAt(i);
  }

  indexOf(key: K): number {
    const r = this.rows;
    if (r.indexOf) return r.indexOf(key);
    for (let i = 0; i < r.length; i++) if (Object.is(r.keyAt(i), key)) return i;
    return -1;
  }

  get rowHeight(): number {
    return this.rh;
  }

  set rowHeight(h: number) {
    if (h > 0 && h !== this.rh) {
      this.rh = h;
      this.oddIdx = null;
    }
  }

  /** The height of rows not measured: the common height, or (keyed) the measured average. */
  get baseHeight(): number {
    if (this.policy !== 'keyed' || this.known.size === 0) return this.rh;
    return Math.max(this.rh, this.knownSum / this.known.size);
  }

  /** Record a row's measured height; returns whether it changed. Ignored for `uniform`. */
  setHeight(key: K, h: number): boolean {
    if (this.policy === 'uniform' || !(h > 0)) return false;
    const old = this.known.get(key);
    if (old === h) return false;
    if (this.policy === 'exceptions' && h === this.rh && old === undefined) return false;
    if (old !== undefined) this.known.delete(key); // re-inserted: the newest measured go last
    this.known.set(key, h);
    this.knownSum += h - (old ?? 0);
    if (this.known.size > this.maxKnown) {
      for (const [k, v] of this.known) {
        this.known.delete(k);
        this.knownSum -= v;
        if (this.known.size <= this.maxKnown) break;
      }
    }
    this.oddIdx = null;
    return true;
  }

  heightOf(key: K): number {
    return this.known.get(key) ?? this.baseHeight;
  }

  heightAt(i: number): number {
    return this.heightOf(this.rows.keyAt(i));
  }

  /** Heights known by key (for a surface deciding what to measure). */
  get knownCount(): number {
    return this.known.size;
  }

  clearHeights(): void {
    this.known.clear();
    this.knownSum = 0;
    this.oddIdx = null;
  }

  // ── positions ─────────────────────────────────────────────────────────────────────

  /** The sorted indices of rows whose height differs from the base, with their running deltas. */
  private odd(): { idx: Int32Array; cum: Float64Array } {
    const base = this.baseHeight;
    if (this.oddIdx && this.oddBase === base) return { idx: this.oddIdx, cum: this.oddCum };
    const found: number[] = [];
    if (this.known.size) {
      const r = this.rows;
      if (r.indexOf && !(r.indexScans && this.known.size > 8)) {
        for (const k of this.known.keys()) {
          const i = r.indexOf(k);
          if (i >= 0) found.push(i);
        }
        found.sort((a, b) => a - b);
      } else {
        for (let i = 0; i < r.length; i++) if (this.known.has(r.keyAt(i))) found.push(i);
      }
    }
    const idx = Int32Array.from(found);
    const cum = new Float64Array(idx.length + 1);
    for (let j = 0; j < idx.length; j++) cum[j + 1] = cum[j] + (this.heightAt(idx[j]) - base);
    this.oddIdx = idx;
    this.oddCum = cum;
    this.oddBase = base;
    return { idx, cum };
  }

  /** How many odd rows have an index below i. */
  private static below(idx: Int32Array, i: number): number {
    let lo = 0;
    let hi = idx.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (idx[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The top of row i (i may be `length`: the total height). */
  offsetOf(i: number): number {
    const n = this.rows.length;
    const c = Math.max(0, Math.min(i, n));
    const base = this.baseHeight;
    if (this.policy === 'uniform' || this.known.size === 0) return c * base;
    const { idx, cum } = this.odd();
    return c * base + cum[WindowModel.below(idx, c)];
  }

  get totalHeight(): number {
    return this.offsetOf(this.rows.length);
  }

  /** The row at y px from the top (clamped to the rows; 0 when there are none). */
  indexAt(y: number): number {
    const n = this.rows.length;
    if (n === 0 || y <= 0) return 0;
    const base = this.baseHeight;
    if (this.policy === 'uniform' || this.known.size === 0) return Math.min(n - 1, Math.floor(y / base));
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsetOf(mid) <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The furthest scrollTop for a viewport of this height. */
  maxTop(viewport: number): number {
    return Math.max(0, this.totalHeight - viewport);
  }

  /** Clamp a scroll position to the content. */
  clampTop(top: number, viewport: number): number {
    return Math.max(0, Math.min(top, this.maxTop(viewport)));
  }

  /** Where the view is for a follow mode (`none`: the given top, clamped). */
  followTop(follow: Follow, top: number, viewport: number): number {
    if (follow === 'start') return 0;
    if (follow === 'end') return this.maxTop(viewport);
    return this.clampTop(top, viewport);
  }

  // ── ranges ────────────────────────────────────────────────────────────────────────

  /** The contiguous range of rows in view (plus overscan). */
  visible(top: number, viewport: number, overscan = 0): WindowRange {
    const n = this.rows.length;
    if (n === 0) return { first: 0, last: 0 };
    if (this.policy === 'uniform' || this.known.size === 0) {
      // Arithmetic (every frame of a feed comes here: no calls it does not need).
      const h = this.baseHeight;
      const t = Math.max(0, Math.min(top, n * h - viewport));
      const first = Math.max(0, Math.floor(t / h) - overscan);
      const last = Math.min(n, Math.ceil((t + Math.max(viewport, 1)) / h) + overscan);
      return { first, last: Math.max(first, last) };
    }
    const t = this.clampTop(top, viewport);
    const first = Math.max(0, this.indexAt(t) - overscan);
    const bottom = t + Math.max(viewport, 1);
    let end = this.indexAt(bottom);
    if (this.offsetOf(end) < bottom) end++;
    const last = Math.min(n, end + overscan);
    return { first, last: Math.max(first, last) };
  }

  /**
   * The spans of rows to draw, in order and disjoint: the view's range (plus overscan) and the
   * focused row's neighbourhood (so Tab and arrow keys always find the next row drawn).
   * `top` is not clamped (a band measured on the page may start above or below the rows).
   */
  spans(top: number, viewport: number, opts: RangeOptions = {}): [number, number][] {
    const n = this.rows.length;
    if (n === 0) return [];
    const over = opts.overscan ?? 0;
    const start = Math.max(0, this.indexAt(top) - over);
    const end = Math.min(n, this.indexAt(top + viewport) + 1 + over);
    const fi = opts.focusIndex ?? -1;
    if (fi < 0 || fi >= n) return [[start, end]];
    const m = opts.focusMargin ?? 0;
    const f: [number, number] = [Math.max(0, fi - m), Math.min(n, fi + m + 1)];
    if (f[1] < start) return [f, [start, end]];
    if (f[0] > end) return [[start, end], f];
    return [[Math.min(start, f[0]), Math.max(end, f[1])]];
  }

  // ── anchors and reveal ────────────────────────────────────────────────────────────

  /** The row at the top of the view and how far into it the view starts. */
  anchorAt(top: number): Anchor<K> | null {
    if (this.rows.length === 0) return null;
    const i = this.indexAt(Math.max(0, top));
    return { key: this.rows.keyAt(i), offset: Math.max(0, top) - this.offsetOf(i) };
  }

  /** The scrollTop that puts the anchor back at the top of the view; null when its row went. */
  topOf(anchor: Anchor<K>): number | null {
    const i = this.indexOf(anchor.key);
    return i < 0 ? null : this.offsetOf(i) + anchor.offset;
  }

  /**
   * The scrollTop nearest `top` that shows row i entirely (its top when it is taller than the
   * view); `margin` px kept clear above and below (a sticky header, a focus ring).
   */
  revealTop(i: number, top: number, viewport: number, margin = 0): number {
    if (i < 0 || i >= this.rows.length) return top;
    const a = this.offsetOf(i) - margin;
    const b = this.offsetOf(i + 1) + margin;
    let t = top;
    if (b - a >= viewport || a < t) t = a;
    else if (b > t + viewport) t = b - viewport;
    return this.clampTop(t, viewport);
  }

  // ── anchored layout (rows measured as they are drawn) ─────────────────────────────

  private measured(first: number, last: number, draw: DrawMeasured): number[] {
    const hs = draw(first, last);
    const out: number[] = new Array(last - first);
    for (let k = 0; k < out.length; k++) {
      const h = hs[k] || this.rh;
      out[k] = h;
      this.setHeight(this.rows.keyAt(first + k), h);
    }
    return out;
  }

  /**
   * Following the end: the newest rows are drawn from the bottom up until they fill the view
   * (measured as drawn; up to three more passes when the estimates were short).
   */
  layoutEnd(viewport: number, draw: DrawMeasured): AnchoredLayout<K> {
    const n = this.rows.length;
    if (n === 0) {
      draw(0, 0);
      return { first: 0, last: 0, scrollTop: 0, height: 0, blockTop: 0, anchor: null };
    }
    let first = n;
    let est = 0;
    while (first > 0 && est < viewport) est += this.heightAt(--first);
    let hs = this.measured(first, n, draw);
    let total = sum(hs);
    for (let pass = 0; pass < 3 && total < viewport && first > 0; pass++) {
      while (first > 0 && est < viewport + (viewport - total)) est += this.heightAt(--first);
      hs = this.measured(first, n, draw);
      total = sum(hs);
    }
    const height = Math.max(viewport, Math.round(first * this.baseHeight) + total);
    const scrollTop = Math.max(0, height - viewport);
    // The anchor a pause would start from: the row at the top of the view.
    let a = first;
    let off = scrollTop - (height - total);
    while (a < n - 1 && off >= hs[a - first]) off -= hs[a++ - first];
    return { first, last: n, scrollTop, height, blockTop: height - total, anchor: { key: this.rows.keyAt(a), offset: Math.max(0, off) } };
  }

  /**
   * Paused at an anchor: rows are drawn down from it (and `overscanRows`/`overscanPx` above) and
   * measured; the anchor then moves by real heights, so scrolling into rows never drawn before
   * does not make what is on screen jump. The scroll height and position are estimates around
   * the anchor (rows not drawn count the base height). An anchor whose row went (evicted,
   * filtered out) falls back to the row now at its index, or the first.
   */
  layoutAnchored(anchor: Anchor<K> | null, anchorIndexHint: number, viewport: number, draw: DrawMeasured, overscan: { rows: number; px: number }): AnchoredLayout<K> {
    const n = this.rows.length;
    if (n === 0) {
      draw(0, 0);
      return { first: 0, last: 0, scrollTop: 0, height: 0, blockTop: 0, anchor: null };
    }
    let a = 0;
    let off = 0;
    if (anchor) {
      const i = this.indexOf(anchor.key);
      if (i >= 0) {
        a = i;
        off = anchor.offset;
      } else a = Math.max(0, Math.min(n - 1, anchorIndexHint));
    }
    for (let pass = 0; ; pass++) {
      let first = a;
      let est = 0;
      while (first > 0 && (est < Math.max(0, -off) + overscan.px || a - first < overscan.rows)) est += this.heightAt(--first);
      let last = a;
      est = 0;
      while (last < n && est < off + viewport + overscan.px) est += this.heightAt(last++);
      if (last === a) last = Math.min(n, a + 1);
      const hs = this.measured(first, last, draw);
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
      const base = this.baseHeight;
      const top = Math.round(a * base + off);
      const height = Math.max(top + viewport, Math.round(top - off + below + (n - last) * base));
      return { first, last, scrollTop: top, height, blockTop: top - off - above, anchor: { key: this.rows.keyAt(a), offset: off } };
    }
  }

  /**
   * The user scrolled an anchored layout from `from` to `to`: small moves carry the anchor by
   * the delta (the next layout moves it by measured heights); a jump (scrollbar drag, Home)
   * goes by proportion.
   */
  scrollAnchor(anchor: Anchor<K> | null, from: number, to: number, viewport: number): Anchor<K> | null {
    const n = this.rows.length;
    if (n === 0) return null;
    const delta = to - from;
    const i = anchor ? this.indexOf(anchor.key) : -1;
    if (Math.abs(delta) > 3 * viewport || to <= 0 || i < 0) {
      const base = this.baseHeight;
      const a = Math.max(0, Math.min(n - 1, Math.floor(to / base)));
      return { key: this.rows.keyAt(a), offset: to <= 0 ? 0 : Math.max(0, to - a * base) };
    }
    return { key: anchor!.key, offset: anchor!.offset + delta };
  }
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
