/**
 * The window controller: puts a `WindowModel` on a scroller. It owns the scroller attachment
 * (scroll and resize tracking), tells the user's scrolls from its own, keeps the scroll
 * position model (`scrollTop`, what the next render uses), follows none/start/end, captures and
 * restores an anchor across row changes, and scrolls to a key: `reveal(key)` draws the row and
 * scrolls it FULLY into view (what the row-focus controller calls).
 *
 * It asks the host to update only when the drawn range would change, not on every scroll pixel.
 * Rendering is the surface's (./block.ts, ./table.ts, ./pool.ts): a translated block, table spacer rows, or an
 * imperative row pool. Rows that scroll with the page or an ancestor scroller instead of one of
 * their own: ./page.ts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { anchorAt, revealTop, topOf, type Anchor, type Follow, type RowSource, type WindowModel, type WindowRange } from './window-model.js';

/** Chromium caps an element's height near 33.5M px: content taller than this is cut. */
export const MAX_SPACER_PX = 33_000_000;

export interface WindowControllerOptions<K> {
  /** Rows drawn beyond each edge of the view (default 3). */
  overscan?: number;
  /** Where the view stays as rows change (default `none`: the anchor row stays put). */
  follow?: Follow;
  /** The scroller; when given, attach and apply happen after each host update by themselves. */
  scroller?(): HTMLElement | null;
  /** The drawn row of a key: `reveal` checks it is fully in view against the real layout. */
  rowElement?(key: K): HTMLElement | null;
  /** Px kept clear above and below a revealed row (a focus ring, a sticky header). */
  revealMargin?: number;
  /** Called after a user scroll changed the model (before the host updates). */
  onUserScroll?(scrollTop: number): void;
  /**
   * Rows of measured height (policy `keyed` or `exceptions`): the drawn row elements, in order
   * from the drawn range's first. Measured after each update; a change re-renders, keeping the
   * row at the top of the view where it is.
   */
  measureRows?(): ArrayLike<HTMLElement>;
  /** A user's scroll back to the end follows it again (default: false). */
  resumeFollow?: boolean;
  /** Called when a user scroll (or a reveal) stopped following, or came back to the end. */
  onFollowChange?(follow: Follow): void;
  /**
   * The row to keep drawn however far the view scrolls from it (`range().keep`): the row that
   * has keyboard focus (RowFocusController.heldKey). Scrolled out of the drawn range it stays
   * in the DOM, placed off screen where it lies, so focus stays on it (nothing announced, the
   * next arrow key moves on from it) instead of falling to <body> with its element.
   */
  keep?(): K | undefined;
}

/**
 * The scroller part of the window: attachment, sizes, user vs programmatic scrolls, follow,
 * asking for an update when the drawn range would change, and `reveal(key)`. Fixed windows
 * (./fixed.ts) need only this; `WindowController` adds rows kept by anchor and measured rows.
 */
export class ScrollWindow<K> implements ReactiveController {
  /** The scroll position the next render uses (px). */
  scrollTop = 0;
  /** The scroller's height (px); 0 until measured. */
  viewportHeight = 0;
  follow: Follow;
  onUserScroll?: (scrollTop: number) => void;

  protected el: HTMLElement | null = null;
  // Made on first attach, not at construction: elements must construct where there is no
  // ResizeObserver (server-side rendering in Node).
  private resize: ResizeObserver | null = null;
  private programmatic = -1;
  /** Where the element is scrolled, as far as we know (its scroll events and our writes). */
  private known = 0;
  protected lastRange: WindowRange = { first: -1, last: -1 };

  constructor(
    protected readonly host: ReactiveControllerHost,
    readonly model: WindowModel<K>,
    protected readonly opts: WindowControllerOptions<K> = {},
  ) {
    this.follow = opts.follow ?? 'none';
    this.onUserScroll = opts.onUserScroll;
    host.addController(this);
  }

  protected get overscan(): number {
    return this.opts.overscan ?? 3;
  }

  /** The content height the scroller gets (capped: Chromium cuts taller elements). */
  get contentHeight(): number {
    const m = this.model;
    // Uniform rows: whole rows only (what fits), so the last row drawn is never cut.
    if (m.policy === 'uniform') return Math.min(m.length, Math.floor(MAX_SPACER_PX / Math.max(1, m.rowHeight))) * m.rowHeight;
    return Math.min(m.totalHeight, MAX_SPACER_PX);
  }

  protected viewport(): number {
    return this.viewportHeight || 600;
  }

  /** The range to draw for the current model; remembered to skip updates on scrolls within it. */
  range(): WindowRange {
    const top = this.model.followTop(this.follow, this.scrollTop, this.viewport());
    this.lastRange = this.model.visible(Math.min(top, Math.max(0, this.contentHeight - this.viewport())), this.viewport(), this.overscan);
    const r = this.lastRange;
    const k = this.opts.keep?.();
    const i = k === undefined ? -1 : this.model.indexOf(k);
    return i >= 0 && (i < r.first || i >= r.last) ? { ...r, keep: i } : r;
  }

  /** Attach to the scroller element (call from the host's updated(); cheap when unchanged). */
  attach(el: HTMLElement | null): void {
    if (el === this.el) return;
    this.el?.removeEventListener('scroll', this.onScroll);
    this.resize?.disconnect();
    this.el = el;
    if (el) {
      el.addEventListener('scroll', this.onScroll, { passive: true });
      this.resize ??= new ResizeObserver(() => this.measure());
      this.resize.observe(el);
      this.viewportHeight = el.clientHeight;
      this.known = el.scrollTop;
    }
  }

