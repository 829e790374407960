/**
 * Telltale's pure entry: classes, types and the hub. Importing it registers no element;
 * import `telltale/all.js` (or one element's `.define.js`) to register tags.
 */
export * from './streams/models.js';
export * from './streams/agl.js';
export * from './streams/types.js';
export * from './streams/context.js';
export * from './streams/controller.js';
export * from './streams/settings-store.js';
export { TelltaleElement } from './elements/shared/telltale-element.js';
