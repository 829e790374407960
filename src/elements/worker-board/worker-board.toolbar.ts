/**
 * <worker-board>'s chrome, as template functions: the search / sort / layout bar with the
 * connection pill, the status summary (which is also the status filter) and the loading
 * skeleton. They own no state: the element passes what they show and the handlers.
 */
import { html, type TemplateResult } from 'lit';
import { WORKER_STATUSES, type WorkerStatus } from '../../streams/models.js';
import type { ConnectionState } from '../../streams/types.js';
import { renderConnection } from '../shared/cluster/cluster-panels.js';
import { WORKER_SORTS, type StatusCounts, type WorkerSort, type WorkerView } from './worker-board.model.js';
import { STATUS_LABEL, STATUS_TONE } from './worker-board.card.js';

const SORT_LABEL: Record<WorkerSort, string> = { id: 'Worker id', status: 'Status', cpu: 'CPU', memory: 'Memory', heartbeat: 'Last heartbeat' };

export interface ToolbarContext {
  query: string;
  sort: WorkerSort;
  view: WorkerView;
  connection: ConnectionState | null;
  /** Counts are shown (and the filter usable) only once data is ready. */
  ready: boolean;
  counts: StatusCounts;
  statusFilter: WorkerStatus | null;
  onSearch(e: Event): void;
  setSort(s: WorkerSort): void;
  setView(v: WorkerView): void;
  /** null = all; the same status again clears the filter. */
  setFilter(s: WorkerStatus | null): void;
}

export function renderToolbar(c: ToolbarContext): TemplateResult {
  const n = c.counts;
  return html`
    <div class="toolbar" part="toolbar">
      <input
        type="search"
        aria-label="Search workers by id or platform property"
        placeholder="Search id or property (OSFamily:linux)"
        .value=${c.query}
        @input=${c.onSearch}
      />
      <label class="sort">
        <span class="dim">Sort</span>
        <select aria-label="Sort workers by" .value=${c.sort} @change=${(e: Event) => c.setSort((e.target as HTMLSelectElement).value as WorkerSort)}>
          ${WORKER_SORTS.map((s) => html`<option value=${s} ?selected=${s === c.sort}>${SORT_LABEL[s]}</option>`)}
        </select>
      </label>
      <span class="grow"></span>
      <div class="segmented" role="group" aria-label="Layout">
        <button type="button" aria-pressed=${c.view === 'cards'} @click=${() => c.setView('cards')}>Cards</button>
        <button type="button" aria-pressed=${c.view === 'table'} @click=${() => c.setView('table')}>Table</button>
      </div>
      ${renderConnection(c.connection)}
    </div>
    <div class="summary" part="summary" role="group" aria-label="Filter by status">
      <button type="button" class="count" aria-pressed=${c.statusFilter === null} @click=${() => c.setFilter(null)} ?disabled=${!c.ready}>
        <span class="n">${c.ready ? n.all : '–'}</span><span class="l">All</span>
      </button>
      ${WORKER_STATUSES.map(
        (s) => html`<button
          type="button"
          class="count"
          data-status=${s}
          data-tone=${STATUS_TONE[s]}
          aria-pressed=${c.statusFilter === s}
          ?disabled=${!c.ready}
          @click=${() => c.setFilter(s)}
        >
          <span class="n">${c.ready ? n[s] : '–'}</span><span class="l"><span class="dot" aria-hidden="true"></span>${STATUS_LABEL[s]}</span>
        </button>`,
      )}
    </div>
  `;
}

export function renderSkeleton(): TemplateResult {
  return html`<div class="cards skeleton-cards" aria-busy="true" aria-label="Loading workers" role="status">
    ${[0, 1, 2, 3, 4, 5].map(
      () => html`<div class="card">
        <span class="skeleton" style="width:45%"></span>
        <span class="skeleton" style="width:70%"></span>
        <span class="skeleton" style="width:90%;height:2.4em"></span>
        <span class="skeleton" style="width:60%"></span>
      </div>`,
    )}
  </div>`;
}
