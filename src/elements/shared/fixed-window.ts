/**
 * Moved to `shared/window/` (the one windowing mechanism): this re-export stays only until
 * <live-activity> imports `../shared/window/index.js`; then it goes.
 */
export { FixedWindowController, renderWindow, windowRange, maxLength, MAX_SPACER_PX, type WindowRange } from './window/index.js';
