import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One piece of a windowed table body: a row to render, or a gap standing for hidden rows. */
export type WindowPart = { index: number } | { gap: number; from: number; to: number; height: number };

export interface RowWindowOptions {
  /** Rows rendered beyond each edge of the visible area. */
  overscan: number;
  /** Rows rendered on each side of the focused row, so that Tab always finds the next one. */
  focusMargin: number;
  /** The element's own scroller (clips the visible area when it has a max height). */
  scroller(): HTMLElement | null;
  /** The windowed `<tbody>`. */
  body(): HTMLTableSectionElement | null;
  /** Rows whose height may differ from the others (they carry `data-key`). */
  oddRowSelector: string;
  /** A row of the common height. */
  rowSelector: string;
}

/**
 * Which rows of a table body intersect the visible area (the viewport clipped by the table's
 * scroller), plus an overscan. Follows any ancestor scroller (scroll listeners on every root up
 * to the document), resizes (window and ResizeObserver), measures once per frame at most, and
 * asks the host to update only when the range changes.
 *
 * Rows have one height, measured from a rendered row; rows matched by `oddRowSelector` (notices
 * that can be taller) are measured when rendered and remembered by key.
 *
 * Unlike `shared/fixed-window` (rows translated inside the element's own scroller), the rows
 * here stay in the table's flow between spacer rows, so that `<table>` semantics, sticky cells
 * and the page's own scrolling keep working.
 */
