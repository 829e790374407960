import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { controls, tokens, type Tone } from '../../styles/tokens.js';
import { formatBytes, formatDateTime, formatDuration, formatPercent, formatStageDuration, INVALID, isValidBytes, isValidRatio, isValidTime, safeIso } from '../shared/format.js';
import { safeNumber, safeText, safeTextStyles } from '../shared/safe-text.js';
import { feedNoticeStyles, renderFeedNotices } from '../shared/feed-notices.js';
import {
  WORKER_STATUSES,
  type Activity,
  type AssignedAction,
  type WorkerInfo,
  type WorkerStatus,
} from '../../streams/models.js';
import { renderConnection, renderEmpty, renderError, renderStaleBanner } from '../shared/cluster/cluster-panels.js';
import { clusterStyles } from '../shared/cluster/cluster-styles.js';
import { LiveClusterController, type LiveBatch } from '../shared/cluster/live-cluster-controller.js';
import { handleTreeKeydown } from '../shared/cluster/tree-keys.js';
import { collator, clusterViewState, setViewStates, type ViewState } from '../shared/cluster/view-state.js';
import { MIN_SAMPLE_MS, newHistory, sparkline, type WorkerHistory } from './sparkline.js';
import { WorkerSelectEvent } from './worker-board.events.js';
import { styles } from './worker-board.styles.js';

export const WORKER_SORTS = ['id', 'status', 'cpu', 'memory', 'heartbeat'] as const;
export type WorkerSort = (typeof WORKER_SORTS)[number];
export const WORKER_VIEWS = ['cards', 'table'] as const;
export type WorkerView = (typeof WORKER_VIEWS)[number];

const STATUS_LABEL: Record<WorkerStatus, string> = {
  idle: 'Idle',
  working: 'Working',
  unavailable: 'Unavailable',
  offline: 'Offline',
  draining: 'Draining',
  paused: 'Paused',
};
const STATUS_TONE: Record<WorkerStatus, Tone> = {
  idle: 'ok',
  working: 'info',
  unavailable: 'warn',
  offline: 'error',
  draining: 'orange',
  paused: 'purple',
};
/** Sort order for "status": busy first, then the ones needing attention last. */
const STATUS_ORDER: Record<WorkerStatus, number> = { working: 0, idle: 1, draining: 2, paused: 3, unavailable: 4, offline: 5 };
const SORT_LABEL: Record<WorkerSort, string> = { id: 'Worker id', status: 'Status', cpu: 'CPU', memory: 'Memory', heartbeat: 'Last heartbeat' };
const MIN_CARD = 300;
const GAP = 12;

/** A worker with what the browser derived from it at this moment. */
interface Row {
  w: WorkerInfo;
  status: WorkerStatus;
  /** Seconds since the last heartbeat, or null when never reported. */
  age: number | null;
  /** Why the browser overrode the server's status, if it did. */
  override: string | null;
  index: number;
}

/** used / total; NaN (shown as invalid) when either is not a real size. */
const ratio = (u: { used: number; total: number } | null) =>
  u ? (isValidBytes(u.used) && isValidBytes(u.total) && u.total > 0 ? u.used / u.total : NaN) : null;

function formatRate(bps: number): string {
  const b = formatBytes(bps);
  return b === INVALID ? INVALID : `${b}/s`;
}

