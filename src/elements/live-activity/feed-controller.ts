/**
 * What <live-activity>'s feed shows and when it is drawn: the filtered view of the store (or
 * of the list frozen while paused), the fixed-height window over it, the reading position kept
 * as rows arrive above it (the anchor), and what was last drawn — the rows, and separately the
 * counts, totals and "Active now" — paced by the FloodController under a flood of data.
 * The element calls `update(dataOnly)` from willUpdate and `updated()` from updated().
 * The window is the shared one (a uniform model keyed by item id); the anchor is the window's
 * (key + offset, restored with `restoreAnchor`), found near its last index in O(1) as rows
 * arrive above it.
 */
import type { ReactiveControllerHost } from 'lit';
import { WindowController, WindowModel, type Anchor, type RowSource } from '../shared/window/index.js';
import { applyFilter, type ActiveEntry, type ActivityItem, type ActivityStore } from './activity-store.js';
import { buildFeedView, findNear, normaliseFilter, type FeedFilter } from './feed-view.js';
import { FloodController } from './flood-controller.js';
import { arrayView, OVERSCAN, type FeedView, type RowsShown, type SideShown } from './live-activity.types.js';

/** What the feed shows while paused: the list and "Active now" as they were, and the counters then. */
export interface Frozen {
  list: ActivityItem[];
  active: ActiveEntry[];
  received: number;
  dropped: number;
}

export interface FeedControllerOptions {
  store: ActivityStore;
  frozen(): Frozen | null;
  filter(): FeedFilter;
  /** The feed row with keyboard focus (a focused row holds the reading position), or null. */
  focusedKey(): string | null;
  /** The clock of elapsed times (ms). */
  now(): number;
  /** New data landed: elapsed times count from now, not from the last tick. */
  onNewData(): void;
}

