export * from './feed.js';
export * from './validate.js';
export * from './live.js';
export * from './logs.js';
export * from './tasks.js';
export * from './agl.js';
