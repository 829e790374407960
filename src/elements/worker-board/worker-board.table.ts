/**
 * <worker-board>'s dense table (the 'table' view; the card grid is the default): its template and
 * styles, loaded when the table is first shown (TelltaleElement.lazyPart, on use; a skeleton
 * until it arrives). Windowed like the cards (the element hands it `window(renderRow)`), each row
 * of measured height. Template functions only: the rows, their order and focus are the element's.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { actionTree, heartbeat, idButton, metrics, platform, statusBadge } from './worker-board.card.js';
import type { WorkerSort } from './worker-board.model.js';
import type { ListContext } from './worker-board.list.js';

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

/** Adopted beside the element's stylesheet when this part loads. */
export const styles = [
  css`
  /* Dense table. */
  .table {
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    /* Narrow hosts scroll the table sideways rather than squeezing nine columns. */
    overflow-x: auto;
    overflow-y: hidden;
  }
  .thead,
  .tbody {
    min-width: 68rem;
  }
  .tr {
    display: grid;
    grid-template-columns: minmax(7rem, 0.9fr) minmax(11.5rem, 1.1fr) repeat(4, minmax(6rem, 1fr)) minmax(11rem, 1.8fr) minmax(5.5rem, 0.7fr) minmax(9rem, 1.3fr);
    align-items: start;
    width: 100%;
    border-bottom: 1px solid var(--_tt-border);
  }
  .thead .tr {
    background: var(--_tt-surface-2);
    font-weight: 600;
  }
  .tbody .tr:hover {
    background: var(--_tt-surface);
  }
  .th,
  .td {
    padding: 6px 8px;
    min-width: 0;
  }
  .th-btn {
    min-height: 0;
    padding: 0;
    border: none;
    background: none;
    font-weight: 600;
  }
  .th-btn:hover {
    background: none;
    text-decoration: underline;
  }
  /* In a cell the metric stacks: value, detail, sparkline (the column header names it). */
  .td .metric {
    display: block;
    padding: 0;
    background: none;
  }
  .td .metric > span {
    display: block;
  }
  .td .mlabel {
    display: none !important;
  }
  .td .mvalue,
  .td .mdetail {
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .td .mspark,
  .td .spark {
    height: 16px;
  }
  .td .tree {
    border-top: none;
    padding-top: 0;
  }
  `,
];
