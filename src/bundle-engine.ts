/**
 * The split build's second entry (scripts/bundle.mjs → dist/bundle/engine.js), for pages with no
 * bundler: the streaming engine's public API, the names `telltale/streams` exports beyond the
 * elements' entry (src/bundle.ts → telltale.js) — runFeed, runSse, the feed decoders and
 * folders, TabCoordinator. telltale.js leaves them out so that pages that only place elements
 * do not load them. Both entries are built together and share their chunks: a page importing
 * both loads the hub, lit and rxjs once. Only modules the hub already loads lazily (the feed
 * stack, the cross-tab coordinator) are exported here, so this entry changes none of
 * telltale.js's chunks (scripts/size.mjs; test/unit/bundle-split.test.ts).
 */
export { TabCoordinator, type CrossTabOptions, type SourceRecipe, type TabRole } from './streams/tabs/coordinator.js';
export { runFeed, type FeedConfig, type FeedEndpoint, type FeedSink } from './streams/feed.js';
export { LiveFolder, LogFolder, TaskFolder, type Folder } from './streams/folders.js';
export { runSse, type SseRequest, type SseHandlers, type SseOutcome } from './streams/transports/sse.js';
export * from './streams/decoders/live.js';
export * from './streams/decoders/logs.js';
export * from './streams/decoders/tasks.js';
