/**
 * Choosing hub sources and following them: the mechanism live-activity (`syncSource`),
 * rollout-table (`RolloutsSourceController.sync`) and log-console (`subscribe`) each wrote.
 *
 * Owns: reading the host's arguments before each update (hub, base URL, feed, streams…),
 * comparing them element by element like Lit Task's `args` (nothing happens while they are
 * equal), making the source(s) for new arguments, subscribing while the host is connected,
 * the latest status per source, and the error when no source could be made (no hub, bad
 * input). When the arguments change after a source was made, `onReset(next, previous)` runs
 * first: what the host kept belongs to the old source.
 * Does not own: what the data means (the host's `onData`), retries and backoff (the hub's
 * sources do that), or the error UI.
 * Why a controller: the subscriptions follow the host's connection and its update cycle.
 *
 * `HubSourcesController` follows several keyed sources at once (log-console: one per
 * stream); `HubSourceController` is the single-source case most elements need.
 *
 * Who renders after data: by default the controller requests a Lit update after each value
 * (the hub already batches them per animation frame), which is what a host that renders its
 * data in its template needs. A host that paints data itself, outside Lit's update (an
 * imperative row pool, a canvas, its own frame scheduler), sets `quietData: true` and
 * schedules its own paint in `onData`; statuses, errors and source changes still update the
 * host, since they change the template. That is the one way: a host does not subscribe to a
 * source itself to avoid the updates (log-console is the case today: its lines are painted
 * once a frame by its FrameController, for the hub's lines and `append()`ed ones alike).
 *
 * ```ts
 * private feed = new HubSourceController(this, {
 *   args: () => (this.data ? null : [this.effectiveHub, this.resolveBase(this.baseUrl), this.feed] as const),
 *   source: ([hub, base, feed]) => (feed === 'tasks' ? hub.tasks(base) : hub.live(base)),
 *   data: (s) => s.batches$,
 *   onData: (batch) => this.store.apply(batch),
 *   onReset: () => this.store.clear(),
 * });
 * // render: this.feed.status?.state, this.feed.error
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Subscription, type Observable } from 'rxjs';
import type { SourceStatus } from '../../streams/types.js';

/** What every hub source has (StreamSource and RestSource both fit). */
export interface SourceLike {
  readonly status$: Observable<SourceStatus>;
  /** StreamSource: connect again now. */
  retry?(): void;
  /** RestSource: fetch now. */
  refresh?(): void;
}

interface CommonOptions<A extends readonly unknown[], S extends SourceLike, T> {
  /**
   * What the source depends on, read before each update and compared element by element
   * (`!==`, NaN equal to NaN). `null`: no source (e.g. data given by property). May throw (no
   * hub): the message becomes `error` and any source is dropped.
   */
  args(): A | null;
  /** The values to deliver from a source (`s => s.batches$`, `s => s.data$`). */
  data(source: S): Observable<T>;
  /** A value from the source named `key` (single-source: key ''). The host updates after it. */
  onData(value: T, key: string, source: S): void;
  /** A new status of the source named `key` (also readable from the getters). */
  onStatus?(status: SourceStatus, key: string): void;
  /** The arguments changed after a source was made (before the new one is made). */
  onReset?(next: A | null, previous: A): void;
  /**
   * The host paints data on its own schedule (see the file's comment): no Lit update is
   * requested after a value; `onData` schedules the paint. Statuses, errors and source changes
   * still request one. Default false.
   */
  quietData?: boolean;
}

export interface HubSourcesOptions<A extends readonly unknown[], S extends SourceLike, T> extends CommonOptions<A, S, T> {
  /** The sources for these arguments, keyed (log-console: `[stream, hub.logs(base, stream)]`). May throw. */
  sources(args: A): Iterable<readonly [string, S]>;
}

export interface HubSourceOptions<A extends readonly unknown[], S extends SourceLike, T> extends CommonOptions<A, S, T> {
  /** The source for these arguments (`([hub, base]) => hub.live(base)`). May throw. */
  source(args: A): S;
}

/** Lit Task's comparison: same length, each element `!==`-equal (NaN equals NaN). */
export function argsEqual(a: readonly unknown[] | null, b: readonly unknown[] | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i] || (x !== x && b[i] !== b[i]));
}

