/**
 * Owns: the numbered ring. A stream of numbered events with a bounded history, and the
 * fan-out to open connections. One Channel per stream: a source appends each event once and
 * every viewer receives the same bytes (seed 002's "one reader, many viewers"). Ids are a
 * per-stream sequence with no gaps; `put` lets a mirror (the relay on Redis) hold ids that
 * were issued elsewhere, still without gaps.
 */

export interface StreamEvent {
  id: number;
  /** SSE `event:` name; undefined for unnamed (`message`) events. */
  event: string | undefined;
  /** The `data:` payload, already serialized (one line of JSON, normally). */
  data: string;
}

export type ChannelMessage = { type: 'event'; event: StreamEvent } | { type: 'raw'; bytes: string };

export class Channel {
  lastId = 0;
  private readonly ring: (StreamEvent | undefined)[];
  private start = 0;
  private size = 0;
  private readonly listeners = new Set<(m: ChannelMessage) => void>();

  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {
    this.ring = new Array(capacity);
  }

  /** Id of the oldest event still held (lastId + 1 when empty). */
  get firstId(): number {
    return this.lastId - this.size + 1;
  }

  append(event: string | undefined, data: string): StreamEvent {
    const ev: StreamEvent = { id: this.lastId + 1, event, data };
    this.put(ev);
    return ev;
  }

  /**
   * Hold an event whose id was issued elsewhere (a Redis stream). It must be the next id;
   * anything else restarts the ring at it (the history before is no longer contiguous).
   */
  put(ev: StreamEvent): void {
    if (ev.id !== this.lastId + 1) this.restartAt(ev.id - 1);
    this.lastId = ev.id;
    if (this.size < this.capacity) {
      this.ring[(this.start + this.size) % this.capacity] = ev;
      this.size++;
    } else {
      this.ring[this.start] = ev;
      this.start = (this.start + 1) % this.capacity;
    }
    for (const l of this.listeners) l({ type: 'event', event: ev });
  }

  /** Forget the history; the next id issued is `lastId + 1`. */
  restartAt(lastId: number): void {
    this.ring.fill(undefined);
    this.start = 0;
    this.size = 0;
    this.lastId = lastId;
  }

  /** Bytes written as they are to the connections open now; not kept, no id. */
  broadcastRaw(bytes: string): void {
    for (const l of this.listeners) l({ type: 'raw', bytes });
  }

  /**
   * Events with id > cursor, or null when the cursor cannot be served from the history
   * (older than the oldest event we hold, or newer than the newest).
   */
  since(cursor: number, limit = Infinity): StreamEvent[] | null {
    if (cursor > this.lastId || cursor < this.firstId - 1) return null;
    const out: StreamEvent[] = [];
    for (let id = cursor + 1; id <= this.lastId && out.length < limit; id++) {
      out.push(this.ring[(this.start + (id - this.firstId)) % this.capacity]!);
    }
    return out;
  }

  /** The newest `n` events, oldest first. */
  tail(n: number): StreamEvent[] {
    return this.since(Math.max(this.firstId - 1, this.lastId - n)) ?? [];
  }

  subscribe(listener: (m: ChannelMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}
