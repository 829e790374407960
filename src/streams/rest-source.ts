/**
 * The hub's REST source: one JSON resource, fetched when first subscribed, on refresh() and
 * at an auto-refresh interval (skipped while the page is hidden, caught up when shown), with
 * backoff on transient failures; shared by key and kept for the hub's grace period after the
 * last subscriber. The hub (hub.ts) makes and caches these; this file owns one source's life.
 */
import { BehaviorSubject, EMPTY, Observable, ReplaySubject, Subject, distinctUntilChanged, filter, isObservable, merge, of, share, switchMap, timer } from 'rxjs';
import { Backoff } from './backoff.js';
import { documentVisibility } from './frame-batch.js';
import type { Hub } from './hub.js';
import { StatusCell, stableKey } from './source-status.js';
import { fetchJson } from './transports/http.js';
import type { RestOptions, RestResult, RestSource, SourceStatus } from './types.js';

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
        // A request that never answers would hold `inflight` and stop every later refresh.
        const r = await fetchJson({ url, headers: options.headers, credentials: options.credentials, fetch: hub.options.fetch, signal: ac.signal, timeoutMs: hub.options.pollTimeoutMs ?? 15_000 });
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
export function asObservable(intervalMs: number | Observable<number> | undefined): Observable<number> {
  if (isObservable(intervalMs)) return intervalMs;
  const ms = intervalMs ?? 0;
  let o = fixedIntervals.get(ms);
  if (!o) fixedIntervals.set(ms, (o = of(ms)));
  return o;
}
