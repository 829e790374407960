/**
 * The window's surfaces: how a window model's range gets onto the page.
 * - translated block (`renderBlock`): a spacer of the content's height holding a block of the
 *   drawn rows moved with translateY, inside the element's own scroller (json-view,
 *   live-activity); rows are rendered by position (not keyed), so a frame that brings new data
 *   reuses the same row elements and only rewrites their text: O(drawn rows) per frame;
 * - table spacer rows (`tableParts`): drawn rows stay in a real `<table>`'s flow between gap
 *   rows, so table semantics, sticky cells and page scrolling keep working (rollout-table);
 * - an imperative row pool (`paintPool`): the element draws rows into elements it reuses and
 *   reports their heights; the model places them, anchored or following (log-console).
 *
 * CSS the block needs (class names are the caller's choice; these are the defaults):
 * `.fw-scroller { overflow-y: auto; overflow-anchor: none; contain: strict }`,
 * `.fw-spacer { position: relative }`, `.fw-rows { position: absolute; inset: 0 0 auto 0 }`.
 */
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Anchor, Follow, WindowModel, WindowRange } from './window-model.js';

export interface BlockClasses {
  spacer?: string;
  rows?: string;
}

/**
 * The spacer (`contentHeight` px) and the translated block of rows `first…last-1`.
 * `renderRow(i, slot)` draws index `i` in the `slot`-th drawn position.
 */
export function renderBlock<K>(
  model: WindowModel<K>,
  contentHeight: number,
  range: WindowRange,
  renderRow: (index: number, slot: number) => TemplateResult,
  classes: BlockClasses = {},
): TemplateResult {
  const rows: TemplateResult[] = [];
  for (let i = range.first; i < range.last; i++) rows.push(renderRow(i, i - range.first));
  return html`<div class=${classes.spacer ?? 'fw-spacer'} style=${styleMap({ height: `${contentHeight}px` })}>
    <div class=${classes.rows ?? 'fw-rows'} style=${styleMap({ transform: `translateY(${model.offsetOf(range.first)}px)` })}>${rows}</div>
  </div>`;
}

/** One piece of a windowed table body: a row to render, or a gap standing for hidden rows. */
export type WindowPart = { index: number } | { gap: number; from: number; to: number; height: number };

/**
 * The parts of a table body for these spans (model.spans): rows, and gap rows of the hidden
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

/**
 * The hook an element with its own row elements implements (log-console's paint pool): it draws
 * rows by index into elements it reuses, and sizes the spacer and moves the block.
 */
export interface RowPool {
  /** Draw rows first…last-1 into the pool (by position). Return their heights as laid out when
   * `measure` is true (rows of measured height), else nothing. */
  draw(first: number, last: number, measure: boolean): readonly number[] | void;
  /** Size the spacer (content height) and put the block's top (and its height, uniform rows). */
  place(contentHeight: number, blockTop: number, blockHeight: number | null): void;
}

/** The view a pool paint starts from. */
export interface PoolView<K> {
  follow: Follow;
  /** Uniform rows: the scroll position model. */
  scrollTop: number;
  /** Measured rows, not following: the row at the top of the view (null: the first row). */
  anchor: Anchor<K> | null;
  /** Where the anchor's row was when it went (evicted, filtered out): its fallback index. */
  anchorIndex?: number;
  viewport: number;
  /** Rows drawn beyond the view (uniform rows, or above an anchor). */
  overscan: number;
  /** Px drawn beyond the view (measured rows). */
  overscanPx?: number;
}

export interface PoolPaint<K> extends WindowRange {
  /** Where the scroller must be (write it as a programmatic scroll). */
  scrollTop: number;
  /** The anchor to keep for the next paint (measured rows). */
  anchor: Anchor<K> | null;
}

/**
 * Paint a pool: uniform rows by arithmetic (no overscan while following: the rows only come in
 * at the end), measured rows (policy `keyed`/`exceptions`) anchored, or drawn from the bottom up
 * while following the end.
 */
export function paintPool<K>(model: WindowModel<K>, pool: RowPool, view: PoolView<K>): PoolPaint<K> {
  const vh = view.viewport;
  if (model.policy === 'uniform') {
    const top = model.followTop(view.follow, view.scrollTop, vh);
    const r = model.visible(top, vh, view.follow === 'none' ? view.overscan : 0);
    pool.place(model.totalHeight, model.offsetOf(r.first), model.offsetOf(r.last) - model.offsetOf(r.first));
    pool.draw(r.first, r.last, false);
    return { ...r, scrollTop: top, anchor: model.anchorAt(top) };
  }
  const draw = (a: number, b: number) => pool.draw(a, b, true) ?? [];
  const l =
    view.follow === 'end'
      ? model.layoutEnd(vh, draw)
      : model.layoutAnchored(view.follow === 'start' ? null : view.anchor, view.anchorIndex ?? 0, vh, draw, { rows: view.overscan, px: view.overscanPx ?? 0 });
  pool.place(l.height, l.blockTop, null);
  return { first: l.first, last: l.last, scrollTop: l.scrollTop, anchor: l.anchor };
}
