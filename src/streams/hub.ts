/**
 * The stream hub: shared, keyed, ref-counted sources over SSE (with polling fallback) and
 * REST (with auto-refresh). One hub per page (`getDefaultHub()`), or per provider
 * (`createHub()`). No DOM: the same hub runs in Node (the CLI).
 * This file owns the Hub (the keyed source registry, cross-tab wiring, the statuses list) and
 * FeedSource (a stream's key and status; its engine, feed-source.ts, loads with the first
 * subscriber through feed-stack.ts); a REST source's life is in rest-source.ts, keys and
 * StatusCell in source-status.ts.
 */
import { BehaviorSubject, NEVER, Observable, catchError, defer, from, isObservable, map, of, switchMap } from 'rxjs';
import type { BackoffOptions } from './backoff.js';
import type { FeedDecoder, FeedItem } from './decoders/feed.js';
import type { FeedConfig, FeedEndpoint } from './feed.js';
import type { FeedConnection } from './feed-source.js';
import type { Folder } from './folders.js';
import type { FrameScheduler, VisibilityLike } from './frame-batch.js';
import type { FetchLike } from './transports/http.js';
import { RestSourceImpl, asObservable } from './rest-source.js';
import { StatusCell, stableKey } from './source-status.js';
// The coordinator itself loads when a shared source first opens (tabs/lazy-tabs.ts).
import { LazyTabs } from './tabs/lazy-tabs.js';
import { crossTabSupported, type CrossTabOptions, type SourceRecipe } from './tabs/protocol.js';
import { withQuery } from './transports/url.js';
import type { ClusterSnapshot, LiveEvent, LogLine, TaskEvent, TaskFeedStatus } from './models.js';
import type {
  Batch,
  HubLike,
  LogGap,
  LogStreamOptions,
  RestOptions,
  RestSource,
  SourceStatus,
  StreamOptions,
  StreamSource,
} from './types.js';

export interface HubOptions {
  /** How long a connection outlives its last subscriber. Default 2000 ms. */
  graceMs?: number;
  /** Reconnection backoff (base 500 ms, cap 30 s, reset after 60 s healthy; server `retry:` honoured). */
  backoff?: BackoffOptions;
  /** Consecutive SSE failures before falling back to polling. Default 3. */
  fallbackAfter?: number;
  /** No first byte within this → polling. Default 5000 ms. */
  firstByteTimeoutMs?: number;
  /** While polling, probe SSE this often. Default 30 000 ms. */
  probeIntervalMs?: number;
  /** Polling period. Default 2000 ms. */
  pollIntervalMs?: number;
  /** A poll request (a feed's polling, a REST source's fetch) that has not answered in full within this fails and is retried (the error names the timeout). Default 15 000 ms. */
  pollTimeoutMs?: number;
  /** How the cursor is sent on reconnect: `Last-Event-ID` header (default), `?since=`, or both. */
  resume?: 'header' | 'query' | 'both';
  /** Undecodable frames in a row, before any success, that make a feed fatal. Default 5. */
  undecodableAfter?: number;
  /** Frame batching: buffer bound per subscriber (default 10 000), scheduler and visibility (tests). */
  frame?: { maxEvents?: number; schedule?: FrameScheduler; visibility?: VisibilityLike | null };
  /** Entities kept per kind by the live snapshot (default 5000). */
  snapshotLimit?: number;
  /** A fetch implementation (Node, tests). Default: globalThis.fetch. */
  fetch?: FetchLike;
  /** Called for every frame that could not be decoded (also counted in status.counters.malformed). */
  onMalformed?: (info: { key: string; id: number | null; error: Error }) => void;
  /** Interval at which counter-only status changes are published. Default 250 ms (none while the page is hidden: the latest is published when it is shown). */
  statusThrottleMs?: number;
  /**
   * Share connections with the other tabs of this origin (one connection per feed, a leader
   * tab relays to the others; see docs/streams.md "Across tabs"). Default false for
   * `createHub()`; `getDefaultHub()` turns it on unless `<html data-telltale-cross-tab="off">`.
   * Needs Web Locks and BroadcastChannel, else the hub stays solo.
   */
  crossTab?: boolean | CrossTabOptions;
}

