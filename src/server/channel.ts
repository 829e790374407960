/**
 * Owns: the numbered ring. A stream of numbered events with a bounded history, and the
 * fan-out to open connections. One Channel per stream: a source appends each event once and
 * every viewer receives the same bytes (seed 002's "one reader, many viewers"). Ids are a
 * per-stream sequence with no gaps; `put` lets a mirror (the relay on Redis) hold ids that
 * were issued elsewhere, still without gaps.
 *
 * Compact history: events are kept in blocks of 64; a full block is sealed into one
 * deflated Buffer (level 1: ~1.5 µs a line) once it is SEAL_MS old, so a 1,000-line stream
 * at rest costs a few dozen objects, not thousands, and a fraction of its text (log lines
 * repeat their keys, levels, sources); a block that leaves the ring sooner is never deflated.
 * Reading old events (a new viewer's backlog, a resume) inflates a block and keeps the last
 * one inflated, so viewers reading the same place share it.
 *
 * Fan-out by batch: events appended in one turn (a file read of 600 lines) — or, past a few
 * hundred viewers, within a short window — go to the viewers as one Batch whose SSE frames
 * are encoded once into one Buffer that every viewer writes as it is: one socket write per
 * viewer per batch, not per line, and no copy per viewer. The last batches stay cached while
 * anyone listens, so a viewer that fell behind catches up with the same shared Buffers.
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface StreamEvent {
  id: number;
  /** SSE `event:` name; undefined for unnamed (`message`) events. */
  event: string | undefined;
  /** The `data:` payload, already serialized (one line of JSON, normally). */
  data: string;
}

/** One SSE frame. Multi-line data (only ever from inject) becomes several `data:` lines. */
export function formatEvent(ev: StreamEvent): string {
  const data = ev.data.includes('\n') || ev.data.includes('\r') ? ev.data.replace(/\r\n|\r|\n/g, '\ndata: ') : ev.data;
  return `id: ${ev.id}\n${ev.event ? `event: ${ev.event}\n` : ''}data: ${data}\n\n`;
}

/**
 * The length formatEvent gives `ev` when neither its data nor its event name holds a line break
 * (a break adds `data: ` lines): Batch compares it with the frame's to know the frame is one
 * line per field. Kept beside formatEvent, and a test checks the two agree.
 */
export function oneLineFrameLength(ev: StreamEvent): number {
  return 'id: \ndata: \n\n'.length + digits(ev.id) + ev.data.length + (ev.event ? 'event: \n'.length + ev.event.length : 0);
}

const CRLF = Buffer.from('\r\n');

/** `bytes` as one HTTP/1.1 chunk (size in hex, CRLF, the bytes, CRLF). */
export function chunkFrame(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, CRLF]);
}

/**
 * Events published together; `bytes` (their frames) is encoded once, on first use, and
 * `chunk` (the same as one HTTP chunk) too: every viewer writes these very Buffers.
 *
 * Once it is not the newest batch (`compact`), a batch of one-line events lets its events go
 * and keeps only its Buffers: the channel keeps up to 16,384 events of recent batches, and
 * holding their objects and strings too made them survive garbage collection — a fifth of
 * the ingest's CPU at 100,000 lines/s. `events` reads them back from the frames when asked
 * (a viewer that already has part of the batch, the demo server's per-event faults).
 */
export class Batch {
  private encoded: Buffer | undefined;
  private framed: Buffer | undefined;
  private list: StreamEvent[] | null;
  /** True while every event's frame reads back exactly (no line break in its data or name). */
  private oneLine = true;
  readonly firstId: number;
  readonly lastId: number;
  readonly size: number;
  constructor(events: StreamEvent[]) {
    this.list = events;
    this.firstId = events[0]!.id;
    this.lastId = events[events.length - 1]!.id;
    this.size = events.length;
  }
  get events(): StreamEvent[] {
    return (this.list ??= readFrames(this.bytes));
  }
  get bytes(): Buffer {
    if (!this.encoded) {
      let text = '';
      for (const e of this.list!) {
        const frame = formatEvent(e);
        if (this.oneLine && (frame.length !== oneLineFrameLength(e) || hasBreak(e.event))) this.oneLine = false;
        text += frame;
      }
      this.encoded = Buffer.from(text, 'utf8');
    }
    return this.encoded;
  }
  get chunk(): Buffer {
    return (this.framed ??= chunkFrame(this.bytes));
  }
  /** Let the events go when the frames say all of them (see above). */
  compact(): void {
    if (this.bytes && this.oneLine) this.list = null;
  }
}

