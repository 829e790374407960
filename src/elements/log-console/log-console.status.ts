/**
 * <log-console>'s state chrome, as template functions over small typed contexts: the banner over
 * the lines (a source reconnecting, offline or failed), the overlay in place of the lines
 * (loading skeleton, the error state before any line, "No log lines yet" / "No lines match"),
 * and the status bar (connection, counts, following or paused); and the connection state the
 * streams' statuses add up to. They own no state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SourceStatus } from '../../streams/types.js';
import { renderErrorPanel, type ErrorPanelPart } from '../shared/error-panel.js';

const nf = new Intl.NumberFormat('en-US');

export type ConnState = SourceStatus['state'] | 'idle';

const CONN_LABEL: Record<ConnState, string> = {
  idle: 'Local',
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Live (polling)',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  error: 'Error',
};

/** The worst state among the streams ('idle': no stream, lines come from append()). */
export function connStateOf(statuses: ReadonlyMap<string, SourceStatus>): ConnState {
  const all = [...statuses.values()];
  if (all.length === 0) return 'idle';
  const order: ConnState[] = ['error', 'offline', 'reconnecting', 'connecting', 'polling', 'live'];
  for (const s of order) if (all.some((x) => x.state === s)) return s;
  return 'live';
}

/** A status for a failure before any source existed (no hub to be had). */
export function errorStatus(reason: string): SourceStatus {
  const counters = { events: 0, malformed: 0, reconnects: 0, dropped: 0 };
  return { key: '', state: 'error', reason, lastEventAt: null, retryAt: null, counters, refreshing: false, role: 'solo' };
}

/** The banner over the lines: the first source that is not well, or nothing. */
export function renderBanner(statuses: ReadonlyMap<string, SourceStatus>, failedBeforeData: boolean): TemplateResult | typeof nothing {
  const bad = [...statuses.entries()].filter(([, s]) => s.state === 'error' || s.state === 'reconnecting' || s.state === 'offline');
  // Before any line the overlay's error state says it all.
  if (bad.length === 0 || failedBeforeData) return nothing;
  const [stream, s] = bad[0];
  const error = s.state === 'error';
  // The live region says the state once; the countdown, whose text changes as time passes, is
  // outside it (a screen reader would read it again at every change).
  return html`<div class="banner" data-tone=${error ? 'error' : 'warn'}>
    <span class="banner-state" role=${error ? 'alert' : 'status'}>
      <strong>${error ? 'Cannot read' : s.state === 'offline' ? 'Offline' : 'Reconnecting'}${stream ? html` <code>${stream}</code>` : nothing}</strong>
      ${s.reason ? html`<span>${s.reason}</span>` : nothing}
      ${!error ? html`<span class="dim">— lines shown may be behind</span>` : nothing}
    </span>
    ${!error && s.retryAt ? html`<span class="dim">next try in ${Math.max(0, Math.ceil((s.retryAt - Date.now()) / 1000))} s</span>` : nothing}
  </div>`;
}

export interface OverlayContext {
  statuses: ReadonlyMap<string, SourceStatus>;
  failedBeforeData: boolean;
  loading: boolean;
  conn: ConnState;
  /** Rows shown, and lines loaded. */
  rows: number;
  size: number;
  /** Streams read (none: lines come from append()). */
  streams: number;
  /** The backend address of the streams, for the error state. */
  base: string | null;
  retry(): void;
  settingsHref: string | null;
  /** The error panel's lazy part. */
  errorPanel: ErrorPanelPart;
}

export function renderOverlay(c: OverlayContext): TemplateResult | typeof nothing {
  if (c.failedBeforeData) {
    // The worst failing stream speaks for all.
    const rank = (st: string) => ['reconnecting', 'offline', 'error'].indexOf(st);
    let stream = '';
    let s: SourceStatus | null = null;
    for (const [k, v] of c.statuses) if (rank(v.state) >= 0 && (!s || rank(v.state) > rank(s.state))) [stream, s] = [k, v];
    return html`<div class="overlay failed">
      ${renderErrorPanel(c.errorPanel, {
        what: stream ? `the ${stream} log` : 'the log',
        reason: s?.reason ?? null,
        address: c.base !== null && stream ? `${c.base}/logs/${encodeURIComponent(stream)}` : null,
        retry: c.retry,
        settingsHref: c.settingsHref,
      })}
    </div>`;
  }
  if (c.loading) {
    return html`<div class="overlay" aria-busy="true" aria-label="Loading lines">
      ${[70, 55, 82, 40, 64, 76, 50].map((w) => html`<span class="skeleton" style="width:${w}%"></span>`)}
    </div>`;
  }
  if (c.rows > 0) return nothing;
  if (c.conn === 'error') return nothing;
  const filtered = c.size > 0;
  return html`<div class="overlay empty">
    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16M4 10h10M4 15h13M4 20h7" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>
    <p>${filtered ? 'No lines match the filters' : 'No log lines yet'}</p>
    <p class="dim">${filtered ? `${nf.format(c.size)} lines are hidden by the level, source or text filter.` : c.streams ? 'New lines appear here as they are written.' : 'Set streams="…" or call append(lines).'}</p>
  </div>`;
}

export interface StatusbarContext {
  conn: ConnState;
  /** Lines loaded and rows shown (as of the chrome's last refresh), and the ring's capacity. */
  size: number;
  rows: number;
  capacity: number;
  filtered: boolean;
  following: boolean;
  newLines: number;
}

export function renderStatusbar(c: StatusbarContext): TemplateResult {
  const { size, rows } = c;
  return html`<div class="statusbar" part="statusbar">
    <span class="conn" data-state=${c.conn}><span class="dot" aria-hidden="true"></span>${CONN_LABEL[c.conn]}</span>
    <span>${nf.format(size)} ${size === 1 ? 'line' : 'lines'}${size >= c.capacity ? html` <span class="dim">(newest ${nf.format(c.capacity)} kept)</span>` : nothing}</span>
    ${c.filtered ? html`<span>${nf.format(rows)} ${rows === 1 ? 'row' : 'rows'} match the filters</span>` : nothing}
    <span class="spacer"></span>
    <span class="follow-state">${c.following ? 'Following' : html`Paused${c.newLines ? ` · ${nf.format(c.newLines)} new` : ''}`}</span>
  </div>`;
}
