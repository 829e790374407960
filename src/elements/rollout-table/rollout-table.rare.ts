/**
 * The parts of <rollout-table> a first paint does not show, loaded after it (shared/lazy-part.ts): the
 * empty, error and stale states, the notice of rollouts that could not be read, the loading /
 * error / skipped rows of an expanded rollout's attempts, where the input tooltip goes, and their styles (with the shared
 * error-state and skipped-notice styles). Template functions that own no state; with them come
 * the attempts' loader (attempts-controller.ts, which the element makes when this part arrives)
 * and the packed string order (string-order.ts), which loading this part installs.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { errorStateStyles, isCorsRefusal, probeCorsServer, renderErrorState } from '../shared/error-state.js';
import { renderSkippedNotice, skippedNoticeStyles } from '../shared/skipped-notice.js';
import { formatTime, safeJson } from '../shared/format.js';
import type { DisplayRow } from './display-rows.js';
import { iconAlert, iconRefresh } from './icons.js';
import { fmtInt } from './rollout-table.chrome.js';
import type { RowContext } from './rollout-table.cells.js';
import { rareStyles } from './rollout-table.rare.styles.js';
import { installStringOrder } from './column-order.js';
import { packedStringOrder } from './string-order.js';

// Sorting by a text column (ids, JSON) is fast from here on; until now a comparator sort gave the same order.
installStringOrder(packedStringOrder);

export { isCorsRefusal, probeCorsServer, renderErrorState, renderSkippedNotice };
export { AttemptsController } from './attempts-controller.js';

/** Adopted beside the element's stylesheet when this part loads. */
export const styles = [skippedNoticeStyles, errorStateStyles, rareStyles];

/** The empty-state illustration: an empty tray. */
const emptyIllustration = svg`<svg class="illustration" viewBox="0 0 120 90" width="120" height="90" aria-hidden="true" focusable="false">
  <rect x="14" y="18" width="92" height="58" rx="8" fill="var(--_tt-surface-2)" stroke="var(--_tt-border)" stroke-width="2"/>
  <path d="M14 50h26l6 10h28l6-10h26" fill="none" stroke="var(--_tt-border)" stroke-width="2"/>
  <rect x="34" y="28" width="52" height="6" rx="3" fill="var(--_tt-border)"/>
  <rect x="42" y="39" width="36" height="5" rx="2.5" fill="var(--_tt-border)" opacity="0.7"/>
  <circle cx="95" cy="16" r="10" fill="var(--_tt-bg)" stroke="var(--_tt-accent)" stroke-width="2"/>
  <path d="M91 16h8" stroke="var(--_tt-accent)" stroke-width="2" stroke-linecap="round"/>
</svg>`;

export function renderStale(reason: string, loadedAt: number | null, retry: () => void): TemplateResult {
  return html`<div class="stale" part="stale" role="status">
    ${iconAlert}
    <span>Could not refresh (${reason}). Showing the rollouts from ${loadedAt ? formatTime(loadedAt) : 'earlier'}.</span>
    <button type="button" @click=${retry}>Retry</button>
  </div>`;
}

export interface EmptyContext {
  /** Rollouts exist but the filters hide them all. */
  filtered: boolean;
  total: number;
  skipped: number;
  propertyData: boolean;
  clearFilters(): void;
  refresh(): void;
}

export function renderEmpty(c: EmptyContext): TemplateResult {
  const { filtered, skipped } = c;
  return html`<div class="state empty" part="empty">
    ${emptyIllustration}
    <strong>${filtered ? 'No rollouts match the filters' : skipped ? 'No rollout could be read' : 'No rollouts yet'}</strong>
    <p>${filtered
      ? `${fmtInt(c.total)} rollouts are hidden by the status, mode or search filters.`
      : skipped
        ? `The server answered with ${fmtInt(skipped)} ${skipped === 1 ? 'rollout' : 'rollouts'}, none of which could be read: see the details above.`
        : 'Rollouts appear here once the store has any.'}</p>
    <div class="actions">
      ${filtered ? html`<button type="button" class="primary" @click=${() => c.clearFilters()}>Clear filters</button>` : nothing}
      ${c.propertyData ? nothing : html`<button type="button" @click=${() => c.refresh()}>${iconRefresh} Refresh</button>`}
    </div>
  </div>`;
}

