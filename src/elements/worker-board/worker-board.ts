/**
 * <worker-board>: the element class — its public properties, lifecycle, controllers and the
 * composition of its parts. The data model is worker-board.model.ts (pure), the templates are
 * worker-board.toolbar.ts (bar, summary, skeleton), worker-board.list.ts (card grid, table)
 * and worker-board.card.ts (one worker's pieces).
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { controls, tokens } from '../../styles/tokens.js';
import { safeTextStyles } from '../shared/safe-text.js';
import { feedNoticeStyles, renderFeedNotices } from '../shared/feed-notices.js';
import { ClockController } from '../shared/clock-controller.js';
import { RowFocusController } from '../shared/row-focus-controller.js';
import { PageWindowController } from '../shared/window/page.js';
import { WindowModel, arrayRows } from '../shared/window/window-model.js';
import { renderKeyedBlock } from '../shared/window/keyed-block.js';
import type { WorkerInfo, WorkerStatus } from '../../streams/models.js';
import { renderAnnouncer, renderEmpty, renderError, renderStaleBanner } from '../shared/cluster/cluster-panels.js';
import { loadErrorState } from '../shared/error-panel.js';
import { clusterStyles } from '../shared/cluster/cluster-styles.js';
import { LiveClusterController } from '../shared/cluster/live-cluster-controller.js';
import { handleTreeKeydown } from '../shared/cluster/tree-keys.js';
import { clusterViewState, setViewStates, StaleAnnouncer, type ViewState } from '../shared/cluster/view-state.js';
import { emptyCounts, WorkerStore, type Row, type StatusCounts, type WorkerSort, type WorkerView } from './worker-board.model.js';
import type { CardContext } from './worker-board.card.js';
import { renderCards, type ListContext } from './worker-board.list.js';
import { renderSkeleton, renderToolbar, type ToolbarContext } from './worker-board.toolbar.js';
import { WorkerSelectEvent } from './worker-board.events.js';
import { styles } from './worker-board.styles.js';

export { WORKER_SORTS, WORKER_VIEWS, type WorkerSort, type WorkerView } from './worker-board.model.js';

const MIN_CARD = 300;
const GAP = 12;
/** The least height of a window row (a row of cards, a table row): the estimate before one is measured. */
const MIN_ROW = { cards: 200, table: 48 } as const;

/**
 * A live dashboard of the build cluster's workers: status with sub-status, CPU / memory /
 * disk / network with sparklines of the last two minutes, the actions each worker runs as a
 * tree (worker → action → stage), platform properties and a ticking heartbeat age computed
 * in the browser.
 *
 * @summary Worker status dashboard: cards or a dense table, search, status filter, sort.
 *
 * @event worker-select - A worker's id was activated (click or Enter). `detail: { id }`.
 *
 * @csspart toolbar - The search / sort / view bar.
 * @csspart summary - The status counts (also the status filter).
 * @csspart card - One worker card (cards view).
 * @csspart table - The dense table (table view).
 * @csspart row - One worker row (table view).
 * @csspart worker-id - A worker's id button.
 * @csspart status - A worker's status badge.
 * @csspart metric - One metric (label, value, sparkline).
 * @csspart sparkline - A metric's SVG sparkline.
 * @csspart actions - A worker's action tree.
 * @csspart heartbeat - The last-heartbeat line.
 * @csspart platform - The platform properties.
 * @csspart connection - The connection pill.
 * @csspart stale-banner - The banner shown while the feed is not live.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart unreadable - The notice that N records could not be read (with the first reason).
 * @csspart reset-notice - The notice that the view was rebuilt from a fresh snapshot, and why.
 * @csspart proxy-notice - The notice that a buffering proxy forced polling.
 *
 * @cssproperty --worker-board-card-min - Minimum card width (default 300px; used for the column count too).
 * @cssproperty --worker-board-card-bg - Card background.
 * @cssproperty --worker-board-spark-color - Sparkline stroke colour.
 * @cssproperty --worker-board-gap - Gap between cards.
 *
 * @cssstate loading - No data yet.
 * @cssstate empty - Data arrived and there are no workers.
 * @cssstate error - The feed failed before any data arrived.
 * @cssstate stale - Data is shown but the feed is reconnecting / offline.
 * @cssstate live - The feed is live.
 */
