/**
 * <worker-board>'s list of workers: the card grid, and the context both list views take (the
 * dense table, the non-default view, is worker-board.table.ts, loaded when first shown). Both are
 * windowed by the shared window (shared/window/; the element owns it and hands the templates
 * `window(renderRow)`): the card grid is drawn as rows of `columns` cards, the table as rows,
 * each of measured height, scrolling with the page or an ancestor scroller.
 * The list is one Tab stop: each worker's id button is its row's focus target, with a roving
 * tab index the element's RowFocusController decides (ListContext.tabIndexFor).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from '../shared/repeat.js';
import { actionTree, heartbeat, idButton, metrics, platform, statusBadge, type CardContext } from './worker-board.card.js';
import type { Row, WorkerSort } from './worker-board.model.js';

export interface ListContext extends CardContext {
  rows: readonly Row[];
  columns: number;
  sort: WorkerSort;
  setSort(s: WorkerSort): void;
  onKeydown(e: KeyboardEvent): void;
  onFocusIn(e: FocusEvent): void;
  onFocusOut(e: FocusEvent): void;
  /** The windowed rows (card rows or table rows): `renderRow(i)` draws window row `i`. */
  window(renderRow: (i: number) => TemplateResult): TemplateResult;
}

function renderCard(c: ListContext, r: Row): TemplateResult {
  return html`<article class="card" part="card" data-worker-id=${r.w.id} data-index=${r.index} data-status=${r.status} aria-label=${`Worker ${r.w.id}`}>
    <header>${idButton(c, r.w)} ${statusBadge(r)}</header>
    ${r.override ? html`<p class="override">${r.override}</p>` : nothing}
    <div class="metrics">${metrics(c, r)}</div>
    <div class="line"><span class="dim">Last heartbeat</span> ${heartbeat(r)}</div>
    ${platform(r.w)} ${actionTree(c, r)}
  </article>`;
}

export function renderCards(c: ListContext): TemplateResult {
  const cols = c.columns;
  return html`<div class="cards-list" role="list" aria-label="Workers" @keydown=${c.onKeydown} @focusin=${c.onFocusIn} @focusout=${c.onFocusOut} style=${`--cols:${cols}`}>
    ${c.window(
      (i) =>
        html`<div class="card-row" role="none">${repeat(c.rows.slice(i * cols, i * cols + cols), (r) => r.w.id, (r) => html`<div role="listitem" class="cell">${renderCard(c, r)}</div>`)}</div>`,
    )}
  </div>`;
}
