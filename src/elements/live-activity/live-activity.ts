import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Observable } from 'rxjs';
import type { Activity, ClusterSnapshot, LiveEvent, TaskEvent, TaskFeedStatus } from '../../streams/models.js';
import type { Batch, ConnectionState, SourceStatus, StreamSource } from '../../streams/types.js';
import { controls, tokens } from '../../styles/tokens.js';
import { loadErrorState } from '../shared/error-panel.js';
import { loadAnsiColour } from '../shared/ansi.js';
import { ClockController } from '../shared/clock-controller.js';
import { HubSourceController } from '../shared/hub-source-controller.js';
import { syncStates } from '../shared/custom-states.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { safeTextStyles } from '../shared/safe-text.js';
import { feedNoticeStyles } from '../shared/feed-notices.js';
import { ActivityStore, type ActivityItem, type StatusFilter, type TypeFilter } from './activity-store.js';
import { FeedController, type Frozen } from './feed-controller.js';
import { ListFocusController } from './list-focus-controller.js';
import { ActiveListController, renderActive } from './live-activity.active.js';
import { renderDetailsFailed, renderHeader, renderNotes, renderToolbar } from './live-activity.chrome.js';
import { ActivityFilterChangeEvent, ActivityPauseChangeEvent, ActivitySelectEvent } from './live-activity.events.js';
import { renderFeed } from './live-activity.feed.js';
import { styles } from './live-activity.styles.js';
import { nf, type AnyBatch, type Feed } from './live-activity.types.js';
import type { OutputController, OutputFetcher } from './output-loader.js';

