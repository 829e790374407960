/**
 * What a page script talks to: the domain models, the hub (sources, settings, auth), and every
 * element's class and events. src/index.ts adds the streaming engine's parts (src/streams/index.ts);
 * src/bundle.ts, the split everything bundle's entry, exports only this, so its first load does
 * not carry code the hub loads lazily (the feed engine, decoders, the cross-tab coordinator):
 * the split build's engine entry (src/bundle-engine.ts) exports those.
 */
export * from './streams/models.js';
export * from './streams/agl.js';
export * from './streams/types.js';
export { Hub, createHub, getDefaultHub, FeedSource, RestSourceImpl, type HubOptions, type HubStreamOptions } from './streams/hub.js';
export type { CrossTabOptions, SourceRecipe, TabRole } from './streams/tabs/coordinator.js';
export { frameBatch, mergeBatch, animationFrameScheduler, documentVisibility, type FrameBatchOptions, type FrameScheduler, type VisibilityLike } from './streams/frame-batch.js';
export { Backoff, type BackoffOptions } from './streams/backoff.js';
export { DecodeError, describeValue, type Failure } from './streams/errors.js';
export { fetchJson, type FetchLike } from './streams/transports/http.js';
export * from './streams/decoders/agl.js';
export * from './streams/decoders/validate.js';
export type * from './streams/decoders/feed.js';
export { StreamController } from './streams/controller.js';
export { hubContext, settingsContext, DEFAULT_SETTINGS, THEMES, AUTO_REFRESH_CHOICES, type Settings, type Theme } from './streams/context.js';
export { pageSettings$, updatePageSettings, resolveBaseUrl, applyTheme } from './streams/settings-store.js';
export { bearerFetch } from './streams/bearer.js';
export { TelltaleElement } from './elements/shared/telltale-element.js';
export { WorkerBoard, WORKER_SORTS, WORKER_VIEWS, type WorkerSort, type WorkerView } from './elements/worker-board/worker-board.js';
export { WorkerSelectEvent, type WorkerSelectDetail } from './elements/worker-board/worker-board.events.js';
export { StorageOverview } from './elements/storage-overview/storage-overview.js';
export { StoreToggleEvent, type StoreToggleDetail } from './elements/storage-overview/storage-overview.events.js';
export { ClientList } from './elements/client-list/client-list.js';
export { ClientSelectEvent, type ClientSelectDetail } from './elements/client-list/client-list.events.js';
export { LogConsole, DEFAULT_MAX_LINES } from './elements/log-console/log-console.js';
export { LogDownloadEvent, LogCopyEvent, LogFollowChangeEvent, LogFilterChangeEvent, type LogDownloadFormat } from './elements/log-console/log-console.events.js';
export { compileFilter, testFilter, type CompiledFilter } from './elements/log-console/log-filter.js';
export { RolloutTable } from './elements/rollout-table/rollout-table.js';
export { RolloutViewJsonEvent, RolloutViewTracesEvent, RolloutExpandEvent, type RolloutActionDetail } from './elements/rollout-table/rollout-table.events.js';
export { RolloutModel, sortIndices, COLUMNS, rolloutsUrl, attemptsUrl, statusTone, rolloutStatusLabel, type ColumnId, type SortSpec, type WireShape } from './elements/rollout-table/rollout-model.js';
export { JsonView } from './elements/json-view/json-view.js';
export { JsonCopyEvent } from './elements/json-view/json-view.events.js';
export { SettingsPanel } from './elements/settings-panel/settings-panel.js';
export { SettingsChangeEvent } from './elements/settings-panel/settings-panel.events.js';
export { ConnectionStatus } from './elements/connection-status/connection-status.js';
export { ConnectionStatusClickEvent } from './elements/connection-status/connection-status.events.js';
export { aggregate as aggregateStatuses, type AggregateStatus } from './elements/connection-status/aggregate.js';
export { TelltaleProvider } from './elements/telltale-provider/telltale-provider.js';
export { LiveActivity, FEEDS, type Feed } from './elements/live-activity/live-activity.js';
export { ActivitySelectEvent, ActivityFilterChangeEvent, ActivityPauseChangeEvent } from './elements/live-activity/live-activity.events.js';
export type { ActivitySelectDetail, ActivityFilterChangeDetail, ActivityPauseChangeDetail } from './elements/live-activity/live-activity.events.js';
export { ActivityStore, applyFilter, TYPE_FILTERS, STATUS_FILTERS, type ActivityItem, type ActiveEntry, type TypeFilter, type StatusFilter } from './elements/live-activity/activity-store.js';
export type { OutputFetcher } from './elements/live-activity/output-loader.js';
export { TraceView } from './elements/trace-view/trace-view.js';
export * from './elements/trace-view/trace-view.events.js';
export { layoutTrace, decodeSpanPage, decodeAttemptPage, decodeRolloutPage } from './elements/trace-view/trace-data.js';
export { ResourcesView } from './elements/resources-view/resources-view.js';
export * from './elements/resources-view/resources-view.events.js';
