/**
 * <rollout-table>: the element class — its properties, state, source subscription, lifecycle,
 * handlers and the table's frame. The data model is rollout-model.ts (with rollout-fields.ts and
 * column-order.ts), the page's rows display-rows.ts, attempt loading attempts-controller.ts (with the rare part),
 * idle-time preparation idle-task-controller.ts, and the templates rollout-table.cells.ts (the
 * table, header, rows), rollout-table.chrome.ts (toolbar, pagination, tooltip, dialog) and
 * rollout-table.rare.ts (empty / error / stale states and notices, loaded after the first paint).
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { syncStates } from '../shared/custom-states.js';
import { ClockController } from '../shared/clock-controller.js';
import type { Rollout, Attempt } from '../../streams/agl.js';
import type { SkippedItem } from '../../streams/decoders/agl.js';
import { controls, tokens } from '../../styles/tokens.js';
import { truncate } from '../shared/format.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { RolloutExpandEvent, RolloutViewJsonEvent, type RolloutActionDetail } from './rollout-table.events.js';
import { COLUMNS, RolloutModel, attemptsUrl, isNumericColumn, type ColumnId, type DetectedShape, type SortSpec, type WireShape } from './rollout-model.js';
import { styles } from './rollout-table.styles.js';
import { RowWindow, type WindowPart } from './row-window.js';
import { ColumnFitController } from './column-fit.js';
import type { AttemptsController, AttemptsSource } from './attempts-controller.js';
import { IdleTaskController } from './idle-task-controller.js';
import { FilteredView } from './filtered-view.js';
import { pageRows, rowsCount, type AttemptsState, type DisplayRow } from './display-rows.js';
import { RolloutsSourceController } from './rollouts-source-controller.js';
import { renderTable, type RowContext } from './rollout-table.cells.js';
import { renderPagination, renderTip, renderToolbar } from './rollout-table.chrome.js';
import { JsonDialogController } from './json-dialog-controller.js';
import { SearchAhead } from './search-ahead.js';
import { renderPlainError } from '../shared/error-panel.js';
import { LazyGrid } from './rollout-table.grid.js';

// explainFailure (once re-exported here as explainError), probeCorsServer and CorsServer: import them from
// shared/error-state.js — a re-export here kept that module (a lazy part since) in every page's first load.
export { PAGE_SIZES } from './rollout-table.chrome.js';

const SEARCH_DEBOUNCE_MS = 200;
const DEFAULT_SORT: SortSpec = { column: 'start', dir: 'desc' };
/** No attempt history loaded (before the rare part brings the loader). */
const NO_ATTEMPTS: ReadonlyMap<string, AttemptsState> = new Map();
/** Rows rendered above and below the visible ones (a few frames of fast scrolling). */
const OVERSCAN = 6;

