/**
 * The stream hub: shared, keyed, ref-counted sources over SSE (with polling fallback) and
 * REST (with auto-refresh). One hub per page (`getDefaultHub()`), or per provider
 * (`createHub()`). No DOM: the same hub runs in Node (the CLI).
 */
import {
  BehaviorSubject,
  EMPTY,
  Observable,
  ReplaySubject,
  Subject,
  defer,
  distinctUntilChanged,
  filter,
  isObservable,
  map,
  merge,
  of,
  share,
  startWith,
  switchMap,
  timer,
} from 'rxjs';
import type { BackoffOptions } from './backoff.js';
import type { FeedDecoder, FeedItem } from './decoders/feed.js';
import { liveDecoder } from './decoders/live.js';
import { logDecoder } from './decoders/logs.js';
import { taskDecoder } from './decoders/tasks.js';
import { Backoff } from './backoff.js';
import { unreadableSummary } from './errors.js';
import { runFeed, type FeedConfig, type FeedEndpoint, type FeedSink } from './feed.js';
import { LiveFolder, LogFolder, TaskFolder, type Folder } from './folders.js';
import { documentVisibility, frameBatch, type FrameScheduler, type VisibilityLike } from './frame-batch.js';
import { fetchJson, type FetchLike } from './transports/http.js';
// The coordinator itself loads when a shared source first opens (tabs/lazy-tabs.ts).
import { LazyTabs } from './tabs/lazy-tabs.js';
import { crossTabSupported, type CrossTabOptions, type SourceRecipe } from './tabs/protocol.js';
import { withQuery } from './transports/sse.js';
import type { ClusterSnapshot, LiveEvent, LogLine, TaskEvent, TaskFeedStatus } from './models.js';
import type {
  Batch,
  HubLike,
  LogGap,
  LogStreamOptions,
  RestOptions,
  RestResult,
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

function stableKey(url: string, o: object): string {
  const entries = Object.entries(o)
    .filter(([, v]) => v !== undefined && typeof v !== 'function' && !isObservable(v))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => [k, v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort()) : v]);
  return entries.length ? `${url} ${JSON.stringify(Object.fromEntries(entries))}` : url;
}

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

function initialStatus(key: string): SourceStatus {
  return {
    key,
    state: 'connecting',
    reason: null,
    lastEventAt: null,
    retryAt: null,
    counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 },
    refreshing: false,
    role: 'solo',
  };
}

const hiddenCells = new Set<StatusCell>();
let visibilityHooked = false;

/** While the document is hidden, remember `cell` and publish it when the document is shown; false when visible. */
function whenShown(cell: StatusCell): boolean {
  const doc = (globalThis as { document?: Document }).document;
  if (doc?.hidden !== true) return false;
  hiddenCells.add(cell);
  if (!visibilityHooked) {
    visibilityHooked = true;
    doc.addEventListener('visibilitychange', () => {
      if (doc.hidden) return;
      const cells = [...hiddenCells];
      hiddenCells.clear();
      for (const c of cells) c.publish();
    });
  }
  return true;
}

/** Holds a source's status; state changes publish at once, counter changes at most every `throttleMs`. */
export class StatusCell {
  readonly subject: BehaviorSubject<SourceStatus>;
  private value: SourceStatus;
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    key: string,
    private readonly throttleMs: number,
    private readonly onPublish: () => void,
  ) {
    this.value = initialStatus(key);
    this.subject = new BehaviorSubject(this.value);
  }
  get(): SourceStatus {
    return this.value;
  }
  /** Change state/reason/…: published at once. */
  set(patch: Partial<SourceStatus>): void {
    this.value = { ...this.value, ...patch, counters: { ...this.value.counters, ...patch.counters } };
    this.publish();
  }
  /** Change counters or lastEventAt: published soon. */
  bump(fn: (s: SourceStatus) => void): void {
    const next = { ...this.value, counters: { ...this.value.counters } };
    fn(next);
    this.value = next;
    // A hidden page gets no counter-only publication (nothing to re-render); it gets the latest when shown.
    if (whenShown(this)) return;
    if (this.timer === null)
      this.timer = setTimeout(() => {
        this.timer = null;
        if (!whenShown(this)) this.publish();
      }, this.throttleMs);
  }
  publish(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    hiddenCells.delete(this);
    if (this.subject.value !== this.value) {
      this.subject.next(this.value);
      this.onPublish();
    }
  }
  /** Stop any pending publication (the source closed). */
  flush(): void {
    this.publish();
  }
}

