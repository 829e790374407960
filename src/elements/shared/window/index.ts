/**
 * The one windowing mechanism for long lists: a pure model (which rows, where), a controller
 * (a scroller, follow, anchors, reveal) and surfaces (translated block, table spacer rows, an
 * imperative row pool). See each module's first comment.
 */
export * from './window-model.js';
export * from './window-controller.js';
export * from './block.js';
export * from './table.js';
export * from './pool.js';
export { FixedWindowController, renderWindow, windowRange, maxLength } from './fixed.js';
