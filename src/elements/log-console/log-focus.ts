/**
 * The log's keyboard: ONE Tab stop with a roving focus inside (the shared RowFocusController),
 * on a pool of row elements that are reused from frame to frame.
 *
 * - The Tab stop is the active line when it is drawn, else the log itself (the scroller).
 * - ↑/↓ move line by line (from the log itself: the first or last line in view), PageUp/PageDown
 *   by a view, Home to the first line; End follows the tail again with focus on the log itself.
 * - `c` on a line copies it; Tab from the line reaches its Copy button (tabbable only there).
 * - A focused line holds still: focusing one pauses following (its row must not scroll away or
 *   be reused for another line under the user's eyes).
 * - When the pool reuses the focused element for another line (filter, eviction), focus moves to
 *   the active line's element, or to the log itself when it is not drawn: never to <body>.
 *
 * It owns the focus rules above; it does not own drawing (log-window.ts draws, and calls
 * `afterPaint()`), following (the element's) or copying (the element's `copy`).
 */
import type { ReactiveControllerHost } from 'lit';
import { RowFocusController } from '../shared/row-focus-controller.js';
import type { RowList } from './log-buffer.js';
import { PAUSED_BOTTOM_PAD } from './log-window.js';

export interface LogFocusView {
  rows(): RowList;
  viewport(): HTMLElement | undefined;
  rowsEl(): HTMLElement | undefined;
  following(): boolean;
  /** Stop following, keeping what is on screen where it is. */
  pause(): void;
  /** Follow the tail again. */
  follow(): void;
  /** Bring row `index` fully into view; resolves once it is drawn. */
  reveal(index: number): Promise<void>;
  /** Rows per PageUp/PageDown. */
  pageSize(): number;
  copy(seq: number): void;
}

const MOVES = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home']);

export class LogFocus {
  readonly rows: RowFocusController<number>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly view: LogFocusView,
  ) {
    this.rows = new RowFocusController<number>(host, {
      // The row list's sequence numbers (up to 1,000,000 of them), read in place; rows are in
      // seq order, so a key is found by binary search, not by a walk of the whole list.
      count: () => view.rows().length,
      keyAt: (i) => view.rows().seqAt(i),
      indexOf: (seq) => {
        const r = view.rows();
        const i = r.indexOf(seq);
        return i < r.length && r.seqAt(i) === seq ? i : -1;
      },
      rowElement: (seq) => this.drawn(seq),
      keyOf: (el) => (el.parentElement === view.rowsEl() && el.hasAttribute('data-seq') ? Number(el.getAttribute('data-seq')) : undefined),
      reveal: (seq) => {
        const i = view.rows().indexOf(seq);
        return view.rows().seqAt(i) === seq ? view.reveal(i) : undefined;
      },
      pageSize: () => view.pageSize(),
      container: () => view.viewport() ?? null,
    });
  }

  /** The line that is the Tab stop (tabindex 0) when drawn. */
  activeSeq(): number {
    return this.rows.activeKey ?? -1;
  }

  /** The drawn row element of line `seq`, or null. */
  private drawn(seq: number): HTMLElement | null {
    const pool = this.view.rowsEl();
    if (!pool) return null;
    for (const el of pool.children as HTMLCollectionOf<HTMLElement>) if (el.getAttribute('data-seq') === String(seq)) return el;
    return null;
  }

  /** The focused element inside the host's shadow root, if any. */
  private focused(): Element | null {
    return this.host.shadowRoot?.activeElement ?? null;
  }

  /** The row element `el` is (or is inside), or null. */
  private rowOf(el: Element | null): HTMLElement | null {
    const pool = this.view.rowsEl();
    for (let n = el; n && pool; n = n.parentElement) if (n.parentElement === pool) return n as HTMLElement;
    return null;
  }

  /** Focus the log itself (the scroller): after following again, clearing, or a line that went. */
  focusLog(): void {
    this.view.viewport()?.focus({ preventScroll: true });
  }

  readonly onKeydown = (e: KeyboardEvent): void => {
    const v = this.view.viewport();
    if (!v || e.altKey || e.metaKey || e.defaultPrevented) return;
    const target = e.composedPath()[0] as Element;
    const row = this.rowOf(target);
    if ((e.key === 'c' || e.key === 'C') && !e.ctrlKey && row) {
      e.preventDefault();
      this.view.copy(Number(row.getAttribute('data-seq')));
      return;
    }
    if (e.ctrlKey) return;
    if (e.key === 'End') {
      e.preventDefault();
      this.view.follow();
      this.focusLog();
      return;
    }
    if (!MOVES.has(e.key)) return;
    const rows = this.view.rows();
    if (rows.length === 0) return;
    if (target === v && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      // From the log itself, the first key lands on a line in view (not on the active line far away).
      e.preventDefault();
      const seq = this.lineInView(e.key === 'ArrowDown');
      this.view.pause();
      if (seq >= 0) void this.rows.focusKey(seq);
      return;
    }
    if (this.view.following()) this.view.pause();
    this.rows.handleKeydown(e);
  };

  readonly onFocusIn = (e: FocusEvent): void => {
    this.rows.handleFocusIn(e);
    if (this.view.following() && this.rowOf(e.composedPath()[0] as Element)) this.view.pause();
  };

  /**
   * The first (or last) line fully in view and clear of the "↓ N new lines" button that pausing
   * shows, so focusing it moves nothing on screen.
   */
  private lineInView(first: boolean): number {
    const v = this.view.viewport();
    const pool = this.view.rowsEl();
    const rows = this.view.rows();
    if (!v || !pool) return rows.seqAt(rows.length - 1);
    const box = v.getBoundingClientRect();
    const bottom = box.bottom - PAUSED_BOTTOM_PAD;
    const els = Array.from(pool.children as HTMLCollectionOf<HTMLElement>).filter((el) => {
      const r = el.getBoundingClientRect();
      return el.hasAttribute('data-seq') && r.top >= box.top - 0.5 && r.bottom <= bottom + 0.5;
    });
    const el = first ? els[0] : els[els.length - 1];
    return el ? Number(el.getAttribute('data-seq')) : rows.seqAt(rows.length - 1);
  }

  /**
   * After each paint: the log is the Tab stop when the active line is not drawn; focus on an
   * element the pool reused for another line goes to the active line, or to the log.
   */
  afterPaint(): void {
    const v = this.view.viewport();
    if (!v) return;
    const active = this.drawn(this.activeSeq());
    const tab = active ? -1 : 0;
    if (v.tabIndex !== tab) v.tabIndex = tab;
    const row = this.rowOf(this.focused());
    if (!row || row === active) return;
    if (active) active.focus({ preventScroll: true });
    else this.focusLog();
  }
}
