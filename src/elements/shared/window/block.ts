/**
 * The translated-block surface of the window: a spacer of the content's height holding a block
 * of the drawn rows moved with translateY, inside the element's own scroller (json-view,
 * live-activity). Rows are rendered by position (not keyed), so a frame that brings new data
 * reuses the same row elements and only rewrites their text: O(drawn rows) per frame.
 * ./keyed-block.ts keys them instead (row-focus lists whose focused row must keep its element).
 * (The other surfaces: table spacer rows in ./table.ts, an imperative row pool in ./pool.ts.)
 *
 * CSS the block needs (class names are the caller's choice; these are the defaults):
 * `.fw-scroller { overflow-y: auto; overflow-anchor: none; contain: strict }`,
 * `.fw-spacer { position: relative }`, `.fw-rows { position: absolute; inset: 0 0 auto 0 }`.
 */
import { html, type TemplateResult } from 'lit';
import type { WindowModel, WindowRange } from './window-model.js';

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
  return html`<div class=${classes.spacer ?? 'fw-spacer'} style=${`height:${contentHeight}px`}>
    <div class=${classes.rows ?? 'fw-rows'} style=${`transform:translateY(${model.offsetOf(range.first)}px)`}>${rows}</div>
  </div>`;
}
