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
 * The key handling (log-focus.keys.ts, with the shared row keyboard) loads on the first focus in
 * the element; keys pressed before it arrives wait for it (shared/row-focus-controller.ts).
 */
import type { ReactiveControllerHost, ReactiveElement } from 'lit';
import { RowFocusController } from '../shared/row-focus-controller.js';
import type { RowList } from './log-buffer.js';

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

/** The keys that move between lines (and so pause following). */
export const MOVES = /^(Arrow(Up|Down)|Page(Up|Down)|Home)$/;

export class LogFocus {
  readonly rows: RowFocusController<number>;
  /** ↑/↓, PageUp/PageDown, Home, End, `c` (log-focus.keys.ts); before it has loaded, they wait for it. */
  readonly onKeydown: (e: KeyboardEvent) => void;
  /** The key handling's chunk, once loaded. */
  private keys: typeof import('./log-focus.keys.js') | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & ReactiveElement,
    readonly view: LogFocusView,
  ) {
    // The first render needs the lines' keys (the Tab stop); the rest comes with the key handling.
    this.rows = new RowFocusController<number>(host, { count: () => view.rows().length, keyAt: (i) => view.rows().seqAt(i) }, 'log-focus.keys', () =>
      import('./log-focus.keys.js').then((m) => ((this.keys = m), m.logRowKeys(host, this))),
    );
    const keydown = this.rows.defer((e: KeyboardEvent) => this.keys!.logKeydown(this, e));
    this.onKeydown = (e) => {
      // A move holds the log still at once, as it does with the key handling here: what is read must not scroll away meanwhile.
      if (!this.rows.value && MOVES.test(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey && view.rows().length) view.pause();
      keydown(e);
    };
  }

  /** The line that is the Tab stop (tabindex 0) when drawn. */
  activeSeq(): number {
    return this.rows.activeKey ?? -1;
  }

  /** The drawn row element of line `seq`, or null. */
  drawn(seq: number): HTMLElement | null {
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
  rowOf(el: Element | null): HTMLElement | null {
    const pool = this.view.rowsEl();
    for (let n = el; n && pool; n = n.parentElement) if (n.parentElement === pool) return n as HTMLElement;
    return null;
  }

  /** Focus the log itself (the scroller): after following again, clearing, or a line that went. */
  focusLog(): void {
    this.view.viewport()?.focus({ preventScroll: true });
  }

  readonly onFocusIn = (e: FocusEvent): void => {
    this.rows.handleFocusIn(e);
    if (this.view.following() && this.rowOf(e.composedPath()[0] as Element)) this.view.pause();
  };

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
    // Before the key handling has seen the focus (it is loading), the focused line is the user's.
    if (!row || row === active || !this.rows.value) return;
    if (active) active.focus({ preventScroll: true });
    else this.focusLog();
  }
}
