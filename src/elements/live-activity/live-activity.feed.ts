/**
 * <live-activity>'s feed: the loading skeleton, the empty, failed and "nothing matches"
 * placeholders, and the windowed list of rows (only the visible ones are drawn, by position).
 * Template functions only: the view, the window, focus and the handlers are the element's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { stripAnsi } from '../shared/ansi.js';
import { renderErrorPanel, type ErrorPanelPart } from '../shared/error-panel.js';
import type { ErrorStateOptions } from '../shared/error-state.js';
import { maxLength } from '../shared/window/index.js';
import { renderKeyedBlock } from '../shared/window/keyed-block.js';
import { formatTime, safeIso } from '../shared/format.js';
import { safeText } from '../shared/safe-text.js';
import { STATUS_LABELS, STATUS_TONES, type ActivityItem } from './activity-store.js';
import { icon } from './icons.js';
import type { Feed, RowsShown } from './live-activity.types.js';

export interface FeedContext {
  feed: Feed;
  /** Waiting for the first snapshot. */
  loading: boolean;
  /** Nothing came and the connection failed: the error state's options (else null). */
  failed: ErrorStateOptions | null;
  /** The error panel's lazy part. */
  errorPanel: ErrorPanelPart;
  /** Loaded, but nothing kept. */
  empty: boolean;
  /** The rows to draw (the view's visible slice as last drawn). */
  shown: RowsShown;
  rowHeight: number;
  selectedId: string | null;
  /** The key of the row with tabindex=0: the feed is one Tab stop (roving focus). */
  tabStop: string | undefined;
  open(id: string): void;
  clearFilters(): void;
  onKeydown(e: KeyboardEvent): void;
  onFocusIn(e: FocusEvent): void;
  onFocusOut(e: FocusEvent): void;
}

export function renderFeed(c: FeedContext): TemplateResult {
  if (c.loading) {
    return html`<div class="skeletons" part="feed" role="status" aria-busy="true" aria-label="Loading activity">
      ${[0, 1, 2, 3, 4, 5].map(
        () => html`<div class="skeleton-row">
          <span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span>
        </div>`,
      )}
    </div>`;
  }
  if (c.failed) return html`<div class="placeholder error" part="feed">${renderErrorPanel(c.errorPanel, c.failed)}</div>`;
  if (c.empty) {
    return html`<div class="placeholder" part="feed">
      <strong>No activity yet</strong>
      <span>${c.feed === 'tasks' ? 'Events appear here as tasks arrive.' : 'Activities appear here as they happen.'}</span>
    </div>`;
  }
  const shown = c.shown;
  if (shown.length === 0) {
    return html`<div class="placeholder" part="feed">
      <strong>Nothing matches</strong>
      <span>No ${c.feed === 'tasks' ? 'event' : 'activity'} matches these filters.</span>
      <button class="clear-filters" @click=${c.clearFilters}>Clear filters</button>
    </div>`;
  }
  return html`<div
    class="feed"
    part="feed"
    role="list"
    aria-labelledby="feed-heading"
    @keydown=${c.onKeydown}
    @focusin=${c.onFocusIn}
    @focusout=${c.onFocusOut}
  >
    ${renderKeyedBlock(
      // By position, keyed `index + offset`: the focused row's element follows it (feed-controller.ts).
      { keyAt: (i) => i + shown.offset, offsetOf: (i) => i * c.rowHeight },
      Math.min(shown.length, maxLength(c.rowHeight)) * c.rowHeight,
      { ...shown, keep: shown.kept?.index },
      (i, kept) => renderRow(c, kept ? shown.kept!.item : shown.items[i - shown.first], i, shown.length, kept),
    )}
  </div>`;
}

function renderRow(c: FeedContext, it: ActivityItem, index: number, setSize: number, kept?: string): TemplateResult {
  const text = (it.display ??= {
    title: stripAnsi(it.title),
    sub: it.taskEvent ? it.detail : [stripAnsi(it.detail), it.worker, it.client].filter(Boolean).join(' · '),
    iso: safeIso(it.time),
    time: formatTime(it.time),
  });
  return html`<div class="cell" role="listitem" aria-setsize=${setSize} aria-posinset=${index + 1} style=${kept ?? nothing}>
    <button
      class="row"
      part="row"
      data-id=${it.id}
      data-index=${index}
      tabindex=${it.id === c.tabStop ? 0 : -1}
      aria-current=${c.selectedId === it.id ? 'true' : 'false'}
      @click=${() => c.open(it.id)}
    >
      <span class="kind badge" data-tone=${it.tone}>${icon(it.icon)}<span class="label">${it.label}</span></span>
      <span class="text">
        <span class="title">${safeText(text.title, 300)}</span>
        <span class="sub">${safeText(text.sub, 300)}</span>
      </span>
      <span class="badge" data-tone=${STATUS_TONES[it.status]} title=${it.followsTask ? 'Status of this event’s task' : nothing}
        >${STATUS_LABELS[it.status]}${it.activity ? html`<span class="visually-hidden">, ${it.stage}</span>` : it.followsTask ? html`<span class="visually-hidden"> (its task)</span>` : nothing}</span
      >
      <time class="time" datetime=${text.iso}>${text.time}</time>
    </button>
  </div>`;
}
