import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from '../shared/repeat.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { controls, tokens, type Tone } from '../../styles/tokens.js';
import { formatBytes, formatCount, formatPercent, INVALID, isValidBytes } from '../shared/format.js';
import { safeNumber, safeText, safeTextStyles } from '../shared/safe-text.js';
import { feedNoticeStyles, renderFeedNotices } from '../shared/feed-notices.js';
import type { StoreInfo, StoreStatus } from '../../streams/models.js';
import { renderAnnouncer, renderConnection, renderEmpty, renderError, renderStaleBanner } from '../shared/cluster/cluster-panels.js';
import { loadErrorState } from '../shared/error-panel.js';
import { clusterStyles } from '../shared/cluster/cluster-styles.js';
import { LiveClusterController, type LiveBatch } from '../shared/cluster/live-cluster-controller.js';
import { handleTreeKeydown } from '../shared/cluster/tree-keys.js';
import { collator, clusterViewState, setViewStates, StaleAnnouncer, syncGivenItems, type ViewState } from '../shared/cluster/view-state.js';
import { StoreToggleEvent } from './storage-overview.events.js';
import { styles } from './storage-overview.styles.js';

const STATUS_LABEL: Record<StoreStatus, string> = { ok: 'OK', degraded: 'Degraded', offline: 'Offline' };
const STATUS_TONE: Record<StoreStatus, Tone> = { ok: 'ok', degraded: 'warn', offline: 'error' };

/**
 * A store that makes room by itself (an LRU memory tier, Redis with an allkeys-… policy) runs
 * near its limit by design: its bar does not turn amber or red for it (its evictions say more).
 */
const evicts = (s: StoreInfo) => /^(?!noeviction|volatile-)./i.test(String(s.config?.evictionPolicy ?? s.config?.policy ?? ''));
const KIND_LABEL: Record<string, string> = { cas: 'CAS', ac: 'Action cache', fast_slow: 'fast/slow', filesystem: 'filesystem', memory: 'memory' };

const count = new Intl.NumberFormat(undefined);

interface Node {
  store: StoreInfo;
  children: Node[];
  level: number;
}

/**
 * Every store the cluster uses — the CAS and the action cache, with their nested tiers
 * (memory in front of filesystem, and so on) as a tree: kind, configuration summary, usage
 * against the limit, entries, hit rate, evictions and status, updated live.
 *
 * @summary Storage status overview as a keyboard-operable tree.
 *
 * @event store-toggle - A store's tiers were shown or hidden. `detail: { id, expanded }`.
 *
 * @csspart toolbar - The totals and connection bar.
 * @csspart tree - The store tree.
 * @csspart store - One store's row.
 * @csspart status - A store's status badge.
 * @csspart usage - The usage bar (role=meter) and its text.
 * @csspart config - The configuration summary.
 * @csspart connection - The connection pill.
 * @csspart stale-banner - The banner shown while the feed is not live.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart unreadable - The notice that N records could not be read (with the first reason).
 * @csspart reset-notice - The notice that the view was rebuilt from a fresh snapshot, and why.
 * @csspart proxy-notice - The notice that a buffering proxy forced polling.
 *
 * @cssproperty --storage-overview-bar-color - Fill of the usage bar below 70 %.
 * @cssproperty --storage-overview-bar-track - Track of the usage bar.
 * @cssproperty --storage-overview-row-bg - Background of a top-level store.
 *
 * @cssstate loading - No data yet.
 * @cssstate empty - Data arrived and there are no stores.
 * @cssstate error - The feed failed before any data arrived.
 * @cssstate stale - Data is shown but the feed is reconnecting / offline.
 * @cssstate live - The feed is live.
 */
export class StorageOverview extends TelltaleElement {
  static override styles = [tokens, controls, clusterStyles, safeTextStyles, feedNoticeStyles, styles];

  /** Base URL of the live protocol; default: the settings' backend address, else the page origin. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Stores given directly (stories, other sources). When set, the hub is not used. */
  @property({ attribute: false }) stores?: StoreInfo[];

  private readonly byId = new Map<string, StoreInfo>();
  /** The error panel, fetched after the first paint (a plain one until then). */
  private readonly errorPart = this.lazyPart('error-state', loadErrorState);
  private readonly collapsed = new Set<string>();
  private hasData = false;
  private roots: Node[] = [];
  private vs: ViewState = { phase: 'loading', stale: false, connection: null, reason: null };
  private internals: ElementInternals;
  /** The live region's text: changes once per connection change (see StaleAnnouncer). */
  private readonly announcer = new StaleAnnouncer('stores');
  private announcement = '';
  private pendingFocus: string | null = null;

