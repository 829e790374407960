/**
 * The streaming engine of a hub FeedSource: one connection shared by its subscribers (the
 * feed engine, feed.ts, or the cross-tab coordinator's relay), the folder a late joiner gets,
 * frame batching, status counters and Retry. Loaded when a page first subscribes to a stream
 * (hub.ts imports it dynamically through feed-stack.ts), so elements that only read REST
 * resources never download it.
 */
import { Observable, defer, map, share, startWith, timer } from 'rxjs';
import { unreadableSummary } from './errors.js';
import { runFeed, type FeedConfig, type FeedEndpoint, type FeedSink } from './feed.js';
import type { FeedItem } from './decoders/feed.js';
import type { Folder } from './folders.js';
import { frameBatch } from './frame-batch.js';
import type { Hub } from './hub.js';
import type { StatusCell } from './source-status.js';
import type { SourceRecipe } from './tabs/protocol.js';
import type { Batch } from './types.js';

/** A folder that keeps nothing (a custom feed without one). */
export function nullFolder<E, S>(): Folder<E, S> {
  return { apply() {}, current: () => null, clear() {} };
}

/** The engine behind one FeedSource (hub.ts): made when its first subscriber arrives. */
export class FeedConnection<E, S> {
  readonly key: string;
  readonly batches$: Observable<Batch<E, S>>;
  /** Items as they arrive (deduplicated, not frame-batched, no initial state): for Node and tests. */
  readonly items$: Observable<FeedItem<E, S>>;
  /** Restarts of this tab's connections of this source (one, or none in a follower tab). */
  private readonly restarts = new Set<() => void>();

  constructor(
    private readonly hub: Hub,
    endpoint: FeedEndpoint<E, S>,
    config: FeedConfig,
    readonly folder: Folder<E, S>,
    resyncOnOverflow: boolean,
    /** How another tab opens this same source (cross-tab sharing); none: this source stays in its tab. */
    readonly recipe: SourceRecipe | null,
    /** The source's status, held by the FeedSource (it exists before this engine loads). */
    private readonly cell: StatusCell,
  ) {
    this.key = endpoint.key;

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

  /** Connect again now (a Retry button): skips the backoff wait, and retries after a fatal error. */
  retry(): void {
    for (const restart of [...this.restarts]) restart();
  }
}
