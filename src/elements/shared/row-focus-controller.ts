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
 * Why a controller: it needs the host's update cycle (tabindex follows the active key; focus
 * moves after the row is drawn) and a focusout listener for its whole connected life.
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
 * loads on the first focus in the list (`handleFocusIn`). Events that come before it has
 * arrived are kept and replayed in order when it arrives (the keys a list handles have their
 * default prevented meanwhile, so the list does not scroll under them); the host's
 * `updateComplete` waits for it then. An element's own key handler that reads the active row
 * goes through `defer` for the same reason. An element whose options are mostly for the key
 * handling can give only its keys and a `load` that builds the handling in its own chunk
 * (log-focus.ts). If the chunk cannot load (server gone), nothing throws, keys do what the
 * browser does (the list scrolls, Enter clicks a button) and the next focus tries again.
 */
import type { CSSResultOrNative, ReactiveController, ReactiveControllerHost, ReactiveElement } from 'lit';
import { LazyPart } from './lazy-part.js';
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

type Host = ReactiveControllerHost & ReactiveElement;

export class RowFocusController<K> {
  /** Every load of the key handling goes through here: a test delays it or makes it fail. */
  static loading = <T>(load: () => Promise<T>): Promise<T> => load();

  /** The key handling, once loaded (then every call is its). */
  keys: RowFocusKeys<K> | null = null;
  private readonly part: LazyPart<{ styles: [] }>;
  /** What waits for the key handling, in order: kept events, rowsChanged. */
  private kept: (() => void)[] = [];
  /** The last load failed: keys are the browser's until a focus tries again. */
  private failed = false;
  private replaying = false;
  private running = false;

  constructor(host: Host, options: RowFocusOptions<K>);
  /** `load` builds the key handling (with its options) in the element's own chunk. */
  constructor(host: Host, rows: RowKeys<K>, load: () => Promise<RowFocusKeys<K>>);
  constructor(
    private readonly host: Host,
    private readonly rows: RowKeys<K>,
    load = () => import('./row-focus.keys.js').then((m) => new m.RowFocusKeys(host, rows as RowFocusOptions<K>)),
  ) {
    this.part = new LazyPart(
      host,
      () =>
        RowFocusController.loading(load).then(
          (keys) => {
            host.addController((this.keys = keys));
            // Once the part is in place (the host's updateComplete no longer waits for it).
            void this.part.get().then(() => this.replay());
            return { styles: [] as [] };
          },
          (e: unknown) => {
            this.failed = true;
            this.kept = [];
            throw e;
          },
        ),
      true,
    );
  }

  /** The row with tabindex=0 (the list's single Tab stop): the active key, else the first row. */
  get activeKey(): K | undefined {
    return this.keys ? this.keys.activeKey : this.count() ? this.keyAt(0) : undefined;
  }

  /** Where `key` is in the list now, -1 if it is not there. */
  indexOf(key: K): number {
    if (this.keys) return this.keys.indexOf(key);
    for (let i = 0, n = this.count(); i < n; i++) if (this.keyAt(i) === key) return i;
    return -1;
  }

  /** 0 for the active row, -1 for every other: use in the row template (and on row actions). */
  tabIndexFor(key: K): 0 | -1 {
    return this.keys ? this.keys.tabIndexFor(key) : key === this.activeKey ? 0 : -1;
  }

  /** Arrow Up/Down, Home/End, PageUp/PageDown, Enter (Space on `option` rows). Bind on the list. */
  readonly handleKeydown = this.defer((ev: KeyboardEvent) => this.keys!.handleKeydown(ev));

  /** A click or focus on a row (or inside it) makes that row active. Bind on the list. */
  readonly handleFocusIn = this.defer((ev: FocusEvent) => this.keys!.handleFocusIn(ev));