/** Extra per-stream options beyond the contract's StreamOptions. */
export interface HubStreamOptions extends StreamOptions {
  pollIntervalMs?: number;
}

/** Polling at `status`, from `?since=<cursor>` once there is a cursor (the live and task feeds). */
const pollSince = (status: string) => (cursor: number | null) => (cursor === null ? status : withQuery(status, 'since', cursor));

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** The lazily loaded streaming code (feed-stack.ts): one load per page, shared by every hub. */
type FeedStack = typeof import('./feed-stack.js');
let feedStack: Promise<FeedStack> | null = null;
/** Set once loaded: later sources make their engine synchronously, as before the split. */
let loadedStack: FeedStack | null = null;
const loadFeedStack = (): Promise<FeedStack> => (feedStack ??= import('./feed-stack.js').then((m) => (loadedStack = m)));

/** What a FeedSource needs from the loaded stack to make its engine. */
type FeedParts<E, S> = (stack: FeedStack) => { endpoint: FeedEndpoint<E, S>; folder: Folder<E, S>; resyncOnOverflow: boolean };

/**
 * A streaming source (live, logs, tasks, or your own decoder). Its key and status exist at
 * once; its engine (feed-source.ts: connection, folder, frame batching) loads with the first
 * subscriber, so pages that only read REST resources never download the streaming code.
 */
export class FeedSource<E, S> implements StreamSource<E, S> {
  readonly key: string;
  readonly batches$: Observable<Batch<E, S>>;
  readonly status$: Observable<SourceStatus>;
  /** Items as they arrive (deduplicated, not frame-batched, no initial state): for Node and tests. */
  readonly items$: Observable<FeedItem<E, S>>;
  private readonly cell: StatusCell;
  private engine: FeedConnection<E, S> | null = null;

  constructor(
    hub: Hub,
    key: string,
    config: FeedConfig,
    parts: FeedParts<E, S>,
    /** How another tab opens this same source (cross-tab sharing); none: this source stays in its tab. */
    readonly recipe: SourceRecipe | null = null,
  ) {
    this.key = key;
    this.cell = new StatusCell(key, hub.options.statusThrottleMs ?? 250, () => hub.publishStatuses());
    this.status$ = this.cell.subject.asObservable();
    const make = (stack: FeedStack) => {
      const p = parts(stack);
      return (this.engine ??= new stack.FeedConnection(hub, { ...p.endpoint, key }, config, p.folder, p.resyncOnOverflow, recipe, this.cell));
    };
    // Synchronous once loaded (as before the split); the first subscriber waits for the load.
    const engine$ = defer(() =>
      this.engine || loadedStack
        ? of(this.engine ?? make(loadedStack!))
        : from(loadFeedStack()).pipe(
            map(make),
            catchError((err: unknown) => {
              feedStack = null; // a later subscriber tries the load again
              this.cell.set({ state: 'error', reason: `cannot load the streaming code: ${(err as Error)?.message ?? err}` });
              return NEVER;
            }),
          ),
    );
    this.items$ = engine$.pipe(switchMap((e) => e.items$));
    this.batches$ = engine$.pipe(switchMap((e) => e.batches$));
  }

  /** The status now (synchronously). */
  get status(): SourceStatus {
    return this.cell.get();
  }

  /** @internal What a late joiner gets (null until the engine loaded). */
  get folder(): Folder<E, S> | null {
    return this.engine?.folder ?? null;
  }

  /** Connect again now (a Retry button): skips the backoff wait, and retries after a fatal error. */
  retry(): void {
    this.engine?.retry();
  }
}