export class HubSourcesController<A extends readonly unknown[], S extends SourceLike, T> implements ReactiveController {
  private _args: A | null = null;
  /** Arguments were read at least once (so a change is a change, not the first run). */
  private made = false;
  private _sources = new Map<string, S>();
  private _statuses = new Map<string, SourceStatus>();
  private _error: string | null = null;
  private subscription: Subscription | null = null;
  private connected = false;
  /** Inside sync() from hostUpdate: the render follows, no need to ask for another. */
  private quiet = false;

  constructor(
    protected readonly host: ReactiveControllerHost,
    private readonly options: HubSourcesOptions<A, S, T>,
  ) {
    host.addController(this);
  }

  /** The arguments the current sources were made for (null: none). */
  get args(): A | null {
    return this._args;
  }

  /** The sources followed now, by key. */
  get sources(): ReadonlyMap<string, S> {
    return this._sources;
  }

  /** The latest status of each source, by key (empty until a source says something). */
  get statuses(): ReadonlyMap<string, SourceStatus> {
    return this._statuses;
  }

  /** Why no source could be made (args() or sources() threw), else null. */
  get error(): string | null {
    return this._error;
  }

  /** Whether the sources are subscribed (host connected and a source made). */
  get active(): boolean {
    return this.subscription !== null;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
    if (!this.subscription) this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe();
  }

  hostUpdate(): void {
    this.quiet = true;
    try {
      this.sync();
    } finally {
      this.quiet = false;
    }
  }

  /** Read the arguments now and follow new sources if they changed (done before each update). */
  sync(): void {
    if (!this.connected) return;
    let next: A | null;
    try {
      next = this.options.args();
    } catch (err) {
      this.fail(err);
      return;
    }
    if (this.made && this._error === null && argsEqual(next, this._args)) return;
    const previous = this._args;
    const hadSource = this.made;
    this._args = next;
    this.made = true;
    this.unsubscribe();
    this._sources = new Map();
    this._statuses = new Map();
    this._error = null;
    if (hadSource && previous && !argsEqual(next, previous)) this.options.onReset?.(next, previous);
    if (next) {
      try {
        this._sources = new Map(this.options.sources(next));
      } catch (err) {
        this.fail(err);
        return;
      }
    }
    this.subscribe();
    this.changed();
  }

  /** Connect again / fetch now every source that is not live (the error state's Retry). */
  retry(): void {
    for (const [key, source] of this._sources) {
      const s = this._statuses.get(key);
      if (s && (s.state === 'live' || s.state === 'polling')) continue;
      if (source.retry) source.retry();
      else source.refresh?.();
    }
  }

  /** Drop the sources and make them again from the current arguments (without onReset). */
  restart(): void {
    this.made = false;
    this._args = null;
    this.sync();
  }

  private fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.unsubscribe();
    this._sources = new Map();
    this._statuses = new Map();
    this._error = message;
    this.changed();
  }

  private subscribe(): void {
    if (!this.connected || this._sources.size === 0 || this.subscription) return;
    const sub = (this.subscription = new Subscription());
    for (const [key, source] of this._sources) {
      sub.add(
        this.options.data(source).subscribe({
          next: (value) => {
            this.options.onData(value, key, source);
            if (!this.options.quietData) this.changed();
          },
          // Sources report errors on status$, so an error here is a programming error: surface it.
          error: (err) => console.error('[telltale] source stream error', err),
        }),
      );
      sub.add(
        source.status$.subscribe((status) => {
          if (this._sources.get(key) !== source) return;
          const next = new Map(this._statuses);
          next.set(key, status);
          this._statuses = next;
          this.options.onStatus?.(status, key);
          this.changed();
        }),
      );
    }
  }

  private unsubscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  private changed(): void {
    if (!this.quiet) this.host.requestUpdate();
  }
}

/** One source (key ''): `source`, `status` and `error` as read-only getters. */
export class HubSourceController<A extends readonly unknown[], S extends SourceLike, T> extends HubSourcesController<A, S, T> {
  constructor(host: ReactiveControllerHost, options: HubSourceOptions<A, S, T>) {
    super(host, { ...options, sources: (args) => [['', options.source(args)]] });
  }

  /** The source followed now, or null. */
  get source(): S | null {
    return this.sources.get('') ?? null;
  }

  /** Its latest status, or null until it says something. */
  get status(): SourceStatus | null {
    return this.statuses.get('') ?? null;
  }
}
