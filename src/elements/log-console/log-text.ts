/**
 * A log line's text as Lit templates: ANSI colours from the shared tokenizer, with the
 * filter's matches wrapped in <mark>. Text bindings only — nothing here can create markup
 * from the line's content.
 */
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { hasAnsi, parseAnsi, renderAnsi, type AnsiStyle, type AnsiToken } from '../shared/ansi.js';
import { matchRanges } from './log-filter.js';

/** Longest text put in the DOM for one line; copy and download keep the whole line. */
export const MAX_RENDERED_CHARS = 4000;

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

const clip = (t: string) => (t.length > MAX_RENDERED_CHARS ? t.slice(0, MAX_RENDERED_CHARS) + '…' : t);

const styled = (text: string, style: AnsiStyle | null): TemplateResult | string =>
  style ? html`<span class="ansi" style=${styleMap(cssOf(style))}>${text}</span>` : text;

export function renderLogText(text: string, plain: string, highlight: RegExp | null): unknown {
  if (!highlight) {
    if (text.length > MAX_RENDERED_CHARS) return renderAnsi(clip(text));
    return hasAnsi(text) ? renderAnsi(text) : plain;
  }
  const shown = clip(plain);
  const ranges = matchRanges(highlight, shown);
  if (ranges.length === 0) return text.length > MAX_RENDERED_CHARS ? renderAnsi(clip(text)) : hasAnsi(text) ? renderAnsi(text) : plain;
  const tokens: AnsiToken[] = hasAnsi(text) ? parseAnsi(clip(text)) : [{ text: shown, style: null }];
  // Walk tokens and ranges together, cutting tokens at match boundaries.
  const parts: Array<TemplateResult | string> = [];
  let pos = 0;
  let r = 0;
  for (const token of tokens) {
    const end = pos + token.text.length;
    let at = pos;
    while (at < end) {
      while (r < ranges.length && ranges[r][1] <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        parts.push(styled(token.text.slice(at - pos), token.style));
        at = end;
      } else if (range[0] > at) {
        parts.push(styled(token.text.slice(at - pos, range[0] - pos), token.style));
        at = range[0];
      } else {
        const stop = Math.min(end, range[1]);
        parts.push(html`<mark>${styled(token.text.slice(at - pos, stop - pos), token.style)}</mark>`);
        at = stop;
      }
    }
    pos = end;
  }
  return parts;
}