export class WorkerBoard extends TelltaleElement {
  static override styles = [tokens, controls, clusterStyles, safeTextStyles, feedNoticeStyles, styles];

  // ── Public API ──────────────────────────────────────────────────────────────────

  /** Base URL of the live protocol; default: the settings' backend address, else the page origin. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Workers given directly (stories, benchmarks, other sources). When set, the hub is not used. */
  @property({ attribute: false }) workers?: WorkerInfo[];

  /** `cards` (default) or a dense `table`. */
  @property({ reflect: true }) view: WorkerView = 'cards';

  /** Seconds without a heartbeat after which a worker is shown Unavailable. */
  @property({ type: Number, attribute: 'late-after' }) lateAfter = 15;

  /** Seconds without a heartbeat after which a worker is shown Offline. */
  @property({ type: Number, attribute: 'lost-after' }) lostAfter = 60;

  /** Sort key. */
  @property({ reflect: true }) sort: WorkerSort = 'id';

  /** The clock (epoch ms) to judge heartbeats by; default the browser's. For tests and replays. */
  @property({ attribute: false }) now?: number;

  /** Search text: matches ids and platform properties (`OSFamily:linux`, `linux`). */
  @state() query = '';
  /** Status filter; null = all. */
  @state() statusFilter: WorkerStatus | null = null;

  /** Connect to the feed again now (the Retry button). */
  retry(): void {
    this.live.retry();
  }

  /** Focus the worker at a position in the current order (the list's active row), scrolling it into view. */
  async focusIndex(index: number): Promise<void> {
    const row = this.rows[index];
    if (row) await this.rowFocus.focusKey(row.w.id);
  }

  // ── State ───────────────────────────────────────────────────────────────────────

  @state() private columns = 3;
  private readonly store = new WorkerStore();
  /** The error panel, fetched after the first paint (a plain one until then). */
  private readonly errorPart = this.lazyPart('error-state', loadErrorState);
  /** The dense table (the non-default view): loaded when first shown (a skeleton until then). */
  private readonly tablePart = this.lazyPart('worker-board.table', () => import('./worker-board.table.js'), { onUse: true });
  /** Tree nodes whose expansion the user changed: key → expanded. */
  private readonly expansion = new Map<string, boolean>();
  /** Per worker, the tree item that is its tree's Tab stop (roving inside the tree). */
  private readonly treeFocus = new Map<string, string>();
  private hasData = false;
  private rows: Row[] = [];
  private rowKeys: string[] = [];
  private counts: StatusCounts = emptyCounts();
  private clockNow = Date.now();
  private vs: ViewState = { phase: 'loading', stale: false, connection: null, reason: null };
  private readonly announcer = new StaleAnnouncer('workers');
  private announcement = '';
  private resizeObserver?: ResizeObserver;
  private readonly internals: ElementInternals;
  private pendingFocus: string | null = null;
  /** Keyboard focus is in the worker list (then a change of rows keeps it there). */
  private listHasFocus = false;
  private refocus = false;
  /** The window's rows: table rows keyed by worker id; card rows keyed by their first worker's id. */
  private windowKeys: string[] = [];
  private windowShape = '';
  /** Rows of measured height (expanding a worker's tree makes its row taller), by key. */
  private readonly model = new WindowModel<string>({ policy: 'keyed', rowHeight: MIN_ROW.cards });
  /** The list scrolls with the page or the app's scroller (page mode), never one of its own. */
  private readonly win = new PageWindowController<string>(this, this.model, {
    overscan: 1,
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.fw-spacer'),
    // The kept row (below, styled out of the flow) is not one of the drawn range's rows.
    measureRows: () => this.renderRoot.querySelectorAll<HTMLElement>('.fw-rows > :not([style])'),
    rowElement: (key) => this.renderRoot.querySelector<HTMLElement>(`.fw-rows > [data-window-key="${CSS.escape(key)}"]`),
    // The focused worker's row stays drawn when the list is scrolled away from it (focus stays on it).
    keep: () => {
      const id = this.rowFocus?.heldKey;
      return id === undefined ? undefined : this.windowKeyOf(id);
    },
  });

  // ── Controllers ─────────────────────────────────────────────────────────────────