/** A streaming source (live, logs, tasks, or your own decoder). */
export class FeedSource<E, S> implements StreamSource<E, S> {
  readonly key: string;
  readonly batches$: Observable<Batch<E, S>>;
  readonly status$: Observable<SourceStatus>;
  /** Items as they arrive (deduplicated, not frame-batched, no initial state): for Node and tests. */
  readonly items$: Observable<FeedItem<E, S>>;
  private readonly cell: StatusCell;
  /** Restarts of this tab's connections of this source (one, or none in a follower tab). */
  private readonly restarts = new Set<() => void>();

  constructor(
    private readonly hub: Hub,
    endpoint: FeedEndpoint<E, S>,
    config: FeedConfig,
    private readonly folder: Folder<E, S>,
    resyncOnOverflow: boolean,
    /** How another tab opens this same source (cross-tab sharing); none: this source stays in its tab. */
    readonly recipe: SourceRecipe | null = null,
  ) {
    this.key = endpoint.key;
    this.cell = new StatusCell(this.key, hub.options.statusThrottleMs ?? 250, () => hub.publishStatuses());
    this.status$ = this.cell.subject.asObservable();

    const connection$ = new Observable<FeedItem<E, S>>((subscriber) => {
      // Connecting before it is listed: a source opened again must not show its closed state.
      this.cell.set({ state: 'connecting', reason: null, retryAt: null });
      this.hub.register(this.key, this.cell);
      const sink: FeedSink<E, S> = {
        item: (item) => {
          this.folder.apply(item);
          this.cell.bump((s) => {
            s.lastEventAt = Date.now();
            if (item.type === 'event') s.counters.events++;
          });
          subscriber.next(item);
        },
        status: (patch) => this.cell.set(patch),
        malformed: (id, error) => {
          const prev = this.cell.get();
          const n = prev.counters.malformed + 1;
          const first = prev.firstUnreadable ?? `${id === null ? '' : `id ${id}: `}${error.message}`;
          this.cell.set({
            reason: `${unreadableSummary(n)} (first: ${first})`,
            firstUnreadable: first,
            counters: { ...prev.counters, malformed: n },
          });
          this.hub.options.onMalformed?.({ key: this.key, id, error });
        },
        reconnect: () => this.cell.bump((s) => void s.counters.reconnects++),
      };
      /**
       * The real connection, from a cursor (a tab taking over resumes where it was). `retry()`
       * restarts it now, from the last id it saw: no backoff wait, and after a fatal error too.
       */
      const runLocal = (cursor: number | null, into: FeedSink<E, S>) => {
        let last = cursor;
        let ac = new AbortController();
        const seen: FeedSink<E, S> = {
          ...into,
          item: (item) => {
            if (item.id !== null) last = item.id;
            into.item(item);
          },
          malformed: (id, error) => {
            if (id !== null && (last === null || id > last)) last = id;
            into.malformed(id, error);
          },
        };
        const start = () => {
          ac = new AbortController();
          runFeed(endpoint, { ...config, initialCursor: last }, seen, ac.signal).catch((err) =>
            this.cell.set({ state: 'error', reason: `internal error: ${(err as Error)?.message ?? err}` }),
          );
        };
        const restart = () => {
          ac.abort();
          start();
        };
        start();
        this.restarts.add(restart);
        return () => {
          this.restarts.delete(restart);
          ac.abort();
        };
      };
      const tabs = this.recipe ? this.hub.tabs : null;
      const close = tabs
        ? tabs.attach(
            {
              key: this.key,
              recipe: this.recipe!,
              folder: this.folder as Folder<unknown, unknown>,
              status: () => this.cell.get(),
              setRole: (role) => {
                if (this.cell.get().role !== role) this.cell.set({ role });
              },
            },
            sink as FeedSink<unknown, unknown>,
            runLocal as (cursor: number | null, into: FeedSink<unknown, unknown>) => () => void,
          )
        : runLocal(null, sink);
      return () => {
        close();
        this.folder.clear();
        // Released because nobody watches it: not a failure, so it leaves the hub's statuses
        // first and is never reported there as offline.
        this.hub.unregister(this.key, this.cell);
        this.cell.set({ state: 'offline', reason: 'closed (no subscribers)', retryAt: null });
        this.cell.flush();
      };
    });

    this.items$ = connection$.pipe(share({ resetOnRefCountZero: () => timer(hub.graceMs), resetOnError: true, resetOnComplete: true }));

    const frame = hub.options.frame ?? {};
    this.batches$ = defer(() => {
      const initial = this.folder.current();
      const rest$ = this.items$.pipe(
        map((item): Batch<E, S> => (item.type === 'reset' ? { reset: item.snapshot, events: [] } : { reset: null, events: [item.event] })),
      );
      return initial ? rest$.pipe(startWith(initial)) : rest$;
    }).pipe(
      frameBatch<E, S>({
        maxEvents: frame.maxEvents,
        schedule: frame.schedule,
        visibility: frame.visibility,
        onDrop: (n) => this.cell.bump((s) => void (s.counters.dropped += n)),
        resync: resyncOnOverflow ? () => this.folder.current() : undefined,
      }),
    );
  }

