/**
 * The window's page mode: rows that scroll with the page or any ancestor scroller rather than
 * one of their own (worker-board's cards and table). The visible band is measured on the page
 * (the viewport clipped by every clipping ancestor, across shadow roots), so the model's
 * `scrollTop` is the px of the rows above the band and `viewportHeight` the band's height.
 * Nothing is written to a scroller except to keep what is on screen still when drawn rows are
 * measured other than estimated; `reveal(key)` draws the row, then scrolls it into view through
 * whichever scrollers hold it (scrollIntoView). Follow stays `none`. Its own module, so that
 * elements with their own scroller do not carry it.
 *
 * Nothing is read in the host's update: drawn rows (and the host, whose content above the rows
 * may grow) are watched by a ResizeObserver, whose callback comes after the browser's own
 * layout, so a frame that only changes text forces no layout (1,000 workers updating each second).
 *
 * `scroller()` is the in-flow element holding the rows: the block's spacer (./block.ts).
 */
import { WindowController } from './window-controller.js';
import type { RowSource } from './window-model.js';

/** The parent in the flat tree: the slot an element is assigned to, its parent, or its shadow host. */
function layoutParent(n: Element): Element | null {
  return n.assignedSlot ?? n.parentElement ?? (n.parentNode as ShadowRoot | null)?.host ?? null;
}

export class PageWindowController<K> extends WindowController<K> {
  /** Ancestors that clip the rows (overflow other than visible), nearest first. */
  private clips: Element[] = [];
  /** The shadow roots up the tree: scroll events do not cross them (the document is listened to as well). */
  private roots: ShadowRoot[] = [];
  /** The scroller a height correction scrolls: the nearest scrolling ancestor, else the page. */
  private pageScroller: Element | null = null;
  private observer: ResizeObserver | null = null;
  /** The drawn rows and the host, watched for size changes. */
  private rowObserver: ResizeObserver | null = null;
  private watched = new Set<Element>();
  /** A reveal is drawing a row away from the band: keep the model's position until it is scrolled to. */
  private pinned = false;
  /** The band's top in client px (where the rows start, when they start lower). */
  private bandTop = 0;

  /** New rows; no anchor is kept (the page's scroll position is the user's). */
  override setRows(rows: RowSource<K>): void {
    this.model.setRows(rows);
  }

  override attach(el: HTMLElement | null): void {
    if (el === this.el) return;
    for (const r of this.roots) r.removeEventListener('scroll', this.onPageScroll, true);
    if (this.el) {
      document.removeEventListener('scroll', this.onPageScroll, true);
      window.removeEventListener('resize', this.onPageScroll);
    }
    this.observer?.disconnect();
    this.el = el;
    this.roots = [];
    this.clips = [];
    this.pageScroller = null;
    if (!el) return;
    const roots = new Set<Node>([el.getRootNode()]);
    for (let n = layoutParent(el); n; n = layoutParent(n)) {
      roots.add(n.getRootNode());
      if (n === document.documentElement || n === document.body) continue; // their clip is the viewport
      const oy = getComputedStyle(n).overflowY;
      if (oy !== 'visible') this.clips.push(n);
      if (!this.pageScroller && (oy === 'auto' || oy === 'scroll')) this.pageScroller = n;
    }
    this.pageScroller ??= document.scrollingElement;
    // Capture: a scroll event stays in its own tree and reaches no ancestor but its root.
    this.roots = [...roots].filter((r): r is ShadowRoot => r instanceof ShadowRoot);
    for (const r of this.roots) r.addEventListener('scroll', this.onPageScroll, { capture: true, passive: true });
    document.addEventListener('scroll', this.onPageScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.onPageScroll, { passive: true });
    this.observer ??= new ResizeObserver(() => this.onPageScroll());
    for (const c of this.clips) this.observer.observe(c);
    this.measureBand();
  }

  /** After the host's update: watch the drawn rows (measured when their size changes, after layout). */
  override hostUpdated(): void {
    this.attach(this.opts.scroller?.() ?? null);
    if (!this.el) return;
    this.rowObserver ??= new ResizeObserver(() => this.onResize());
    const now = new Set<Element>(Array.from(this.opts.measureRows?.() ?? []));
    now.add(this.host as unknown as Element); // content above the rows changed height: the band moved
    for (const e of this.watched) if (!now.has(e)) this.rowObserver.unobserve(e);
    for (const e of now) if (!this.watched.has(e)) this.rowObserver.observe(e);
    this.watched = now;
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    this.rowObserver?.disconnect();
    this.watched.clear();
  }

