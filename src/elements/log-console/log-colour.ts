/**
 * <log-console>'s colours, a lazy part (loaded when the first line with an escape sequence is
 * drawn; log-text.ts draws such lines plain until then): the shared ANSI tokenizer
 * (shared/ansi-colour.ts) and the terminal colours re-tuned for the console's backgrounds. A
 * coloured token is a span whose text is set with textContent — never parsed as markup.
 */
import { parseAnsi, type AnsiStyle, type AnsiToken } from '../shared/ansi-colour.js';

/** No stylesheet of its own (the `.ansi` rules are in the element's). */
export const styles = [];

/** A line's tokens: its text cut where its style changes (escape sequences and controls dropped). */
export const tokens = (text: string): AnsiToken[] => parseAnsi(text);

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

/** A span showing `text` (already made safe to show) in `style`. */
export function span(text: string, style: AnsiStyle): HTMLElement {
  const el = document.createElement('span');
  el.className = 'ansi';
  const css = cssOf(style);
  for (const k in css) el.style.setProperty(k, css[k]);
  el.textContent = text;
  return el;
}
