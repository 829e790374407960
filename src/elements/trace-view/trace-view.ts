import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from '../shared/repeat.js';
import type { Attempt, Rollout, Span } from '../../streams/agl.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { phaseStates, syncStates } from '../shared/custom-states.js';
import { RestBinding } from '../shared/rest-binding.js';
import { loadErrorState, renderErrorPanel } from '../shared/error-panel.js';
import { formatAgo, safeJson } from '../shared/format.js';
import { styles } from './trace-view.styles.js';
import type { SkippedItem } from '../../streams/decoders/agl.js';
import { safeText, safeTextStyles, shownText } from '../shared/safe-text.js';
import { SpanSelectEvent, TraceChangeEvent } from './trace-view.events.js';
import {
  axisTicks,
  decodeAttemptPage,
  decodeRolloutPage,
  decodeSpanPage,
  formatSpanMs,
  layoutTrace,
  statusLabel,
  statusTone,
  type SortKey,
  type SpanRow,
  type TraceLayout,
} from './trace-data.js';

export const TRACE_VIEWS = ['waterfall', 'table'] as const;
export type TraceViewMode = (typeof TRACE_VIEWS)[number];

/**
 * The spans of one Agent-lightning rollout attempt: a waterfall on the trace's time axis (spans
 * nested by parent, bars placed by start and end, status by colour and text) and a sortable
 * table (name, ids, parent, status, start, end, duration, attributes). Rollout and attempt are
 * chosen from selects fed by `/v1/agl/rollouts` and `/v1/agl/rollouts/{id}/attempts`; spans come
 * from `/v1/agl/spans?rollout_id=…&attempt_id=…`, all through the hub's REST sources (so they
 * follow the auto-refresh setting). Data can also be given by property. An answer that is not a
 * list is an error; items in it that cannot be read are left out and listed in a notice ("2 spans
 * could not be read": position, id, reason, raw JSON), the others shown.
 *
 * @summary Agent-lightning trace viewer: span waterfall and span table.
 *
 * @event span-select - A span was chosen; `detail: { span, rolloutId, attemptId }`.
 * @event trace-change - The user chose another rollout or attempt; `detail: { rolloutId, attemptId }`.
 *
 * @csspart toolbar - The row of selects, search and view switch.
 * @csspart waterfall - The waterfall table.
 * @csspart table - The span table.
 * @csspart bar - A span's bar on the time axis.
 * @csspart state - The loading, empty and error panels.
 * @csspart stale - The banner saying the trace shown may be out of date (a refresh failed).
 * @csspart summary - The line with the span, trace and duration counts.
 * @csspart skipped - A notice listing spans (or rollouts, attempts for the pickers) of an answer that could not be read.
 *
 * @cssproperty --trace-view-background - Background of the element.
 * @cssproperty --trace-view-bar-height - Height of a waterfall bar (default 14px).
 * @cssproperty --trace-view-name-width - Width of the waterfall's name column (default 34%).
 * @cssproperty --trace-view-ok - Bar colour of OK spans.
 * @cssproperty --trace-view-error - Bar colour of ERROR spans.
 * @cssproperty --trace-view-unset - Bar colour of spans without a status.
 *
 * @cssstate loading - Nothing to show yet.
 * @cssstate empty - The attempt has no spans.
 * @cssstate error - The spans could not be read and nothing is shown.
 * @cssstate stale - Spans are shown but the last refresh failed.
 * @cssstate live - Spans are shown and current.
 * @cssstate skipped - Some spans, rollouts or attempts of an answer could not be read; the others are shown, with a notice.
 */
export class TraceView extends TelltaleElement {
  static override styles = [...styles, safeTextStyles];

  /** Backend address; default: the settings' address, else the page origin. */
  @property({ attribute: 'base-url' }) baseUrl: string | null = null;
  /** The rollout whose spans are shown. Empty: the newest finished rollout (else the newest started). */
  @property({ attribute: 'rollout-id' }) rolloutId: string | null = null;
  /** The attempt; empty: the rollout's latest attempt. */
  @property({ attribute: 'attempt-id' }) attemptId: string | null = null;
  /** Which view is shown. */
  @property({ reflect: true }) view: TraceViewMode = 'waterfall';
  /** The span shown as selected (e.g. the one whose details a drawer shows). */
  @property({ attribute: 'selected-span' }) selectedSpan: string | null = null;
  /** Hide the rollout/attempt selects (when a host chooses them). */
  @property({ type: Boolean, attribute: 'hide-pickers' }) hidePickers = false;