/** Decimal digits of a positive integer (anything else: a count that will not match). */
function digits(n: number): number {
  let d = 1;
  for (; n >= 10; n = Math.floor(n / 10)) d++;
  return d;
}

const hasBreak = (s: string | undefined): boolean => s !== undefined && (s.includes('\n') || s.includes('\r'));

/**
 * The events of one-line frames (`id:`, optional `event:`, `data:`), as formatEvent wrote
 * them: formatted again they are the same bytes (text that was not valid UTF-16 was sent as
 * U+FFFD, and reads back so).
 */
function readFrames(bytes: Buffer): StreamEvent[] {
  const out: StreamEvent[] = [];
  const text = bytes.toString('utf8');
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n\n', at);
    const idEnd = text.indexOf('\n', at);
    const id = Number(text.slice(at + 4, idEnd));
    let event: string | undefined;
    let dataAt = idEnd + 1;
    if (text.startsWith('event: ', dataAt)) {
      const eventEnd = text.indexOf('\n', dataAt);
      event = text.slice(dataAt + 7, eventEnd);
      dataAt = eventEnd + 1;
    }
    out.push({ id, event, data: text.slice(dataAt + 6, end) });
    at = end + 2;
  }
  return out;
}

export type ChannelMessage = { type: 'batch'; batch: Batch } | { type: 'raw'; bytes: string };

const BLOCK = 64;
/**
 * Events of recent batches kept for viewers catching up (only while anyone listens): a burst
 * (a file read at full speed) puts viewers this far behind, and catching up from the shared
 * Buffers costs one write each, from the compact ring an inflate and a format per viewer.
 */
const RECENT_EVENTS = 16_384;
/** …and at most this many bytes of frames. */
const RECENT_BYTES = 4 * 1024 * 1024;
/**
 * From 200 viewers on, batches go out at most once per window (one write each per window):
 * 20 ms; from 2,000 viewers 1.5 × what the last fan-out took (its writes, measured), within
 * 20–50 ms. Writes per second, the cost that grows with viewers, stay bounded (fan-outs take
 * at most 2/3 of the time), and lines wait no longer than that bound needs: 5,000 viewers
 * on a quiet machine (~20 ms a fan-out) wait up to 30 ms, not 50.
 */
function coalesceMs(viewers: number, fanoutMs: number): number {
  if (viewers < 200) return 0;
  if (viewers < 2000) return 20;
  return Math.min(50, Math.max(20, 1.5 * fanoutMs));
}

/**
 * A full block waits this long before it is deflated: in a burst (a file read at 100,000
 * lines/s into a ring of 1,000) a block leaves the ring within milliseconds, and deflating it
 * (a quarter of the ingest's CPU) would be work for nothing. At rest every block is sealed.
 */
export const SEAL_MS = 100;
/** …but no more than this many full blocks wait (a big ring in a long burst: ~1 MB at most). */
const MAX_UNSEALED = 32;

interface Sealed {
  first: number;
  /** The block deflated; null until it is SEAL_MS old (its events are in `raw` meanwhile). */
  bytes: Buffer | null;
  raw: StreamEvent[] | null;
  /** performance.now() when the block filled. */
  at: number;
}

function seal(events: StreamEvent[]): Buffer {
  // `[[event, length]…]\n` then the data back to back: no escaping of the JSON payloads.
  const head = JSON.stringify(events.map((e) => [e.event ?? null, e.data.length]));
  let text = head + '\n';
  for (const e of events) text += e.data;
  // zlib's result is a view into its 16 KiB output chunk: copy it out, or each block keeps that.
  return Buffer.from(deflateRawSync(Buffer.from(text, 'utf8'), { level: constants.Z_BEST_SPEED }));
}