/** A figure, or "invalid" with the raw value on hover. */
const shown = (formatted: string, raw: unknown) => safeNumber(formatted, raw);
/** A level for the sparkline colour only when it is a real share. */
const levelOf = (r: number | null) => (r != null && isValidRatio(r) ? r : null);

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
  @state() private columns = 3;

  private readonly byId = new Map<string, WorkerInfo>();
  private readonly history = new Map<string, WorkerHistory>();
  /** Running activities, for the stages under an action in the tree (bounded by what runs). */
  private readonly running = new Map<string, Activity>();
  /** Tree nodes whose expansion the user changed: key → expanded. */
  private readonly expansion = new Map<string, boolean>();
  private hasData = false;
  /** Natural-order rank of every id, recomputed only when the set of workers changes (sorting by rank is cheap). */
  private readonly idRank = new Map<string, number>();
  private rankDirty = true;
  private rows: Row[] = [];
  private counts: Record<WorkerStatus, number> & { all: number } = { idle: 0, working: 0, unavailable: 0, offline: 0, draining: 0, paused: 0, all: 0 };
  private clock = Date.now();
  private vs: ViewState = { phase: 'loading', stale: false, connection: null, reason: null };
  private timer?: ReturnType<typeof setInterval>;
  private resizeObserver?: ResizeObserver;
  private internals: ElementInternals;
  private pendingFocus: string | null = null;

  private readonly live = new LiveClusterController(
    this,
    () => (this.workers !== undefined ? null : { hub: this.effectiveHub, base: this.resolveBase(this.baseUrl) }),
    (batch) => this.applyBatch(batch),
  );

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // One timer for the whole element: heartbeat ages and elapsed times tick once a second.
    this.timer = setInterval(() => {
      if (this.byId.size && globalThis.document?.visibilityState !== 'hidden') this.requestUpdate();
    }, 1000);
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.resizeObserver?.disconnect();
  }

  /** Connect to the feed again now (the Retry button). */
  retry(): void {
    this.live.retry();
  }

  private measure(): void {
    const width = this.getBoundingClientRect().width;
    const min = parseFloat(getComputedStyle(this).getPropertyValue('--worker-board-card-min')) || MIN_CARD;
    const columns = Math.max(1, Math.floor((width + GAP) / (min + GAP)));
    if (columns !== this.columns) this.columns = columns;
  }

  // ── Data in ─────────────────────────────────────────────────────────────────────

  private upsert(w: WorkerInfo): void {
    if (!this.byId.has(w.id)) this.rankDirty = true;
    this.byId.set(w.id, w);
    let h = this.history.get(w.id);
    if (!h) this.history.set(w.id, (h = newHistory()));
    const t = w.lastHeartbeat ?? this.now ?? Date.now();
    const m = w.metrics;
    const values = [m?.cpu ?? NaN, ratio(m?.memory ?? null) ?? NaN, ratio(m?.disk ?? null) ?? NaN, m?.network ? m.network.rxBps + m.network.txBps : NaN];
    const rings = [h.cpu, h.memory, h.disk, h.network];
    const fresh = t - h.lastAt >= MIN_SAMPLE_MS;
    for (let i = 0; i < 4; i++) (fresh ? rings[i].push(values[i]) : rings[i].replaceLast(values[i]));
    if (fresh) h.lastAt = t;
  }

  private forget(id: string): void {
    this.rankDirty = true;
    this.byId.delete(id);
    this.history.delete(id);
  }

  private trackActivity(a: Activity): void {
    if (a.worker && (a.status === 'in_progress' || a.status === 'queued')) this.running.set(a.id, a);
    else this.running.delete(a.id);
  }

  private applyBatch(batch: LiveBatch): void {
    if (batch.reset) {
      this.rankDirty = true;
      this.byId.clear();
      this.history.clear();
      this.running.clear();
      for (const w of batch.reset.workers) this.upsert(w);
      for (const a of batch.reset.activities) this.trackActivity(a);
    }
    for (const e of batch.events) {
      if (e.kind === 'worker') this.upsert(e.data);
      else if (e.kind === 'activity') this.trackActivity(e.data);
      else if (e.kind === 'remove') {
        if (e.data.kind === 'worker') this.forget(e.data.id);
        else if (e.data.kind === 'activity') this.running.delete(e.data.id);
      } else if (e.kind === 'reset') this.applyBatch({ reset: e.data, events: [] });
    }
    this.hasData = true;
  }

  private ingestProperty(list: WorkerInfo[]): void {
    const seen = new Set<string>();
    for (const w of list) {
      seen.add(w.id);
      if (this.byId.get(w.id) !== w) this.upsert(w);
    }
    if (seen.size !== this.byId.size) for (const id of [...this.byId.keys()]) if (!seen.has(id)) this.forget(id);
    this.hasData = true;
  }

  // ── Derivation ──────────────────────────────────────────────────────────────────

  /** Thresholds in seconds; a removed or invalid attribute falls back to the default. */
  private get lateSeconds(): number {
    return typeof this.lateAfter === 'number' && this.lateAfter >= 0 ? this.lateAfter : 15;
  }
  private get lostSeconds(): number {
    return typeof this.lostAfter === 'number' && this.lostAfter >= 0 ? this.lostAfter : 60;
  }

  /** Heartbeat age judged here, against this page's thresholds, whatever the server last said. */
  private derive(w: WorkerInfo, now: number): Omit<Row, 'index'> & { index?: number } {
    if (w.lastHeartbeat == null) return { w, status: w.status, age: null, override: null };
    const age = Math.max(0, (now - w.lastHeartbeat) / 1000);
    const lost = this.lostSeconds;
    const late = this.lateSeconds;
    if (age >= lost && w.status !== 'offline')
      return { w, status: 'offline', age, override: `No heartbeat for ${formatDuration(age * 1000)} (lost after ${lost} s)` };
    if (age >= late && w.status !== 'offline' && w.status !== 'unavailable')
      return { w, status: 'unavailable', age, override: `No heartbeat for ${formatDuration(age * 1000)} (late after ${late} s)` };
    return { w, status: w.status, age, override: null };
  }

  private matchesSearch(w: WorkerInfo, terms: string[]): boolean {
    for (const term of terms) {
      const sep = term.search(/[:=]/);
      const entries = Object.entries(w.platform ?? {});
      if (sep > 0) {
        const k = term.slice(0, sep);
        const v = term.slice(sep + 1);
        if (!entries.some(([ek, ev]) => ek.toLowerCase().includes(k) && String(ev).toLowerCase().includes(v))) return false;
      } else if (
        !w.id.toLowerCase().includes(term) &&
        !entries.some(([ek, ev]) => ek.toLowerCase().includes(term) || String(ev).toLowerCase().includes(term))
      ) {
        return false;
      }
    }
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('workers') && this.workers !== undefined) this.ingestProperty(this.workers);
    if (changed.has('workers') && this.workers === undefined && changed.get('workers') !== undefined) {
      this.byId.clear();
      this.history.clear();
      this.hasData = false;
    }
    this.clock = this.now ?? Date.now();
    if (this.rankDirty) {
      const ids = [...this.byId.keys()].sort(collator.compare);
      this.idRank.clear();
      ids.forEach((id, i) => this.idRank.set(id, i));
      this.rankDirty = false;
    }
    const terms = this.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const counts = { idle: 0, working: 0, unavailable: 0, offline: 0, draining: 0, paused: 0, all: 0 };
    const rows: Row[] = [];
    for (const w of this.byId.values()) {
      if (terms.length && !this.matchesSearch(w, terms)) continue;
      const r = this.derive(w, this.clock);
      counts[r.status]++;
      counts.all++;
      if (this.statusFilter && r.status !== this.statusFilter) continue;
      (r as Row).index = 0;
      rows.push(r as Row);
    }
    rows.sort(this.comparator());
    rows.forEach((r, i) => (r.index = i));
    this.rows = rows;
    this.counts = counts;
    this.vs = clusterViewState(this.workers !== undefined, this.hasData, this.live);
    setViewStates(this.internals.states, this.vs, this.byId.size === 0);
  }

  private comparator(): (a: Row, b: Row) => number {
    const rank = this.idRank;
    const byId = (a: Row, b: Row) => rank.get(a.w.id)! - rank.get(b.w.id)!;
    // Missing values ("not reported") sort last whatever the direction.
    const desc = (f: (r: Row) => number | null) => (a: Row, b: Row) => {
      const x = f(a);
      const y = f(b);
      if (x == null && y == null) return byId(a, b);
      if (x == null) return 1;
      if (y == null) return -1;
      return y - x || byId(a, b);
    };
    switch (this.sort) {
      case 'status':
        return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byId(a, b);
      case 'cpu':
        return desc((r) => r.w.metrics?.cpu ?? null);
      case 'memory':
        return desc((r) => ratio(r.w.metrics?.memory ?? null));
      case 'heartbeat':
        return desc((r) => r.w.lastHeartbeat);
      default:
        return byId;
    }
  }

  // ── Interaction ─────────────────────────────────────────────────────────────────

  private onSearch(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
  }

  private setFilter(s: WorkerStatus | null): void {
    this.statusFilter = this.statusFilter === s ? null : s;
  }

  private setSort(s: WorkerSort): void {
    this.sort = s;
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

  private onTreeKeydown = (e: KeyboardEvent) =>
    handleTreeKeydown(e, (item, expand) => this.toggleNode(item.dataset.key!, Number(item.getAttribute('aria-level')), expand));

  /** Arrow keys between cards (Left/Right one, Up/Down a row), Home/End; PageUp/Down in the table. */
  private onGridKeydown(e: KeyboardEvent): void {
    const from = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!from || (e.target as HTMLElement).closest('[role="tree"]')) return;
    const i = Number(from.dataset.index);
    const cols = this.view === 'cards' ? this.columns : 1;
    const last = this.rows.length - 1;
    const page = 10;
    let to: number;
    switch (e.key) {
      case 'ArrowRight':
        if (this.view !== 'cards') return;
        to = i + 1;
        break;
      case 'ArrowLeft':
        if (this.view !== 'cards') return;
        to = i - 1;
        break;
      case 'ArrowDown':
        to = i + cols;
        break;
      case 'ArrowUp':
        to = i - cols;
        break;
      case 'PageDown':
        to = i + cols * page;
        break;
      case 'PageUp':
        to = i - cols * page;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = last;
        break;
      default:
        return;
    }
    e.preventDefault();
    void this.focusIndex(Math.max(0, Math.min(last, to)));
  }

  /** Focus the worker at a position in the current order, scrolling the virtual list to it. */
  async focusIndex(index: number): Promise<void> {
    const row = this.rows[index];
    if (!row) return;
    const sel = `[data-worker-id="${CSS.escape(row.w.id)}"] .wid`;
    let target = this.renderRoot.querySelector<HTMLElement>(sel);
    if (!target) {
      const host = this.renderRoot.querySelector<VirtualizerHostElement>('.virtual');
      const v = host?.[virtualizerRef];
      v?.element(this.view === 'cards' ? Math.floor(index / this.columns) : index)?.scrollIntoView({ block: 'nearest' });
      for (let tries = 0; tries < 10 && !target; tries++) {
        await new Promise((r) => requestAnimationFrame(r));
        target = this.renderRoot.querySelector<HTMLElement>(sel);
      }
    }
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
  }

  protected override updated(): void {
    if (this.pendingFocus) {
      const key = this.pendingFocus;
      this.pendingFocus = null;
      const item = this.renderRoot.querySelector<HTMLElement>(`[role="treeitem"][data-key="${CSS.escape(key)}"]`);
      if (item) {
        item.closest('[role="tree"]')?.querySelectorAll<HTMLElement>('[role="treeitem"]').forEach((it) => (it.tabIndex = -1));
        item.tabIndex = 0;
        item.focus();
      }
    }
  }

  // ── Rendering ───────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const vs = this.vs;
    return html`
      ${this.renderToolbar()}
      ${renderStaleBanner(vs, this.live.status?.lastEventAt ?? null, this.clock, 'workers')} ${renderFeedNotices(this.live.status)}
      ${vs.phase === 'loading'
        ? this.renderSkeleton()
        : vs.phase === 'error'
          ? renderError('workers', vs.reason, () => this.retry(), this.live.address, this.settingsHref)
          : this.byId.size === 0
            ? renderEmpty('No workers', 'No worker has registered with the scheduler yet.')
            : this.rows.length === 0
              ? renderEmpty('No matching workers', 'Change the search or the status filter.')
              : this.view === 'table'
                ? this.renderTable()
                : this.renderCards()}
    `;
  }

  private renderToolbar(): TemplateResult {
    const c = this.counts;
    const ready = this.vs.phase === 'ready';
    return html`
      <div class="toolbar" part="toolbar">
        <input
          type="search"
          aria-label="Search workers by id or platform property"
          placeholder="Search id or property (OSFamily:linux)"
          .value=${this.query}
          @input=${this.onSearch}
        />
        <label class="sort">
          <span class="dim">Sort</span>
          <select aria-label="Sort workers by" .value=${this.sort} @change=${(e: Event) => this.setSort((e.target as HTMLSelectElement).value as WorkerSort)}>
            ${WORKER_SORTS.map((s) => html`<option value=${s} ?selected=${s === this.sort}>${SORT_LABEL[s]}</option>`)}
          </select>
        </label>
        <span class="grow"></span>
        <div class="segmented" role="group" aria-label="Layout">
          <button type="button" aria-pressed=${this.view === 'cards'} @click=${() => (this.view = 'cards')}>Cards</button>
          <button type="button" aria-pressed=${this.view === 'table'} @click=${() => (this.view = 'table')}>Table</button>
        </div>
        ${renderConnection(this.vs.connection)}
      </div>
      <div class="summary" part="summary" role="group" aria-label="Filter by status">
        <button type="button" class="count" aria-pressed=${this.statusFilter === null} @click=${() => (this.statusFilter = null)} ?disabled=${!ready}>
          <span class="n">${ready ? c.all : '–'}</span><span class="l">All</span>
        </button>
        ${WORKER_STATUSES.map(
          (s) => html`<button
            type="button"
            class="count"
            data-status=${s}
            data-tone=${STATUS_TONE[s]}
            aria-pressed=${this.statusFilter === s}
            ?disabled=${!ready}
            @click=${() => this.setFilter(s)}
          >
            <span class="n">${ready ? c[s] : '–'}</span><span class="l"><span class="dot" aria-hidden="true"></span>${STATUS_LABEL[s]}</span>
          </button>`,
        )}
      </div>
    `;
  }

  private renderSkeleton(): TemplateResult {
    return html`<div class="cards skeleton-cards" aria-busy="true" aria-label="Loading workers" role="status">
      ${[0, 1, 2, 3, 4, 5].map(
        () => html`<div class="card">
          <span class="skeleton" style="width:45%"></span>
          <span class="skeleton" style="width:70%"></span>
          <span class="skeleton" style="width:90%;height:2.4em"></span>
          <span class="skeleton" style="width:60%"></span>
        </div>`,
      )}
    </div>`;
  }

  private statusBadge(r: Row): TemplateResult {
    const sub = r.status === 'working' && r.w.subStatus ? r.w.subStatus : null;
    return html`<span class="badge status" part="status" data-tone=${STATUS_TONE[r.status]} title=${r.override ?? ''}
      ><span class="dot" aria-hidden="true"></span>${STATUS_LABEL[r.status]}${sub
        ? html`<span class="sub"> · ${safeText(sub[0].toUpperCase() + sub.slice(1), 40)}</span>`
        : nothing}</span
    >`;
  }

  private metric(label: string, value: unknown, detail: unknown, spark: ReturnType<typeof sparkline>, level: number | null): TemplateResult {
    const missing = value === null;
    return html`<div class="metric" part="metric" data-metric=${label.toLowerCase()} ?data-missing=${missing}>
      <span class="mlabel">${label}</span>
      <span class="mvalue">${missing ? html`<span class="nr">not reported</span>` : value}</span>
      ${detail ? html`<span class="mdetail dim">${detail}</span>` : nothing}
      <span class="mspark" data-level=${level == null ? nothing : level > 0.9 ? 'high' : level > 0.7 ? 'mid' : 'low'}>${spark}</span>
    </div>`;
  }

  private metrics(r: Row): TemplateResult[] {
    const m = r.w.metrics ?? { cpu: null, memory: null, disk: null, network: null };
    const h = this.history.get(r.w.id) ?? newHistory();
    const mem = ratio(m.memory);
    const disk = ratio(m.disk);
    return [
      this.metric('CPU', m.cpu == null ? null : shown(formatPercent(m.cpu), m.cpu), null, sparkline(h.cpu, 1, 'cpu'), levelOf(m.cpu)),
      this.metric('Memory', mem == null ? null : shown(formatPercent(mem), `${m.memory!.used} / ${m.memory!.total}`), m.memory ? html`${shown(formatBytes(m.memory.used), m.memory.used)} / ${shown(formatBytes(m.memory.total), m.memory.total)}` : null, sparkline(h.memory, 1, 'memory'), levelOf(mem)),
      this.metric('Disk', disk == null ? null : shown(formatPercent(disk), `${m.disk!.used} / ${m.disk!.total}`), m.disk ? html`${shown(formatBytes(m.disk.used), m.disk.used)} / ${shown(formatBytes(m.disk.total), m.disk.total)}` : null, sparkline(h.disk, 1, 'disk'), levelOf(disk)),
      this.metric('Network', m.network ? shown(isValidBytes(m.network.rxBps) && isValidBytes(m.network.txBps) ? formatRate(m.network.rxBps + m.network.txBps) : INVALID, `↓ ${m.network.rxBps} ↑ ${m.network.txBps}`) : null, m.network ? html`↓ ${shown(formatRate(m.network.rxBps), m.network.rxBps)} · ↑ ${shown(formatRate(m.network.txBps), m.network.txBps)}` : null, sparkline(h.network, null, 'network'), null),
    ];
  }

  private heartbeat(r: Row): TemplateResult {
    const hb = r.w.lastHeartbeat;
    return html`<span class="hb" part="heartbeat" data-late=${r.override ? 'true' : 'false'}>
      ${hb == null
        ? html`<span class="nr">not reported</span>`
        : isValidTime(hb) && formatDuration(r.age! * 1000) !== INVALID
          ? html`<time datetime=${safeIso(hb)} title=${formatDateTime(hb)}>${formatDuration(r.age! * 1000)} ago</time>`
          : shown(INVALID, hb)}
    </span>`;
  }

  private platform(w: WorkerInfo): TemplateResult {
    const entries = Object.entries(w.platform ?? {});
    if (!entries.length) return html`<span class="nr" part="platform">no platform properties</span>`;
    return html`<ul class="platform" part="platform" aria-label="Platform properties">
      ${entries.map(([k, v]) => html`<li><span class="k">${safeText(k, 60)}</span><span class="v">${safeText(v, 120)}</span></li>`)}
    </ul>`;
  }

  private stagesOf(a: AssignedAction): { name: string; startedAt: number; endedAt: number | null }[] {
    const act = this.running.get(a.id);
    if (act?.stages?.length) return act.stages;
    return [{ name: a.stage, startedAt: a.startedAt, endedAt: null }];
  }

  /** Worker → action → stage. Stage times are in ms under a second, as the activity's details show them ("0s" said nothing). */
  private actionTree(r: Row): TemplateResult {
    const w = r.w;
    const actions = w.actions ?? [];
    if (!actions.length) return html`<p class="no-actions dim" part="actions">No assigned actions</p>`;
    const wKey = w.id;
    const open = this.isExpanded(wKey, 1);
    const now = this.clock;
    return html`<ul role="tree" class="tree" part="actions" aria-label=${`Actions assigned to ${w.id}`} @keydown=${this.onTreeKeydown}>
      <li role="treeitem" aria-level="1" aria-expanded=${open} tabindex="0" data-key=${wKey}>
        <div class="node" @click=${() => this.toggleNode(wKey, 1, null)}>
          <span class="twisty" aria-hidden="true">▶</span>
          <span class="node-title">${actions.length} assigned action${actions.length === 1 ? '' : 's'}</span>
        </div>
        ${open
          ? html`<ul role="group">
              ${repeat(
                actions,
                (a) => a.id,
                (a) => {
                  const aKey = `${wKey}/${a.id}`;
                  const aOpen = this.isExpanded(aKey, 2);
                  const stages = this.stagesOf(a);
                  return html`<li role="treeitem" aria-level="2" aria-expanded=${aOpen} tabindex="-1" data-key=${aKey}>
                    <div class="node" @click=${() => this.toggleNode(aKey, 2, null)}>
                      <span class="twisty" aria-hidden="true">▶</span>
                      <span class="node-title" title=${a.id}>${safeText(a.title || a.id, 120)}</span>
                      <span class="stage">${safeText(a.stage, 40)}</span>
                      <span class="elapsed">${formatDuration(now - a.startedAt)}</span>
                    </div>
                    ${aOpen
                      ? html`<ul role="group">
                          ${stages.map(
                            (s) => html`<li role="treeitem" aria-level="3" tabindex="-1" data-key=${`${aKey}/${s.name}`}>
                              <div class="node">
                                <span class="twisty" aria-hidden="true">${s.endedAt == null ? '●' : '✓'}</span>
                                <span class="node-title">${safeText(s.name, 120)}</span>
                                <span class="elapsed">${formatStageDuration((s.endedAt ?? now) - s.startedAt)}</span>
                              </div>
                            </li>`,
                          )}
                        </ul>`
                      : nothing}
                  </li>`;
                },
              )}
            </ul>`
          : nothing}
      </li>
    </ul>`;
  }

  private idButton(w: WorkerInfo): TemplateResult {
    return html`<button type="button" class="wid" part="worker-id" @click=${() => this.select(w.id)}>${safeText(w.id, 80)}</button>`;
  }

  private renderCard(r: Row): TemplateResult {
    return html`<article class="card" part="card" data-worker-id=${r.w.id} data-index=${r.index} data-status=${r.status} aria-label=${`Worker ${r.w.id}`}>
      <header>
        ${this.idButton(r.w)} ${this.statusBadge(r)}
      </header>
      ${r.override ? html`<p class="override">${r.override}</p>` : nothing}
      <div class="metrics">${this.metrics(r)}</div>
      <div class="line"><span class="dim">Last heartbeat</span> ${this.heartbeat(r)}</div>
      ${this.platform(r.w)}
      ${this.actionTree(r)}
    </article>`;
  }

  private renderCards(): TemplateResult {
    const cols = this.columns;
    const chunks: Row[][] = [];
    for (let i = 0; i < this.rows.length; i += cols) chunks.push(this.rows.slice(i, i + cols));
    return html`<div class="cards-list virtual" role="list" aria-label="Workers" @keydown=${this.onGridKeydown} style=${`--cols:${cols}`}>
      ${virtualize({
        items: chunks,
        keyFunction: (_row: Row[], i: number) => i,
        renderItem: (row: Row[]) =>
          html`<div class="card-row" role="none">${repeat(row, (r) => r.w.id, (r) => html`<div role="listitem" class="cell">${this.renderCard(r)}</div>`)}</div>`,
      })}
    </div>`;
  }

  private sortHeader(key: WorkerSort | null, label: string): TemplateResult {
    if (!key) return html`<div role="columnheader" class="th">${label}</div>`;
    const active = this.sort === key;
    return html`<div role="columnheader" class="th" aria-sort=${active ? (key === 'id' || key === 'status' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="th-btn" @click=${() => this.setSort(key)}>${label}${active ? html`<span aria-hidden="true"> ${key === 'id' || key === 'status' ? '↑' : '↓'}</span>` : nothing}</button>
    </div>`;
  }

  private renderTable(): TemplateResult {
    return html`<div class="table" part="table" role="table" aria-label="Workers" aria-rowcount=${this.rows.length + 1} @keydown=${this.onGridKeydown}>
      <div role="rowgroup" class="thead">
        <div role="row" class="tr" aria-rowindex="1">
          ${this.sortHeader('id', 'Worker')} ${this.sortHeader('status', 'Status')} ${this.sortHeader('cpu', 'CPU')}
          ${this.sortHeader('memory', 'Memory')} ${this.sortHeader(null, 'Disk')} ${this.sortHeader(null, 'Network')}
          ${this.sortHeader(null, 'Actions')} ${this.sortHeader('heartbeat', 'Heartbeat')} ${this.sortHeader(null, 'Platform')}
        </div>
      </div>
      <div role="rowgroup" class="tbody virtual">
        ${virtualize({
          items: this.rows,
          keyFunction: (r: Row) => r.w.id,
          renderItem: (r: Row) => {
            const [cpu, mem, disk, net] = this.metrics(r);
            return html`<div role="row" class="tr" part="row" data-worker-id=${r.w.id} data-index=${r.index} data-status=${r.status} aria-rowindex=${r.index + 2}>
              <div role="cell" class="td">${this.idButton(r.w)}</div>
              <div role="cell" class="td">${this.statusBadge(r)}</div>
              <div role="cell" class="td">${cpu}</div>
              <div role="cell" class="td">${mem}</div>
              <div role="cell" class="td">${disk}</div>
              <div role="cell" class="td">${net}</div>
              <div role="cell" class="td">${this.actionTree(r)}</div>
              <div role="cell" class="td">${this.heartbeat(r)}</div>
              <div role="cell" class="td">${this.platform(r.w)}</div>
            </div>`;
          },
        })}
      </div>
    </div>`;
  }
}
