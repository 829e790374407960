import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LOG_LEVELS, type LogLevel, type LogLine } from '../../streams/models.js';
import type { LogGap, SourceStatus } from '../../streams/types.js';
import { loadErrorState } from '../shared/error-panel.js';
import { loadLogColour } from './log-text.js';
import { feedNoticeStyles, renderFeedNotices } from '../shared/feed-notices.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { ALL_LEVELS_MASK, LogModel } from './log-buffer.js';
import type { RowContext } from './log-rows.js';
import { LogWindow } from './log-window.js';
import { FollowController } from './follow-controller.js';
import { FrameController } from './frame-controller.js';
import { HubSourcesController } from '../shared/hub-source-controller.js';
import { syncStates } from '../shared/custom-states.js';
import { LogFocus } from './log-focus.js';
import { logBlob, logFilename, saveBlob } from './log-download.js';
import { levelMask, levelsOf, sourceChoices, stepMatchIndex, toggledLevels } from './log-search.js';
import { renderToolbar } from './log-console.toolbar.js';
import { connStateOf, errorStatus, renderBanner, renderOverlay, renderStatusbar, type ConnState } from './log-console.status.js';
import { styles } from './log-console.styles.js';
import {
  LogCopyEvent,
  LogDownloadEvent,
  LogFilterChangeEvent,
  LogFollowChangeEvent,
  type LogDownloadFormat,
} from './log-console.events.js';

export const DEFAULT_MAX_LINES = 100_000;
/** The fixed-height window's spacer must stay under Chromium's ~33.5M px element height. */
const MAX_LINES_LIMIT = 1_000_000;
/** A stream whose lines carry one source per task can name thousands: list at most this many. */
const MAX_SOURCE_OPTIONS = 100;

const nf = new Intl.NumberFormat('en-US');

/**
 * A live log viewer in the manner of Chromium's console, for a million lines.
 *
 * It reads one or more log streams through the hub (`hub.logs(base, stream)`): a new viewer
 * gets the recent lines, then the live tail; consoles on one page showing the same stream
 * share one connection. Lines can also be given directly with `append()` or `.lines`.
 *
 * Lines live in a ring buffer of compact records (`max-lines`, 100,000 by default, up to
 * 1,000,000). New lines are tested against the filter as they arrive; a filter change
 * rescans once. Only the visible rows exist in the DOM, as a pool of row elements reused
 * from frame to frame: a fixed-height window when wrapping is off, and a variable-height
 * window when lines wrap (drawn from the newest line up while following; anchored at the
 * line at the top of the view, with measured heights, when paused). Rendering happens at
 * most once per animation frame; the toolbar's counts and the status bar at most 4 times a
 * second while lines stream in.
 *
 * The filter box takes space-separated terms that must all hold: `text` (case-insensitive),
 * `/regex/flags`, `"a phrase"`, and `-term` to exclude. Matches are highlighted; ↑/↓ step
 * through matching rows.
 *
 * Keyboard: the log is one Tab stop (the focused line, else the log itself). ↑/↓ move from line
 * to line, PageUp/PageDown by a view, Home to the first line, End back to following the newest;
 * `c` copies the focused line, and Tab from a line reaches its Copy button. A focused line holds
 * still (following pauses); "↓ N new lines" follows again and leaves focus on the log.
 *
 * @summary Chromium-console-like live log viewer: levels, filters, ANSI colours, follow-tail.
 *
 * @event log-download - LogDownloadEvent: what is loaded was downloaded (cancelable).
 * @event log-copy - LogCopyEvent: a line was copied to the clipboard.
 * @event log-follow-change - LogFollowChangeEvent: following the tail started or stopped.
 * @event log-filter-change - LogFilterChangeEvent: the text, level or source filter changed.
 *
 * @csspart toolbar - The bar with the filter box, level toggles and actions.
 * @csspart filter - The filter text box.
 * @csspart levels - The group of level toggles.
 * @csspart viewport - The scrolling area with the lines (role log).
 * @csspart row - One line (or a group of identical lines).
 * @csspart gap - A "lines not received" marker.
 * @csspart new-lines - The "N new lines" button shown while paused.
 * @csspart statusbar - The footer with counts and the connection state.
 * @csspart unreadable - The notice that N records could not be read (with the first reason).
 * @csspart reset-notice - The notice that the view was rebuilt from a fresh snapshot, and why.
 * @csspart proxy-notice - The notice that a buffering proxy forced polling.
 *
 * @cssproperty --log-console-height - Height of the element (default 420px).
 * @cssproperty --log-console-row-height - Height of one row when not wrapping (default 20px).
 * @cssproperty --log-console-font - Font of the lines (default the monospace token).
 * @cssproperty --log-console-font-size - Font size of the lines (default 12px).
 * @cssproperty --log-console-bg - Background of the lines.
 * @cssproperty --log-console-warn-bg - Background of warning rows.
 * @cssproperty --log-console-error-bg - Background of error rows.
 *
 * @cssstate live - Every source is live.
 * @cssstate stale - A source is reconnecting or offline; the lines shown may be behind.
 * @cssstate error - A source failed (and will not retry).
 * @cssstate loading - Waiting for the first lines.
 * @cssstate empty - Nothing to show.
 * @cssstate following - The view sticks to the newest line.
 * @cssstate paused - The user scrolled up; new lines are counted, not shown.
 */
