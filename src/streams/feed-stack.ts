/**
 * What a page loads when it first subscribes to a stream (hub.ts imports this module
 * dynamically): the feed engine and the built-in feeds' decoders and folders. REST-only
 * elements (rollout-table, resources-view, trace-view) never load it, and streaming ones load
 * it after their first paint: every element's first load is 4-6 KiB brotli lighter
 * (scripts/size.mjs; test/unit/lazy-streams.test.ts keeps it so).
 */
export { FeedConnection, nullFolder } from './feed-source.js';
export { liveDecoder } from './decoders/live.js';
export { logDecoder } from './decoders/logs.js';
export { taskDecoder } from './decoders/tasks.js';
export { LiveFolder, LogFolder, TaskFolder } from './folders.js';