export class FeedController {
  /** What the feed shows now (after filters), newest first. */
  view: FeedView = arrayView(applyFilter([], { type: 'all', status: 'all', search: '', client: '' }));
  /** The feed rows as last drawn (under a flood a little behind the view). */
  rowsShown: RowsShown | null = null;
  /** The window over the feed: only visible rows (plus overscan) are rendered. */
  readonly window: WindowController<string>;
  private readonly model = new WindowModel<string>({ policy: 'uniform', rowHeight: 52 });
  private readonly flood: FloodController;
  private sideShown: SideShown | null = null;
  private viewKey: unknown[] = [];
  /** What the user reads, kept in place as rows arrive above it (null: at the top, following). */
  private anchor: (Anchor<string> & { index: number; inserted: number }) | null = null;
  /** Where the model's indexOf looks first (the anchor's index, moved by the rows inserted since). */
  private hint = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly o: FeedControllerOptions,
  ) {
    // The focused row stays drawn when the feed is scrolled away from it (focus stays on it).
    this.window = new WindowController<string>(host, this.model, { overscan: OVERSCAN, onUserScroll: () => this.captureAnchor(), keep: () => o.focusedKey() ?? undefined });
    this.flood = new FloodController(host);
  }

  /** Row height in px (fixed; the element reads --live-activity-row-height once). */
  get rowHeight(): number {
    return this.model.rowHeight;
  }
  set rowHeight(h: number) {
    this.model.rowHeight = h;
  }

  /** Before each render: the view (if data or filters changed), then what to redraw. */
  update(dataOnly: boolean): void {
    this.updateView();
    this.planRedraw(dataOnly);
  }

  /** After each render: the window on its scroller, and the reading position as it now is. */
  updated(scroller: HTMLElement | null): void {
    this.window.attach(scroller);
    this.window.apply();
    this.captureAnchor();
  }

  /** Counts, totals and "Active now" as drawn (see planRedraw). */
  side(): SideShown {
    return this.sideShown ?? this.sideNow(0);
  }

  /** Remember the item at the top of the viewport, unless the user is at the top and not on a row. */
  captureAnchor(): void {
    const top = this.window.scrollTop;
    if (top <= 0 && !this.o.focusedKey()) {
      this.anchor = null;
      return;
    }
    const index = Math.floor(top / this.rowHeight);
    // What is on screen: the rows as drawn (under a flood they can be a little behind the view).
    const shown = this.rowsShown;
    const drawn = shown && index >= shown.first && index < shown.last ? shown.items[index - shown.first] : undefined;
    const a = drawn ? { key: drawn.id, offset: top - index * this.rowHeight } : this.window.captureAnchor();
    this.anchor = a ? { ...a, index, inserted: drawn ? shown!.inserted : this.o.store.inserted } : null;
  }

  /** The feed's view (see buildFeedView), rebuilt when the data or the filters changed. */
  private updateView(): void {
    const f = normaliseFilter(this.o.filter());
    const frozen = this.o.frozen();
    const store = this.o.store;
    const source = frozen ? frozen.list : store;
    const version = frozen ? 0 : store.version;
    const key = [source, version, f.type, f.status, f.search, f.client];
    if (key.every((v, i) => v === this.viewKey[i])) return;
    if (version !== this.viewKey[1]) this.o.onNewData();
    const filtersChanged = key.slice(2).some((v, i) => v !== this.viewKey[i + 2]);
    this.viewKey = key;
    const view = (this.view = buildFeedView(store, frozen?.list ?? null, f));
    const rows: RowSource<string> = { length: view.length, keyAt: (i) => view.at(i)!.id, indexOf: (key) => findNear(view, key, this.hint) };
    this.model.setRows(rows);
    // New filters start at the newest; otherwise keep what the user reads where it was.
    if (filtersChanged) {
      this.anchor = null;
      this.window.scrollTop = 0;
    } else if (this.anchor) {
      // Keep the anchored item where it was on screen (found at the hint in O(1) when rows only arrived above it).
      this.hint = this.anchor.index + (store.inserted - this.anchor.inserted);
      this.window.restoreAnchor(this.anchor);
    }
  }

  /** Decide what this update redraws: everything, unless a flood spaces it out (see FloodController). */
  private planRedraw(dataOnly: boolean): void {
    const range = this.window.range();
    const rows = this.rowsShown;
    const rowsSame = rows && rows.first === range.first && rows.last === range.last;
    const plan = this.flood.plan({
      dataOnly,
      version: this.o.store.version,
      following: !this.anchor && !this.o.focusedKey(),
      rowsAt: rowsSame ? rows.at : null,
      sideAt: this.sideShown?.at ?? null,
    });
    if (plan.rows) {
      const items: ActivityItem[] = [];
      for (let i = range.first; i < range.last; i++) items.push(this.view.at(i)!);
      const kept = range.keep === undefined ? null : { index: range.keep, item: this.view.at(range.keep)! };
      // Rows are keyed `index + offset`: by position (-first: a frame of new data rewrites text only),
      // but while a row has focus the offset keeps its key, so its element and focus stay with it.
      const id = this.o.focusedKey();
      const j = items.findIndex((it) => it.id === id);
      const held = kept?.item.id === id ? kept.index : j < 0 ? -1 : range.first + j;
      const was = this.rowsShown;
      const offset = held >= 0 && was?.held?.id === id ? was.held.key - held : -range.first;
      this.rowsShown = { items, first: range.first, last: range.last, length: this.view.length, inserted: this.o.store.inserted, at: plan.at, offset, kept, held: held < 0 ? null : { id: id!, key: held + offset } };
    }
    if (plan.side) this.sideShown = this.sideNow(plan.at);
  }

  /** Counts, totals and "Active now" as they are now. */
  private sideNow(at: number): SideShown {
    const f = this.o.frozen();
    const store = this.o.store;
    return {
      typeCounts: this.view.typeCounts,
      statusCounts: this.view.statusCounts,
      viewLength: this.view.length,
      size: store.size,
      arrived: f ? store.received - f.received : 0,
      active: f ? f.active : store.active(),
      now: this.o.now(),
      at,
    };
  }
}
