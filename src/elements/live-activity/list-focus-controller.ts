/**
 * Keyboard focus for one of <live-activity>'s windowed lists (the feed, "Active now"): the
 * shared RowFocusController (one Tab stop, arrows, Home/End, PageUp/PageDown, Enter) fitted
 * to a fixed-height window whose rows are drawn by position, not keyed. It adds what that
 * needs: revealing a row by scrolling the window; a Tab stop on a drawn row even when the
 * active one was scrolled away; focus kept on the item (not the slot) when rows are reused;
 * and, when a render removes the whole list (nothing matches), focus on a fallback control,
 * never <body>.
 * The row keyboard's options (how to reveal, find and page rows) come with it in
 * list-focus.keys.ts, loaded on the first focus in the list; this file is what a render reads
 * (the Tab stop, which row has focus) and the focus repairs after a render.
 */
import type { ReactiveController, ReactiveControllerHost, ReactiveElement } from 'lit';
import { RowFocusController } from '../shared/row-focus-controller.js';

export interface ListFocusOptions {
  /** How many rows the list has (not only the drawn ones), and row i's key: read lazily, a few a render. */
  count(): number;
  keyAt(i: number): string;
  /** Where the list lives (the host's shadow root). */
  root(): ParentNode & { activeElement?: Element | null };
  /** The list element (its role="list" scroller) and the class of a row's focusable element (which carries `data-id`). */
  listSelector: string;
  rowClass: string;
  /** The list's window: its scroll position and height (px), and how to scroll a row fully into view. */
  window: { readonly scrollTop: number; readonly viewportHeight: number };
  reveal(key: string, index: number): Promise<unknown>;
  rowHeight(): number;
  onActivate?(key: string): void;
  /** Focus moved onto a row, between rows, or out of the list (key, or null when out). */
  onFocusChange?(key: string | null): void;
  /** Where focus goes when the list itself is gone (e.g. the "Clear filters" button). */
  fallback?(): HTMLElement | null;
}

export class ListFocusController implements ReactiveController {
  readonly rows: RowFocusController<string>;
  /** The key of the row that has focus (null: focus is not on a row of this list). */
  focusedKey: string | null = null;
  private rendering = false;
  private dropped = false;
  private keepOnItem?: () => void;

  constructor(
    host: ReactiveControllerHost & ReactiveElement,
    private readonly o: ListFocusOptions,
  ) {
    host.addController(this);
    this.rows = new RowFocusController<string>(host, { count: () => o.count(), keyAt: (i) => o.keyAt(i) }, 'list-focus.keys', () =>
      import('./list-focus.keys.js').then((m) => ((this.keepOnItem = () => m.keepOnItem(this, o)), m.listRowKeys(host, this, o))),
    );
  }

  hostUpdate(): void {
    this.rendering = true;
  }

  hostUpdated(): void {
    this.rendering = false;
    // Rows are reused by position: focus stays on the item, not on the slot (list-focus.keys.ts,
    // once the key handling knows which item that is: before, a focus it has not seen is the user's).
    this.keepOnItem?.();
    // A render removed the whole list while it had focus: never <body>.
    if (this.dropped) {
      this.dropped = false;
      if (!this.o.root().activeElement && !this.list()) this.o.fallback?.()?.focus();
    }
  }

  /** The row with tabindex=0 among the drawn ones: the active row, else the first in view. */
  tabStop(drawn: readonly { id: string }[], firstIndex: number): string | undefined {
    const active = this.rows.activeKey;
    if (drawn.some((it) => it.id === active)) return active;
    const first = Math.ceil(this.o.window.scrollTop / this.o.rowHeight()) - firstIndex;
    return drawn[Math.max(0, Math.min(drawn.length - 1, first))]?.id;
  }

  /** Focus the item's row (revealed if scrolled away), else the active row, else the fallback. */
  focus(key?: string | null): void {
    const k = key != null && this.rows.indexOf(key) >= 0 ? key : this.rows.activeKey;
    if (k !== undefined) void this.rows.focusKey(k);
    else this.o.fallback?.()?.focus();
  }

  readonly handleFocusIn = (e: FocusEvent): void => {
    this.rows.handleFocusIn(e);
    const row = (e.target as HTMLElement).closest?.(`.${this.o.rowClass}`) as HTMLElement | null;
    this.setFocused(row?.dataset.id ?? null);
  };

  readonly handleFocusOut = (e: FocusEvent): void => {
    const to = e.relatedTarget as HTMLElement | null;
    if (to && this.list()?.contains(to)) return;
    // Removed by a render, not left by the user: hostUpdated puts focus back.
    if (!to && this.rendering) this.dropped = true;
    this.setFocused(null);
  };

  setFocused(key: string | null): void {
    if (key === this.focusedKey) return;
    this.focusedKey = key;
    this.o.onFocusChange?.(key);
  }

  list(): HTMLElement | null {
    return this.o.root().querySelector<HTMLElement>(this.o.listSelector);
  }

}
