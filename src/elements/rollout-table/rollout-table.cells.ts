/**
 * The rollout table's body templates: the table itself (caption, header, rows and spacer gaps),
 * a column header with its sort button, and each kind of row (a rollout, an attempt of an expanded rollout, its loading / error / skipped rows) with its
 * cells. Template functions that own no state: the element passes what they show and the handlers
 * in a `RowContext` (one shadow root and one stylesheet stay the element's).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from '../shared/repeat.js';
import { guard } from 'lit/directives/guard.js';
import type { Attempt, Rollout } from '../../streams/agl.js';
import type { SkippedItem } from '../../streams/decoders/agl.js';
import { formatAgo, formatDateTime, formatDuration, truncate } from '../shared/format.js';
import { COLUMN_WIDTHS, hiddenNote } from './column-fit.js';
import type { WindowPart } from './row-window.js';
import type { DisplayRow } from './display-rows.js';
import { iconAlert, iconSortAsc, iconSortBoth, iconSortDesc } from './icons.js';
import { RolloutViewTracesEvent, type RolloutActionDetail } from './rollout-table.events.js';
import {
  COLUMNS,
  COLUMN_LABELS,
  INPUT_PREVIEW_CHARS,
  durationOf,
  inputJson,
  isExpandable,
  isOpen,
  rolloutStatusLabel,
  rolloutStatusTone,
  secToMs,
  statusTone,
  type ColumnId,
  type SortSpec,
} from './rollout-fields.js';

/** What the rows show and what they call. The handlers must be stable (created once per element). */
export interface RowContext {
  /** The clock the cells show (epoch ms). */
  nowMs: number;
  expanded: ReadonlySet<string>;
  /** Columns shown, the actions included (state rows span them). */
  colspan: number;
  /** Dispatches the element's events from its own node. */
  host: EventTarget;
  toggleExpanded(r: Rollout): void;
  retryAttempts(r: Rollout): void;
  viewJson(detail: RolloutActionDetail, nested: boolean): void;
  viewSkipped(what: string, s: SkippedItem): void;
  showTip(e: Event): void;
  hideTip(): void;
  /** The row's tabindex: 0 for the grid's active row (its one Tab stop), -1 for the others (rollout-table.keyboard.ts). */
  tabIndexFor(key: string): 0 | -1;
  /** The part loaded after the first paint (the attempts' loader and loading / error / skipped rows), once loaded. */
  rare: typeof import('./rollout-table.rare.js') | null;
  /** Why that part could not be loaded (then attempts cannot be), or null. */
  rareFailed: string | null;
}

/** What the table shows: the page's rows, the parts of them in the DOM, and the header's sort. */
export interface TableContext {
  phase: 'loading' | 'ready' | 'error';
  hidden: readonly ColumnId[];
  rowCount: number;
  /** Rollouts that pass the filters (at least, while counting), and all of them. */
  shown: number;
  total: number;
  sort: SortSpec;
  setSort(c: ColumnId): void;
  parts: readonly WindowPart[];
  rows: readonly DisplayRow[];
  rowIndexBase: number;
  row: RowContext;
  /** The grid's keyboard (rollout-table.keyboard.ts): one Tab stop, the active row's tabindex 0. */
  onKeydown(e: KeyboardEvent): void;
  onFocusIn(e: FocusEvent): void;
}

