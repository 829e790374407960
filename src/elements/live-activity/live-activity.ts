import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Observable } from 'rxjs';
import { StreamController } from '../../streams/controller.js';
import type { Activity, ClusterSnapshot, LiveEvent, TaskEvent, TaskFeedStatus } from '../../streams/models.js';
import type { Batch, ConnectionState, HubLike, SourceStatus, StreamSource } from '../../streams/types.js';
import { controls, tokens, type Tone } from '../../styles/tokens.js';
import { stripAnsi } from '../shared/ansi.js';
import { formatAgo, formatBytes, formatDateTime, formatDuration, formatStageDuration, formatTime, safeJson, safeIso } from '../shared/format.js';
import { errorStateStyles, renderErrorState } from '../shared/error-state.js';
import { FixedWindowController, renderWindow } from '../shared/fixed-window.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { safeNumber, safeText, safeTextStyles } from '../shared/safe-text.js';
import { feedNoticeStyles, renderFeedNotices } from '../shared/feed-notices.js';
import {
  ActivityStore,
  applyFilter,
  countsFromMatrix,
  STATUS_FILTERS,
  STATUS_LABELS,
  TASK_STATUS_FILTERS,
  TASK_TYPE_FILTERS,
  TASK_TYPE_FILTER_LABELS,
  STATUS_TONES,
  TYPE_FILTERS,
  TYPE_FILTER_LABELS,
  type ActiveEntry,
  type ActivityItem,
  type FilterResult,
  type StatusFilter,
  type TypeFilter,
} from './activity-store.js';
import { icon } from './icons.js';
import { ActivityFilterChangeEvent, ActivityPauseChangeEvent, ActivitySelectEvent } from './live-activity.events.js';
import { styles } from './live-activity.styles.js';
import { httpFetcher, OutputController, renderOutput, type OutputFetcher, type OutputStream } from './output-loader.js';

export const FEEDS = ['live', 'tasks'] as const;
export type Feed = (typeof FEEDS)[number];

const CONNECTION_LOOK: Record<ConnectionState, { text: string; tone: Tone }> = {
  connecting: { text: 'Connecting…', tone: 'neutral' },
  live: { text: 'Live', tone: 'ok' },
  polling: { text: 'Polling', tone: 'warn' },
  reconnecting: { text: 'Disconnected, reconnecting…', tone: 'error' },
  offline: { text: 'Offline', tone: 'error' },
  error: { text: 'Error', tone: 'error' },
};

/** Rows rendered above and below the visible ones. */
const OVERSCAN = 2;
const nf = new Intl.NumberFormat();

/** Height of an "Active now" entry including the gap below it (px; matches the styles). */
const ACTIVE_ROW = 88;

/**
 * Under a flood (new data in consecutive frames) the parts of the DOM that follow the data
 * are redrawn at most this often (ms), the feed's rows and the rest (counts, "Active now")
 * in different frames. At 10,000 events/s every visible row shows other items each frame:
 * redrawing them 60 times a second cost a whole frame of layout and paint for a list nobody
 * can read at that speed. Anything the user does redraws at once.
 */
const FLOOD_MS = 100;
/** Data updates closer than this (ms) count as consecutive frames (lenient: a loaded machine has slow frames). */
const FLOOD_GAP_MS = 100;
/** Consecutive data frames (about 1/6 s of them) before the redraws are spaced out: a few quick updates still show at once. */
const FLOOD_STREAK = 10;

/** The feed rows as last drawn: a copy of the visible slice of the view. */
interface RowsShown {
  items: ActivityItem[];
  first: number;
  last: number;
  length: number;
  /** The store's `inserted` when drawn (the anchor's index hint). */
  inserted: number;
  at: number;
}

/** Counts, totals and "Active now" as last drawn. */
interface SideShown {
  typeCounts: FeedView['typeCounts'];
  statusCounts: FeedView['statusCounts'];
  viewLength: number;
  size: number;
  arrived: number;
  active: ActiveEntry[];
  now: number;
  at: number;
}

/** What the feed shows: indexed access (newest first) without copying, and the faceted counts. */
interface FeedView extends Pick<FilterResult, 'typeCounts' | 'statusCounts'> {
  length: number;
  at(i: number): ActivityItem | undefined;
  /** As an array (O(n) for the live view; for tests and the public `visibleItems`). */
  items(): ActivityItem[];
}

const arrayView = (r: FilterResult): FeedView => ({
  length: r.items.length,
  at: (i) => r.items[i],
  items: () => r.items,
  typeCounts: r.typeCounts,
  statusCounts: r.statusCounts,
});

type AnyBatch = Batch<LiveEvent, ClusterSnapshot> | Batch<TaskEvent, TaskFeedStatus>;

