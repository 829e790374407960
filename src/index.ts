/**
 * Telltale's pure entry: classes, types and the hub. Importing it registers no element;
 * import `telltale/all.js` (or one element's `.define.js`) to register tags.
 */
export * from './page-api.js';
export * from './streams/index.js';
