import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from '../shared/repeat.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { ClockController } from '../shared/clock-controller.js';
import { RowFocusController } from '../shared/row-focus-controller.js';
import { controls, tokens, type Tone } from '../../styles/tokens.js';
import { formatBytes, formatCount, formatDateTime, formatDuration, INVALID, isValidTime, safeIso } from '../shared/format.js';
import { safeNumber, safeText, safeTextStyles } from '../shared/safe-text.js';
import { feedNoticeStyles, renderFeedNotices } from '../shared/feed-notices.js';
import { CLIENT_STATUSES, type ClientInfo, type ClientStatus } from '../../streams/models.js';
import { renderAnnouncer, renderConnection, renderEmpty, renderError, renderStaleBanner } from '../shared/cluster/cluster-panels.js';
import { loadErrorState } from '../shared/error-panel.js';
import { clusterStyles } from '../shared/cluster/cluster-styles.js';
import { LiveClusterController, type LiveBatch } from '../shared/cluster/live-cluster-controller.js';
import { collator, clusterViewState, setViewStates, StaleAnnouncer, syncGivenItems, type ViewState } from '../shared/cluster/view-state.js';
import { ClientSelectEvent } from './client-list.events.js';
import { styles } from './client-list.styles.js';

const STATUS_LABEL: Record<ClientStatus, string> = { active: 'Active', idle: 'Idle', disconnected: 'Disconnected' };
const STATUS_TONE: Record<ClientStatus, Tone> = { active: 'ok', idle: 'neutral', disconnected: 'error' };
const STATUS_ORDER: Record<ClientStatus, number> = { active: 0, idle: 1, disconnected: 2 };
/** Activity titles remembered for the "recent activities" column (bounded, oldest dropped). */
const TITLE_CAP = 2000;
const RECENT_SHOWN = 3;

const count = new Intl.NumberFormat(undefined);

/**
 * Every client connected to the cluster: id, address and tool, status, total executions,
 * data transferred, last seen (ticking) and its recent activities. Selecting a client fires
 * `client-select`, which a shell can use to filter `<live-activity client="…">`.
 *
 * @summary Client connection overview with selection.
 *
 * @event client-select - A client was selected or the selection cleared. `detail: { id: string | null }`.
 *
 * @csspart toolbar - The counts, search and connection bar.
 * @csspart table - The client table.
 * @csspart row - One client's row.
 * @csspart client-id - A client's id button (toggles the selection).
 * @csspart status - A client's status badge.
 * @csspart recent - A client's recent activities.
 * @csspart connection - The connection pill.
 * @csspart stale-banner - The banner shown while the feed is not live.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart unreadable - The notice that N records could not be read (with the first reason).
 * @csspart reset-notice - The notice that the view was rebuilt from a fresh snapshot, and why.
 * @csspart proxy-notice - The notice that a buffering proxy forced polling.
 *
 * @cssproperty --client-list-selected-bg - Background of the selected row.
 *
 * @cssstate loading - No data yet.
 * @cssstate empty - Data arrived and there are no clients.
 * @cssstate error - The feed failed before any data arrived.
 * @cssstate stale - Data is shown but the feed is reconnecting / offline.
 * @cssstate live - The feed is live.
 */
export class ClientList extends TelltaleElement {
  static override styles = [tokens, controls, clusterStyles, safeTextStyles, feedNoticeStyles, styles];

  /** Base URL of the live protocol; default: the settings' backend address, else the page origin. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Clients given directly (stories, other sources). When set, the hub is not used. */
  @property({ attribute: false }) clients?: ClientInfo[];

  /** The selected client's id (reflected). */
  @property({ reflect: true }) selected: string | null = null;

  /** The clock (epoch ms) for "last seen"; default the browser's. For tests and replays. */
  @property({ attribute: false }) now?: number;

  @state() query = '';

