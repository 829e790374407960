/**
 * The parts of <rollout-table> a first paint does not show, loaded after it (lazy-part.ts): the
 * empty, error and stale states, the notice of rollouts that could not be read, the loading /
 * error / skipped rows of an expanded rollout's attempts, and their styles (with the shared
 * error-state and skipped-notice styles). Template functions that own no state.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { errorStateStyles, isCorsRefusal, probeCorsServer, renderErrorState } from '../shared/error-state.js';
import { renderSkippedNotice, skippedNoticeStyles } from '../shared/skipped-notice.js';
import { formatTime } from '../shared/format.js';
import type { DisplayRow } from './display-rows.js';
import { iconAlert, iconRefresh } from './icons.js';
import { fmtInt } from './rollout-table.chrome.js';
import type { RowContext } from './rollout-table.cells.js';
import { rareStyles } from './rollout-table.rare.styles.js';

export { isCorsRefusal, probeCorsServer, renderErrorState, renderSkippedNotice };

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