export class LogConsole extends TelltaleElement {
  static override styles = [feedNoticeStyles, styles];

  /** Base URL of the server; defaults to the settings' backend address, then the page origin. */
  @property({ attribute: 'base-url' }) baseUrl?: string;
  /** Log stream ids, comma-separated (`scheduler,worker-01`). Several add a source column and filter. */
  @property() streams = '';
  /** Lines retained (ring buffer), 100 … 1,000,000. */
  @property({ type: Number, attribute: 'max-lines' }) maxLines = DEFAULT_MAX_LINES;
  /** Wrap long lines instead of cutting them. */
  @property({ type: Boolean, reflect: true }) wrap = false;
  /** Hide the time column. */
  @property({ type: Boolean, attribute: 'hide-timestamps', reflect: true }) hideTimestamps = false;
  /** The filter box's text. */
  @property() filter = '';
  /** Levels shown, comma-separated; empty means all. */
  @property() levels = '';
  /** Accessible name of the log. */
  @property() label = 'Log';
  /** Lines of history a new viewer asks for. */
  @property({ type: Number }) tail?: number;

  // ── State ────────────────────────────────────────────────────────────────────────────

  @state() private following = true;
  @state() private newLines = 0;
  /** The source filter: only this source's lines ('' = all sources). */
  @state() private shownSource = '';
  @state() private matchIndex = -1;
  @state() private received = false;
  @state() private copiedSeq = -1;

  @query('.viewport') private viewport?: HTMLElement;
  @query('.rows') private rowsEl?: HTMLElement;
  @query('.spacer-rows') private spacerEl?: HTMLElement;

  private model = new LogModel(DEFAULT_MAX_LINES);
  private internals = this.attachInternals();
  private copyTimer = 0;

  // ── Controllers ──────────────────────────────────────────────────────────────────────