  /** After layout: the band measured (content above may have grown), then the rows; drawn again when either moved the range. */
  private onResize(): void {
    if (!this.el || this.pinned) return;
    this.measureBand();
    this.measureRows();
    if (this.rangeChanged()) this.host.requestUpdate();
  }

  /** The visible band: the viewport clipped by the clipping ancestors, in px from the rows' top. */
  private measureBand(): void {
    const el = this.el;
    if (!el) return;
    let top = 0;
    let bottom = window.innerHeight;
    for (const c of this.clips) {
      const b = c.getBoundingClientRect();
      top = Math.max(top, b.top + c.clientTop);
      bottom = Math.min(bottom, b.top + c.clientTop + c.clientHeight);
    }
    this.scrollTop = Math.max(0, top - el.getBoundingClientRect().top);
    this.viewportHeight = Math.max(1, bottom - top);
    this.bandTop = top;
  }

  private readonly onPageScroll = (): void => {
    if (!this.el || this.pinned) return;
    this.measureBand();
    this.onUserScroll?.(this.scrollTop);
    if (this.rangeChanged()) this.host.requestUpdate();
  };

  /**
   * Record the drawn rows' heights. The anchor is the first drawn row at the band's top (or the
   * rows' top) where it is on screen (the block was placed with the heights known before); once
   * the model knows the new heights, the page's scroller moves by the difference, so what is on
   * screen stays still. Returns whether a height changed (an update was asked for).
   */
  private measureRows(): boolean {
    const els = this.opts.measureRows?.() ?? [];
    const m = this.model;
    const first = this.lastRange.first;
    if (first < 0 || els.length === 0) return false;
    const spacerTop = this.el?.getBoundingClientRect().top ?? 0;
    let anchor = -1;
    let anchorAt = 0;
    let changed = false;
    for (let k = 0; k < els.length && first + k < m.length; k++) {
      const r = els[k].getBoundingClientRect();
      if (anchor < 0 && r.bottom > spacerTop + this.scrollTop) {
        anchor = first + k;
        anchorAt = r.top - spacerTop;
      }
      if (r.height > 0 && m.setHeight(m.keyAt(first + k), r.height)) changed = true;
    }
    if (!changed) return false;
    const delta = anchor >= 0 ? m.offsetOf(anchor) - anchorAt : 0;
    if (Math.abs(delta) >= 1) {
      this.scrollTop = Math.max(0, this.scrollTop + delta);
      // While a reveal draws a row away from the band, only the model's position moves with it.
      if (!this.pinned && this.pageScroller) this.pageScroller.scrollTop += delta;
    }
    this.host.requestUpdate(); // positions moved: the block and spacer follow
    return true;
  }

  /** Draw row `key` (the band moved to it), scroll it fully into view with its scrollers, then draw around where it landed. */
  override async reveal(key: K): Promise<boolean> {
    const i = this.model.indexOf(key);
    if (i < 0) return false;
    if (!(i >= this.lastRange.first && i < this.lastRange.last)) {
      this.pinned = true;
      try {
        this.scrollTop = this.model.offsetOf(i);
        this.host.requestUpdate();
        // Drawn rows measured other than estimated move row i: draw again until it stays put.
        for (let pass = 0; pass < 4; pass++) {
          await this.host.updateComplete;
          if (!this.measureRows()) break;
        }
      } finally {
        this.pinned = false;
      }
    }
    const row = this.opts.rowElement?.(key);
    if (row && this.el) {
      const m = this.opts.revealMargin ?? 0;
      this.measureBand();
      const top = this.bandTop;
      const r = row.getBoundingClientRect();
      if (r.top - m < top || r.bottom + m > top + this.viewportHeight)
        row.scrollIntoView({ block: r.height + 2 * m >= this.viewportHeight || r.top - m < top ? 'start' : 'end' });
    }
    this.measureBand();
    if (this.rangeChanged()) {
      this.host.requestUpdate();
      await this.host.updateComplete;
    }
    return true;
  }
}