export class Hub implements HubLike {
  readonly options: HubOptions;
  readonly graceMs: number;
  /** Cross-tab sharing (null: this hub is solo). */
  readonly tabs: LazyTabs | null;
  private readonly sources = new Map<string, StreamSource<unknown, unknown> | RestSource<unknown>>();
  private readonly open = new Map<string, StatusCell>();
  private readonly statusesSubject = new BehaviorSubject<SourceStatus[]>([]);
  readonly statuses$: Observable<SourceStatus[]> = this.statusesSubject.asObservable();

  constructor(options: HubOptions = {}) {
    this.options = options;
    this.graceMs = options.graceMs ?? 2000;
    const ct = options.crossTab;
    this.tabs = ct && crossTabSupported() ? new LazyTabs(this, ct === true ? {} : ct) : null;
  }

  /** This tab's cross-tab role: 'solo' when sharing is off or unsupported, 'pending' before the first election. */
  get role(): 'solo' | 'leader' | 'follower' | 'pending' {
    return this.tabs && !this.tabs.disposed ? this.tabs.role : 'solo';
  }

  /** @internal The source a follower tab asked for (the leader opens it by the same call). */
  sourceFor(recipe: SourceRecipe): FeedSource<unknown, unknown> {
    const o = recipe.options as HubStreamOptions;
    if (recipe.kind === 'live') return this.live(recipe.base, o) as FeedSource<unknown, unknown>;
    if (recipe.kind === 'tasks') return this.tasks(recipe.base, o) as FeedSource<unknown, unknown>;
    return this.logs(recipe.base, recipe.stream, o as LogStreamOptions & HubStreamOptions) as FeedSource<unknown, unknown>;
  }

  /**
   * Leave cross-tab sharing as a closing tab does: the lock goes to the next tab, which takes
   * over; sources still open here carry on solo. (Also for tests: one hub per simulated tab.)
   */
  dispose(): void {
    this.tabs?.dispose();
  }

  private config(options: HubStreamOptions = {}): FeedConfig {
    const o = this.options;
    return {
      transport: options.transport ?? 'auto',
      headers: options.headers,
      credentials: options.credentials,
      heartbeatMs: options.heartbeatMs ?? 5000,
      maxFrameBytes: options.maxFrameBytes ?? 1024 * 1024,
      firstByteTimeoutMs: o.firstByteTimeoutMs ?? 5000,
      fallbackAfter: o.fallbackAfter ?? 3,
      probeIntervalMs: o.probeIntervalMs ?? 30_000,
      pollIntervalMs: options.pollIntervalMs ?? o.pollIntervalMs ?? 2000,
      pollTimeoutMs: o.pollTimeoutMs ?? 15_000,
      backoff: o.backoff ?? {},
      resume: o.resume ?? 'header',
      fetch: o.fetch,
      undecodableAfter: o.undecodableAfter ?? 5,
    };
  }

  private cached<X extends StreamSource<unknown, unknown> | RestSource<unknown>>(key: string, make: () => X): X {
    let s = this.sources.get(key) as X | undefined;
    if (!s) {
      s = make();
      this.sources.set(key, s);
    }
    return s;
  }

  /**
   * A streaming source for any system: give it an endpoint (URLs + decoder) and a folder
   * (what a newcomer receives). `live`, `logs` and `tasks` are built on this.
   */
  feed<E, S>(endpoint: FeedEndpoint<E, S>, options: HubStreamOptions = {}, folder?: Folder<E, S>, resyncOnOverflow = false, recipe: SourceRecipe | null = null): FeedSource<E, S> {
    return this.lazyFeed(endpoint.key, options, (stack) => ({ endpoint, folder: folder ?? stack.nullFolder<E, S>(), resyncOnOverflow }), recipe);
  }

  /** A feed whose decoder and folder come from the lazily loaded stack (the built-in feeds). */
  private lazyFeed<E, S>(url: string, options: HubStreamOptions, parts: FeedParts<E, S>, recipe: SourceRecipe | null): FeedSource<E, S> {
    const key = stableKey(url, options);
    return this.cached(key, () => new FeedSource(this, key, this.config(options), parts, recipe)) as FeedSource<E, S>;
  }