  /** Where rows are drawn and where the scroller is. */
  private win: LogWindow = new LogWindow({
    model: this.model,
    following: () => this.following,
    rowContext: () => this.rowContext(),
    scrolledTo: (top) => this.follow.scrolledTo(top),
    ownScrollPending: () => this.follow.ownScrollPending(),
  });
  /** Was the scroll the user's? Pauses and resumes following. */
  private follow: FollowController = new FollowController(this, {
    following: () => this.following,
    wrap: () => this.wrap,
    viewport: () => this.viewport,
    rowsEl: () => this.rowsEl,
    window: this.win,
    rowCount: () => this.model.rows.length,
    setFollowing: (on) => this.setFollowing(on),
  });
  /** Draws at most once per frame; the toolbar's figures at most 4 times a second while streaming. */
  private frames: FrameController = new FrameController(this, {
    model: this.model,
    // Following, with nothing but new lines since the last update.
    rowsOnly: () => this.following && this.matchIndex < 0 && this.model.rows.length > 0,
    paintRows: () => this.paint(),
  });
  /** The log's one Tab stop and the roving focus on its lines. */
  private lineFocus: LogFocus = new LogFocus(this, {
    rows: () => this.model.rows,
    viewport: () => this.viewport,
    rowsEl: () => this.rowsEl,
    following: () => this.following,
    pause: () => this.follow.pause(),
    follow: () => this.scrollToEnd(),
    reveal: async (i) => {
      if (this.win.reveal(i, this.wrap, this.viewport)) this.requestUpdate();
      await this.updateComplete;
    },
    pageSize: () => Math.max(1, this.win.visibleCount() - 1),
    copy: (seq) => void this.copyRow(seq),
  });
  /** The streams read, their statuses and Retry. */
  private sources = new HubSourcesController(this, {
    args: () => (this.streamList.length ? ([this.effectiveHub, this.resolveBase(this.baseUrl), this.streamList.join(','), this.tail] as const) : null),
    sources: ([hub, base, streams, tail]) => streams.split(',').map((s) => [s, hub.logs(base, s, tail !== undefined ? { tail } : undefined)] as const),
    data: (s) => s.batches$,
    onData: (batch, stream) => {
      this.model.appendBatch(stream, batch.events, batch.reset);
      this.received = true;
      this.afterData();
    },
    onReset: () => {
      // Other streams: what was shown was theirs.
      this.model.clear();
      this.model.forgetIds();
      this.received = false;
    },
    // Lines are drawn once per frame (FrameController), mostly without a Lit update.
    quietData: true,
  });
  /** Lazy parts: the error panel (after the first paint; a plain one until then), the ANSI colours (asked for by the first line with an escape sequence, drawn plain until they arrive). */
  private readonly errorPart = this.lazyPart('error-state', loadErrorState);
  private readonly colourPart = this.lazyPart('log-colour', loadLogColour, { onUse: true });
  private readonly needColour = (): void => void this.colourPart.need();

  // ── Public API ───────────────────────────────────────────────────────────────────────

  /**
   * `append(lines)`: append log lines (e.g. from your own transport); rendering coalesces to
   * one frame. Called with DOM nodes or strings it is the ordinary `Element.append`.
   */
  override append(...args: Array<Node | string | readonly LogLine[]>): void {
    if (args.length === 1 && Array.isArray(args[0])) this.appendLines(args[0] as readonly LogLine[]);
    else super.append(...(args as Array<Node | string>));
  }

  /** Append log lines; rendering coalesces to one frame. */
  appendLines(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    this.applyCapacity();
    this.model.append(lines);
    this.afterData();
  }

  /** Insert a "N lines not received" marker. */
  appendGap(gap: LogGap, source = ''): void {
    this.applyCapacity();
    this.model.appendGap(gap.from, gap.to, source);
    this.afterData();
  }

  /** Replace everything with these lines. */
  set lines(lines: readonly LogLine[]) {
    this.model.clear();
    this.model.forgetIds();
    this.appendLines(lines);
    this.received = true;
  }

  /** Lines retained (including gap markers). */
  get size(): number {
    return this.model.buffer.size;
  }

  /** Rows shown after filtering (a group of identical lines is one row). */
  get shownRows(): number {
    return this.model.rows.length;
  }

  /** Lines per level among those retained. */
  get levelCounts(): Record<LogLevel, number> {
    return Object.fromEntries(LOG_LEVELS.map((l, i) => [l, this.model.buffer.levelCounts[i]])) as Record<LogLevel, number>;
  }

  /** True while the view sticks to the newest line. */
  get isFollowing(): boolean {
    return this.following;
  }

  /** The first invalid-regex message of the filter, or null. */
  get filterError(): string | null {
    return this.model.filter.error;
  }

  /** Everything loaded as plain text (ANSI stripped), one line per line. */
  toText(): string {
    return this.model.toText();
  }

  /** Everything loaded as NDJSON. */
  toNdjson(): string {
    return this.model.toNdjson();
  }

