/**
 * The error state every element shows when it has nothing to show because its source fails
 * (seed 003: Skeleton → Empty → Error): what could not be loaded, why in words, the reason as
 * the hub gave it, the address asked, a Retry button, and the way to the backend address
 * (a link to the settings when the page says where they are: `settings-href`).
 * Elements load it after their first paint (error-panel.ts: a lazy part, with a plain fallback).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { SERVER_SAYS } from '../../streams/errors.js';

export interface ErrorStateOptions {
  /** What could not be loaded: "workers", "the activity feed". */
  what: string;
  /** The reason as the source reports it (`SourceStatus.reason`). */
  reason: string | null;
  /** The URL asked (the backend address and the path). */
  address: string | null;
  /** Connect or fetch again now. */
  retry: () => void;
  /** Where the settings are (the backend address can be changed there); none: a hint in words. */
  settingsHref?: string | null;
  /** `part` of the panel (elements keep their documented part names). */
  part?: string;
  /** Extra classes of the panel (an element's own state classes, kept for its styles and users). */
  className?: string;
  /** Which server refused a cross-origin request, when known (its CORS flag is named). */
  corsServer?: CorsServer;
}

/**
 * Which server refused a cross-origin request, found by asking it for a route only Telltale's
 * reference server has and always allows from any origin (`live/status`): 'reference', else
 * 'other' (an Agent-lightning store or another server); null while unknown.
 */
export type CorsServer = 'reference' | 'other' | null;

export async function probeCorsServer(url: string): Promise<Exclude<CorsServer, null>> {
  const at = url.indexOf('/v1/agl');
  const base = at >= 0 ? url.slice(0, at + 1) : new URL('./', url).href;
  try {
    await fetch(new URL('live/status', base), { cache: 'no-store' });
    return 'reference';
  } catch {
    return 'other';
  }
}

const CORS_REFUSAL = /\bCORS\b|cross-origin requests from this page|access-control-allow-origin/i;

/** A reason that says the server answered but refused this origin (not one that is unreachable). */
export const isCorsRefusal = (reason: string): boolean => !/\bHTTP \d{3}/.test(reason) && CORS_REFUSAL.test(reason);

function corsFix(server: CorsServer, here: string | undefined): string {
  if (server === 'reference') return 'this is Telltale’s reference server: start it with --cors (npm start -- --cors)';
  if (server === 'other') return `start Agent-lightning’s store with --cors-origin ${here}`;
  return `start Agent-lightning’s store with --cors-origin ${here} (Telltale’s reference server: --cors)`;
}

export interface Explanation {
  /** A short title, in words: "Cannot reach the server". */
  title: string;
  /** What to do about it (may be empty). */
  detail: string;
  /** The HTTP status in the reason, if any. */
  status: string | null;
  /** The message of the server's JSON error body (`{"error": …}`), when it sent one. */
  serverMessage?: string;
}

/**
 * What a failure means, for a person, from the reason the hub gives and the URL asked. A
 * reason ending in the server's own message (errors.ts SERVER_SAYS) is classified by its first
 * part, and the server's words come first: they know what is missing.
 */
export function explainFailure(reason: string, url: string | null, server: CorsServer = null): Explanation {
  const at = reason.indexOf(SERVER_SAYS);
  if (at < 0) return explainReason(reason, url, server);
  const serverMessage = reason.slice(at + SERVER_SAYS.length);
  const e = explainReason(reason.slice(0, at), url, server);
  // A 404 with words: the server is there and says what it lacks (the address is not wrong).
  return e.status === '404' ? { title: 'Not served here', detail: '', status: e.status, serverMessage } : { ...e, serverMessage };
}