export { FEEDS, type Feed } from './live-activity.types.js';

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
 * By keyboard the feed and "Active now" are one Tab stop each: arrows, Home/End and
 * PageUp/PageDown move between rows, Enter opens the details, Escape closes them and focus
 * returns to the row.
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
  static override styles = [tokens, controls, safeTextStyles, feedNoticeStyles, styles];

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

  private frozen: Frozen | null = null;
  private selectedSnapshot: ActivityItem | null = null;
  /** The view, its window and reading position, and what was drawn (paced under a flood). */
  private readonly feedModel: FeedController = new FeedController(this, {
    store: this.store,
    frozen: () => this.frozen,
    filter: () => this,
    focusedKey: (): string | null => this.feedFocus.focusedKey,
    now: () => this.now,
    onNewData: () => (this.now = Date.now()),
  });
  /** The feed is one Tab stop: arrows, Home/End, PageUp/PageDown move a roving focus; Enter opens. */
  private readonly feedFocus: ListFocusController = new ListFocusController(this, {
    count: () => this.feedModel.view.length,
    keyAt: (i) => this.feedModel.view.at(i)!.id,
    root: () => this.renderRoot as ShadowRoot,
    listSelector: '.feed',
    rowClass: 'row',
    window: this.feedModel.window,
    reveal: (id) => this.feedModel.window.reveal(id),
    rowHeight: () => this.feedModel.rowHeight,
    onActivate: (id) => this.openDetails(id),
    // A focused row holds the reading position (see captureAnchor).
    onFocusChange: () => this.feedModel.captureAnchor(),
    fallback: () => this.renderRoot.querySelector<HTMLElement>('.clear-filters') ?? this.renderRoot.querySelector<HTMLElement>('.search input'),
  });
  /** "Active now": windowed like the feed (it can hold every kept item), one Tab stop too. */
  private readonly activeList = new ActiveListController(this, () => this.feedModel.side().active, (id) => this.openDetails(id));
  /** One 1 s clock drives elapsed times and staleness; none while hidden or disconnected. */
  private readonly clock = new ClockController(this, { onTick: (t) => (this.now = t) });
  private copiedTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly internals: ElementInternals;

  /** The hub source for feed + base URL (none while data is given by property without a base URL). */
  private readonly feedSource = new HubSourceController(this, {
    args: () => (this.dataGiven && !this.baseUrl ? null : ([this.effectiveHub, this.resolveBase(this.baseUrl), this.feed] as const)),
    source: ([hub, base, feed]) => {
      // A new source starts from its own snapshot: nothing kept from the last one.
      this.store.clear();
      this.store.loaded = false;
      this.store.feed = feed;
      this.frozen = this.paused ? { list: [], active: [], received: this.store.received, dropped: this.store.dropped } : null;
      this.sourceStatus = null;
      return (feed === 'tasks' ? hub.tasks(base) : hub.live(base)) as StreamSource<unknown, unknown>;
    },
    data: (s) => s.batches$ as Observable<AnyBatch>,
    onData: (batch) => this.onBatch(batch),
    onStatus: (s) => this.onStatus(s),
  });
  /** The details panel (live-activity.details.ts, its styles, the output loader): loaded when details are first opened. */
  private readonly details = this.lazyPart('live-activity.details', () => import('./live-activity.details.js'), { onUse: true });
  /** The error panel, fetched after the first paint (a plain one until then); the output's ANSI colours, asked for by its first line with an escape sequence. */
  private readonly errorPart = this.lazyPart('error-state', loadErrorState);
  private readonly ansiPart = this.lazyPart('ansi-colour', loadAnsiColour, { onUse: true });
  /** Loads stdout/stderr for the open details; made when the details part arrives (it brings the loader). */
  private output: OutputController | null = null;

  constructor() {
    super();
    this.internals = this.attachInternals();
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

  /** Close the details; focus returns to the item's row (revealed if scrolled away), else to the feed's active row. */
  closeDetails(): void {
    const id = this.selectedId;
    this.selectedId = null;
    this.output?.clear();
    void this.updateComplete.then(() => this.feedFocus.focus(id));
  }

  /** What the feed shows now (after filters), newest first. */
  get visibleItems(): readonly ActivityItem[] { return this.feedModel.view.items(); }

  // ── lifecycle ────────────────────────────────────────────────────────────────────

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Connected again, it starts over from a fresh source and snapshot.
    this.feedSource.restart();
  }

  protected override firstUpdated(): void {
    const h = parseFloat(getComputedStyle(this).getPropertyValue('--live-activity-row-height'));
    if (Number.isFinite(h) && h > 0 && h !== this.feedModel.rowHeight) {
      this.feedModel.rowHeight = h;
      this.requestUpdate();
    }
  }

  protected override updated(): void {
    this.activeList.updated(this.renderRoot);
    this.output?.attach(this.renderRoot);
    this.feedModel.updated(this.renderRoot.querySelector<HTMLElement>('.feed'));
  }

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
    // Source inputs: hub (property or context), settings, base URL, feed (before the view is built).
    this.feedSource.sync();

    if (changed.has('paused')) {
      if (this.paused) {
        this.frozen = { list: this.store.list(), active: this.store.active(), received: this.store.received, dropped: this.store.dropped };
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

    this.feedModel.update(dataOnly);

    // The details show the live item, or the frozen one while paused.
    this.selectedSnapshot = this.selectedId
      ? (this.frozen?.list.find((i) => i.id === this.selectedId) ?? this.store.get(this.selectedId) ?? this.selectedSnapshot)
      : null;
    this.loadOutput();
    this.syncStates();
  }

  private get connState(): ConnectionState | null {
    if (this.feedSource.error) return 'error';
    return this.sourceStatus?.state ?? (this.feedSource.source ? 'connecting' : null);
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
  private retryFeed = (): void => this.feedSource.retry();

  private syncStates(): void {
    const conn = this.connState;
    syncStates(this.internals, {
      connecting: conn === 'connecting',
      live: conn === 'live',
      polling: conn === 'polling',
      reconnecting: conn === 'reconnecting',
      offline: conn === 'offline',
      error: conn === 'error',
      loading: this.isLoading,
      empty: this.store.loaded && this.store.size === 0,
      stale: this.isStale,
      paused: this.paused,
    });
  }

  private loadOutput(): void {
    const a = this.selectedSnapshot?.activity;
    // No loader before the details part arrives: its arrival updates the element, which loads then.
    const d = this.details.value;
    if (d) this.output ??= new d.OutputController(this, () => this.outputFetcher ?? d.httpFetcher(() => this.resolveBase(this.baseUrl)));
    if (d && a && this.output) d.loadOutputs(this.output, a);
  }

  // ── user actions ─────────────────────────────────────────────────────────────────

  private emitFilter(): void {
    this.dispatchEvent(new ActivityFilterChangeEvent({ type: this.type, status: this.status, search: this.search, client: this.client }));
  }

  private setType = (t: TypeFilter): void => {
    if (this.type === t) return;
    this.type = t;
    this.emitFilter();
  };

  private setStatus = (s: StatusFilter): void => {
    if (this.status === s) return;
    this.status = s;
    this.emitFilter();
  };

  private onSearch = (e: Event): void => {
    this.search = (e.target as HTMLInputElement).value;
    this.emitFilter();
  };

  /** The client chip's ✕: the chip goes, so focus goes to the search beside it. */
  private clearClient = (): void => {
    this.client = '';
    this.emitFilter();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.search input')?.focus());
  };

  /** "Nothing matches" → "Clear filters": the button goes, focus goes to the feed's first row. */
  private clearFiltersFromFeed = (): void => {
    this.clearFilters();
    void this.updateComplete.then(() => this.feedFocus.focus());
  };

  private clearFilters = (): void => {
    this.type = 'all';
    this.status = 'all';
    this.search = '';
    this.client = '';
    this.emitFilter();
  };

  private togglePause = (): void => {
    const wasPaused = this.paused;
    const arrived = this.frozen ? this.store.received - this.frozen.received : 0;
    const dropped = this.frozen ? this.store.dropped - this.frozen.dropped : 0;
    this.paused = !wasPaused;
    if (this.paused) this.resumeNote = null;
    this.dispatchEvent(new ActivityPauseChangeEvent({ paused: this.paused, arrived: wasPaused ? arrived : 0, dropped: wasPaused ? dropped : 0 }));
  };

  /** The resume note's Dismiss: the note goes, focus goes to the Pause button that raised it. */
  private dismissResumeNote = (): void => {
    this.resumeNote = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button.pause')?.focus());
  };

  /** Every kept event of a task, oldest first (the details' timeline). */
  private taskTimeline(taskId: string): TaskEvent[] {
    return this.store
      .list()
      .filter((i) => i.taskEvent?.task_id === taskId)
      .map((i) => i.taskEvent!)
      .sort((a, b) => a.id - b.id);
  }

  private async copy(text: string, what: string): Promise<void> {
    await this.details.value?.copyText(text, this.renderRoot);
    this.copied = what;
    if (this.copiedTimer) clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = null), 1500);
  }

  private onDetailsKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.closeDetails();
    }
  };

  // ── render ───────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const details = this.selectedSnapshot && this.details.need() ? this.selectedSnapshot : null;
    // The details part could not be loaded (server gone): say so in its place.
    const detailsFailed = this.selectedSnapshot && !details ? this.details.failed : null;
    const side = this.feedModel.side();
    const feed = this.feed;
    const conn = this.connState;
    return html`
      ${renderHeader({
        feed,
        heading: this.heading,
        conn,
        reason: this.feedSource.error ?? this.sourceStatus?.reason ?? null,
        lastEventAt: this.sourceStatus?.lastEventAt ?? null,
        stale: this.isStale,
        paused: this.paused,
        arrived: side.arrived,
        size: side.size,
        now: this.now,
        togglePause: this.togglePause,
      })}
      ${renderToolbar({
        feed,
        type: this.type,
        status: this.status,
        search: this.search,
        client: this.client,
        typeCounts: side.typeCounts,
        statusCounts: side.statusCounts,
        setType: this.setType,
        setStatus: this.setStatus,
        onSearch: this.onSearch,
        clearClient: this.clearClient,
      })}
      <div class="body ${details || detailsFailed ? 'with-details' : ''}">
        ${renderActive({
          feed,
          entries: side.active,
          now: side.now,
          loading: this.isLoading,
          open: (id) => this.openDetails(id),
          ...this.activeList.context(),
        })}
        <section class="feed-section" aria-label=${feed === 'tasks' ? 'Recent events' : 'Recent activity'}>
          <h3 id="feed-heading">
            ${feed === 'tasks' ? 'Recent events' : 'Recent activity'}
            <span class="badge shown-count">${nf.format(side.viewLength)}<span class="visually-hidden"> shown</span></span>
          </h3>
          ${renderNotes({
            sourceStatus: this.sourceStatus,
            fatal: conn === 'error' && this.store.loaded ? (this.feedSource.error ?? this.sourceStatus?.reason ?? 'The feed failed.') : null,
            paused: this.paused,
            arrived: side.arrived,
            resumeNote: this.resumeNote,
            dismissResumeNote: this.dismissResumeNote,
          })}
          ${this.renderFeed()}
        </section>
        ${details
          ? this.details.value!.renderDetails({
              item: details,
              copied: this.copied,
              now: this.now,
              output: this.output!,
              ansi: this.ansiPart,
              timeline: (taskId) => this.taskTimeline(taskId),
              copy: (text, what) => void this.copy(text, what),
              close: () => this.closeDetails(),
              onKeydown: this.onDetailsKey,
            })
          : detailsFailed
            ? renderDetailsFailed(this.selectedSnapshot!.id, detailsFailed, () => this.closeDetails(), this.onDetailsKey)
            : nothing}
      </div>
    `;
  }

  private renderFeed(): TemplateResult {
    const failed = this.failedBeforeData && (!this.store.loaded || (this.store.size === 0 && !this.frozen));
    const base = failed && this.feedSource.source ? this.resolveBase(this.baseUrl) : null;
    return renderFeed({
      feed: this.feed,
      loading: this.isLoading,
      failed: failed
        ? {
            what: this.feed === 'tasks' ? 'the task feed' : 'the activity feed',
            reason: this.feedSource.error ?? this.sourceStatus?.reason ?? null,
            address: base === null ? null : `${base}${this.feed === 'tasks' ? '/api/dashboard/live' : '/live'}`,
            retry: this.retryFeed,
            settingsHref: this.settingsHref,
          }
        : null,
      errorPanel: this.errorPart,
      empty: !this.store.loaded || (this.store.size === 0 && !this.frozen),
      shown: this.feedModel.rowsShown!,
      rowHeight: this.feedModel.rowHeight,
      selectedId: this.selectedId,
      tabStop: this.feedModel.rowsShown ? this.feedFocus.tabStop(this.feedModel.rowsShown.items, this.feedModel.rowsShown.first) : undefined,
      open: (id) => this.openDetails(id),
      clearFilters: this.clearFiltersFromFeed,
      onKeydown: this.feedFocus.rows.handleKeydown,
      onFocusIn: this.feedFocus.handleFocusIn,
      onFocusOut: this.feedFocus.handleFocusOut,
    });
  }
}
