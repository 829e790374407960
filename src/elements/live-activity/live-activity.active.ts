/**
 * <live-activity>'s "Active now" panel (or "Active tasks" in the task feed): what is in
 * progress, longest-running first, with elapsed time; windowed like the feed (it can hold
 * every kept item; keyed by entry, the focused one kept drawn) and one Tab stop. The template function, and the controller owning the
 * panel's window and keyboard focus; the entries and the clock are the element's.
 */
import { html, nothing, type ReactiveControllerHost, type ReactiveElement, type TemplateResult } from 'lit';
import { stripAnsi } from '../shared/ansi.js';
import { FixedWindowController, maxLength, type WindowRange } from '../shared/window/index.js';
import { renderKeyedBlock } from '../shared/window/keyed-block.js';
import { formatDuration } from '../shared/format.js';
import type { ActiveEntry } from './activity-store.js';
import { ListFocusController } from './list-focus-controller.js';
import { ACTIVE_ROW, type Feed } from './live-activity.types.js';

/** The panel's window (only the entries in view are drawn) and its roving focus. */
export class ActiveListController {
  readonly window: FixedWindowController;
  readonly focus: ListFocusController;

  constructor(
    host: ReactiveControllerHost & ReactiveElement,
    private readonly entries: () => readonly ActiveEntry[],
    open: (itemId: string) => void,
  ) {
    this.window = new FixedWindowController(host, () => ({ length: entries().length, rowHeight: ACTIVE_ROW, overscan: 1 }));
    this.focus = new ListFocusController(host, {
      count: () => entries().length,
      keyAt: (i) => entries()[i].id,
      root: () => host.shadowRoot!,
      listSelector: '.active-list',
      rowClass: 'task',
      window: this.window,
      // The entry fully in view, the least move (fixed heights: arithmetic), then drawn.
      reveal: async (_key, index) => {
        const w = this.window;
        const vh = w.viewportHeight || ACTIVE_ROW;
        if (index * ACTIVE_ROW < w.scrollTop) w.scrollTop = index * ACTIVE_ROW;
        else if ((index + 1) * ACTIVE_ROW > w.scrollTop + vh) w.scrollTop = (index + 1) * ACTIVE_ROW - vh;
        host.requestUpdate();
        await host.updateComplete;
      },
      rowHeight: () => ACTIVE_ROW,
      onActivate: (id) => {
        const itemId = entries().find((e) => e.id === id)?.itemId;
        if (itemId) open(itemId);
      },
    });
  }

  /** What the template needs from the window and the focus. */
  context(): Pick<ActiveContext, 'range' | 'tabStop' | 'onKeydown' | 'onFocusIn' | 'onFocusOut'> {
    const range = this.window.range();
    // The focused entry stays drawn when the list is scrolled away from it (focus stays on it).
    const keep = this.entries().findIndex((e) => e.id === this.focus.focusedKey);
    return {
      range: keep >= 0 && (keep < range.first || keep >= range.last) ? { ...range, keep } : range,
      tabStop: this.focus.tabStop(this.entries().slice(range.first, range.last), range.first),
      onKeydown: this.focus.rows.handleKeydown,
      onFocusIn: this.focus.handleFocusIn,
      onFocusOut: this.focus.handleFocusOut,
    };
  }

  /** After each render: the window on the panel's list. */
  updated(root: ParentNode): void {
    this.window.attach(root.querySelector<HTMLElement>('.active-list'));
    this.window.apply();
  }
}

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
            ${renderKeyedBlock({ keyAt: (i) => entries[i].id, offsetOf: (i) => i * ACTIVE_ROW }, Math.min(entries.length, maxLength(ACTIVE_ROW)) * ACTIVE_ROW, c.range, (i, kept) => {
              const e = entries[i];
              return html`<div class="active-item" role="listitem" aria-setsize=${entries.length} aria-posinset=${i + 1} style=${kept ?? nothing}>
                <button
                  class="task"
                  data-id=${e.id}
                  tabindex=${e.id === c.tabStop ? 0 : -1}
                  aria-disabled=${e.itemId ? 'false' : 'true'}
                  @click=${() => e.itemId && c.open(e.itemId)}
                >
                  <span class="id">${e.id}</span>
                  <span class="visually-hidden">running for </span><span class="elapsed">${formatDuration(now - e.startedAt)}</span>
                  <span class="t-title">${stripAnsi(e.title)}</span>
                  <span class="t-meta"><span class="t-stage">${e.stage}</span>${e.worker ? ` · ${e.worker}` : ''}</span>
                  ${e.client ? html`<span class="t-meta">${e.clientLabel}: ${e.client}</span>` : nothing}
                </button>
              </div>`;
            })}
          </div>`}
  </section>`;
}
