/**
 * Owns: the live protocol's state — the keyed entities (activities, workers, stores,
 * clients) with their numbered event ring, and each activity's stdout/stderr. Every change
 * goes through `upsert` / `remove` / `appendOutput`, so the ring and the `reset` snapshot
 * always agree. A source (the simulator, a relay source) feeds it; `routes.ts` serves it.
 *
 *   const live = new LiveState();
 *   live.upsert('worker', { id: 'worker-01', status: 'idle', … });   // whole entity, never a patch
 *   live.appendOutput('act-1', 'stdout', 'compiling…\n');
 *   live.remove('activity', 'act-1');                                 // its output goes too
 */
import type { Activity, ClientInfo, ClusterSnapshot, EntityKind, StoreInfo, WorkerInfo } from '../streams/models.js';
import { Channel } from './channel.js';

/** Events kept for resume (`Last-Event-ID`) on `/live`. */
export const LIVE_HISTORY = 10_000;
/** Output kept per activity and stream (docs/protocol.md: at most 64 KiB). */
export const MAX_OUTPUT_BYTES = 64 * 1024;

export type Entity = Activity | WorkerInfo | StoreInfo | ClientInfo;
export type OutputStream = 'stdout' | 'stderr';

export class LiveState {
  readonly activities = new Map<string, Activity>();
  readonly workers = new Map<string, WorkerInfo>();
  readonly stores = new Map<string, StoreInfo>();
  readonly clients = new Map<string, ClientInfo>();
  private readonly outputs = new Map<string, { stdout: string; stderr: string }>();

  constructor(readonly channel: Channel = new Channel('live', LIVE_HISTORY)) {}

  map(kind: EntityKind): Map<string, Entity> {
    return { activity: this.activities, worker: this.workers, store: this.stores, client: this.clients }[kind] as Map<string, Entity>;
  }

  /** Insert or replace an entity (the whole record) and publish it. */
  upsert(kind: EntityKind, entity: Entity): void {
    this.map(kind).set(entity.id, entity);
    this.channel.append(kind, JSON.stringify(entity));
  }

  /** Forget an entity and publish `remove` (nothing when it was not there). */
  remove(kind: EntityKind, id: string): void {
    if (this.map(kind).delete(id)) this.channel.append('remove', JSON.stringify({ kind, id }));
    if (kind === 'activity') this.outputs.delete(id);
  }

  /** Replace an activity's output (cut to the last 64 KiB). */
  setOutput(id: string, output: { stdout: string; stderr: string }): void {
    this.outputs.set(id, { stdout: cap(output.stdout), stderr: cap(output.stderr) });
  }

  /** Add to an activity's output (its newest 64 KiB are kept). */
  appendOutput(id: string, which: OutputStream, text: string): void {
    const out = this.outputs.get(id) ?? { stdout: '', stderr: '' };
    out[which] = cap(out[which] + text);
    this.outputs.set(id, out);
  }

  /** An activity's output, or undefined when it has none recorded. */
  output(id: string, which: OutputStream): string | undefined {
    return this.outputs.get(id)?.[which];
  }

  snapshot(): ClusterSnapshot {
    return {
      activities: [...this.activities.values()],
      workers: [...this.workers.values()],
      stores: [...this.stores.values()],
      clients: [...this.clients.values()],
    };
  }
}

/** The newest MAX_OUTPUT_BYTES of a text (by UTF-16 units, close enough for a cap). */
function cap(text: string): string {
  return text.length > MAX_OUTPUT_BYTES ? text.slice(text.length - MAX_OUTPUT_BYTES) : text;
}
