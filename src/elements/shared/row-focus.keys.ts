/**
 * The row keyboard itself, loaded when someone first focuses a list (row-focus-controller.ts
 * stands in until then and hands it the events that came first): moving the active row with
 * Arrow Up/Down, Home/End, PageUp/PageDown, Enter (Space on `option` rows), focus following the
 * active row through filtering, paging, removal and windowing. The pattern, the options and
 * the usage are described in row-focus-controller.ts; this class has the same public API.
 * Not a controller by itself: the stand-in passes the host's lifecycle on (rollout-table's
 * grid, already lazy, adds it to its host directly).
 */
import type { ReactiveControllerHost } from 'lit';
import type { RowFocusOptions } from './row-focus-controller.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The keys of the last render around the active row: where a removed row's neighbours were. */
interface KeysSeen<K> {
  keys: readonly K[];
  /** The index in the list of keys[0]. */
  offset: number;
}

/** How many keys either side of the active row a render remembers (lazy sources; an array is kept whole). */
const SEEN_AROUND = 256;

const EDITABLE = /^(INPUT|TEXTAREA|SELECT)$/;

export class RowFocusKeys<K> {
  private active: K | undefined;
  /** The active key's index when last seen: where "nearest row" is looked for after it goes. */
  private activeIndex = 0;
  /** Focus is (or was, until its row was removed) inside the list. */
  private focusInside = false;
  private boundContainer: HTMLElement | null = null;
  /** The keys as of the last render (around the active row): where a removed active row's neighbours were. */
  private prevKeys: KeysSeen<K> = { keys: [], offset: 0 };
  /** The active key as resolved before this render (tabIndexFor is called per row). */
  private resolved: K | undefined;
  /** Bumped by each focus move: a slower earlier move must not win over a later one. */
  private seq = 0;
  private listenRoot: Node | null = null;
  /** A row focus left with no row to go to; see onFocusOut. */
  private leaving: Node | null = null;
  /** Between hostUpdate and hostUpdated: the host's render is changing the DOM. */
  private rendering = false;

  constructor(
    private readonly host: Host,
    private readonly options: RowFocusOptions<K>,
  ) {}

  // ---- public API ----------------------------------------------------------------------

  /** The row with tabindex=0 (the list's single Tab stop): the active key, else the first row. */
  get activeKey(): K | undefined {
    if (this.active !== undefined && this.indexOf(this.active) >= 0) return this.active;
    return this.first();
  }

  /** Where `key` is in the list now (its last index first), -1 if it is not there. */
  indexOf(key: K): number {
    if (this.options.keys) {
      const keys = this.options.keys();
      return keys[this.activeIndex] === key ? this.activeIndex : keys.indexOf(key);
    }
    const n = this.options.count();
    const hint = Math.min(this.activeIndex, n - 1);
    if (hint >= 0 && this.options.keyAt(hint) === key) return hint;
    if (this.options.indexOf) return this.options.indexOf(key);
    // Outward from the active row: the key looked for is usually near it.
    for (let d = 1; hint - d >= 0 || hint + d < n; d++) {
      if (hint + d < n && this.options.keyAt(hint + d) === key) return hint + d;
      if (hint - d >= 0 && this.options.keyAt(hint - d) === key) return hint - d;
    }
    return -1;
  }

  /** 0 for the active row, -1 for every other: use in the row template (and on row actions). */
  tabIndexFor(key: K): 0 | -1 {
    return key === this.resolved ? 0 : -1;
  }

  /**
   * The row to keep drawn however far the list scrolls (the window's `keep` option): the active
   * row while keyboard focus is in the list. Windowed out, its element would go and take focus
   * to <body>; kept, focus stays on it and the next arrow key moves on from it.
   */
  get heldKey(): K | undefined {
    return this.focusInside ? this.active : undefined;
  }

  /** Arrow Up/Down, Home/End, PageUp/PageDown, Enter (Space on `option` rows). Bind on the list. */
  readonly handleKeydown = (ev: KeyboardEvent): void => {
    if (ev.defaultPrevented || ev.altKey || ev.metaKey) return;
    this.learnContainer(ev.currentTarget);
    const target = ev.composedPath()[0] as HTMLElement | undefined;
    if (target && (EDITABLE.test(target.tagName) || target.isContentEditable)) return;
    const count = this.count();
    if (!count) return;
    const current = this.activeKey as K;
    let index = this.indexOf(current);
    if (index < 0) index = 0;
    let next: number | null = null;
    switch (ev.key) {
      case 'ArrowDown': next = index + 1; break;
      case 'ArrowUp': next = index - 1; break;
      case 'Home': next = 0; break;
      case 'End': next = count - 1; break;
      case 'PageDown': next = index + this.page(current); break;
      case 'PageUp': next = index - this.page(current); break;
      case 'Enter':
      case ' ': {
        // Only on the row itself: Enter on a row's own button is that button's.
        const row = this.options.rowElement(current);
        if (!row || target !== row) return;
        if (ev.key === ' ' && row.getAttribute('role') !== 'option') return;
        ev.preventDefault();
        this.options.onActivate?.(current, ev);
        return;
      }
      default:
        return;
    }
    if (ev.ctrlKey && ev.key.startsWith('Arrow')) return; // leave Ctrl+Arrow to the browser / grid cells
    ev.preventDefault();
    next = Math.max(0, Math.min(count - 1, next));
    void this.focusKey(this.keyAt(next));
  };