  /** Spans given by property: when set, nothing is fetched for spans. */
  @property({ attribute: false }) spans?: Span[];
  /** Rollouts for the picker given by property. */
  @property({ attribute: false }) rollouts?: Rollout[];
  /** Attempts of the chosen rollout given by property. */
  @property({ attribute: false }) attempts?: Attempt[];

  @state() private query = '';
  @state() private collapsed = new Set<string>();
  @state() private sortKey: SortKey = 'start';
  @state() private sortDir: 1 | -1 = 1;
  @state() private now = Date.now();

  private readonly internals = this.attachInternals();
  /** The notice of items that could not be read (shared/skipped-notice.ts): rare, loaded after the first paint. */
  private readonly skippedPart = this.lazyPart('skipped-notice', () => import('../shared/skipped-notice.js'));
  private readonly tablePart = this.lazyPart('trace-view.table', () => import('./trace-view.table.js'), { onUse: true });
  /** The error panel, fetched after the first paint (a plain one until then). */
  private readonly errorPart = this.lazyPart('error-state', loadErrorState);
  private timer: ReturnType<typeof setInterval> | undefined;
  private layout: TraceLayout = { rows: [], startMs: 0, endMs: 0, totalMs: 1 };
  private matching: Set<string> | null = null;

  private readonly rolloutsSrc = new RestBinding(this, () => this.effectiveHub, () =>
    this.rollouts ? null : { url: `${this.base}/v1/agl/rollouts?limit=200&offset=0&sort_by=start_time&sort_order=desc`, decode: decodeRolloutPage, intervalMs: this.settings.autoRefreshMs },
  );
  private readonly attemptsSrc = new RestBinding(this, () => this.effectiveHub, () =>
    this.attempts || !this.currentRolloutId
      ? null
      : { url: `${this.base}/v1/agl/rollouts/${encodeURIComponent(this.currentRolloutId)}/attempts?limit=-1`, decode: decodeAttemptPage, intervalMs: this.settings.autoRefreshMs },
  );
  private readonly spansSrc = new RestBinding(this, () => this.effectiveHub, () => {
    if (this.spans || !this.currentRolloutId || !this.currentAttemptId) return null;
    const q = new URLSearchParams({ rollout_id: this.currentRolloutId, attempt_id: this.currentAttemptId, limit: '-1' });
    return { url: `${this.base}/v1/agl/spans?${q}`, decode: decodeSpanPage, intervalMs: this.settings.autoRefreshMs };
  });

  private get base(): string {
    return this.resolveBase(this.baseUrl);
  }

  get rolloutList(): Rollout[] {
    return this.rollouts ?? this.rolloutsSrc.value?.data.items ?? [];
  }

  get attemptList(): Attempt[] {
    const list = this.attempts ?? this.attemptsSrc.value?.data.items ?? [];
    return [...list].sort((a, b) => a.sequence_id - b.sequence_id);
  }

  /** Spans of the last answer that could not be read (left out, listed in a notice); empty with property data. */
  get skippedSpans(): readonly SkippedItem[] {
    return this.spans ? [] : (this.spansSrc.value?.data.skipped ?? []);
  }

  /** Rollouts and attempts (for the pickers) of the last answers that could not be read. */
  get skippedPickerItems(): { rollouts: readonly SkippedItem[]; attempts: readonly SkippedItem[] } {
    return {
      rollouts: this.rollouts ? [] : (this.rolloutsSrc.value?.data.skipped ?? []),
      attempts: this.attempts ? [] : (this.attemptsSrc.value?.data.skipped ?? []),
    };
  }

  get spanList(): Span[] {
    return this.spans ?? this.spansSrc.value?.data.items ?? [];
  }

