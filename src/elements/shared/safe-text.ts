/**
 * Untrusted text and numbers, rendered so they cannot lie or break a layout (issue 20):
 * - control characters become visible escapes (\u001b, \u0007, \u0085…) instead of boxes or nothing;
 * - bidirectional overrides and isolates are shown as marks too, and the whole value sits in a
 *   <bdi>, so a U+202E inside it cannot reorder it or what follows ("gnp.exe" stays as sent);
 * - a long value is cut (the whole value in `title`, on hover), and `.tt-safe` lets it break
 *   anywhere, so it never widens its container;
 * - a number outside its domain reads "invalid", with the raw value on hover.
 * Lit renders all of it as text (never HTML).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { INVALID, safeJson } from './format.js';

// C0 (except tab, newline, carriage return), DEL, C1, bidi embeddings/overrides (U+202A–E) and isolates (U+2066–9).
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every control and bidi-control character replaced by a visible mark. */
export function visibleControls(text: string): string {
  // ASCII escapes, not Control Pictures (␇): many system fonts have no glyph for those, and
  // they would show as the very boxes this replaces.
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Any value as display text: strings as they are, others as JSON (never "[object Object]"). */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return safeJson(value);
}

/** What `safeText` shows: visible controls, cut to `max` characters (with …) — counted after the escapes. */
export function shownText(value: unknown, max = 200): string {
  const full = asText(value);
  // Escape a bounded prefix only (a 100,000-character value costs nothing), then cut.
  const shown = visibleControls(full.length > max ? full.slice(0, max) : full);
  return shown.length > max || full.length > max ? `${shown.slice(0, max)}…` : shown;
}

/**
 * Untrusted text as a <bdi>: controls visible, cut at `max` characters with the whole value on
 * hover. Give the host `safeTextStyles`.
 */
export function safeText(value: unknown, max = 200): TemplateResult {
  const full = asText(value);
  const shown = shownText(full, max);
  return html`<bdi class="tt-safe" title=${shown !== full ? full : nothing}>${shown}</bdi>`;
}

/** A formatted number, or "invalid" with the raw value on hover when the formatter said so. */
export function safeNumber(formatted: string, raw: unknown): TemplateResult | string {
  if (formatted !== INVALID) return formatted;
  return html`<span class="tt-invalid" part="invalid" title=${`raw value: ${shownText(raw, 200)}`}>${INVALID}</span>`;
}

export const safeTextStyles = css`
  .tt-safe {
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .tt-invalid {
    font-style: italic;
    color: var(--_tt-warn, inherit);
    text-decoration: underline dotted;
    cursor: help;
  }
`;
