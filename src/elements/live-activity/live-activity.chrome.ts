/**
 * <live-activity>'s chrome around the feed: the header (title, total, connection, staleness,
 * pause), the toolbar (type and status facets with counts, search, client chip) and the notes
 * above the feed (feed notices, fatal error, paused, resume). Template functions only: the
 * state and the handlers are the element's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectionState, SourceStatus } from '../../streams/types.js';
import { formatAgo } from '../shared/format.js';
import { renderFeedNotices } from '../shared/feed-notices.js';
import {
  STATUS_FILTERS,
  STATUS_LABELS,
  TASK_STATUS_FILTERS,
  TASK_TYPE_FILTERS,
  TASK_TYPE_FILTER_LABELS,
  TYPE_FILTERS,
  TYPE_FILTER_LABELS,
  type StatusFilter,
  type TypeFilter,
} from './activity-store.js';
import { icon } from './icons.js';
import { CONNECTION_LOOK, nf, type Feed, type FeedView } from './live-activity.types.js';

export interface HeaderContext {
  feed: Feed;
  heading: string | undefined;
  conn: ConnectionState | null;
  /** Why the connection is not live (shown beside it). */
  reason: string | null;
  /** When the last event came (ms), for "Stale · updated N ago". */
  lastEventAt: number | null;
  stale: boolean;
  paused: boolean;
  /** Events that arrived while paused. */
  arrived: number;
  size: number;
  now: number;
  togglePause(): void;
}

export function renderHeader(c: HeaderContext): TemplateResult {
  const look = c.conn ? CONNECTION_LOOK[c.conn] : null;
  const { reason, arrived } = c;
  const heading = c.heading ?? (c.feed === 'tasks' ? 'Live task monitor' : 'Live activity');
  return html`<header part="header">
    <h2>${heading}</h2>
    <span class="total">${nf.format(c.size)} ${c.feed === 'tasks' ? 'events' : 'activities'}</span>
    <span class="spacer"></span>
    ${look
      ? html`<span class="conn" part="connection" data-tone=${look.tone} role="status" aria-live="polite" title=${reason ?? ''}>
          <span class="dot" aria-hidden="true"></span><span class="conn-text">${look.text}</span>
          ${reason && look.tone !== 'ok' ? html`<span class="reason">${reason}</span>` : nothing}
        </span>`
      : nothing}
    ${c.stale
      ? html`<span class="badge stale" data-tone="warn" title="The connection is down; what is shown may be out of date."
          >Stale${c.lastEventAt ? html` · updated ${formatAgo(c.lastEventAt, c.now)}` : nothing}</span
        >`
      : nothing}
    <button class="pause" aria-pressed=${c.paused ? 'true' : 'false'} @click=${c.togglePause}>
      ${c.paused
        ? html`${icon('play')} Resume${arrived > 0 ? html` <span class="new-count">(${nf.format(arrived)} new)</span>` : nothing}`
        : html`${icon('pause')} Pause`}
    </button>
  </header>`;
}

export interface ToolbarContext {
  feed: Feed;
  type: TypeFilter;
  status: StatusFilter;
  search: string;
  client: string;
  typeCounts: FeedView['typeCounts'];
  statusCounts: FeedView['statusCounts'];
  setType(t: TypeFilter): void;
  setStatus(s: StatusFilter): void;
  onSearch(e: Event): void;
  clearClient(): void;
}

