/**
 * What a cluster source (bep, prom, redis-info, dir, nativelink) needs from the relay: somewhere
 * to put live-protocol records and a status line. The relay's `LiveState` (src/server/live.ts)
 * is a `LiveFeed` as it is; tests use `MemoryFeed` below. Sources never build SSE frames themselves.
 */
import type { Activity, ClientInfo, EntityKind, StoreInfo, WorkerInfo } from '../../../../streams/models.js';

export type EntityRecord = Activity | WorkerInfo | StoreInfo | ClientInfo;
export type OutputStream = 'stdout' | 'stderr';

export interface LiveFeed {
  /** Upsert a whole entity (never a patch), as the live protocol's `activity`/`worker`/… events. */
  upsert(kind: EntityKind, record: EntityRecord): void;
  remove(kind: EntityKind, id: string): void;
  /** Append text to an activity's stdout/stderr (the action output route; the feed caps it). */
  appendOutput(activityId: string, which: OutputStream, text: string): void;
}

export type SourceState = 'starting' | 'ok' | 'waiting' | 'error';

export interface SourceStatus {
  state: SourceState;
  /** One sentence a user can act on, e.g. "http://…/metrics answered text/html, not Prometheus text". */
  message: string;
  /** Epoch ms of the last good read, null before the first. */
  lastOk: number | null;
}

/** A running source: `stop()` ends its timers, watchers and connections. */
export interface ClusterSource {
  readonly kind: string;
  readonly name: string;
  readonly target: string;
  status(): SourceStatus;
  stop(): Promise<void>;
}

export type StatusListener = (status: SourceStatus) => void;

/** Keeps a source's status and tells a listener when the state or message changes. */
export class StatusCell {
  private value: SourceStatus = { state: 'starting', message: 'starting', lastOk: null };
  constructor(private readonly listener?: StatusListener) {}
  get(): SourceStatus {
    return this.value;
  }
  ok(message: string): void {
    this.set({ state: 'ok', message, lastOk: Date.now() });
  }
  waiting(message: string): void {
    this.set({ ...this.value, state: 'waiting', message });
  }
  error(message: string): void {
    this.set({ ...this.value, state: 'error', message });
  }
  private set(next: SourceStatus): void {
    const changed = next.state !== this.value.state || next.message !== this.value.message;
    this.value = next;
    if (changed) this.listener?.(next);
  }
}

/** An in-memory feed: the keyed state a relay keeps, for tests and for the mappers' own checks. */
export class MemoryFeed implements LiveFeed {
  readonly entities: Record<EntityKind, Map<string, EntityRecord>> = {
    activity: new Map(),
    worker: new Map(),
    store: new Map(),
    client: new Map(),
  };
  readonly outputs = new Map<string, { stdout: string; stderr: string }>();
  /** Every call in order, so tests can check that a state was passed through. */
  readonly log: Array<{ op: 'upsert' | 'remove'; kind: EntityKind; id: string; record?: EntityRecord }> = [];

  upsert(kind: EntityKind, record: EntityRecord): void {
    const copy = structuredClone(record);
    this.entities[kind].set(record.id, copy);
    this.log.push({ op: 'upsert', kind, id: record.id, record: copy });
  }
  remove(kind: EntityKind, id: string): void {
    this.entities[kind].delete(id);
    this.outputs.delete(id);
    this.log.push({ op: 'remove', kind, id });
  }
  appendOutput(activityId: string, which: OutputStream, text: string): void {
    const o = this.outputs.get(activityId) ?? { stdout: '', stderr: '' };
    o[which] += text;
    this.outputs.set(activityId, o);
  }
  get<T extends EntityRecord>(kind: EntityKind, id: string): T | undefined {
    return this.entities[kind].get(id) as T | undefined;
  }
  all<T extends EntityRecord>(kind: EntityKind): T[] {
    return [...this.entities[kind].values()] as T[];
  }
}

/** `KIND:NAME=TARGET` as the relay's command line gives it. */
export interface SourceSpec {
  kind: string;
  name: string;
  target: string;
}

export function parseSourceSpec(text: string): SourceSpec {
  const m = /^([a-z][a-z0-9-]*):([^=]+)=(.+)$/.exec(text);
  if (!m) throw new Error(`"${text}" is not KIND:NAME=TARGET (e.g. bep:ci=/tmp/bep.json)`);
  return { kind: m[1]!, name: m[2]!, target: m[3]! };
}

/** Clip text to at most `max` UTF-16 units, keeping the end (the end of a log says what failed). */
export function keepTail(text: string, max: number): string {
  return text.length <= max ? text : text.slice(text.length - max);
}
