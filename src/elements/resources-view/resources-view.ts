/**
 * <resources-view>: the element (resource snapshots as cards with expandable trees, the latest
 * marked), its decoders for the list and latest answers, and the leaf diff between versions.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from '../shared/repeat.js';
import type { ResourcesUpdate } from '../../streams/agl.js';
import { DecodeError } from '../../streams/errors.js';
import { loadErrorState, renderErrorPanel } from '../shared/error-panel.js';
import { num, obj, str } from '../../streams/decoders/validate.js';
import { decodeList, type DecodedList, type SkippedItem } from '../../streams/decoders/agl.js';
import { safeText, safeTextStyles } from '../shared/safe-text.js';
import { styles } from './resources-view.styles.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { phaseStates, syncStates } from '../shared/custom-states.js';
import { RestBinding } from '../shared/rest-binding.js';
import { formatAgo, formatDateTime, safeJson } from '../shared/format.js';
import { SnapshotSelectEvent } from './resources-view.events.js';

export function decodeResourcesUpdate(v: unknown, path = 'resources'): ResourcesUpdate {
  const o = obj(v, path);
  str(o, 'resources_id', path);
  num(o, 'version', path);
  obj(o.resources, `${path}.resources`);
  return o as unknown as ResourcesUpdate;
}

/**
 * `/v1/agl/resources`: a bare array or the `{items, limit, offset, total}` envelope (anything
 * else throws); snapshots that cannot be read are skipped and reported in `skipped`.
 */
export function decodeResourcesList(json: unknown): DecodedList<ResourcesUpdate> {
  return decodeList(json, decodeResourcesUpdate, 'resources list', 'resources_id');
}

export function decodeLatest(json: unknown): ResourcesUpdate | null {
  if (json === null) return null;
  if (typeof json !== 'object') throw new DecodeError('latest', 'a resources snapshot or null', json);
  return decodeResourcesUpdate(json, 'latest');
}

/** Leaf paths (`name.key.sub`) whose JSON differs between two resource maps, both ways. */
export function diffLeaves(a: unknown, b: unknown, path = '', out = new Set<string>()): Set<string> {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffLeaves(a[k], b[k], path ? `${path}.${k}` : k, out);
  } else if (safeJson(a) !== safeJson(b)) {
    out.add(path);
  }
  return out;
}

const TYPE_TONE: Record<string, string> = { llm: 'purple', proxy_llm: 'cyan', prompt_template: 'orange' };

/**
 * The Agent-lightning resource snapshots (`/v1/agl/resources`): id, version, created and updated
 * times, the latest one (`/v1/agl/resources/latest`) marked and open, each snapshot's named
 * resources (LLM endpoints, prompt templates…) as an expandable tree. Newest version first.
 * An answer that is not a list is an error; snapshots in it that cannot be read are left out
 * and listed in a notice ("1 resource snapshot could not be read"), the others shown.
 *
 * @summary Agent-lightning resource snapshots as expandable trees.
 *
 * @event snapshot-select - "Raw JSON" was chosen on a snapshot; `detail: { snapshot, latest }`.
 *
 * @csspart card - One snapshot.
 * @csspart tree - A snapshot's resources.
 * @csspart state - The loading, empty and error panels.
 * @csspart skipped - The notice shown when some snapshots of the answer could not be read (listed in its details, with their raw JSON).
 *
 * @cssproperty --resources-view-card-bg - Background of a snapshot card.
 * @cssproperty --resources-view-latest - Accent of the latest snapshot.
 *
 * @cssstate loading - Nothing to show yet.
 * @cssstate empty - No snapshots.
 * @cssstate error - Could not read the snapshots, nothing shown.
 * @cssstate stale - Snapshots shown but the last refresh failed.
 * @cssstate live - Snapshots shown and current.
 * @cssstate skipped - Some snapshots of the answer could not be read; the others are shown, with a notice.
 */
export class ResourcesView extends TelltaleElement {
  static override styles = [...styles, safeTextStyles];

  /** Backend address; default: the settings' address, else the page origin. */
  @property({ attribute: 'base-url' }) baseUrl: string | null = null;
  /** Snapshots given by property: when set, nothing is fetched. */
  @property({ attribute: false }) snapshots?: ResourcesUpdate[];
  /** Id of the latest snapshot, with `snapshots`. */
  @property({ attribute: 'latest-id' }) latestId: string | null = null;

  @state() private open = new Map<string, boolean>();
  private readonly internals = this.attachInternals();
  private sorted: ResourcesUpdate[] = [];
  /** Per snapshot: the leaf paths that differ from the version before it. */
  private changes = new Map<string, Set<string>>();
  private latest: string | null = null;