function explainReason(reason: string, url: string | null, server: CorsServer): Explanation {
  const status = /\bHTTP (\d{3})/.exec(reason)?.[1] ?? null;
  const here = globalThis.location?.origin;
  let origin: string | null = null;
  try {
    origin = url ? new URL(url, here).origin : null;
  } catch {
    /* not a URL */
  }
  if (isCorsRefusal(reason)) {
    return {
      title: 'The server refused a cross-origin request',
      detail: `This page (${here}) asked another origin${origin ? ` (${origin})` : ''}, which answers but does not allow this page to read the answer (Access-Control-Allow-Origin): ${corsFix(server, here)}, or serve the dashboard from the same origin.`,
      status,
    };
  }
  if (!status && /unreachable|nothing answers|network error|failed to fetch|ECONNREFUSED|ENOTFOUND/i.test(reason)) {
    return {
      title: 'Cannot reach the server',
      detail: 'Nothing answers at this address: check that the server is running and that the backend address is right.',
      status,
    };
  }
  if (/json|content.?type|unexpected token|text\/html/i.test(reason)) {
    return {
      title: 'The server did not answer with JSON',
      detail: 'The backend address may point at a web page or a proxy rather than the API. Check it in the settings.',
      status,
    };
  }
  if (!status && /expected|shape|envelope|not a list|cannot be decoded|undecodable/i.test(reason)) {
    return { title: 'The answer is not in the expected shape', detail: 'The server answered with JSON of another shape.', status };
  }
  if (status === '404') return { title: 'Nothing at this address', detail: 'Check the backend address in the settings.', status };
  if (status === '401')
    return {
      title: 'This server needs an access token',
      detail: 'Set it in Settings → Access token (the server was started with --token). If one is set there, it is not the right one.',
      status,
    };
  if (status === '403') return { title: 'Not allowed', detail: 'The server refused the request: check the credentials or headers of this source.', status };
  if (status) return { title: `The server answered HTTP ${status}`, detail: '', status };
  return { title: 'Could not read the answer', detail: '', status };
}

const alertIcon = html`<svg class="tt-error-icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><circle cx="12" cy="12" r="9"/><path d="M12 8v4M12 16h.01"/></svg>`;

/** The error panel. Everything from the wire (reason, address) is rendered as text. */
export function renderErrorState(o: ErrorStateOptions): TemplateResult {
  const reason = o.reason ?? 'unknown error';
  const e = explainFailure(reason, o.address, o.corsServer ?? null);
  return html`<div class="tt-error-state ${o.className ?? ''}" part=${o.part ?? 'error'} role="alert">
    <div class="tt-error-head">
      ${alertIcon}<strong>Could not load ${o.what}</strong>
      ${e.status ? html`<span class="tt-error-badge">HTTP ${e.status}</span>` : nothing}
    </div>
    <p class="tt-error-title">${e.title}</p>
    ${e.serverMessage ? html`<p class="tt-error-server">The server says: ${e.serverMessage}</p>` : nothing}
    <p class="tt-error-reason">${e.serverMessage ? reason.slice(0, reason.indexOf(SERVER_SAYS)) : reason}</p>
    ${e.detail ? html`<p class="tt-error-detail">${e.detail}</p>` : nothing}
    ${o.address ? html`<p class="tt-error-address">Address: <code>${o.address}</code></p>` : nothing}
    <div class="tt-error-actions">
      <button type="button" class="primary" @click=${() => o.retry()}>Retry</button>
      ${o.settingsHref
        ? html`<a href=${o.settingsHref} part="settings-link">Change the backend address in Settings</a>`
        : html`<span class="tt-error-hint">The backend address is in the settings.</span>`}
    </div>
  </div>`;
}

export const errorStateStyles = css`
  .tt-error-state {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_tt-space-2);
    padding: var(--_tt-space-4);
    border: 1px solid var(--_tt-error);
    border-left-width: 4px;
    border-radius: var(--_tt-radius);
    background: var(--_tt-error-bg);
    color: var(--_tt-text);
    text-align: left;
  }
  .tt-error-state p {
    margin: 0;
    max-width: 72ch;
    overflow-wrap: anywhere;
  }
  .tt-error-head {
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
    color: var(--_tt-error);
  }
  .tt-error-icon {
    width: 18px;
    height: 18px;
    flex: none;
  }
  .tt-error-badge {
    padding: 0 6px;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: var(--_tt-font-size-sm);
  }
  .tt-error-title {
    font-weight: 600;
  }
  .tt-error-reason,
  .tt-error-address {
    font-size: var(--_tt-font-size-sm);
  }
  .tt-error-reason {
    font-family: var(--_tt-font-mono);
  }
  .tt-error-address code {
    font-family: var(--_tt-font-mono);
  }
  .tt-error-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_tt-space-3);
    margin-top: var(--_tt-space-1);
  }
  /* The page's text colour on the error background keeps the contrast; the underline says "link". */
  .tt-error-actions a {
    color: var(--_tt-text);
    text-decoration: underline;
    font-weight: 600;
  }
  .tt-error-hint {
    font-size: var(--_tt-font-size-sm);
  }
`;

/** Adopted into the element's shadow root when this module arrives as a lazy part (error-panel.ts). */
export const styles = [errorStateStyles];
