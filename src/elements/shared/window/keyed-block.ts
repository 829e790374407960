/**
 * The translated block with rows keyed by the model's keys (lit's repeat): a row's elements
 * follow its key as the range moves or the rows reorder, so the focused row keeps its element
 * and its focus (worker-board's cards and table, with the row-focus controller). A row kept
 * drawn out of the range (`range.keep`, the focused row: window-controller.ts `keep`) is in the
 * same keyed list, first or last as it lies, placed out of the flow where it lies: scrolled
 * back into the range it is the same element, still focused. ./block.ts
 * renders by position instead (cheapest for rows that only change text). Not re-exported by
 * ./index.ts: lit's repeat directive would then ride along into every element that imports the
 * index, keyed or not (lit's modules are not marked free of side effects).
 */
import { html, type TemplateResult } from 'lit';
import { repeat } from '../repeat.js';
import type { WindowModel, WindowRange } from './window-model.js';
import type { BlockClasses } from './block.js';

/**
 * The style of a row kept drawn out of the range: apply it as the row element's `style` (and skip
 * the row when measuring drawn rows: it is not in the flow). Undefined for rows in the range.
 */
export type KeptStyle = string | undefined;

/**
 * The spacer (`contentHeight` px) and the translated block of rows `first…last-1`, keyed by
 * `model.keyAt(i)`, and the row `range.keep` if any (`renderRow(i, style)`: see KeptStyle).
 * The spacer and block are layout only (`role="none"`), so list and table roles own the rows
 * across them.
 */
export function renderKeyedBlock<K>(
  /** Where rows are, and their keys (a model, or positions keyed otherwise: live-activity's feed). */
  model: Pick<WindowModel<K>, 'keyAt' | 'offsetOf'>,
  contentHeight: number,
  range: WindowRange,
  renderRow: (index: number, kept: KeptStyle) => TemplateResult,
  classes: BlockClasses = {},
): TemplateResult {
  const at: number[] = [];
  const keep = range.keep ?? -1;
  if (keep >= 0 && keep < range.first) at.push(keep);
  for (let i = range.first; i < range.last; i++) at.push(i);
  if (keep >= range.last) at.push(keep);
  // Where it lies, from the block's top (the block is its containing block: it is translated).
  const kept = keep >= 0 ? `position:absolute;inset:${model.offsetOf(keep) - model.offsetOf(range.first)}px 0 auto` : undefined;
  return html`<div role="none" class=${classes.spacer ?? 'fw-spacer'} style=${`height:${contentHeight}px`}>
    <div role="none" class=${classes.rows ?? 'fw-rows'} style=${`transform:translateY(${model.offsetOf(range.first)}px)`}>${repeat(
      at,
      (i) => model.keyAt(i),
      (i) => renderRow(i, i === keep ? kept : undefined),
    )}</div>
  </div>`;
}
