/**
 * Template pieces the cluster elements share: the connection pill, the stale-data banner,
 * the error and empty panels. Stateless functions; their styles are in cluster-styles.ts.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectionState } from '../../../streams/types.js';
import { renderErrorState } from '../error-state.js';
import type { ViewState } from './view-state.js';

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
  return html`<span class="badge conn" part="connection" data-tone=${CONNECTION_TONE[state]} role="status"
    ><span class="dot" aria-hidden="true"></span>${CONNECTION_LABEL[state]}</span
  >`;
}

export function renderStaleBanner(v: ViewState, lastEventAt: number | null, now: number, what: string): TemplateResult | typeof nothing {
  if (!v.stale) return nothing;
  const age = lastEventAt != null ? ` from ${Math.max(0, Math.round((now - lastEventAt) / 1000))} s ago` : '';
  const verb = v.connection === 'reconnecting' ? 'Reconnecting…' : v.connection === 'offline' ? 'Offline.' : 'Connection error.';
  return html`<div class="banner" part="stale-banner" role="status" data-tone="warn">
    <strong>${verb}</strong> Showing the last known ${what}${age}; they may be out of date.${v.reason ? html` <span class="dim">(${v.reason})</span>` : nothing}
  </div>`;
}

/** The shared error state (reason, address, Retry, the way to the settings). */
export function renderError(what: string, reason: string | null, retry: () => void, address: string | null = null, settingsHref: string | null = null): TemplateResult {
  return renderErrorState({ what, reason, address, retry, settingsHref });
}

export function renderEmpty(title: string, hint: string): TemplateResult {
  return html`<div class="panel empty" part="empty" role="status"><strong>${title}</strong><span class="dim">${hint}</span></div>`;
}