  private readonly live = new LiveClusterController(
    this,
    () => (this.workers !== undefined ? null : { hub: this.effectiveHub, base: this.resolveBase(this.baseUrl) }),
    (batch) => {
      this.store.applyBatch(batch, this.now ?? Date.now());
      this.hasData = true;
    },
  );

  /** Heartbeat ages and elapsed times tick once a second while there are workers and the page is visible. */
  private readonly clock = new ClockController(this, { enabled: () => this.store.byId.size > 0 });

  /** The list is one Tab stop: the active worker's id button; arrows, Home/End, PageUp/Down move it. */
  private readonly rowFocus = new RowFocusController<string>(this, {
    keys: () => this.rowKeys,
    rowElement: (id) => this.renderRoot.querySelector<HTMLElement>(`[data-worker-id="${CSS.escape(id)}"] .wid`),
    keyOf: (el) => el.dataset?.workerId,
    reveal: (id) => this.reveal(id),
    // Cards: two rows of cards a page; the table: the rows that fit (the controller measures).
    pageSize: () => (this.view === 'cards' ? this.columns * 2 : 0),
    onActivate: (id) => this.select(id),
  });

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  // ── Lifecycle ───────────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    // The table view set from the start (view="table"): fetch its part now, alongside the
    // feed, rather than when the first rows render (a skeleton until it arrives). A failure is
    // kept in the part's `failed` (the cards fallback), as for any load.
    if (this.view === 'table') this.tablePart.get().catch(() => {});
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  private measure(): void {
    const width = this.getBoundingClientRect().width;
    const min = parseFloat(getComputedStyle(this).getPropertyValue('--worker-board-card-min')) || MIN_CARD;
    const columns = Math.max(1, Math.floor((width + GAP) / (min + GAP)));
    if (columns !== this.columns) this.columns = columns;
  }

