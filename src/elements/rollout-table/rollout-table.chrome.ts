/**
 * The rollout table's chrome around the rows: the toolbar (search, status and mode filter menus,
 * refresh, the shape in use), the pagination footer, the input tooltip and the raw JSON dialog
 * (the stale banner and the empty and error states load later: rollout-table.rare.ts). Template functions that own no state: the
 * element passes what they show and what they call.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ROLLOUT_STATUSES } from '../../streams/agl.js';
import { formatAgo, formatDateTime } from '../shared/format.js';
import { iconClose, iconFilter, iconRefresh, iconSearch } from './icons.js';
import { MODE_FILTER_VALUES, statusTone, type DetectedShape, type WireShape } from './rollout-fields.js';

export const PAGE_SIZES = [25, 50, 100, 200, 500] as const;

const numberFormat = new Intl.NumberFormat();
/** Number.prototype.toLocaleString builds a formatter per call; this one is reused. */
export const fmtInt = (n: number): string => numberFormat.format(n);

export interface ToolbarContext {
  searchDraft: string;
  statusFilter: ReadonlySet<string>;
  modeFilter: ReadonlySet<string>;
  search: string;
  counts: { statuses: Map<string, number>; modes: Map<string, number> };
  refreshing: boolean;
  /** "Updated … ago" when given. */
  loadedAt: number | null;
  nowMs: number;
  /** The wire shape in use, the configured one, and the list's URL. */
  shape: DetectedShape | null;
  configuredShape: WireShape;
  listUrl: string;
  /** Property data: nothing to refresh. */
  propertyData: boolean;
  onSearchInput(e: Event): void;
  /** Enter in the search box: search now. */
  searchNow(): void;
  toggleFilter(which: 'status' | 'mode', value: string, on: boolean): void;
  clearFilters(): void;
  refresh(): void;
}

/**
 * The toolbar. "Refreshing" and "Updated … ago" are not live regions: they change with every
 * auto-refresh and every second; a failed refresh is the stale banner's, announced once.
 */
export function renderToolbar(c: ToolbarContext): TemplateResult {
  const shape = c.shape;
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
        .value=${c.searchDraft}
        @input=${c.onSearchInput}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') c.searchNow();
        }}
      />
    </label>
    ${renderFilterMenu(c, 'status', 'Status', ROLLOUT_STATUSES, c.statusFilter, c.counts.statuses)}
    ${renderFilterMenu(c, 'mode', 'Mode', MODE_FILTER_VALUES, c.modeFilter, c.counts.modes)}
    ${c.statusFilter.size || c.modeFilter.size || c.search ? html`<button type="button" class="link" @click=${() => c.clearFilters()}>Clear filters</button>` : nothing}
    <span class="spacer"></span>
    ${c.refreshing ? html`<span class="refreshing">Refreshing</span>` : nothing}
    ${c.loadedAt
      ? html`<span class="updated" title=${formatDateTime(c.loadedAt)}>Updated ${formatAgo(c.loadedAt, Math.max(c.nowMs, c.loadedAt))}</span>`
      : nothing}
    ${shape
      ? html`<span
          class="shape"
          data-shape=${shape}
          title=${shape === 'envelope' ? `Agent-lightning store API: ${c.listUrl}` : `Seed API (bare array): ${c.listUrl}`}
          >${shape === 'envelope' ? '/v1/agl envelope' : 'seed array'}${c.configuredShape === 'auto' ? ' · detected' : ''}</span
        >`
      : nothing}
    ${c.propertyData
      ? nothing
      : html`<button type="button" class="icon-button" @click=${() => c.refresh()} aria-label="Refresh rollouts" title="Refresh">${iconRefresh}</button>`}
  </div>`;
}

function renderFilterMenu(
  c: ToolbarContext,
  which: 'status' | 'mode',
  label: string,
  values: readonly string[],
  selected: ReadonlySet<string>,
  counts: Map<string, number>,
): TemplateResult {
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
    <summary class=${selected.size ? 'active' : ''}>${iconFilter} ${label}${selected.size ? html` <span class="count">${selected.size}</span>` : nothing}</summary>
    <fieldset class="menu-body">
      <legend class="visually-hidden">Filter by ${label.toLowerCase()}</legend>
      ${values.map(
        (v) => html`<label class="option">
          <input type="checkbox" .checked=${selected.has(v)} @change=${(e: Event) => c.toggleFilter(which, v, (e.target as HTMLInputElement).checked)} />
          ${which === 'status' ? html`<span class="badge" data-tone=${statusTone(v)}>${v}</span>` : html`<span>${v === 'none' ? 'no mode' : v}</span>`}
          <span class="option-count">${counts.get(v) ?? 0}</span>
        </label>`,
      )}
    </fieldset>
  </details>`;
}

