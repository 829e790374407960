/**
 * What a shared source remembers so that a subscriber joining an open connection starts
 * from a consistent state: the live protocol folds upserts into a snapshot (bounded per
 * kind), logs keep a ring of recent lines, the task feed keeps its latest status.
 */
import type { FeedItem } from './decoders/feed.js';
import { foldTaskEvent } from './decoders/tasks.js';
import type { ClusterSnapshot, LiveEvent, LogLine, TaskEvent, TaskFeedStatus } from './models.js';
import type { Batch, LogGap } from './types.js';

export interface Folder<E, S> {
  apply(item: FeedItem<E, S>): void;
  /** The state so far as one batch for a newcomer, or null when there is nothing yet. */
  current(): Batch<E, S> | null;
  clear(): void;
}

type Keyed = { id: string };

function boundedSet<T extends Keyed>(map: Map<string, T>, v: T, limit: number): void {
  map.delete(v.id); // re-insert: Map order = least recently updated first
  map.set(v.id, v);
  if (map.size > limit) {
    const oldest = map.keys().next().value as string;
    map.delete(oldest);
  }
}

/** Folds the live protocol into a snapshot. `limit` bounds each kind (default 5000). */
export class LiveFolder implements Folder<LiveEvent, ClusterSnapshot> {
  private has = false;
  private readonly activities = new Map<string, ClusterSnapshot['activities'][number]>();
  private readonly workers = new Map<string, ClusterSnapshot['workers'][number]>();
  private readonly stores = new Map<string, ClusterSnapshot['stores'][number]>();
  private readonly clients = new Map<string, ClusterSnapshot['clients'][number]>();
  constructor(private readonly limit = 5000) {}

  apply(item: FeedItem<LiveEvent, ClusterSnapshot>): void {
    if (item.type === 'reset') {
      this.clear();
      this.has = true;
      const s = item.snapshot;
      for (const a of s.activities) boundedSet(this.activities, a, this.limit);
      for (const w of s.workers) boundedSet(this.workers, w, this.limit);
      for (const st of s.stores) boundedSet(this.stores, st, this.limit);
      for (const c of s.clients) boundedSet(this.clients, c, this.limit);
      return;
    }
    const e = item.event;
    switch (e.kind) {
      case 'activity':
        boundedSet(this.activities, e.data, this.limit);
        break;
      case 'worker':
        boundedSet(this.workers, e.data, this.limit);
        break;
      case 'store':
        boundedSet(this.stores, e.data, this.limit);
        break;
      case 'client':
        boundedSet(this.clients, e.data, this.limit);
        break;
      case 'remove': {
        const m = { activity: this.activities, worker: this.workers, store: this.stores, client: this.clients }[e.data.kind];
        m?.delete(e.data.id);
        break;
      }
    }
  }

  snapshot(): ClusterSnapshot {
    return {
      activities: [...this.activities.values()],
      workers: [...this.workers.values()],
      stores: [...this.stores.values()],
      clients: [...this.clients.values()],
    };
  }

  current(): Batch<LiveEvent, ClusterSnapshot> | null {
    return this.has ? { reset: this.snapshot(), events: [] } : null;
  }

  clear(): void {
    this.has = false;
    this.activities.clear();
    this.workers.clear();
    this.stores.clear();
    this.clients.clear();
  }
}

/** A ring of the most recent log lines (default 1000), handed to newcomers as events. */
export class LogFolder implements Folder<LogLine, LogGap> {
  private lines: LogLine[] = [];
  constructor(private readonly capacity = 1000) {}
  apply(item: FeedItem<LogLine, LogGap>): void {
    if (item.type === 'reset') {
      // Consumers drop their lines on a gap notice (Batch contract); so does the ring.
      this.lines = [];
      return;
    }
    this.lines.push(item.event);
    if (this.lines.length > this.capacity * 2) this.lines = this.lines.slice(-this.capacity);
  }
  current(): Batch<LogLine, LogGap> | null {
    return this.lines.length ? { reset: null, events: this.lines.slice(-this.capacity) } : null;
  }
  clear(): void {
    this.lines = [];
  }
}

/** The task feed's latest status, with events folded in (active tasks, last 50 events). */
export class TaskFolder implements Folder<TaskEvent, TaskFeedStatus> {
  private status: TaskFeedStatus | null = null;
  apply(item: FeedItem<TaskEvent, TaskFeedStatus>): void {
    if (item.type === 'reset') this.status = item.snapshot;
    else if (this.status) this.status = foldTaskEvent(this.status, item.event);
    else this.status = foldTaskEvent({ last_id: 0, active_tasks: [], recent_events: [] }, item.event);
  }
  current(): Batch<TaskEvent, TaskFeedStatus> | null {
    return this.status ? { reset: this.status, events: [] } : null;
  }
  clear(): void {
    this.status = null;
  }
}
