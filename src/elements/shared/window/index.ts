/**
 * The one windowing mechanism for long lists: a pure model (which rows, where), a controller
 * (a scroller, follow, anchors, reveal; or the page and ancestor scrollers: ./page.ts) and
 * surfaces (translated block, table spacer rows, an imperative row pool; the keyed block,
 * ./keyed-block.ts, is imported directly). See each module's first comment.
 */
export * from './window-model.js';
export * from './window-controller.js';
export * from './block.js';
export * from './table.js';
export * from './pool.js';
export * from './page.js';
export { FixedWindowController, renderWindow, windowRange, maxLength } from './fixed.js';
