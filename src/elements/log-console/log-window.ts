/**
 * The console's paint arithmetic: which rows of the filtered list are drawn into the pool of
 * row elements (log-rows.ts), where the pool sits in the scroller, and where the scroller is.
 * It owns the scroller's size (a ResizeObserver from `attach` to `detach`) and the scroll model (the top in px for fixed-height rows; for wrapped rows, measured
 * heights keyed by `seq`, their average, and the paused `(seq, offset)` anchor). It owns no
 * listener and no timer: the element calls `paint()` after each update and on stream frames,
 * and follow-controller.ts tells it about the user's scrolls.
 *
 * Two windows: wrap off, every row is `rowHeight` high and the window is arithmetic; wrap on,
 * rows have their own heights, drawn from the newest up while following and anchored at the
 * row at the top of the view while paused. (This is the part that moves into the shared
 * window, src/elements/shared/window/, through its imperative-pool hook.)
 */
import type { LogModel } from './log-buffer.js';
import { drawRow, sizePool, type RowContext } from './log-rows.js';

/** Rows in the DOM beyond the visible ones, above and below. */
const OVERSCAN = 3;
/** Wrapped rows: pixels drawn beyond the visible ones, above and below. */
const OVERSCAN_PX = 60;
/**
 * While paused the "↓ N new lines" button floats over the bottom of the view (12px up, ~30px
 * high): the fixed window adds this much room below the last line, and a line revealed for
 * keyboard focus stays above it, so the button never hides the focused line.
 */
export const PAUSED_BOTTOM_PAD = 48;

export interface LogWindowHost {
  readonly model: LogModel;
  /** The view sticks to the newest line. */
  following(): boolean;
  /** What every drawn row needs (buffer, highlight, current match…). */
  rowContext(): RowContext;
  /** The window set the scroller's position: the scroll event that follows is not the user's. */
  scrolledTo(top: number): void;
  /** A scroll event of the window's own is still due. */
  ownScrollPending(): boolean;
}

export class LogWindow {
  rowHeight = 20;
  viewportHeight = 0;
  /** Wrap off: the scroll position the user chose (px), kept while rows come and go. */
  scrollTopModel = 0;
  /** Wrapped rows: measured heights by sequence number, and their running average. */
  private heights = new Map<number, number>();
  private heightSum = 0;
  avgHeight = 20;
  /** Wrapped and paused: the row at the top of the view, and how far the view's top is below its top. */
  anchorSeq = -1;
  anchorOffset = 0;
  /** Wrapped: the scroll position the last paint put the view at. */
  wrapTop = 0;

  private resizeObserver?: ResizeObserver;

  constructor(private readonly host: LogWindowHost) {}

  /**
   * Start measuring the scroller (after the first render): its height sets the window's; a new
   * width re-measures wrapped rows. `rowHeight` is the CSS row height (NaN: keep 20px).
   */
  attach(v: HTMLElement, rowHeight: number, changed: () => void): void {
    if (rowHeight > 0) this.rowHeight = rowHeight;
    this.avgHeight = this.rowHeight;
    let width = 0;
    this.resizeObserver?.disconnect();
    this.resizeObserver = new ResizeObserver(() => {
      const h = v.clientHeight;
      const w = v.clientWidth;
      if (w !== width) {
        // Wrapped rows change height with the width: measure again.
        width = w;
        this.clearHeights();
        changed();
      }
      if (h !== this.viewportHeight) {
        this.viewportHeight = h;
        changed();
      }
    });
    this.resizeObserver.observe(v);
    this.viewportHeight = v.clientHeight;
  }

  detach(): void {
    this.resizeObserver?.disconnect();
  }

  /** Everything dropped (the console was cleared). */
  reset(): void {
    this.scrollTopModel = 0;
    this.anchorSeq = -1;
    this.anchorOffset = 0;
  }

  /** Draw the rows of the window and put the scroller where the model says. */
  paint(v: HTMLElement, spacer: HTMLElement, pool: HTMLElement, wrap: boolean): void {
    if (wrap) this.paintWrapped(v, spacer, pool);
    else this.paintFixed(v, spacer, pool);
  }

  /** Rows per view (at least one). */
  visibleCount(): number {
    return Math.max(1, Math.ceil((this.viewportHeight || 400) / this.rowHeight));
  }