  private readonly live = new LiveClusterController(
    this,
    () => (this.stores !== undefined ? null : { hub: this.effectiveHub, base: this.resolveBase(this.baseUrl) }),
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

  private applyBatch(batch: LiveBatch): void {
    if (batch.reset) {
      this.byId.clear();
      for (const s of batch.reset.stores) this.byId.set(s.id, s);
    }
    for (const e of batch.events) {
      if (e.kind === 'store') this.byId.set(e.data.id, e.data);
      else if (e.kind === 'remove' && e.data.kind === 'store') this.byId.delete(e.data.id);
      else if (e.kind === 'reset') this.applyBatch({ reset: e.data, events: [] });
    }
    this.hasData = true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.hasData = syncGivenItems(this.byId, this.stores, { changed: changed.has('stores'), previous: changed.get('stores') }, this.hasData);
    this.roots = this.buildTree();
    this.vs = clusterViewState(this.stores !== undefined, this.hasData, this.live);
    this.announcement = this.announcer.next(this.vs);
    setViewStates(this.internals, this.vs, this.byId.size === 0);
  }

  /** Nest by `parent`; a store whose parent is unknown (or a cycle) is shown at the top. */
  private buildTree(): Node[] {
    const children = new Map<string, StoreInfo[]>();
    const tops: StoreInfo[] = [];
    for (const s of this.byId.values()) {
      if (s.parent && s.parent !== s.id && this.byId.has(s.parent)) {
        const list = children.get(s.parent) ?? [];
        list.push(s);
        children.set(s.parent, list);
      } else tops.push(s);
    }
    const placed = new Set<string>();
    const build = (s: StoreInfo, level: number): Node => {
      placed.add(s.id);
      const kids = (children.get(s.id) ?? []).filter((c) => !placed.has(c.id));
      return { store: s, level, children: kids.map((c) => build(c, level + 1)) };
    };
    const order = (a: StoreInfo, b: StoreInfo) => collator.compare(a.id, b.id);
    const roots = tops.sort(order).map((s) => build(s, 1));
    // Stores caught in a parent cycle were never reached from a top: show them at the top.
    for (const s of this.byId.values()) if (!placed.has(s.id)) roots.push(build(s, 1));
    return roots;
  }

  private toggle(id: string, expand: boolean | null): void {
    const open = !this.collapsed.has(id);
    const next = expand ?? !open;
    if (next === open) return;
    if (next) this.collapsed.delete(id);
    else this.collapsed.add(id);
    this.pendingFocus = id;
    this.requestUpdate();
    this.dispatchEvent(new StoreToggleEvent({ id, expanded: next }));
  }

  private onKeydown = (e: KeyboardEvent) => handleTreeKeydown(e, (item, expand) => this.toggle(item.dataset.key!, expand));

  protected override updated(): void {
    if (!this.pendingFocus) return;
    const item = this.renderRoot.querySelector<HTMLElement>(`[role="treeitem"][data-key="${CSS.escape(this.pendingFocus)}"]`);
    this.pendingFocus = null;
    if (!item) return;
    this.renderRoot.querySelectorAll<HTMLElement>('[role="treeitem"]').forEach((it) => (it.tabIndex = -1));
    item.tabIndex = 0;
    item.focus();
  }

  protected override render(): TemplateResult {
    const vs = this.vs;
    return html`
      ${this.renderToolbar()} ${renderAnnouncer(this.announcement)} ${renderStaleBanner(vs, this.live.status?.lastEventAt ?? null, Date.now(), 'stores')} ${renderFeedNotices(this.live.status)}
      ${vs.phase === 'loading'
        ? this.renderSkeleton()
        : vs.phase === 'error'
          ? renderError(this.errorPart, 'stores', vs.reason, () => this.retry(), this.live.address, this.settingsHref)
          : this.byId.size === 0
            ? renderEmpty('No stores', 'The cluster has not reported any store yet.')
            : this.renderTree()}
    `;
  }

  private renderToolbar(): TemplateResult {
    const tops = this.roots.map((n) => n.store);
    const degraded = [...this.byId.values()].filter((s) => s.status !== 'ok').length;
    return html`<div class="toolbar" part="toolbar">
      ${this.vs.phase === 'ready'
        ? html`<div class="totals dim">
            <span><b>${this.byId.size}</b> store${this.byId.size === 1 ? '' : 's'}</span>
            <span><b>${tops.length}</b> top-level</span>
            <span><b>${safeNumber(formatBytes(tops.reduce((a, s) => a + s.usedBytes, 0)), 'a top-level store reports an invalid size')}</b> used at the top level</span>
            ${degraded ? html`<span><b>${degraded}</b> not OK</span>` : nothing}
          </div>`
        : nothing}
      <span class="grow"></span>
      ${renderConnection(this.vs.connection)}
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<div class="skeleton-rows" role="status" aria-busy="true" aria-label="Loading stores">
      ${[0, 1, 2, 3].map(
        () => html`<div>
          <span class="skeleton" style="width:60%"></span><span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span
          ><span class="skeleton"></span>
        </div>`,
      )}
    </div>`;
  }

  private renderTree(): TemplateResult {
    return html`<ul class="stores" role="tree" part="tree" aria-label="Stores" @keydown=${this.onKeydown}>
      ${repeat(
        this.roots,
        (n) => n.store.id,
        (n, i) => this.renderNode(n, i === 0),
      )}
    </ul>`;
  }

  private usage(s: StoreInfo): TemplateResult {
    if (s.limitBytes == null || !(s.limitBytes > 0)) {
      return html`<div class="usage" part="usage">
        <div class="text"><span><b>${safeNumber(formatBytes(s.usedBytes), s.usedBytes)}</b> used</span><span class="nr">no limit</span></div>
      </div>`;
    }
    const r = isValidBytes(s.usedBytes) && isValidBytes(s.limitBytes) ? s.usedBytes / s.limitBytes : NaN;
    const pct = Number.isFinite(r) ? Math.round(Math.min(1, r) * 100) : 0;
    return html`<div class="usage" part="usage">
      <div class="text">
        <span><b>${safeNumber(formatBytes(s.usedBytes), s.usedBytes)}</b> of ${safeNumber(formatBytes(s.limitBytes), s.limitBytes)}</span
        ><span>${safeNumber(formatPercent(r), `${s.usedBytes} / ${s.limitBytes}`)}</span>
      </div>
      <div
        class="bar"
        role="meter"
        aria-label=${`${s.name} usage`}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${pct}
        aria-valuetext=${`${formatBytes(s.usedBytes)} of ${formatBytes(s.limitBytes)} (${formatPercent(r)})`}
        data-level=${evicts(s) ? 'low' : r > 0.9 ? 'high' : r > 0.75 ? 'mid' : 'low'}
      >
        <span style=${`width:${pct}%`}></span>
      </div>
    </div>`;
  }

  private renderNode(n: Node, first: boolean): TemplateResult {
    const s = n.store;
    const hasKids = n.children.length > 0;
    const open = hasKids && !this.collapsed.has(s.id);
    const traffic = s.hits + s.misses;
    const config = Object.entries(s.config ?? {});
    return html`<li
      role="treeitem"
      aria-level=${n.level}
      aria-expanded=${hasKids ? String(open) : nothing}
      tabindex=${first ? 0 : -1}
      data-key=${s.id}
      data-store-id=${s.id}
    >
      <div class="node store" part="store" ?data-has-children=${hasKids} @click=${() => hasKids && this.toggle(s.id, null)}>
        <div class="ident">
          <span class="twisty" aria-hidden="true">${hasKids ? '▶' : ''}</span>
          <span class="name"
            ><span class="title">${safeText(s.name, 120)}</span><span class="kind">${safeText(KIND_LABEL[s.kind] ?? s.kind, 40)}</span
            ><span class="badge" part="status" data-tone=${STATUS_TONE[s.status] ?? 'neutral'}>${STATUS_LABEL[s.status] ?? s.status}</span></span
          >
          ${config.length
            ? html`<ul class="config" part="config" aria-label="Configuration">
                ${config.map(([k, v]) => html`<li><span class="k">${safeText(k, 60)}:</span> <span class="v">${safeText(v, 200)}</span></li>`)}
              </ul>`
            : html`<span class="config nr">no configuration reported</span>`}
        </div>
        ${this.usage(s)}
        <div class="stat" data-stat="entries"><span class="l">Entries</span><span class="v">${safeNumber(formatCount(s.entries, count), s.entries)}</span></div>
        <div class="stat" data-stat="hit-rate">
          <span class="l">Hit rate</span>
          ${traffic > 0
            ? html`<span class="v" title=${`${formatCount(s.hits, count)} hits, ${formatCount(s.misses, count)} misses`}
                >${safeNumber(formatCount(s.hits) === INVALID || formatCount(s.misses) === INVALID ? INVALID : formatPercent(s.hits / traffic, 1), `${s.hits} hits, ${s.misses} misses`)}</span
              >`
            : html`<span class="v nr">no traffic yet</span>`}
        </div>
        <div class="stat" data-stat="evictions"><span class="l">Evictions</span><span class="v">${safeNumber(formatCount(s.evictions, count), s.evictions)}</span></div>
      </div>
      ${open
        ? html`<ul role="group">
            ${repeat(
              n.children,
              (c) => c.store.id,
              (c) => this.renderNode(c, false),
            )}
          </ul>`
        : nothing}
    </li>`;
  }
}