  live(base: string, options: HubStreamOptions = {}): FeedSource<LiveEvent, ClusterSnapshot> {
    const url = join(base, '/live');
    return this.lazyFeed(
      url,
      options,
      (stack) => ({
        endpoint: {
          key: url,
          sseUrl: url,
          pollUrl: pollSince(join(base, '/live/status')),
          decoder: stack.liveDecoder,
        },
        folder: new stack.LiveFolder(this.options.snapshotLimit),
        resyncOnOverflow: true,
      }),
      { kind: 'live', base, options: plain(options) },
    );
  }

  logs(base: string, stream: string, options: LogStreamOptions & HubStreamOptions = {}): FeedSource<LogLine, LogGap> {
    const tail = options.tail ?? 1000;
    const url = join(base, `/logs/${encodeURIComponent(stream)}`);
    const lines = `${url}/lines`;
    return this.lazyFeed(
      url,
      options,
      (stack) => ({
        endpoint: {
          key: url,
          sseUrl: withQuery(url, 'tail', tail),
          pollUrl: (cursor) => (cursor === null || cursor < 0 ? withQuery(lines, 'limit', tail) : withQuery(lines, 'since', cursor)),
          decoder: stack.logDecoder,
        },
        folder: new stack.LogFolder(tail),
        resyncOnOverflow: false,
      }),
      { kind: 'logs', base, stream, options: plain(options) },
    );
  }

  tasks(base: string, options: HubStreamOptions = {}): FeedSource<TaskEvent, TaskFeedStatus> {
    const url = join(base, '/api/dashboard/live');
    const status = join(base, '/api/dashboard/live/status');
    return this.lazyFeed(
      url,
      options,
      (stack) => ({
        endpoint: {
          key: url,
          sseUrl: url,
          pollUrl: pollSince(status),
          decoder: stack.taskDecoder,
        },
        folder: new stack.TaskFolder(),
        resyncOnOverflow: true,
      }),
      { kind: 'tasks', base, options: plain(options) },
    );
  }

  rest<T>(url: string, options: RestOptions<T>): RestSource<T> {
    const key = stableKey(url, { headers: options.headers, credentials: options.credentials });
    let made = false;
    const source = this.cached(key, () => {
      made = true;
      return new RestSourceImpl<T>(this, url, options) as RestSource<unknown>;
    }) as unknown as RestSourceImpl<T>;
    // Same URL, same source: its auto-refresh follows the latest caller (a changed setting).
    if (!made) source.setInterval(options.intervalMs);
    return source;
  }

  /**
   * Connect every source again now, failed ones too (new credentials: a token was set in
   * the settings after a 401). Streams resume from their cursor; REST sources reload.
   */
  reconnect(): void {
    for (const s of this.sources.values()) {
      if (s instanceof FeedSource) s.retry();
      else if (s instanceof RestSourceImpl) s.refresh();
    }
  }

  /** Keys of the sources with an open connection (or within their grace period). */
  openSources(): string[] {
    return [...this.open.keys()];
  }

  /** @internal */
  register(key: string, cell: StatusCell): void {
    this.open.set(key, cell);
    this.publishStatuses();
  }
  /** @internal */
  unregister(key: string, cell: StatusCell): void {
    if (this.open.get(key) === cell) this.open.delete(key);
    this.publishStatuses();
  }
  /** @internal */
  publishStatuses(): void {
    this.statusesSubject.next([...this.open.values()].map((c) => c.get()));
  }
}

/** Options another tab can receive (functions and observables stay behind). */
function plain(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && typeof v !== 'function' && !isObservable(v)));
}


export function createHub(options: HubOptions = {}): Hub {
  return new Hub(options);
}

export { getDefaultHub } from './default-hub.js';

export type { FeedDecoder, FeedEndpoint, FeedItem, Folder };
export { RestSourceImpl, StatusCell };