  private readonly byId = new Map<string, ClientInfo>();
  /** The error panel, fetched after the first paint (a plain one until then). */
  private readonly errorPart = this.lazyPart('error-state', loadErrorState);
  /** Activity id → title, insertion-ordered so the oldest is dropped first. */
  private readonly titles = new Map<string, string>();
  private hasData = false;
  private rows: ClientInfo[] = [];
  private counts: Record<ClientStatus, number> = { active: 0, idle: 0, disconnected: 0 };
  private clock = Date.now();
  private vs: ViewState = { phase: 'loading', stale: false, connection: null, reason: null };
  private internals: ElementInternals;
  /** The live region's text: changes once per connection change (see StaleAnnouncer). */
  private readonly announcer = new StaleAnnouncer('clients');
  private announcement = '';
  /** "Last seen" ticks once a second while there are clients and the page is visible. */
  private readonly ticker = new ClockController(this, { enabled: () => this.byId.size > 0 });
  /** The table is one Tab stop: the active row's id button; Up/Down, Home/End, PageUp/Down move it. */
  private readonly rowFocus = new RowFocusController<string>(this, {
    count: () => this.rows.length,
    keyAt: (i) => this.rows[i].id,
    rowElement: (id) => this.renderRoot.querySelector<HTMLElement>(`tr[data-client-id="${CSS.escape(id)}"] .cid`),
    keyOf: (el) => el.dataset?.clientId,
    reveal: (id) => this.renderRoot.querySelector(`tr[data-client-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' }),
    onActivate: (id) => this.toggle(id),
  });

  private readonly live = new LiveClusterController(
    this,
    () => (this.clients !== undefined ? null : { hub: this.effectiveHub, base: this.resolveBase(this.baseUrl) }),
    (batch) => this.applyBatch(batch),
  );

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  /** Connect to the feed again now (the Retry button). */
  retry(): void {
    this.live.retry();
  }

  private remember(id: string, title: string): void {
    this.titles.delete(id);
    this.titles.set(id, title);
    if (this.titles.size > TITLE_CAP) this.titles.delete(this.titles.keys().next().value!);
  }

  private applyBatch(batch: LiveBatch): void {
    if (batch.reset) {
      this.byId.clear();
      for (const c of batch.reset.clients) this.byId.set(c.id, c);
      for (const a of batch.reset.activities) if (a.client) this.remember(a.id, a.title);
    }
    for (const e of batch.events) {
      if (e.kind === 'client') this.byId.set(e.data.id, e.data);
      else if (e.kind === 'activity' && e.data.client) this.remember(e.data.id, e.data.title);
      else if (e.kind === 'remove' && e.data.kind === 'client') this.byId.delete(e.data.id);
      else if (e.kind === 'reset') this.applyBatch({ reset: e.data, events: [] });
    }
    this.hasData = true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.hasData = syncGivenItems(this.byId, this.clients, { changed: changed.has('clients'), previous: changed.get('clients') }, this.hasData);
    this.clock = this.now ?? Date.now();
    const q = this.query.trim().toLowerCase();
    const counts = { active: 0, idle: 0, disconnected: 0 };
    const rows: ClientInfo[] = [];
    for (const c of this.byId.values()) {
      if (counts[c.status] !== undefined) counts[c.status]++;
      if (q && ![c.id, c.address, c.tool].some((f) => String(f ?? '').toLowerCase().includes(q))) continue;
      rows.push(c);
    }
    // Active first, then most recently seen.
    rows.sort((a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) || b.lastSeen - a.lastSeen || collator.compare(a.id, b.id));
    this.rows = rows;
    this.counts = counts;
    this.vs = clusterViewState(this.clients !== undefined, this.hasData, this.live);
    this.announcement = this.announcer.next(this.vs);
    setViewStates(this.internals, this.vs, this.byId.size === 0);
  }

  /** Select a client (or clear with null) and tell the page. */
  select(id: string | null): void {
    this.selected = id;
    this.dispatchEvent(new ClientSelectEvent({ id }));
  }

  /** The Clear button goes with the selection: focus moves to the client that was selected (else the search). */
  private readonly clearSelection = (): void => {
    const was = this.selected;
    this.select(null);
    const row = was !== null && this.rowFocus.indexOf(was) >= 0 ? was : null;
    if (row !== null) void this.rowFocus.focusKey(row);
    else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input[type="search"]')?.focus());
  };

  private toggle(id: string): void {
    this.select(this.selected === id ? null : id);
  }

  private onRowClick(e: MouseEvent, id: string): void {
    // The id button handles its own click (and Enter / Space).
    if ((e.target as HTMLElement).closest('button')) return;
    this.toggle(id);
  }

  protected override render(): TemplateResult {
    const vs = this.vs;
    return html`
      ${this.renderToolbar()} ${renderAnnouncer(this.announcement)} ${renderStaleBanner(vs, this.live.status?.lastEventAt ?? null, this.clock, 'clients')} ${renderFeedNotices(this.live.status)}
      ${vs.phase === 'loading'
        ? this.renderSkeleton()
        : vs.phase === 'error'
          ? renderError(this.errorPart, 'clients', vs.reason, () => this.retry(), this.live.address, this.settingsHref)
          : this.byId.size === 0
            ? renderEmpty('No clients', 'No client has connected to the cluster yet.')
            : this.rows.length === 0
              ? renderEmpty('No matching clients', 'Change the search.')
              : this.renderTable()}
    `;
  }

  private renderToolbar(): TemplateResult {
    const ready = this.vs.phase === 'ready';
    return html`<div class="toolbar" part="toolbar">
      <input
        type="search"
        aria-label="Search clients by id, address or tool"
        placeholder="Search id, address or tool"
        .value=${this.query}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
      />
      ${ready
        ? html`<div class="counts">
            ${CLIENT_STATUSES.map((s) => html`<span data-count=${s}><b>${this.counts[s]}</b> ${STATUS_LABEL[s].toLowerCase()}</span>`)}
          </div>`
        : nothing}
      <span class="grow"></span>
      ${this.selected
        ? html`<button type="button" @click=${this.clearSelection}>Clear selection (${this.selected})</button>`
        : nothing}
      ${renderConnection(this.vs.connection)}
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<div class="wrap" role="status" aria-busy="true" aria-label="Loading clients">
      <table class="skeleton-table" role="presentation">
        <tbody>
          ${[0, 1, 2, 3].map(
            () => html`<tr>
              ${[40, 55, 30, 20, 45, 30, 60].map((w) => html`<td><span class="skeleton" style=${`width:${w}%`}></span></td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private recent(c: ClientInfo): TemplateResult {
    const recent = c.recent ?? [];
    if (!recent.length) return html`<span class="nr">none yet</span>`;
    const shown = recent.slice(0, RECENT_SHOWN);
    return html`<ul class="recent" part="recent" aria-label=${`Recent activities of ${c.id}`}>
      ${shown.map((id) => {
        const title = this.titles.get(id);
        return html`<li title=${id}>${title ? safeText(title, 80) : html`<span class="mono">${safeText(id, 80)}</span>`}</li>`;
      })}
      ${recent.length > RECENT_SHOWN ? html`<li class="more">+${recent.length - RECENT_SHOWN} more</li>` : nothing}
    </ul>`;
  }

  private renderTable(): TemplateResult {
    const now = this.clock;
    return html`<div class="wrap">
      <table part="table" aria-label="Clients">
        <thead>
          <tr>
            <th scope="col" class="col-client">Client</th>
            <th scope="col" class="col-connection">Connection</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">Executions</th>
            <th scope="col" class="num">Data transferred</th>
            <th scope="col">Last seen</th>
            <th scope="col">Recent activities</th>
          </tr>
        </thead>
        <tbody @keydown=${this.rowFocus.handleKeydown} @focusin=${this.rowFocus.handleFocusIn}>
          ${repeat(
            this.rows,
            (c) => c.id,
            (c) => {
              const sel = this.selected === c.id;
              return html`<tr part="row" data-client-id=${c.id} data-status=${c.status} ?data-selected=${sel} @click=${(e: MouseEvent) => this.onRowClick(e, c.id)}>
                <td>
                  <button type="button" class="cid" part="client-id" aria-pressed=${sel} tabindex=${this.rowFocus.tabIndexFor(c.id)} @click=${() => this.toggle(c.id)}>${safeText(c.id, 80)}</button>
                  <span class="sub">connected ${safeNumber(formatDuration(now - c.connectedAt), c.connectedAt)}</span>
                </td>
                <td><span class="mono">${c.address ? safeText(c.address, 120) : '—'}</span><span class="sub">${c.tool ? safeText(c.tool, 60) : 'unknown tool'}</span></td>
                <td>
                  <span class="badge" part="status" data-tone=${STATUS_TONE[c.status] ?? 'neutral'}
                    ><span class="dot" aria-hidden="true"></span>${STATUS_LABEL[c.status] ?? safeText(c.status, 30)}</span
                  >
                </td>
                <td class="num">${safeNumber(formatCount(c.executions, count), c.executions)}</td>
                <td class="num" data-col="data">
                  <span><span aria-hidden="true">↑ </span>${safeNumber(formatBytes(c.bytesSent), c.bytesSent)}<span class="visually-hidden"> sent</span></span
                  ><span class="sub"><span aria-hidden="true">↓ </span>${safeNumber(formatBytes(c.bytesReceived), c.bytesReceived)}<span class="visually-hidden"> received</span></span>
                </td>
                <td data-col="last-seen">
                  ${isValidTime(c.lastSeen) && formatDuration(now - c.lastSeen) !== INVALID
                    ? html`<time datetime=${safeIso(c.lastSeen)} title=${formatDateTime(c.lastSeen)}>${formatDuration(now - c.lastSeen)} ago</time>`
                    : safeNumber(INVALID, c.lastSeen)}
                </td>
                <td>${this.recent(c)}</td>
              </tr>`;
            },
          )}
        </tbody>
      </table>
    </div>`;
  }
}
