/**
 * A log line's text as Lit templates: ANSI colours from the shared tokenizer, with the
 * filter's matches wrapped in <mark>. Text bindings only — nothing here can create markup
 * from the line's content.
 */
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { hasAnsi, parseAnsi, type AnsiStyle, type AnsiToken } from '../shared/ansi.js';
import { matchRanges } from './log-filter.js';

/** Longest text put in the DOM for one line; copy and download keep the whole line. */
export const MAX_RENDERED_CHARS = 4000;

/**
 * The 16 terminal colours, re-tuned so text on the console's own background (light or dark,
 * plain, warning or error rows) keeps a 4.5:1 contrast. Used only when the line sets no
 * background of its own: a pair the line chose (white on green) is kept as it is.
 */
const READABLE: Record<string, string> = {
  '#000000': 'light-dark(#000000, #9a9a9a)',
  '#c91b00': 'light-dark(#b31400, #ff7b73)',
  '#00a600': 'light-dark(#1a7a1a, #2bd42b)',
  '#b8a000': 'light-dark(#715e00, #e5d200)',
  '#0225c7': 'light-dark(#0225c7, #8b93ff)',
  '#c930c7': 'light-dark(#99209a, #ff77ff)',
  '#00a6b2': 'light-dark(#006d75, #60fdff)',
  '#a0a0a0': 'light-dark(#5c636a, #c8c8c8)',
  '#686868': 'light-dark(#595959, #a0a0a0)',
  '#ff6e67': 'light-dark(#b8231b, #ff8a84)',
  '#2bd42b': 'light-dark(#1a7a1a, #2bd42b)',
  '#e5d200': 'light-dark(#715e00, #e5d200)',
  '#6871ff': 'light-dark(#3f4ad9, #9aa1ff)',
  '#ff77ff': 'light-dark(#99209a, #ff77ff)',
  '#60fdff': 'light-dark(#006d75, #60fdff)',
  '#ffffff': 'light-dark(#212529, #ffffff)',
};

function cssOf(s: AnsiStyle): Record<string, string> {
  if (!s.inverse && !s.bg && s.fg && READABLE[s.fg]) s = { ...s, fg: READABLE[s.fg] };
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

function renderColoured(text: string, plain: string): unknown {
  if (!hasAnsi(text)) return clip(plain);
  return parseAnsi(clip(text)).map((t) => styled(t.text, t.style));
}

export function renderLogText(text: string, plain: string, highlight: RegExp | null): unknown {
  if (!highlight) return renderColoured(text, plain);
  const shown = clip(plain);
  const ranges = matchRanges(highlight, shown);
  if (ranges.length === 0) return renderColoured(text, plain);
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