  /**
   * Put the element where the model says (call from the host's updated()). Reads no layout:
   * the element's position is known from its scroll events and our own writes, so a frame
   * where nothing moves touches nothing (reading scrollHeight here would force a layout).
   */
  apply(): void {
    const el = this.el;
    if (!el) return;
    const max = Math.max(0, this.contentHeight - this.viewportHeight);
    const want = this.model.followTop(this.follow, this.scrollTop, this.viewportHeight);
    const target = Math.max(0, Math.min(want, max));
    this.scrollTop = target;
    this.write(target);
  }

  /** Scroll the element to `top` as our own move (not mistaken for the user's). */
  protected write(top: number): void {
    const el = this.el;
    if (!el || Math.abs(this.known - top) < 1) return;
    el.scrollTop = top;
    this.known = top;
    this.programmatic = top;
  }

  hostDisconnected(): void {
    this.attach(null);
  }

  /**
   * Draw the row of `key` and scroll it fully into view (the least move; its top when it is
   * taller than the view). Resolves once it is drawn and placed; false when there is no such row.
   * Stops following when the row is elsewhere than the followed edge.
   */
  async reveal(key: K): Promise<boolean> {
    const i = this.model.indexOf(key);
    if (i < 0) return false;
    const vh = this.viewport();
    const margin = this.opts.revealMargin ?? 0;
    const from = this.model.followTop(this.follow, this.scrollTop, vh);
    const to = revealTop(this.model, i, from, vh, margin);
    if (this.follow !== 'none' && Math.abs(to - this.model.followTop(this.follow, to, vh)) >= 1) this.setFollow('none');
    this.scrollTop = to;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.apply();
    // The model's positions are estimates where rows were not measured: correct by the real row.
    const row = this.opts.rowElement?.(key);
    const el = this.el;
    if (row && el) {
      const r = row.getBoundingClientRect();
      const s = el.getBoundingClientRect();
      let d = 0;
      if (r.height + 2 * margin >= s.height || r.top - margin < s.top) d = r.top - margin - s.top;
      else if (r.bottom + margin > s.bottom) d = r.bottom + margin - s.bottom;
      if (Math.abs(d) >= 1) {
        this.scrollTop += d;
        this.apply();
        if (this.rangeChanged()) {
          this.host.requestUpdate();
          await this.host.updateComplete;
          this.apply();
        }
      }
    }
    return true;
  }

  /** `reveal` for RowFocusOptions.reveal (`reveal: (k) => this.win.scrollToKey(k)`). */
  async scrollToKey(key: K): Promise<void> {
    await this.reveal(key);
  }
  protected setFollow(f: Follow): void {
    if (f === this.follow) return;
    this.follow = f;
    this.opts.onFollowChange?.(f);
  }

  protected rangeChanged(): boolean {
    const top = this.model.followTop(this.follow, this.scrollTop, this.viewport());
    const r = this.model.visible(top, this.viewport(), this.overscan);
    return r.first !== this.lastRange.first || r.last !== this.lastRange.last;
  }

  private measure(): void {
    const h = this.el?.clientHeight ?? 0;
    if (h !== this.viewportHeight) {
      this.viewportHeight = h;
      this.host.requestUpdate();
    }
  }

  private readonly onScroll = (): void => {
    const el = this.el;
    if (!el) return;
    const top = el.scrollTop;
    if (this.programmatic >= 0 && Math.abs(top - this.programmatic) < 1) {
      this.programmatic = -1;
      this.known = top;
      return;
    }
    this.programmatic = -1;
    this.scrollTop = this.known = top;
    // A user's scroll away from the followed edge stops following; back at the end resumes it.
    const max = Math.max(0, this.contentHeight - this.viewportHeight);
    if (this.follow === 'end' && top < max - 2) this.setFollow('none');
    else if (this.follow === 'start' && top > 2) this.setFollow('none');
    else if (this.follow === 'none' && this.opts.resumeFollow && max > 0 && top >= max - 2) this.setFollow('end');
    this.onUserScroll?.(this.scrollTop);
    if (this.rangeChanged()) this.host.requestUpdate();
  };
}

/** The window on a scroller, with rows kept by anchor and measured rows. */
export class WindowController<K> extends ScrollWindow<K> {
  /**
   * New rows. With follow `none` the row at the top of the view stays where it is (by key), so
   * rows inserted or evicted above it do not move what the user reads.
   */
  setRows(rows: RowSource<K>): void {
    const anchor = this.follow === 'none' && this.model.length ? this.captureAnchor() : null;
    this.model.setRows(rows);
    if (anchor) this.restoreAnchor(anchor);
  }

  captureAnchor(): Anchor<K> | null {
    return anchorAt(this.model, this.scrollTop);
  }

  /** Put the anchor back at the top of the view; returns false when its row went. */
  restoreAnchor(anchor: Anchor<K>): boolean {
    const top = topOf(this.model, anchor);
    if (top === null) return false;
    this.scrollTop = top;
    return true;
  }

  hostUpdated(): void {
    if (this.opts.measureRows) this.measureDrawn(this.opts.measureRows());
    if (!this.opts.scroller) return;
    this.attach(this.opts.scroller());
    this.apply();
  }

  /** Record the drawn rows' heights; re-render when one changed, the top row kept still. */
  private measureDrawn(els: ArrayLike<HTMLElement>): void {
    const m = this.model;
    const first = this.lastRange.first;
    if (first < 0 || els.length === 0) return;
    const anchor = this.follow === 'none' ? this.captureAnchor() : null;
    let changed = false;
    for (let k = 0; k < els.length && first + k < m.length; k++) {
      const h = els[k].getBoundingClientRect().height;
      if (h > 0 && m.setHeight(m.keyAt(first + k), h)) changed = true;
    }
    if (!changed) return;
    if (anchor) this.restoreAnchor(anchor);
    this.host.requestUpdate(); // positions moved: the block and spacer follow
  }
}
