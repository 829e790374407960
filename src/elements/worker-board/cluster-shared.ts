/**
 * What <worker-board>, <storage-overview> and <client-list> share: following the live
 * protocol through the hub, deriving a view phase (loading / error / ready, stale) from the
 * source's status, the connection pill, the state panels, and tree keyboard handling.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Subscription } from 'rxjs';
import type { ClusterSnapshot, LiveEvent } from '../../streams/models.js';
import type { Batch, ConnectionState, HubLike, SourceStatus, StreamSource } from '../../streams/types.js';
import { errorStateStyles, renderErrorState } from '../shared/error-state.js';

export type LiveBatch = Batch<LiveEvent, ClusterSnapshot>;

export interface LiveTarget {
  hub: HubLike;
  base: string;
}

/**
 * Follows `hub.live(base)` while the host is connected and `select()` returns a target.
 * Re-subscribes by itself when the hub or the base changes (checked before each update).
 */
export class LiveClusterController implements ReactiveController {
  status: SourceStatus | null = null;
  /** Why the source could not be opened at all (no hub, a hub that throws). */
  failure: string | null = null;
  /** True once a snapshot (or any batch) arrived since the last subscription. */
  received = false;
  private subs: Subscription[] = [];
  private connected = false;
  private current: LiveTarget | null = null;
  private source: StreamSource<LiveEvent, ClusterSnapshot> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly select: () => LiveTarget | null,
    private readonly onBatch: (batch: LiveBatch) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.resubscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.release();
  }

  hostUpdate(): void {
    if (!this.connected) return;
    let next: LiveTarget | null;
    try {
      next = this.select();
    } catch {
      next = null;
    }
    if (next?.hub !== this.current?.hub || next?.base !== this.current?.base) this.resubscribe();
  }

  get active(): boolean {
    return this.subs.length > 0;
  }

  /** The live feed's address (for the error state). */
  get address(): string | null {
    return this.current ? `${this.current.base.replace(/\/+$/, '')}/live` : null;
  }

  /** Connect again now (Retry): the source reconnects without waiting out its backoff. */
  retry(): void {
    if (this.source?.retry) this.source.retry();
    else this.resubscribe();
  }

  private release(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
    this.current = null;
    this.source = null;
  }

  resubscribe(): void {
    this.release();
    this.status = null;
    this.failure = null;
    this.received = false;
    if (!this.connected) return;
    let target: LiveTarget | null;
    try {
      target = this.select();
      if (!target) return;
      this.current = target;
      const source = target.hub.live(target.base);
      this.source = source;
      this.subs.push(
        source.status$.subscribe((s) => {
          this.status = s;
          this.host.requestUpdate();
        }),
      );
      this.subs.push(
        source.batches$.subscribe({
          next: (batch) => {
            this.received = true;
            this.onBatch(batch);
            this.host.requestUpdate();
          },
          error: (err) => {
            this.failure = err instanceof Error ? err.message : String(err);
            this.host.requestUpdate();
          },
        }),
      );
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      this.host.requestUpdate();
    }
  }
}

export type Phase = 'loading' | 'error' | 'ready';

export interface ViewState {
  phase: Phase;
  /** Data is shown but the feed is not live (reconnecting, offline, error after data). */
  stale: boolean;
  /** The connection state to show, null in property mode. */
  connection: ConnectionState | null;
  reason: string | null;
}

/**
 * Derive what to show from the data we hold and the source's status. With no data yet, a
 * failed attempt is the error state at once (with Retry), also while the hub keeps retrying:
 * a wrong address must not look like a page that is still loading.
 */
export function viewState(hasData: boolean, status: SourceStatus | null, failure: string | null): ViewState {
  const connection = failure ? 'error' : (status?.state ?? null);
  const reason = failure ?? status?.reason ?? null;
  if (!hasData) {
    if (connection === 'error' || connection === 'offline' || connection === 'reconnecting') return { phase: 'error', stale: false, connection, reason };
    return { phase: 'loading', stale: false, connection, reason };
  }
  const stale = connection === 'reconnecting' || connection === 'offline' || connection === 'error';
  return { phase: 'ready', stale, connection, reason };
}

