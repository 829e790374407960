import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { merge, map, type Subscription } from 'rxjs';
import { LOG_LEVELS, type LogLevel, type LogLine } from '../../streams/models.js';
import type { Batch, HubLike, LogGap, SourceStatus, StreamSource } from '../../streams/types.js';
import { stripAnsi } from '../shared/ansi.js';
import { safeIso } from '../shared/format.js';
import { errorStateStyles, renderErrorState } from '../shared/error-state.js';
import { shownText } from '../shared/safe-text.js';
import { feedNoticeStyles, renderFeedNotices } from '../shared/feed-notices.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { ALL_LEVELS_MASK, LogModel } from './log-buffer.js';

import { drawRow, sizePool, type RowContext } from './log-rows.js';
import { styles } from './log-console.styles.js';
import {
  LogCopyEvent,
  LogDownloadEvent,
  LogFilterChangeEvent,
  LogFollowChangeEvent,
  type LogDownloadFormat,
} from './log-console.events.js';

export const DEFAULT_MAX_LINES = 100_000;
/** Rows in the DOM beyond the visible ones, above and below. */
const OVERSCAN = 3;
/** Wrapped rows: pixels drawn beyond the visible ones, above and below. */
const OVERSCAN_PX = 60;
/** Toolbar counts and the status bar change at most this often while lines stream in (ms). */
const CHROME_INTERVAL = 250;
/** The fixed-height window's spacer must stay under Chromium's ~33.5M px element height. */
const MAX_LINES_LIMIT = 1_000_000;

const LEVEL_LABEL: Record<LogLevel, string> = { trace: 'Trace', debug: 'Debug', info: 'Info', warn: 'Warn', error: 'Error' };
const nf = new Intl.NumberFormat('en-US');

type ConnState = SourceStatus['state'] | 'idle';

