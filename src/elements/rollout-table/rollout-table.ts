import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { BehaviorSubject } from 'rxjs';
import { ROLLOUT_STATUSES, type Attempt, type Rollout } from '../../streams/agl.js';
import { StreamController } from '../../streams/controller.js';
import type { RestResult, RestSource, SourceStatus } from '../../streams/types.js';
import { decodeAttempts, decodeRollouts, type SkippedItem } from '../../streams/decoders/agl.js';
import { errorStateStyles, isCorsRefusal, probeCorsServer, renderErrorState, type CorsServer } from '../shared/error-state.js';
import { renderSkippedNotice, skippedNoticeStyles } from '../shared/skipped-notice.js';
import { fetchJson } from '../../streams/transports/http.js';

type RolloutList = ReturnType<typeof decodeRollouts>;
import { controls, tokens } from '../../styles/tokens.js';
import { formatAgo, formatDateTime, formatDuration, formatTime, safeJson, truncate } from '../shared/format.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import {
  iconClose,
  iconFilter,
  iconRefresh,
  iconSearch,
  iconSortAsc,
  iconSortBoth,
  iconSortDesc,
  emptyIllustration,
  iconAlert,
} from './icons.js';
import { RolloutExpandEvent, RolloutViewJsonEvent, RolloutViewTracesEvent, type RolloutActionDetail } from './rollout-table.events.js';
import {
  COLUMNS,
  COLUMN_LABELS,
  INPUT_PREVIEW_CHARS,
  MODE_FILTER_VALUES,
  RolloutModel,
  attemptsUrl,
  durationOf,
  inputJson,
  isExpandable,
  isNumericColumn,
  isOpen,
  rolloutStatusLabel,
  rolloutStatusTone,
  rolloutsUrl,
  secToMs,
  statusTone,
  type ColumnId,
  type DetectedShape,
  type SortSpec,
  type WireShape,
} from './rollout-model.js';
import { styles } from './rollout-table.styles.js';
import { RowWindow, type WindowPart } from './row-window.js';
import { COLUMN_WIDTHS, columnsToHide, hiddenNote } from './column-fit.js';

export const PAGE_SIZES = [25, 50, 100, 200, 500] as const;
const SEARCH_DEBOUNCE_MS = 200;
const numberFormat = new Intl.NumberFormat();
/** Number.prototype.toLocaleString builds a formatter per call; this one is reused. */
const fmtInt = (n: number) => numberFormat.format(n);
const DEFAULT_SORT: SortSpec = { column: 'start', dir: 'desc' };
/** Rows rendered above and below the visible ones (a few frames of fast scrolling). */
const OVERSCAN = 6;

type AttemptsState =
  | { state: 'loading'; reason: string | null }
  | { state: 'error'; reason: string }
  | { state: 'ready'; attempts: Attempt[]; skipped?: SkippedItem[] };

type DisplayRow =
  | { kind: 'rollout'; key: string; rollout: Rollout }
  | { kind: 'attempt'; key: string; rollout: Rollout; attempt: Attempt }
  | { kind: 'loading'; key: string; rollout: Rollout; reason: string | null }
  | { kind: 'error'; key: string; rollout: Rollout; reason: string }
  | { kind: 'skipped'; key: string; rollout: Rollout; skipped: SkippedItem[]; shown: number };

export type LoadPhase = 'loading' | 'ready' | 'error';

/** What an error means, for a person (the shared explanation every element's error state uses). */
export { explainFailure as explainError, probeCorsServer, type CorsServer } from '../shared/error-state.js';

/**
 * The Agent-lightning Rollouts table (seed 003): every rollout with its latest attempt,
 * client-side sorting by every column, status and mode filters, debounced search on the
 * rollout id, pagination, lazily loaded attempt history, auto-refresh that keeps the view.
 *
 * Reads `{base}/v1/agl/rollouts?limit=-1` (the store's envelope) or `{base}/rollouts` (the
 * seed's bare array), detecting which from the answer when `shape="auto"`. Data can also be
 * given by property (`.rollouts`), in which case nothing is fetched. An answer that is not a
 * list is an error; rollouts in it that cannot be read are left out and listed in a notice
 * ("2 rollouts could not be read": position, id, reason, and their raw JSON), the others shown.
 *
 * Only the rows of the page that are in sight (in the viewport, within the table's own scroller
 * when `--rollout-table-max-height` is set) are in the DOM, with a few more on each side and
 * the focused row; hidden spacer rows keep the scroll height exact. Rows carry `aria-rowindex`.
 *
 * Sorting follows what the cells show: ids by code unit (`ro-0a62…` before `ro-0a7d…`), names
 * in natural order (`Worker-9` before `Worker-10`), times by the moment (ascending = the
 * earliest first, for Start Time and Last Heartbeat alike), running durations by their ticking
 * value. The table fits its width from 1,018 px; narrower, it hides Resources ID, Attempt, Mode,
 * Worker ID, Last Heartbeat and Input, in that order, and says which (`columns-note` part).
 *
 * @summary The Agent-lightning rollouts table.
 *
 * @event rollout-view-json - "View raw JSON" chosen (detail `{rollout, attempt}`, wire objects as received). Cancel it to suppress the built-in dialog.
 * @event rollout-view-traces - "View traces" chosen (detail `{rollout, attempt}`).
 * @event rollout-expand - A rollout row was expanded or collapsed (detail `{rollout, expanded}`).
 *
 * @csspart toolbar - Search, filters and refresh.
 * @csspart search - The search input.
 * @csspart table-wrap - The scroll container of the table.
 * @csspart table - The `<table>`.
 * @csspart columns-note - The note naming the columns hidden because the table is too narrow for all.
 * @csspart row - A rollout row.
 * @csspart nested-row - An attempt row inside an expanded rollout.
 * @csspart badge - A status badge.
 * @csspart pagination - The footer with page controls.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart stale - The banner shown when a refresh failed and older data is shown.
 * @csspart skipped - The notice shown when some rollouts of the answer could not be read (they are listed in its details).
 * @csspart dialog - The built-in raw JSON dialog.
 *
 * @cssproperty --rollout-table-background - Background of the element (default the theme background).
 * @cssproperty --rollout-table-max-height - Height beyond which the table scrolls (default none: the page scrolls).
 * @cssproperty --rollout-table-row-height - Row height.
 * @cssproperty --rollout-table-header-background - Background of the header row.
 * @cssproperty --rollout-table-stripe - Background of hovered rows.
 *
 * @cssstate loading - First load in progress.
 * @cssstate empty - Loaded, no rollouts.
 * @cssstate error - Load failed and there is nothing to show.
 * @cssstate stale - The last refresh failed; older data is shown.
 * @cssstate refreshing - A refresh is in flight.
 * @cssstate skipped - Some rollouts of the answer could not be read; the others are shown, with a notice.
 */
