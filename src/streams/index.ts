/** The stream hub's public API (also usable from Node: no DOM in this graph). */
export * from './types.js';
export { Hub, createHub, getDefaultHub, FeedSource, RestSourceImpl, type HubOptions, type HubStreamOptions } from './hub.js';
export { TabCoordinator, type CrossTabOptions, type SourceRecipe, type TabRole } from './tabs/coordinator.js';
export { runFeed, type FeedConfig, type FeedEndpoint, type FeedSink } from './feed.js';
export { LiveFolder, LogFolder, TaskFolder, type Folder } from './folders.js';
export { frameBatch, mergeBatch, animationFrameScheduler, documentVisibility, type FrameBatchOptions, type FrameScheduler, type VisibilityLike } from './frame-batch.js';
export { Backoff, type BackoffOptions } from './backoff.js';
export { DecodeError, describeValue, type Failure } from './errors.js';
export { runSse, type SseRequest, type SseHandlers, type SseOutcome } from './transports/sse.js';
export { fetchJson, type FetchLike } from './transports/http.js';
export * from './decoders/index.js';
export { StreamController } from './controller.js';
export { hubContext, settingsContext, DEFAULT_SETTINGS, THEMES, AUTO_REFRESH_CHOICES, type Settings, type Theme } from './context.js';
export { pageSettings$, updatePageSettings, resolveBaseUrl, applyTheme } from './settings-store.js';
export { bearerFetch } from './bearer.js';