  /** Drop every line (the stream goes on). */
  clear(): void {
    this.model.clear();
    this.newLines = 0;
    this.matchIndex = -1;
    this.win.reset();
    this.requestUpdate();
  }

  /** Jump to the newest line and follow the tail again. */
  scrollToEnd(): void {
    this.model.takeNewLines();
    this.newLines = 0;
    this.setFollowing(true);
    this.requestUpdate();
  }

  /** Download what is loaded (`text` or `ndjson`). */
  download(format: LogDownloadFormat = 'text'): void {
    const filename = logFilename(this.streamList, format);
    const blob = logBlob(format === 'text' ? this.toText() : this.toNdjson(), format);
    if (this.dispatchEvent(new LogDownloadEvent(format, filename, blob, this.size))) saveBlob(this.renderRoot, blob, filename);
  }

  // ── Lifecycle ────────────────────────────────────────────────────────────────────────

  private get streamList(): string[] {
    return this.streams
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the DOM after a removal: measure the scroller again (see updated()).
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.win.detach();
  }

  /** New data: count what arrived while paused, and render on the next frame (once). */
  private afterData(): void {
    if (!this.following) this.newLines += this.model.takeNewLines();
    else this.model.takeNewLines();
    this.frames.schedule();
  }

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('maxLines')) this.applyCapacity();
    if (changed.has('filter') || changed.has('levels') || changed.has('shownSource')) {
      this.applyFilter();
    }
    // Before the figures below: new streams drop what the old ones showed.
    this.sources.sync();
    // Rows dropped from the front by the ring: keep what the user reads where it is.
    const trimmed = this.model.takeTrimmed();
    if (trimmed && !this.following) {
      this.win.trimmed(trimmed);
      if (this.matchIndex >= 0) this.matchIndex = Math.max(-1, this.matchIndex - trimmed);
    }
    if (this.matchIndex >= this.model.rows.length) this.matchIndex = -1;
    if (changed.has('hideTimestamps') || changed.has('shownSource') || changed.has('wrap')) this.win.clearHeights();
    this.frames.refresh(changed);
    this.updateStates();
  }

  /** The ring's size follows `max-lines` (also before the first render, for early appends). */
  private applyCapacity(): void {
    const cap = Math.max(100, Math.min(MAX_LINES_LIMIT, Math.floor(Number(this.maxLines) || DEFAULT_MAX_LINES)));
    if (cap !== this.model.buffer.capacity) this.model.setCapacity(cap);
  }

  private get levelMask(): number {
    return levelMask(this.levels);
  }

  private applyFilter(): void {
    const topSeq = this.following ? -1 : this.win.topSeq();
    this.model.setFilter(this.filter, this.levelMask, this.shownSource);
    this.matchIndex = -1;
    if (topSeq >= 0) this.win.scrollTopModel = this.model.rows.indexOf(topSeq) * this.win.rowHeight;
    this.dispatchEvent(new LogFilterChangeEvent(this.filter, levelsOf(this.levelMask), this.shownSource, this.model.rows.length));
  }

  private get connState(): ConnState {
    return connStateOf(this.statuses);
  }

  private updateStates(): void {
    const conn = this.connState;
    syncStates(this.internals, {
      live: conn === 'live' || conn === 'polling',
      stale: conn === 'reconnecting' || conn === 'offline',
      error: conn === 'error',
      loading: this.isLoading,
      empty: !this.isLoading && this.model.rows.length === 0,
      following: this.following,
      paused: !this.following,
    });
  }

  /** Each stream's status; no hub to be had is an error status (the error state says why). */
  private get statuses(): ReadonlyMap<string, SourceStatus> {
    const e = this.sources.error;
    return e === null ? this.sources.statuses : new Map([['', errorStatus(e)]]);
  }

  /** Connect every failing stream again now (the error state's Retry). */
  private retry = (): void => {
    if (this.sources.error !== null) this.sources.restart();
    else this.sources.retry();
  };

  private get isFiltered(): boolean {
    return !this.model.filter.empty || this.levelMask !== ALL_LEVELS_MASK || this.shownSource !== '';
  }

  private get isLoading(): boolean {
    return !this.received && this.model.buffer.size === 0 && this.streamList.length > 0 && !this.failedBeforeData;
  }

  /** No line yet and the connection failed (the hub may be retrying): the error state, not a skeleton. */
  private get failedBeforeData(): boolean {
    const c = this.connState;
    return !this.received && this.model.buffer.size === 0 && this.streamList.length > 0 && (c === 'error' || c === 'offline' || c === 'reconnecting');
  }

  override updated(changed: PropertyValues): void {
    // Measure the scroller from the first render on, and again after a removal and re-add (a
    // no-op while it is already measured).
    if (this.viewport && this.isConnected) {
      this.win.attach(this.viewport, () => parseFloat(getComputedStyle(this).getPropertyValue('--log-console-row-height')), () => this.requestUpdate());
    }
    // Keep the line at the top of the view when wrapping is switched while paused.
    if (changed.has('wrap') && changed.get('wrap') !== undefined && !this.following) this.win.wrapChanged(this.wrap);
    this.paint();
  }

  /** Draw the rows of the window and put the scroller where the model says. */
  private paint(): void {
    const v = this.viewport;
    const pool = this.rowsEl;
    const spacer = this.spacerEl;
    if (!v || !pool || !spacer) return;
    this.win.paint(v, spacer, pool, this.wrap);
    this.lineFocus.afterPaint();
  }

  private rowContext(): RowContext {
    const f = this.model.filter;
    const b = this.model.buffer;
    return {
      buffer: b,
      highlight: f.highlight,
      highlightKey: f.highlight ? String(f.highlight) : '',
      matchIndex: this.matchIndex,
      copiedSeq: this.copiedSeq,
      multi: b.sourceNames.length > 1 || this.streamList.length > 1,
      activeSeq: this.lineFocus.activeSeq(),
      colour: this.colourPart.value,
      needColour: this.needColour,
    };
  }

  // ── Interaction ──────────────────────────────────────────────────────────────────────

  private setFollowing(on: boolean): void {
    if (on === this.following) return;
    if (!on && this.wrap && this.viewport && this.rowsEl) this.win.anchorFromView(this.viewport, this.rowsEl);
    this.following = on;
    if (on) {
      this.model.takeNewLines();
      this.newLines = 0;
    }
    this.dispatchEvent(new LogFollowChangeEvent(on));
  }

  /** Step through matching rows (all shown rows match when the filter has positive terms). */
  private stepMatch = (delta: number): void => {
    const n = this.model.rows.length;
    if (!this.model.filter.highlight || n === 0) return;
    const w = this.win;
    const top = !this.wrap ? w.firstVisibleRow() : this.following ? Math.max(0, n - w.visibleCount()) : Math.max(0, this.model.rows.indexOf(w.anchorSeq));
    const i = stepMatchIndex(this.matchIndex, delta, n, top, w.visibleCount());
    this.matchIndex = i;
    this.setFollowing(false);
    w.centre(i, this.wrap);
    this.requestUpdate();
  };

  private async copyRow(seq: number): Promise<void> {
    const b = this.model.buffer;
    if (seq < b.start || seq >= b.end) return;
    const line = b.line(seq);
    const text = this.model.copyText(seq);
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard refused (no permission, insecure context): the event still carries the text.
    }
    this.copiedSeq = seq;
    clearTimeout(this.copyTimer);
    this.copyTimer = window.setTimeout(() => (this.copiedSeq = -1), 1500);
    this.dispatchEvent(new LogCopyEvent(line, text));
  }

  private onViewportKey = (e: KeyboardEvent): void => {
    this.follow.onKey();
    this.lineFocus.onKeydown(e);
  };

  /** "↓ N new lines" / "Follow": the button goes away, so focus goes to the log, not to <body>. */
  private followFromButton = (): void => {
    this.scrollToEnd();
    this.lineFocus.focusLog();
  };

  /** Clear: the button is disabled once the log is empty, so focus goes to the log. */
  private clearFromButton(): void {
    this.clear();
    void this.updateComplete.then(() => {
      const a = this.shadowRoot?.activeElement as HTMLButtonElement | null;
      if (!a || a.disabled) this.lineFocus.focusLog();
    });
  }

  private onRowsClick = (e: Event): void => {
    const button = (e.target as Element).closest?.('button.copy');
    if (!button) return;
    const seq = Number(button.getAttribute('data-seq'));
    if (Number.isFinite(seq)) void this.copyRow(seq);
  };

  // ── Rendering ────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const rows = this.model.rows.length;
    return html`
      ${renderToolbar({
        filter: this.filter,
        error: this.model.filter.error,
        highlight: !!this.model.filter.highlight,
        rows: this.frames.chrome.rows,
        matchIndex: this.matchIndex,
        counts: this.frames.chrome.counts,
        levelMask: this.levelMask,
        sources: this.sourceChoices(),
        shownSource: this.shownSource,
        hideTimestamps: this.hideTimestamps,
        wrap: this.wrap,
        size: this.size,
        setFilter: (text) => (this.filter = text),
        stepMatch: this.stepMatch,
        toggleLevel: (level, only) => (this.levels = toggledLevels(this.levels, level, only)),
        setSource: (source) => (this.shownSource = source),
        toggleTimestamps: () => (this.hideTimestamps = !this.hideTimestamps),
        toggleWrap: () => (this.wrap = !this.wrap),
        clear: () => this.clearFromButton(),
        download: (format) => this.download(format),
      })}
      <div class="body">
        ${renderBanner(this.statuses, this.failedBeforeData)}
        ${this.hasUpdated ? [...this.statuses.values()].map((st) => renderFeedNotices(st)) : nothing /* the first render hydrates server HTML: it must match */}
        ${this.renderWindow()}
        ${renderOverlay({
          statuses: this.statuses,
          failedBeforeData: this.failedBeforeData,
          loading: this.isLoading,
          conn: this.connState,
          rows,
          size: this.model.buffer.size,
          streams: this.streamList.length,
          base: this.sources.args?.[1] ?? null,
          retry: this.retry,
          settingsHref: this.settingsHref,
          errorPanel: this.errorPart,
        })}
        ${!this.following && (this.newLines > 0 || rows > 0)
          ? html`<button class="new-lines ${this.newLines > 0 ? '' : 'quiet'}" part="new-lines" @click=${this.followFromButton}>
              <span aria-hidden="true">↓</span> ${this.newLines > 0 ? `${nf.format(this.newLines)} new ${this.newLines === 1 ? 'line' : 'lines'}` : 'Follow'}
            </button>`
          : nothing}
      </div>
      ${renderStatusbar({
        conn: this.connState,
        size: this.frames.chrome.size,
        rows: this.frames.chrome.rows,
        capacity: this.model.buffer.capacity,
        filtered: this.isFiltered,
        following: this.following,
        newLines: this.newLines,
      })}
    `;
  }

  /** The source filter's choices: the streams read, the sources with lines retained, the chosen one. */
  private sourceChoices(): { names: string[]; unlisted: number } {
    const { names, total } = this.model.buffer.retainedSources(MAX_SOURCE_OPTIONS);
    return sourceChoices(this.streamList, names, total, this.shownSource);
  }

  private renderWindow(): TemplateResult {
    // The rows are drawn by paint() (after each update, and on frames with only new lines).
    const f = this.follow;
    return html`<div
      class="viewport ${this.wrap ? 'wrapped' : ''}"
      part="viewport"
      role="log"
      tabindex="0"
      aria-label=${this.label}
      aria-live="off"
      @scroll=${f.onScroll}
      @wheel=${f.onWheel}
      @touchmove=${f.onTouchMove}
      @keydown=${this.onViewportKey}
      @focusin=${this.lineFocus.onFocusIn}
      @pointerdown=${f.onPointerDown}
      @pointerup=${f.onPointerUp}
      @click=${this.onRowsClick}
    >
      <div class="spacer-rows"><div class="rows"></div></div>
    </div>`;
  }
}
