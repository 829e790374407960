/**
 * Roving row focus for long, windowed lists and tables: the WAI-ARIA grid / listbox keyboard
 * pattern (https://www.w3.org/WAI/ARIA/apg/patterns/grid/, .../listbox/), built once for every
 * element that lists rows (feed, Rollouts table, worker list, log).
 *
 * Owns: which row key is active (the list's single Tab stop, `tabindex=0`; every other row
 * `-1`), moving it with Arrow Up/Down, Home/End, PageUp/PageDown, calling `onActivate` on
 * Enter (and Space when the row is a listbox `option`), making a clicked/focused row active,
 * and keeping keyboard focus inside the list when the keys change (filter, reorder, paging,
 * removal of the active row, rows windowed out or reused).
 * Does not own: drawing or scrolling. The window draws rows; `reveal(key)` must make a row
 * drawn and scrolled fully into view (this controller only nudges with
 * `scrollIntoView({block: 'nearest'})` if it is still partly hidden afterwards). Row actions
 * (copy, open…) are the element's: give them `tabIndexFor(key)` too (or -1 unless the row is
 * active), so Tab from the focused row moves into its actions, never one Tab stop per row.
 * Why a controller: the key handling needs the host's update cycle (tabindex follows the active
 * key; focus moves after the row is drawn) and a focusout listener for its whole connected life;
 * it is added to the host as a controller when it loads (before, nothing is active to follow).
 *
 * Usage (in the host):
 * ```ts
 * private focus = new RowFocusController<string>(this, {
 *   count: () => this.rows.length,
 *   keyAt: (i) => this.rows[i].id,
 *   rowElement: (id) => this.renderRoot.querySelector(`[data-key="${CSS.escape(id)}"]`),
 *   reveal: (id) => this.window.scrollToKey(id),
 *   onActivate: (id) => this.open(id),
 * });
 * // template: <div role="grid" @keydown=${this.focus.handleKeydown} @focusin=${this.focus.handleFocusIn}>
 * //   <div role="row" data-key=${id} tabindex=${this.focus.tabIndexFor(id)}>…
 * // after the rows change: this.focus.rowsChanged();
 * ```
 * The handlers are bound (arrow properties), so they can be passed straight to `@keydown`.
 * Keys are compared with ===, so use strings or numbers, not fresh objects.
 * Keys are read lazily (`count` + `keyAt`, and `indexOf` when the list can find a key faster
 * than a walk): a render reads the active row's neighbourhood, not the whole list, so nobody
 * builds a key array for a list of a million rows redrawn every frame. `keys()` (an array)
 * still works for callers that have one anyway.
 *
 * Split for the first load: this file is what a first render needs (the Tab stop: the first row
 * until someone focuses the list) and stands in for the key handling (row-focus.keys.ts), which
 * loads on the first focus in the list (lazy-keys.ts: events that come before it arrives
 * are kept and replayed in order, each landing where it would have; if it cannot load, keys
 * are the browser's and the next focus tries again). An element's own key handler that reads
 * the active row goes through `defer` for the same reason. An element whose options are mostly
 * for the key handling gives only its keys and a `load` that builds the handling in its own
 * chunk (log-focus.ts, list-focus-controller.ts).
 */
import { LazyKeys, type LazyKeysHost } from './lazy-keys.js';
import type { RowFocusKeys } from './row-focus.keys.js';

/** The rows' keys in display order (all of them, not only the drawn ones), read one at a time. */
export interface RowKeySource<K> {
  /** How many rows there are. */
  count(): number;
  /** The key of row `i` (0 ≤ i < count()). */
  keyAt(i: number): K;
  /** Where `key` is now, -1 if gone (default: a walk outward from the active row's index). */
  indexOf?(key: K): number;
}

/** The same as an array (the older form: the caller builds it; keep it memoised). */
export interface RowKeyArray<K> {
  /** Every row's key in display order (not only the drawn ones). */
  keys(): readonly K[];
}

export type RowFocusOptions<K> = RowFocusBehaviour<K> & ((RowKeySource<K> & { keys?: never }) | (RowKeyArray<K> & { count?: never; keyAt?: never }));

