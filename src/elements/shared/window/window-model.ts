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
 * measured as they are drawn, ./pool.ts keeps what is on screen still around an anchor
 * `(key, offset)` while everything off screen is an estimate (log-console's wrapped view).
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
  /**
   * A row outside first…last-1 drawn as well, off screen where it lies (the row keyboard focus
   * is on: removing it would drop focus to <body>); absent when there is none. See `keep`.
   */
  keep?: number;
}

/** The view's top is `offset` px below the top of row `key` (negative: above it). */
export interface Anchor<K> {
  key: K;
  offset: number;
}

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
}

/** The row at the top of the view and how far into it the view starts. */
export function anchorAt<K>(m: WindowModel<K>, top: number): Anchor<K> | null {
  if (m.length === 0) return null;
  const i = m.indexAt(Math.max(0, top));
  return { key: m.keyAt(i), offset: Math.max(0, top) - m.offsetOf(i) };
}

/** The scrollTop that puts the anchor back at the top of the view; null when its row went. */
export function topOf<K>(m: WindowModel<K>, anchor: Anchor<K>): number | null {
  const i = m.indexOf(anchor.key);
  return i < 0 ? null : m.offsetOf(i) + anchor.offset;
}

/**
 * The scrollTop nearest `top` that shows row i entirely (its top when it is taller than the
 * view); `margin` px kept clear above and below (a sticky header, a focus ring).
 */
export function revealTop<K>(m: WindowModel<K>, i: number, top: number, viewport: number, margin = 0): number {
  if (i < 0 || i >= m.length) return top;
  const a = m.offsetOf(i) - margin;
  const b = m.offsetOf(i + 1) + margin;
  let t = top;
  if (b - a >= viewport || a < t) t = a;
  else if (b > t + viewport) t = b - viewport;
  return m.clampTop(t, viewport);
}
