/**
 * The dashboard shell (seed 003's AppShell): a navigation with the brand, one entry per page and
 * <connection-status> in its footer; one page per URL path; one drawer (raw JSON, span
 * details, action details) whose state lives in the query string so a reload or a shared link
 * opens it again; toasts for errors. The elements are composed by tag: each reads the hub and the
 * settings itself.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { state, query } from 'lit/decorators.js';
import type { Subscription } from 'rxjs';
import type { Attempt, Rollout, Span, ResourcesUpdate } from '../../src/streams/agl.js';
import { pageSettings$, resolveBaseUrl, settingsFetch } from '../../src/streams/settings-store.js';
import type { SourceStatus } from '../../src/streams/types.js';
import type { WorkerInfo } from '../../src/streams/models.js';
import { formatAgo, formatBytes, formatDateTime, formatDuration, formatPercent, safeJson } from '../../src/elements/shared/format.js';
import { decodeSpanPage, formatSpanMs } from '../../src/elements/trace-view/trace-data.js';
import { BRAND, ICONS } from './icons.js';
import { NAV_GROUPS, PAGES, href, parseRoute, type PageId, type Route } from './routes.js';
import { styles } from './telltale-dashboard.styles.js';
import type { AppDrawer } from './app-drawer.js';
import type { AppToasts } from './app-toasts.js';
import { hubStatuses } from './hub-access.js';
import { loadRelayInfo, missingFeed, relayHint, type RelayInfo } from './relay-hint.js';
import { BackendWatch } from './backend-watch.js';

type DrawerContent =
  | { kind: 'json'; title: string; value: unknown; param?: [string, string] }
  | { kind: 'span'; span: Span; all: Span[] }
  | { kind: 'worker'; worker: WorkerInfo }
  | null;

const pageOf = (id: PageId) => PAGES.find((p) => p.id === id)!;

export class TelltaleDashboard extends LitElement {
  static override styles = styles;

  @state() private route: Route = parseRoute(location);
  @state() private navOpen = false;
  /** The width at which the navigation is a menu over the page (the stylesheet's breakpoint). */
  private readonly phoneNav = matchMedia('(max-width: 860px)');
  /** Wider than the menu's breakpoint, the navigation is a sidebar again: the menu state ends. */
  private readonly onNavMedia = () => {
    if (!this.phoneNav.matches) this.navOpen = false;
  };
  /** Escape closes the open menu and puts focus back on its button (the page under it is inert meanwhile). */
  private readonly onNavKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !this.navOpen) return;
    e.preventDefault();
    this.navOpen = false;
    this.renderRoot.querySelector<HTMLElement>('button.burger')?.focus();
  };
  @state() private drawer: DrawerContent = null;
  @state() private logStreams: { id: string; title: string }[] | null = null;
  /** Why the list of log streams could not be read (shown on the Logs page). */
  @state() private logStreamsError: string | null = null;
  /** Set when `telltale relay` serves this page: its feeds decide which pages have data. */
  @state() private relay: RelayInfo | null = null;
  /** Pages wait for the one /relay/info answer, so a relay's absent feeds are never opened. */
  @state() private relayChecked = false;
  @query('app-drawer') private drawerEl!: AppDrawer;
  @query('app-toasts') private toastsEl!: AppToasts;
  @query('#page-title') private titleEl?: HTMLElement;

  private subs: Subscription[] = [];
  private readonly backends = new BackendWatch();
  /**
   * What the sidebar's connection indicator last announced (a backend lost or back): a live
   * region whose text changes once per change of state, never on a timer.
   */
  @state() private connectionNote = '';

  override connectedCallback(): void {
    const front = this.route.page === 'activity' && location.pathname !== href('activity');
    super.connectedCallback();
    void loadRelayInfo(this.base).then((info) => {
      this.relay = info;
      this.relayChecked = true;
      // A relay of logs only: its front page is the Logs page, not an empty Activity page.
      if (info && front && this.route.page === 'activity' && missingFeed(info, 'activity')) this.navigate(href('logs'), true);
    });
    window.addEventListener('popstate', this.onPopState);
    this.phoneNav.addEventListener('change', this.onNavMedia);
    let backend = `${pageSettings$.value.baseUrl}\n${pageSettings$.value.token ?? ''}`;
    if (this.route.page && location.pathname === '/') history.replaceState(null, '', href(this.route.page) + location.search);
    this.subs.push(
      hubStatuses().subscribe((list) => this.onStatuses(list)),
      pageSettings$.subscribe((s) => {
        this.requestUpdate();
        // Another backend, or a token set after a 401: ask again what it serves.
        const now = `${s.baseUrl}\n${s.token ?? ''}`;
        if (now !== backend) {
          backend = now;
          this.logStreams = null;
          this.logStreamsError = null;
          void loadRelayInfo(this.base).then((info) => (this.relay = info));
        }
      }),
    );
    this.updateTitle();
    void this.openDrawerFromUrl();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    this.phoneNav.removeEventListener('change', this.onNavMedia);
    for (const s of this.subs) s.unsubscribe();
  }

  private get base(): string {
    return resolveBaseUrl(pageSettings$.value.baseUrl);
  }

  // ── routing ───────────────────────────────────────────────────────────────────────

  /** Navigate inside the app (pushState); the drawer closes on navigation. */
  navigate(url: string, replace = false): void {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    const before = this.route.page;
    this.route = parseRoute(location);
    this.navOpen = false;
    this.drawer = null;
    this.updateTitle();
    if (before !== this.route.page) {
      void this.updateComplete.then(() => this.titleEl?.focus({ preventScroll: false }));
    }
    void this.openDrawerFromUrl();
  }

  private onPopState = () => {
    this.route = parseRoute(location);
    this.drawer = null;
    this.updateTitle();
    void this.openDrawerFromUrl();
  };

  /** In-app links (href starting with "/") navigate without a reload; modified clicks open tabs as usual. */
  private onLinkClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.composedPath() as Element[]).find((n) => n instanceof HTMLAnchorElement) as HTMLAnchorElement | undefined;
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !parseRoute(url).page) return;
    e.preventDefault();
    this.navigate(url.pathname + url.search);
  };


  private setParams(patch: Record<string, string | null>): void {
    const url = new URL(location.href);
    for (const [k, v] of Object.entries(patch)) {
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    history.replaceState(null, '', url.pathname + url.search);
    this.route = parseRoute(location);
  }

  private updateTitle(): void {
    const p = this.route.page ? pageOf(this.route.page).title : 'Not found';
    document.title = `${p} · Telltale`;
  }

  // ── drawer ────────────────────────────────────────────────────────────────────────

  private closeDrawer = () => {
    if (!this.drawer) return;
    this.drawer = null;
    this.setParams({ rollout: this.route.page === 'rollouts' ? null : this.route.params.get('rollout'), span: null, snapshot: null, worker: null });
  };

  /** Reopen the drawer a shared link names: /rollouts?rollout=…, /traces?…&span=…, /resources?snapshot=…. */
  private async openDrawerFromUrl(): Promise<void> {
    const { page, params } = this.route;
    try {
      if (page === 'rollouts' && params.get('rollout')) {
        const id = params.get('rollout')!;
        const rollout = await this.getJson(`/v1/agl/rollouts/${encodeURIComponent(id)}`);
        if (rollout == null) throw new Error(`Rollout ${id} was not found.`);
        this.drawer = { kind: 'json', title: `Rollout ${id}`, value: rollout, param: ['rollout', id] };
      } else if (page === 'traces' && params.get('span') && params.get('rollout')) {
        const q = new URLSearchParams({ rollout_id: params.get('rollout')!, limit: '-1' });
        if (params.get('attempt')) q.set('attempt_id', params.get('attempt')!);
        const spans = decodeSpanPage(await this.getJson(`/v1/agl/spans?${q}`)).items;
        const span = spans.find((s) => s.span_id === params.get('span'));
        if (!span) throw new Error(`Span ${params.get('span')} was not found in this attempt.`);
        this.drawer = { kind: 'span', span, all: spans };
      } else if (page === 'workers' && params.get('worker')) {
        await this.openWorker(params.get('worker')!);
      } else if ((page === 'activity' || page === 'tasks') && params.get('activity')) {
        await this.openActivity(params.get('activity')!);
      } else if (page === 'resources' && params.get('snapshot')) {
        const id = params.get('snapshot')!;
        const snap = await this.getJson(`/v1/agl/resources/${encodeURIComponent(id)}`);
        if (snap == null) throw new Error(`Resource snapshot ${id} was not found.`);
        this.drawer = { kind: 'json', title: `Resources ${id}`, value: snap, param: ['snapshot', id] };
      }
    } catch (e) {
      this.toast('error', 'Could not open the linked details', e instanceof Error ? e.message : String(e));
    }
  }

  /** A worker's details (its assigned actions link to their details on the Activity page). */
  private async openWorker(id: string): Promise<void> {
    const snap = (await this.getJson('/live/status')) as { reset?: { workers?: WorkerInfo[] } };
    const worker = snap.reset?.workers?.find((w) => w.id === id);
    if (!worker) throw new Error(`Worker ${id} is not known to the server.`);
    this.drawer = { kind: 'worker', worker };
  }

  /** <live-activity> shows an action's details itself; a link names the action in ?activity=. */
  private async openActivity(id: string): Promise<void> {
    await this.updateComplete;
    const el = this.renderRoot.querySelector('live-activity') as (HTMLElement & { openDetails?(id: string): void }) | null;
    if (!el) return;
    let opened = false;
    const onSelect = () => (opened = true);
    el.addEventListener('activity-select', onSelect, { once: true });
    for (let i = 0; i < 40 && !opened; i++) {
      el.openDetails?.(id);
      if (!opened) await new Promise((r) => setTimeout(r, 150));
    }
    el.removeEventListener('activity-select', onSelect);
    if (!opened) throw new Error(`${id.startsWith('event-') ? 'Event' : 'Action'} ${id} is no longer in the live feed.`);
  }

  private async getJson(path: string): Promise<unknown> {
    const res = await settingsFetch(`${this.base}${path}`, { headers: { accept: 'application/json' } });
    if (res.status === 401) throw new Error(`${path}: this server needs an access token; set it in Settings → Access token`);
    if (!res.ok) throw new Error(`${res.status} ${res.statusText} from ${path}`);
    return res.json();
  }

  // ── events from the elements ─────────────────────────────────────────────────────

  private onRolloutJson = (e: Event & { detail?: { rollout: Rollout; attempt: Attempt | null } }) => {
    if (!e.detail) return;
    e.preventDefault(); // the shell's drawer, not the table's own dialog
    const { rollout } = e.detail;
    this.drawer = { kind: 'json', title: `Rollout ${rollout.rollout_id}`, value: rollout, param: ['rollout', rollout.rollout_id] };
    this.setParams({ rollout: rollout.rollout_id });
  };

  private onRolloutTraces = (e: Event & { detail?: { rollout: Rollout; attempt: Attempt | null } }) => {
    if (!e.detail) return;
    this.navigate(href('traces', { rollout: e.detail.rollout.rollout_id, attempt: e.detail.attempt?.attempt_id ?? e.detail.rollout.attempt?.attempt_id }));
  };

  private onSpanSelect = (e: Event & { detail?: { span: Span } }) => {
    if (!e.detail) return;
    const tv = e.target as HTMLElement & { spanList?: Span[] };
    this.drawer = { kind: 'span', span: e.detail.span, all: tv.spanList ?? [] };
    this.setParams({ span: e.detail.span.span_id });
  };

  private onTraceChange = (e: Event & { detail?: { rolloutId: string | null; attemptId: string | null } }) => {
    if (!e.detail) return;
    this.setParams({ rollout: e.detail.rolloutId, attempt: e.detail.attemptId, span: null });
  };

  private onSnapshotSelect = (e: Event & { detail?: { snapshot: ResourcesUpdate } }) => {
    if (!e.detail) return;
    const s = e.detail.snapshot;
    this.drawer = { kind: 'json', title: `Resources ${s.resources_id}`, value: s, param: ['snapshot', s.resources_id] };
    this.setParams({ snapshot: s.resources_id });
  };

  private onActivitySelect = (e: Event & { detail?: { item: { id: string } } }) => {
    if (!e.detail?.item) return;
    this.setParams({ activity: e.detail.item.id });
  };

  private onWorkerSelect = (e: Event & { detail?: { id: string } }) => {
    const id = e.detail?.id;
    if (!id) return;
    this.setParams({ worker: id });
    this.openWorker(id).catch((err) => this.toast('error', 'Could not show the worker', err instanceof Error ? err.message : String(err)));
  };

  // ── toasts ────────────────────────────────────────────────────────────────────────

  toast(tone: 'error' | 'ok' | 'info' | 'warn', title: string, message?: string, announce = true): void {
    this.toastsEl?.show({ tone, title, message, announce });
  }

  /** A backend lost (every open source failing) is announced once, its return once; see BackendWatch. */
  private onStatuses(list: SourceStatus[]): void {
    for (const n of this.backends.update(list)) {
      // Announced once, by the sidebar's connection indicator; the toast is for the eyes.
      this.toast(n.tone, n.title, n.message, false);
      this.connectionNote = n.title;
    }
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const page = this.route.page;
    return html`
      <header class="topbar" @keydown=${this.onNavKey}>
        <button class="burger" aria-label="Open navigation" aria-expanded=${this.navOpen ? 'true' : 'false'} aria-controls="nav" @click=${() => (this.navOpen = !this.navOpen)}>
          ${this.navOpen ? ICONS.close : ICONS.menu}
        </button>
        <a class="brand" href="/">${BRAND}<span>Telltale</span></a>
      </header>
      <telltale-provider>
      <nav id="nav" class=${this.navOpen ? 'open' : ''} aria-label="Main" @click=${this.onLinkClick} @keydown=${this.onNavKey}>
        <button class="skip" @click=${() => this.titleEl?.focus()}>Skip to content</button>
        <a class="brand" href="/">${BRAND}<span>Telltale</span></a>
        <div class="groups">
          ${NAV_GROUPS.map(
            (g) => html`<div class="group">
              ${g.label ? html`<div class="group-label" aria-hidden="true">${g.label}</div>` : nothing}
              <ul role="list">
                ${g.pages.map((id) => {
                  const p = pageOf(id);
                  return html`<li>
                    <a href=${href(id)} aria-current=${page === id ? 'page' : 'false'} data-page=${id}>${ICONS[id]}<span>${p.title}</span></a>
                  </li>`;
                })}
              </ul>
            </div>`,
          )}
        </div>
        <div class="footer">
          <div class="footer-label">Server connection</div>
          <connection-status show-server @connection-status-click=${() => this.navigate(href('settings'))}></connection-status>
          <p class="visually-hidden" role="status" data-connection-note>${this.connectionNote}</p>
        </div>
      </nav>
      <div class="scrim" ?hidden=${!this.navOpen} @click=${() => (this.navOpen = false)}></div>
      <main
        id="main"
        ?inert=${this.navOpen && this.phoneNav.matches}
        @click=${this.onLinkClick}
        @rollout-view-json=${this.onRolloutJson}
        @rollout-view-traces=${this.onRolloutTraces}
        @span-select=${this.onSpanSelect}
        @trace-change=${this.onTraceChange}
        @snapshot-select=${this.onSnapshotSelect}
        @activity-select=${this.onActivitySelect}
        @worker-select=${this.onWorkerSelect}
      >
        ${page ? this.renderPage(page) : this.renderNotFound()}
      </main>
      </telltale-provider>
      <app-drawer @click=${this.onLinkClick} .open=${this.drawer !== null} heading=${this.drawerHeading()} @drawer-close=${this.closeDrawer}>
        ${this.renderDrawer()}
      </app-drawer>
      <app-toasts></app-toasts>
    `;
  }

  private renderPage(id: PageId): TemplateResult {
    const p = pageOf(id);
    const params = this.route.params;
    return html`<section class="page" data-page=${id} aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title" tabindex="-1">${p.title}</h1>
        <p>${p.blurb}</p>
      </header>
      <div class="page-body ${id}">
        ${!this.relayChecked ? nothing : missingFeed(this.relay, id) ? relayHint(this.relay!, missingFeed(this.relay, id)!, id) : this.renderElement(id, params)}
      </div>
    </section>`;
  }

  /** Elements link here from their error state (a wrong backend address is fixed in Settings). */
  private readonly settingsHref = href('settings');

  private renderElement(id: PageId, params: URLSearchParams): TemplateResult {
    const settings = this.settingsHref;
    switch (id) {
      case 'activity':
        return html`<live-activity settings-href=${settings}></live-activity>`;
      case 'workers':
        return html`<worker-board settings-href=${settings}></worker-board>`;
      case 'storage':
        return html`<storage-overview settings-href=${settings}></storage-overview>`;
      case 'clients':
        return html`<client-list settings-href=${settings}></client-list>`;
      case 'logs':
        return this.renderLogs(params);
      case 'tasks':
        // Seed 001: the last 50 events, the tasks in progress, the live / polling / disconnected light.
        return html`<live-activity feed="tasks" max-events="50" settings-href=${settings}></live-activity>`;
      case 'rollouts':
        return html`<rollout-table settings-href=${settings}></rollout-table>`;
      case 'resources':
        return html`<resources-view settings-href=${settings}></resources-view>`;
      case 'traces':
        return html`<trace-view
          settings-href=${settings}
          .rolloutId=${params.get('rollout')}
          .attemptId=${params.get('attempt')}
          .selectedSpan=${this.drawer?.kind === 'span' ? this.drawer.span.span_id : params.get('span')}
        ></trace-view>`;
      case 'settings':
        return html`<settings-panel></settings-panel>`;
    }
  }

  /** Service streams together by default; each worker's stream on its own (browsers allow six connections per origin). */
  private renderLogs(params: URLSearchParams): TemplateResult {
    if (this.logStreams === null) void this.loadLogStreams();
    const list = this.logStreams ?? [];
    const services = list.filter((s) => !/^worker-/.test(s.id)).slice(0, 4).map((s) => s.id);
    // A relay's streams are whatever it was given: nothing to guess before the list is in.
    const all = services.join(',') || (this.relay ? '' : 'scheduler');
    const chosen = params.get('stream') ?? all;
    if (!chosen) return html`<p role=${this.logStreamsError ? 'alert' : nothing}>${this.logStreamsError ? `Could not list the log streams: ${this.logStreamsError}` : 'Waiting for this relay’s list of log streams…'}</p>`;
    return html`<div class="log-page">
      <label class="inline-field">
        <span>Streams</span>
        <select @change=${(e: Event) => this.setParams({ stream: (e.target as HTMLSelectElement).value === all ? null : (e.target as HTMLSelectElement).value })}>
          <option value=${all} ?selected=${chosen === all}>All services (${all.replaceAll(',', ', ')})</option>
          ${list.map((s) => html`<option value=${s.id} ?selected=${chosen === s.id}>${s.title} (${s.id})</option>`)}
          ${list.length === 0 || list.some((s) => s.id === chosen) || chosen === all ? nothing : html`<option value=${chosen} selected>${chosen}</option>`}
        </select>
      </label>
      <log-console streams=${chosen} label=${chosen === all ? 'Service logs' : `${chosen} log`} settings-href=${this.settingsHref}></log-console>
    </div>`;
  }

  private async loadLogStreams(): Promise<void> {
    this.logStreams = [];
    try {
      const json = (await this.getJson('/logs')) as { streams?: { id: string; title: string }[] };
      this.logStreams = Array.isArray(json.streams) ? json.streams.filter((s) => typeof s.id === 'string') : [];
    } catch (e) {
      // Said once, on the page: inline when there is nothing to show without the list (a relay),
      // else by the console's own error state (a dead address fails its streams too), never
      // again in a toast.
      this.logStreamsError = e instanceof Error ? e.message : String(e);
    }
  }

  private renderNotFound(): TemplateResult {
    return html`<section class="page">
      <header class="page-head">
        <h1 id="page-title" tabindex="-1">Page not found</h1>
        <p>There is no page at <code>${location.pathname}</code>.</p>
      </header>
      <p><a href=${href('activity')}>Go to Activity</a></p>
    </section>`;
  }

  private drawerHeading(): string {
    const d = this.drawer;
    if (!d) return '';
    if (d.kind === 'json') return d.title;
    if (d.kind === 'span') return `Span ${d.span.name}`;
    return `Worker ${d.worker.id}`;
  }

  private renderDrawer(): TemplateResult | typeof nothing {
    const d = this.drawer;
    if (!d) return nothing;
    // "… JSON": the page may show a region named like the drawer's title (a Resources card), and two landmarks must not share a name.
    if (d.kind === 'json') return html`<json-view .value=${d.value} label="${d.title} JSON"></json-view>`;
    if (d.kind === 'span') return this.renderSpan(d.span, d.all);
    return this.renderWorker(d.worker);
  }

  private renderSpan(s: Span, all: Span[]): TemplateResult {
    const parent = s.parent_id ? all.find((x) => x.span_id === s.parent_id) : undefined;
    const children = all.filter((x) => x.parent_id === s.span_id);
    const dur = s.start_time != null && s.end_time != null ? (s.end_time - s.start_time) * 1000 : null;
    const tone = s.status.status_code === 'OK' ? 'ok' : s.status.status_code === 'ERROR' ? 'error' : 'neutral';
    const pick = (span: Span) => {
      this.drawer = { kind: 'span', span, all };
      this.setParams({ span: span.span_id });
    };
    return html`<div class="details">
      <div class="detail-head">
        <span class="badge" data-tone=${tone}>${s.status.status_code === 'UNSET' ? (s.end_time == null ? 'running' : 'unset') : s.status.status_code}</span>
        <span class="dur">${formatSpanMs(dur)}</span>
        ${s.status.description ? html`<span class="desc">${s.status.description}</span>` : nothing}
      </div>
      <dl>
        <dt>Span ID</dt><dd class="mono">${s.span_id}</dd>
        <dt>Trace ID</dt><dd class="mono">${s.trace_id}</dd>
        <dt>Parent</dt>
        <dd>${parent ? html`<button class="link" @click=${() => pick(parent)}>${parent.name}</button> <span class="mono dim">${parent.span_id}</span>` : s.parent_id ? html`<span class="mono">${s.parent_id}</span> <span class="dim">(not in this attempt)</span>` : html`<span class="dim">root span</span>`}</dd>
        <dt>Children</dt>
        <dd>${children.length ? children.map((c) => html`<button class="link" @click=${() => pick(c)}>${c.name}</button> `) : html`<span class="dim">none</span>`}</dd>
        <dt>Rollout</dt><dd class="mono">${s.rollout_id}</dd>
        <dt>Attempt</dt><dd class="mono">${s.attempt_id}</dd>
        <dt>Sequence</dt><dd>${s.sequence_id}</dd>
        <dt>Start</dt><dd>${s.start_time != null ? withMillis(s.start_time) : '—'}</dd>
        <dt>End</dt><dd>${s.end_time != null ? withMillis(s.end_time) : html`<span class="dim">still running</span>`}</dd>
      </dl>
      <h3>Attributes</h3>
      ${Object.keys(s.attributes).length
        ? html`<table class="kv"><tbody>${Object.entries(s.attributes).map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${typeof v === 'string' ? v : safeJson(v)}</td></tr>`)}</tbody></table>`
        : html`<p class="dim">No attributes.</p>`}
      <h3>Events <span class="dim">(${s.events.length})</span></h3>
      ${s.events.length ? html`<json-view .value=${s.events} label="Span events"></json-view>` : html`<p class="dim">No events.</p>`}
      <h3>Raw JSON</h3>
      <json-view .value=${s} label="Span JSON"></json-view>
    </div>`;
  }

  private renderWorker(w: WorkerInfo): TemplateResult {
    const now = Date.now();
    const tone = w.status === 'working' ? 'info' : w.status === 'idle' ? 'ok' : w.status === 'offline' || w.status === 'unavailable' ? 'error' : 'warn';
    const used = (u: { used: number; total: number } | null) => (u ? `${formatBytes(u.used)} of ${formatBytes(u.total)}` : 'not reported');
    return html`<div class="details">
      <div class="detail-head">
        <span class="badge" data-tone=${tone}>${w.status}${w.subStatus ? ` · ${w.subStatus}` : ''}</span>
        <span class="dim">heartbeat ${w.lastHeartbeat == null ? 'not reported' : formatAgo(w.lastHeartbeat, now)}</span>
      </div>
      <dl>
        <dt>CPU</dt><dd>${formatPercent(w.metrics.cpu)}</dd>
        <dt>Memory</dt><dd>${used(w.metrics.memory)}</dd>
        <dt>Disk</dt><dd>${used(w.metrics.disk)}</dd>
        <dt>Network</dt><dd>${w.metrics.network ? `↓ ${formatBytes(w.metrics.network.rxBps)}/s · ↑ ${formatBytes(w.metrics.network.txBps)}/s` : 'not reported'}</dd>
        ${Object.entries(w.platform).map(([k, v]) => html`<dt>${k}</dt><dd class="mono">${v}</dd>`)}
      </dl>
      <h3>Assigned actions <span class="dim">(${w.actions.length})</span></h3>
      ${w.actions.length
        ? html`<table class="kv actions"><tbody>${w.actions.map(
            (a) => html`<tr>
              <th scope="row"><a href=${href('activity', { activity: a.id })}>${a.title}</a><div class="mono dim">${a.id}</div></th>
              <td><span class="badge" data-tone="info">${a.stage}</span> for ${formatDuration(now - a.startedAt)}</td>
            </tr>`,
          )}</tbody></table>`
        : html`<p class="dim">None: the worker is not running anything.</p>`}
      <h3>Raw JSON</h3>
      <json-view .value=${w} label="Worker JSON"></json-view>
    </div>`;
  }

}

/** `YYYY-MM-DD HH:mm:ss.mmm` local, from epoch seconds (spans are often milliseconds apart). */
function withMillis(sec: number): string {
  const ms = Math.round(sec * 1000);
  return `${formatDateTime(ms)}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
}

if (!customElements.get('telltale-dashboard')) customElements.define('telltale-dashboard', TelltaleDashboard);
declare global {
  interface HTMLElementTagNameMap {
    'telltale-dashboard': TelltaleDashboard;
  }
}
