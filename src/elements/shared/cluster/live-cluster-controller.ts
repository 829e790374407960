/**
 * Follows the live protocol (`hub.live(base)`) for <worker-board>, <storage-overview> and
 * <client-list>: subscribes while the host is connected, resubscribes when the hub or base
 * changes, and keeps the source's status and any failure to open it. It owns no view state
 * (see view-state.ts) and no rendering (cluster-panels.ts).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'rxjs';
import type { ClusterSnapshot, LiveEvent } from '../../../streams/models.js';
import type { Batch, HubLike, SourceStatus, StreamSource } from '../../../streams/types.js';

export type LiveBatch = Batch<LiveEvent, ClusterSnapshot>;

export interface LiveTarget {
  hub: HubLike;
  base: string;
}

/**
 * Follows `hub.live(base)` while the host is connected and `select()` returns a target.
 * Re-subscribes by itself when the hub or the base changes (checked before each update).
 */
export class LiveClusterController implements ReactiveController {
  status: SourceStatus | null = null;
  /** Why the source could not be opened at all (no hub, a hub that throws). */
  failure: string | null = null;
  /** True once a snapshot (or any batch) arrived since the last subscription. */
  received = false;
  private subs: Subscription[] = [];
  private connected = false;
  private current: LiveTarget | null = null;
  private source: StreamSource<LiveEvent, ClusterSnapshot> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly select: () => LiveTarget | null,
    private readonly onBatch: (batch: LiveBatch) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.resubscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.release();
  }

  hostUpdate(): void {
    if (!this.connected) return;
    let next: LiveTarget | null;
    try {
      next = this.select();
    } catch {
      next = null;
    }
    if (next?.hub !== this.current?.hub || next?.base !== this.current?.base) this.resubscribe();
  }

  get active(): boolean {
    return this.subs.length > 0;
  }

  /** The live feed's address (for the error state). */
  get address(): string | null {
    return this.current ? `${this.current.base.replace(/\/+$/, '')}/live` : null;
  }

  /** Connect again now (Retry): the source reconnects without waiting out its backoff. */
  retry(): void {
    if (this.source?.retry) this.source.retry();
    else this.resubscribe();
  }

  private release(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
    this.current = null;
    this.source = null;
  }

  resubscribe(): void {
    this.release();
    this.status = null;
    this.failure = null;
    this.received = false;
    if (!this.connected) return;
    let target: LiveTarget | null;
    try {
      target = this.select();
      if (!target) return;
      this.current = target;
      const source = target.hub.live(target.base);
      this.source = source;
      this.subs.push(
        source.status$.subscribe((s) => {
          this.status = s;
          this.host.requestUpdate();
        }),
      );
      this.subs.push(
        source.batches$.subscribe({
          next: (batch) => {
            this.received = true;
            this.onBatch(batch);
            this.host.requestUpdate();
          },
          error: (err) => {
            this.failure = err instanceof Error ? err.message : String(err);
            this.host.requestUpdate();
          },
        }),
      );
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      this.host.requestUpdate();
    }
  }
}