  /** Wrap off: the index of the first row in view. */
  firstVisibleRow(): number {
    return Math.floor(this.scrollTopModel / this.rowHeight);
  }

  /** Wrap off: the sequence number of the row at the top of the view, or -1. */
  topSeq(): number {
    const rows = this.host.model.rows;
    const i = this.firstVisibleRow();
    return i < rows.length ? rows.seqAt(i) : -1;
  }

  /** `trimmed` rows went from the front (the ring evicted them): keep what is read where it is. */
  trimmed(trimmed: number): void {
    this.scrollTopModel = Math.max(0, this.scrollTopModel - trimmed * this.rowHeight);
  }

  /** Put row `i` in the middle of the view (a search match), in both windows. */
  centre(i: number, wrap: boolean): void {
    const rows = this.host.model.rows;
    this.scrollTopModel = Math.max(0, i * this.rowHeight - this.viewportHeight / 2 + this.rowHeight / 2);
    if (!wrap) return;
    // Wrapped: the view's top is half a view above the middle of its row.
    this.anchorSeq = rows.seqAt(i);
    this.anchorOffset = this.heightOf(this.anchorSeq) / 2 - (this.viewportHeight || 400) / 2;
  }

  /**
   * Bring row `i` fully into view with the least movement (keyboard focus), in both windows.
   * Returns false when it already is.
   */
  reveal(i: number, wrap: boolean, v: HTMLElement | undefined): boolean {
    const rows = this.host.model.rows;
    if (i < 0 || i >= rows.length) return false;
    if (!wrap) {
      const rh = this.rowHeight;
      const vh = (this.viewportHeight || 400) - PAUSED_BOTTOM_PAD;
      const top = i * rh;
      if (top < this.scrollTopModel) this.scrollTopModel = top;
      else if (top + rh > this.scrollTopModel + vh) this.scrollTopModel = Math.max(0, top + rh - vh);
      else return false;
      return true;
    }
    // Wrapped: a drawn row is measured against the view; one not drawn becomes the anchor.
    const seq = rows.seqAt(i);
    const el = v?.querySelector<HTMLElement>(`.rows > [data-seq="${seq}"]`);
    if (v && el) {
      const vr = v.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      const bottom = vr.bottom - PAUSED_BOTTOM_PAD;
      if (r.top >= vr.top - 0.5 && r.bottom <= bottom + 0.5) return false;
      if (r.top < vr.top) {
        // Above: the view starts at its top.
        this.anchorSeq = seq;
        this.anchorOffset = 0;
      } else {
        // Below: the view moves down until its bottom shows (its top, if taller than the view).
        this.anchorFromView(v, el.parentElement as HTMLElement);
        this.anchorOffset += Math.min(r.bottom - bottom, r.top - vr.top);
      }
      return true;
    }
    this.anchorSeq = seq;
    this.anchorOffset = 0;
    return true;
  }

  /** Wrap was switched while paused: keep the line at the top of the view. */
  wrapChanged(wrap: boolean): void {
    const rows = this.host.model.rows;
    if (wrap) {
      const i = Math.min(rows.length - 1, Math.floor(this.scrollTopModel / this.rowHeight));
      this.anchorSeq = i >= 0 ? rows.seqAt(i) : -1;
      this.anchorOffset = 0;
    } else {
      const i = this.anchorSeq >= 0 ? rows.indexOf(this.anchorSeq) : 0;
      this.scrollTopModel = i * this.rowHeight;
    }
  }

  private setBox(spacer: HTMLElement, pool: HTMLElement, height: number, top: number): void {
    const h = `${height}px`;
    if (spacer.style.height !== h) spacer.style.height = h;
    const t = `translateY(${top}px)`;
    if (pool.style.transform !== t) pool.style.transform = t;
  }

