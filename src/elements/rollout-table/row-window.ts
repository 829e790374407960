/**
 * The Rollouts table's window: the shared window model (`shared/window/`, policy `exceptions`)
 * on the table spacer rows surface, with the visible band measured on the page (the table may
 * scroll in its own clipped scroller or with the page).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WindowModel, type RowSource } from '../shared/window/window-model.js';
import { tableParts, tableSpans, type WindowPart } from '../shared/window/table.js';

export type { WindowPart };

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
 * that can be taller) are measured when rendered and remembered by key (the model's keyed
 * exceptions: positions stay exact without walking the rows).
 *
 * Unlike the translated block (rows moved inside the element's own scroller), the rows
 * here stay in the table's flow between spacer rows, so that `<table>` semantics, sticky cells
 * and the page's own scrolling keep working.
 */
export class RowWindow implements ReactiveController {
  /** Row heights and positions: one common height, taller odd rows by key (at most 64 kept). */
  private readonly model = new WindowModel<string>({ policy: 'exceptions', rowHeight: 41, maxKnown: 64 });
  /** The bottom border the last row does not have (`tr:last-child`). */
  private border = 1;
  private measured = false;
  /** The visible band in px from the top of the body; null until measured. */
  private band: { top: number; bottom: number } | null = null;
  private keys: readonly string[] = [];
  private focusIndex = -1;
  /** A row being revealed: drawn until it has been scrolled into view. */
  private revealKey: string | null = null;
  private planned = '';
  /** The last plan: one `<tr>` per part, in order (how a row's element is found). */
  private parts: WindowPart[] = [];
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

  /** Height of a row, its bottom border included (measured once rows exist). */
  get rowHeight(): number {
    return this.model.rowHeight;
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
    this.model.setRows(rowsOf(keys));
    const show = this.spans();
    const parts = tableParts(this.model, show, this.border);
    this.parts = parts;
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

  /** The spans of rows to render, in order: the visible range, the focused row's neighbourhood, a row being revealed. */
  private spans(): [number, number][] {
    // No window on the server (SSR): render the first screenful.
    const band = this.band ?? { top: 0, bottom: typeof window === 'undefined' ? 800 : window.innerHeight };
    const show = tableSpans(this.model, band.top, band.bottom - band.top, {
      overscan: this.leanPending ? 0 : this.opts.overscan,
      focusIndex: this.focusIndex,
      focusMargin: this.opts.focusMargin,
    });
    const ri = this.revealKey == null ? -1 : this.keys.indexOf(this.revealKey);
    if (ri < 0 || show.some(([x, y]) => ri >= x && ri < y)) return show;
    show.push([ri, ri + 1]);
    show.sort((x, y) => x[0] - y[0]);
    // Touching spans join (parts must not repeat a row).
    const out: [number, number][] = [];
    for (const sp of show) {
      const prev = out[out.length - 1];
      if (prev && sp[0] <= prev[1]) prev[1] = Math.max(prev[1], sp[1]);
      else out.push([sp[0], sp[1]]);
    }
    return out;
  }

  private signature(show: [number, number][]): string {
    return `${show.join(';')}|${this.model.rowHeight}|${this.border}|${this.model.totalHeight}`;
  }

  /**
   * Draw the row of `key` and scroll it fully into view (in the table's scroller or the page,
   * below the sticky header): the `reveal` of the shared row-focus controller.
   */
  async reveal(key: string): Promise<void> {
    if (!this.keys.includes(key)) return;
    this.revealKey = key;
    // The scroll re-plans the window around the row; that render can move it (the browser's
    // scroll anchoring may hold on to a gap row that changes height): place it again after it.
    for (let pass = 0; pass < 3; pass++) {
      this.host.requestUpdate();
      await this.host.updateComplete;
      const row = this.rowElement(key);
      if (!row) break;
      row.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      // A sticky header covers the top of the scroller: a row under it is not in view.
      const th = this.opts.body()?.parentElement?.querySelector('thead th');
      const covered = th ? th.getBoundingClientRect().bottom - row.getBoundingClientRect().top : 0;
      if (covered > 0.5) {
        const sc = this.opts.scroller();
        if (sc && sc.scrollHeight > sc.clientHeight) sc.scrollTop -= covered;
        else window.scrollBy(0, -covered);
      }
      this.measure();
      if (this.signature(this.spans()) === this.planned) break;
    }
    this.revealKey = null;
    this.measure();
  }

  /** The drawn `<tr>` of a key (one `<tr>` per part of the last plan), or null. */
  rowElement(key: string): HTMLTableRowElement | null {
    const i = this.keys.indexOf(key);
    const pos = i < 0 ? -1 : this.parts.findIndex((p) => 'index' in p && p.index === i);
    return (pos >= 0 && this.opts.body()?.rows[pos]) || null;
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
      if (h > 0 && (h !== this.model.rowHeight || !this.measured)) {
        this.model.rowHeight = h;
        this.measured = true;
        const td = row.firstElementChild;
        if (td) this.border = parseFloat(getComputedStyle(td).borderBottomWidth) || 0;
      }
    }
    for (const r of body.querySelectorAll<HTMLElement>(this.opts.oddRowSelector)) {
      const key = r.dataset.key;
      const h = r.getBoundingClientRect().height + (r.nextElementSibling ? 0 : this.border);
      if (key && h > 0) this.model.setHeight(key, h);
    }
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
    if (this.signature(this.spans()) !== this.planned) this.host.requestUpdate();
  }
}

/**
 * The table's row keys for the model. No key index is built (a Map of 100,000 keys per sort or
 * filter would cost more than it saves): a few odd rows are found with the native indexOf, more
 * with one scan.
 */
function rowsOf(keys: readonly string[]): RowSource<string> {
  return { length: keys.length, keyAt: (i) => keys[i], indexOf: (k) => keys.indexOf(k), indexScans: true };
}