/** A stream whose lines carry one source per task can name thousands: list at most this many. */
const MAX_SOURCE_OPTIONS = 100;

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
  static override styles = [errorStateStyles, feedNoticeStyles, styles];

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

  @state() private following = true;
  @state() private newLines = 0;
  /** The source filter: only this source's lines ('' = all sources). */
  @state() private shownSource = '';
  @state() private matchIndex = -1;
  @state() private statuses = new Map<string, SourceStatus>();
  @state() private received = false;
  @state() private copiedSeq = -1;

  @query('.viewport') private viewport?: HTMLElement;
  @query('.rows') private rowsEl?: HTMLElement;
  @query('.spacer-rows') private spacerEl?: HTMLElement;

  private model = new LogModel(DEFAULT_MAX_LINES);
  private internals = this.attachInternals();
  private subscription: Subscription | null = null;
  private frame = 0;
  private rowHeight = 20;
  private viewportHeight = 0;
  private scrollTopModel = 0;
  private programmaticTop = -1;
  private dragging = false;
  private resizeObserver?: ResizeObserver;
  /** The hub and source key the current subscription reads (null when not subscribed). */
  private subscribedTo: { hub: HubLike | null; key: string } | null = null;
  private lastIds = new Map<string, number>();
  /** Wrapped rows: measured heights by sequence number, and their running average. */
  private heights = new Map<number, number>();
  private heightSum = 0;
  private avgHeight = 20;
  /** Wrapped and paused: the row at the top of the view, and how far the view's top is below its top. */
  private anchorSeq = -1;
  private anchorOffset = 0;
  /** Wrapped: the scroll position the last paint put the view at. */
  private wrapTop = 0;
  /** What the toolbar and status bar show (refreshed at most every CHROME_INTERVAL while streaming). */
  private chrome = { counts: new Uint32Array(LOG_LEVELS.length), size: 0, rows: 0, at: -Infinity };
  private chromeTimer = 0;
  /** When the user last moved a finger on the view (touch scrolling has no wheel event). */
  private touchAt = -Infinity;
  /** When the user last used the wheel, a key or the scrollbar on the view. */
  private gestureAt = -Infinity;
  private copyTimer = 0;

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
    this.lastIds.clear();
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
    this.scrollTopModel = 0;
    this.anchorSeq = -1;
    this.anchorOffset = 0;
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
    const body = format === 'text' ? this.toText() : this.toNdjson();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    const name = (this.streamList.join('+') || 'log').replace(/[^\w+.-]/g, '_');
    const filename = `${name}-${stamp}.${format === 'text' ? 'log' : 'ndjson'}`;
    const blob = new Blob([body], { type: format === 'text' ? 'text/plain;charset=utf-8' : 'application/x-ndjson' });
    const event = new LogDownloadEvent(format, filename, blob, this.size);
    if (!this.dispatchEvent(event)) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.style.display = 'none';
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
    this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.subscribedTo = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    clearTimeout(this.chromeTimer);
    this.chromeTimer = 0;
    this.resizeObserver?.disconnect();
  }

  /**
   * What the subscription reads: compared on every update, so a base-url, streams, tail or hub
   * that arrives at any moment (before connection, between connection and the first render, or
   * later) is followed.
   */
  private sourceKey(): { hub: HubLike | null; key: string } {
    let hub: HubLike | null = null;
    try {
      hub = this.effectiveHub;
    } catch {
      // reported by subscribe()
    }
    return { hub, key: `${this.resolveBase(this.baseUrl)}|${this.streamList.join(',')}|${this.tail ?? ''}` };
  }

  private subscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.statuses = new Map();
    this.subscribedTo = this.isConnected ? this.sourceKey() : null;
    const streams = this.streamList;
    if (!this.isConnected || streams.length === 0) return;
    let hub;
    try {
      hub = this.effectiveHub;
    } catch (e) {
      this.statuses = new Map([['', this.fakeStatus('error', (e as Error).message)]]);
      return;
    }
    const base = this.resolveBase(this.baseUrl);
    const options = this.tail !== undefined ? { tail: this.tail } : undefined;
    const sources = streams.map((stream) => ({ stream, source: hub.logs(base, stream, options) }));
    this.logSources = sources;
    this.logBase = base;
    this.subscription = merge(...sources.map(({ stream, source }) => source.batches$.pipe(map((batch) => ({ stream, batch }))))).subscribe(
      ({ stream, batch }) => this.onBatch(stream, batch),
    );
    for (const { stream, source } of sources) {
      this.subscription.add(
        source.status$.subscribe((status) => {
          const next = new Map(this.statuses);
          next.set(stream, status);
          this.statuses = next;
        }),
      );
    }
  }

  /** The sources read now (for Retry) and their backend address (for the error state). */
  private logSources: { stream: string; source: StreamSource<LogLine, LogGap> }[] = [];
  private logBase: string | null = null;

  /** Connect every failing stream again now (the error state's Retry). */
  private retryStreams = (): void => {
    const bad = new Set([...this.statuses].filter(([, s]) => s.state !== 'live' && s.state !== 'polling').map(([k]) => k));
    const retried = this.logSources.filter(({ stream, source }) => bad.has(stream) && source.retry);
    if (retried.length) for (const { source } of retried) source.retry!();
    else this.subscribe();
  };

  private fakeStatus(state: SourceStatus['state'], reason: string | null): SourceStatus {
    return { key: '', state, reason, lastEventAt: null, retryAt: null, counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 }, refreshing: false, role: 'solo' };
  }

  private onBatch(stream: string, batch: Batch<LogLine, LogGap>): void {
    if (batch.reset) {
      this.model.appendGap(batch.reset.from, batch.reset.to, stream);
      // After a reset the stream may start its ids over: accept what follows.
      this.lastIds.delete(stream);
    }
    // The hub deduplicates; this guards the console against a source delivering twice.
    let last = this.lastIds.get(stream) ?? -Infinity;
    let events = batch.events;
    if (events.length && events[0].id <= last) events = events.filter((l) => l.id > last);
    if (events.length) {
      last = events[events.length - 1].id;
      this.lastIds.set(stream, last);
      this.model.append(events, stream);
    }
    this.received = true;
    this.afterData();
  }

  /** New data: count what arrived while paused, and render on the next frame (once). */
  private afterData(): void {
    if (!this.following) this.newLines += this.model.takeNewLines();
    else this.model.takeNewLines();
    this.scheduleFrame();
  }

  /** Render on the next animation frame (once, however many batches arrive before it). */
  private scheduleFrame(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.rowsOnly()) {
        // A frame of a stream while following: only the rows change (no template to render).
        this.model.takeTrimmed();
        this.paint();
      } else this.requestUpdate();
    });
  }

  /** Following, with nothing but new lines since the last update and the toolbar's figures fresh. */
  private rowsOnly(): boolean {
    const c = this.chrome;
    return (
      this.hasUpdated &&
      !this.isUpdatePending &&
      this.following &&
      this.matchIndex < 0 &&
      c.rows > 0 &&
      this.model.rows.length > 0 &&
      performance.now() - c.at < CHROME_INTERVAL
    );
  }

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('maxLines')) this.applyCapacity();
    if (changed.has('filter') || changed.has('levels') || changed.has('shownSource')) {
      this.applyFilter();
    }
    const now = this.isConnected ? this.sourceKey() : null;
    if (now && (now.key !== this.subscribedTo?.key || now.hub !== this.subscribedTo?.hub)) {
      this.model.clear();
      this.lastIds.clear();
      this.received = false;
      this.subscribe();
    }
    // Rows dropped from the front by the ring: keep what the user reads where it is.
    const trimmed = this.model.takeTrimmed();
    if (trimmed && !this.following) {
      this.scrollTopModel = Math.max(0, this.scrollTopModel - trimmed * this.rowHeight);
      if (this.matchIndex >= 0) this.matchIndex = Math.max(-1, this.matchIndex - trimmed);
    }
    if (this.matchIndex >= this.model.rows.length) this.matchIndex = -1;
    if (changed.has('hideTimestamps') || changed.has('shownSource') || changed.has('wrap')) this.clearHeights();
    this.refreshChrome(changed);
    this.updateStates();
  }

  /**
   * The toolbar's counts and the status bar: an update with nothing but new lines (a frame of a
   * stream) refreshes them at most every CHROME_INTERVAL ms, so a stream's frames change only
   * the rows — the toolbar is not laid out again 60 times a second. A trailing refresh shows
   * the final figures.
   */
  private refreshChrome(changed: PropertyValues): void {
    const now = performance.now();
    let forced = false;
    for (const k of changed.keys()) if (k !== 'newLines') forced = true;
    const c = this.chrome;
    const emptiness = (c.rows === 0) !== (this.model.rows.length === 0) || (c.size === 0) !== (this.model.buffer.size === 0);
    if (forced || emptiness || now - c.at >= CHROME_INTERVAL) {
      c.counts.set(this.model.buffer.levelCounts);
      c.size = this.model.buffer.size;
      c.rows = this.model.rows.length;
      c.at = now;
    } else if (!this.chromeTimer) {
      // Drawn on the next frame (never from the timer itself, which could land mid-frame).
      this.chromeTimer = window.setTimeout(() => {
        this.chromeTimer = 0;
        this.chrome.at = -Infinity;
        this.scheduleFrame();
      }, CHROME_INTERVAL - (now - c.at) + 1);
    }
  }

  /** The ring's size follows `max-lines` (also before the first render, for early appends). */
  private applyCapacity(): void {
    const cap = Math.max(100, Math.min(MAX_LINES_LIMIT, Math.floor(Number(this.maxLines) || DEFAULT_MAX_LINES)));
    if (cap !== this.model.buffer.capacity) this.model.setCapacity(cap);
  }

  private get levelMask(): number {
    const wanted = this.levels
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (wanted.length === 0) return ALL_LEVELS_MASK;
    let mask = 0;
    LOG_LEVELS.forEach((l, i) => wanted.includes(l) && (mask |= 1 << i));
    return mask;
  }

  private applyFilter(): void {
    const topSeq = this.following ? -1 : this.topSeq();
    this.model.setFilter(this.filter, this.levelMask, this.shownSource);
    this.matchIndex = -1;
    if (topSeq >= 0) this.scrollTopModel = this.model.rows.indexOf(topSeq) * this.rowHeight;
    this.dispatchEvent(
      new LogFilterChangeEvent(this.filter, this.activeLevels(), this.shownSource, this.model.rows.length),
    );
  }

  private activeLevels(): LogLevel[] {
    const mask = this.levelMask;
    return LOG_LEVELS.filter((_, i) => mask & (1 << i));
  }

  private topSeq(): number {
    const i = Math.floor(this.scrollTopModel / this.rowHeight);
    return i < this.model.rows.length ? this.model.rows.seqAt(i) : -1;
  }

  private get connState(): ConnState {
    const all = [...this.statuses.values()];
    if (all.length === 0) return 'idle';
    const order: ConnState[] = ['error', 'offline', 'reconnecting', 'connecting', 'polling', 'live'];
    for (const s of order) if (all.some((x) => x.state === s)) return s;
    return 'live';
  }

  private updateStates(): void {
    const states = this.internals.states;
    if (!states) return;
    const conn = this.connState;
    const set = (name: string, on: boolean) => {
      try {
        if (on) states.add(name);
        else states.delete(name);
      } catch {
        /* older engines without CustomStateSet */
      }
    };
    set('live', conn === 'live' || conn === 'polling');
    set('stale', conn === 'reconnecting' || conn === 'offline');
    set('error', conn === 'error');
    set('loading', this.isLoading);
    set('empty', !this.isLoading && this.model.rows.length === 0);
    set('following', this.following);
    set('paused', !this.following);
  }

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

  override firstUpdated(): void {
    const v = this.viewport;
    const rh = parseFloat(getComputedStyle(this).getPropertyValue('--log-console-row-height'));
    if (rh > 0) this.rowHeight = rh;
    this.avgHeight = this.rowHeight;
    let width = 0;
    this.resizeObserver = new ResizeObserver(() => {
      const h = this.viewport?.clientHeight ?? 0;
      const w = this.viewport?.clientWidth ?? 0;
      if (w !== width) {
        // Wrapped rows change height with the width: measure again.
        width = w;
        this.clearHeights();
        this.requestUpdate();
      }
      if (h !== this.viewportHeight) {
        this.viewportHeight = h;
        this.requestUpdate();
      }
    });
    if (v) this.resizeObserver.observe(v);
    this.viewportHeight = v?.clientHeight ?? 0;
  }

  override updated(changed: PropertyValues): void {
    if (changed.has('wrap') && changed.get('wrap') !== undefined && !this.following) {
      // Keep the line at the top of the view when wrapping is switched while paused.
      if (this.wrap) {
        const i = Math.min(this.model.rows.length - 1, Math.floor(this.scrollTopModel / this.rowHeight));
        this.anchorSeq = i >= 0 ? this.model.rows.seqAt(i) : -1;
        this.anchorOffset = 0;
      } else {
        const i = this.anchorSeq >= 0 ? this.model.rows.indexOf(this.anchorSeq) : 0;
        this.scrollTopModel = i * this.rowHeight;
      }
    }
    this.paint();
  }

  /** Draw the rows of the window and put the scroller where the model says. */
  private paint(): void {
    const v = this.viewport;
    const pool = this.rowsEl;
    const spacer = this.spacerEl;
    if (!v || !pool || !spacer) return;
    if (this.wrap) this.paintWrapped(v, spacer, pool);
    else this.paintFixed(v, spacer, pool);
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
    };
  }

  private setBox(spacer: HTMLElement, pool: HTMLElement, height: number, top: number): void {
    const h = `${height}px`;
    if (spacer.style.height !== h) spacer.style.height = h;
    const t = `translateY(${top}px)`;
    if (pool.style.transform !== t) pool.style.transform = t;
  }

  /** Wrap off: every row is `rowHeight` high, so the window is arithmetic. */
  private paintFixed(v: HTMLElement, spacer: HTMLElement, pool: HTMLElement): void {
    const rows = this.model.rows;
    const n = rows.length;
    const rh = this.rowHeight;
    const vh = this.viewportHeight || 400;
    const top = this.following ? Math.max(0, n * rh - vh) : Math.min(this.scrollTopModel, Math.max(0, n * rh - vh));
    const over = this.following ? 0 : OVERSCAN;
    const first = Math.max(0, Math.floor(top / rh) - over);
    const last = Math.min(n, Math.ceil((top + vh) / rh) + over);
    this.setBox(spacer, pool, n * rh, first * rh);
    const ph = `${Math.max(0, last - first) * rh}px`;
    if (pool.style.height !== ph) pool.style.height = ph;
    const els = sizePool(pool, Math.max(0, last - first));
    const ctx = this.rowContext();
    for (let k = 0; k < els.length; k++) drawRow(els[k], rows.seqAt(first + k), rows.countAt(first + k), first + k, ctx);
    const target = this.following ? Math.max(0, v.scrollHeight - v.clientHeight) : this.scrollTopModel;
    if (Math.abs(v.scrollTop - target) >= 1) {
      v.scrollTop = target;
      this.programmaticTop = v.scrollTop;
    }
    if (this.following) this.scrollTopModel = v.scrollTop;
  }

  private clearHeights(): void {
    this.heights.clear();
    this.heightSum = 0;
  }

  private heightOf(seq: number): number {
    return this.heights.get(seq) ?? this.avgHeight;
  }

  /** Draw rows `first`…`last - 1` into the pool and measure them; returns their heights. */
  private drawMeasured(pool: HTMLElement, first: number, last: number): number[] {
    const rows = this.model.rows;
    const els = sizePool(pool, last - first);
    const ctx = this.rowContext();
    for (let k = 0; k < els.length; k++) drawRow(els[k], rows.seqAt(first + k), rows.countAt(first + k), first + k, ctx);
    const out: number[] = new Array(els.length);
    if (this.heights.size > 20_000) this.clearHeights();
    for (let k = 0; k < els.length; k++) {
      const h = els[k].offsetHeight || this.rowHeight;
      out[k] = h;
      const seq = rows.seqAt(first + k);
      const old = this.heights.get(seq);
      if (old !== h) {
        this.heightSum += h - (old ?? 0);
        this.heights.set(seq, h);
      }
    }
    if (this.heights.size > 0) this.avgHeight = Math.max(this.rowHeight, this.heightSum / this.heights.size);
    return out;
  }

  /**
   * Wrap on: rows have their own heights. Following, the newest rows are drawn from the bottom
   * up until they fill the view. Paused, the view is anchored at the row at its top (and how
   * far into it the view starts): rows are drawn down from there and measured; the scroller's
   * height and position are estimates around that anchor (rows not drawn count the average
   * height), corrected as rows are measured, without moving what is on screen.
   */
  private paintWrapped(v: HTMLElement, spacer: HTMLElement, pool: HTMLElement): void {
    if (pool.style.height) pool.style.height = '';
    const rows = this.model.rows;
    const n = rows.length;
    const vh = this.viewportHeight || v.clientHeight || 400;
    if (n === 0) {
      sizePool(pool, 0);
      this.setBox(spacer, pool, 0, 0);
      this.wrapTop = 0;
      return;
    }
    if (this.following) {
      const want = vh;
      let first = n;
      let est = 0;
      while (first > 0 && est < want) est += this.heightOf(rows.seqAt(--first));
      let hs = this.drawMeasured(pool, first, n);
      let total = hs.reduce((a, b) => a + b, 0);
      for (let pass = 0; pass < 3 && total < want && first > 0; pass++) {
        while (first > 0 && est < want + (want - total)) est += this.heightOf(rows.seqAt(--first));
        hs = this.drawMeasured(pool, first, n);
        total = hs.reduce((a, b) => a + b, 0);
      }
      const height = Math.max(vh, Math.round(first * this.avgHeight) + total);
      this.setBox(spacer, pool, height, height - total);
      this.setWrapTop(v, Math.max(0, height - vh));
      return;
    }
    // Paused: anchored. A scroll of the user's not handled yet moves the anchor first (or the
    // position set below would undo it).
    if (this.programmaticTop < 0 && Math.abs(v.scrollTop - this.wrapTop) >= 1) this.scrollWrapped(v);
    let a = this.anchorSeq >= 0 ? Math.min(n - 1, rows.indexOf(this.anchorSeq)) : 0;
    // `off` may be negative (the view starts above the anchor row) or beyond its bottom: the rows
    // around the anchor are drawn and measured first, then the anchor moves by real heights, so
    // scrolling into rows never drawn before does not make what is on screen jump.
    let off = this.anchorOffset;
    if (this.anchorSeq >= 0 && rows.seqAt(a) !== this.anchorSeq) off = 0; // the anchor line went (evicted or filtered out)
    for (let pass = 0; ; pass++) {
      let first = a;
      let est = 0;
      while (first > 0 && (est < Math.max(0, -off) + OVERSCAN_PX || a - first < OVERSCAN)) est += this.heightOf(rows.seqAt(--first));
      let last = a;
      est = 0;
      while (last < n && est < off + vh + OVERSCAN_PX) est += this.heightOf(rows.seqAt(last++));
      if (last === a) last = Math.min(n, a + 1);
      const hs = this.drawMeasured(pool, first, last);
      const h = (i: number) => hs[i - first];
      let above = 0;
      for (let i = first; i < a; i++) above += h(i);
      let below = 0;
      for (let i = a; i < last; i++) below += h(i);
      const more = pass < 4 && ((-off > above && first > 0) || (off + vh > below && last < n));
      if (more) continue; // estimates were short: draw again with the heights now measured
      // Normalize with measured heights: the view's top inside row `a`.
      while (off < 0 && a > first) off += h(--a);
      if (off < 0) off = 0;
      while (a < last - 1 && off >= h(a)) off -= h(a++);
      // The end of the log in view: bottom-align it, with rows from above.
      below = 0;
      for (let i = a; i < last; i++) below += h(i);
      if (last === n && below - off < vh) {
        off = below - vh;
        while (off < 0 && a > first) {
          off += h(--a);
          below += h(a);
        }
        if (off < 0 && first > 0 && pass < 4) continue; // rows above were not drawn yet
        off = Math.max(0, off);
      }
      above = 0;
      for (let i = first; i < a; i++) above += h(i);
      below = 0;
      for (let i = a; i < last; i++) below += h(i);
      const top = Math.round(a * this.avgHeight + off);
      const height = Math.max(top + vh, Math.round(top - off + below + (n - last) * this.avgHeight));
      this.setBox(spacer, pool, height, top - off - above);
      this.anchorSeq = rows.seqAt(a);
      this.anchorOffset = off;
      this.setWrapTop(v, top);
      return;
    }
  }

  private setWrapTop(v: HTMLElement, top: number): void {
    this.wrapTop = top;
    if (Math.abs(v.scrollTop - top) >= 1) {
      v.scrollTop = top;
      this.programmaticTop = v.scrollTop;
      this.wrapTop = v.scrollTop;
    }
  }

  /** Wrapped: take the row at the top of the view (as drawn) as the anchor, before pausing. */
  private anchorFromView(): void {
    const v = this.viewport;
    const pool = this.rowsEl;
    if (!v || !pool) return;
    const top = v.getBoundingClientRect().top;
    for (const row of Array.from(pool.children) as HTMLElement[]) {
      const r = row.getBoundingClientRect();
      if (r.bottom > top + 0.5) {
        const seq = Number(row.getAttribute('data-seq'));
        if (!Number.isFinite(seq)) return;
        this.anchorSeq = seq;
        this.anchorOffset = Math.max(0, top - r.top);
        return;
      }
    }
  }

  /** Wrapped and paused: the user scrolled by `delta` px; move the anchor by as much. */
  private scrollWrapped(v: HTMLElement): void {
    const rows = this.model.rows;
    const n = rows.length;
    if (n === 0) return;
    const st = v.scrollTop;
    const delta = st - this.wrapTop;
    this.wrapTop = st;
    const vh = this.viewportHeight || v.clientHeight || 400;
    let a: number;
    let off: number;
    if (Math.abs(delta) > 3 * vh || st <= 0) {
      // A jump (scrollbar drag, Home): go by proportion.
      a = Math.max(0, Math.min(n - 1, Math.floor(st / this.avgHeight)));
      off = st <= 0 ? 0 : Math.max(0, st - a * this.avgHeight);
    } else {
      // Small moves keep the anchor; the next paint moves it by measured heights.
      a = this.anchorSeq >= 0 ? Math.min(n - 1, rows.indexOf(this.anchorSeq)) : 0;
      off = this.anchorOffset + delta;
    }
    this.anchorSeq = rows.seqAt(a);
    this.anchorOffset = off;
  }

  // ── Interaction ──────────────────────────────────────────────────────────────────────

  private setFollowing(on: boolean): void {
    if (on === this.following) return;
    if (!on && this.wrap) this.anchorFromView();
    this.following = on;
    if (on) {
      this.model.takeNewLines();
      this.newLines = 0;
    }
    this.dispatchEvent(new LogFollowChangeEvent(on));
  }

  private onScroll = (): void => {
    const v = this.viewport;
    if (!v) return;
    if (this.programmaticTop >= 0 && Math.abs(v.scrollTop - this.programmaticTop) < 1) {
      this.programmaticTop = -1;
      return;
    }
    this.programmaticTop = -1;
    if (this.wrap) {
      // Where our last paint put it (a late event of our own): nothing moved.
      if (Math.abs(v.scrollTop - this.wrapTop) < 1) return;
      if (this.following) {
        // Only a gesture of the user's stops following (the wheel and keys in their handlers).
        if (!this.dragging && performance.now() - this.touchAt > 500) return;
        this.setFollowing(false);
      }
      this.scrollWrapped(v);
      // Back at the end by a gesture of the user's (not a scroll of ours): follow again.
      const now = performance.now();
      const gesture = now - this.gestureAt < 500 || now - this.touchAt < 500;
      const atBottom = v.scrollTop + v.clientHeight >= v.scrollHeight - 2;
      if (atBottom && gesture && !this.dragging && this.atWrappedEnd()) this.setFollowing(true);
      this.requestUpdate();
      return;
    }
    this.scrollTopModel = v.scrollTop;
    const atBottom = v.scrollTop + v.clientHeight >= v.scrollHeight - Math.max(4, this.rowHeight / 2);
    if (!this.dragging || !atBottom) this.setFollowing(atBottom);
    this.requestUpdate();
  };

  /** Wrapped: the last row is drawn and its bottom is at the view's bottom. */
  private atWrappedEnd(): boolean {
    const v = this.viewport;
    const pool = this.rowsEl;
    const last = pool?.lastElementChild;
    if (!v || !last) return false;
    if (Number(last.getAttribute('data-seq')) !== this.model.rows.seqAt(this.model.rows.length - 1)) return false;
    return last.getBoundingClientRect().bottom <= v.getBoundingClientRect().bottom + 2;
  }

  private onWheel = (e: WheelEvent): void => {
    this.gestureAt = performance.now();
    if (e.deltaY < 0 && this.following && this.model.rows.length > 0) {
      const v = this.viewport;
      if (v && v.scrollHeight > v.clientHeight) {
        this.scrollTopModel = v.scrollTop;
        this.setFollowing(false);
      }
    }
  };

  private onViewportKey = (e: KeyboardEvent): void => {
    this.gestureAt = performance.now();
    if (['ArrowUp', 'PageUp', 'Home'].includes(e.key) && this.following) {
      const v = this.viewport;
      if (v && v.scrollHeight > v.clientHeight) {
        this.scrollTopModel = v.scrollTop;
        this.setFollowing(false);
      }
    } else if (e.key === 'End' && !this.following) {
      e.preventDefault();
      this.scrollToEnd();
    }
  };

  /** Passive: it only notes the time, and must not hold up touch scrolling. */
  private onTouchMove = { handleEvent: (): void => void (this.touchAt = performance.now()), passive: true };

  private onPointerDown = (e: PointerEvent): void => {
    // A press on the scroller itself is its scrollbar: don't pull the view while dragging.
    if (e.target === this.viewport) this.dragging = true;
  };

  private onPointerUp = (): void => {
    if (!this.dragging) return;
    this.dragging = false;
    this.gestureAt = performance.now();
    this.onScroll();
  };

  private onFilterInput(e: Event): void {
    this.filter = (e.target as HTMLInputElement).value;
  }

  private onFilterKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.stepMatch(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape' && this.filter) {
      e.preventDefault();
      this.filter = '';
    }
  }

  private toggleLevel(level: LogLevel, only: boolean): void {
    const current = new Set(this.activeLevels());
    let next: LogLevel[];
    if (only) next = current.size === 1 && current.has(level) ? [...LOG_LEVELS] : [level];
    else {
      if (current.has(level)) current.delete(level);
      else current.add(level);
      next = LOG_LEVELS.filter((l) => current.has(l));
    }
    this.levels = next.length === LOG_LEVELS.length ? '' : next.length === 0 ? 'none' : next.join(',');
  }

  private onSourceChange(e: Event): void {
    const value = (e.target as HTMLSelectElement).value;
    this.shownSource = value;
  }

  /**
   * The source filter's choices: the streams read, the sources that have lines in the buffer
   * (the ones with the newest lines when there are too many to list), and the chosen one.
   */
  private sourceChoices(): { names: string[]; unlisted: number } {
    const { names: retained, total } = this.model.buffer.retainedSources(MAX_SOURCE_OPTIONS);
    const names = new Set<string>(this.streamList);
    for (const n of retained) names.add(n);
    if (this.shownSource) names.add(this.shownSource);
    return { names: [...names], unlisted: total - retained.length };
  }

  /** Step through matching rows (all shown rows match when the filter has positive terms). */
  private stepMatch(delta: number): void {
    const n = this.model.rows.length;
    if (!this.model.filter.highlight || n === 0) return;
    let i = this.matchIndex;
    const top = !this.wrap ? this.firstVisibleRow() : this.following ? Math.max(0, n - this.visibleCount()) : Math.max(0, this.model.rows.indexOf(this.anchorSeq));
    if (i < 0) i = delta > 0 ? Math.max(0, Math.min(n - 1, top)) : Math.min(n - 1, top + this.visibleCount() - 1);
    else i = (i + delta + n) % n;
    this.matchIndex = i;
    this.setFollowing(false);
    this.scrollTopModel = Math.max(0, i * this.rowHeight - this.viewportHeight / 2 + this.rowHeight / 2);
    if (this.wrap) {
      // Centre the match: the view's top is half a view above the middle of its row.
      this.anchorSeq = this.model.rows.seqAt(i);
      this.anchorOffset = this.heightOf(this.anchorSeq) / 2 - (this.viewportHeight || 400) / 2;
    }
    this.requestUpdate();
  }

  private firstVisibleRow(): number {
    return Math.floor(this.scrollTopModel / this.rowHeight);
  }

  private visibleCount(): number {
    return Math.max(1, Math.ceil((this.viewportHeight || 400) / this.rowHeight));
  }

  private async copyRow(seq: number): Promise<void> {
    const b = this.model.buffer;
    if (seq < b.start || seq >= b.end) return;
    const line = b.line(seq);
    const text = `${safeIso(line.time) || 'invalid-time'} ${b.level(seq).toUpperCase()} [${line.source}] ${stripAnsi(line.text)}`;
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

  private onRowsClick = (e: Event): void => {
    const button = (e.target as Element).closest?.('button.copy');
    if (!button) return;
    const seq = Number(button.getAttribute('data-seq'));
    if (Number.isFinite(seq)) void this.copyRow(seq);
  };

  // ── Rendering ────────────────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    return html`
      ${this.renderToolbar()}
      <div class="body">
        ${this.renderBanner()}
        ${this.hasUpdated ? [...this.statuses.values()].map((st) => renderFeedNotices(st)) : nothing /* the first render hydrates server HTML: it must match */}
        ${this.renderWindow()}
        ${this.renderOverlay()}
        ${!this.following && this.newLines > 0
          ? html`<button class="new-lines" part="new-lines" @click=${this.scrollToEnd}>
              <span aria-hidden="true">↓</span> ${nf.format(this.newLines)} new ${this.newLines === 1 ? 'line' : 'lines'}
            </button>`
          : !this.following && this.model.rows.length > 0
            ? html`<button class="new-lines quiet" part="new-lines" @click=${this.scrollToEnd}>
                <span aria-hidden="true">↓</span> Follow
              </button>`
            : nothing}
      </div>
      ${this.renderStatusbar()}
    `;
  }

  private renderToolbar(): TemplateResult {
    const counts = this.chrome.counts;
    const mask = this.levelMask;
    const f = this.model.filter;
    const rows = this.chrome.rows;
    const sources = this.sourceChoices();
    const multi = sources.names.length > 1;
    return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label="Log tools">
      <div class="filter-box ${f.error ? 'invalid' : ''}">
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M2 3h12l-4.5 5.5V13l-3 1.5v-6z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/></svg>
        <input
          part="filter"
          type="search"
          .value=${this.filter}
          placeholder="Filter   text  /regex/  -exclude"
          aria-label="Filter lines"
          aria-invalid=${f.error ? 'true' : 'false'}
          aria-describedby="filter-error"
          spellcheck="false"
          autocomplete="off"
          @input=${this.onFilterInput}
          @keydown=${this.onFilterKey}
        />
        ${f.highlight
          ? html`<span class="match-count" aria-live="polite"
                >${rows === 0 ? 'No matches' : this.matchIndex >= 0 ? `${nf.format(this.matchIndex + 1)} of ${nf.format(rows)}` : `${nf.format(rows)} ${rows === 1 ? 'match' : 'matches'}`}</span
              >
              <button class="icon-button" aria-label="Previous match" title="Previous match (Shift+Enter)" ?disabled=${rows === 0} @click=${() => this.stepMatch(-1)}>
                <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 10l4-4 4 4" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>
              </button>
              <button class="icon-button" aria-label="Next match" title="Next match (Enter)" ?disabled=${rows === 0} @click=${() => this.stepMatch(1)}>
                <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>
              </button>`
          : nothing}
      </div>
      <div class="levels" part="levels" role="group" aria-label="Levels">
        ${LOG_LEVELS.map(
          (level, i) => html`<button
            class="chip"
            data-level=${level}
            aria-pressed=${mask & (1 << i) ? 'true' : 'false'}
            title="Show ${LEVEL_LABEL[level]} lines (Alt+click: only these)"
            @click=${(e: MouseEvent) => this.toggleLevel(level, e.altKey)}
          >
            <span class="dot" aria-hidden="true"></span>${LEVEL_LABEL[level]}<span class="count">${nf.format(counts[i])}</span>
          </button>`,
        )}
      </div>
      ${multi
        ? html`<label class="source-filter">
            <span class="visually-hidden">Source</span>
            <select aria-label="Source" @change=${this.onSourceChange} .value=${this.shownSource}>
              <option value="">All sources</option>
              ${sources.names.map((n) => html`<option value=${n} ?selected=${n === this.shownSource}>${shownText(n, 48)}</option>`)}
              ${sources.unlisted > 0 ? html`<option disabled value="-">${nf.format(sources.unlisted)} more sources not listed</option>` : nothing}
            </select>
          </label>`
        : nothing}
      <span class="spacer"></span>
      <button aria-pressed=${this.hideTimestamps ? 'false' : 'true'} @click=${() => (this.hideTimestamps = !this.hideTimestamps)} title="Show timestamps">
        Timestamps
      </button>
      <button aria-pressed=${this.wrap ? 'true' : 'false'} @click=${() => (this.wrap = !this.wrap)} title="Wrap long lines">Wrap</button>
      <button @click=${this.clear} title="Clear the console" ?disabled=${this.size === 0}>Clear</button>
      <span class="download" role="group" aria-label="Download">
        <button @click=${() => this.download('text')} ?disabled=${this.size === 0} title="Download what is loaded as plain text">
          <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 2v8m-3.5-3.5L8 10l3.5-3.5M3 13h10" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>.log
        </button>
        <button @click=${() => this.download('ndjson')} ?disabled=${this.size === 0} title="Download what is loaded as NDJSON">.ndjson</button>
      </span>
    </div>
    ${f.error ? html`<div class="filter-error" id="filter-error" role="alert">${f.error}</div>` : nothing}`;
  }

  private renderBanner(): TemplateResult | typeof nothing {
    const bad = [...this.statuses.entries()].filter(([, s]) => s.state === 'error' || s.state === 'reconnecting' || s.state === 'offline');
    // Before any line the overlay's error state says it all.
    if (bad.length === 0 || this.failedBeforeData) return nothing;
    const [stream, s] = bad[0];
    const error = s.state === 'error';
    return html`<div class="banner" data-tone=${error ? 'error' : 'warn'} role=${error ? 'alert' : 'status'}>
      <strong>${error ? 'Cannot read' : s.state === 'offline' ? 'Offline' : 'Reconnecting'}${stream ? html` <code>${stream}</code>` : nothing}</strong>
      ${s.reason ? html`<span>${s.reason}</span>` : nothing}
      ${!error && s.retryAt ? html`<span class="dim">next try in ${Math.max(0, Math.ceil((s.retryAt - Date.now()) / 1000))} s</span>` : nothing}
      ${!error ? html`<span class="dim">— lines shown may be behind</span>` : nothing}
    </div>`;
  }

  private renderOverlay(): TemplateResult | typeof nothing {
    if (this.failedBeforeData) {
      // The worst failing stream speaks for all.
      const rank = (st: string) => ['reconnecting', 'offline', 'error'].indexOf(st);
      let stream = '';
      let s: SourceStatus | null = null;
      for (const [k, v] of this.statuses) if (rank(v.state) >= 0 && (!s || rank(v.state) > rank(s.state))) [stream, s] = [k, v];
      return html`<div class="overlay failed">
        ${renderErrorState({
          what: stream ? `the ${stream} log` : 'the log',
          reason: s?.reason ?? null,
          address: this.logBase !== null && stream ? `${this.logBase}/logs/${encodeURIComponent(stream)}` : null,
          retry: this.retryStreams,
          settingsHref: this.settingsHref,
        })}
      </div>`;
    }
    if (this.isLoading) {
      return html`<div class="overlay" aria-busy="true" aria-label="Loading lines">
        ${[70, 55, 82, 40, 64, 76, 50].map((w) => html`<span class="skeleton" style="width:${w}%"></span>`)}
      </div>`;
    }
    if (this.model.rows.length > 0) return nothing;
    if (this.connState === 'error') return nothing;
    const filtered = this.model.buffer.size > 0;
    return html`<div class="overlay empty">
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16M4 10h10M4 15h13M4 20h7" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>
      <p>${filtered ? 'No lines match the filters' : 'No log lines yet'}</p>
      <p class="dim">${filtered ? `${nf.format(this.model.buffer.size)} lines are hidden by the level, source or text filter.` : this.streamList.length ? 'New lines appear here as they are written.' : 'Set streams="…" or call append(lines).'}</p>
    </div>`;
  }

  private renderWindow(): TemplateResult {
    // The rows are drawn by paint() (after each update, and on frames with only new lines).
    return html`<div
      class="viewport ${this.wrap ? 'wrapped' : ''}"
      part="viewport"
      role="log"
      tabindex="0"
      aria-label=${this.label}
      aria-live="off"
      @scroll=${this.onScroll}
      @wheel=${this.onWheel}
      @touchmove=${this.onTouchMove}
      @keydown=${this.onViewportKey}
      @pointerdown=${this.onPointerDown}
      @pointerup=${this.onPointerUp}
      @click=${this.onRowsClick}
    >
      <div class="spacer-rows"><div class="rows"></div></div>
    </div>`;
  }

  private renderStatusbar(): TemplateResult {
    const conn = this.connState;
    const size = this.chrome.size;
    const rows = this.chrome.rows;
    const cap = this.model.buffer.capacity;
    const label: Record<ConnState, string> = {
      idle: 'Local',
      connecting: 'Connecting…',
      live: 'Live',
      polling: 'Live (polling)',
      reconnecting: 'Reconnecting…',
      offline: 'Offline',
      error: 'Error',
    };
    return html`<div class="statusbar" part="statusbar">
      <span class="conn" data-state=${conn}><span class="dot" aria-hidden="true"></span>${label[conn]}</span>
      <span>${nf.format(size)} ${size === 1 ? 'line' : 'lines'}${size >= cap ? html` <span class="dim">(newest ${nf.format(cap)} kept)</span>` : nothing}</span>
      ${this.isFiltered ? html`<span>${nf.format(rows)} ${rows === 1 ? 'row' : 'rows'} match the filters</span>` : nothing}
      <span class="spacer"></span>
      <span class="follow-state">${this.following ? 'Following' : html`Paused${this.newLines ? ` · ${nf.format(this.newLines)} new` : ''}`}</span>
    </div>`;
  }
}