  /** Wrap off: every row is `rowHeight` high, so the window is arithmetic. */
  private paintFixed(v: HTMLElement, spacer: HTMLElement, pool: HTMLElement): void {
    const rows = this.host.model.rows;
    const following = this.host.following();
    const n = rows.length;
    const rh = this.rowHeight;
    const vh = this.viewportHeight || 400;
    const content = n * rh + (following ? 0 : PAUSED_BOTTOM_PAD);
    const top = following ? Math.max(0, n * rh - vh) : Math.min(this.scrollTopModel, Math.max(0, content - vh));
    const over = following ? 0 : OVERSCAN;
    const first = Math.max(0, Math.floor(top / rh) - over);
    const last = Math.min(n, Math.ceil((top + vh) / rh) + over);
    this.setBox(spacer, pool, content, first * rh);
    const ph = `${Math.max(0, last - first) * rh}px`;
    if (pool.style.height !== ph) pool.style.height = ph;
    const els = sizePool(pool, Math.max(0, last - first));
    const ctx = this.host.rowContext();
    for (let k = 0; k < els.length; k++) drawRow(els[k], rows.seqAt(first + k), rows.countAt(first + k), first + k, ctx);
    const target = following ? Math.max(0, v.scrollHeight - v.clientHeight) : this.scrollTopModel;
    if (Math.abs(v.scrollTop - target) >= 1) {
      v.scrollTop = target;
      this.host.scrolledTo(v.scrollTop);
    }
    if (following) this.scrollTopModel = v.scrollTop;
  }

  clearHeights(): void {
    this.heights.clear();
    this.heightSum = 0;
  }

  private heightOf(seq: number): number {
    return this.heights.get(seq) ?? this.avgHeight;
  }

  /** Draw rows `first`…`last - 1` into the pool and measure them; returns their heights. */
  private drawMeasured(pool: HTMLElement, first: number, last: number): number[] {
    const rows = this.host.model.rows;
    const els = sizePool(pool, last - first);
    const ctx = this.host.rowContext();
    for (let k = 0; k < els.length; k++) drawRow(els[k], rows.seqAt(first + k), rows.countAt(first + k), first + k, ctx);
    const out: number[] = new Array(els.length);
    if (this.heights.size > 20_000) this.clearHeights();
    for (let k = 0; k < els.length; k++) {
      const h = els[k].offsetHeight || this.rowHeight;
      out[k] = h;
      const seq = rows.seqAt(first + k);
      const old = this.heights.get(seq);
      if (old !== h) {
        this.heightSum += h - (old ?? 0);
        this.heights.set(seq, h);
      }
    }
    if (this.heights.size > 0) this.avgHeight = Math.max(this.rowHeight, this.heightSum / this.heights.size);
    return out;
  }