export interface RowFocusBehaviour<K> {
  /** The drawn row element for a key, or null when it is windowed out. */
  rowElement(key: K): HTMLElement | null;
  /** Make the row drawn and scrolled fully into view (the window does it). */
  reveal(key: K): void | Promise<void>;
  /** Rows per PageUp/PageDown (default: the rows that fit in the scroller's height). */
  pageSize?(): number;
  /** Enter (and Space for a listbox `option` row) on the active row. */
  onActivate?(key: K, ev: KeyboardEvent): void;
  /**
   * The key a drawn row element shows (default: found by comparing `rowElement(k)` for keys
   * near the active one, then all). Give it when rows carry their key, e.g. `data-key`.
   */
  keyOf?(row: HTMLElement): K | undefined;
  /**
   * The list element (grid / listbox) that gets focus when no row can (the list became
   * empty). Default: the element the handlers were bound on.
   */
  container?(): HTMLElement | null;
}

/** The rows' keys alone: what the first render needs (the Tab stop), when the key handling's options come with it. */
export type RowKeys<K> = (RowKeySource<K> & { keys?: never }) | (RowKeyArray<K> & { count?: never; keyAt?: never });

export class RowFocusController<K> extends LazyKeys<RowFocusKeys<K>> {
  constructor(host: LazyKeysHost, options: RowFocusOptions<K>);
  /** `load` builds the key handling (with its options) in the element's own chunk; `name` is that chunk's module file name (its LazyPart's). */
  constructor(host: LazyKeysHost, rows: RowKeys<K>, name: string, load: () => Promise<RowFocusKeys<K>>);
  constructor(
    host: LazyKeysHost,
    private readonly rows: RowKeys<K>,
    name = 'row-focus.keys',
    load = () => import('./row-focus.keys.js').then((m) => new m.RowFocusKeys(host, rows as RowFocusOptions<K>)),
  ) {
    super(host, name, load, (keys) => keys.moving);
  }

  /** The row with tabindex=0 (the list's single Tab stop): the active key, else the first row. */
  get activeKey(): K | undefined {
    return this.value ? this.value.activeKey : this.count() ? this.keyAt(0) : undefined;
  }

  /** Where `key` is in the list now, -1 if it is not there. */
  indexOf(key: K): number {
    if (this.value) return this.value.indexOf(key);
    for (let i = 0, n = this.count(); i < n; i++) if (this.keyAt(i) === key) return i;
    return -1;
  }

  /** 0 for the active row, -1 for every other: use in the row template (and on row actions). */
  tabIndexFor(key: K): 0 | -1 {
    return this.value ? this.value.tabIndexFor(key) : key === this.activeKey ? 0 : -1;
  }

  /** Arrow Up/Down, Home/End, PageUp/PageDown, Enter (Space on `option` rows). Bind on the list. */
  readonly handleKeydown = this.defer((ev: KeyboardEvent, keys) => keys.handleKeydown(ev));

  /** A click or focus on a row (or inside it) makes that row active. Bind on the list. */
  readonly handleFocusIn = this.defer((ev: FocusEvent, keys) => keys.handleFocusIn(ev));

  /** Make `key` the active row and focus it, revealing it first unless `reveal: false`. */
  async focusKey(key: K, opts?: { reveal?: boolean }): Promise<void> {
    if (await this.ready()) return this.value!.focusKey(key, opts);
    // It could not load (server gone): focus the row if it is drawn.
    (this.rows as Partial<RowFocusBehaviour<K>>).rowElement?.(key)?.focus();
  }

  /**
   * Call after the keys changed (filter, page, reorder, new data). Keeps the active key if it
   * is still there, else takes the row now at its former index (or the last), else none; if
   * focus was inside the list it stays inside, on that row (never drops to <body>).
   */
  rowsChanged(): void {
    if (this.value) return this.value.rowsChanged();
    // Before the key handling: the Tab stop is the first row (a render); focus in the list waits with its events.
    this.host.requestUpdate();
    if (this.kept.length) this.keep(() => this.value!.rowsChanged());
  }

  protected override loaded(keys: RowFocusKeys<K>): void {
    this.host.addController(keys);
  }

  private count(): number {
    return this.rows.keys ? this.rows.keys().length : this.rows.count();
  }

  private keyAt(i: number): K {
    return this.rows.keys ? this.rows.keys()[i] : this.rows.keyAt(i);
  }
}
