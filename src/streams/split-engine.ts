/**
 * The streaming engine's public API as the split bundle (src/bundle.ts) exports it: the same
 * names as src/streams/index.ts, without putting the lazily loaded parts in every page's first
 * load. runFeed and runSse are async, so here they load the feed stack (feed-stack.ts, the chunk
 * the hub loads with a page's first stream: one load per page) on first call and run the real ones;
 * TabCoordinator is the hub's LazyTabs (it loads the coordinator on first attach) with the rest
 * of TabCoordinator's public surface, here so that elements' first loads do not carry it. The
 * decoders and folders are synchronous, so they are exported as they are (first load +2.5 KiB
 * brotli; scripts/size.mjs).
 */
import type { runFeed as RunFeed } from './feed.js';
import type { runSse as RunSse } from './transports/sse.js';

import { LazyTabs } from './tabs/lazy-tabs.js';
import { crossTabSupported, randomId, type CoordinatorHub, type CrossTabOptions } from './tabs/protocol.js';

export type { CrossTabOptions, SourceRecipe, TabRole } from './tabs/protocol.js';
export type { FeedConfig, FeedEndpoint, FeedSink } from './feed.js';
export type { SseRequest, SseHandlers, SseOutcome } from './transports/sse.js';
export { LiveFolder, LogFolder, TaskFolder, type Folder } from './folders.js';
export * from './decoders/live.js';
export * from './decoders/logs.js';
export * from './decoders/tasks.js';

/** As runFeed in feed.ts (one feed until `signal` aborts); the engine loads on the first call. */
export const runFeed: typeof RunFeed = async (endpoint, config, sink, signal) => (await import('./feed-stack.js')).runFeed(endpoint, config, sink, signal);

/** As runSse in transports/sse.ts (one SSE connection); the engine loads on the first call. */
export const runSse: typeof RunSse = async (req, handlers, outer) => (await import('./feed-stack.js')).runSse(req, handlers, outer);

/** As TabCoordinator in tabs/coordinator.ts (same constructor, statics and members); the coordinator itself loads on first attach. */
export class TabCoordinator extends LazyTabs {
  /** Web Locks and BroadcastChannel both exist (else the hub stays solo). */
  static supported(): boolean {
    return crossTabSupported();
  }

  /** Known before the coordinator loads: it is handed this id. */
  readonly tabId: string;
  readonly namespace: string;

  constructor(hub: CoordinatorHub, options: CrossTabOptions = {}) {
    const tabId = options.tabId ?? randomId();
    super(hub, { ...options, tabId });
    this.tabId = tabId;
    this.namespace = options.namespace ?? 'default';
  }

  /** Epoch of the leader this tab follows (0 before the coordinator has loaded). */
  get epoch(): number {
    return this.coordinator?.epoch ?? 0;
  }

  get leaderId(): string | null {
    return this.coordinator?.leaderId ?? null;
  }
}