  /** The status now (synchronously). */
  get status(): SourceStatus {
    return this.cell.get();
  }

  /** Connect again now (a Retry button): skips the backoff wait, and retries after a fatal error. */
  retry(): void {
    for (const restart of [...this.restarts]) restart();
  }
}

/** A REST resource with auto-refresh. */
export class RestSourceImpl<T> implements RestSource<T> {
  readonly key: string;
  readonly data$: Observable<RestResult<T>>;
  readonly status$: Observable<SourceStatus>;
  private readonly refresh$ = new Subject<void>();
  private readonly cell: StatusCell;
  /** The auto-refresh interval in force: the latest one asked for (`hub.rest()` again, same URL). */
  private readonly interval$: BehaviorSubject<Observable<number>>;

  constructor(hub: Hub, url: string, options: RestOptions<T>) {
    this.interval$ = new BehaviorSubject(asObservable(options.intervalMs));
    this.key = stableKey(url, { headers: options.headers, credentials: options.credentials });
    this.cell = new StatusCell(this.key, hub.options.statusThrottleMs ?? 250, () => hub.publishStatuses());
    this.status$ = this.cell.subject.asObservable();
    const source$ = new Observable<RestResult<T>>((subscriber) => {
      // Connecting before it is listed: a source opened again must not show its closed state.
      this.cell.set({ state: 'connecting', reason: null, retryAt: null });
      hub.register(this.key, this.cell);
      const backoff = new Backoff({ ...hub.options.backoff, honourServerRetry: false });
      let inflight: AbortController | null = null;
      let retryTimer: ReturnType<typeof setTimeout> | null = null;
      let closed = false;
      const run = async () => {
        if (inflight || closed) return;
        if (retryTimer !== null) clearTimeout(retryTimer);
        retryTimer = null;
        const ac = new AbortController();
        inflight = ac;
        this.cell.set({ refreshing: true, state: this.cell.get().lastEventAt === null ? 'connecting' : this.cell.get().state });
        const r = await fetchJson({ url, headers: options.headers, credentials: options.credentials, fetch: hub.options.fetch, signal: ac.signal });
        inflight = null;
        if (closed || ac.signal.aborted) return;
        if (r.ok) {
          let data: T;
          try {
            data = options.decode(r.json);
          } catch (err) {
            this.cell.set({ refreshing: false, state: 'error', reason: `cannot read ${url}: ${(err as Error).message}`, counters: { ...this.cell.get().counters, malformed: this.cell.get().counters.malformed + 1 } });
            return;
          }
          backoff.reset();
          const now = Date.now();
          this.cell.set({ refreshing: false, state: 'live', reason: null, retryAt: null, lastEventAt: now, counters: { ...this.cell.get().counters, events: this.cell.get().counters.events + 1 } });
          subscriber.next({ data, raw: r.json, fetchedAt: now });
        } else if ('failure' in r) {
          const f = r.failure;
          if (f.kind === 'fatal') {
            this.cell.set({ refreshing: false, state: 'error', reason: f.reason, retryAt: null });
          } else {
            const delay = backoff.next(0, f.retryAfterMs ?? null);
            this.cell.set({
              refreshing: false,
              state: 'reconnecting',
              reason: `${f.reason}; retrying in ${delay} ms`,
              retryAt: Date.now() + delay,
              counters: { ...this.cell.get().counters, reconnects: this.cell.get().counters.reconnects + 1 },
            });
            retryTimer = setTimeout(() => void run(), delay);
          }
        }
      };
      const interval$ = this.interval$.pipe(switchMap((ms$) => ms$));
      // A hidden page skips auto-refreshes (no fetch, no re-render) and refreshes at once when shown.
      const frame = hub.options.frame ?? {};
      const visibility = frame.visibility === undefined ? documentVisibility() : frame.visibility;
      let missed = false;
      const stopVisibility = visibility?.onChange(() => {
        if (!visibility.hidden() && missed) {
          missed = false;
          void run();
        }
      });
      const sub = merge(
        of(undefined),
        this.refresh$,
        interval$.pipe(
          distinctUntilChanged(),
          switchMap((ms) => (ms > 0 ? timer(ms, ms) : EMPTY)),
          filter(() => !(visibility?.hidden() && (missed = true))),
        ),
      ).subscribe(() => void run());
      return () => {
        closed = true;
        stopVisibility?.();
        sub.unsubscribe();
        inflight?.abort();
        if (retryTimer !== null) clearTimeout(retryTimer);
        // Released because nobody watches it: not a failure (see FeedSource).
        hub.unregister(this.key, this.cell);
        this.cell.set({ state: 'offline', reason: 'closed (no subscribers)', refreshing: false, retryAt: null });
        this.cell.flush();
      };
    });
    this.data$ = source$.pipe(
      share({ connector: () => new ReplaySubject<RestResult<T>>(1), resetOnRefCountZero: () => timer(hub.graceMs), resetOnError: true, resetOnComplete: true }),
    );
  }