  private readonly listSrc = new RestBinding(this, () => this.effectiveHub, () =>
    this.snapshots ? null : { url: `${this.base}/v1/agl/resources?limit=-1`, decode: decodeResourcesList, intervalMs: this.settings.autoRefreshMs },
  );
  private readonly latestSrc = new RestBinding(this, () => this.effectiveHub, () =>
    this.snapshots ? null : { url: `${this.base}/v1/agl/resources/latest`, decode: decodeLatest, intervalMs: this.settings.autoRefreshMs },
  );

  private get base(): string {
    return this.resolveBase(this.baseUrl);
  }

  protected override willUpdate(): void {
    this.listSrc.sync();
    this.latestSrc.sync();
    const list = this.snapshots ?? this.listSrc.value?.data.items ?? [];
    this.sorted = [...list].sort((a, b) => b.version - a.version || b.update_time - a.update_time);
    this.changes = new Map();
    for (let i = 0; i < this.sorted.length - 1; i++) {
      this.changes.set(this.sorted[i].resources_id, diffLeaves(this.sorted[i].resources, this.sorted[i + 1].resources));
    }
    this.latest = this.snapshots
      ? (this.latestId ?? this.sorted[0]?.resources_id ?? null)
      : (this.latestSrc.value?.data?.resources_id ?? this.sorted[0]?.resources_id ?? null);
  }

  /** The notice of snapshots that could not be read (shared/skipped-notice.ts): rare, loaded after the first paint. */
  private readonly skippedPart = this.lazyPart('skipped-notice', () => import('../shared/skipped-notice.js'));
  /** The error panel, fetched after the first paint (a plain one until then). */
  private readonly errorPart = this.lazyPart('error-state', loadErrorState);

  /** Snapshots of the last answer that could not be read (left out, listed in a notice); empty with property data. */
  get skipped(): readonly SkippedItem[] {
    return this.snapshots ? [] : (this.listSrc.value?.data.skipped ?? []);
  }

  private phase(): 'loading' | 'empty' | 'error' | 'stale' | 'live' {
    if (this.snapshots) return this.snapshots.length ? 'live' : 'empty';
    if (!this.listSrc.value) return this.listSrc.error ? 'error' : 'loading';
    if (this.listSrc.error) return 'stale';
    return this.sorted.length ? 'live' : 'empty';
  }

  protected override updated(): void {
    syncStates(this.internals, phaseStates(this.phase(), this.skipped.length > 0));
  }

  /** Re-read the snapshots now. */
  refresh(): void {
    this.listSrc.refresh();
    this.latestSrc.refresh();
  }

  private isOpen(id: string): boolean {
    return this.open.get(id) ?? id === this.latest;
  }

  private toggle(id: string): void {
    this.open = new Map(this.open).set(id, !this.isOpen(id));
  }

  protected override render(): TemplateResult {
    const phase = this.phase();
    const st = this.listSrc.status;
    return html`
      <div class="bar">
        ${phase === 'live' || phase === 'stale'
          ? html`<span><b>${this.sorted.length}</b> snapshot${this.sorted.length === 1 ? '' : 's'}</span>`
          : nothing}
        <!-- Not a live region: its age and "Refreshing…" change with every auto-refresh (a failed refresh is the banner's, announced once). -->
        <span class="right">
          ${st?.refreshing ? html`<span class="refreshing">Refreshing…</span>` : this.listSrc.value ? html`<span>Updated ${formatAgo(this.listSrc.value.fetchedAt, Date.now())}</span>` : nothing}
          ${this.snapshots ? nothing : html`<button @click=${() => this.refresh()}>Refresh</button>`}
        </span>
      </div>
      ${phase === 'stale'
        ? html`<div class="banner" role="status">Showing snapshots from ${formatAgo(this.listSrc.value?.fetchedAt, Date.now())}: ${this.listSrc.error}</div>`
        : nothing}
      ${(phase === 'live' || phase === 'stale' || phase === 'empty') && this.skipped.length && this.skippedPart.need()
        ? this.skippedPart.value!.renderSkippedNotice(this.skipped, {
            noun: 'resource snapshot',
            shown: this.sorted.length,
            source: this.snapshots ? null : `${this.base}/v1/agl/resources?limit=-1`,
            rawInline: true,
          })
        : nothing}
      ${this.renderBody(phase)}
    `;
  }

