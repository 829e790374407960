/**
 * Log text without its ANSI escape sequences, for lines painted before (or without) their
 * colours, search, copy and plain-text download: `hasAnsi`, `stripAnsi`. Small, in every first
 * load. The colours themselves (ansi-colour.ts: SGR parsing into styled tokens) are a lazy part,
 * fetched when the first line with an escape sequence is painted (`loadAnsiColour`). Every escape
 * sequence (cursor movement, OSC such as OSC 8 hyperlinks, broken or truncated ones) and other
 * control character is dropped, so nothing a log line carries can turn into a link, markup or a
 * control of the terminal.
 */

const ESC = '\u001b';
// CSI: ESC [ params intermediates final. OSC: ESC ] ... (BEL | ESC \). Other: ESC + one char.
// eslint-disable-next-line no-control-regex
export const SEQUENCE = /\u001b(?:\[([0-9;:?]*)[ -\/]*([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\|$)|[@-Z\\-_]|$)/g;
// Other C0 controls (except tab) would be invisible or disruptive: drop them.
// eslint-disable-next-line no-control-regex
export const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** True when the text has any escape sequence at all (fast path for plain lines). */
export function hasAnsi(text: string): boolean {
  return text.includes(ESC);
}

/** Strip every escape sequence and control character (the text ansi-colour.ts's tokens hold, joined). */
export function stripAnsi(text: string): string {
  return (hasAnsi(text) ? text.replace(SEQUENCE, '') : text).replace(CONTROLS, '');
}

export type AnsiColour = typeof import('./ansi-colour.js');

/** For TelltaleElement.lazyPart('ansi-colour', loadAnsiColour, { onUse: true }): asked for by the first line with an escape sequence. */
export const loadAnsiColour = (): Promise<AnsiColour> => import('./ansi-colour.js');
