/**
 * The console's search and filter arithmetic, pure (no DOM; unit-tested in Node in
 * test/unit/log-search.test.ts): the `levels` attribute ↔ a level mask, what a click on a level
 * toggle makes of it, which row ↑/↓ (Enter/Shift+Enter) step to, the match counter's text,
 * and the source filter's choices. The filter's term syntax itself is `log-filter.ts`.
 */
import { LOG_LEVELS, type LogLevel } from '../../streams/models.js';
import { ALL_LEVELS_MASK } from './log-buffer.js';

const nf = new Intl.NumberFormat('en-US');

/** `levels` ("warn,error"; empty = all; "none" = none) as a bit mask over LOG_LEVELS. */
export function levelMask(levels: string): number {
  const wanted = levels
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.length === 0) return ALL_LEVELS_MASK;
  let mask = 0;
  LOG_LEVELS.forEach((l, i) => wanted.includes(l) && (mask |= 1 << i));
  return mask;
}

/** The levels a mask lets through, in LOG_LEVELS order. */
export function levelsOf(mask: number): LogLevel[] {
  return LOG_LEVELS.filter((_, i) => mask & (1 << i));
}

/**
 * The `levels` value after a click on `level`'s toggle: a plain click adds or removes it; with
 * `only` (Alt+click) it shows only that level, or all again when it already was the only one.
 */
export function toggledLevels(levels: string, level: LogLevel, only: boolean): string {
  const current = new Set(levelsOf(levelMask(levels)));
  let next: LogLevel[];
  if (only) next = current.size === 1 && current.has(level) ? [...LOG_LEVELS] : [level];
  else {
    if (current.has(level)) current.delete(level);
    else current.add(level);
    next = LOG_LEVELS.filter((l) => current.has(l));
  }
  return next.length === LOG_LEVELS.length ? '' : next.length === 0 ? 'none' : next.join(',');
}

/**
 * The match to step to from `current` (-1: none yet) by `delta` among `rows` matching rows. The
 * first step starts from what is on screen (rows `top` … `top + visible - 1`): forward from its
 * first row, backward from its last; later steps wrap around the ends.
 */
export function stepMatchIndex(current: number, delta: number, rows: number, top: number, visible: number): number {
  if (rows <= 0) return -1;
  if (current < 0) return delta > 0 ? Math.max(0, Math.min(rows - 1, top)) : Math.max(0, Math.min(rows - 1, top + visible - 1));
  return (((current + delta) % rows) + rows) % rows;
}

/** The match counter beside the filter box: "No matches", "3 of 1,204", "1,204 matches". */
export function matchLabel(rows: number, matchIndex: number): string {
  if (rows === 0) return 'No matches';
  if (matchIndex >= 0) return `${nf.format(matchIndex + 1)} of ${nf.format(rows)}`;
  return `${nf.format(rows)} ${rows === 1 ? 'match' : 'matches'}`;
}

/**
 * The source filter's choices: the streams read, then the sources with lines retained (`retained`,
 * already cut to the most recent few of `total`), then the chosen one; each once, in that order.
 */
export function sourceChoices(
  streams: readonly string[],
  retained: readonly string[],
  total: number,
  chosen: string,
): { names: string[]; unlisted: number } {
  const names = new Set<string>(streams);
  for (const n of retained) names.add(n);
  if (chosen) names.add(chosen);
  return { names: [...names], unlisted: Math.max(0, total - retained.length) };
}