export type LoadPhase = 'loading' | 'ready' | 'error';

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
 * Keyboard (a WAI-ARIA grid): the table is one Tab stop, on one row. Arrow Up/Down, Home/End and
 * PageUp/PageDown move between the page's rows (Arrow Up from the first reaches the header, whose
 * sort buttons are its cells), Arrow Left/Right between a row's expander, input and actions,
 * Enter expands a retried rollout (else opens its raw JSON). Focus follows the rollout through
 * sorting, filtering and expanding, and stays in the pager when a page change disables its button.
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
  static override styles = [tokens, controls, styles];

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

  @state() private sort: SortSpec = DEFAULT_SORT;
  @state() private statusFilter: ReadonlySet<string> = new Set();
  @state() private modeFilter: ReadonlySet<string> = new Set();
  @state() private search = '';
  @state() private searchDraft = '';
  @state() private page = 0;
  @state() private expanded: ReadonlySet<string> = new Set();
  @state() private clock = Date.now();
  @state() private tip: { text: string; x: number; y: number } | null = null;

  private internals: ElementInternals;
  /** The built-in raw JSON dialog (json-dialog-controller.ts). */
  private readonly dialog = new JsonDialogController(this);
  /** The list's hub source and what it answered. */
  private readonly src = new RolloutsSourceController(this, () => {
    // Another server: what we had belongs to the old one.
    this.attemptsCtl?.clear();
    this.expanded = new Set();
  });
  /**
   * Attempt histories (attempts-controller.ts), loaded when a rollout is first expanded: the
   * controller comes with the rare part (after the first paint) and is made when it arrives.
   */
  private attemptsCtl: AttemptsController | null = null;
  private readonly attemptsSource = (): AttemptsSource => ({
    given: this.attempts,
    loader: this.attemptsLoader,
    propertyData: !!this.rollouts,
    url: (id) => attemptsUrl(this.effectiveBase, this.shapeInUse ?? 'envelope', id),
  });
  /** What a first paint does not show (empty / error / stale states, notices, the packed string order), loaded after it. */
  private readonly rare = this.lazyPart('rollout-table.rare', () => import('./rollout-table.rare.js'));
  private searchTimer?: ReturnType<typeof setTimeout>;
  /**
   * The ticking clock (shared/clock-controller.ts): only while something on the page counts
   * (running durations, heartbeat ages), or, sorted by duration, rows running on other pages
   * move into this one as they count; never with a fixed `now`, nor in a hidden tab.
   */
  private readonly ticker = new ClockController(this, {
    enabled: () => this.now == null && (rowsCount(this.displayRows) || !!this.model?.moves(this.sort, Date.now())),
    onTick: (t) => (this.clock = t),
  });
  /**
   * Idle time walks the filtered view to its end (its count, every page), then prepares every
   * column's order and the search index, so that the first click on a header finds its order ready.
   */
  private readonly idle = new IdleTaskController(this);
  private readonly idleJob = (): boolean => {
    const v = this.view;
    if (!v.complete) {
      if (v.step()) this.requestUpdate();
      return false;
    }
    // The columns' orders wait for the rare part, which brings the packed string order: the plain
    // one would sort 100,000 ids in one long idle step. Its arrival (or failure) updates the
    // element, whose willUpdate runs this job again.
    if (!this.rare.value && !this.rare.failed) return true;
    return !this.model || this.model.prepareStep();
  };
  /** Columns hidden because the pane is too narrow for all of them (column-fit.ts). */
  private readonly fit = new ColumnFitController(this);

  // Derived (willUpdate).
  private model: RolloutModel | null = null;
  private modelSource: readonly Rollout[] | null = null;
  /** The rows that pass the filters, in the sort's order, computed as far as the page needs (idle time walks on). */
  private view: FilteredView = FilteredView.of(new Uint32Array(0));
  private filterKey = '';
  /** The view of the search being typed, prepared by its input event (search-ahead.ts). */
  private readonly searchAhead = new SearchAhead();
  /** What the page's rows show (filters, sort, page, size). */
  private shownKey = '';
  private displayRows: DisplayRow[] = [];
  private pageCount = 1;
  /** aria-rowindex of the page's first row: the header is 1, earlier pages come before. */
  private rowIndexBase = 2;
  private rowCount = 1;
  /** The rows of the page that are rendered, and gaps for the others. */
  private parts: WindowPart[] = [];
  /**
   * The keyboard (rollout-table.keyboard.ts): the table is one Tab stop, arrows move between rows;
   * the active row stays rendered (with its neighbours) so that the Tab stop is always there.
   */
  private readonly grid = new LazyGrid(this, {
    rows: () => this.displayRows,
    rowIndexBase: () => this.rowIndexBase,
    activate: (row, activateRow) => activateRow(row, this.rowHandlers),
  });
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
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  /** True once every column's sort order and the search index are prepared (done in idle time after each load). */
  get ranksReady(): boolean {
    return !!this.model?.ready;
  }

  /** Fetch the list now (the Refresh and Retry buttons). */
  refresh(): void {
    this.src.refresh();
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
    return this.src.loaded?.shape ?? (this.shape === 'auto' ? null : this.shape);
  }

  /** The base URL the table reads from. */
  get effectiveBase(): string {
    return this.resolveBase(this.baseUrl);
  }

  private get nowMs(): number {
    return this.now ?? this.clock;
  }

  /** @internal For the source controller. */
  get propertyData(): boolean {
    return !!this.rollouts;
  }

  /** @internal For the source controller. */
  get refreshMs(): number {
    return this.settings.autoRefreshMs;
  }


  protected override willUpdate(changed: PropertyValues<this>): void {
    this.src.sync();

    const rollouts = this.rollouts ?? this.src.loaded?.rollouts ?? null;
    if (rollouts !== this.modelSource) {
      this.modelSource = rollouts;
      // Same ids as before (a refresh): what depends only on the ids is reused.
      this.model = rollouts ? new RolloutModel(rollouts, this.nowMs, this.model) : null;
      this.counts = this.model ? this.model.counts() : { statuses: new Map(), modes: new Map() };
      this.filterKey = '';
      if (this.model) this.attemptsCtl?.mergeLatest(this.model.rollouts);
    }
    // The attempts' loader comes with the rare part: made when it arrives, it loads the rollouts
    // expanded before (their rows said "Loading" meanwhile).
    const rare = this.rare.value;
    if (rare && !this.attemptsCtl) {
      const ctl = (this.attemptsCtl = new rare.AttemptsController(this, this.attemptsSource));
      if (this.expanded.size) for (const r of this.model?.rollouts ?? []) if (this.expanded.has(r.rollout_id)) ctl.load(r);
    }
    const m = this.model;
    if (m) {
      const key = this.viewKey(this.search);
      const ahead = this.searchAhead.take(m, key);
      // Sorted by duration while rows run: their cells tick, and the order follows what they show.
      const moves = m.moves(this.sort, this.nowMs);
      if (key !== this.filterKey || changed.has('rollouts') || moves) {
        this.filterKey = key;
        // The search typed in the box was prepared when it was typed (search-ahead.ts).
        this.view = ahead && !moves && !changed.has('rollouts') ? ahead : m.view(m.order(this.sort, this.nowMs), this.filters(this.search));
      }
      const size = Math.max(1, this.pageSize | 0);
      const v = this.view;
      let from = this.page * size;
      let slice = v.slice(from, size);
      const count = v.count;
      // While a search is still being counted, there may be a page after this one.
      this.pageCount = count == null ? this.page + 2 : Math.max(1, Math.ceil(count / size));
      if (this.page >= this.pageCount) {
        this.page = this.pageCount - 1;
        from = this.page * size;
        slice = v.slice(from, size);
      }
      const rows = pageRows(m.rollouts, slice, this.expanded, this.attemptsCtl?.states ?? NO_ATTEMPTS);
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
      this.rowCount = count == null ? -1 : count + 1 + rows.length - slice.length;
    } else {
      this.view = FilteredView.of(new Uint32Array(0));
      this.displayRows = [];
      this.pageCount = 1;
    }
    // Idle time finishes the filtered walk (then the count shows), then prepares the other columns.
    if (m && (!this.view.complete || !m.ready) && !this.idle.pending) this.idle.run(this.idleJob);
    const focusIndex = this.grid.sync();
    this.parts = this.rowWindow.plan(this.displayRows.map((r) => r.key), focusIndex);
    this.grid.drawn(this.parts);
    this.updateStates();
  }

  private get phase(): LoadPhase {
    if (this.rollouts) return 'ready';
    if (this.src.loaded) return 'ready';
    if (this.src.shapeMismatch) return 'error';
    if (this.src.status?.state === 'error' || (this.src.status?.state === 'offline' && this.src.status.reason)) return 'error';
    if (this.src.status?.state === 'reconnecting' && this.src.status.reason && !this.src.loaded) return 'error';
    return 'loading';
  }

  private get stale(): boolean {
    if (this.rollouts || !this.src.loaded || !this.src.status) return false;
    return this.src.status.state === 'error' || this.src.status.state === 'reconnecting' || this.src.status.state === 'offline';
  }

  private updateStates(): void {
    const phase = this.phase;
    syncStates(this.internals, {
      loading: phase === 'loading',
      error: phase === 'error',
      empty: phase === 'ready' && (this.model?.n ?? 0) === 0,
      stale: this.stale,
      refreshing: !!this.src.status?.refreshing,
      skipped: this.skipped.length > 0,
    });
  }

  /** Rollouts of the last answer that could not be read (left out of the table); empty with property data. */
  get skipped(): readonly SkippedItem[] {
    return this.rollouts ? [] : (this.src.loaded?.skipped ?? []);
  }

  /** The raw JSON of an item that could not be read, in the built-in dialog (no event: it is not a Rollout). */
  private viewSkipped(what: string, s: SkippedItem): void {
    this.dialog.open(`${what} #${s.index}${s.id !== undefined ? ` (${truncate(s.id, 80)})` : ''}, could not be read`, s.raw);
  }

  /** Also waits for the part loaded after the first paint when a render needed it (so `await el.updateComplete` sees it). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const loading = this.grid.whenLoaded();
    if (loading) await loading;
    const done = await super.getUpdateComplete();
    return (await this.rare.whenNeeded()) ? super.getUpdateComplete() : done;
  }

  protected override updated(changed: PropertyValues): void {
    this.grid.updated();
  }

  // ───────────── interactions (stable handlers, created once: templates bind them) ─────────────

  private readonly retry = (): void => this.refresh();
  private readonly clearFiltersFn = (): void => this.clearFilters();

  private readonly setSortFn = (column: ColumnId): void => {
    const dir = this.sort.column === column ? (this.sort.dir === 'asc' ? 'desc' : 'asc') : isNumericColumn(column) && column === 'start' ? 'desc' : 'asc';
    this.sort = { column, dir };
    this.page = 0;
  };

  private readonly onSearchInputFn = (e: Event): void => {
    this.searchDraft = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(this.searchNowFn, SEARCH_DEBOUNCE_MS);
    this.prepareSearch(this.searchDraft);
  };

  /** What the view depends on besides the data: sort, filters and a search text. */
  private viewKey(search: string): string {
    return `${this.sort.column}:${this.sort.dir}|${[...this.statusFilter].join()}|${[...this.modeFilter].join()}|${search}`;
  }

  private filters(search: string) {
    return { statuses: this.statusFilter, modes: this.modeFilter, search };
  }

  /** The keystroke's search, prepared as it is typed: the frame that applies it only renders (search-ahead.ts). */
  private prepareSearch(search: string): void {
    const m = this.model;
    if (m && search !== this.search) this.searchAhead.prepare(m, m.order(this.sort, this.nowMs), this.filters(search), this.viewKey(search), Math.max(1, this.pageSize | 0));
  }

  private readonly searchNowFn = (): void => {
    clearTimeout(this.searchTimer);
    this.search = this.searchDraft;
    this.page = 0;
  };

  private readonly toggleFilterFn = (which: 'status' | 'mode', value: string, on: boolean): void => {
    const next = new Set(which === 'status' ? this.statusFilter : this.modeFilter);
    if (on) next.add(value);
    else next.delete(value);
    if (which === 'status') this.statusFilter = next;
    else this.modeFilter = next;
    this.page = 0;
  };

  private readonly goToPage = (p: number, from?: EventTarget | null): void => {
    void this.grid.keepPagerFocus(from instanceof HTMLButtonElement ? from : null);
    // The last page of a search still being counted: count now.
    if (p === Infinity && this.view.count == null) this.view.all();
    const count = this.view.count;
    const last = count == null ? this.pageCount - 1 : Math.max(0, Math.ceil(count / Math.max(1, this.pageSize | 0)) - 1);
    this.page = Math.max(0, Math.min(last, p));
  };

  private readonly setPageSize = (size: number): void => {
    this.pageSize = size;
    this.page = 0;
  };

  private toggleExpanded(r: Rollout): void {
    const next = new Set(this.expanded);
    const expanded = !next.has(r.rollout_id);
    if (expanded) next.add(r.rollout_id);
    else next.delete(r.rollout_id);
    this.expanded = next;
    // Before the rare part (the attempts' loader) arrives: asked for, the load starts when it does.
    if (expanded && !this.attemptsCtl) this.rare.need();
    else if (expanded && !this.attemptsCtl!.has(r.rollout_id)) this.attemptsCtl!.load(r);
    this.dispatchEvent(new RolloutExpandEvent({ rollout: r, expanded }));
  }

  private viewJson(detail: RolloutActionDetail, nested: boolean): void {
    const ev = new RolloutViewJsonEvent(detail);
    if (!this.dispatchEvent(ev)) return;
    this.dialog.open(
      nested ? `Attempt ${detail.attempt?.attempt_id} of ${detail.rollout.rollout_id}` : `Rollout ${detail.rollout.rollout_id}`,
      nested ? detail.attempt : detail.rollout,
    );
  }

  /** What the rows call (the per-render values are added in renderTable). */
  private readonly rowHandlers: Omit<RowContext, 'nowMs' | 'expanded' | 'colspan' | 'rare' | 'rareFailed'> = {
    host: this,
    tabIndexFor: (key) => this.grid.tabIndexFor(key),
    toggleExpanded: (r) => this.toggleExpanded(r),
    retryAttempts: (r) => this.attemptsCtl?.load(r),
    viewJson: (d, nested) => this.viewJson(d, nested),
    viewSkipped: (what, s) => this.viewSkipped(what, s),
    showTip: (e) => this.showTip(e),
    hideTip: () => this.hideTip(),
  };

  private showTip(e: Event): void {
    // The tooltip's placement comes with the part loaded after the first paint (there by the time anyone points).
    this.tip = this.rare.value?.tipAt(e.currentTarget as HTMLElement & { tipInput?: unknown }, e.type === 'focus') ?? null;
  }

  private hideTip(): void {
    this.tip = null;
  }

  // ───────────── rendering ─────────────

  override render() {
    const phase = this.phase;
    const total = this.model?.n ?? 0;
    const needsRare =
      this.stale || phase === 'error' || (phase === 'ready' && (this.skipped.length > 0 || total === 0 || this.view.count === 0 || this.displayRows.some((r) => r.kind !== 'rollout' && r.kind !== 'attempt')));
    const rare = needsRare ? this.rare.need() : this.rare.value;
    return html`
      ${renderToolbar(this.toolbarContext(phase))}
      ${this.stale && rare ? rare.renderStale(this.src.status?.reason ?? 'the server did not answer', this.src.loadedAt, this.retry) : nothing}
      ${phase === 'ready' && this.skipped.length && rare
        ? rare.renderSkippedNotice(this.skipped, {
            noun: 'rollout',
            shown: total,
            source: this.src.listUrl(),
            onViewRaw: (s) => this.viewSkipped('Rollout', s),
          })
        : nothing}
      ${phase === 'error'
        ? this.renderError()
        : phase === 'ready' && (total === 0 || this.view.count === 0)
          ? (rare?.renderEmpty({
              filtered: total > 0,
              total,
              skipped: this.skipped.length,
              propertyData: !!this.rollouts,
              clearFilters: this.clearFiltersFn,
              refresh: this.retry,
            }) ?? nothing)
          : html`${this.renderTable(phase)} ${phase === 'ready' ? renderPagination(this.paginationContext()) : nothing}`}
      ${renderTip(this.tip)} ${this.dialog.render()}
    `;
  }

  private renderError() {
    const rare = this.rare.need();
    const address = this.rollouts ? null : this.src.listUrl();
    const reason = this.src.shapeMismatch ?? this.src.status?.reason ?? null;
    const o = { what: 'the rollouts', reason, address, retry: this.retry, settingsHref: this.settingsHref };
    // Until the rare part arrives (or when it could not be loaded): the plain panel, never a blank.
    if (!rare) return renderPlainError(o);
    const corsServer = address && reason ? this.src.corsServerFor(address, reason, rare.isCorsRefusal, rare.probeCorsServer) : null;
    return rare.renderErrorState({ ...o, corsServer });
  }

  private toolbarContext(phase: LoadPhase) {
    return {
      searchDraft: this.searchDraft, statusFilter: this.statusFilter, modeFilter: this.modeFilter, search: this.search, counts: this.counts,
      refreshing: !!this.src.status?.refreshing,
      loadedAt: this.src.loadedAt && phase === 'ready' && !this.rollouts ? this.src.loadedAt : null,
      nowMs: this.nowMs, shape: this.shapeInUse, configuredShape: this.shape, listUrl: this.src.listUrl(), propertyData: !!this.rollouts,
      onSearchInput: this.onSearchInputFn, searchNow: this.searchNowFn, toggleFilter: this.toggleFilterFn, clearFilters: this.clearFiltersFn, refresh: this.retry,
    };
  }

  private paginationContext() {
    return {
      page: this.page, pageCount: this.pageCount, pageSize: Math.max(1, this.pageSize | 0),
      shown: this.view.count, foundSoFar: this.view.foundSoFar, total: this.model?.n ?? 0,
      goTo: this.goToPage, setPageSize: this.setPageSize,
    };
  }

  private renderTable(phase: LoadPhase) {
    return renderTable({
      phase,
      hidden: this.fit.hidden,
      rowCount: this.rowCount,
      shown: this.view.count ?? this.view.foundSoFar,
      total: this.model?.n ?? 0,
      sort: this.sort,
      setSort: this.setSortFn,
      parts: this.parts,
      rows: this.displayRows,
      rowIndexBase: this.rowIndexBase,
      row: { ...this.rowHandlers, nowMs: this.nowMs, expanded: this.expanded, colspan: this.colspan, rare: this.rare.value, rareFailed: this.rare.failed?.message ?? null },
      onKeydown: this.grid.onKeydown,
      onFocusIn: this.grid.onFocusIn,
    });
  }

  /** Columns shown (the actions included). */
  private get colspan(): number {
    return COLUMNS.length + 1 - this.fit.hidden.length;
  }
}
