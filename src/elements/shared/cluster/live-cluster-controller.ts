/**
 * Follows the live protocol (`hub.live(base)`) for <worker-board>, <storage-overview> and
 * <client-list>, on the shared HubSourceController (which owns subscribing while connected and
 * resubscribing when the hub or base changes). This adds what the cluster views read: whether
 * a batch arrived since the last (re)subscription, why the source could not be opened, and the
 * feed's address for the error state. It owns no view state (view-state.ts) and no rendering
 * (cluster-panels.ts).
 */
import type { ReactiveControllerHost } from 'lit';
import type { ClusterSnapshot, LiveEvent } from '../../../streams/models.js';
import type { Batch, HubLike, SourceStatus, StreamSource } from '../../../streams/types.js';
import { HubSourceController } from '../hub-source-controller.js';

export type LiveBatch = Batch<LiveEvent, ClusterSnapshot>;

export interface LiveTarget {
  hub: HubLike;
  base: string;
}

type Args = readonly [HubLike, string];

export class LiveClusterController {
  /** True once a snapshot (or any batch) arrived since the last subscription. */
  received = false;
  private readonly feed: HubSourceController<Args, StreamSource<LiveEvent, ClusterSnapshot>, LiveBatch>;

  /** `select` returns the hub and base to follow, or null for none (data given by property). */
  constructor(host: ReactiveControllerHost, select: () => LiveTarget | null, onBatch: (batch: LiveBatch) => void) {
    this.feed = new HubSourceController(host, {
      args: () => {
        const t = select();
        return t ? ([t.hub, t.base] as const) : null;
      },
      source: ([hub, base]) => hub.live(base),
      data: (s) => s.batches$,
      onData: (batch) => {
        this.received = true;
        onBatch(batch);
      },
      onReset: () => {
        this.received = false;
      },
    });
  }

  /** The source's latest status, or null before it said anything. */
  get status(): SourceStatus | null {
    return this.feed.status;
  }

  /** Why the source could not be opened at all (no hub, a hub that throws), else null. */
  get failure(): string | null {
    return this.feed.error;
  }

  get active(): boolean {
    return this.feed.active;
  }

  /** The live feed's address (for the error state). */
  get address(): string | null {
    const base = this.feed.args?.[1];
    return base != null ? `${base.replace(/\/+$/, '')}/live` : null;
  }

  /** Connect again now (Retry): the source reconnects without waiting out its backoff. */
  retry(): void {
    if (this.feed.source?.retry) this.feed.source.retry();
    else this.resubscribe();
  }

  /** Drop the source and open it again. */
  resubscribe(): void {
    this.received = false;
    this.feed.restart();
  }
}
