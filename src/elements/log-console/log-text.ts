/**
 * A log line's text: ANSI colours from the shared tokenizer, with the filter's matches
 * wrapped in <mark>. Text is only ever set as text (textContent / text nodes) — nothing here
 * can create markup from the line's content.
 */
import { hasAnsi, parseAnsi, type AnsiStyle, type AnsiToken } from '../shared/ansi.js';
import { visibleControls } from '../shared/safe-text.js';
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
  // Property names in CSS form, for style.setProperty.
  if (!s.inverse && !s.bg && s.fg && READABLE[s.fg]) s = { ...s, fg: READABLE[s.fg] };
  const fg = s.inverse ? s.bg ?? 'var(--_tt-bg)' : s.fg;
  const bg = s.inverse ? s.fg ?? 'var(--_tt-text)' : s.bg;
  const css: Record<string, string> = {};
  if (fg) css.color = fg;
  if (bg) css['background-color'] = bg;
  if (s.bold) css['font-weight'] = '700';
  if (s.dim) css.opacity = '0.7';
  if (s.italic) css['font-style'] = 'italic';
  if (s.underline) css['text-decoration'] = 'underline';
  return css;
}

const clip = (t: string) => (t.length > MAX_RENDERED_CHARS ? t.slice(0, MAX_RENDERED_CHARS) + '…' : t);

/**
 * Lines with colours or matches are built as DOM directly (a span per token, text set with
 * textContent — never parsed as markup): a Lit template per token would add two marker
 * comments per token, and rows must stay a handful of nodes.
 */
function styled(raw: string, style: AnsiStyle | null): Node {
  // Control and bidi-control characters as visible marks (per slice, so match ranges computed
  // on the original text stay right).
  const text = visibleControls(raw);
  if (!style) return document.createTextNode(text);
  const span = document.createElement('span');
  span.className = 'ansi';
  const css = cssOf(style);
  for (const k in css) span.style.setProperty(k, css[k]);
  span.textContent = text;
  return span;
}

function renderColoured(text: string, plain: string): string | DocumentFragment {
  if (!hasAnsi(text)) return visibleControls(clip(plain));
  const frag = document.createDocumentFragment();
  for (const t of parseAnsi(clip(text))) frag.appendChild(styled(t.text, t.style));
  return frag;
}

export function renderLogText(text: string, plain: string, highlight: RegExp | null): string | DocumentFragment {
  if (!highlight) return renderColoured(text, plain);
  const shown = clip(plain);
  const ranges = matchRanges(highlight, shown);
  if (ranges.length === 0) return renderColoured(text, plain);
  const tokens: AnsiToken[] = hasAnsi(text) ? parseAnsi(clip(text)) : [{ text: shown, style: null }];
  // Walk tokens and ranges together, cutting tokens at match boundaries.
  const frag = document.createDocumentFragment();
  let pos = 0;
  let r = 0;
  for (const token of tokens) {
    const end = pos + token.text.length;
    let at = pos;
    while (at < end) {
      while (r < ranges.length && ranges[r][1] <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        frag.appendChild(styled(token.text.slice(at - pos), token.style));
        at = end;
      } else if (range[0] > at) {
        frag.appendChild(styled(token.text.slice(at - pos, range[0] - pos), token.style));
        at = range[0];
      } else {
        const stop = Math.min(end, range[1]);
        const mark = document.createElement('mark');
        mark.appendChild(styled(token.text.slice(at - pos, stop - pos), token.style));
        frag.appendChild(mark);
        at = stop;
      }
    }
    pos = end;
  }
  return frag;
}