/**
 * Everything happening in the cluster, live: activities (uploads, downloads, client calls,
 * executions, others) newest first and updated in place, with type and status filters that
 * show their counts, keyword search, an "Active now" panel with elapsed time, a details panel
 * with stage timings and lazily fetched stdout/stderr, and a pause that loses nothing.
 * With `feed="tasks"` it reads the seed-001 task-event feed instead.
 *
 * Every event is applied to a bounded keyed store as it arrives (`max-events`, 1000 by
 * default) in O(1): a map by id, a ring for the order, counts kept as items change. The view
 * updates at most once per animation frame (the hub delivers one batch per frame) and only
 * the visible rows exist in the DOM (a fixed-height window). Under a sustained flood (data in
 * 10 consecutive frames) the rows, and separately the counts and "Active now", are redrawn
 * at most every 100 ms, in different frames, so a frame costs little at 10,000 events/s.
 * At the top the newest rows show as they come; scrolled down (or with a row focused) the
 * reading position stays put while new rows arrive above.
 *
 * @summary Live activity monitor for the Telltale live protocol or the seed-001 task feed.
 *
 * @event activity-select - An item was opened (click or Enter). `detail.item` is the row with its original `activity` or `taskEvent`.
 * @event activity-filter-change - The user changed the type or status filter or the search. `detail`: `{type, status, search, client}`.
 * @event activity-pause-change - The user paused or resumed. `detail`: `{paused, arrived, dropped}`.
 *
 * @csspart header - The top bar (title, connection, pause).
 * @csspart connection - The connection indicator.
 * @csspart toolbar - The filters and the search.
 * @csspart active - The "Active now" panel.
 * @csspart feed - The scrolling list of recent activity (only the visible rows are rendered).
 * @csspart row - One row of the feed.
 * @csspart details - The details panel.
 * @csspart output - A stdout/stderr view.
 * @csspart unreadable - The notice that N records could not be read (with the first reason).
 * @csspart reset-notice - The notice that the view was rebuilt from a fresh snapshot, and why.
 * @csspart proxy-notice - The notice that a buffering proxy forced polling.
 *
 * @cssproperty --live-activity-height - Height of the element (default 640px).
 * @cssproperty --live-activity-bg - Background.
 * @cssproperty --live-activity-border - Border colour.
 * @cssproperty --live-activity-radius - Corner radius.
 * @cssproperty --live-activity-row-height - Height of a feed row (default 52px).
 * @cssproperty --live-activity-row-hover - Row background on hover.
 * @cssproperty --live-activity-row-selected - Background of the row whose details are open.
 * @cssproperty --live-activity-toolbar-bg - Toolbar background.
 * @cssproperty --live-activity-active-bg - "Active now" panel background.
 * @cssproperty --live-activity-active-width - "Active now" panel width (default 300px).
 * @cssproperty --live-activity-details-width - Details panel width (default 420px).
 * @cssproperty --live-activity-details-bg - Details panel background.
 * @cssproperty --live-activity-output-bg - Background of stdout/stderr.
 * @cssproperty --live-activity-kind-width - Width of the type column (default 124px; 184px for the task feed).
 * @cssproperty --live-activity-ok-text - Text colour of succeeded statuses.
 * @cssproperty --live-activity-live-color - Indicator colour when live (green).
 * @cssproperty --live-activity-polling-color - Indicator colour when polling (yellow).
 * @cssproperty --live-activity-offline-color - Indicator colour when disconnected (red).
 *
 * @cssstate loading - Waiting for the first snapshot.
 * @cssstate empty - Loaded, nothing to show.
 * @cssstate connecting - The source is connecting.
 * @cssstate live - The source streams live.
 * @cssstate polling - The source fell back to polling.
 * @cssstate reconnecting - The connection dropped; retrying.
 * @cssstate offline - The browser is offline.
 * @cssstate error - The source failed for good (see the reason shown).
 * @cssstate stale - What is shown may be out of date (not connected).
 * @cssstate paused - The user paused the feed.
 */
export class LiveActivity extends TelltaleElement {
  static override styles = [tokens, controls, errorStateStyles, safeTextStyles, feedNoticeStyles, styles];

  /** Backend base URL; unset = the settings' backend address, else the page's origin. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** `live`: the Telltale live protocol (`{base}/live`); `tasks`: the seed-001 task feed (`{base}/api/dashboard/live`). */
  @property({ reflect: true }) feed: Feed = 'live';

  /**
   * Type filter: all, upload, download, client, execution, other. The task feed offers all,
   * execution (shown as Tasks), client (Validators), download (Cache hits) and other.
   */
  @property({ reflect: true }) type: TypeFilter = 'all';

  /** Status filter: all, success, in_progress, queued, failed, canceled (the task feed: all, success, in_progress, failed). */
  @property({ reflect: true }) status: StatusFilter = 'all';

  /** Keyword search over id, title, detail, worker and client. */
  @property() search = '';

  /** Show only this client's activity (in the task feed: this validator). */
  @property() client = '';

  /** Most items kept; the oldest go first. */
  @property({ type: Number, attribute: 'max-events' }) maxEvents = 1000;

  /** Heading text; default depends on the feed. */
  @property() heading?: string;

  /** Whether the view is frozen while events keep arriving. */
  @property({ type: Boolean, reflect: true }) paused = false;

  /** Activities given directly (stories, tests, custom sources): replaces the content. */
  @property({ attribute: false })
  get activities(): Activity[] | undefined {
    return this._activities;
  }
  set activities(list: Activity[] | undefined) {
    this._activities = list;
    if (list) {
      this.dataGiven = true;
      this.store.resetLive({ activities: list });
      this.requestUpdate();
    }
  }
  private _activities?: Activity[];

  /** A seed-001 status document given directly: replaces the content (and sets `feed="tasks"`). */
  @property({ attribute: false })
  get taskStatus(): TaskFeedStatus | undefined {
    return this._taskStatus;
  }
  set taskStatus(s: TaskFeedStatus | undefined) {
    this._taskStatus = s;
    if (s) {
      this.dataGiven = true;
      this.feed = 'tasks';
      this.store.resetTasks(s);
      this.requestUpdate();
    }
  }
  private _taskStatus?: TaskFeedStatus;

  /** The connection status shown; set from the source, or directly (stories, custom sources). */
  @property({ attribute: false }) sourceStatus: SourceStatus | null = null;

  /** How stdout/stderr are fetched; default: `{base}/live/activities/{id}/output/{stream}`. */
  @property({ attribute: false }) outputFetcher?: OutputFetcher;

  @state() private selectedId: string | null = null;
  @state() private now = Date.now();
  @state() private copied: string | null = null;
  @state() private resumeNote: string | null = null;

  private readonly store = new ActivityStore(1000);
  private dataGiven = false;
  private sourceKey = '';
  private source: StreamSource<unknown, unknown> | null = null;
  private hubError: string | null = null;

  private frozen: { list: ActivityItem[]; active: ActiveEntry[]; received: number; dropped: number } | null = null;
  private view: FeedView = arrayView(applyFilter([], { type: 'all', status: 'all', search: '', client: '' }));
  private viewKey: unknown[] = [];
  private selectedSnapshot: ActivityItem | null = null;