export class RolloutTable extends TelltaleElement {
  static override styles = [tokens, controls, skippedNoticeStyles, errorStateStyles, styles];

  /** The backend address; default: the settings' backend address, else the page origin. */
  @property({ attribute: 'base-url' }) baseUrl: string | null = null;

  /** Wire shape: `envelope` (`/v1/agl`), `array` (the seed's), or `auto` (detect from the answer). */
  @property() shape: WireShape = 'auto';

  /** Rollouts given by property (wire objects). When set, nothing is fetched. */
  @property({ attribute: false }) rollouts?: Rollout[];

  /** Attempts by rollout id, for property data (otherwise attempts are fetched when expanded). */
  @property({ attribute: false }) attempts?: Record<string, Attempt[]>;

  /** Custom attempts loader (e.g. another API); wins over fetching. */
  @property({ attribute: false }) attemptsLoader?: (rollout: Rollout) => Promise<Attempt[]>;

  /** A fixed clock (epoch ms) for durations and "ago"; default: the real clock, ticking. */
  @property({ attribute: false }) now?: number;

  /** Rows per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 100;

  @state() private loaded: RolloutList | null = null;
  @state() private loadedAt: number | null = null;
  @state() private sourceStatus: SourceStatus | null = null;
  /** For a refused cross-origin request: which server refused it (its flag is named). */
  @state() private corsServer: { url: string; server: CorsServer } | null = null;
  private probing: string | null = null;
  @state() private sort: SortSpec = DEFAULT_SORT;
  @state() private statusFilter: ReadonlySet<string> = new Set();
  @state() private modeFilter: ReadonlySet<string> = new Set();
  @state() private search = '';
  @state() private searchDraft = '';
  @state() private page = 0;
  @state() private expanded: ReadonlySet<string> = new Set();
  @state() private attemptStates: ReadonlyMap<string, AttemptsState> = new Map();
  @state() private clock = Date.now();
  @state() private jsonDialog: { title: string; value: unknown } | null = null;
  @state() private tip: { text: string; x: number; y: number } | null = null;
  /** auto mode: the envelope URL answered 404, so we read the seed's array at {base}/rollouts. */
  @state() private autoFallback = false;
  @state() private shapeMismatch: string | null = null;

  @query('dialog') private dialogEl?: HTMLDialogElement;

  private internals: ElementInternals;
  private source: RestSource<RolloutList> | null = null;
  private sourceKey = '';
  private hubUsed: unknown = null;
  private readonly interval$ = new BehaviorSubject<number>(0);
  private readonly dataCtl = new StreamController<RestResult<RolloutList>>(
    this,
    () => this.source?.data$ ?? null,
    (r) => {
      if (this.shape !== 'auto' && r.data.shape !== this.shape) {
        // Pinned to one shape, answered with the other: say so, never read it as something else.
        this.shapeMismatch = `expected the ${this.shape === 'array' ? 'seed’s bare array' : '/v1/agl {items} envelope'} but ${this.listUrl()} answered with ${
          r.data.shape === 'array' ? 'a bare array' : 'an {items} envelope'
        } (set shape="auto" or shape="${r.data.shape}")`;
        return;
      }
      this.shapeMismatch = null;
      this.loaded = r.data;
      this.loadedAt = r.fetchedAt;
    },
  );
  private readonly statusCtl = new StreamController<SourceStatus>(
    this,
    () => this.source?.status$ ?? null,
    (s) => this.onStatus(s),
  );
  private attemptAborts = new Map<string, AbortController>();
  private searchTimer?: ReturnType<typeof setTimeout>;
  private ticker?: ReturnType<typeof setInterval>;
  private idleTask: { cancel(): void } | null = null;
  /** Columns hidden because the pane is too narrow for all of them (see column-fit.ts). */
  @state() private hiddenColumns: ColumnId[] = [];
  // Made on connection, not construction: there is no ResizeObserver under server-side rendering.
  private fit: ResizeObserver | null = null;

