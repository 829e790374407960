/**
 * The translated block with rows keyed by the model's keys (lit's repeat): a row's elements
 * follow its key as the range moves or the rows reorder, so the focused row keeps its element
 * and its focus (worker-board's cards and table, with the row-focus controller). ./block.ts
 * renders by position instead (cheapest for rows that only change text). Not re-exported by
 * ./index.ts: lit's repeat directive would then ride along into every element that imports the
 * index, keyed or not (lit's modules are not marked free of side effects).
 */
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { repeat } from 'lit/directives/repeat.js';
import type { WindowModel, WindowRange } from './window-model.js';
import type { BlockClasses } from './block.js';

/**
 * The spacer (`contentHeight` px) and the translated block of rows `first…last-1`, keyed by
 * `model.keyAt(i)`. The spacer and block are layout only (`role="none"`), so list and table
 * roles own the rows across them.
 */
export function renderKeyedBlock<K>(
  model: WindowModel<K>,
  contentHeight: number,
  range: WindowRange,
  renderRow: (index: number) => TemplateResult,
  classes: BlockClasses = {},
): TemplateResult {
  const at: number[] = [];
  for (let i = range.first; i < range.last; i++) at.push(i);
  return html`<div role="none" class=${classes.spacer ?? 'fw-spacer'} style=${styleMap({ height: `${contentHeight}px` })}>
    <div role="none" class=${classes.rows ?? 'fw-rows'} style=${styleMap({ transform: `translateY(${model.offsetOf(range.first)}px)` })}>${repeat(at, (i) => model.keyAt(i), renderRow)}</div>
  </div>`;
}
