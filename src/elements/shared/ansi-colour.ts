/**
 * ANSI SGR parsing into plain tokens, rendered by Lit templates as text — never as HTML.
 * Supports the 8/16 colours, 256-colour and truecolour (38/48;5 and 38/48;2), bold, dim,
 * italic, underline, inverse and resets. Every other escape sequence (cursor movement, OSC
 * such as OSC 8 hyperlinks, broken or truncated sequences) is dropped, so nothing a log line
 * carries can turn into a link, markup or a control of the terminal.
 * A lazy part (ansi.ts `loadAnsiColour`): fetched when the first line with an escape sequence is
 * painted; until then that line is painted with `stripAnsi` (the same text, without colour).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { CONTROLS, hasAnsi, SEQUENCE } from './ansi.js';

/** No stylesheet of its own (TelltaleElement.lazyPart adopts a part's `styles`). */
export const styles = [];

export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export interface AnsiToken {
  text: string;
  style: AnsiStyle | null;
}

// Colours readable on both light and dark backgrounds (Chromium DevTools' console palette).
const BASIC = ['#000000', '#c91b00', '#00a600', '#b8a000', '#0225c7', '#c930c7', '#00a6b2', '#a0a0a0'];
const BRIGHT = ['#686868', '#ff6e67', '#2bd42b', '#e5d200', '#6871ff', '#ff77ff', '#60fdff', '#ffffff'];

function color256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 8) return BASIC[n];
  if (n < 16) return BRIGHT[n - 8];
  if (n < 232) {
    const c = n - 16;
    const v = (x: number) => (x === 0 ? 0 : 55 + x * 40);
    return `rgb(${v(Math.floor(c / 36))}, ${v(Math.floor(c / 6) % 6)}, ${v(c % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g}, ${g}, ${g})`;
}

function clampByte(n: number | undefined): number | undefined {
  return n === undefined || !Number.isFinite(n) ? undefined : Math.max(0, Math.min(255, Math.trunc(n)));
}

function applySgr(style: AnsiStyle, params: number[]): AnsiStyle {
  const s = { ...style };
  if (params.length === 0) params = [0];
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p === 0) {
      for (const k of Object.keys(s) as (keyof AnsiStyle)[]) delete s[k];
    } else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 22) delete s.bold, delete s.dim;
    else if (p === 23) delete s.italic;
    else if (p === 24) delete s.underline;
    else if (p === 27) delete s.inverse;
    else if (p >= 30 && p <= 37) s.fg = BASIC[p - 30];
    else if (p === 39) delete s.fg;
    else if (p >= 40 && p <= 47) s.bg = BASIC[p - 40];
    else if (p === 49) delete s.bg;
    else if (p >= 90 && p <= 97) s.fg = BRIGHT[p - 90];
    else if (p >= 100 && p <= 107) s.bg = BRIGHT[p - 100];
    else if (p === 38 || p === 48) {
      const key = p === 38 ? 'fg' : 'bg';
      if (params[i + 1] === 5) {
        const c = color256(params[i + 2]);
        if (c) s[key] = c;
        i += 2;
      } else if (params[i + 1] === 2) {
        const [r, g, b] = [clampByte(params[i + 2]), clampByte(params[i + 3]), clampByte(params[i + 4])];
        if (r !== undefined && g !== undefined && b !== undefined) s[key] = `rgb(${r}, ${g}, ${b})`;
        i += 4;
      }
    }
  }
  return s;
}

export function parseAnsi(text: string): AnsiToken[] {
  const tokens: AnsiToken[] = [];
  if (!hasAnsi(text)) {
    const plain = text.replace(CONTROLS, '');
    return plain ? [{ text: plain, style: null }] : [];
  }
  let style: AnsiStyle = {};
  let last = 0;
  const push = (chunk: string) => {
    const clean = chunk.replace(CONTROLS, '');
    if (!clean) return;
    const hasStyle = Object.keys(style).length > 0;
    tokens.push({ text: clean, style: hasStyle ? style : null });
  };
  SEQUENCE.lastIndex = 0;
  for (let m = SEQUENCE.exec(text); m; m = SEQUENCE.exec(text)) {
    push(text.slice(last, m.index));
    last = SEQUENCE.lastIndex;
    if (m[2] === 'm') {
      const params = (m[1] ?? '')
        .split(/[;:]/)
        .filter((x) => x !== '' && x !== '?')
        .map(Number);
      style = applySgr(style, params);
    }
    if (m[0] === '' || m.index === text.length) break;
  }
  push(text.slice(last));
  return tokens;
}

function cssOf(s: AnsiStyle): Record<string, string> {
  const fg = s.inverse ? s.bg ?? 'var(--_tt-bg)' : s.fg;
  const bg = s.inverse ? s.fg ?? 'var(--_tt-text)' : s.bg;
  const css: Record<string, string> = {};
  if (fg) css.color = fg;
  if (bg) css.backgroundColor = bg;
  if (s.bold) css.fontWeight = '700';
  if (s.dim) css.opacity = '0.7';
  if (s.italic) css.fontStyle = 'italic';
  if (s.underline) css.textDecoration = 'underline';
  return css;
}

/** Render tokens as Lit templates (text bindings only). */
export function renderAnsi(text: string): TemplateResult | string | typeof nothing {
  if (!hasAnsi(text)) return text.replace(CONTROLS, '');
  const tokens = parseAnsi(text);
  if (tokens.length === 0) return nothing;
  return html`${tokens.map((t) => (t.style ? html`<span class="ansi" style=${styleMap(cssOf(t.style))}>${t.text}</span>` : t.text))}`;
}
