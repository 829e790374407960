/**
 * The streaming engine's public API as the split bundle (src/bundle.ts) exports it: the same
 * names as src/streams/index.ts, without putting the lazily loaded parts in every page's first
 * load. runFeed and runSse are async, so here they load the feed stack (feed-stack.ts, the chunk
 * the hub loads with a page's first stream) on first call and then run the real ones;
 * TabCoordinator is the hub's LazyTabs, which loads the coordinator on first attach. The
 * decoders and folders are synchronous, so they are exported as they are (first load +2.5 KiB
 * brotli; scripts/size.mjs).
 */
import type { runFeed as RunFeed } from './feed.js';
import { loadFeedStack } from './hub.js';
import type { runSse as RunSse } from './transports/sse.js';

export { LazyTabs as TabCoordinator } from './tabs/lazy-tabs.js';
export type { CrossTabOptions, SourceRecipe, TabRole } from './tabs/protocol.js';
export type { FeedConfig, FeedEndpoint, FeedSink } from './feed.js';
export type { SseRequest, SseHandlers, SseOutcome } from './transports/sse.js';
export { LiveFolder, LogFolder, TaskFolder, type Folder } from './folders.js';
export * from './decoders/live.js';
export * from './decoders/logs.js';
export * from './decoders/tasks.js';

/** As runFeed in feed.ts (one feed until `signal` aborts); the engine loads on the first call. */
export const runFeed: typeof RunFeed = async (endpoint, config, sink, signal) => (await loadFeedStack()).runFeed(endpoint, config, sink, signal);

/** As runSse in transports/sse.ts (one SSE connection); the engine loads on the first call. */
export const runSse: typeof RunSse = async (req, handlers, outer) => (await loadFeedStack()).runSse(req, handlers, outer);