export interface PaginationContext {
  page: number;
  pageCount: number;
  pageSize: number;
  /** Rollouts that pass the filters (null while a search is still being counted: `foundSoFar` at least), and all of them. */
  shown: number | null;
  foundSoFar: number;
  total: number;
  /** Go to a page; `from` is the pager button used (focus stays in the pager if the change disables it). */
  goTo(page: number, from?: EventTarget | null): void;
  setPageSize(size: number): void;
}

export function renderPagination(c: PaginationContext): TemplateResult {
  const size = c.pageSize;
  const shown = c.shown ?? c.foundSoFar;
  const from = shown === 0 ? 0 : c.page * size + 1;
  const to = Math.min(shown, (c.page + 1) * size);
  const counting = c.shown == null;
  const sizes = (PAGE_SIZES as readonly number[]).includes(size) ? PAGE_SIZES : [...PAGE_SIZES, size].sort((a, b) => a - b);
  return html`<nav class="pagination" part="pagination" aria-label="Pages of rollouts">
    <label class="page-size"
      >Rows per page
      <select @change=${(e: Event) => c.setPageSize(Number((e.target as HTMLSelectElement).value))}>
        ${sizes.map((s) => html`<option value=${s} ?selected=${s === size}>${s}</option>`)}
      </select></label
    >
    <span class="range" aria-live="polite"
      >${fmtInt(from)}–${fmtInt(to)} of ${counting ? `at least ${fmtInt(to)} (counting)` : fmtInt(shown)}${shown !== c.total ? html` <span class="dim">(filtered from ${fmtInt(c.total)})</span>` : nothing}</span
    >
    <span class="pager">
      <button type="button" aria-label="First page" ?disabled=${c.page === 0} @click=${(e: Event) => c.goTo(0, e.currentTarget)}>«</button>
      <button type="button" aria-label="Previous page" ?disabled=${c.page === 0} @click=${(e: Event) => c.goTo(c.page - 1, e.currentTarget)}>‹</button>
      <span class="page-label">Page ${c.page + 1} of ${counting ? '…' : c.pageCount}</span>
      <button type="button" aria-label="Next page" ?disabled=${c.page >= c.pageCount - 1} @click=${(e: Event) => c.goTo(c.page + 1, e.currentTarget)}>›</button>
      <button type="button" aria-label="Last page" ?disabled=${!counting && c.page >= c.pageCount - 1} @click=${(e: Event) => c.goTo(Infinity, e.currentTarget)}>»</button>
    </span>
  </nav>`;
}

/** The input tooltip; a negative `y` anchors its bottom that far above the viewport's bottom. */
export function renderTip(t: { text: string; x: number; y: number } | null): TemplateResult {
  return html`<div
    id="input-tip"
    class="tip"
    role="tooltip"
    ?hidden=${!t}
    style=${t ? (t.y >= 0 ? `left:${t.x}px;top:${t.y}px` : `left:${t.x}px;bottom:${window.innerHeight + t.y}px`) : ''}
>${t?.text ?? ''}</div>`;
}

export function renderDialog(
  d: { title: string; value: unknown } | null,
  onClose: () => void,
  onBackdrop: (e: MouseEvent) => void,
  close: () => void,
): TemplateResult {
  return html`<dialog part="dialog" aria-labelledby="dialog-title" @close=${onClose} @click=${onBackdrop}>
    ${d
      ? html`<header>
            <h2 id="dialog-title">${d.title}</h2>
            <button type="button" class="icon-button" aria-label="Close" @click=${close}>${iconClose}</button>
          </header>
          <json-view .value=${d.value} label=${`Raw JSON of ${d.title}`}></json-view>`
      : nothing}
  </dialog>`;
}
