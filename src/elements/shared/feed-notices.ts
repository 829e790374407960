/**
 * What a streaming view says about its source beyond the connection pill: records that could
 * not be read ("3 records could not be read", with the first reason), a snapshot the server
 * forced on us (it restarted, lost our position), and a buffering proxy. All from the source's
 * status; everything from the wire rendered as text.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { BUFFERING_REASON, unreadableSummary } from '../../streams/errors.js';
import type { SourceStatus } from '../../streams/types.js';
import { safeText } from './safe-text.js';

/** Nothing when all is well. Give the host `feedNoticeStyles`. */
export function renderFeedNotices(status: SourceStatus | null | undefined): TemplateResult | typeof nothing {
  if (!status) return nothing;
  const notes: TemplateResult[] = [];
  const bad = status.counters.malformed;
  if (bad > 0) {
    notes.push(html`<p class="feed-notice" part="unreadable" role="status">
      <strong>${unreadableSummary(bad)}</strong>${status.firstUnreadable ? html` <span class="feed-notice-why">(first: ${safeText(status.firstUnreadable, 300)})</span>` : nothing};
      everything else is shown.
    </p>`);
  }
  if (status.lastReset) {
    notes.push(html`<p class="feed-notice" part="reset-notice" role="status"><strong>Rebuilt from a fresh snapshot:</strong> ${safeText(status.lastReset, 300)}.</p>`);
  }
  if (status.state === 'polling' && status.reason?.includes(BUFFERING_REASON)) {
    notes.push(html`<p class="feed-notice" part="proxy-notice" role="status">
      <strong>Updates come by polling:</strong> ${BUFFERING_REASON}. Ask whoever runs it to turn buffering (and compression) off for
      the stream paths — see docs/proxies.md in Telltale.
    </p>`);
  }
  return notes.length ? html`${notes}` : nothing;
}

export const feedNoticeStyles = css`
  .feed-notice {
    margin: 0 0 var(--_tt-space-2, 8px);
    padding: var(--_tt-space-1, 4px) var(--_tt-space-3, 12px);
    border: 1px solid var(--_tt-warn);
    border-radius: var(--_tt-radius, 6px);
    background: var(--_tt-warn-bg);
    color: var(--_tt-text);
    font-size: var(--_tt-font-size-sm, 0.8125rem);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .feed-notice-why {
    color: var(--_tt-text-dim, inherit);
  }
`;