  /** The rollout in force: the attribute, else the newest rollout that has an attempt. */
  get currentRolloutId(): string | null {
    if (this.rolloutId) return this.rolloutId;
    // A finished rollout shows a whole trace; else the newest one that has started.
    const list = this.rolloutList;
    const done = list.find((r) => r.attempt && (r.status === 'succeeded' || r.status === 'failed'));
    return (done ?? list.find((r) => r.attempt))?.rollout_id ?? null;
  }

  /** The attempt in force: the attribute, else the latest attempt of the rollout. */
  get currentAttemptId(): string | null {
    if (this.attemptId) return this.attemptId;
    const list = this.attemptList;
    if (list.length) return list[list.length - 1].attempt_id;
    const r = this.rolloutList.find((x) => x.rollout_id === this.currentRolloutId);
    return r?.attempt?.attempt_id ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Open spans grow against the clock; a slow tick keeps their bars honest. A hidden tab
    // renders nothing: the next visible tick catches up.
    this.timer = setInterval(() => {
      if (globalThis.document?.hidden) return;
      if (this.spanList.some((s) => s.end_time == null)) this.now = Date.now();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.rolloutsSrc.sync();
    this.attemptsSrc.sync();
    this.spansSrc.sync();
    if (changed.has('rolloutId') || changed.has('attemptId')) this.collapsed = new Set();
    const spans = this.spanList;
    this.layout = layoutTrace(spans, this.collapsed, this.now);
    const q = this.query.trim().toLowerCase();
    this.matching = q
      ? new Set(
          spans
            .filter((s) => s.name.toLowerCase().includes(q) || s.span_id.toLowerCase().includes(q) || safeJson(s.attributes).toLowerCase().includes(q))
            .map((s) => s.span_id),
        )
      : null;
  }

  protected override updated(): void {
    const picker = this.skippedPickerItems;
    syncStates(this.internals, phaseStates(this.phase(), this.skippedSpans.length + picker.rollouts.length + picker.attempts.length > 0));
  }

  private phase(): 'loading' | 'empty' | 'error' | 'stale' | 'live' | 'idle' {
    if (this.spans) return this.spans.length ? 'live' : 'empty';
    const src = this.spansSrc;
    if (!this.currentRolloutId) {
      if (this.rolloutsSrc.error && !this.rolloutsSrc.value) return 'error';
      return this.rolloutsSrc.loading ? 'loading' : 'idle';
    }
    if (!src.value) {
      if (src.error || this.attemptsSrc.error) return 'error';
      if (!this.currentAttemptId && this.attemptsSrc.value) return 'empty';
      return 'loading';
    }
    if (src.error) return 'stale';
    return src.value.data.items.length ? 'live' : 'empty';
  }

  // ── user actions ──────────────────────────────────────────────────────────────────

  private chooseRollout(e: Event): void {
    const id = (e.target as HTMLSelectElement).value || null;
    this.rolloutId = id;
    this.attemptId = null;
    this.dispatchEvent(new TraceChangeEvent({ rolloutId: id, attemptId: null }));
  }

  private chooseAttempt(e: Event): void {
    const id = (e.target as HTMLSelectElement).value || null;
    this.attemptId = id;
    this.dispatchEvent(new TraceChangeEvent({ rolloutId: this.currentRolloutId, attemptId: id }));
  }

  private select(span: Span): void {
    this.selectedSpan = span.span_id;
    this.dispatchEvent(new SpanSelectEvent({ span, rolloutId: this.currentRolloutId, attemptId: this.currentAttemptId }));
  }

  private toggle(id: string): void {
    const next = new Set(this.collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.collapsed = next;
  }

  /** Re-read rollouts, attempts and spans now. */
  refresh(): void {
    this.rolloutsSrc.refresh();
    this.attemptsSrc.refresh();
    this.spansSrc.refresh();
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const phase = this.phase();
    return html`
      ${this.hidePickers ? nothing : this.renderToolbar()}
      ${phase === 'stale'
        ? html`<div class="banner" role="status" part="stale">
            <span class="dot" aria-hidden="true"></span>
            Showing spans from ${formatAgo(this.spansSrc.value?.fetchedAt, Date.now())}: ${this.spansSrc.error}
            <button @click=${() => this.refresh()}>Retry</button>
          </div>`
        : nothing}
      ${this.renderSkipped(phase)}
      ${phase === 'live' || phase === 'stale' ? this.renderSummary() : nothing}
      <div class="body" aria-busy=${phase === 'loading' ? 'true' : 'false'}>${this.renderBody(phase)}</div>
    `;
  }

  /** Items left out of the lists because they could not be read: one notice per list. */
  private renderSkipped(phase: ReturnType<TraceView['phase']>): TemplateResult | typeof nothing {
    const picker = this.skippedPickerItems;
    const spans = phase === 'live' || phase === 'stale' || phase === 'empty' ? this.skippedSpans : null;
    const n = picker.rollouts?.length || picker.attempts?.length || spans?.length ? this.skippedPart.need() : null;
    if (!n) return nothing;
    return html`${n.renderSkippedNotice(picker.rollouts, { noun: 'rollout', shown: this.rolloutList.length, rawInline: true })}
    ${n.renderSkippedNotice(picker.attempts, { noun: 'attempt', shown: this.attemptList.length, rawInline: true })}
    ${n.renderSkippedNotice(spans, { noun: 'span', shown: this.spanList.length, rawInline: true })}`;
  }

  private renderToolbar(): TemplateResult {
    const rollouts = this.rolloutList;
    const current = this.currentRolloutId;
    const attempts = this.attemptList;
    const rolloutsLoading = !this.rollouts && this.rolloutsSrc.loading;
    const hasCurrent = current != null && rollouts.some((r) => r.rollout_id === current);
    const status = this.spansSrc.status;
    return html`<div class="toolbar" part="toolbar">
      <label class="field">
        <span class="label">Rollout</span>
        <select @change=${this.chooseRollout} ?disabled=${rolloutsLoading && !current} aria-label="Rollout">
          ${rolloutsLoading && !current ? html`<option value="">Loading rollouts…</option>` : nothing}
          ${!rolloutsLoading && rollouts.length === 0 && !current ? html`<option value="">No rollouts</option>` : nothing}
          ${current && !hasCurrent ? html`<option value=${current} selected>${current}</option>` : nothing}
          ${repeat(
            rollouts,
            (r) => r.rollout_id,
            (r) => html`<option value=${r.rollout_id} ?selected=${r.rollout_id === current}>${shownText(r.rollout_id, 80)} · ${shownText(r.status, 30)}</option>`,
          )}
        </select>
      </label>
      <label class="field">
        <span class="label">Attempt</span>
        <select @change=${this.chooseAttempt} ?disabled=${attempts.length === 0} aria-label="Attempt">
          ${attempts.length === 0
            ? html`<option value="">${current ? (this.attemptsSrc.loading ? 'Loading attempts…' : 'No attempts') : '—'}</option>`
            : repeat(
                [...attempts].reverse(),
                (a) => a.attempt_id,
                (a) =>
                  html`<option value=${a.attempt_id} ?selected=${a.attempt_id === this.currentAttemptId}>
                    Attempt ${shownText(a.sequence_id, 20)} (${shownText(a.attempt_id, 80)}) · ${shownText(a.status, 30)}
                  </option>`,
              )}
        </select>
      </label>
      <label class="field search">
        <span class="label">Search</span>
        <input
          type="search"
          placeholder="Filter spans by name, id or attribute"
          .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          aria-label="Filter spans"
        />
      </label>
      <div class="views" role="group" aria-label="View">
        ${TRACE_VIEWS.map(
          (v) =>
            html`<button aria-pressed=${this.view === v ? 'true' : 'false'} @click=${() => (this.view = v)}>
              ${v === 'waterfall' ? 'Waterfall' : 'Table'}
            </button>`,
        )}
      </div>
      <div class="conn" aria-live="polite">
        ${this.spans
          ? nothing
          : status?.refreshing
            ? html`<span class="refreshing">Refreshing…</span>`
            : this.spansSrc.value
              ? html`<span class="dim">Updated ${formatAgo(this.spansSrc.value.fetchedAt, Date.now())}</span>`
              : nothing}
        ${this.spans ? nothing : html`<button class="icon" @click=${() => this.refresh()} title="Refresh now" aria-label="Refresh spans">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path fill="currentColor" d="M13.65 2.35A8 8 0 1 0 16 8h-2a6 6 0 1 1-1.76-4.24L10 6h6V0z"/></svg>
        </button>`}
      </div>
    </div>`;
  }

  private renderSummary(): TemplateResult {
    const spans = this.spanList;
    const errors = spans.filter((s) => s.status.status_code === 'ERROR').length;
    const open = spans.filter((s) => s.end_time == null).length;
    const traces = new Set(spans.map((s) => s.trace_id)).size;
    return html`<div class="summary" part="summary">
      <span><strong>${spans.length}</strong> spans</span>
      <span><strong>${traces}</strong> ${traces === 1 ? 'trace' : 'traces'}</span>
      <span>duration <strong>${formatSpanMs(this.layout.totalMs)}</strong></span>
      ${errors ? html`<span class="badge" data-tone="error">${errors} error${errors === 1 ? '' : 's'}</span>` : nothing}
      ${open ? html`<span class="badge" data-tone="info">${open} running</span>` : nothing}
      ${this.matching ? html`<span class="dim">${this.matching.size} match${this.matching.size === 1 ? '' : 'es'}</span>` : nothing}
    </div>`;
  }

  private renderBody(phase: ReturnType<TraceView['phase']>): TemplateResult {
    switch (phase) {
      case 'loading':
        return this.renderSkeleton();
      case 'idle':
        return html`<div class="state" part="state">
          <strong>No rollout chosen</strong>
          <span>Choose a rollout above to see its spans.</span>
        </div>`;
      case 'empty':
        return html`<div class="state" part="state">
          <svg viewBox="0 0 48 48" width="40" height="40" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" d="M6 12h20M10 20h28M14 28h16M18 36h24"/></svg>
          ${this.currentAttemptId && this.skippedSpans.length
            ? html`<strong>No span could be read</strong>
                <span>The server answered with ${this.skippedSpans.length} span${this.skippedSpans.length === 1 ? '' : 's'}, none of which could be read: see the details above.</span>`
            : html`<strong>${this.currentAttemptId ? 'No spans recorded for this attempt yet' : 'This rollout has no attempts yet'}</strong>
                <span>${this.currentAttemptId ? 'Spans appear as the runner reports them.' : 'It is still waiting in the queue.'}</span>`}
          ${this.spans ? nothing : html`<button @click=${() => this.refresh()}>Refresh</button>`}
        </div>`;
      case 'error': {
        const [what, failed] = this.spansSrc.error ? ['spans', this.spansSrc] : this.attemptsSrc.error ? ['attempts', this.attemptsSrc] : ['rollouts', this.rolloutsSrc];
        return renderErrorPanel(this.errorPart, {
          what,
          reason: failed.error,
          address: failed.url,
          retry: () => this.refresh(),
          settingsHref: this.settingsHref,
          part: 'state',
          className: 'state error',
        });
      }
      default:
        return this.view === 'table' ? this.renderTable() : this.renderWaterfall();
    }
  }

  /** The span table: its own module, loaded when first shown (the waterfall is the default view). */
  private renderTable(): TemplateResult {
    const table = this.tablePart.need();
    if (!table) return this.renderSkeleton();
    return table.renderTable({
      spans: this.spanList,
      matching: this.matching,
      selected: this.selectedSpan,
      sortKey: this.sortKey,
      sortDir: this.sortDir,
      query: this.query,
      sort: (k, d) => ((this.sortKey = k), (this.sortDir = d)),
      select: (s) => this.select(s),
    });
  }

  private renderSkeleton(): TemplateResult {
    return html`<div class="skeleton-rows" part="state" aria-label="Loading spans" role="status">
      ${[0.9, 0.6, 0.45, 0.7, 0.3, 0.55].map(
        (w, i) => html`<div class="sk-row">
          <span class="skeleton" style="width:${40 + ((i * 37) % 45)}%"></span>
          <span class="skeleton bar" style="margin-left:${i * 8}%;width:${w * 60}%"></span>
        </div>`,
      )}
    </div>`;
  }

  private renderWaterfall(): TemplateResult {
    const { rows, totalMs } = this.layout;
    const ticks = axisTicks(totalMs);
    return html`<div class="scroll">
      <table class="waterfall" part="waterfall" aria-label="Span waterfall">
        <thead>
          <tr>
            <th scope="col" class="name-col">Span</th>
            <th scope="col" class="axis">
              <span class="visually-hidden">Timeline, ${formatSpanMs(totalMs)} in all</span>
              <div class="ticks" aria-hidden="true">
                ${ticks.map((t) => html`<span class="tick" style="left:${(t / totalMs) * 100}%">${t === 0 ? '0' : formatSpanMs(t)}</span>`)}
              </div>
            </th>
          </tr>
        </thead>
        <tbody>
          ${repeat(rows, (r) => r.span.span_id, (r) => this.renderWaterfallRow(r, ticks, totalMs))}
        </tbody>
      </table>
    </div>`;
  }

  private renderWaterfallRow(r: SpanRow, ticks: number[], totalMs: number): TemplateResult {
    const s = r.span;
    const code = s.status.status_code;
    const label = statusLabel(s);
    const dim = this.matching != null && !this.matching.has(s.span_id);
    const open = s.end_time == null;
    // The duration label sits after the bar; near the right edge inside a long bar, else before it.
    // After the bar, it moves left by what it lacks of the track's remaining width (cqw: the
    // track's width; 100% in translate: the label's own): a narrow track (a phone) cut it off.
    const end = r.left + r.width;
    const place = end <= 0.72 ? 'after' : r.width >= 0.22 ? 'inside' : 'before';
    const labelStyle =
      place === 'after'
        ? `left:calc(${end * 100}% + 6px);translate:min(0px, calc(${(1 - end) * 100}cqw - 6px - 100%))`
        : place === 'inside'
          ? `right:calc(${(1 - end) * 100}% + 6px)`
          : `right:calc(${(1 - r.left) * 100}% + 6px)`;
    const dur = r.durationMs ?? this.layout.endMs - (s.start_time != null ? s.start_time * 1000 : this.layout.startMs);
    return html`<tr
      class="row ${s.span_id === this.selectedSpan ? 'selected' : ''} ${dim ? 'dim-row' : ''}"
      data-span=${s.span_id}
      data-status=${label}
      @click=${() => this.select(s)}
    >
      <th scope="row" class="name-col">
        <div class="name-cell" style=${`padding-inline-start:${r.depth * 16}px`}>
          ${r.children
            ? html`<button
                class="twisty"
                aria-expanded=${this.collapsed.has(s.span_id) ? 'false' : 'true'}
                aria-label="${this.collapsed.has(s.span_id) ? 'Expand' : 'Collapse'} ${s.name}"
                @click=${(e: Event) => {
                  e.stopPropagation();
                  this.toggle(s.span_id);
                }}
              >
                <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><path fill="currentColor" d="M2 3h6L5 7z"/></svg>
              </button>`
            : html`<span class="twisty-space" aria-hidden="true"></span>`}
          <button class="span-name" title=${s.name} @click=${(e: Event) => {
            e.stopPropagation();
            this.select(s);
          }}>
            <span class="status-dot" data-tone=${statusTone(code)} aria-hidden="true"></span>
            <span class="text">${safeText(s.name, 200)}</span>
          </button>
          ${r.orphan ? html`<span class="badge" data-tone="warn" title="Its parent span is not in this attempt">orphan</span>` : nothing}
          ${r.children && this.collapsed.has(s.span_id) ? html`<span class="dim small">+${r.children}</span>` : nothing}
        </div>
      </th>
      <td class="axis">
        <div class="track">
          ${ticks.map((t) => html`<span class="grid" style="left:${(t / totalMs) * 100}%" aria-hidden="true"></span>`)}
          <span
            part="bar"
            class="bar ${open ? 'open' : ''}"
            data-tone=${statusTone(code)}
            style="left:${r.left * 100}%;width:max(2px, ${r.width * 100}%)"
          ></span>
          <span class="bar-label ${place}" style=${labelStyle}>
            ${open ? '≥ ' : ''}${formatSpanMs(dur)}<span class="status-text" data-tone=${statusTone(code)}>${label !== 'unset' ? ` · ${label}` : ''}</span>
            <span class="visually-hidden">, starts at +${formatSpanMs(r.offsetMs)}</span>
          </span>
        </div>
      </td>
    </tr>`;
  }
}