export function renderToolbar(c: ToolbarContext): TemplateResult {
  const { typeCounts, statusCounts } = c;
  // The task feed offers the facets its events have (see TASK_TYPE_FILTERS).
  const tasks = c.feed === 'tasks';
  const types: readonly TypeFilter[] = tasks ? TASK_TYPE_FILTERS : TYPE_FILTERS;
  // `Ended` (a task gone without its outcome in the feed) is rare: offered while it names rows.
  const statuses: readonly StatusFilter[] = tasks ? TASK_STATUS_FILTERS.filter((s) => s !== 'ended' || statusCounts.ended > 0 || c.status === 'ended') : STATUS_FILTERS;
  const typeLabel = (t: TypeFilter) => (tasks ? TASK_TYPE_FILTER_LABELS[t] : undefined) ?? TYPE_FILTER_LABELS[t];
  return html`<div class="toolbar" part="toolbar">
    <div class="facet" role="group" aria-labelledby="type-label">
      <span class="facet-label" id="type-label">Type</span>
      <div class="segmented">
        ${types.map(
          (t) => html`<button data-type=${t} aria-pressed=${c.type === t ? 'true' : 'false'} @click=${() => c.setType(t)}>
            ${typeLabel(t)} <span class="count">${nf.format(typeCounts[t])}</span>
          </button>`,
        )}
      </div>
    </div>
    <div class="facet" role="group" aria-labelledby="status-label">
      <span class="facet-label" id="status-label">Status</span>
      <div class="segmented">
        ${statuses.map(
          (s) => html`<button data-status=${s} aria-pressed=${c.status === s ? 'true' : 'false'} @click=${() => c.setStatus(s)}>
            ${STATUS_LABELS[s]} <span class="count">${nf.format(statusCounts[s])}</span>
          </button>`,
        )}
      </div>
    </div>
    <label class="search">
      ${icon('search')}
      <span class="visually-hidden">Search activity</span>
      <input
        type="search"
        placeholder=${tasks ? 'Search task, step, validator…' : 'Search id, title, detail, worker, client…'}
        .value=${c.search}
        @input=${c.onSearch}
      />
    </label>
    ${c.client
      ? html`<span class="chip badge" data-tone="info"
          >${tasks ? 'Validator' : 'Client'}: ${c.client}
          <button aria-label="Show every client" @click=${c.clearClient}>${icon('close')}</button></span
        >`
      : nothing}
  </div>`;
}

export interface NotesContext {
  sourceStatus: SourceStatus | null;
  /** The feed failed for good after data came: this reason (else null). */
  fatal: string | null;
  paused: boolean;
  arrived: number;
  resumeNote: string | null;
  dismissResumeNote(): void;
}

export function renderNotes(c: NotesContext): TemplateResult | typeof nothing {
  const notes: TemplateResult[] = [];
  const feedNotices = renderFeedNotices(c.sourceStatus);
  if (feedNotices !== nothing) notes.push(html`<div class="feed-notices">${feedNotices}</div>`);
  if (c.fatal !== null) notes.push(html`<p class="note error" role="alert">${icon('error')} ${c.fatal}</p>`);
  if (c.paused) {
    const { arrived } = c;
    notes.push(
      html`<p class="note">
        ${icon('pause')} Paused${arrived > 0 ? html` — ${nf.format(arrived)} new ${arrived === 1 ? 'event' : 'events'} waiting` : nothing}.
        Resume from the button above.
      </p>`,
    );
  }
  if (c.resumeNote) {
    notes.push(
      html`<p class="note" role="status">
        ${c.resumeNote} <button @click=${c.dismissResumeNote}>Dismiss</button>
      </p>`,
    );
  }
  return notes.length ? html`${notes}` : nothing;
}

/**
 * In the details' place when their part failed to load: what failed and why (a failed import
 * stays failed until the page reloads); Close and Escape work as in the panel.
 */
export function renderDetailsFailed(id: string, err: Error, close: () => void, onKeydown: (e: KeyboardEvent) => void): TemplateResult {
  return html`<section class="details details-failed" part="details" role="dialog" aria-labelledby="details-title" @keydown=${onKeydown}>
    <h3 id="details-title">${id}</h3>
    <p role="alert">The details could not be loaded (${err.message || 'the server did not answer'}). Reload the page to try again.</p>
    <button class="close" @click=${close}>Close</button>
  </section>`;
}
