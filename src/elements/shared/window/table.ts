/**
 * The table-spacer-rows surface of the window: drawn rows stay in a real `<table>`'s flow
 * between gap rows, so table semantics, sticky cells and page scrolling keep working
 * (rollout-table's row-window.ts measures the visible band on the page and plans with it).
 */
import type { WindowModel } from './window-model.js';

export interface RangeOptions {
  /** Rows drawn beyond each edge of the view. */
  overscan?: number;
  /** The focused row, drawn with `focusMargin` rows each side even when out of view. */
  focusIndex?: number;
  focusMargin?: number;
}

/**
 * The spans of rows to draw, in order and disjoint: the view's range (plus overscan) and the
 * focused row's neighbourhood (so Tab and arrow keys always find the next row drawn).
 * `top` is not clamped (a band measured on the page may start above or below the rows).
 */
export function tableSpans<K>(model: WindowModel<K>, top: number, viewport: number, opts: RangeOptions = {}): [number, number][] {
  const n = model.length;
  if (n === 0) return [];
  const over = opts.overscan ?? 0;
  const start = Math.max(0, model.indexAt(top) - over);
  const end = Math.min(n, model.indexAt(top + viewport) + 1 + over);
  const fi = opts.focusIndex ?? -1;
  if (fi < 0 || fi >= n) return [[start, end]];
  const m = opts.focusMargin ?? 0;
  const f: [number, number] = [Math.max(0, fi - m), Math.min(n, fi + m + 1)];
  if (f[1] < start) return [f, [start, end]];
  if (f[0] > end) return [[start, end], f];
  return [[Math.min(start, f[0]), Math.max(end, f[1])]];
}

/** One piece of a windowed table body: a row to render, or a gap standing for hidden rows. */
export type WindowPart = { index: number } | { gap: number; from: number; to: number; height: number };

/**
 * The parts of a table body for these spans (tableSpans): rows, and gap rows of the hidden
 * rows' height. `lastBorder`: the bottom border the last row lacks (`tr:last-child`), taken off
 * a gap that stands for it.
 */
export function tableParts<K>(model: WindowModel<K>, spans: readonly (readonly [number, number])[], lastBorder = 0): WindowPart[] {
  const n = model.length;
  const parts: WindowPart[] = [];
  let at = 0;
  let gaps = 0;
  const gap = (from: number, to: number): WindowPart => ({
    gap: gaps++,
    from,
    to,
    height: Math.max(0, model.offsetOf(to) - model.offsetOf(from) - (to === n ? lastBorder : 0)),
  });
  for (const [a, b] of spans) {
    if (a > at) parts.push(gap(at, a));
    for (let i = a; i < b; i++) parts.push({ index: i });
    at = b;
  }
  if (at < n) parts.push(gap(at, n));
  return parts;
}