  /** Thresholds in seconds; a removed or invalid attribute falls back to the default. */
  private get thresholds() {
    const late = typeof this.lateAfter === 'number' && this.lateAfter >= 0 ? this.lateAfter : 15;
    const lost = typeof this.lostAfter === 'number' && this.lostAfter >= 0 ? this.lostAfter : 60;
    return { late, lost };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('workers') && this.workers !== undefined) {
      this.store.ingestList(this.workers, this.now ?? Date.now());
      this.hasData = true;
    }
    if (changed.has('workers') && this.workers === undefined && changed.get('workers') !== undefined) {
      this.store.clear();
      this.hasData = false;
    }
    this.prune();
    this.clockNow = this.now ?? Date.now();
    const { rows, counts } = this.store.rows({ now: this.clockNow, thresholds: this.thresholds, query: this.query, statusFilter: this.statusFilter, sort: this.sort });
    const keysChanged = rows.length !== this.rows.length || rows.some((r, i) => r.w.id !== this.rowKeys[i]);
    this.rows = rows;
    if (keysChanged) this.rowKeys = rows.map((r) => r.w.id);
    this.syncWindow(keysChanged);
    // Reordered, filtered or redrawn rows: keep keyboard focus on the same worker (or its nearest).
    this.refocus ||= keysChanged && this.listHasFocus;
    this.counts = counts;
    this.vs = clusterViewState(this.workers !== undefined, this.hasData, this.live);
    this.announcement = this.announcer.next(this.vs);
    setViewStates(this.internals, this.vs, this.store.byId.size === 0);
  }

  /** The window's rows for the current order, view and column count (heights re-measured when the shape changes). */
  private syncWindow(keysChanged: boolean): void {
    const cols = this.view === 'cards' ? this.columns : 1;
    const shape = `${this.view}:${cols}`;
    if (shape !== this.windowShape) {
      this.windowShape = shape;
      this.model.clearHeights();
      this.model.rowHeight = MIN_ROW[this.view === 'table' ? 'table' : 'cards'];
    } else if (!keysChanged) return;
    this.windowKeys = cols === 1 ? this.rowKeys : this.rowKeys.filter((_, i) => i % cols === 0);
    this.win.setRows(arrayRows(this.windowKeys));
  }

  /** The window row that draws a worker (its card's row of cards, or its table row). */
  private windowKeyOf(id: string): string | undefined {
    const i = this.rowKeys.indexOf(id);
    if (i < 0) return undefined;
    const cols = this.view === 'cards' ? this.columns : 1;
    return this.rowKeys[i - (i % cols)];
  }

  /** Expansion and tree-focus state of workers (and actions) that left: dropped, so memory stays bounded. */
  private prune(): void {
    const byId = this.store.byId;
    for (const id of this.treeFocus.keys()) if (!byId.has(id)) this.treeFocus.delete(id);
    for (const key of this.expansion.keys()) {
      // Keys are `worker` or `worker/action`; ids may hold '/', so try each split.
      let keep = byId.has(key);
      for (let at = key.indexOf('/'); !keep && at > 0; at = key.indexOf('/', at + 1)) {
        const action = key.slice(at + 1);
        keep = byId.get(key.slice(0, at))?.actions?.some((a) => a.id === action) ?? false;
      }
      if (!keep) this.expansion.delete(key);
    }
  }

  protected override updated(): void {
    if (this.refocus) {
      this.refocus = false;
      this.rowFocus.rowsChanged();
    }
    if (this.pendingFocus) {
      const key = this.pendingFocus;
      this.pendingFocus = null;
      this.renderRoot.querySelector<HTMLElement>(`[role="treeitem"][data-key="${CSS.escape(key)}"]`)?.focus();
    }
  }

  // ── Handlers ────────────────────────────────────────────────────────────────────

  private readonly onSearch = (e: Event): void => {
    this.query = (e.target as HTMLInputElement).value;
  };

  private setFilter(s: WorkerStatus | null): void {
    this.statusFilter = s === null || this.statusFilter === s ? null : s;
  }

  private select(id: string): void {
    this.dispatchEvent(new WorkerSelectEvent({ id }));
  }

  private isExpanded(key: string, level: number): boolean {
    // Cards open the worker level; the dense table keeps every tree closed until asked.
    return this.expansion.get(key) ?? (level === 1 && this.view === 'cards');
  }

  private toggleNode(key: string, level: number, expand: boolean | null): void {
    const now = this.isExpanded(key, level);
    this.expansion.set(key, expand ?? !now);
    this.pendingFocus = key;
    this.requestUpdate();
  }

  private readonly onTreeKeydown = (e: KeyboardEvent) =>
    handleTreeKeydown(e, (item, expand) => this.toggleNode(item.dataset.key!, Number(item.getAttribute('aria-level')), expand));

  /**
   * Cards: Left/Right one card, Up/Down a row of cards; the rest (and the table) is the row-focus pattern.
   * Through `defer`: it reads the active row, so before the row keyboard has loaded it waits with the keys before it.
   */
  private readonly onListKeydown = this.rowFocus.defer((e: KeyboardEvent): void => {
    const target = e.composedPath()[0] as HTMLElement;
    if (target.closest?.('[role="tree"]')) {
      if (e.key === 'PageUp' || e.key === 'PageDown') this.rowFocus.handleKeydown(e);
      return;
    }
    if (this.view === 'cards' && !e.ctrlKey && !e.altKey && !e.metaKey) {
      const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: this.columns, ArrowUp: -this.columns }[e.key];
      if (step !== undefined) {
        const i = Math.max(0, this.rowKeys.indexOf(this.rowFocus.activeKey ?? ''));
        const to = Math.max(0, Math.min(this.rowKeys.length - 1, i + step));
        e.preventDefault();
        void this.rowFocus.focusKey(this.rowKeys[to]);
        return;
      }
    }
    this.rowFocus.handleKeydown(e);
  });

  /** Focus into a row makes it the active row; focus on a tree item makes it its tree's Tab stop. */
  /** Focus left the list by the user's move (not by a redraw removing the focused row). */
  private readonly onListFocusOut = (e: FocusEvent): void => {
    const list = e.currentTarget as HTMLElement;
    const to = e.relatedTarget as Node | null;
    if ((to && list.contains(to)) || !(e.composedPath()[0] as Node).isConnected) return;
    this.listHasFocus = false;
  };

  private readonly onListFocusIn = (e: FocusEvent): void => {
    this.listHasFocus = true;
    this.rowFocus.handleFocusIn(e);
    const item = (e.composedPath()[0] as HTMLElement).closest?.<HTMLElement>('[role="treeitem"]');
    const id = item?.closest<HTMLElement>('[data-worker-id]')?.dataset.workerId;
    if (item?.dataset.key && id !== undefined) {
      if (this.treeFocus.get(id) !== item.dataset.key) {
        this.treeFocus.set(id, item.dataset.key);
        this.requestUpdate();
      }
    }
  };

  /**
   * The key of a worker's tree item that is its tree's Tab stop: the item last focused while it
   * is still drawn (its action still assigned, its parents expanded), else the worker's own node,
   * so the tree never loses its Tab stop when an action finishes or a node folds.
   */
  private treeStop(id: string): string {
    const key = this.treeFocus.get(id);
    if (key === undefined || key === id || !this.isExpanded(id, 1)) return id;
    const rest = key.slice(id.length + 1);
    for (const a of this.store.byId.get(id)?.actions ?? []) {
      if (rest === a.id) return key;
      if (rest.startsWith(a.id + '/') && this.isExpanded(`${id}/${a.id}`, 2)) {
        const stage = rest.slice(a.id.length + 1);
        if (this.store.stagesOf(a).some((s) => s.name === stage)) return key;
      }
    }
    return id;
  }

  /** Draw the worker's card row (or table row) and scroll it into view; resolves once it is drawn. */
  private async reveal(id: string): Promise<void> {
    const key = this.windowKeyOf(id);
    if (key !== undefined) await this.win.reveal(key);
  }

  // ── Render ──────────────────────────────────────────────────────────────────────

  private get cardContext(): CardContext {
    const active = this.rowFocus.activeKey;
    return {
      now: this.clockNow,
      cards: this.view === 'cards',
      history: (id) => this.store.history.get(id),
      stagesOf: (a) => this.store.stagesOf(a),
      isExpanded: (k, l) => this.isExpanded(k, l),
      toggleNode: (k, l, x) => this.toggleNode(k, l, x),
      onTreeKeydown: this.onTreeKeydown,
      select: (id) => this.select(id),
      innerTabIndex: (id) => (id === active ? 0 : -1),
      treeTabIndex: (id, key) => (id === active && key === this.treeStop(id) ? 0 : -1),
    };
  }

  protected override render(): TemplateResult {
    const vs = this.vs;
    const toolbar: ToolbarContext = {
      query: this.query,
      sort: this.sort,
      view: this.view,
      connection: vs.connection,
      ready: vs.phase === 'ready',
      counts: this.counts,
      statusFilter: this.statusFilter,
      onSearch: this.onSearch,
      setSort: (s) => (this.sort = s),
      setView: (v) => (this.view = v),
      setFilter: (s) => this.setFilter(s),
    };
    return html`
      ${renderToolbar(toolbar)} ${renderAnnouncer(this.announcement)}
      ${renderStaleBanner(vs, this.live.status?.lastEventAt ?? null, this.clockNow, 'workers')} ${renderFeedNotices(this.live.status)}
      ${vs.phase === 'loading'
        ? renderSkeleton()
        : vs.phase === 'error'
          ? renderError(this.errorPart, 'workers', vs.reason, () => this.retry(), this.live.address, this.settingsHref)
          : this.store.byId.size === 0
            ? renderEmpty('No workers', 'No worker has registered with the scheduler yet.')
            : this.rows.length === 0
              ? renderEmpty('No matching workers', 'Change the search or the status filter.')
              : this.renderList()}
    `;
  }

  private renderList(): TemplateResult {
    const c: ListContext = {
      ...this.cardContext,
      rows: this.rows,
      columns: this.columns,
      sort: this.sort,
      setSort: (s) => (this.sort = s),
      onKeydown: this.onListKeydown,
      onFocusIn: this.onListFocusIn,
      onFocusOut: this.onListFocusOut,
      window: (renderRow) =>
        renderKeyedBlock(this.model, this.win.contentHeight, this.win.range(), (i, kept) => {
          const t = renderRow(i);
          return html`<div class="wrow" role="none" data-window-key=${this.windowKeys[i]} style=${kept ?? nothing}>${t}</div>`;
        }),
    };
    if (this.view !== 'table') return renderCards(c);
    const table = this.tablePart.need();
    // Until the table arrives a skeleton; if it cannot be loaded (the server gone), the workers
    // as cards, one per window row, rather than nothing.
    return table ? table.renderTable(c) : this.tablePart.failed ? renderCards({ ...c, cards: true, columns: 1 }) : renderSkeleton();
  }
}