  /** Make `key` the active row and focus it, revealing it first unless `reveal: false`. */
  async focusKey(key: K, opts?: { reveal?: boolean }): Promise<void> {
    if (!this.keys) {
      this.part.need();
      await this.part.get().catch(() => {});
    }
    if (this.keys) return this.keys.focusKey(key, opts);
    // It could not load (server gone): focus the row if it is drawn.
    (this.rows as Partial<RowFocusBehaviour<K>>).rowElement?.(key)?.focus();
  }

  /**
   * Call after the keys changed (filter, page, reorder, new data). Keeps the active key if it
   * is still there, else takes the row now at its former index (or the last), else none; if
   * focus was inside the list it stays inside, on that row (never drops to <body>).
   */
  rowsChanged(): void {
    if (this.keys) return this.keys.rowsChanged();
    // Before the key handling: the Tab stop is the first row (a render); focus in the list waits with its events.
    this.host.requestUpdate();
    if (this.kept.length) this.kept.push(() => this.keys!.rowsChanged());
  }

  /**
   * `handler` runs now once the key handling is here. Before that, a focus (or a key while it
   * loads) is kept and `handler` runs with a copy of it when it arrives, after what came before:
   * for an element's own key handler that reads or moves the active row, so presses are never
   * lost or reordered. A key a list does not take (Tab, Ctrl+…, typing in a field) is left alone.
   */
  defer<E extends Event>(handler: (ev: E) => void): (ev: E) => void {
    return (ev) => {
      const key = ev.type === 'keydown';
      // Loaded: at once, but a key waits behind the kept ones (a focus then is their doing: at once too).
      if (this.keys && (this.running || !this.kept.length || !key)) return handler(ev);
      if (key) {
        if (this.failed || !listKey(ev as unknown as KeyboardEvent)) return;
        ev.preventDefault();
      }
      const list = ev.currentTarget;
      const copy = { defaultPrevented: false } as Record<string, unknown>;
      for (const k in ev) if (!(k in copy)) copy[k] = ev[k as keyof E];
      let path = ev.composedPath();
      this.kept.push(() => {
        // A key goes to what has focus now (a kept key before it may have moved it), if that is still in the list.
        const now = focusPath();
        if (key && now.includes(list!)) path = now;
        handler(Object.assign(copy, { target: path[0], composedPath: () => path, preventDefault() {}, stopPropagation() {} }) as unknown as E);
      });
      if (!this.keys) {
        this.failed = false;
        this.part.need();
      }
    };
  }

  /** The kept events, in order, each after the focus move of the one before (so it lands where it would have). */
  private async replay(): Promise<void> {
    if (this.replaying) return;
    this.replaying = true;
    for (let run; (run = this.kept.shift()); ) {
      // A handler run now passes its event on at once (an element's handler calling handleKeydown).
      this.running = true;
      try {
        run();
      } catch (e) {
        reportError(e); // as an event handler's error would be; the next events still run
      }
      this.running = false;
      await this.keys!.moving;
    }
    this.replaying = false;
  }

  private count(): number {
    return this.rows.keys ? this.rows.keys().length : this.rows.count();
  }

  private keyAt(i: number): K {
    return this.rows.keys ? this.rows.keys()[i] : this.rows.keyAt(i);
  }
}

/** The focused element and its ancestors through shadow roots, as a composed path from it. */
function focusPath(): EventTarget[] {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  const path: EventTarget[] = [];
  for (let n: Node | null = a; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) path.push(n);
  return [...path, window];
}

/** A key a list's handlers act on: moves, Enter (not on a button or link: the browser clicks those), Space on an option, a letter; never in a text field or with Alt/Ctrl/Meta. */
function listKey(ev: KeyboardEvent): boolean {
  const t = ev.composedPath()[0] as HTMLElement;
  if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return false;
  if (ev.key === 'Enter' || ev.key === ' ') return !/^(BUTTON|A|SUMMARY)$/.test(t.tagName) && (ev.key === 'Enter' || t.getAttribute('role') === 'option');
  return /^(Arrow|Page)|^(Home|End|.)$/u.test(ev.key);
}