  private renderBody(phase: ReturnType<ResourcesView['phase']>): TemplateResult {
    if (phase === 'loading')
      return html`<div class="sk" part="state" role="status" aria-label="Loading resources">
        ${[60, 40, 75, 50].map((w) => html`<span class="skeleton" style="width:${w}%"></span>`)}
      </div>`;
    if (phase === 'error')
      return renderErrorPanel(this.errorPart, {
        what: 'resources',
        reason: this.listSrc.error,
        address: `${this.base}/v1/agl/resources?limit=-1`,
        retry: () => this.refresh(),
        settingsHref: this.settingsHref,
        part: 'state',
        className: 'state error',
      });
    if (phase === 'empty')
      return html`<div class="state" part="state">
        ${this.skipped.length
          ? html`<strong>No resource snapshot could be read</strong>
              <span>The server answered with ${this.skipped.length} snapshot${this.skipped.length === 1 ? '' : 's'}, none of which could be read: see the details above.</span>`
          : html`<strong>No resource snapshots yet</strong>
              <span>A trainer publishes resources (LLM endpoints, prompt templates) before its first rollout.</span>`}
      </div>`;
    return html`${repeat(this.sorted, (s) => s.resources_id, (s) => this.renderCard(s))}`;
  }

  private renderCard(s: ResourcesUpdate): TemplateResult {
    const latest = s.resources_id === this.latest;
    const open = this.isOpen(s.resources_id);
    const names = Object.keys(s.resources ?? {});
    const treeId = `tree-${s.resources_id}`;
    const changed = this.changes.get(s.resources_id);
    const prev = this.sorted[this.sorted.indexOf(s) + 1];
    // Named "Snapshot <id>, version <n>", not "Resources <id>": the dashboard's raw JSON drawer is a region of that name (axe landmark-unique).
    return html`<section class="card ${latest ? 'latest' : ''}" part="card" data-id=${s.resources_id} aria-label=${`Snapshot ${s.resources_id}, version ${s.version}`}>
      <div class="head">
        <button class="toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${treeId} @click=${() => this.toggle(s.resources_id)}>
          <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><path fill="currentColor" d="M2 3h6L5 7z"/></svg>
          <span class="id">${safeText(s.resources_id, 80)}</span>
        </button>
        <div class="meta">
          <span>version <b>v${s.version}</b></span>
          <span>created <b>${formatDateTime(s.create_time * 1000)}</b></span>
          <span>updated <b>${formatDateTime(s.update_time * 1000)}</b></span>
          <span>${names.length} resource${names.length === 1 ? '' : 's'}</span>
          ${changed && prev
            ? html`<span class="changes" title=${[...changed].join('\n')}>${changed.size === 0 ? `same as v${prev.version}` : `${changed.size} change${changed.size === 1 ? '' : 's'} since v${prev.version}`}</span>`
            : nothing}
        </div>
        <span>
          ${latest ? html`<span class="badge latest-badge" data-tone="ok">Latest</span>` : nothing}
          <button @click=${() => this.dispatchEvent(new SnapshotSelectEvent({ snapshot: s, latest }))}>Raw JSON</button>
        </span>
      </div>
      ${open
        ? html`<div class="tree" part="tree" id=${treeId}>
            ${names.map((name) => {
              const r = s.resources[name] as Record<string, unknown>;
              const type = typeof r?.resource_type === 'string' ? r.resource_type : 'resource';
              return html`<div class="res">
                <details open>
                  <summary>
                    <span class="rname">${safeText(name, 120)}</span>
                    <span class="badge" data-tone=${TYPE_TONE[type] ?? 'neutral'}>${safeText(type, 40)}</span>
                  </summary>
                  ${this.renderEntries(r, 0, name, changed)}
                </details>
              </div>`;
            })}
          </div>`
        : nothing}
    </section>`;
  }

  private renderEntries(value: unknown, depth: number, path: string, changed?: Set<string>): TemplateResult {
    if (value === null || typeof value !== 'object') return this.renderLeaf('value', value, changed?.has(path) ?? false);
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    return html`${entries
      .filter(([k]) => !(depth === 0 && k === 'resource_type'))
      .map(([k, v]) =>
        v !== null && typeof v === 'object'
          ? html`<details ?open=${depth < 1}>
              <summary><span class="k">${k}</span> <span class="count">${Array.isArray(v) ? `[${v.length}]` : `{${Object.keys(v).length}}`}</span></summary>
              ${depth > 8 ? html`<div class="kv"><span class="v">${safeJson(v)}</span></div>` : this.renderEntries(v, depth + 1, `${path}.${k}`, changed)}
            </details>`
          : this.renderLeaf(k, v, changed?.has(`${path}.${k}`) ?? false),
      )}`;
  }

  private renderLeaf(k: string, v: unknown, changed = false): TemplateResult {
    const type = v === null ? 'null' : typeof v;
    const text = typeof v === 'string' ? v : safeJson(v);
    const block = typeof v === 'string' && (v.length > 60 || v.includes('\n'));
    return html`<div class="kv ${changed ? 'changed' : ''}"><span class="k">${k}:</span><span class="v ${type} ${block ? 'block' : ''}">${typeof v === 'string' && !block ? JSON.stringify(v) : text}</span>${changed ? html`<span class="badge" data-tone="warn">changed</span>` : nothing}</div>`;
  }
}
