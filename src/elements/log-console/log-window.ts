/**
 * The console's window over the filtered list, on the shared window (src/elements/shared/window/):
 * a `WindowModel` keyed by `seq` (uniform rows with wrap off, measured rows with wrap on) and
 * the pool hook (`paintPool`) that draws rows into the pool of row elements (log-rows.ts). This
 * file owns what is the console's own: the scroller's size (a ResizeObserver from `attach` to
 * `detach`), the scroll model (the top in px for fixed-height rows; the paused `(seq, offset)`
 * anchor for wrapped rows), the room kept below the last line for the "new lines" button, and
 * keyboard reveal. It owns no listener and no timer: the element calls `paint()` after each
 * update and on stream frames, and follow-controller.ts tells it about the user's scrolls.
 */
import { paintPool, scrollAnchor, WindowModel, type Anchor, type RowPool } from '../shared/window/index.js';
import type { LogModel } from './log-buffer.js';
import { drawRow, sizePool, type RowContext } from './log-rows.js';

/** Rows in the DOM beyond the visible ones, above and below. */
const OVERSCAN = 3;
/** Wrapped rows: pixels drawn beyond the visible ones, above and below. */
const OVERSCAN_PX = 60;
/**
 * While paused the "↓ N new lines" button floats over the bottom of the view (12px up, ~30px
 * high): the window adds this much room below the last line, and a line revealed for
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
  private rh = 20;
  viewportHeight = 0;
  /** Wrap off: the scroll position the user chose (px), kept while rows come and go. */
  scrollTopModel = 0;
  /** Wrapped and paused: the row at the top of the view, and how far the view's top is below its top. */
  anchor: Anchor<number> | null = null;
  /** Wrapped: the scroll position the last paint put the view at. */
  wrapTop = 0;
  /** The rows and (wrapped) their measured heights by seq. */
  private model = new WindowModel<number>({ policy: 'uniform', rowHeight: 20 });

  private resizeObserver?: ResizeObserver;
  /** The scroller being measured (null: detached, e.g. while the element is out of the DOM). */
  private observed: HTMLElement | null = null;

  constructor(private readonly host: LogWindowHost) {}

  get rowHeight(): number {
    return this.rh;
  }

  set rowHeight(h: number) {
    this.rh = h;
    this.model.rowHeight = h;
  }

  /** The row at the top of the view while wrapped and paused, or -1. */
  get anchorSeq(): number {
    return this.anchor ? this.anchor.key : -1;
  }

  /** The model for the wrap mode, with the current rows. */
  private sync(wrap: boolean): WindowModel<number> {
    const policy = wrap ? 'keyed' : 'uniform';
    if (this.model.policy !== policy) this.model = new WindowModel<number>({ policy, rowHeight: this.rh });
    const rows = this.host.model.rows;
    this.model.setRows({
      length: rows.length,
      keyAt: (i) => rows.seqAt(i),
      indexOf: (s) => {
        const i = rows.indexOf(s);
        return i < rows.length && rows.seqAt(i) === s ? i : -1;
      },
    });
    return this.model;
  }

  /**
   * Measure the scroller (called after every render; a no-op while it is measured, so again
   * after `detach`): its height sets the window's; a new width re-measures wrapped rows.
   * `rowHeight` reads the CSS row height (NaN: keep 20px).
   */
  attach(v: HTMLElement, rowHeight: () => number, changed: () => void): void {
    if (this.observed === v) return;
    this.observed = v;
    const rh = rowHeight();
    if (rh > 0) this.rowHeight = rh;
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

  /** Stop measuring (the element left the DOM); `attach` again when it is back. */
  detach(): void {
    this.resizeObserver?.disconnect();
    this.observed = null;
  }

  /** Everything dropped (the console was cleared). */
  reset(): void {
    this.scrollTopModel = 0;
    this.anchor = null;
  }

  clearHeights(): void {
    this.model.clearHeights();
  }

  /** Rows per view (at least one). */
  visibleCount(): number {
    return Math.max(1, Math.ceil((this.viewportHeight || 400) / this.rh));
  }

  /** Wrap off: the index of the first row in view. */
  firstVisibleRow(): number {
    return Math.floor(this.scrollTopModel / this.rh);
  }

  /** Wrap off: the sequence number of the row at the top of the view, or -1. */
  topSeq(): number {
    const rows = this.host.model.rows;
    const i = this.firstVisibleRow();
    return i < rows.length ? rows.seqAt(i) : -1;
  }

  /** `trimmed` rows went from the front (the ring evicted them): keep what is read where it is. */
  trimmed(trimmed: number): void {
    this.scrollTopModel = Math.max(0, this.scrollTopModel - trimmed * this.rh);
  }

  /** Put row `i` in the middle of the view (a search match), in both windows. */
  centre(i: number, wrap: boolean): void {
    const rows = this.host.model.rows;
    this.scrollTopModel = Math.max(0, i * this.rh - this.viewportHeight / 2 + this.rh / 2);
    if (!wrap) return;
    // Wrapped: the view's top is half a view above the middle of its row.
    const seq = rows.seqAt(i);
    this.anchor = { key: seq, offset: this.sync(true).heightOf(seq) / 2 - (this.viewportHeight || 400) / 2 };
  }

  /**
   * Bring row `i` fully into view with the least movement (keyboard focus), in both windows.
   * Returns false when it already is.
   */
  reveal(i: number, wrap: boolean, v: HTMLElement | undefined): boolean {
    const rows = this.host.model.rows;
    if (i < 0 || i >= rows.length) return false;
    if (!wrap) {
      const rh = this.rh;
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
        this.anchor = { key: seq, offset: 0 };
      } else {
        // Below: the view moves down until its bottom shows (its top, if taller than the view).
        this.anchorFromView(v, el.parentElement as HTMLElement);
        if (this.anchor) this.anchor = { key: this.anchor.key, offset: this.anchor.offset + Math.min(r.bottom - bottom, r.top - vr.top) };
      }
      return true;
    }
    this.anchor = { key: seq, offset: 0 };
    return true;
  }

  /** Wrap was switched while paused: keep the line at the top of the view. */
  wrapChanged(wrap: boolean): void {
    const rows = this.host.model.rows;
    if (wrap) {
      const i = Math.min(rows.length - 1, Math.floor(this.scrollTopModel / this.rh));
      this.anchor = i >= 0 ? { key: rows.seqAt(i), offset: 0 } : null;
    } else {
      const i = this.anchor ? rows.indexOf(this.anchor.key) : 0;
      this.scrollTopModel = i * this.rh;
    }
  }

  /** The pool hook: rows drawn by index into the reused row elements, the spacer and block placed. */
  private pool(spacer: HTMLElement, pool: HTMLElement, pad: number): RowPool {
    const rows = this.host.model.rows;
    const ctx = this.host.rowContext();
    // The focused line's element is kept when it is scrolled out of the drawn rows (log-focus.keys.ts).
    const keep = ctx.keep?.(pool, this.model.baseHeight, ctx);
    return {
      draw(first, last, measure) {
        const els = keep ? keep.size(first, last) : sizePool(pool, Math.max(0, last - first));
        for (let k = 0; k < els.length; k++) drawRow(els[k], rows.seqAt(first + k), rows.countAt(first + k), first + k, ctx);
        const out = measure ? els.map((e) => e.offsetHeight) : undefined;
        keep?.place(first, last, out ?? els.length);
        return out;
      },
      place(height, top, blockH) {
        const h = `${height + pad}px`;
        if (spacer.style.height !== h) spacer.style.height = h;
        const t = `translateY(${top}px)`;
        if (pool.style.transform !== t) pool.style.transform = t;
        const ph = blockH === null ? '' : `${Math.max(0, blockH)}px`;
        if (pool.style.height !== ph) pool.style.height = ph;
      },
    };
  }

  /**
   * Draw the rows of the window and put the scroller where the model says. Wrap off, every row
   * is `rowHeight` high and the window is arithmetic; wrap on, rows are drawn from the newest up
   * while following and anchored at the row at the top of the view while paused. Paused, the
   * window works on the view less the room kept for the "new lines" button (the end of the log
   * bottom-aligns above it), and the spacer adds that room back.
   */
  paint(v: HTMLElement, spacer: HTMLElement, pool: HTMLElement, wrap: boolean): void {
    const model = this.sync(wrap);
    const following = this.host.following();
    const vh = (wrap ? this.viewportHeight || v.clientHeight : this.viewportHeight) || 400;
    const pad = following || (wrap && model.length === 0) ? 0 : PAUSED_BOTTOM_PAD;
    // Wrapped and paused: a scroll of the user's not handled yet moves the anchor first (or
    // the position set below would undo it).
    if (wrap && !following && !this.host.ownScrollPending() && Math.abs(v.scrollTop - this.wrapTop) >= 1) this.scrollWrapped(v);
    const anchor = this.anchor;
    const r = paintPool(model, this.pool(spacer, pool, pad), {
      follow: following ? 'end' : 'none',
      scrollTop: this.scrollTopModel,
      anchor,
      anchorIndex: anchor ? this.host.model.rows.indexOf(anchor.key) : 0,
      viewport: vh - pad,
      overscan: OVERSCAN,
      overscanPx: OVERSCAN_PX + pad,
    });
    if (wrap) {
      if (!following) this.anchor = r.anchor;
      this.setWrapTop(v, r.scrollTop);
      return;
    }
    const target = following ? Math.max(0, v.scrollHeight - v.clientHeight) : this.scrollTopModel;
    if (Math.abs(v.scrollTop - target) >= 1) {
      v.scrollTop = target;
      this.host.scrolledTo(v.scrollTop);
    }
    if (following) this.scrollTopModel = v.scrollTop;
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
        this.anchor = { key: seq, offset: Math.max(0, top - r.top) };
        return;
      }
    }
  }

  /** Wrapped and paused: the user scrolled; move the anchor by as much (a jump: by proportion). */
  scrollWrapped(v: HTMLElement): void {
    const model = this.sync(true);
    if (model.length === 0) return;
    const st = v.scrollTop;
    const vh = this.viewportHeight || v.clientHeight || 400;
    const a = scrollAnchor(model, this.anchor, this.wrapTop, st, vh);
    this.wrapTop = st;
    if (a) this.anchor = a;
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
