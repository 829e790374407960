/**
 * The hub's public contract: what elements consume. Implementation lives beside this file
 * (hub.ts, transports, decoders). No DOM here: the hub also runs in Node (the CLI).
 */
import type { Observable } from 'rxjs';
import type { ClusterSnapshot, LiveEvent, LogLine, TaskEvent, TaskFeedStatus } from './models.js';

export const CONNECTION_STATES = ['connecting', 'live', 'polling', 'reconnecting', 'offline', 'error'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface SourceCounters {
  /** Events delivered to consumers. */
  events: number;
  /** Frames that could not be decoded (counted, reported, skipped). */
  malformed: number;
  reconnects: number;
  /** Events dropped by a bounded buffer (e.g. while the consumer was hidden). */
  dropped: number;
}

export interface SourceStatus {
  /** A stable key of the source (its URL), for display and aggregation. */
  key: string;
  state: ConnectionState;
  /** Why we are in this state (HTTP status and message, network error, "fell back to polling"…). */
  reason: string | null;
  /** Epoch ms of the last event or successful poll. */
  lastEventAt: number | null;
  /** Epoch ms when the next reconnect attempt is due, while reconnecting. */
  retryAt: number | null;
  counters: SourceCounters;
  /** True while a REST refresh is in flight. */
  refreshing: boolean;
  /** Cross-tab role of this page for this source. */
  role: 'solo' | 'leader' | 'follower';
  /** Why the first of the `counters.malformed` records could not be read (path and what was found). */
  firstUnreadable?: string | null;
  /** Why the view was last rebuilt from a snapshot it did not ask for (the server restarted, lost our position…). */
  lastReset?: string | null;
}

/**
 * What a streaming source hands its consumers, at most once per animation frame.
 * When `reset` is set, the consumer drops its state, rebuilds from the snapshot, then applies
 * `events` (all of which come after the snapshot).
 */
export interface Batch<E, S> {
  reset: S | null;
  events: E[];
}

export interface StreamSource<E, S> {
  readonly key: string;
  /** Frame-batched, shared, ref-counted. Subscribing opens (or joins) the connection. */
  readonly batches$: Observable<Batch<E, S>>;
  readonly status$: Observable<SourceStatus>;
  /** Connect again now, without waiting for the backoff (the Retry buttons). */
  retry?(): void;
}

export interface RestResult<T> {
  /** Decoded value. */
  data: T;
  /** The JSON exactly as received (for raw-JSON views). */
  raw: unknown;
  fetchedAt: number;
}

export interface RestSource<T> {
  readonly key: string;
  /** Emits each successful fetch; errors are reported on status$, never complete the stream. */
  readonly data$: Observable<RestResult<T>>;
  readonly status$: Observable<SourceStatus>;
  /** Fetch now (the Refresh / Retry buttons). */
  refresh(): void;
}

/** Per-source request options. */
export interface RequestOptions {
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
}

export interface StreamOptions extends RequestOptions {
  /** Force a transport; default: SSE with polling fallback. */
  transport?: 'auto' | 'sse' | 'polling';
  /** Expected heartbeat interval; silence for 1.5 × this on an open stream means a buffering proxy (poll instead). Default 5000. */
  heartbeatMs?: number;
  /** Largest accepted frame in bytes; default 1 MiB. */
  maxFrameBytes?: number;
}

export interface LogStreamOptions extends StreamOptions {
  /** Lines of history a new viewer asks for (default 1000). */
  tail?: number;
}

/** A log stream's "reset" is the notice that lines were lost before the replay began. */
export interface LogGap {
  from: number;
  to: number;
}

export interface RestOptions<T> extends RequestOptions {
  /**
   * Auto-refresh interval; 0 = off. An Observable lets it change while running. Sources are
   * shared by URL: the latest `hub.rest()` call's interval is the one in force.
   */
  intervalMs?: number | Observable<number>;
  decode: (json: unknown) => T;
}

export interface HubLike {
  /** The Telltale live protocol at `{base}/live` (+ `/live/status` polling). */
  live(base: string, options?: StreamOptions): StreamSource<LiveEvent, ClusterSnapshot>;
  /** A log stream at `{base}/logs/{stream}`. */
  logs(base: string, stream: string, options?: LogStreamOptions): StreamSource<LogLine, LogGap>;
  /** The seed-001 task feed at `{base}/api/dashboard/live` (+ `/live/status`). */
  tasks(base: string, options?: StreamOptions): StreamSource<TaskEvent, TaskFeedStatus>;
  /** A JSON resource with optional auto-refresh. Keyed by URL: same URL, same source. */
  rest<T>(url: string, options: RestOptions<T>): RestSource<T>;
  /** Every source's status, for `<connection-status>`. */
  readonly statuses$: Observable<SourceStatus[]>;
}
