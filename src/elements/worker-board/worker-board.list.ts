/**
 * <worker-board>'s list of workers, as template functions: the card grid and the dense table,
 * both windowed by the shared window (shared/window/; the element owns it and hands the
 * templates `window(renderRow)`): the card grid is drawn as rows of `columns` cards, the table
 * as rows, each of measured height, scrolling with the page or an ancestor scroller.
 * The list is one Tab stop: each worker's id button is its row's focus target, with a roving
 * tab index the element's RowFocusController decides (ListContext.tabIndexFor).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
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

function sortHeader(c: ListContext, key: WorkerSort | null, label: string): TemplateResult {
  if (!key) return html`<div role="columnheader" class="th">${label}</div>`;
  const active = c.sort === key;
  const asc = key === 'id' || key === 'status';
  return html`<div role="columnheader" class="th" aria-sort=${active ? (asc ? 'ascending' : 'descending') : 'none'}>
    <button type="button" class="th-btn" @click=${() => c.setSort(key)}>${label}${active ? html`<span aria-hidden="true"> ${asc ? '↑' : '↓'}</span>` : nothing}</button>
  </div>`;
}

export function renderTable(c: ListContext): TemplateResult {
  return html`<div class="table" part="table" role="table" aria-label="Workers" aria-rowcount=${c.rows.length + 1}>
    <div role="rowgroup" class="thead">
      <div role="row" class="tr" aria-rowindex="1">
        ${sortHeader(c, 'id', 'Worker')} ${sortHeader(c, 'status', 'Status')} ${sortHeader(c, 'cpu', 'CPU')}
        ${sortHeader(c, 'memory', 'Memory')} ${sortHeader(c, null, 'Disk')} ${sortHeader(c, null, 'Network')}
        ${sortHeader(c, null, 'Actions')} ${sortHeader(c, 'heartbeat', 'Heartbeat')} ${sortHeader(c, null, 'Platform')}
      </div>
    </div>
    <div role="rowgroup" class="tbody" @keydown=${c.onKeydown} @focusin=${c.onFocusIn} @focusout=${c.onFocusOut}>
      ${c.window((i) => {
          const r = c.rows[i];
          const [cpu, mem, disk, net] = metrics(c, r);
          return html`<div role="row" class="tr" part="row" data-worker-id=${r.w.id} data-index=${r.index} data-status=${r.status} aria-rowindex=${r.index + 2}>
            <div role="cell" class="td">${idButton(c, r.w)}</div>
            <div role="cell" class="td">${statusBadge(r)}</div>
            <div role="cell" class="td">${cpu}</div>
            <div role="cell" class="td">${mem}</div>
            <div role="cell" class="td">${disk}</div>
            <div role="cell" class="td">${net}</div>
            <div role="cell" class="td">${actionTree(c, r)}</div>
            <div role="cell" class="td">${heartbeat(r)}</div>
            <div role="cell" class="td">${platform(r.w)}</div>
          </div>`;
      })}
    </div>
  </div>`;
}