export function renderTable(c: TableContext): TemplateResult {
  const { phase, hidden } = c;
  return html`${hidden.length
      ? html`<p class="columns-note" part="columns-note" role="note">${iconAlert} ${hiddenNote(hidden as ColumnId[])}</p>`
      : nothing}<div class="wrap" part="table-wrap">
    <table
      part="table"
      role="grid"
      class=${hidden.map((h) => `hide-${h}`).join(' ')}
      @keydown=${c.onKeydown}
      @focusin=${c.onFocusIn}
      aria-busy=${phase === 'loading' ? 'true' : 'false'} aria-rowcount=${phase === 'ready' ? c.rowCount : -1}>
      <caption class="visually-hidden">
        Rollouts${phase === 'ready' ? `, ${c.shown} shown of ${c.total}` : ', loading'}
      </caption>
      <thead>
        <tr aria-rowindex="1" tabindex="-1">
          ${COLUMNS.map((col) => renderHeader(col, c.sort, c.setSort))}
          <th scope="col" class="col-actions" style=${`width:${COLUMN_WIDTHS.actions}px`}>Actions</th>
        </tr>
      </thead>
      <tbody>
        ${phase === 'loading'
          ? Array.from({ length: 8 }, () => html`<tr class="skeleton-row">${[...COLUMNS, 'actions'].map((col) => html`<td class="col-${col}"><span class="skeleton"></span></td>`)}</tr>`)
          : repeat(
              c.parts,
              (p) => ('gap' in p ? `\u0000gap${p.gap}` : c.rows[p.index].key),
              (p) =>
                'gap' in p
                  ? html`<tr class="gap" aria-hidden="true"><td colspan=${c.row.colspan} style=${`height:${p.height}px`}></td></tr>`
                  : renderRow(c.row, c.rows[p.index], c.rowIndexBase + p.index),
            )}
      </tbody>
    </table>
  </div>`;
}

export function renderHeader(c: ColumnId, sort: SortSpec, setSort: (c: ColumnId) => void): TemplateResult {
  const active = sort.column === c;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const order = sortWords(c);
  const title = active ? `Sorted ${sort.dir === 'asc' ? order[0] : order[1]}` : `Sort by ${COLUMN_LABELS[c]}, ${order[0]}`;
  return html`<th scope="col" class="col-${c}" aria-sort=${ariaSort} style=${c === 'input' ? nothing : `width:${COLUMN_WIDTHS[c]}px`}>
    <button type="button" class="sort" tabindex="-1" data-column=${c} title=${title} @click=${() => setSort(c)}>
      ${COLUMN_LABELS[c]} <span class="sort-icon ${active ? 'active' : ''}">${active ? (sort.dir === 'asc' ? iconSortAsc : iconSortDesc) : iconSortBoth}</span>
    </button>
  </th>`;
}

export function renderRow(ctx: RowContext, row: DisplayRow, rowIndex: number): TemplateResult {
  switch (row.kind) {
    case 'rollout': {
      const r = row.rollout;
      const a = r.attempt ?? null;
      const expanded = isExpandable(r) && ctx.expanded.has(r.rollout_id);
      return html`<tr part="row" class=${expanded ? 'expanded' : ''} data-rollout=${r.rollout_id} data-attempt=${a?.attempt_id ?? ''} aria-rowindex=${rowIndex} tabindex=${ctx.tabIndexFor(r.rollout_id)}>
        ${guard([r, a, expanded, ctx.nowMs], () => renderCells(ctx, r, a, false))}
      </tr>`;
    }
    case 'attempt':
      return html`<tr part="nested-row" class="nested" data-rollout=${row.rollout.rollout_id} data-attempt=${row.attempt.attempt_id} aria-rowindex=${rowIndex} tabindex=${ctx.tabIndexFor(row.key)}>
        ${guard([row.rollout, row.attempt, ctx.nowMs], () => renderCells(ctx, row.rollout, row.attempt, true))}
      </tr>`;
    default:
      // The loading, error and skipped states of an expanded rollout's attempts (rollout-table.rare.ts, loaded after the first paint).
      return ctx.rare
        ? ctx.rare.renderNestedState(ctx, row, rowIndex)
        : html`<tr class="nested-state" part="nested-row" data-key=${row.key} aria-rowindex=${rowIndex}><td colspan=${ctx.colspan}>${ctx.rareFailed ? html`<span role="alert">The attempts could not be loaded (${ctx.rareFailed}).</span>` : '…'}</td></tr>`;
  }
}