/** The row standing for an expanded rollout's attempts while they load, when they failed, or the notice of attempts that could not be read. */
export function renderNestedState(ctx: RowContext, row: DisplayRow, rowIndex: number): TemplateResult {
  switch (row.kind) {
    case 'skipped':
      return html`<tr class="nested-state skipped-row" part="nested-row" data-key=${row.key} aria-rowindex=${rowIndex} tabindex=${ctx.tabIndexFor(row.key)}>
        <td colspan=${ctx.colspan}>
          <div class="nested-indent">
            ${renderSkippedNotice(row.skipped, {
              noun: 'attempt',
              shown: row.shown,
              onViewRaw: (s) => ctx.viewSkipped(`Attempt of ${row.rollout.rollout_id}`, s),
            })}
          </div>
        </td>
      </tr>`;
    case 'error':
      return html`<tr class="nested-state error-row" part="nested-row" data-key=${row.key} aria-rowindex=${rowIndex} tabindex=${ctx.tabIndexFor(row.key)}>
        <td colspan=${ctx.colspan}>
          <span class="nested-indent" role="alert">${iconAlert} Could not load the attempts: ${row.reason}</span>
          <button type="button" tabindex="-1" @click=${() => ctx.retryAttempts(row.rollout)}>Retry</button>
        </td>
      </tr>`;
    default:
      return html`<tr class="nested-state" part="nested-row" data-key=${row.key} aria-rowindex=${rowIndex} tabindex=${ctx.tabIndexFor(row.key)}>
        <td colspan=${ctx.colspan}>
          <span class="nested-indent" role="status"><span class="spinner" aria-hidden="true"></span> Loading attempts of ${row.rollout.rollout_id}…${row.kind === 'loading' && row.reason ? html` (${row.reason})` : nothing}</span>
        </td>
      </tr>`;
  }
}

/**
 * The input tooltip for a cell's input span: its text, below the span's row, or above the row
 * (`y` negative, anchoring the tip's bottom) when there is no room below; it never covers the row
 * it describes. On keyboard focus (`keyboard`) it also keeps clear of the table's header and its
 * pagination (what the keyboard user moves to next), and is not shown when it cannot: the full
 * input stays the span's description (aria-describedby) either way.
 */
export function tipAt(el: HTMLElement & { tipInput?: unknown }, keyboard = false): { text: string; x: number; y: number } | null {
  const text = tipText(el.tipInput);
  const span = el.getBoundingClientRect();
  const row = (el.closest('tr') ?? el).getBoundingClientRect();
  const x = Math.max(4, Math.min(span.left, window.innerWidth - 360));
  const below = row.bottom + 4;
  if (!keyboard) {
    if (below + 120 <= window.innerHeight) return { text, x, y: below };
    return { text, x, y: -Math.max(4, row.top - 4) };
  }
  // The tip's box, estimated from its text (monospace 12 px, pre-wrap, at most 560 px and 40 % of the viewport high).
  const lines = text.split('\n');
  const width = Math.min(560, window.innerWidth * 0.9, 20 + 7.3 * Math.max(...lines.map((l) => l.length)));
  const perLine = Math.max(1, Math.floor((width - 20) / 7.3));
  const height = Math.min(window.innerHeight * 0.4, 14 + 18 * lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / perLine)), 0));
  const root = el.getRootNode() as ParentNode;
  const pager = root.querySelector?.('nav.pagination')?.getBoundingClientRect();
  const head = root.querySelector?.('thead')?.getBoundingClientRect();
  const covers = (r: DOMRect | undefined, top: number) => !!r && top < r.bottom && top + height > r.top && x < r.right && x + width > r.left;
  if (below + height <= window.innerHeight && !covers(pager, below)) return { text, x, y: below };
  const above = row.top - 4 - height;
  if (above >= Math.max(0, head?.bottom ?? 0) && !covers(pager, above)) return { text, x, y: -(row.top - 4) };
  return null;
}

/** The full input for the tooltip: pretty JSON, bounded. */
export function tipText(input: unknown): string {
  const t = typeof input === 'string' ? input : safeJson(input, 2);
  return t.length > 2000 ? `${t.slice(0, 2000)}… (View raw JSON for the rest)` : t;
}