function unseal(block: Sealed): StreamEvent[] {
  const text = inflateRawSync(block.bytes!).toString('utf8');
  const nl = text.indexOf('\n');
  const head = JSON.parse(text.slice(0, nl)) as [string | null, number][];
  const out: StreamEvent[] = new Array(head.length);
  let at = nl + 1;
  for (let i = 0; i < head.length; i++) {
    const [event, length] = head[i]!;
    out[i] = { id: block.first + i, event: event ?? undefined, data: text.slice(at, at + length) };
    at += length;
  }
  return out;
}

export class Channel {
  lastId = 0;
  private sealed: Sealed[] = [];
  private open: StreamEvent[] = [];
  private inflated: { block: Sealed; events: StreamEvent[] } | null = null;
  private sealTimer: NodeJS.Timeout | undefined;
  private rawBlocks = 0;
  private readonly listeners = new Set<(m: ChannelMessage) => void>();
  private pending: StreamEvent[] = [];
  private scheduled: NodeJS.Timeout | true | undefined;
  private recent: Batch[] = [];
  private recentEvents = 0;
  private recentBytes = 0;
  /** Id of the last event handed to listeners. */
  private published = 0;
  /** performance.now() when the last batch went out. */
  private lastPublish = -Infinity;
  /** How long the last fan-out to 2,000+ viewers took, writes included (ms). */
  private fanoutMs = 50;

  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {}

  /** Id of the oldest event still held (lastId + 1 when empty). */
  get firstId(): number {
    const oldest = this.sealed.length ? this.sealed[0]!.first : this.lastId - this.open.length + 1;
    return Math.max(oldest, this.lastId - this.capacity + 1);
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
    this.open.push(ev);
    if (this.open.length === BLOCK) {
      this.sealed.push({ first: ev.id - BLOCK + 1, bytes: null, raw: this.open, at: performance.now() });
      this.rawBlocks++;
      this.open = [];
      const first = this.lastId - this.capacity + 1;
      while (this.sealed.length && this.sealed[0]!.first + BLOCK - 1 < first) {
        if (this.sealed.shift()!.raw) this.rawBlocks--;
      }
      if (this.rawBlocks > MAX_UNSEALED) this.sealOld(true);
      this.sealTimer ??= setTimeout(() => this.sealOld(), SEAL_MS).unref();
    }
    if (this.listeners.size) {
      this.pending.push(ev);
      this.schedule();
    } else if (!this.pending.length) this.published = ev.id;
  }

  /** Forget the history; the next id issued is `lastId + 1`. */
  restartAt(lastId: number): void {
    this.publish();
    this.sealed = [];
    this.rawBlocks = 0;
    this.open = [];
    this.inflated = null;
    clearTimeout(this.sealTimer);
    this.sealTimer = undefined;
    this.recent = [];
    this.recentEvents = 0;
    this.recentBytes = 0;
    this.lastId = lastId;
    this.published = lastId;
  }

  /** Bytes written as they are to the connections open now; not kept, no id. */
  broadcastRaw(bytes: string): void {
    this.publish(); // what was appended before goes out before
    for (const l of this.listeners) l({ type: 'raw', bytes });
  }

  /**
   * Events with id > cursor, or null when the cursor cannot be served from the history
   * (older than the oldest event we hold, or newer than the newest).
   */
  since(cursor: number, limit = Infinity): StreamEvent[] | null {
    const firstId = this.firstId;
    if (cursor > this.lastId || cursor < firstId - 1) return null;
    const out: StreamEvent[] = [];
    const openFirst = this.lastId - this.open.length + 1;
    for (let id = cursor + 1; id <= this.lastId && out.length < limit; id++) {
      if (id >= openFirst) {
        out.push(this.open[id - openFirst]!);
        continue;
      }
      const block = this.sealed[Math.floor((id - this.sealed[0]!.first) / BLOCK)]!;
      if (block.raw) {
        out.push(block.raw[id - block.first]!);
        continue;
      }
      if (this.inflated?.block !== block) this.inflated = { block, events: unseal(block) };
      out.push(this.inflated.events[id - block.first]!);
    }
    return out;
  }