  refresh(): void {
    this.refresh$.next();
  }

  /**
   * Auto-refresh from now on at this interval (0 = off; an Observable to follow a setting).
   * Sources are shared by URL, so the latest caller's interval wins: a settings change reaches
   * a source an earlier element made, at once.
   */
  setInterval(intervalMs: RestOptions<T>['intervalMs']): void {
    const next = asObservable(intervalMs);
    if (next !== this.interval$.value) this.interval$.next(next);
  }
}

/** A fixed interval as an Observable (the same one for the same number, so nothing restarts needlessly). */
const fixedIntervals = new Map<number, Observable<number>>();
function asObservable(intervalMs: number | Observable<number> | undefined): Observable<number> {
  if (isObservable(intervalMs)) return intervalMs;
  const ms = intervalMs ?? 0;
  let o = fixedIntervals.get(ms);
  if (!o) fixedIntervals.set(ms, (o = of(ms)));
  return o;
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
    const key = stableKey(endpoint.key, options);
    return this.cached(key, () => new FeedSource(this, { ...endpoint, key }, this.config(options), folder ?? nullFolder<E, S>(), resyncOnOverflow, recipe)) as FeedSource<E, S>;
  }

  live(base: string, options: HubStreamOptions = {}): FeedSource<LiveEvent, ClusterSnapshot> {
    const url = join(base, '/live');
    return this.feed(
      {
        key: url,
        sseUrl: url,
        pollUrl: (cursor) => (cursor === null ? join(base, '/live/status') : withQuery(join(base, '/live/status'), 'since', cursor)),
        decoder: liveDecoder,
      },
      options,
      new LiveFolder(this.options.snapshotLimit),
      true,
      { kind: 'live', base, options: plain(options) },
    );
  }

  logs(base: string, stream: string, options: LogStreamOptions & HubStreamOptions = {}): FeedSource<LogLine, LogGap> {
    const tail = options.tail ?? 1000;
    const url = join(base, `/logs/${encodeURIComponent(stream)}`);
    const lines = `${url}/lines`;
    return this.feed(
      {
        key: url,
        sseUrl: withQuery(url, 'tail', tail),
        pollUrl: (cursor) => (cursor === null || cursor < 0 ? withQuery(lines, 'limit', tail) : withQuery(lines, 'since', cursor)),
        decoder: logDecoder,
      },
      options,
      new LogFolder(tail),
      false,
      { kind: 'logs', base, stream, options: plain(options) },
    );
  }

  tasks(base: string, options: HubStreamOptions = {}): FeedSource<TaskEvent, TaskFeedStatus> {
    const url = join(base, '/api/dashboard/live');
    const status = join(base, '/api/dashboard/live/status');
    return this.feed(
      {
        key: url,
        sseUrl: url,
        pollUrl: (cursor) => (cursor === null ? status : withQuery(status, 'since', cursor)),
        decoder: taskDecoder,
      },
      options,
      new TaskFolder(),
      true,
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

function nullFolder<E, S>(): Folder<E, S> {
  return { apply() {}, current: () => null, clear() {} };
}

export function createHub(options: HubOptions = {}): Hub {
  return new Hub(options);
}

export { getDefaultHub } from './default-hub.js';

export type { FeedDecoder, FeedEndpoint, FeedItem, Folder };