/**
 * Property mode (`.stores`, `.clients` given directly): a new list replaces what is held, and
 * removing the property clears it so that the live feed takes over. Returns whether data is held.
 */
export function syncGivenItems<T extends { id: string }>(
  byId: Map<string, T>,
  given: readonly T[] | undefined,
  change: { changed: boolean; previous: unknown },
  hasData: boolean,
): boolean {
  if (!change.changed) return hasData;
  if (given !== undefined) {
    byId.clear();
    for (const x of given) byId.set(x.id, x);
    return true;
  }
  if (change.previous !== undefined) {
    byId.clear();
    return false;
  }
  return hasData;
}

/** What to show: data given by property is always ready; else derive it from the live feed. */
export function clusterViewState(given: boolean, hasData: boolean, live: LiveClusterController): ViewState {
  if (given) return { phase: 'ready', stale: false, connection: null, reason: null };
  return viewState(hasData && live.received, live.status, live.failure);
}

/** Mirror a view state into the element's custom states (`:state(loading)` and the others). */
export function setViewStates(states: CustomStateSet, v: ViewState, empty: boolean): void {
  const set = (name: string, on: boolean) => (on ? states.add(name) : states.delete(name));
  set('loading', v.phase === 'loading');
  set('error', v.phase === 'error');
  set('empty', v.phase === 'ready' && empty);
  set('stale', v.stale);
  set('live', v.connection === 'live' || v.connection === 'polling');
}

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting',
  live: 'Live',
  polling: 'Polling',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  error: 'Error',
};
const CONNECTION_TONE: Record<ConnectionState, string> = {
  connecting: 'neutral',
  live: 'ok',
  polling: 'info',
  reconnecting: 'warn',
  offline: 'error',
  error: 'error',
};

export function renderConnection(state: ConnectionState | null): TemplateResult | typeof nothing {
  if (!state) return nothing;
  return html`<span class="badge conn" part="connection" data-tone=${CONNECTION_TONE[state]} role="status"
    ><span class="dot" aria-hidden="true"></span>${CONNECTION_LABEL[state]}</span
  >`;
}

export function renderStaleBanner(v: ViewState, lastEventAt: number | null, now: number, what: string): TemplateResult | typeof nothing {
  if (!v.stale) return nothing;
  const age = lastEventAt != null ? ` from ${Math.max(0, Math.round((now - lastEventAt) / 1000))} s ago` : '';
  const verb = v.connection === 'reconnecting' ? 'Reconnecting…' : v.connection === 'offline' ? 'Offline.' : 'Connection error.';
  return html`<div class="banner" part="stale-banner" role="status" data-tone="warn">
    <strong>${verb}</strong> Showing the last known ${what}${age}; they may be out of date.${v.reason ? html` <span class="dim">(${v.reason})</span>` : nothing}
  </div>`;
}

/** The shared error state (reason, address, Retry, the way to the settings). */
export function renderError(what: string, reason: string | null, retry: () => void, address: string | null = null, settingsHref: string | null = null): TemplateResult {
  return renderErrorState({ what, reason, address, retry, settingsHref });
}

export function renderEmpty(title: string, hint: string): TemplateResult {
  return html`<div class="panel empty" part="empty" role="status"><strong>${title}</strong><span class="dim">${hint}</span></div>`;
}

/**
 * Keyboard for a role=tree (WAI-ARIA tree pattern) whose collapsed children are not rendered:
 * Up/Down move between visible items, Right expands or enters, Left collapses or goes to the
 * parent, Home/End, Enter/Space toggle. Focus is roving (tabindex 0 on one item).
 */