  /** Row height in px (fixed; read from --live-activity-row-height once). */
  private rowHeight = 52;
  /** The fixed-height window over the feed: only visible rows (plus overscan) are rendered. */
  private readonly window = new FixedWindowController(this, () => ({ length: this.view.length, rowHeight: this.rowHeight, overscan: OVERSCAN }));
  /** What the user reads, kept in place as rows arrive above it (null: at the top, following). */
  private anchor: { id: string; index: number; offset: number; inserted: number } | null = null;
  /** Id of the row that has keyboard focus, kept on that item while rows are reused. */
  private focusedId: string | null = null;
  /** The "Active now" list is windowed the same way (it can hold every kept item). */
  private readonly activeWindow = new FixedWindowController(this, () => ({
    length: this.shownSide().active.length,
    rowHeight: ACTIVE_ROW,
    overscan: 1,
  }));
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Flood detection: when data last changed, how many consecutive frames brought data. */
  private flood = { version: -1, at: -Infinity, streak: 0 };
  private rowsShown: RowsShown | null = null;
  private sideShown: SideShown | null = null;
  /** Catch-up redraw once a flood ends (what was held back is drawn within ~FLOOD_MS). */
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  private copiedTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly internals: ElementInternals;

  private readonly batches = new StreamController<AnyBatch>(
    this,
    () => this.select<AnyBatch>((s) => s.batches$ as Observable<AnyBatch>),
    (batch) => this.onBatch(batch),
  );
  private readonly statuses = new StreamController<SourceStatus>(
    this,
    () => this.select<SourceStatus>((s) => s.status$),
    (s) => this.onStatus(s),
  );
  private readonly output = new OutputController(this, () => this.outputFetcher ?? httpFetcher(() => this.resolveBase(this.baseUrl)));

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.window.onUserScroll = () => this.captureAnchor();
  }

  // ── public methods ───────────────────────────────────────────────────────────────

  /** Apply live-protocol events (as a source would): activity upserts, removals, resets. */
  applyLiveEvents(events: readonly LiveEvent[]): void {
    this.dataGiven = true;
    this.store.applyLive(events);
    this.requestUpdate();
  }

  /** Upsert activities (keyed by id, updated in place). */
  upsertActivities(list: readonly Activity[]): void {
    this.dataGiven = true;
    this.store.upsertActivities(list);
    this.requestUpdate();
  }

  /** Apply seed-001 task events. */
  applyTaskEvents(events: readonly TaskEvent[]): void {
    this.dataGiven = true;
    this.feed = 'tasks';
    this.store.applyTasks(events);
    this.requestUpdate();
  }

  /** Freeze what is shown; events keep arriving and are counted ("N new"). */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
  }

  /** Show everything that arrived while paused. */
  resume(): void {
    this.paused = false;
  }

  /** Open the details of an item by id. */
  openDetails(id: string): void {
    const item = this.store.get(id) ?? this.frozen?.list.find((i) => i.id === id);
    if (!item) return;
    this.selectedId = id;
    this.dispatchEvent(new ActivitySelectEvent({ item }));
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.details .close')?.focus());
  }

  closeDetails(): void {
    const id = this.selectedId;
    this.selectedId = null;
    this.output.clear();
    this.updateComplete.then(() => {
      const row = [...this.renderRoot.querySelectorAll<HTMLElement>('.row')].find((r) => r.dataset.id === id);
      (row ?? this.renderRoot.querySelector<HTMLElement>('.feed'))?.focus();
    });
  }

  /** What the feed shows now (after filters), newest first. */
  get visibleItems(): readonly ActivityItem[] {
    return this.view.items();
  }

  // ── lifecycle ────────────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.syncTimer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.syncTimer();
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = null;
    this.sourceKey = '';
  }

  private readonly onVisibility = () => this.syncTimer();

  protected override firstUpdated(): void {
    const h = parseFloat(getComputedStyle(this).getPropertyValue('--live-activity-row-height'));
    if (Number.isFinite(h) && h > 0 && h !== this.rowHeight) {
      this.rowHeight = h;
      this.requestUpdate();
    }
  }

  protected override updated(): void {
    this.window.attach(this.renderRoot.querySelector<HTMLElement>('.feed'));
    this.window.apply();
    this.activeWindow.attach(this.renderRoot.querySelector<HTMLElement>('.active-list'));
    this.activeWindow.apply();
    this.output.attach(this.renderRoot);
    this.captureAnchor();
    // Rows are reused by position: keep keyboard focus on the item, not on the slot.
    if (this.focusedId) {
      const active = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
      if (active?.classList.contains('row') && active.dataset.id !== this.focusedId) {
        const row = this.renderRoot.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(this.focusedId)}"]`);
        (row ?? this.renderRoot.querySelector<HTMLElement>('.feed'))?.focus({ preventScroll: true });
      }
    }
  }

  /** Remember the item at the top of the viewport, unless the user is at the top and not on a row. */
  private captureAnchor(): void {
    const top = this.window.scrollTop;
    if (top <= 0 && !this.focusedId) {
      this.anchor = null;
      return;
    }
    const index = Math.floor(top / this.rowHeight);
    // What is on screen: the rows as drawn (under a flood they can be a little behind the view).
    const shown = this.rowsShown;
    const drawn = shown && index >= shown.first && index < shown.last ? shown.items[index - shown.first] : undefined;
    const it = drawn ?? this.view.at(index);
    this.anchor = it ? { id: it.id, index, offset: top - index * this.rowHeight, inserted: drawn ? shown!.inserted : this.store.inserted } : null;
  }

  /** Keep the anchored item where it was on screen after the view changed (O(1) when found at the hint). */
  private restoreAnchor(): void {
    const a = this.anchor;
    if (!a) return;
    const v = this.view;
    const hint = a.index + (this.store.inserted - a.inserted);
    const n = v.length;
    for (let d = 0; d < n; d++) {
      for (const i of d === 0 ? [hint] : [hint + d, hint - d]) {
        if (i >= 0 && i < n && v.at(i)!.id === a.id) {
          this.window.scrollTop = i * this.rowHeight + a.offset;
          return;
        }
      }
      if (hint + d >= n && hint - d < 0) break;
    }
  }

  /** One 1 s timer drives elapsed times and staleness; none while hidden or disconnected. */
  private syncTimer(): void {
    const run = this.isConnected && document.visibilityState !== 'hidden';
    if (run && !this.timer) {
      this.now = Date.now();
      this.timer = setInterval(() => (this.now = Date.now()), 1000);
    } else if (!run && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private select<T>(pick: (s: StreamSource<unknown, unknown>) => Observable<T>): Observable<T> | null {
    return this.source ? pick(this.source) : null;
  }

  /** Choose the source from hub, base URL and feed; resubscribe when any of them changed. */
  private syncSource(): void {
    const explicit = this.baseUrl != null && this.baseUrl !== '';
    if (this.dataGiven && !explicit) {
      this.hubError = null;
      if (this.source) {
        this.source = null;
        this.sourceKey = '';
        this.batches.resubscribe();
        this.statuses.resubscribe();
      }
      return;
    }
    let hub: HubLike;
    try {
      hub = this.effectiveHub;
    } catch (err) {
      this.hubError = err instanceof Error ? err.message : String(err);
      return;
    }
    this.hubError = null;
    const base = this.resolveBase(this.baseUrl);
    const key = `${this.feed}|${base}`;
    if (key === this.sourceKey && this.lastHub === hub) return;
    this.sourceKey = key;
    this.lastHub = hub;
    this.source = (this.feed === 'tasks' ? hub.tasks(base) : hub.live(base)) as StreamSource<unknown, unknown>;
    this.store.clear();
    this.store.loaded = false;
    this.store.feed = this.feed;
    this.frozen = this.paused ? { list: [], active: [], received: this.store.received, dropped: this.store.dropped } : null;
    this.sourceStatus = null;
    this.batches.resubscribe();
    this.statuses.resubscribe();
  }
  private lastHub: HubLike | null = null;

  private onStatus(s: SourceStatus): void {
    this.sourceStatus = s;
    // The task feed's stream may say nothing until a task comes: connected means loaded (and empty).
    if (this.feed === 'tasks' && (s.state === 'live' || s.state === 'polling')) this.store.loaded = true;
  }

  private onBatch(batch: AnyBatch): void {
    if (this.feed === 'tasks') {
      const b = batch as Batch<TaskEvent, TaskFeedStatus>;
      if (b.reset) this.store.resetTasks(b.reset);
      this.store.applyTasks(b.events);
    } else {
      const b = batch as Batch<LiveEvent, ClusterSnapshot>;
      if (b.reset) this.store.resetLive(b.reset);
      this.store.applyLive(b.events);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Only new data (no property, no user action): the redraws may be spaced out.
    const dataOnly = changed.size === 0;
    if (changed.has('maxEvents')) this.store.setMax(this.maxEvents);
    // Source inputs: hub (property or context), settings, base URL, feed.
    this.syncSource();

    if (changed.has('paused')) {
      if (this.paused) {
        this.frozen = { list: this.store.list(), active: this.activeNow(), received: this.store.received, dropped: this.store.dropped };
      } else if (changed.get('paused') === true) {
        const f = this.frozen;
        this.frozen = null;
        if (f) {
          const dropped = this.store.dropped - f.dropped;
          this.resumeNote =
            dropped > 0 ? `${nf.format(dropped)} older ${dropped === 1 ? 'item was' : 'items were'} dropped while paused (limit ${nf.format(this.store.max)}).` : null;
        }
      }
    }

    this.updateView();
    this.planRedraw(dataOnly);

    // The details show the live item, or the frozen one while paused.
    this.selectedSnapshot = this.selectedId
      ? (this.frozen?.list.find((i) => i.id === this.selectedId) ?? this.store.get(this.selectedId) ?? this.selectedSnapshot)
      : null;
    this.loadOutput();
    this.syncStates();
  }

  /**
   * The feed's view. Live and unfiltered, it reads the store's ring directly (O(1) a frame);
   * with a type or status filter it rescans the kept items when they changed (O(max-events));
   * counts come from the store's type × status matrix unless a search or client filter is on.
   */
  private updateView(): void {
    const type: TypeFilter = (TYPE_FILTERS as readonly string[]).includes(this.type) ? this.type : 'all';
    const status: StatusFilter = (STATUS_FILTERS as readonly string[]).includes(this.status) ? this.status : 'all';
    const search = this.search.trim().toLowerCase();
    const source = this.frozen ? this.frozen.list : this.store;
    const version = this.frozen ? 0 : this.store.version;
    const key = [source, version, type, status, search, this.client];
    if (key.every((v, i) => v === this.viewKey[i])) return;
    // Elapsed times count from now, not from the last tick, when new data lands.
    if (version !== this.viewKey[1]) this.now = Date.now();
    const filtersChanged = key.slice(2).some((v, i) => v !== this.viewKey[i + 2]);
    this.viewKey = key;
    const store = this.store;
    if (this.frozen || search || this.client) {
      this.view = arrayView(applyFilter(this.frozen ? this.frozen.list : store.list(), { type, status, search, client: this.client }));
    } else if (type === 'all' && status === 'all') {
      const counts = countsFromMatrix(store.counts, type, status);
      this.view = { length: store.length, at: (i) => store.at(i), items: () => store.list(), ...counts };
    } else {
      const items: ActivityItem[] = [];
      for (let i = 0, n = store.length; i < n; i++) {
        const it = store.at(i)!;
        if ((type === 'all' || it.type === type) && (status === 'all' || it.status === status)) items.push(it);
      }
      this.view = { length: items.length, at: (i) => items[i], items: () => items, ...countsFromMatrix(store.counts, type, status) };
    }
    // New filters start at the newest; otherwise keep what the user reads where it was.
    if (filtersChanged) {
      this.anchor = null;
      this.window.scrollTop = 0;
    } else {
      this.restoreAnchor();
    }
  }

  private activeNow(): ActiveEntry[] {
    return this.store.active();
  }

  /**
   * Decide what this update redraws. Normally everything. Under a flood (data in consecutive
   * frames, nothing else changed, following the newest at the top) the feed's rows and the
   * rest (counts, totals, "Active now") are each redrawn at most every FLOOD_MS, never both
   * in one frame; a timer draws what was held back once the flood ends.
   */
  private planRedraw(dataOnly: boolean): void {
    const t = performance.now();
    const newData = dataOnly && this.store.version !== this.flood.version;
    this.flood.version = this.store.version;
    if (newData) {
      this.flood.streak = t - this.flood.at < FLOOD_GAP_MS ? this.flood.streak + 1 : 0;
      this.flood.at = t;
    }
    const range = this.window.range();
    const rows = this.rowsShown;
    const flooding = newData && this.flood.streak >= FLOOD_STREAK && !this.anchor && !this.focusedId;
    const rowsSame = rows && rows.first === range.first && rows.last === range.last;
    let rowsDue = !flooding || !rowsSame || t - rows!.at >= FLOOD_MS;
    let sideDue = !flooding || !this.sideShown || t - this.sideShown.at >= FLOOD_MS;
    if (flooding && rowsDue && sideDue) {
      // One of the two per frame: the one that waited longer.
      if (rowsSame && this.sideShown && this.sideShown.at < rows!.at) rowsDue = false;
      else sideDue = false;
    }
    if (rowsDue) {
      const items: ActivityItem[] = [];
      for (let i = range.first; i < range.last; i++) items.push(this.view.at(i)!);
      this.rowsShown = { items, first: range.first, last: range.last, length: this.view.length, inserted: this.store.inserted, at: t };
    }
    if (sideDue) this.sideShown = this.sideNow(t);
    if (!rowsDue || !sideDue) this.scheduleCatchUp();
  }

  private scheduleCatchUp(): void {
    if (this.catchUpTimer) return;
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null;
      // Still flooding: the frames bringing data redraw as things fall due.
      if (performance.now() - this.flood.at < FLOOD_GAP_MS) this.scheduleCatchUp();
      else this.requestUpdate();
    }, FLOOD_MS / 2);
  }

  /** Counts, totals and "Active now" as they are now. */
  private sideNow(at: number): SideShown {
    const f = this.frozen;
    return {
      typeCounts: this.view.typeCounts,
      statusCounts: this.view.statusCounts,
      viewLength: this.view.length,
      size: this.store.size,
      arrived: f ? this.store.received - f.received : 0,
      active: f ? f.active : this.activeNow(),
      now: this.now,
      at,
    };
  }

  /** Counts, totals and "Active now" as drawn (see planRedraw). */
  private shownSide(): SideShown {
    return this.sideShown ?? this.sideNow(0);
  }

  private get connState(): ConnectionState | null {
    if (this.hubError) return 'error';
    return this.sourceStatus?.state ?? (this.source ? 'connecting' : null);
  }

  private get isStale(): boolean {
    const s = this.connState;
    return this.store.loaded && (s === 'reconnecting' || s === 'offline' || s === 'error');
  }

  private get isLoading(): boolean {
    return !this.store.loaded && !this.failedBeforeData;
  }

  /** Nothing received and the connection failed (the hub may be retrying): the error state, not a skeleton. */
  private get failedBeforeData(): boolean {
    const s = this.connState;
    return !this.store.loaded && (s === 'error' || s === 'offline' || s === 'reconnecting');
  }

  /** Connect again now (the error state's Retry). */
  private retryFeed = (): void => {
    if (this.source?.retry) this.source.retry();
    else {
      this.batches.resubscribe();
      this.statuses.resubscribe();
    }
  };

  private syncStates(): void {
    const states = this.internals.states;
    const set = (name: string, on: boolean) => {
      try {
        if (on) states.add(name);
        else states.delete(name);
      } catch {
        /* older engines without CustomStateSet names: states are an enhancement */
      }
    };
    const conn = this.connState;
    for (const s of ['connecting', 'live', 'polling', 'reconnecting', 'offline', 'error'] as const) set(s, conn === s);
    set('loading', this.isLoading);
    set('empty', this.store.loaded && this.store.size === 0);
    set('stale', this.isStale);
    set('paused', this.paused);
  }

  private loadOutput(): void {
    const item = this.selectedSnapshot;
    const a = item?.activity;
    if (!item || !a) return;
    for (const which of ['stdout', 'stderr'] as const) {
      const bytes = which === 'stdout' ? a.stdoutBytes : a.stderrBytes;
      if (bytes === 0) this.output.none(which);
      else if (bytes != null || a.type === 'execution') this.output.ensure(a.id, which, String(bytes ?? '?'));
    }
  }

  // ── user actions ─────────────────────────────────────────────────────────────────

  private emitFilter(): void {
    this.dispatchEvent(new ActivityFilterChangeEvent({ type: this.type, status: this.status, search: this.search, client: this.client }));
  }

  private setType(t: TypeFilter): void {
    if (this.type === t) return;
    this.type = t;
    this.emitFilter();
  }

  private setStatus(s: StatusFilter): void {
    if (this.status === s) return;
    this.status = s;
    this.emitFilter();
  }

  private onSearch(e: Event): void {
    this.search = (e.target as HTMLInputElement).value;
    this.emitFilter();
  }

  private clearFilters(): void {
    this.type = 'all';
    this.status = 'all';
    this.search = '';
    this.client = '';
    this.emitFilter();
  }

  private togglePause(): void {
    const wasPaused = this.paused;
    const arrived = this.frozen ? this.store.received - this.frozen.received : 0;
    const dropped = this.frozen ? this.store.dropped - this.frozen.dropped : 0;
    this.paused = !wasPaused;
    if (this.paused) this.resumeNote = null;
    this.dispatchEvent(new ActivityPauseChangeEvent({ paused: this.paused, arrived: wasPaused ? arrived : 0, dropped: wasPaused ? dropped : 0 }));
  }

  private async copy(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API refused (no permission, insecure context): the textarea fallback.
      const ta = document.createElement('textarea');
      ta.value = text;
      ta.setAttribute('readonly', '');
      ta.style.position = 'fixed';
      ta.style.opacity = '0';
      this.renderRoot.appendChild(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    this.copied = what;
    if (this.copiedTimer) clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = null), 1500);
  }

  private onRowKey = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const index = Number((e.currentTarget as HTMLElement).dataset.index);
    const last = this.view.length - 1;
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? last : Math.max(0, Math.min(last, index + (e.key === 'ArrowDown' ? 1 : -1)));
    e.preventDefault();
    e.stopPropagation();
    if (next !== index) this.focusRow(next);
  };

  /** On the list itself: arrows, Home and End move into the rows. */
  private onFeedKey = (e: KeyboardEvent): void => {
    if (e.target !== e.currentTarget || this.view.length === 0) return;
    const first = Math.min(this.view.length - 1, Math.ceil(this.window.scrollTop / this.rowHeight));
    const next = { ArrowDown: first, ArrowUp: first, Home: 0, End: this.view.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.focusRow(next);
  };

  /** Scroll row `index` into view (nearest edge) and give it focus once rendered. */
  private focusRow(index: number): void {
    const it = this.view.at(index);
    if (!it) return;
    const rh = this.rowHeight;
    const vh = this.window.viewportHeight || rh;
    const top = this.window.scrollTop;
    if (index * rh < top) this.window.scrollTop = index * rh;
    else if ((index + 1) * rh > top + vh) this.window.scrollTop = (index + 1) * rh - vh;
    this.focusedId = it.id;
    this.captureAnchor();
    this.requestUpdate();
    // updated() moves focus to the row showing this item.
    this.updateComplete.then(() => {
      const row = this.renderRoot.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(it.id)}"]`);
      row?.focus({ preventScroll: true });
    });
  }

  private onFeedFocusIn = (e: FocusEvent): void => {
    const row = (e.target as HTMLElement).closest?.('.row') as HTMLElement | null;
    const id = row?.dataset.id ?? null;
    if (id !== this.focusedId) {
      this.focusedId = id;
      this.captureAnchor();
    }
  };

  private onFeedFocusOut = (e: FocusEvent): void => {
    const to = e.relatedTarget as HTMLElement | null;
    if (!to?.closest?.('.row') || !this.renderRoot.contains(to)) {
      this.focusedId = null;
      this.captureAnchor();
    }
  };

  private onDetailsKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.closeDetails();
    }
  };

  // ── render ───────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const details = this.selectedSnapshot;
    return html`
      ${this.renderHeader()} ${this.renderToolbar()}
      <div class="body ${details ? 'with-details' : ''}">
        ${this.renderActive()}
        <section class="feed-section" aria-label=${this.feed === 'tasks' ? 'Recent events' : 'Recent activity'}>
          <h3 id="feed-heading">
            ${this.feed === 'tasks' ? 'Recent events' : 'Recent activity'}
            <span class="badge" aria-label=${`${this.shownSide().viewLength} shown`}>${nf.format(this.shownSide().viewLength)}</span>
          </h3>
          ${this.renderNotes()} ${this.renderFeed()}
        </section>
        ${details ? this.renderDetails(details) : nothing}
      </div>
    `;
  }

  private renderHeader(): TemplateResult {
    const conn = this.connState;
    const look = conn ? CONNECTION_LOOK[conn] : null;
    const reason = this.hubError ?? this.sourceStatus?.reason ?? null;
    const last = this.sourceStatus?.lastEventAt ?? null;
    const { arrived, size } = this.shownSide();
    const heading = this.heading ?? (this.feed === 'tasks' ? 'Live task monitor' : 'Live activity');
    return html`<header part="header">
      <h2>${heading}</h2>
      <span class="total">${nf.format(size)} ${this.feed === 'tasks' ? 'events' : 'activities'}</span>
      <span class="spacer"></span>
      ${look
        ? html`<span class="conn" part="connection" data-tone=${look.tone} role="status" aria-live="polite" title=${reason ?? ''}>
            <span class="dot" aria-hidden="true"></span><span class="conn-text">${look.text}</span>
            ${reason && look.tone !== 'ok' ? html`<span class="reason">${reason}</span>` : nothing}
          </span>`
        : nothing}
      ${this.isStale
        ? html`<span class="badge stale" data-tone="warn" title="The connection is down; what is shown may be out of date."
            >Stale${last ? html` · updated ${formatAgo(last, this.now)}` : nothing}</span
          >`
        : nothing}
      <button class="pause" aria-pressed=${this.paused ? 'true' : 'false'} @click=${this.togglePause}>
        ${this.paused
          ? html`${icon('play')} Resume${arrived > 0 ? html` <span class="new-count">(${nf.format(arrived)} new)</span>` : nothing}`
          : html`${icon('pause')} Pause`}
      </button>
    </header>`;
  }

  private renderToolbar(): TemplateResult {
    const { typeCounts, statusCounts } = this.shownSide();
    // The task feed offers the facets its events have (see TASK_TYPE_FILTERS).
    const tasks = this.feed === 'tasks';
    const types: readonly TypeFilter[] = tasks ? TASK_TYPE_FILTERS : TYPE_FILTERS;
    const statuses: readonly StatusFilter[] = tasks ? TASK_STATUS_FILTERS : STATUS_FILTERS;
    const typeLabel = (t: TypeFilter) => (tasks ? TASK_TYPE_FILTER_LABELS[t] : undefined) ?? TYPE_FILTER_LABELS[t];
    return html`<div class="toolbar" part="toolbar">
      <div class="facet" role="group" aria-labelledby="type-label">
        <span class="facet-label" id="type-label">Type</span>
        <div class="segmented">
          ${types.map(
            (t) => html`<button
              data-type=${t}
              aria-pressed=${this.type === t ? 'true' : 'false'}
              @click=${() => this.setType(t)}
            >
              ${typeLabel(t)} <span class="count">${nf.format(typeCounts[t])}</span>
            </button>`,
          )}
        </div>
      </div>
      <div class="facet" role="group" aria-labelledby="status-label">
        <span class="facet-label" id="status-label">Status</span>
        <div class="segmented">
          ${statuses.map(
            (s) => html`<button
              data-status=${s}
              aria-pressed=${this.status === s ? 'true' : 'false'}
              @click=${() => this.setStatus(s)}
            >
              ${STATUS_LABELS[s]} <span class="count">${nf.format(statusCounts[s])}</span>
            </button>`,
          )}
        </div>
      </div>
      <label class="search">
        ${icon('search')}
        <span class="visually-hidden">Search activity</span>
        <input
          type="search"
          placeholder=${this.feed === 'tasks' ? 'Search task, step, validator…' : 'Search id, title, detail, worker, client…'}
          .value=${this.search}
          @input=${this.onSearch}
        />
      </label>
      ${this.client
        ? html`<span class="chip badge" data-tone="info"
            >${this.feed === 'tasks' ? 'Validator' : 'Client'}: ${this.client}
            <button aria-label="Show every client" @click=${() => ((this.client = ''), this.emitFilter())}>${icon('close')}</button></span
          >`
        : nothing}
    </div>`;
  }

  private renderActive(): TemplateResult {
    const { active: entries, now } = this.shownSide();
    const title = this.feed === 'tasks' ? 'Active tasks' : 'Active now';
    return html`<section class="active" part="active" aria-labelledby="active-heading">
      <h3 id="active-heading">${title} <span class="badge" data-tone=${entries.length ? 'info' : 'neutral'}>${entries.length}</span></h3>
      ${this.isLoading
        ? html`<span class="skeleton"></span><span class="skeleton"></span>`
        : entries.length === 0
          ? html`<p class="empty">Nothing in progress.</p>`
          : html`<div class="active-list" role="list" aria-labelledby="active-heading">
              ${renderWindow(entries.length, ACTIVE_ROW, this.activeWindow.range(), (i) => {
                const e = entries[i];
                return html`<div class="active-item" role="listitem" aria-setsize=${entries.length} aria-posinset=${i + 1}>
                  <button class="task" data-id=${e.id} @click=${() => e.itemId && this.openDetails(e.itemId)} ?disabled=${!e.itemId}>
                    <span class="id">${e.id}</span>
                    <span class="elapsed" aria-label=${`running for ${formatDuration(now - e.startedAt)}`}
                      >${formatDuration(now - e.startedAt)}</span
                    >
                    <span class="t-title">${stripAnsi(e.title)}</span>
                    <span class="t-meta"><span class="t-stage">${e.stage}</span>${e.worker ? ` · ${e.worker}` : ''}</span>
                    ${e.client ? html`<span class="t-meta">${e.clientLabel}: ${e.client}</span>` : nothing}
                  </button>
                </div>`;
              })}
            </div>`}
    </section>`;
  }

  private renderNotes(): TemplateResult | typeof nothing {
    const notes: TemplateResult[] = [];
    const feedNotices = renderFeedNotices(this.sourceStatus);
    if (feedNotices !== nothing) notes.push(html`<div class="feed-notices">${feedNotices}</div>`);
    if (this.connState === 'error' && this.store.loaded) {
      notes.push(html`<p class="note error" role="alert">${icon('error')} ${this.hubError ?? this.sourceStatus?.reason ?? 'The feed failed.'}</p>`);
    }
    if (this.paused) {
      const { arrived } = this.shownSide();
      notes.push(
        html`<p class="note">
          ${icon('pause')} Paused${arrived > 0 ? html` — ${nf.format(arrived)} new ${arrived === 1 ? 'event' : 'events'} waiting` : nothing}.
          Resume from the button above.
        </p>`,
      );
    }
    if (this.resumeNote) {
      notes.push(
        html`<p class="note" role="status">
          ${this.resumeNote} <button @click=${() => (this.resumeNote = null)}>Dismiss</button>
        </p>`,
      );
    }
    return notes.length ? html`${notes}` : nothing;
  }

  private renderFeed(): TemplateResult {
    if (this.isLoading) {
      return html`<div class="skeletons" part="feed" role="status" aria-busy="true" aria-label="Loading activity">
        ${[0, 1, 2, 3, 4, 5].map(
          () => html`<div class="skeleton-row">
            <span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span>
          </div>`,
        )}
      </div>`;
    }
    if (!this.store.loaded || (this.store.size === 0 && !this.frozen)) {
      if (this.failedBeforeData) {
        const base = this.source ? this.resolveBase(this.baseUrl) : null;
        return html`<div class="placeholder error" part="feed">
          ${renderErrorState({
            what: this.feed === 'tasks' ? 'the task feed' : 'the activity feed',
            reason: this.hubError ?? this.sourceStatus?.reason ?? null,
            address: base === null ? null : `${base}${this.feed === 'tasks' ? '/api/dashboard/live' : '/live'}`,
            retry: this.retryFeed,
            settingsHref: this.settingsHref,
          })}
        </div>`;
      }
      return html`<div class="placeholder" part="feed">
        <strong>No activity yet</strong>
        <span>${this.feed === 'tasks' ? 'Events appear here as tasks arrive.' : 'Activities appear here as they happen.'}</span>
      </div>`;
    }
    if (this.view.length === 0) {
      return html`<div class="placeholder" part="feed">
        <strong>Nothing matches</strong>
        <span>No ${this.feed === 'tasks' ? 'event' : 'activity'} matches these filters.</span>
        <button @click=${this.clearFilters}>Clear filters</button>
      </div>`;
    }
    const shown = this.rowsShown!;
    return html`<div
      class="feed"
      part="feed"
      tabindex="0"
      role="list"
      aria-labelledby="feed-heading"
      @keydown=${this.onFeedKey}
      @focusin=${this.onFeedFocusIn}
      @focusout=${this.onFeedFocusOut}
    >
      ${renderWindow(shown.length, this.rowHeight, shown, (i) => this.renderRow(shown.items[i - shown.first], i, shown.length))}
    </div>`;
  }

  private renderRow(it: ActivityItem, index: number, setSize: number): TemplateResult {
    const text = (it.display ??= {
      title: stripAnsi(it.title),
      sub: it.taskEvent ? it.detail : [stripAnsi(it.detail), it.worker, it.client].filter(Boolean).join(' · '),
      iso: safeIso(it.time),
      time: formatTime(it.time),
    });
    return html`<div class="cell" role="listitem" aria-setsize=${setSize} aria-posinset=${index + 1}>
      <button
        class="row"
        part="row"
        data-id=${it.id}
        data-index=${index}
        aria-current=${this.selectedId === it.id ? 'true' : 'false'}
        @click=${() => this.openDetails(it.id)}
        @keydown=${this.onRowKey}
      >
        <span class="kind badge" data-tone=${it.tone}>${icon(it.icon)}<span class="label">${it.label}</span></span>
        <span class="text">
          <span class="title">${safeText(text.title, 300)}</span>
          <span class="sub">${safeText(text.sub, 300)}</span>
        </span>
        ${it.taskEvent && it.status === 'in_progress'
          ? html`<span></span>`
          : html`<span class="badge" data-tone=${STATUS_TONES[it.status]}>${STATUS_LABELS[it.status]}${it.activity ? html`<span class="visually-hidden">, ${it.stage}</span>` : nothing}</span>`}
        <time class="time" datetime=${text.iso}>${text.time}</time>
      </button>
    </div>`;
  }

  private renderDetails(it: ActivityItem): TemplateResult {
    return html`<section class="details" part="details" role="dialog" aria-labelledby="details-title" @keydown=${this.onDetailsKey}>
      <div class="details-head">
        <div style="flex:1;min-width:0">
          <h3 id="details-title">${safeText(stripAnsi(it.title) || it.id, 2000)}</h3>
          <div class="badges">
            <span class="badge" data-tone=${it.tone}>${icon(it.icon)} ${it.label}</span>
            <span class="badge" data-tone=${STATUS_TONES[it.status]}>${STATUS_LABELS[it.status]}</span>
          </div>
        </div>
        <button class="icon-button" aria-label="Copy as JSON" title="Copy as JSON" @click=${() => this.copy(safeJson(it.activity ?? it.taskEvent, 2), 'json')}>
          ${icon('copy')}
        </button>
        <button class="icon-button close" aria-label="Close details" title="Close (Esc)" @click=${this.closeDetails}>${icon('close')}</button>
      </div>
      <div class="details-body">
        ${this.copied ? html`<p class="copied" role="status">Copied ${this.copied}.</p>` : nothing}
        ${it.activity ? this.renderActivityDetails(it.activity) : it.taskEvent ? this.renderTaskDetails(it.taskEvent) : nothing}
      </div>
    </section>`;
  }

  private renderActivityDetails(a: Activity): TemplateResult {
    const row = (label: string, value: unknown, mono = false) =>
      // The whole value here (rows show it cut): controls visible, bidi isolated, wrapping anywhere.
      value == null || value === '' ? nothing : html`<dt>${label}</dt><dd class=${mono ? 'mono' : ''}>${safeText(typeof value === 'string' ? stripAnsi(value) : value, 200_000)}</dd>`;
    const stages = Array.isArray(a.stages) ? a.stages : [];
    const fetched = (which: OutputStream) => {
      const r = this.output.results[which];
      return r.state === 'ok' ? stripAnsi(r.text) : null;
    };
    const outputSection = (which: OutputStream) => {
      const bytes = which === 'stdout' ? a.stdoutBytes : a.stderrBytes;
      if (bytes == null && a.type !== 'execution') return nothing;
      const text = fetched(which);
      return html`<h4>
          <span class="grow">${which}${bytes != null ? html` · ${safeNumber(formatBytes(bytes), bytes)}` : ''}</span>
          ${text ? html`<button @click=${() => this.copy(text, which)}>${icon('copy')} Copy ${which}</button>` : nothing}
        </h4>
        ${renderOutput(this.output.results[which], which, this.output.windows[which])}`;
    };
    return html`
      <dl>
        <dt>ID</dt>
        <dd class="mono with-copy">${safeText(a.id, 200_000)} <button class="icon-button" aria-label="Copy id" @click=${() => this.copy(a.id, 'id')}>${icon('copy')}</button></dd>
        ${row('Type', a.type)} ${row('Status', STATUS_LABELS[a.status as StatusFilter] ?? a.status)}
        ${a.status === 'failed'
          ? html`<dt>Reason</dt><dd class="reason" data-tone="error">${typeof a.error === 'string' && a.error ? safeText(stripAnsi(a.error), 200_000) : 'The server gave no reason.'}</dd>`
          : nothing}
        ${row('Stage', a.stage)}
        ${row('Title', a.title)} ${row('Detail', a.detail, true)} ${row('Worker', a.worker)} ${row('Client', a.client)}
        ${row('Created', formatDateTime(a.createdAt))} ${row('Updated', formatDateTime(a.updatedAt))}
        ${row('Exit code', a.exitCode)} ${a.bytes != null ? html`<dt>Bytes</dt><dd>${safeNumber(formatBytes(a.bytes), a.bytes)}</dd>` : nothing} ${row('Digest', a.digest, true)}
      </dl>
      ${stages.length
        ? html`<h4>Stages</h4>
            <table>
              <thead>
                <tr><th scope="col">Stage</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col">Duration</th></tr>
              </thead>
              <tbody>
                ${stages.map(
                  (s) => html`<tr>
                    <td>${s.name}</td>
                    <td class="mono">${formatTime(s.startedAt, true)}</td>
                    <td class="mono">${s.endedAt != null ? formatTime(s.endedAt, true) : '—'}</td>
                    <td class="num">${s.endedAt != null ? fmtMs(s.endedAt - s.startedAt) : `${fmtMs(this.now - s.startedAt)} so far`}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
        : nothing}
      ${outputSection('stdout')} ${outputSection('stderr')}
    `;
  }

  private renderTaskDetails(e: TaskEvent): TemplateResult {
    const json = safeJson(e.details ?? {}, 2);
    const timeline = e.task_id
      ? this.store
          .list()
          .filter((i) => i.taskEvent?.task_id === e.task_id)
          .map((i) => i.taskEvent!)
          .sort((a, b) => a.id - b.id)
      : [];
    return html`
      <dl>
        <dt>Event</dt>
        <dd class="mono">${e.id}</dd>
        <dt>Type</dt>
        <dd>${e.type}</dd>
        <dt>Time</dt>
        <dd>${formatDateTime(e.timestamp * 1000)}${formatTime(e.timestamp * 1000, true).slice(8)}</dd>
        ${e.task_id
          ? html`<dt>Task</dt>
              <dd class="mono with-copy">${e.task_id} <button class="icon-button" aria-label="Copy task id" @click=${() => this.copy(e.task_id!, 'task id')}>${icon('copy')}</button></dd>`
          : nothing}
        ${e.validator_ip ? html`<dt>Validator</dt><dd class="mono">${e.validator_ip}</dd>` : nothing}
      </dl>
      <h4><span class="grow">Details</span><button @click=${() => this.copy(json, 'details')}>${icon('copy')} Copy</button></h4>
      <pre class="output" tabindex="0" aria-label="Event details (JSON)">${json}</pre>
      ${timeline.length > 1
        ? html`<h4>Task timeline</h4>
            <table>
              <thead>
                <tr><th scope="col">Event</th><th scope="col">Time</th><th scope="col">Since start</th></tr>
              </thead>
              <tbody>
                ${timeline.map(
                  (t) => html`<tr>
                    <td>${t.type}</td>
                    <td class="mono">${formatTime(t.timestamp * 1000, true)}</td>
                    <td class="num">${fmtMs((t.timestamp - timeline[0].timestamp) * 1000)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
        : nothing}
    `;
  }
}


/** Durations under a minute with milliseconds (stage timings are often short). */
const fmtMs = formatStageDuration;
