/**
 * The notice shown above a list when some of its items could not be read (the list decoders
 * skip them and report them, see `SkippedItem`): "2 rollouts could not be read", with a
 * disclosure listing each one's position, id and reason, and optionally a "View raw JSON"
 * button per item. Everything from the wire is rendered as text.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { SkippedItem } from '../../streams/decoders/agl.js';
import { safeJson, truncate } from './format.js';

/** At most this many skipped items are listed; the count always covers them all. */
export const SKIPPED_LISTED = 200;

export interface SkippedNoticeOptions {
  /** Singular noun: `rollout`. */
  noun: string;
  /** Plural noun; default `${noun}s`. */
  plural?: string;
  /** Where the list came from (shown in the details). */
  source?: string | null;
  /** How many items of the same list were read and are shown. */
  shown?: number;
  /** Offer "View raw JSON" for each skipped item (the host shows it). */
  onViewRaw?: (item: SkippedItem) => void;
  /** Without `onViewRaw`: show each item's raw JSON (bounded) in a nested disclosure, as text. */
  rawInline?: boolean;
}

/** At most this many characters of an item's raw JSON are shown inline. */
export const RAW_INLINE_CHARS = 20_000;

function rawText(raw: unknown): string {
  const t = raw === undefined ? 'undefined' : safeJson(raw, 2);
  return t.length > RAW_INLINE_CHARS ? `${t.slice(0, RAW_INLINE_CHARS)}\n… (${(t.length - RAW_INLINE_CHARS).toLocaleString()} more characters)` : t;
}

/** "1 rollout could not be read" / "3 rollouts could not be read". */
export function skippedSummary(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? noun : plural} could not be read`;
}

/** Nothing when no item was skipped. Give the host `skippedNoticeStyles`. */
export function renderSkippedNotice(skipped: readonly SkippedItem[] | null | undefined, opts: SkippedNoticeOptions): TemplateResult | typeof nothing {
  if (!skipped || skipped.length === 0) return nothing;
  const listed = skipped.slice(0, SKIPPED_LISTED);
  const summary = skippedSummary(skipped.length, opts.noun, opts.plural);
  return html`<div class="skipped-notice" part="skipped" role="status">
    <svg class="skipped-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      <path d="M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
    </svg>
    <div class="skipped-body">
      <strong class="skipped-summary">${summary}</strong>
      <span class="skipped-hint"
        >${opts.shown === undefined
          ? ` and ${skipped.length === 1 ? 'is' : 'are'} left out.`
          : opts.shown === 0
            ? ', and there is nothing else in the list.'
            : opts.shown === 1
              ? ` and ${skipped.length === 1 ? 'is' : 'are'} left out; the other one is shown.`
              : ` and ${skipped.length === 1 ? 'is' : 'are'} left out; the ${opts.shown.toLocaleString()} others are shown.`}</span
      >
      <details class="skipped-details">
        <summary>Details</summary>
        ${opts.source ? html`<p class="skipped-source">From <code>${opts.source}</code></p>` : nothing}
        <ul class="skipped-list" aria-label=${summary}>
          ${listed.map(
            (s) => html`<li>
              <span class="skipped-where">#${s.index}${s.id !== undefined ? html` · <code class="skipped-id">${truncate(s.id, 120)}</code>` : nothing}</span>
              <span class="skipped-reason">${truncate(s.reason, 600)}</span>
              ${opts.onViewRaw
                ? html`<button type="button" class="skipped-raw" @click=${() => opts.onViewRaw!(s)}
                    aria-label=${`View raw JSON of item ${s.index}`}>View raw JSON</button>`
                : opts.rawInline
                  ? html`<details class="skipped-raw-inline">
                      <summary>Raw JSON</summary>
                      <pre>${rawText(s.raw)}</pre>
                    </details>`
                  : nothing}
            </li>`,
          )}
        </ul>
        ${skipped.length > listed.length ? html`<p class="skipped-more">…and ${(skipped.length - listed.length).toLocaleString()} more, not listed.</p>` : nothing}
      </details>
    </div>
  </div>`;
}

export const skippedNoticeStyles = css`
  .skipped-notice {
    display: flex;
    align-items: flex-start;
    gap: var(--_tt-space-2, 8px);
    padding: var(--_tt-space-2, 8px) var(--_tt-space-3, 12px);
    border: 1px solid var(--_tt-warn);
    border-radius: var(--_tt-radius, 6px);
    background: var(--_tt-warn-bg);
    color: var(--_tt-text);
    font-size: var(--_tt-font-size-sm, 0.8125rem);
  }
  .skipped-icon {
    flex: none;
    margin-top: 2px;
    color: var(--_tt-warn);
  }
  .skipped-body {
    flex: 1;
    min-width: 0;
  }
  .skipped-details {
    margin-top: 4px;
  }
  .skipped-details > summary {
    cursor: pointer;
    width: fit-content;
    padding: 2px 0;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .skipped-details > summary:focus-visible {
    outline: 2px solid var(--_tt-focus, var(--_tt-info));
    outline-offset: 2px;
    border-radius: 2px;
  }
  .skipped-source {
    margin: 4px 0;
    overflow-wrap: anywhere;
  }
  .skipped-list {
    margin: 4px 0 0;
    padding: 0;
    list-style: none;
    max-height: 240px;
    overflow: auto;
  }
  .skipped-list li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 2px var(--_tt-space-2, 8px);
    padding: 4px 0;
    border-top: 1px solid var(--_tt-border);
  }
  .skipped-where {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .skipped-id,
  .skipped-source code {
    font-family: var(--_tt-font-mono, monospace);
    overflow-wrap: anywhere;
  }
  .skipped-reason {
    flex: 1 1 20rem;
    min-width: 0;
    font-family: var(--_tt-font-mono, monospace);
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  .skipped-raw {
    font-size: inherit;
    padding: 0 8px;
    min-height: 24px;
  }
  .skipped-raw-inline {
    flex-basis: 100%;
  }
  .skipped-raw-inline > summary {
    cursor: pointer;
    width: fit-content;
  }
  .skipped-raw-inline pre {
    margin: 4px 0 0;
    padding: 6px 8px;
    max-height: 200px;
    overflow: auto;
    border-radius: 4px;
    background: var(--_tt-surface);
    font-family: var(--_tt-font-mono, monospace);
    font-size: 0.75rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .skipped-more {
    margin: 4px 0 0;
    color: var(--_tt-text-dim);
  }
`;

/** For elements that load this module after their first paint (TelltaleElement.lazyPart): adopted when it arrives. */
export const styles = [skippedNoticeStyles];