  /** A click or focus on a row (or inside it) makes that row active. Bind on the list. */
  readonly handleFocusIn = (ev: FocusEvent): void => {
    this.learnContainer(ev.currentTarget);
    this.focusInside = true;
    const key = this.keyFromPath(ev.composedPath());
    if (key === undefined || key === this.active) return;
    this.setActive(key);
  };

  /** The last focus move (focusKey): kept keys are replayed one after the other's move. */
  moving: Promise<void> | undefined;

  /** Make `key` the active row and focus it, revealing it first unless `reveal: false`. */
  focusKey(key: K, opts: { reveal?: boolean } = {}): Promise<void> {
    return (this.moving = this.move(key, opts));
  }

  private async move(key: K, opts: { reveal?: boolean }): Promise<void> {
    const seq = ++this.seq;
    this.setActive(key);
    await this.host.updateComplete;
    if (seq !== this.seq) return;
    if (opts.reveal !== false) await this.options.reveal(key);
    // The window may draw the row one update (or frame) after reveal resolves.
    let row = this.options.rowElement(key);
    for (let tries = 0; !row && tries < 3; tries++) {
      await this.host.updateComplete;
      if (!row) await new Promise((r) => requestAnimationFrame(() => r(null)));
      if (seq !== this.seq) return;
      row = this.options.rowElement(key);
    }
    if (seq !== this.seq) return;
    if (!row) {
      this.focusContainer();
      return;
    }
    this.focusInside = true;
    row.focus({ preventScroll: true });
    if (opts.reveal !== false && !fullyVisible(row)) row.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  /**
   * Call after the keys changed (filter, page, reorder, new data). Keeps the active key if it
   * is still there, else takes the row now at its former index (or the last), else none; if
   * focus was inside the list it stays inside, on that row (never drops to <body>).
   */
  rowsChanged(): void {
    const hadFocus = this.focusInside && this.focusStillOurs();
    this.settle();
    this.host.requestUpdate();
    if (!hadFocus) return;
    const key = this.active ?? this.first();
    if (key === undefined) void this.host.updateComplete.then(() => this.focusContainer());
    else void this.focusKey(key);
  }

  // ---- lifecycle -----------------------------------------------------------------------

  /** Before each render: settle the active key (rows may have gone without rowsChanged()). */
  hostUpdate(): void {
    this.settle();
    this.resolved = this.active ?? this.first();
    this.prevKeys = this.seen();
    this.rendering = true;
  }

  hostConnected(): void {
    this.listenRoot = this.host.shadowRoot ?? this.host;
    this.listenRoot.addEventListener('focusout', this.onFocusOut as EventListener);
  }

  hostDisconnected(): void {
    this.listenRoot?.removeEventListener('focusout', this.onFocusOut as EventListener);
    this.listenRoot = null;
    this.focusInside = false;
  }

  /**
   * A row that had focus was removed by a render (windowed out, filtered): the browser moved
   * focus to <body>. Put it back on the active row if drawn, else on the list itself (arrows
   * still work there, and reveal the active row again).
   */
  hostUpdated(): void {
    this.rendering = false;
    if (this.leaving) this.decideLeaving(this.leaving);
    if (!this.focusInside || !this.focusDropped()) return;
    const key = this.activeKey;
    const row = key === undefined ? null : this.options.rowElement(key);
    if (row) row.focus({ preventScroll: true });
    else this.focusContainer();
  }

  // ---- internals -----------------------------------------------------------------------

  private setActive(key: K): void {
    if (key === this.active) return;
    this.active = key;
    const i = this.indexOf(key);
    if (i >= 0) this.activeIndex = i;
    this.host.requestUpdate();
  }

  /**
   * If the active row is gone, take its nearest survivor: the first row after it (in the
   * former order) that is still there, else the nearest before it, else the row now at its
   * former index; none when the list is empty.
   */
  private settle(): void {
    if (this.active === undefined) return;
    const at = this.indexOf(this.active);
    if (at >= 0) {
      this.activeIndex = at;
      return;
    }
    const count = this.count();
    const { keys: prev, offset } = this.prevKeys;
    const was = this.activeIndex - offset;
    let next: K | undefined;
    if (count && prev[was] === this.active) {
      // Only here (the active row went) is the whole list read, once.
      const now = this.options.keys ? new Set(this.options.keys()) : new Set(Array.from({ length: count }, (_, i) => this.keyAt(i)));
      for (let i = was + 1; i < prev.length && next === undefined; i++) if (now.has(prev[i])) next = prev[i];
      for (let i = was - 1; i >= 0 && next === undefined; i--) if (now.has(prev[i])) next = prev[i];
    }
    if (next === undefined && count) next = this.keyAt(Math.min(this.activeIndex, count - 1));
    this.active = next;
    if (next !== undefined) this.activeIndex = this.indexOf(next);
  }

  /** The keys as this render has them: the whole array (kept, not copied), or the active row's neighbourhood. */
  private seen(): KeysSeen<K> {
    if (this.options.keys) return { keys: this.options.keys(), offset: 0 };
    if (this.active === undefined) return { keys: [], offset: 0 };
    const from = Math.max(0, this.activeIndex - SEEN_AROUND);
    const to = Math.min(this.count(), this.activeIndex + SEEN_AROUND + 1);
    const keys = new Array<K>(Math.max(0, to - from));
    for (let i = from; i < to; i++) keys[i - from] = this.keyAt(i);
    return { keys, offset: from };
  }

  private count(): number {
    return this.options.keys ? this.options.keys().length : this.options.count();
  }

  private keyAt(i: number): K {
    return this.options.keys ? this.options.keys()[i] : this.options.keyAt(i);
  }

  private first(): K | undefined {
    return this.count() ? this.keyAt(0) : undefined;
  }

  /** Rows per page: the option, else how many rows of the active row's height fit its scroller. */
  private page(key: K): number {
    const given = this.options.pageSize?.();
    if (given && given > 0) return Math.floor(given);
    const row = this.options.rowElement(key);
    const h = row?.getBoundingClientRect().height ?? 0;
    if (!row || h <= 0) return 10;
    const scroller = scrollParent(row);
    const viewport = scroller ? scroller.clientHeight : window.innerHeight;
    return Math.max(1, Math.floor(viewport / h) - 1);
  }

  private keyFromPath(path: EventTarget[]): K | undefined {
    const els = path.filter((t): t is HTMLElement => t instanceof HTMLElement);
    const container = this.containerEl();
    const inList = container ? els.slice(0, els.indexOf(container) >= 0 ? els.indexOf(container) : els.length) : els;
    if (this.options.keyOf) {
      for (const el of inList) {
        const k = this.options.keyOf(el);
        if (k !== undefined && this.indexOf(k) >= 0) return k;
      }
      return undefined;
    }
    const candidates = new Set(inList);
    const count = this.count();
    const start = this.active === undefined ? 0 : Math.max(0, this.indexOf(this.active));
    // Look outward from the active row: the clicked row is usually near it.
    for (let d = 0; d < count; d++) {
      for (const i of d ? [start - d, start + d] : [start]) {
        if (i < 0 || i >= count) continue;
        const key = this.keyAt(i);
        const row = this.options.rowElement(key);
        if (row && candidates.has(row)) return key;
      }
      if (start - d < 0 && start + d >= count) break;
    }
    return undefined;
  }

  private learnContainer(target: EventTarget | null): void {
    if (target instanceof HTMLElement) this.boundContainer = target;
  }

  private containerEl(): HTMLElement | null {
    return this.options.container?.() ?? this.boundContainer;
  }

  private focusContainer(): void {
    const c = this.containerEl();
    if (!c || !c.isConnected) return;
    if (!c.hasAttribute('tabindex')) c.tabIndex = -1;
    this.focusInside = true;
    c.focus({ preventScroll: true });
  }

  /** The deepest focused element (through shadow roots). */
  private deepActive(): Element | null {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a;
  }

  /** Focus went nowhere (<body>): what the browser does when the focused row is removed. */
  private focusDropped(): boolean {
    const a = this.deepActive();
    return !a || a === document.body || a === document.documentElement;
  }

  /** Focus is still in the list, or was dropped to <body> by a removal. */
  private focusStillOurs(): boolean {
    if (this.focusDropped()) return true;
    const c = this.containerEl();
    const a = this.deepActive();
    return !!(c && a && composedContains(c, a));
  }

  private readonly onFocusOut = (ev: FocusEvent): void => {
    const c = this.containerEl();
    const to = ev.relatedTarget as Node | null;
    if (c && to && composedContains(c, to)) return; // moving between rows / into a row's actions
    const from = ev.composedPath()[0] as Node | undefined;
    // Chromium fires focusout for a focused row that a render removes or moves (keyed
    // `repeat` re-inserts it), before doing so: not the user's doing; hostUpdated puts focus back.
    if (!from || this.rendering) return;
    // Outside a render: the user moved away if the row is still in the document afterwards
    // (a row pool removing it imperatively is not the user).
    this.leaving = from;
    queueMicrotask(() => this.decideLeaving(from));
  };

  private decideLeaving(from: Node): void {
    if (this.leaving !== from) return;
    this.leaving = null;
    if (from.isConnected) this.focusInside = false;
  }
}

function composedContains(outer: Node, inner: Node): boolean {
  for (let n: Node | null = inner; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
    if (n === outer) return true;
  }
  return false;
}

function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let n: Node | null = el.parentNode; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
    if (!(n instanceof HTMLElement)) continue;
    const oy = getComputedStyle(n).overflowY;
    if ((oy === 'auto' || oy === 'scroll') && n.scrollHeight > n.clientHeight) return n;
  }
  return null;
}

/** The row is entirely inside its scroller's visible box (and the viewport). */
function fullyVisible(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  const s = scrollParent(el);
  const box = s ? s.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, window.innerHeight);
  return r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
}
