/**
 * <log-console>'s toolbar and its inline filter error, as a template function over a small
 * typed context: the filter box (with the match counter and ↑/↓), the level toggles with their
 * counts, the source filter (several sources only), Timestamps, Wrap, Clear and the downloads.
 * It owns no state: the element passes what to show and what to call.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LOG_LEVELS, type LogLevel } from '../../streams/models.js';
import { shownText } from '../shared/safe-text.js';
import { matchLabel } from './log-search.js';
import type { LogDownloadFormat } from './log-console.events.js';

const LEVEL_LABEL: Record<LogLevel, string> = { trace: 'Trace', debug: 'Debug', info: 'Info', warn: 'Warn', error: 'Error' };
const nf = new Intl.NumberFormat('en-US');

/** The id of the filter's error message (the filter box's `aria-describedby` while it exists). */
export const FILTER_ERROR_ID = 'filter-error';

export interface ToolbarContext {
  filter: string;
  /** The first invalid-regex message, or null. */
  error: string | null;
  /** The filter has positive terms (matches are highlighted and can be stepped through). */
  highlight: boolean;
  /** Rows shown (as of the toolbar's last refresh). */
  rows: number;
  matchIndex: number;
  /** Lines per level, in LOG_LEVELS order. */
  counts: ArrayLike<number>;
  /** The levels shown, as a bit mask over LOG_LEVELS. */
  levelMask: number;
  /** The source filter's choices (shown when more than one). */
  sources: { names: string[]; unlisted: number };
  shownSource: string;
  hideTimestamps: boolean;
  wrap: boolean;
  /** Lines loaded (Clear and the downloads are disabled at 0). */
  size: number;
  setFilter(text: string): void;
  stepMatch(delta: number): void;
  /** A level toggle was pressed (`only`: with Alt, show only that level). */
  toggleLevel(level: LogLevel, only: boolean): void;
  setSource(source: string): void;
  toggleTimestamps(): void;
  toggleWrap(): void;
  clear(): void;
  download(format: LogDownloadFormat): void;
}

/** In the filter box: Enter / Shift+Enter step through matches, Escape empties it. */
function onFilterKey(c: ToolbarContext, e: KeyboardEvent): void {
  if (e.key === 'Enter') {
    e.preventDefault();
    c.stepMatch(e.shiftKey ? -1 : 1);
  } else if (e.key === 'Escape' && c.filter) {
    e.preventDefault();
    c.setFilter('');
  }
}

export function renderToolbar(c: ToolbarContext): TemplateResult {
  const rows = c.rows;
  const multi = c.sources.names.length > 1;
  return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label="Log tools">
      <div class="filter-box ${c.error ? 'invalid' : ''}">
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M2 3h12l-4.5 5.5V13l-3 1.5v-6z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/></svg>
        <input
          part="filter"
          type="search"
          .value=${c.filter}
          placeholder="Filter   text  /regex/  -exclude"
          aria-label="Filter lines"
          aria-invalid=${c.error ? 'true' : 'false'}
          aria-describedby=${c.error ? FILTER_ERROR_ID : nothing}
          spellcheck="false"
          autocomplete="off"
          @input=${(e: Event) => c.setFilter((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => onFilterKey(c, e)}
        />
        ${c.highlight
          ? html`<span class="match-count" aria-live="polite">${matchLabel(rows, c.matchIndex)}</span>
              <button class="icon-button" aria-label="Previous match" title="Previous match (Shift+Enter)" ?disabled=${rows === 0} @click=${() => c.stepMatch(-1)}>
                <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 10l4-4 4 4" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>
              </button>
              <button class="icon-button" aria-label="Next match" title="Next match (Enter)" ?disabled=${rows === 0} @click=${() => c.stepMatch(1)}>
                <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>
              </button>`
          : nothing}
      </div>
      <div class="levels" part="levels" role="group" aria-label="Levels">
        ${LOG_LEVELS.map(
          (level, i) => html`<button
            class="chip"
            data-level=${level}
            aria-pressed=${c.levelMask & (1 << i) ? 'true' : 'false'}
            title="Show ${LEVEL_LABEL[level]} lines (Alt+click: only these)"
            @click=${(e: MouseEvent) => c.toggleLevel(level, e.altKey)}
          >
            <span class="dot" aria-hidden="true"></span>${LEVEL_LABEL[level]}<span class="count">${nf.format(c.counts[i])}</span>
          </button>`,
        )}
      </div>
      ${multi
        ? html`<label class="source-filter">
            <span class="visually-hidden">Source</span>
            <select aria-label="Source" @change=${(e: Event) => c.setSource((e.target as HTMLSelectElement).value)} .value=${c.shownSource}>
              <option value="">All sources</option>
              ${c.sources.names.map((n) => html`<option value=${n} ?selected=${n === c.shownSource}>${shownText(n, 48)}</option>`)}
              ${c.sources.unlisted > 0 ? html`<option disabled value="-">${nf.format(c.sources.unlisted)} more sources not listed</option>` : nothing}
            </select>
          </label>`
        : nothing}
      <span class="spacer"></span>
      <button aria-pressed=${c.hideTimestamps ? 'false' : 'true'} @click=${c.toggleTimestamps} title="Show timestamps">Timestamps</button>
      <button aria-pressed=${c.wrap ? 'true' : 'false'} @click=${c.toggleWrap} title="Wrap long lines">Wrap</button>
      <button @click=${c.clear} title="Clear the console" ?disabled=${c.size === 0}>Clear</button>
      <span class="download" role="group" aria-label="Download">
        <button @click=${() => c.download('text')} ?disabled=${c.size === 0} title="Download what is loaded as plain text">
          <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 2v8m-3.5-3.5L8 10l3.5-3.5M3 13h10" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>.log
        </button>
        <button @click=${() => c.download('ndjson')} ?disabled=${c.size === 0} title="Download what is loaded as NDJSON">.ndjson</button>
      </span>
    </div>
    ${c.error ? html`<div class="filter-error" id=${FILTER_ERROR_ID} role="alert">${c.error}</div>` : nothing}`;
}