/** A row's cells; guarded by the caller, so that only rows whose content changed re-render (not on expanding another row). */
function renderCells(ctx: RowContext, r: Rollout, a: Attempt | null, nested: boolean): TemplateResult {
  const now = ctx.nowMs;
  const input = inputJson(r.input);
  const statusText = nested ? a!.status : rolloutStatusLabel(r);
  const tone = nested ? statusTone(a!.status) : rolloutStatusTone(r);
  const start = secToMs(a ? a.start_time : r.start_time);
  const dur = durationOf(r, a, now / 1000);
  const hb = secToMs(a?.last_heartbeat_time);
  const expandable = !nested && isExpandable(r);
  const expanded = expandable && ctx.expanded.has(r.rollout_id);
  const detail: RolloutActionDetail = { rollout: r, attempt: a };
  const what = nested ? `attempt ${a!.attempt_id}` : r.rollout_id;
  return html`<td class="col-rollout">
      ${nested
        ? html`<span class="nested-indent"><span class="seq">#${a!.sequence_id}</span></span>`
        : html`${expandable
              ? html`<button
                  type="button"
                  tabindex="-1"
                  class="expander mask chevron"
                  aria-expanded=${expanded ? 'true' : 'false'}
                  aria-label=${`${expanded ? 'Hide' : 'Show'} the ${a!.sequence_id} attempts of ${r.rollout_id}`}
                  title=${`${expanded ? 'Hide' : 'Show'} attempts`}
                  @click=${() => ctx.toggleExpanded(r)}
                ></button>`
              : html`<span class="expander-space"></span>`}<span class="id">${r.rollout_id}</span>`}
    </td>
    <td class=${a ? 'col-attempt id' : 'col-attempt na'}>${a ? a.attempt_id : 'N/A'}</td>
    <td class="col-input">
      <span
        class="input"
        tabindex="-1"
        aria-describedby=${input.length > INPUT_PREVIEW_CHARS ? 'input-tip' : nothing}
        .tipInput=${r.input}
        @mouseenter=${ctx.showTip}
        @focus=${ctx.showTip}
        @mouseleave=${ctx.hideTip}
        @blur=${ctx.hideTip}
        >${truncate(input, INPUT_PREVIEW_CHARS)}</span
      >
    </td>
    <td class="col-status"><span class="badge" part="badge" data-tone=${tone} title=${statusText}>${statusText}</span></td>
    <td class=${r.resources_id ? 'col-resources id' : 'col-resources na'}>${r.resources_id ?? 'N/A'}</td>
    <td class=${r.mode ? 'col-mode id' : 'col-mode na'}>${r.mode ?? 'N/A'}</td>
    <td class="col-start num">${startCell(start)}</td>
    <td class="col-duration num">${dur == null ? 'N/A' : formatDuration(dur * 1000)}${dur != null && isOpen(r, a) ? html`<span class="live-dot" title="running"></span>` : nothing}</td>
    <td class=${hb == null ? 'col-heartbeat num na' : 'col-heartbeat num'}>${hb == null ? 'N/A' : formatAgo(hb, Math.max(now, hb))}</td>
    <td class=${a?.worker_id ? 'col-worker id' : 'col-worker na'}>${a?.worker_id ?? 'N/A'}</td>
    <td class="col-actions">
      <button type="button" tabindex="-1" class="icon-button mask json" data-action="json" aria-label=${`View raw JSON of ${what}`} title="View raw JSON" @click=${() => ctx.viewJson(detail, nested)}></button
      ><button type="button" tabindex="-1" class="icon-button mask traces" data-action="traces" aria-label=${`View traces of ${what}`} title="View traces" @click=${() => ctx.host.dispatchEvent(new RolloutViewTracesEvent(detail))}></button>
    </td>`;
}

/**
 * The sort rule in words, ascending then descending: times by the moment (ascending = the
 * earliest first, for Start Time and Last Heartbeat alike), durations by length, text A to Z.
 */
function sortWords(c: ColumnId): [string, string] {
  if (c === 'start' || c === 'heartbeat') return ['oldest first', 'newest first'];
  if (c === 'duration') return ['shortest first', 'longest first'];
  return ['A to Z', 'Z to A'];
}

/** Start Time as the date over the time of day: two short lines fit a narrow column. */
function startCell(ms: number | null) {
  const text = formatDateTime(ms);
  const at = text.indexOf(' ');
  if (at < 0) return text;
  return html`<span class="date">${text.slice(0, at)}</span> <span class="time">${text.slice(at + 1)}</span>`;
}
