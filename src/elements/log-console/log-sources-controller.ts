/**
 * The streams a <log-console> reads: one hub source per stream (`hub.logs(base, stream)`),
 * merged; each source's status; Retry; and a guard against a source delivering a line twice.
 * It subscribes when the element connects, follows a base-url, streams, tail or hub that
 * changes at any moment (`sync()` in the element's willUpdate), and unsubscribes when the
 * element leaves. It does not own the lines: every batch goes to the element's `lines`/`gap`.
 *
 * A reactive controller because it holds subscriptions across the element's lifecycle. (The
 * multi-source variant of the shared hub-source controller takes its place once it exists.)
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { merge, map, type Subscription } from 'rxjs';
import type { LogLine } from '../../streams/models.js';
import type { Batch, HubLike, LogGap, SourceStatus, StreamSource } from '../../streams/types.js';

export interface LogSourcesView {
  /** The hub to read through (throws when there is none to be had: reported as an error status). */
  hub(): HubLike;
  /** The backend's address. */
  base(): string;
  /** Stream ids, in order. */
  streams(): string[];
  /** Lines of history a new viewer asks for. */
  tail(): number | undefined;
  /** New lines of `stream`, oldest first, never seen before. */
  lines(lines: readonly LogLine[], stream: string): void;
  /** Lines `from`…`to` of `stream` will not come (the source rebuilt its view). */
  gap(from: number, to: number, stream: string): void;
}

export class LogSourcesController implements ReactiveController {
  private subscription: Subscription | null = null;
  /** The hub and key the subscription reads (null when not subscribed). */
  private subscribedTo: { hub: HubLike | null; key: string } | null = null;
  private sources: { stream: string; source: StreamSource<LogLine, LogGap> }[] = [];
  private lastIds = new Map<string, number>();
  private _statuses = new Map<string, SourceStatus>();
  private _base: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly view: LogSourcesView,
  ) {
    host.addController(this);
  }

  /** Each stream's status (a new map on every change). */
  get statuses(): ReadonlyMap<string, SourceStatus> {
    return this._statuses;
  }

  /** The backend address the streams are read from (for the error state), or null. */
  get base(): string | null {
    return this._base;
  }

  hostConnected(): void {
    this.subscribe();
  }

  hostDisconnected(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.subscribedTo = null;
  }

  /**
   * Call in willUpdate: when what is read changed (base-url, streams, tail or hub, arriving
   * before connection, before the first render or later), call `drop` (the element drops what it
   * showed; before the new subscription, whose first lines may come at once) and read the new
   * streams.
   */
  sync(drop: () => void): void {
    if (!this.host.isConnected) return;
    const now = this.key();
    if (now.key === this.subscribedTo?.key && now.hub === this.subscribedTo?.hub) return;
    drop();
    this.lastIds.clear();
    this.subscribe();
  }

  /** Forget the last line id of each stream (the element was given other lines). */
  forget(): void {
    this.lastIds.clear();
  }

  /** Connect every failing stream again now (the error state's Retry). */
  readonly retry = (): void => {
    const bad = new Set([...this._statuses].filter(([, s]) => s.state !== 'live' && s.state !== 'polling').map(([k]) => k));
    const retried = this.sources.filter(({ stream, source }) => bad.has(stream) && source.retry);
    if (retried.length) for (const { source } of retried) source.retry!();
    else this.subscribe();
  };

  private key(): { hub: HubLike | null; key: string } {
    let hub: HubLike | null = null;
    try {
      hub = this.view.hub();
    } catch {
      // reported by subscribe()
    }
    return { hub, key: `${this.view.base()}|${this.view.streams().join(',')}|${this.view.tail() ?? ''}` };
  }

  private setStatuses(next: Map<string, SourceStatus>): void {
    this._statuses = next;
    this.host.requestUpdate();
  }

  private subscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.setStatuses(new Map());
    this.subscribedTo = this.host.isConnected ? this.key() : null;
    const streams = this.view.streams();
    if (!this.host.isConnected || streams.length === 0) return;
    let hub: HubLike;
    try {
      hub = this.view.hub();
    } catch (e) {
      this.setStatuses(new Map([['', failed((e as Error).message)]]));
      return;
    }
    const base = this.view.base();
    const tail = this.view.tail();
    const options = tail !== undefined ? { tail } : undefined;
    const sources = streams.map((stream) => ({ stream, source: hub.logs(base, stream, options) }));
    this.sources = sources;
    this._base = base;
    this.subscription = merge(...sources.map(({ stream, source }) => source.batches$.pipe(map((batch) => ({ stream, batch }))))).subscribe(
      ({ stream, batch }) => this.onBatch(stream, batch),
    );
    for (const { stream, source } of sources) {
      this.subscription.add(
        source.status$.subscribe((status) => {
          const next = new Map(this._statuses);
          next.set(stream, status);
          this.setStatuses(next);
        }),
      );
    }
  }

  private onBatch(stream: string, batch: Batch<LogLine, LogGap>): void {
    if (batch.reset) {
      this.view.gap(batch.reset.from, batch.reset.to, stream);
      // After a reset the stream may start its ids over: accept what follows.
      this.lastIds.delete(stream);
    }
    // The hub deduplicates; this guards the console against a source delivering twice.
    const last = this.lastIds.get(stream) ?? -Infinity;
    let events = batch.events;
    if (events.length && events[0].id <= last) events = events.filter((l) => l.id > last);
    if (events.length) this.lastIds.set(stream, events[events.length - 1].id);
    this.view.lines(events, stream);
  }
}

function failed(reason: string): SourceStatus {
  return { key: '', state: 'error', reason, lastEventAt: null, retryAt: null, counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 }, refreshing: false, role: 'solo' };
}