  /** The newest `n` events, oldest first. */
  tail(n: number): StreamEvent[] {
    return this.since(Math.max(this.firstId - 1, this.lastId - n)) ?? [];
  }

  /**
   * The cached batches right after `cursor` (shared Buffers), [] when the cursor is the last
   * event published, or null when they are not cached (read `since` instead).
   */
  batchesSince(cursor: number): Batch[] | null {
    if (cursor === this.published) return [];
    const i = this.recent.findIndex((b) => b.firstId === cursor + 1);
    return i < 0 ? null : this.recent.slice(i);
  }

  /** True while a viewer at `cursor` can still get every event after it (ring or recent batches). */
  canResume(cursor: number): boolean {
    return cursor >= this.firstId - 1 || this.batchesSince(cursor) !== null;
  }

  subscribe(listener: (m: ChannelMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) {
        this.recent = [];
        this.recentEvents = 0;
        this.recentBytes = 0;
      }
    };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Full blocks not deflated yet (younger than SEAL_MS). */
  get unsealed(): number {
    return this.rawBlocks;
  }

  /**
   * Deflate the full blocks that are SEAL_MS old and set a timer for the rest; or, on
   * `overflow`, only the oldest waiting blocks past MAX_UNSEALED, now.
   */
  private sealOld(overflow = false): void {
    if (!overflow) this.sealTimer = undefined;
    const due = performance.now() - SEAL_MS;
    // The waiting blocks are always the newest `rawBlocks` (blocks seal oldest first), so the
    // walk starts there instead of at the oldest block of the ring.
    for (let i = this.sealed.length - this.rawBlocks; i < this.sealed.length; i++) {
      const b = this.sealed[i]!;
      if (!b.raw) continue;
      if (overflow ? this.rawBlocks <= MAX_UNSEALED : b.at > due) {
        if (!overflow) this.sealTimer = setTimeout(() => this.sealOld(), b.at - due).unref();
        return;
      }
      b.bytes = seal(b.raw);
      b.raw = null;
      this.rawBlocks--;
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    const ms = coalesceMs(this.listeners.size, this.fanoutMs);
    // At most one batch per window, and at once when the last went out a window ago or more
    // (a line after a quiet spell does not wait): no more writes per second, less waiting.
    const wait = ms ? this.lastPublish + ms - performance.now() : 0;
    if (wait > 0) {
      this.scheduled = setTimeout(() => this.publish(), wait);
      this.scheduled.unref();
    } else {
      this.scheduled = true;
      queueMicrotask(() => this.publish());
    }
  }

  /** Hand what was appended since the last batch to every listener, as one batch. */
  private publish(): void {
    if (this.scheduled !== true && this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = undefined;
    if (!this.pending.length) return;
    this.lastPublish = performance.now();
    const batch = new Batch(this.pending);
    this.pending = [];
    this.published = batch.lastId;
    if (!this.listeners.size) {
      this.published = this.lastId;
      return;
    }
    this.recent[this.recent.length - 1]?.compact();
    this.recent.push(batch);
    this.recentEvents += batch.size;
    this.recentBytes += batch.bytes.length;
    while ((this.recentEvents > RECENT_EVENTS || this.recentBytes > RECENT_BYTES) && this.recent.length > 1) {
      const gone = this.recent.shift()!;
      this.recentEvents -= gone.size;
      this.recentBytes -= gone.bytes.length;
    }
    const t0 = performance.now();
    for (const l of this.listeners) l({ type: 'batch', batch });
    // Each viewer writes in a microtask queued in the loop above: this one runs after them.
    if (this.listeners.size >= 2000) queueMicrotask(() => (this.fanoutMs = performance.now() - t0));
  }
}