  /**
   * Wrap on: rows have their own heights. Following, the newest rows are drawn from the bottom
   * up until they fill the view. Paused, the view is anchored at the row at its top (and how
   * far into it the view starts): rows are drawn down from there and measured; the scroller's
   * height and position are estimates around that anchor (rows not drawn count the average
   * height), corrected as rows are measured, without moving what is on screen.
   */
  private paintWrapped(v: HTMLElement, spacer: HTMLElement, pool: HTMLElement): void {
    if (pool.style.height) pool.style.height = '';
    const rows = this.host.model.rows;
    const n = rows.length;
    const vh = this.viewportHeight || v.clientHeight || 400;
    if (n === 0) {
      sizePool(pool, 0);
      this.setBox(spacer, pool, 0, 0);
      this.wrapTop = 0;
      return;
    }
    if (this.host.following()) {
      const want = vh;
      let first = n;
      let est = 0;
      while (first > 0 && est < want) est += this.heightOf(rows.seqAt(--first));
      let hs = this.drawMeasured(pool, first, n);
      let total = hs.reduce((a, b) => a + b, 0);
      for (let pass = 0; pass < 3 && total < want && first > 0; pass++) {
        while (first > 0 && est < want + (want - total)) est += this.heightOf(rows.seqAt(--first));
        hs = this.drawMeasured(pool, first, n);
        total = hs.reduce((a, b) => a + b, 0);
      }
      const height = Math.max(vh, Math.round(first * this.avgHeight) + total);
      this.setBox(spacer, pool, height, height - total);
      this.setWrapTop(v, Math.max(0, height - vh));
      return;
    }
    // Paused: anchored. A scroll of the user's not handled yet moves the anchor first (or the
    // position set below would undo it).
    if (!this.host.ownScrollPending() && Math.abs(v.scrollTop - this.wrapTop) >= 1) this.scrollWrapped(v);
    let a = this.anchorSeq >= 0 ? Math.min(n - 1, rows.indexOf(this.anchorSeq)) : 0;
    // `off` may be negative (the view starts above the anchor row) or beyond its bottom: the rows
    // around the anchor are drawn and measured first, then the anchor moves by real heights, so
    // scrolling into rows never drawn before does not make what is on screen jump.
    let off = this.anchorOffset;
    if (this.anchorSeq >= 0 && rows.seqAt(a) !== this.anchorSeq) off = 0; // the anchor line went (evicted or filtered out)
    for (let pass = 0; ; pass++) {
      let first = a;
      let est = 0;
      while (first > 0 && (est < Math.max(0, -off) + OVERSCAN_PX || a - first < OVERSCAN)) est += this.heightOf(rows.seqAt(--first));
      let last = a;
      est = 0;
      while (last < n && est < off + vh + OVERSCAN_PX) est += this.heightOf(rows.seqAt(last++));
      if (last === a) last = Math.min(n, a + 1);
      const hs = this.drawMeasured(pool, first, last);
      const h = (i: number) => hs[i - first];
      let above = 0;
      for (let i = first; i < a; i++) above += h(i);
      let below = 0;
      for (let i = a; i < last; i++) below += h(i);
      const more = pass < 4 && ((-off > above && first > 0) || (off + vh > below && last < n));
      if (more) continue; // estimates were short: draw again with the heights now measured
      // Normalize with measured heights: the view's top inside row `a`.
      while (off < 0 && a > first) off += h(--a);
      if (off < 0) off = 0;
      while (a < last - 1 && off >= h(a)) off -= h(a++);
      // The end of the log in view: bottom-align it (above the "new lines" button), with rows from above.
      const end = vh - PAUSED_BOTTOM_PAD;
      below = 0;
      for (let i = a; i < last; i++) below += h(i);
      if (last === n && below - off < end) {
        off = below - end;
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
      const top = Math.round(a * this.avgHeight + off);
      const height = Math.max(top + vh, Math.round(top - off + below + (n - last) * this.avgHeight));
      this.setBox(spacer, pool, height, top - off - above);
      this.anchorSeq = rows.seqAt(a);
      this.anchorOffset = off;
      this.setWrapTop(v, top);
      return;
    }
  }

  private setWrapTop(v: HTMLElement, top: number): void {
    this.wrapTop = top;
    if (Math.abs(v.scrollTop - top) >= 1) {
      v.scrollTop = top;
      this.host.scrolledTo(v.scrollTop);
      this.wrapTop = v.scrollTop;
    }
  }

  /** Wrapped: take the row at the top of the view (as drawn) as the anchor, before pausing. */
  anchorFromView(v: HTMLElement, pool: HTMLElement): void {
    const top = v.getBoundingClientRect().top;
    for (const row of Array.from(pool.children) as HTMLElement[]) {
      const r = row.getBoundingClientRect();
      if (r.bottom > top + 0.5) {
        const seq = Number(row.getAttribute('data-seq'));
        if (!Number.isFinite(seq)) return;
        this.anchorSeq = seq;
        this.anchorOffset = Math.max(0, top - r.top);
        return;
      }
    }
  }

  /** Wrapped and paused: the user scrolled by `delta` px; move the anchor by as much. */
  scrollWrapped(v: HTMLElement): void {
    const rows = this.host.model.rows;
    const n = rows.length;
    if (n === 0) return;
    const st = v.scrollTop;
    const delta = st - this.wrapTop;
    this.wrapTop = st;
    const vh = this.viewportHeight || v.clientHeight || 400;
    let a: number;
    let off: number;
    if (Math.abs(delta) > 3 * vh || st <= 0) {
      // A jump (scrollbar drag, Home): go by proportion.
      a = Math.max(0, Math.min(n - 1, Math.floor(st / this.avgHeight)));
      off = st <= 0 ? 0 : Math.max(0, st - a * this.avgHeight);
    } else {
      // Small moves keep the anchor; the next paint moves it by measured heights.
      a = this.anchorSeq >= 0 ? Math.min(n - 1, rows.indexOf(this.anchorSeq)) : 0;
      off = this.anchorOffset + delta;
    }
    this.anchorSeq = rows.seqAt(a);
    this.anchorOffset = off;
  }

  /** Wrapped: the last row is drawn and its bottom is at the view's bottom. */
  atWrappedEnd(v: HTMLElement, pool: HTMLElement): boolean {
    const last = pool.lastElementChild;
    if (!last) return false;
    const rows = this.host.model.rows;
    if (Number(last.getAttribute('data-seq')) !== rows.seqAt(rows.length - 1)) return false;
    return last.getBoundingClientRect().bottom <= v.getBoundingClientRect().bottom + 2;
  }
}