export function handleTreeKeydown(e: KeyboardEvent, toggle: (item: HTMLElement, expand: boolean | null) => void): void {
  const tree = e.currentTarget as HTMLElement;
  const item = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
  if (!item || !tree.contains(item)) return;
  const items = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  const i = items.indexOf(item);
  const expanded = item.getAttribute('aria-expanded');
  const move = (to: HTMLElement | undefined) => {
    if (!to) return;
    for (const it of items) it.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  };
  switch (e.key) {
    case 'ArrowDown':
      move(items[i + 1]);
      break;
    case 'ArrowUp':
      move(items[i - 1]);
      break;
    case 'Home':
      move(items[0]);
      break;
    case 'End':
      move(items[items.length - 1]);
      break;
    case 'ArrowRight':
      if (expanded === 'false') toggle(item, true);
      else if (expanded === 'true') move(items[i + 1]);
      else return;
      break;
    case 'ArrowLeft':
      if (expanded === 'true') toggle(item, false);
      else move(item.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? undefined);
      break;
    case 'Enter':
    case ' ':
      if (expanded === null) return;
      toggle(item, null);
      break;
    default:
      return;
  }
  e.preventDefault();
  e.stopPropagation();
}

/** Natural order for ids like worker-2 < worker-10. */
export const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Styles for the toolbar, panels, banner, pill and tree rows the three elements share (and the error state). */
export const clusterStyles = [errorStateStyles, css`
  :host {
    display: block;
    container-type: inline-size;
    /* Paint our own background so text contrast holds whatever the page behind us. */
    background: var(--_tt-bg);
  }
  .dim {
    color: var(--_tt-text-dim);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_tt-space-2);
    margin-bottom: var(--_tt-space-3);
  }
  .toolbar .grow {
    flex: 1 1 auto;
  }
  .toolbar input[type='search'] {
    min-width: 14rem;
    flex: 0 1 22rem;
  }
  /* The shared ok tone on its own background is 4.46:1 at badge size; nudge it toward the text colour. */
  .badge[data-tone='ok'] {
    color: color-mix(in srgb, var(--_tt-ok) 85%, var(--_tt-text));
  }
  .badge .dot {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: currentColor;
  }
  .badge.conn[data-tone='neutral'] .dot,
  .badge.conn[data-tone='warn'] .dot {
    animation: tt-blink 1.2s ease-in-out infinite;
  }
  @keyframes tt-blink {
    50% {
      opacity: 0.25;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .badge.conn .dot {
      animation: none;
    }
  }
  .panel {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_tt-space-2);
    min-height: 10rem;
    padding: var(--_tt-space-4);
    border: 1px dashed var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_tt-surface);
    text-align: center;
  }
  .panel.error {
    border-style: solid;
    border-color: var(--_tt-error);
    background: var(--_tt-error-bg);
  }
  .panel.error strong {
    color: var(--_tt-error);
  }
  .banner {
    margin-bottom: var(--_tt-space-3);
    padding: var(--_tt-space-2) var(--_tt-space-3);
    border: 1px solid var(--_tt-warn);
    border-radius: var(--_tt-radius);
    background: var(--_tt-warn-bg);
    color: var(--_tt-text);
  }
  .banner strong {
    color: var(--_tt-warn);
  }
  [role='tree'] {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [role='tree'] [role='group'] {
    margin: 0;
    padding: 0 0 0 14px;
    list-style: none;
  }
  [role='treeitem'] {
    outline: none;
  }
  [role='treeitem']:focus-visible > .node {
    outline: 2px solid var(--_tt-focus);
    outline-offset: -2px;
  }
  .node {
    display: flex;
    align-items: center;
    gap: var(--_tt-space-1);
    min-height: 24px;
    padding: 1px 4px;
    border-radius: 4px;
    cursor: default;
  }
  .node:hover {
    background: var(--_tt-surface-2);
  }
  .twisty {
    display: inline-block;
    width: 12px;
    flex: none;
    color: var(--_tt-text-dim);
    transition: transform 120ms;
  }
  [aria-expanded='true'] > .node .twisty {
    transform: rotate(90deg);
  }
`];
