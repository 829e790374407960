/**
 * <live-activity>'s "Active now" panel (or "Active tasks" in the task feed): what is in
 * progress, longest-running first, with elapsed time; windowed like the feed (it can hold
 * every kept item). A template function: the window and the clock are the element's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { stripAnsi } from '../shared/ansi.js';
import { renderWindow, type WindowRange } from '../shared/fixed-window.js';
import { formatDuration } from '../shared/format.js';
import type { ActiveEntry } from './activity-store.js';
import { ACTIVE_ROW, type Feed } from './live-activity.types.js';

export interface ActiveContext {
  feed: Feed;
  entries: readonly ActiveEntry[];
  /** The clock elapsed times count to (ms). */
  now: number;
  loading: boolean;
  /** The rows of the panel's window to draw. */
  range: WindowRange;
  /** Open the details of the entry's item. */
  open(itemId: string): void;
  /** The entry with tabindex=0: the list is one Tab stop (roving focus). */
  tabStop: string | undefined;
  onKeydown(e: KeyboardEvent): void;
  onFocusIn(e: FocusEvent): void;
  onFocusOut(e: FocusEvent): void;
}

export function renderActive(c: ActiveContext): TemplateResult {
  const { entries, now } = c;
  const title = c.feed === 'tasks' ? 'Active tasks' : 'Active now';
  return html`<section class="active" part="active" aria-labelledby="active-heading">
    <h3 id="active-heading">${title} <span class="badge" data-tone=${entries.length ? 'info' : 'neutral'}>${entries.length}</span></h3>
    ${c.loading
      ? html`<span class="skeleton"></span><span class="skeleton"></span>`
      : entries.length === 0
        ? html`<p class="empty">Nothing in progress.</p>`
        : html`<div
            class="active-list"
            role="list"
            aria-labelledby="active-heading"
            @keydown=${c.onKeydown}
            @focusin=${c.onFocusIn}
            @focusout=${c.onFocusOut}
          >
            ${renderWindow(entries.length, ACTIVE_ROW, c.range, (i) => {
              const e = entries[i];
              return html`<div class="active-item" role="listitem" aria-setsize=${entries.length} aria-posinset=${i + 1}>
                <button
                  class="task"
                  data-id=${e.id}
                  tabindex=${e.id === c.tabStop ? 0 : -1}
                  aria-disabled=${e.itemId ? 'false' : 'true'}
                  @click=${() => e.itemId && c.open(e.itemId)}
                >
                  <span class="id">${e.id}</span>
                  <span class="elapsed" aria-label=${`running for ${formatDuration(now - e.startedAt)}`}
                    >${formatDuration(now - e.startedAt)}</span
                  >
                  <span class="t-title">${stripAnsi(e.title)}</span>
                  <span class="t-meta"><span class="t-stage">${e.stage}</span>${e.worker ? ` · ${e.worker}` : ''}</span>
                  ${e.client ? html`<span class="t-meta">${e.clientLabel}: ${e.client}</span>` : nothing}
                </button>
              </div>`;
            })}
          </div>`}
  </section>`;
}
