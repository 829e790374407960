/**
 * Template pieces the cluster elements share: the connection pill, the stale-data banner,
 * the error and empty panels. Stateless functions; their styles are in cluster-styles.ts.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectionState } from '../../../streams/types.js';
import { renderErrorPanel, type ErrorPanelPart } from '../error-panel.js';
import { staleVerb, type ViewState } from './view-state.js';

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting',
  live: 'Live',
  polling: 'Polling',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  error: 'Error',
};
const CONNECTION_TONE: Record<ConnectionState, string> = {
  connecting: 'neutral',
  live: 'ok',
  polling: 'info',
  reconnecting: 'warn',
  offline: 'error',
  error: 'error',
};

export function renderConnection(state: ConnectionState | null): TemplateResult | typeof nothing {
  if (!state) return nothing;
  // Not a live region: the announcer below says a change once, in words.
  return html`<span class="badge conn" part="connection" data-tone=${CONNECTION_TONE[state]}
    ><span class="dot" aria-hidden="true"></span>${CONNECTION_LABEL[state]}</span
  >`;
}

/**
 * The banner over stale data. Not a live region: its age ticks every second, and a status
 * region would be re-read each time; renderAnnouncer says the change once instead.
 */
export function renderStaleBanner(v: ViewState, lastEventAt: number | null, now: number, what: string): TemplateResult | typeof nothing {
  if (!v.stale) return nothing;
  const age = lastEventAt != null ? ` from ${Math.max(0, Math.round((now - lastEventAt) / 1000))} s ago` : '';
  return html`<div class="banner" part="stale-banner" data-tone="warn">
    <strong>${staleVerb(v)}</strong> Showing the last known ${what}<span class="age">${age}</span>; they may be out of date.${v.reason
      ? html` <span class="dim">(${v.reason})</span>`
      : nothing}
  </div>`;
}

/**
 * The element's one live region for its feed (visually hidden, always in the DOM so that
 * screen readers follow it): its text changes only when the connection state does.
 */
export function renderAnnouncer(text: string): TemplateResult {
  return html`<div class="visually-hidden" role="status" data-announcer>${text}</div>`;
}

/** The shared error state (reason, address, Retry, the way to the settings), from the element's lazy part (error-panel.ts). */
export function renderError(part: ErrorPanelPart, what: string, reason: string | null, retry: () => void, address: string | null = null, settingsHref: string | null = null): TemplateResult {
  return renderErrorPanel(part, { what, reason, address, retry, settingsHref });
}

export function renderEmpty(title: string, hint: string): TemplateResult {
  return html`<div class="panel empty" part="empty" role="status"><strong>${title}</strong><span class="dim">${hint}</span></div>`;
}