export class RowWindow implements ReactiveController {
  /** Height of a row, its bottom border included (measured once rows exist). */
  rowHeight = 41;
  /** The bottom border the last row does not have (`tr:last-child`). */
  private border = 1;
  private measured = false;
  private readonly odd = new Map<string, number>();
  /** The visible band in px from the top of the body; null until measured. */
  private band: { top: number; bottom: number } | null = null;
  private keys: readonly string[] = [];
  private focusIndex = -1;
  private offsets = new Float64Array(1);
  private planned = '';
  private frame = 0;
  /** Until the frame after the next one: no overscan (see `lean`). */
  private leanPending = false;
  private leanFrame = 0;
  private roots: (Document | ShadowRoot)[] = [];
  private ro: ResizeObserver | null = null;
  private observed: Element[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly opts: RowWindowOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Scroll events do not cross shadow roots: listen on every root up to the document.
    this.roots = [];
    for (let n: Node = this.host; ; ) {
      const r = n.getRootNode() as Document | ShadowRoot;
      this.roots.push(r);
      if (r instanceof ShadowRoot) n = r.host;
      else break;
    }
    if (this.host.shadowRoot) this.roots.push(this.host.shadowRoot);
    for (const r of this.roots) r.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.schedule, { passive: true });
    this.ro = new ResizeObserver(() => this.measure());
    this.observed = [];
  }

  hostDisconnected(): void {
    for (const r of this.roots) r.removeEventListener('scroll', this.onScroll, { capture: true });
    this.roots = [];
    window.removeEventListener('resize', this.schedule);
    this.ro?.disconnect();
    this.ro = null;
    this.observed = [];
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    cancelAnimationFrame(this.leanFrame);
    this.leanFrame = 0;
    this.leanPending = false;
  }

  hostUpdated(): void {
    const watch = [this.host, this.opts.scroller(), this.opts.body()?.parentElement ?? null].filter((e): e is HTMLElement => !!e);
    if (this.ro && (watch.length !== this.observed.length || watch.some((e, i) => e !== this.observed[i]))) {
      this.ro.disconnect();
      for (const e of watch) this.ro.observe(e);
      this.observed = watch;
    }
    // After layout has been forced once, this costs two rects; a change re-renders before paint.
    this.measure();
  }

  /**
   * The next plan renders only the rows in sight; the overscan follows one frame later. For an
   * update that changes what every row shows (sort, filter, search, page): the frame that answers
   * the action lays out and paints only what can be seen (about a quarter less on a page).
   */
  lean(): void {
    this.leanPending = true;
  }

  /**
   * The parts to render for these row keys: the rows that can be seen (plus overscan and the
   * neighbourhood of the focused row) and gaps for the others, in order.
   */
  plan(keys: readonly string[], focusIndex: number): WindowPart[] {
    this.keys = keys;
    this.focusIndex = focusIndex;
    const n = keys.length;
    this.layout();
    const show = this.spans();
    const parts: WindowPart[] = [];
    let at = 0;
    let gaps = 0;
    for (const [a, b] of show) {
      if (a > at) parts.push(this.gap(gaps++, at, a));
      for (let i = a; i < b; i++) parts.push({ index: i });
      at = b;
    }
    if (at < n) parts.push(this.gap(gaps, at, n));
    this.planned = this.signature(show);
    if (this.leanPending && !this.leanFrame) {
      // Called before the frame that paints this plan: its first rAF runs before that paint,
      // the second one in the next frame, where the overscan rows are added.
      this.leanFrame = requestAnimationFrame(() => {
        this.leanFrame = requestAnimationFrame(() => {
          this.leanFrame = 0;
          this.leanPending = false;
          this.measure();
        });
      });
    }
    return parts;
  }

  /** The spans of rows to render, in order: the visible range, and the focused row's neighbourhood. */
  private spans(): [number, number][] {
    const n = this.keys.length;
    // No window on the server (SSR): render the first screenful.
    const band = this.band ?? { top: 0, bottom: typeof window === 'undefined' ? 800 : window.innerHeight };
    const over = this.leanPending ? 0 : this.opts.overscan;
    const start = Math.max(0, this.indexAt(band.top) - over);
    const end = Math.min(n, this.indexAt(band.bottom) + 1 + over);
    const fi = this.focusIndex;
    if (fi < 0 || fi >= n) return [[start, end]];
    const m = this.opts.focusMargin;
    const f: [number, number] = [Math.max(0, fi - m), Math.min(n, fi + m + 1)];
    if (f[1] < start) return [f, [start, end]];
    if (f[0] > end) return [[start, end], f];
    return [[Math.min(start, f[0]), Math.max(end, f[1])]];
  }

  private gap(gap: number, from: number, to: number): WindowPart {
    // The last row has no bottom border: a gap that stands for it is that much shorter.
    const height = this.offsets[to] - this.offsets[from] - (to === this.keys.length ? this.border : 0);
    return { gap, from, to, height: Math.max(0, height) };
  }

  private signature(show: [number, number][]): string {
    return `${show.join(';')}|${this.rowHeight}|${this.border}|${this.offsets[this.keys.length]}`;
  }

  /** Row tops: the common height, or the measured height of odd rows. */
  private layout(): void {
    const n = this.keys.length;
    if (this.offsets.length !== n + 1) this.offsets = new Float64Array(n + 1);
    const o = this.offsets;
    const h = this.rowHeight;
    const odd = this.odd.size ? this.odd : null;
    for (let i = 0; i < n; i++) o[i + 1] = o[i] + (odd?.get(this.keys[i]) ?? h);
  }

  /** The row at y px from the top of the body (clamped to the rows). */
  private indexAt(y: number): number {
    const o = this.offsets;
    let lo = 0;
    let hi = this.keys.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (o[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private readonly onScroll = (e: Event): void => {
    if (this.scrolls(e.target)) this.schedule();
  };

  private readonly schedule = (): void => {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.measure();
      });
    }
  };

  /** The document, the table's scroller, or a flat-tree ancestor of the host. */
  private scrolls(target: EventTarget | null): boolean {
    if (!(target instanceof Node) || target instanceof Document || target === this.opts.scroller()) return true;
    for (let n: Node | null = this.host; n; n = (n as Element).assignedSlot ?? n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
      if (n === target) return true;
    }
    return false;
  }

  /** Read the row height and the visible band; ask for an update when the range would change. */
  private measure(): void {
    const body = this.opts.body();
    if (!body || !this.host.isConnected) return;
    const rect = body.getBoundingClientRect();
    // Hidden (display: none, a closed tab): keep what we had until it is shown (ResizeObserver).
    if (rect.width === 0 && rect.height === 0) return;
    const row = body.querySelector<HTMLElement>(`${this.opts.rowSelector}:not(:last-child)`);
    if (row) {
      const h = row.getBoundingClientRect().height;
      if (h > 0 && (h !== this.rowHeight || !this.measured)) {
        this.rowHeight = h;
        this.measured = true;
        const td = row.firstElementChild;
        if (td) this.border = parseFloat(getComputedStyle(td).borderBottomWidth) || 0;
      }
    }
    for (const r of body.querySelectorAll<HTMLElement>(this.opts.oddRowSelector)) {
      const key = r.dataset.key;
      const h = r.getBoundingClientRect().height + (r.nextElementSibling ? 0 : this.border);
      if (key && h > 0) this.odd.set(key, h);
    }
    if (this.odd.size > 64) for (const k of [...this.odd.keys()].slice(0, this.odd.size - 64)) this.odd.delete(k);
    let top = 0;
    let bottom = window.innerHeight;
    const sc = this.opts.scroller();
    // Only a scroller that clips (a max height) limits the view; otherwise its box is the rows'.
    if (sc && sc.scrollHeight > sc.clientHeight) {
      const s = sc.getBoundingClientRect();
      top = Math.max(top, s.top);
      bottom = Math.min(bottom, s.bottom);
    }
    this.band = { top: top - rect.top, bottom: Math.max(top, bottom) - rect.top };
    this.layout();
    if (this.signature(this.spans()) !== this.planned) this.host.requestUpdate();
  }
}