  // Derived (willUpdate).
  private model: RolloutModel | null = null;
  private modelSource: readonly Rollout[] | null = null;
  private filtered: Uint32Array = new Uint32Array(0);
  private filterKey = '';
  /** What the page's rows show (filters, sort, page, size). */
  private shownKey = '';
  private displayRows: DisplayRow[] = [];
  private pageCount = 1;
  /** aria-rowindex of the page's first row: the header is 1, earlier pages come before. */
  private rowIndexBase = 2;
  private rowCount = 1;
  /** The rows of the page that are rendered, and gaps for the others. */
  private parts: WindowPart[] = [];
  /** Key of the row holding the focus: it stays rendered (with its neighbours) while focused. */
  private focusKey: string | null = null;
  private readonly rowWindow = new RowWindow(this, {
    overscan: OVERSCAN,
    focusMargin: 2,
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.wrap'),
    body: () => this.renderRoot.querySelector('tbody'),
    rowSelector: 'tr[part="row"]',
    oddRowSelector: 'tr.nested-state',
  });
  private counts: { statuses: Map<string, number>; modes: Map<string, number> } = { statuses: new Map(), modes: new Map() };

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => this.tick(), 1000);
    this.prepareInIdleTime();
    this.fit ??= new ResizeObserver(() => this.fitColumns());
    this.fit.observe(this);
  }

  /** Hide the columns that do not fit the table's width (its frame has a 1 px border a side). */
  private fitColumns(): void {
    const width = this.getBoundingClientRect().width;
    if (width <= 0) return; // not shown: keep what we had
    const hidden = columnsToHide(width - 2);
    if (hidden.join() !== this.hiddenColumns.join()) this.hiddenColumns = hidden;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    this.fit?.disconnect();
    clearTimeout(this.searchTimer);
    this.idleTask?.cancel();
    this.idleTask = null;
    for (const ac of this.attemptAborts.values()) ac.abort();
    this.attemptAborts.clear();
    // Loads that were in flight restart on reconnect.
    const next = new Map(this.attemptStates);
    for (const [id, st] of next) if (st.state === 'loading') next.delete(id);
    this.attemptStates = next;
    // Re-created (and re-subscribed) on the next connect.
    this.source = null;
    this.sourceKey = '';
  }

  /** True once every column's sort order and the search index are prepared (done in idle time after each load). */
  get ranksReady(): boolean {
    return !!this.model?.ready;
  }

  /** Fetch the list now (the Refresh and Retry buttons). */
  refresh(): void {
    if (this.autoFallback && this.sourceStatus?.state === 'error' && !this.loaded) {
      // A retry in auto mode starts detection over.
      this.autoFallback = false;
    }
    this.source?.refresh();
  }

  /** Clear the status and mode filters and the search. */
  clearFilters(): void {
    clearTimeout(this.searchTimer);
    this.statusFilter = new Set();
    this.modeFilter = new Set();
    this.search = '';
    this.searchDraft = '';
    this.page = 0;
  }

  /** The wire shape in use (detected or configured); null before the first answer. */
  get shapeInUse(): DetectedShape | null {
    if (this.rollouts) return null;
    return this.loaded?.shape ?? (this.shape === 'auto' ? null : this.shape);
  }

  /** The base URL the table reads from. */
  get effectiveBase(): string {
    return this.resolveBase(this.baseUrl);
  }

  private get nowMs(): number {
    return this.now ?? this.clock;
  }

  private tick(): void {
    if (this.now != null || document.hidden) return;
    // Only re-render when something on the page counts (running durations, heartbeat ages).
    const counting = this.displayRows.some((r) =>
      r.kind === 'rollout'
        ? isOpen(r.rollout, r.rollout.attempt) || r.rollout.attempt?.last_heartbeat_time != null
        : r.kind === 'attempt' && (isOpen(r.rollout, r.attempt) || r.attempt.last_heartbeat_time != null),
    );
    // Sorted by duration, rows running on other pages move into this one (descending) as they count.
    if (counting || this.model?.moves(this.sort, Date.now())) this.clock = Date.now();
  }

  private onStatus(s: SourceStatus): void {
    this.sourceStatus = s;
    // auto: the store's envelope route is missing → try the seed's array route once.
    if (this.shape === 'auto' && !this.autoFallback && !this.loaded && s.state === 'error' && /\bHTTP 404\b|\b404\b/.test(s.reason ?? '')) {
      this.autoFallback = true;
    }
  }

  private listUrl(): string {
    const base = this.effectiveBase;
    const shape: DetectedShape = this.shape === 'array' || (this.shape === 'auto' && this.autoFallback) ? 'array' : 'envelope';
    return rolloutsUrl(base, shape);
  }

  private ensureSource(): void {
    if (!this.isConnected) return;
    if (this.rollouts) {
      if (this.source) {
        this.source = null;
        this.sourceKey = '';
        this.dataCtl.resubscribe();
        this.statusCtl.resubscribe();
      }
      return;
    }
    let hub;
    try {
      hub = this.effectiveHub;
    } catch (err) {
      this.sourceStatus = errorStatus(`No hub: ${(err as Error).message}`);
      return;
    }
    const url = this.listUrl();
    const key = `${url}|${this.shape}`;
    if (key === this.sourceKey && this.source && this.hubUsed === hub) return;
    this.hubUsed = hub;
    const changedBackend = this.sourceKey !== '' && this.sourceKey.split('|')[0] !== url && !this.autoFallback;
    this.sourceKey = key;
    if (changedBackend) {
      // Another server: what we had belongs to the old one.
      this.loaded = null;
      this.attemptStates = new Map();
      this.expanded = new Set();
    }
    this.sourceStatus = null;
    this.shapeMismatch = null;
    this.source = hub.rest(url, {
      decode: decodeRollouts,
      intervalMs: this.interval$,
    });
    this.dataCtl.resubscribe();
    this.statusCtl.resubscribe();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const interval = this.settings.autoRefreshMs;
    if (this.interval$.value !== interval) this.interval$.next(interval);
    this.ensureSource();

    const rollouts = this.rollouts ?? this.loaded?.rollouts ?? null;
    if (rollouts !== this.modelSource) {
      this.modelSource = rollouts;
      // Same ids as before (a refresh): what depends only on the ids is reused.
      this.model = rollouts ? new RolloutModel(rollouts, this.nowMs, this.model) : null;
      this.prepareInIdleTime();
      this.counts = this.model ? this.model.counts() : { statuses: new Map(), modes: new Map() };
      this.filterKey = '';
      this.mergeLatestAttempts();
    }
    const m = this.model;
    if (m) {
      const key = `${this.sort.column}:${this.sort.dir}|${[...this.statusFilter].join()}|${[...this.modeFilter].join()}|${this.search}`;
      // Sorted by duration while rows run: their cells tick, and the order follows what they show.
      if (key !== this.filterKey || changed.has('rollouts') || m.moves(this.sort, this.nowMs)) {
        this.filterKey = key;
        this.filtered = m.filter(m.order(this.sort, this.nowMs), { statuses: this.statusFilter, modes: this.modeFilter, search: this.search });
      }
      const size = Math.max(1, this.pageSize | 0);
      this.pageCount = Math.max(1, Math.ceil(this.filtered.length / size));
      if (this.page >= this.pageCount) this.page = this.pageCount - 1;
      const from = this.page * size;
      const slice = this.filtered.subarray(from, from + size);
      const rows: DisplayRow[] = [];
      for (let j = 0; j < slice.length; j++) {
        const r = m.rollouts[slice[j]];
        // Keyed by position on the page: a page change, sort or filter updates the same row
        // elements in place (text only) instead of replacing them; nested rows insert between.
        rows.push({ kind: 'rollout', key: `#${j}`, rollout: r });
        if (this.expanded.has(r.rollout_id) && isExpandable(r)) this.pushAttemptRows(rows, r);
      }
      this.displayRows = rows;
      // Every row shows something else (sort, filter, search, page): answer with the rows in
      // sight, the overscan follows a frame later. (Not on a refresh: the rows stay.)
      const shown = `${this.filterKey}|${from}|${size}`;
      if (shown !== this.shownKey) {
        this.shownKey = shown;
        this.rowWindow.lean();
      }
      this.rowIndexBase = from + 2;
      // Every rollout that passes the filters, the header, and this page's nested rows.
      this.rowCount = this.filtered.length + 1 + rows.length - slice.length;
    } else {
      this.filtered = new Uint32Array(0);
      this.displayRows = [];
      this.pageCount = 1;
    }
    const focusIndex = this.focusKey == null ? -1 : this.displayRows.findIndex((r) => r.key === this.focusKey);
    this.parts = this.rowWindow.plan(this.displayRows.map((r) => r.key), focusIndex);
    this.updateStates();
  }

  /**
   * Prepare every column's sort order and the search index one column per idle callback
   * (a few ms each), so that the first click on any header finds its order ready.
   */
  private prepareInIdleTime(): void {
    this.idleTask?.cancel();
    this.idleTask = null;
    const m = this.model;
    if (!m || m.ready || !this.isConnected) return;
    const ric = typeof requestIdleCallback === 'function' ? requestIdleCallback : null;
    let handle: number | ReturnType<typeof setTimeout> = 0;
    const step = (deadline?: IdleDeadline) => {
      if (this.model !== m) return;
      do {
        if (m.prepareStep()) {
          this.idleTask = null;
          return;
        }
      } while (deadline && deadline.timeRemaining() > 10);
      schedule();
    };
    const schedule = () => {
      handle = ric ? ric(step, { timeout: 1000 }) : setTimeout(step, 30);
    };
    schedule();
    this.idleTask = {
      cancel: () => (ric ? cancelIdleCallback(handle as number) : clearTimeout(handle as ReturnType<typeof setTimeout>)),
    };
  }

  private pushAttemptRows(rows: DisplayRow[], r: Rollout): void {
    const st = this.attemptStates.get(r.rollout_id);
    if (!st || st.state === 'loading') rows.push({ kind: 'loading', key: `${r.rollout_id}\u0000loading`, rollout: r, reason: st?.state === 'loading' ? st.reason : null });
    else if (st.state === 'error') rows.push({ kind: 'error', key: `${r.rollout_id}\u0000error`, rollout: r, reason: st.reason });
    else {
      for (const a of st.attempts) rows.push({ kind: 'attempt', key: `${r.rollout_id}\u0000${a.attempt_id}`, rollout: r, attempt: a });
      if (st.skipped?.length) rows.push({ kind: 'skipped', key: `${r.rollout_id}\u0000skipped`, rollout: r, skipped: st.skipped, shown: st.attempts.length });
    }
  }

  /** A refresh carries each rollout's latest attempt: fold it into loaded histories (no request). */
  private mergeLatestAttempts(): void {
    if (!this.model || this.attemptStates.size === 0) return;
    let next: Map<string, AttemptsState> | null = null;
    const byId = new Map<string, Rollout>();
    for (const id of this.attemptStates.keys()) byId.set(id, undefined as never);
    for (const r of this.model.rollouts) if (byId.has(r.rollout_id)) byId.set(r.rollout_id, r);
    for (const [id, st] of this.attemptStates) {
      const latest = byId.get(id)?.attempt;
      if (st.state !== 'ready' || !latest) continue;
      const i = st.attempts.findIndex((a) => a.attempt_id === latest.attempt_id);
      if (i >= 0 && st.attempts[i] === latest) continue;
      const attempts = [...st.attempts];
      if (i >= 0) attempts[i] = latest;
      else attempts.push(latest);
      attempts.sort((a, b) => a.sequence_id - b.sequence_id);
      (next ??= new Map(this.attemptStates)).set(id, { state: 'ready', attempts });
    }
    if (next) this.attemptStates = next;
  }

  private get phase(): LoadPhase {
    if (this.rollouts) return 'ready';
    if (this.loaded) return 'ready';
    if (this.shapeMismatch) return 'error';
    if (this.sourceStatus?.state === 'error' || (this.sourceStatus?.state === 'offline' && this.sourceStatus.reason)) return 'error';
    if (this.sourceStatus?.state === 'reconnecting' && this.sourceStatus.reason && !this.loaded) return 'error';
    return 'loading';
  }

  private get stale(): boolean {
    if (this.rollouts || !this.loaded || !this.sourceStatus) return false;
    return this.sourceStatus.state === 'error' || this.sourceStatus.state === 'reconnecting' || this.sourceStatus.state === 'offline';
  }

  private updateStates(): void {
    const states = this.internals.states;
    const phase = this.phase;
    const set = (name: string, on: boolean) => {
      try {
        if (on) states.add(name);
        else states.delete(name);
      } catch {
        /* older engines without CustomStateSet */
      }
    };
    set('loading', phase === 'loading');
    set('error', phase === 'error');
    set('empty', phase === 'ready' && (this.model?.n ?? 0) === 0);
    set('stale', this.stale);
    set('refreshing', !!this.sourceStatus?.refreshing);
    set('skipped', this.skipped.length > 0);
  }

  /** Rollouts of the last answer that could not be read (left out of the table); empty with property data. */
  get skipped(): readonly SkippedItem[] {
    return this.rollouts ? [] : (this.loaded?.skipped ?? []);
  }

  /** The raw JSON of an item that could not be read, in the built-in dialog (no event: it is not a Rollout). */
  private viewSkipped(what: string, s: SkippedItem): void {
    this.jsonDialog = { title: `${what} #${s.index}${s.id !== undefined ? ` (${truncate(s.id, 80)})` : ''}, could not be read`, value: s.raw };
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('jsonDialog')) {
      const d = this.dialogEl;
      if (d && this.jsonDialog && !d.open) d.showModal();
    }
  }

  // ───────────── interactions ─────────────

  private setSort(column: ColumnId): void {
    const dir = this.sort.column === column ? (this.sort.dir === 'asc' ? 'desc' : 'asc') : isNumericColumn(column) && column === 'start' ? 'desc' : 'asc';
    this.sort = { column, dir };
    this.page = 0;
  }

  private onSearchInput(e: Event): void {
    this.searchDraft = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.search = this.searchDraft;
      this.page = 0;
    }, SEARCH_DEBOUNCE_MS);
  }

  private toggleFilter(which: 'status' | 'mode', value: string, on: boolean): void {
    const next = new Set(which === 'status' ? this.statusFilter : this.modeFilter);
    if (on) next.add(value);
    else next.delete(value);
    if (which === 'status') this.statusFilter = next;
    else this.modeFilter = next;
    this.page = 0;
  }

  private toggleExpanded(r: Rollout): void {
    const next = new Set(this.expanded);
    const expanded = !next.has(r.rollout_id);
    if (expanded) next.add(r.rollout_id);
    else next.delete(r.rollout_id);
    this.expanded = next;
    if (expanded && !this.attemptStates.has(r.rollout_id)) this.loadAttempts(r);
    this.dispatchEvent(new RolloutExpandEvent({ rollout: r, expanded }));
  }

  private setAttemptState(id: string, st: AttemptsState | null): void {
    const next = new Map(this.attemptStates);
    if (st) next.set(id, st);
    else next.delete(id);
    this.attemptStates = next;
  }

  /** Fetch a rollout's attempts once (again only on Retry). */
  private loadAttempts(r: Rollout): void {
    const id = r.rollout_id;
    this.attemptAborts.get(id)?.abort();
    this.attemptAborts.delete(id);
    this.setAttemptState(id, { state: 'loading', reason: null });
    const given = this.attempts?.[id];
    if (given) {
      this.setAttemptState(id, { state: 'ready', attempts: [...given].sort((a, b) => a.sequence_id - b.sequence_id) });
      return;
    }
    const loader =
      this.attemptsLoader ??
      (this.rollouts
        ? async (ro: Rollout) => (ro.attempt ? [ro.attempt] : [])
        : null);
    if (loader) {
      loader(r).then(
        (attempts) => this.setAttemptState(id, { state: 'ready', attempts: [...attempts].sort((a, b) => a.sequence_id - b.sequence_id) }),
        (err) => this.setAttemptState(id, { state: 'error', reason: err instanceof Error ? err.message : String(err) }),
      );
      return;
    }
    const shape = this.shapeInUse ?? 'envelope';
    const url = attemptsUrl(this.effectiveBase, shape, id);
    const ac = new AbortController();
    this.attemptAborts.set(id, ac);
    void fetchJson({ url, signal: ac.signal }).then((res) => {
      if (this.attemptAborts.get(id) !== ac) return;
      this.attemptAborts.delete(id);
      if (res.ok) {
        try {
          const { attempts, skipped } = decodeAttempts(res.json);
          this.setAttemptState(id, { state: 'ready', attempts: [...attempts].sort((x, y) => x.sequence_id - y.sequence_id), skipped });
        } catch (err) {
          this.setAttemptState(id, { state: 'error', reason: `cannot read ${url}: ${(err as Error).message}` });
        }
      } else if ('failure' in res) {
        this.setAttemptState(id, { state: 'error', reason: res.failure.reason });
      }
    });
  }

  private viewJson(detail: RolloutActionDetail, nested: boolean): void {
    const ev = new RolloutViewJsonEvent(detail);
    if (!this.dispatchEvent(ev)) return;
    this.jsonDialog = nested
      ? { title: `Attempt ${detail.attempt?.attempt_id} of ${detail.rollout.rollout_id}`, value: detail.attempt }
      : { title: `Rollout ${detail.rollout.rollout_id}`, value: detail.rollout };
  }

  private closeDialog(): void {
    this.dialogEl?.close();
    this.jsonDialog = null;
  }

  /** The focused row stays rendered while focused, with its neighbours (Tab reaches the next row before scrolling brings it in). */
  private onRowFocus(e: FocusEvent): void {
    const tr = (e.target as Element).closest('tr');
    const i = Number(tr?.getAttribute('aria-rowindex')) - this.rowIndexBase;
    const key = this.displayRows[i]?.key ?? null;
    if (key !== this.focusKey) {
      this.focusKey = key;
      this.requestUpdate();
    }
  }

  private onRowBlur(e: FocusEvent): void {
    const body = e.currentTarget as HTMLElement;
    if (!body.contains(e.relatedTarget as Node | null)) this.focusKey = null;
  }

  private showTip(e: Event): void {
    const el = e.currentTarget as HTMLElement & { tipInput?: unknown };
    const full = tipText(el.tipInput);
    const rect = el.getBoundingClientRect();
    const below = rect.bottom + 6;
    const y = below + 120 > window.innerHeight ? Math.max(4, rect.top - 6) : below;
    this.tip = { text: full, x: Math.min(rect.left, window.innerWidth - 360), y: y === below ? y : -y };
  }

  private hideTip(): void {
    this.tip = null;
  }

  // ───────────── rendering ─────────────

  override render() {
    const phase = this.phase;
    return html`
      ${this.renderToolbar(phase)} ${this.stale ? this.renderStale() : nothing}
      ${phase === 'ready'
        ? renderSkippedNotice(this.skipped, {
            noun: 'rollout',
            shown: this.model?.n ?? 0,
            source: this.listUrl(),
            onViewRaw: (s) => this.viewSkipped('Rollout', s),
          })
        : nothing}
      ${phase === 'error'
        ? this.renderError()
        : phase === 'ready' && (this.model?.n ?? 0) === 0
          ? this.renderEmpty(false)
          : phase === 'ready' && this.filtered.length === 0
            ? this.renderEmpty(true)
            : html`${this.renderTable(phase)} ${phase === 'ready' ? this.renderPagination() : nothing}`}
      ${this.renderTip()} ${this.renderDialog()}
    `;
  }

  private renderToolbar(phase: LoadPhase) {
    const shape = this.shapeInUse;
    const refreshing = !!this.sourceStatus?.refreshing;
    return html`<div class="toolbar" part="toolbar">
      <label class="search">
        ${iconSearch}
        <span class="visually-hidden">Search by rollout ID</span>
        <input
          part="search"
          type="search"
          placeholder="Search by Rollout ID"
          autocomplete="off"
          spellcheck="false"
          .value=${this.searchDraft}
          @input=${this.onSearchInput}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              clearTimeout(this.searchTimer);
              this.search = this.searchDraft;
              this.page = 0;
            }
          }}
        />
      </label>
      ${this.renderFilterMenu('status', 'Status', ROLLOUT_STATUSES, this.statusFilter, this.counts.statuses)}
      ${this.renderFilterMenu('mode', 'Mode', MODE_FILTER_VALUES, this.modeFilter, this.counts.modes)}
      ${this.statusFilter.size || this.modeFilter.size || this.search
        ? html`<button type="button" class="link" @click=${() => this.clearFilters()}>Clear filters</button>`
        : nothing}
      <span class="spacer"></span>
      ${refreshing ? html`<span class="refreshing" role="status">Refreshing</span>` : nothing}
      ${this.loadedAt && phase === 'ready' && !this.rollouts
        ? html`<span class="updated" title=${formatDateTime(this.loadedAt)}>Updated ${formatAgo(this.loadedAt, Math.max(this.nowMs, this.loadedAt))}</span>`
        : nothing}
      ${shape
        ? html`<span
            class="shape"
            data-shape=${shape}
            title=${shape === 'envelope' ? `Agent-lightning store API: ${this.listUrl()}` : `Seed API (bare array): ${this.listUrl()}`}
            >${shape === 'envelope' ? '/v1/agl envelope' : 'seed array'}${this.shape === 'auto' ? ' · detected' : ''}</span
          >`
        : nothing}
      ${this.rollouts
        ? nothing
        : html`<button type="button" class="icon-button" @click=${() => this.refresh()} aria-label="Refresh rollouts" title="Refresh">
            ${iconRefresh}
          </button>`}
    </div>`;
  }

  private renderFilterMenu(which: 'status' | 'mode', label: string, values: readonly string[], selected: ReadonlySet<string>, counts: Map<string, number>) {
    return html`<details
      class="menu"
      data-filter=${which}
      @focusout=${(e: FocusEvent) => {
        const d = e.currentTarget as HTMLDetailsElement;
        if (!d.contains(e.relatedTarget as Node | null)) d.open = false;
      }}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') {
          const d = e.currentTarget as HTMLDetailsElement;
          d.open = false;
          d.querySelector('summary')?.focus();
        }
      }}
    >
      <summary class=${selected.size ? 'active' : ''}>
        ${iconFilter} ${label}${selected.size ? html` <span class="count">${selected.size}</span>` : nothing}
      </summary>
      <fieldset class="menu-body">
        <legend class="visually-hidden">Filter by ${label.toLowerCase()}</legend>
        ${values.map(
          (v) => html`<label class="option">
            <input type="checkbox" .checked=${selected.has(v)} @change=${(e: Event) => this.toggleFilter(which, v, (e.target as HTMLInputElement).checked)} />
            ${which === 'status' ? html`<span class="badge" data-tone=${statusTone(v)}>${v}</span>` : html`<span>${v === 'none' ? 'no mode' : v}</span>`}
            <span class="option-count">${counts.get(v) ?? 0}</span>
          </label>`,
        )}
      </fieldset>
    </details>`;
  }

  private renderStale() {
    const reason = this.sourceStatus?.reason ?? 'the server did not answer';
    return html`<div class="stale" part="stale" role="status">
      ${iconAlert}
      <span>Could not refresh (${reason}). Showing the rollouts from ${this.loadedAt ? formatTime(this.loadedAt) : 'earlier'}.</span>
      <button type="button" @click=${() => this.refresh()}>Retry</button>
    </div>`;
  }

  private renderError() {
    const address = this.rollouts ? null : this.listUrl();
    const server = address && this.corsServer?.url === address ? this.corsServer.server : null;
    const reason = this.shapeMismatch ?? this.sourceStatus?.reason ?? null;
    if (address && reason && isCorsRefusal(reason) && this.probing !== address) {
      // Once per URL, after this render: ask which server it is, then name its flag.
      this.probing = address;
      void probeCorsServer(address).then((found) => {
        if (this.probing === address) this.corsServer = { url: address, server: found };
      });
    }
    return renderErrorState({
      what: 'the rollouts',
      reason,
      address,
      corsServer: server,
      retry: () => this.refresh(),
      settingsHref: this.settingsHref,
    });
  }

  private renderEmpty(filtered: boolean) {
    return html`<div class="state empty" part="empty">
      ${emptyIllustration}
      <strong>${filtered ? 'No rollouts match the filters' : this.skipped.length ? 'No rollout could be read' : 'No rollouts yet'}</strong>
      <p>${filtered
        ? `${fmtInt(this.model?.n ?? 0)} rollouts are hidden by the status, mode or search filters.`
        : this.skipped.length
          ? `The server answered with ${fmtInt(this.skipped.length)} ${this.skipped.length === 1 ? 'rollout' : 'rollouts'}, none of which could be read: see the details above.`
          : 'Rollouts appear here once the store has any.'}</p>
      <div class="actions">
        ${filtered ? html`<button type="button" class="primary" @click=${() => this.clearFilters()}>Clear filters</button>` : nothing}
        ${this.rollouts ? nothing : html`<button type="button" @click=${() => this.refresh()}>${iconRefresh} Refresh</button>`}
      </div>
    </div>`;
  }

  private renderTable(phase: LoadPhase) {
    const hidden = this.hiddenColumns;
    return html`${hidden.length
        ? html`<p class="columns-note" part="columns-note" role="note">${iconAlert} ${hiddenNote(hidden)}</p>`
        : nothing}<div class="wrap" part="table-wrap">
      <table part="table" class=${hidden.map((c) => `hide-${c}`).join(' ')} aria-busy=${phase === 'loading' ? 'true' : 'false'} aria-rowcount=${phase === 'ready' ? this.rowCount : -1}>
        <caption class="visually-hidden">
          Rollouts${phase === 'ready' ? `, ${this.filtered.length} shown of ${this.model?.n ?? 0}` : ', loading'}
        </caption>
        <thead>
          <tr aria-rowindex="1">
            ${COLUMNS.map((c) => this.renderHeader(c))}
            <th scope="col" class="col-actions" style=${styleMap({ width: `${COLUMN_WIDTHS.actions}px` })}>Actions</th>
          </tr>
        </thead>
        <tbody @focusin=${this.onRowFocus} @focusout=${this.onRowBlur}>
          ${phase === 'loading'
            ? Array.from({ length: 8 }, () => html`<tr class="skeleton-row">${[...COLUMNS, 'actions'].map((c) => html`<td class="col-${c}"><span class="skeleton"></span></td>`)}</tr>`)
            : repeat(
                this.parts,
                (p) => ('gap' in p ? `\u0000gap${p.gap}` : this.displayRows[p.index].key),
                (p) =>
                  'gap' in p
                    ? html`<tr class="gap" aria-hidden="true"><td colspan=${this.colspan} style=${styleMap({ height: `${p.height}px` })}></td></tr>`
                    : this.renderRow(this.displayRows[p.index], this.rowIndexBase + p.index),
              )}
        </tbody>
      </table>
    </div>`;
  }

  private renderHeader(c: ColumnId) {
    const active = this.sort.column === c;
    const ariaSort = active ? (this.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
    const order = sortWords(c);
    const title = active ? `Sorted ${this.sort.dir === 'asc' ? order[0] : order[1]}` : `Sort by ${COLUMN_LABELS[c]}, ${order[0]}`;
    return html`<th scope="col" class="col-${c}" aria-sort=${ariaSort} style=${c === 'input' ? nothing : styleMap({ width: `${COLUMN_WIDTHS[c]}px` })}>
      <button type="button" class="sort" data-column=${c} title=${title} @click=${() => this.setSort(c)}>
        ${COLUMN_LABELS[c]} <span class="sort-icon ${active ? 'active' : ''}">${active ? (this.sort.dir === 'asc' ? iconSortAsc : iconSortDesc) : iconSortBoth}</span>
      </button>
    </th>`;
  }

  /** Columns shown (the actions included). */
  private get colspan(): number {
    return COLUMNS.length + 1 - this.hiddenColumns.length;
  }

  private renderRow(row: DisplayRow, rowIndex: number) {
    switch (row.kind) {
      case 'rollout': {
        const r = row.rollout;
        const a = r.attempt ?? null;
        const expanded = isExpandable(r) && this.expanded.has(r.rollout_id);
        return html`<tr part="row" class=${expanded ? 'expanded' : ''} data-rollout=${r.rollout_id} data-attempt=${a?.attempt_id ?? ''} aria-rowindex=${rowIndex}>
          ${guard([r, a, expanded, this.nowMs], () => this.renderCells(r, a, false))}
        </tr>`;
      }
      case 'attempt':
        return html`<tr part="nested-row" class="nested" data-rollout=${row.rollout.rollout_id} data-attempt=${row.attempt.attempt_id} aria-rowindex=${rowIndex}>
          ${guard([row.rollout, row.attempt, this.nowMs], () => this.renderCells(row.rollout, row.attempt, true))}
        </tr>`;
      case 'loading':
        return html`<tr class="nested-state" part="nested-row" data-key=${row.key} aria-rowindex=${rowIndex}>
          <td colspan=${this.colspan}>
            <span class="nested-indent" role="status"><span class="spinner" aria-hidden="true"></span> Loading attempts of ${row.rollout.rollout_id}…${row.reason ? html` (${row.reason})` : nothing}</span>
          </td>
        </tr>`;
      case 'skipped':
        return html`<tr class="nested-state skipped-row" part="nested-row" data-key=${row.key} aria-rowindex=${rowIndex}>
          <td colspan=${this.colspan}>
            <div class="nested-indent">
              ${renderSkippedNotice(row.skipped, {
                noun: 'attempt',
                shown: row.shown,
                onViewRaw: (s) => this.viewSkipped(`Attempt of ${row.rollout.rollout_id}`, s),
              })}
            </div>
          </td>
        </tr>`;
      case 'error':
        return html`<tr class="nested-state error-row" part="nested-row" data-key=${row.key} aria-rowindex=${rowIndex}>
          <td colspan=${this.colspan}>
            <span class="nested-indent" role="alert">${iconAlert} Could not load the attempts: ${row.reason}</span>
            <button type="button" @click=${() => this.loadAttempts(row.rollout)}>Retry</button>
          </td>
        </tr>`;
    }
  }

  /** A row's cells; guarded by the caller, so that only rows whose content changed re-render (not on expanding another row). */
  private renderCells(r: Rollout, a: Attempt | null, nested: boolean): TemplateResult {
    const now = this.nowMs;
    const input = inputJson(r.input);
    const statusText = nested ? a!.status : rolloutStatusLabel(r);
    const tone = nested ? statusTone(a!.status) : rolloutStatusTone(r);
    const start = secToMs(a ? a.start_time : r.start_time);
    const dur = durationOf(r, a, now / 1000);
    const hb = secToMs(a?.last_heartbeat_time);
    const expandable = !nested && isExpandable(r);
    const expanded = expandable && this.expanded.has(r.rollout_id);
    const detail: RolloutActionDetail = { rollout: r, attempt: a };
    const what = nested ? `attempt ${a!.attempt_id}` : r.rollout_id;
    return html`<td class="col-rollout">
        ${nested
          ? html`<span class="nested-indent"><span class="seq">#${a!.sequence_id}</span></span>`
          : html`${expandable
                ? html`<button
                    type="button"
                    class="expander mask chevron"
                    aria-expanded=${expanded ? 'true' : 'false'}
                    aria-label=${`${expanded ? 'Hide' : 'Show'} the ${a!.sequence_id} attempts of ${r.rollout_id}`}
                    title=${`${expanded ? 'Hide' : 'Show'} attempts`}
                    @click=${() => this.toggleExpanded(r)}
                  ></button>`
                : html`<span class="expander-space"></span>`}<span class="id">${r.rollout_id}</span>`}
      </td>
      <td class=${a ? 'col-attempt id' : 'col-attempt na'}>${a ? a.attempt_id : 'N/A'}</td>
      <td class="col-input">
        <span
          class="input"
          tabindex="0"
          aria-describedby=${input.length > INPUT_PREVIEW_CHARS ? 'input-tip' : nothing}
          .tipInput=${r.input}
          @mouseenter=${this.showTip}
          @focus=${this.showTip}
          @mouseleave=${this.hideTip}
          @blur=${this.hideTip}
          >${truncate(input, INPUT_PREVIEW_CHARS)}</span
        >
      </td>
      <td class="col-status"><span class="badge" part="badge" data-tone=${tone} title=${statusText}>${statusText}</span></td>
      <td class=${r.resources_id ? 'col-resources id' : 'col-resources na'}>${r.resources_id ?? 'N/A'}</td>
      <td class=${r.mode ? 'col-mode id' : 'col-mode na'}>${r.mode ?? 'N/A'}</td>
      <td class="col-start num">${startCell(start)}</td>
      <td class="col-duration num">${dur == null ? 'N/A' : formatDuration(dur * 1000)}${dur != null && isOpen(r, a) ? html`<span class="live-dot" title="running"></span>` : nothing}</td>
      <td class=${hb == null ? 'col-heartbeat num na' : 'col-heartbeat num'}>${hb == null ? 'N/A' : formatAgo(hb, Math.max(now, hb))}</td>
      <td class=${a?.worker_id ? 'col-worker id' : 'col-worker na'}>${a?.worker_id ?? 'N/A'}</td>
      <td class="col-actions">
        <button type="button" class="icon-button mask json" data-action="json" aria-label=${`View raw JSON of ${what}`} title="View raw JSON" @click=${() => this.viewJson(detail, nested)}></button
        ><button type="button" class="icon-button mask traces" data-action="traces" aria-label=${`View traces of ${what}`} title="View traces" @click=${() => this.dispatchEvent(new RolloutViewTracesEvent(detail))}></button>
      </td>`;
  }

  private renderPagination() {
    const size = Math.max(1, this.pageSize | 0);
    const total = this.filtered.length;
    const from = total === 0 ? 0 : this.page * size + 1;
    const to = Math.min(total, (this.page + 1) * size);
    const go = (p: number) => {
      this.page = Math.max(0, Math.min(this.pageCount - 1, p));
    };
    const sizes = (PAGE_SIZES as readonly number[]).includes(size) ? PAGE_SIZES : [...PAGE_SIZES, size].sort((a, b) => a - b);
    return html`<nav class="pagination" part="pagination" aria-label="Pages of rollouts">
      <label class="page-size"
        >Rows per page
        <select
          @change=${(e: Event) => {
            this.pageSize = Number((e.target as HTMLSelectElement).value);
            this.page = 0;
          }}
        >
          ${sizes.map((s) => html`<option value=${s} ?selected=${s === size}>${s}</option>`)}
        </select></label
      >
      <span class="range" aria-live="polite">${fmtInt(from)}–${fmtInt(to)} of ${fmtInt(total)}${
        total !== (this.model?.n ?? 0) ? html` <span class="dim">(filtered from ${fmtInt(this.model?.n ?? 0)})</span>` : nothing
      }</span>
      <span class="pager">
        <button type="button" aria-label="First page" ?disabled=${this.page === 0} @click=${() => go(0)}>«</button>
        <button type="button" aria-label="Previous page" ?disabled=${this.page === 0} @click=${() => go(this.page - 1)}>‹</button>
        <span class="page-label">Page ${this.page + 1} of ${this.pageCount}</span>
        <button type="button" aria-label="Next page" ?disabled=${this.page >= this.pageCount - 1} @click=${() => go(this.page + 1)}>›</button>
        <button type="button" aria-label="Last page" ?disabled=${this.page >= this.pageCount - 1} @click=${() => go(this.pageCount - 1)}>»</button>
      </span>
    </nav>`;
  }

  private renderTip() {
    const t = this.tip;
    return html`<div
      id="input-tip"
      class="tip"
      role="tooltip"
      ?hidden=${!t}
      style=${t ? (t.y >= 0 ? `left:${t.x}px;top:${t.y}px` : `left:${t.x}px;bottom:${window.innerHeight + t.y}px`) : ''}
>${t?.text ?? ''}</div>`;
  }

  private renderDialog() {
    const d = this.jsonDialog;
    return html`<dialog part="dialog" aria-labelledby="dialog-title" @close=${() => (this.jsonDialog = null)} @click=${(e: MouseEvent) => e.target === this.dialogEl && this.closeDialog()}>
      ${d
        ? html`<header>
              <h2 id="dialog-title">${d.title}</h2>
              <button type="button" class="icon-button" aria-label="Close" @click=${() => this.closeDialog()}>${iconClose}</button>
            </header>
            <json-view .value=${d.value} label=${`Raw JSON of ${d.title}`}></json-view>`
        : nothing}
    </dialog>`;
  }
}

/** The full input for the tooltip: pretty JSON, bounded. */
function tipText(input: unknown): string {
  const t = typeof input === 'string' ? input : safeJson(input, 2);
  return t.length > 2000 ? `${t.slice(0, 2000)}… (View raw JSON for the rest)` : t;
}

function errorStatus(reason: string): SourceStatus {
  return {
    key: 'rollout-table',
    state: 'error',
    reason,
    lastEventAt: null,
    retryAt: null,
    counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 },
    refreshing: false,
    role: 'solo',
  };
}

/**
 * The sort rule in words, ascending then descending: times by the moment (ascending = the
 * earliest first, for Start Time and Last Heartbeat alike), durations by length, text A to Z.
 */
function sortWords(c: ColumnId): [string, string] {
  if (c === 'start' || c === 'heartbeat') return ['oldest first', 'newest first'];
  if (c === 'duration') return ['shortest first', 'longest first'];
  return ['A to Z', 'Z to A'];
}

/** Start Time as the date over the time of day: two short lines fit a narrow column. */
function startCell(ms: number | null) {
  const text = formatDateTime(ms);
  const at = text.indexOf(' ');
  if (at < 0) return text;
  return html`<span class="date">${text.slice(0, at)}</span> <span class="time">${text.slice(at + 1)}</span>`;
}
