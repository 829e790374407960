/**
 * A log line's text, with the filter's matches wrapped in <mark>, and ANSI colours once the
 * colours part (log-colour.ts, lazy: asked for by the first line with an escape sequence) has
 * arrived; until then such a line is drawn from its plain text (escape sequences stripped: the
 * right text, its colours a frame later). Text is only ever set as text (textContent / text
 * nodes) — nothing here can create markup from the line's content.
 */
import { hasAnsi } from '../shared/ansi.js';
import type { AnsiStyle, AnsiToken } from '../shared/ansi-colour.js';
import { visibleControls } from '../shared/safe-text.js';
import { matchRanges } from './log-filter.js';

export type LogColour = typeof import('./log-colour.js');

/** For TelltaleElement.lazyPart('log-colour', loadLogColour, { onUse: true }). */
export const loadLogColour = (): Promise<LogColour> => import('./log-colour.js');

/** Longest text put in the DOM for one line; copy and download keep the whole line. */
export const MAX_RENDERED_CHARS = 4000;

const clip = (t: string) => (t.length > MAX_RENDERED_CHARS ? t.slice(0, MAX_RENDERED_CHARS) + '…' : t);

/**
 * Lines with colours or matches are built as DOM directly (a span per token, text set with
 * textContent — never parsed as markup): a Lit template per token would add two marker
 * comments per token, and rows must stay a handful of nodes.
 */
function styled(raw: string, style: AnsiStyle | null, colour: LogColour | null): Node {
  // Control and bidi-control characters as visible marks (per slice, so match ranges computed
  // on the original text stay right).
  const text = visibleControls(raw);
  return style && colour ? colour.span(text, style) : document.createTextNode(text);
}

function renderColoured(text: string, plain: string, colour: LogColour | null): string | DocumentFragment {
  if (!colour || !hasAnsi(text)) return visibleControls(clip(plain));
  const frag = document.createDocumentFragment();
  for (const t of colour.tokens(clip(text))) frag.appendChild(styled(t.text, t.style, colour));
  return frag;
}

/** `text` as received, `plain` without its escape sequences; `colour` the colours part, null while it has not arrived. */
export function renderLogText(text: string, plain: string, highlight: RegExp | null, colour: LogColour | null): string | DocumentFragment {
  if (!highlight) return renderColoured(text, plain, colour);
  const shown = clip(plain);
  const ranges = matchRanges(highlight, shown);
  if (ranges.length === 0) return renderColoured(text, plain, colour);
  const tokens: AnsiToken[] = colour && hasAnsi(text) ? colour.tokens(clip(text)) : [{ text: shown, style: null }];
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
        frag.appendChild(styled(token.text.slice(at - pos), token.style, colour));
        at = end;
      } else if (range[0] > at) {
        frag.appendChild(styled(token.text.slice(at - pos, range[0] - pos), token.style, colour));
        at = range[0];
      } else {
        const stop = Math.min(end, range[1]);
        const mark = document.createElement('mark');
        mark.appendChild(styled(token.text.slice(at - pos, stop - pos), token.style, colour));
        frag.appendChild(mark);
        at = stop;
      }
    }
    pos = end;
  }
  return frag;
}
