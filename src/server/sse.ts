/**
 * Owns: one open Server-Sent Events response — the framing (`id:`/`event:`/`data:`), the
 * opening `retry:` + name comment, heartbeats, and the viewer's bounded send buffer. All bytes
 * go through `out()` and `pump()`, so a subclass (the reference server's fault injection) can
 * hold, drip or cut a connection in one place.
 *
 * Bounded viewers: a connection following a channel stops taking live events while its
 * socket holds more than `maxBuffered` unsent bytes; when the socket drains it catches up
 * from the channel's ring by its own cursor (the ring is shared, so a slow viewer costs no
 * copy). If the ring (and the recent batches kept while anyone listens) move past its cursor
 * meanwhile, the viewer gets a last comment saying
 * so and the response ends; its client reconnects with `Last-Event-ID` and resumes (with
 * `truncated`). A slow viewer never holds more than about `maxBuffered` bytes of its own, a
 * burst is not slowness, and nobody else waits for it.
 *
 * Cost per viewer: a channel's batch is one shared Buffer written as it is (one write per
 * viewer per batch); heartbeats of all connections run on one timer per period, not one each.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Batch, chunkFrame, formatEvent, type Channel, type ChannelMessage, type StreamEvent } from './channel.js';

export { formatEvent };
export const RETRY_MS = 1000;
/** Default bound of one viewer's unsent bytes (5,000 stuck viewers: at most ~1.3 GB). */
export const MAX_BUFFERED = 256 * 1024;

export interface SseOptions {
  /** The stream's name, sent as the opening comment (`: telltale <key>`). */
  key: string;
  heartbeatMs: number;
  /** Extra response headers (CORS). */
  headers: Record<string, string>;
  /** Content-Type override (a fault); default `text/event-stream; charset=utf-8`. */
  contentType?: string;
  /** Unsent bytes past which a viewer catches up from the ring instead (default 256 KiB). */
  maxBuffered?: number;
}

/** One heartbeat timer per period for every connection using it. */
const beats = new Map<number, { timer: NodeJS.Timeout; conns: Set<SseConnection> }>();

function beatEvery(period: number, conn: SseConnection): () => void {
  let entry = beats.get(period);
  if (!entry) {
    const conns = new Set<SseConnection>();
    entry = { conns, timer: setInterval(() => conns.forEach((c) => c.beat()), period) };
    beats.set(period, entry);
  }
  const e = entry;
  e.conns.add(conn);
  return () => {
    e.conns.delete(conn);
    if (!e.conns.size) {
      clearInterval(e.timer);
      beats.delete(period);
    }
  };
}

export class SseConnection {
  readonly key: string;
  protected readonly pending: (string | Buffer | Batch)[] = [];
  /**
   * Body bytes go straight to the socket, chunk-framed here: a batch's framed Buffer is the
   * same object for every viewer, and a write skips http's per-write framing and corking.
   */
  private direct = false;
  protected wroteSinceBeat = false;
  /** Set once the response is to end after what is queued (a cut, a slow viewer). */
  protected endAfterFlush = false;
  private readonly maxBuffered: number;
  private readonly closers: (() => void)[] = [];
  private pendingBytes = 0;
  private waitingDrain = false;
  private flushQueued = false;
  /** The channel followed, the last id sent, and whether live events wait for a catch-up. */
  private channel: Channel | null = null;
  protected lastSent = 0;
  private behind = false;
  /** True once this viewer was ended for being too slow. */
  slow = false;
  closed = false;

  constructor(
    protected readonly res: ServerResponse,
    req: IncomingMessage,
    protected readonly options: SseOptions,
    onClose: () => void = () => {},
  ) {
    this.key = options.key;
    this.maxBuffered = options.maxBuffered ?? MAX_BUFFERED;
    res.writeHead(200, {
      'Content-Type': options.contentType ?? 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Tells nginx not to buffer: the stream is useless if held back.
      'X-Accel-Buffering': 'no',
      ...options.headers,
    });
    res.flushHeaders();
    this.direct = req.method !== 'HEAD' && res.socket === req.socket && (res as { chunkedEncoding?: boolean }).chunkedEncoding === true;
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);
    // Ticks twice per period, so no gap between bytes exceeds one heartbeat period: a client
    // can call a silence of 1.5 periods a buffering proxy (within 10 s at the default 5 s).
    const stopBeat = beatEvery(Math.max(1, Math.floor(options.heartbeatMs / 2)), this);
    const done = (): void => {
      if (this.closed) return;
      this.closed = true;
      stopBeat();
      for (const c of this.closers.splice(0)) c();
      onClose();
    };
    res.on('close', done);
    this.out(`retry: ${RETRY_MS}\n\n: telltale ${options.key}\n\n`);
  }

  /** The shared heartbeat timer ticked: a comment when nothing else went out since the last tick. */
  beat(): void {
    if (!this.wroteSinceBeat && !this.held()) this.out(`: heartbeat ${Date.now()}\n\n`);
    this.wroteSinceBeat = false;
  }

  /** Run `fn` when the connection closes (unsubscribe from a channel…). */
  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closers.push(fn);
  }

  sendEvent(ev: StreamEvent): void {
    if (this.closed || this.endAfterFlush) return;
    this.sent(ev);
    this.out(formatEvent(ev));
  }

  /**
   * A channel's batch: its shared Buffer as it is, unless this viewer already has some of
   * its events (it read them from the ring while the batch was forming). A subclass that
   * shapes each event (faults) overrides this to send them one by one.
   */
  protected sendBatch(batch: Batch): void {
    if (this.closed || this.endAfterFlush) return;
    if (batch.firstId > this.lastSent) {
      this.lastSent = batch.lastId;
      this.out(batch);
    } else {
      for (const e of batch.events) if (e.id > this.lastSent) this.sendEvent(e);
    }
  }

  /** Subclasses that write an event themselves call this, so catching up starts after it. */
  protected sent(ev: StreamEvent): void {
    if (ev.id > this.lastSent) this.lastSent = ev.id;
  }

  sendRaw(bytes: string): void {
    if (!this.closed && !this.endAfterFlush) this.out(bytes);
  }

  /** Forward a channel's live messages until the connection closes. */
  follow(channel: Channel): void {
    this.channel = channel;
    const off = channel.subscribe((m: ChannelMessage) => {
      if (!this.behind) {
        if (m.type === 'batch') this.sendBatch(m.batch);
        else this.sendRaw(m.bytes);
      } else if (!channel.canResume(this.lastSent)) {
        this.endSlow(); // the ring and the recent batches moved past its cursor: it resumes by reconnecting
      }
    });
    this.onClose(off);
  }

  /** The socket drained: send what follows our cursor (cached batches, else the ring), a bit at a time. */
  private catchUp(): void {
    const channel = this.channel!;
    while (!this.closed && !this.endAfterFlush) {
      const batches = channel.batchesSince(this.lastSent);
      if (batches) {
        if (!batches.length) {
          this.behind = false;
          return;
        }
        for (const b of batches) {
          this.sendBatch(b);
          if (this.pendingBytes > this.maxBuffered) break;
        }
      } else {
        const events = channel.since(this.lastSent, 500);
        if (events === null) return this.endSlow();
        if (!events.length) {
          this.behind = false;
          return;
        }
        for (const e of events) this.sendEvent(e);
      }
      this.flushQueued = false;
      this.pump();
      if (this.buffered() > this.maxBuffered) {
        this.onceDrain(() => this.catchUp());
        return;
      }
    }
  }

  /** Bytes written but not yet taken by the socket. */
  private buffered(): number {
    return this.direct ? (this.res.socket?.writableLength ?? 0) : this.res.writableLength;
  }

  private onceDrain(fn: () => void): void {
    if (this.direct) this.res.socket?.once('drain', fn);
    else this.res.once('drain', fn);
  }

  /** Drop the connection at once (restart). */
  destroy(): void {
    this.res.socket?.destroy();
  }

  /** True while output is held back (a subclass's stall); heartbeats wait too. */
  protected held(): boolean {
    return false;
  }

  protected out(bytes: string | Buffer | Batch): void {
    if (this.slow) return; // ended: nothing more goes out
    this.pending.push(bytes);
    this.pendingBytes += bytes instanceof Batch ? bytes.bytes.length : bytes.length;
    this.wroteSinceBeat = true;
    // One write per viewer for everything queued in the same turn.
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flushNow());
    }
  }

  /** Write what waits (at the end of the turn). */
  flushNow(): void {
    if (!this.flushQueued) return;
    this.flushQueued = false;
    this.pump();
  }

  protected pump(): void {
    if (this.closed || this.slow || this.held()) return;
    if (this.pending.length) {
      // Not following a ring: queue here until the socket drains, up to the bound.
      if (!this.channel && !this.endAfterFlush && this.buffered() > this.maxBuffered) {
        if (this.pendingBytes > this.maxBuffered) return this.endSlow();
        if (!this.waitingDrain) {
          this.waitingDrain = true;
          this.onceDrain(() => {
            this.waitingDrain = false;
            this.pump();
          });
        }
        return;
      }
      const p = this.pending;
      const socket = this.res.socket;
      if (this.direct && socket) {
        // One write: a lone batch's shared framed Buffer, or everything queued as one chunk.
        if (p.length === 1 && p[0] instanceof Batch) socket.write(p[0].chunk);
        else {
          const body = Buffer.concat(p.map(asBuffer));
          if (body.length) socket.write(chunkFrame(body)); // (a zero-length chunk would end the response)
        }
      } else if (p.length === 1) this.res.write(asBuffer(p[0]!));
      else this.res.write(Buffer.concat(p.map(asBuffer)));
      this.pending.length = 0;
      this.pendingBytes = 0;
      if (this.channel && !this.behind && !this.endAfterFlush && this.buffered() > this.maxBuffered) {
        this.behind = true;
        this.onceDrain(() => this.catchUp());
      }
    }
    if (this.endAfterFlush) this.finish();
  }

  /** Called once `endAfterFlush` is set and everything queued was written. */
  protected finish(): void {
    // An abrupt close, as a dropped network or a killed proxy does (not a clean end).
    const socket = this.res.socket;
    if (this.direct && socket) socket.write('', () => socket.destroy());
    else this.res.write('', () => this.res.socket?.destroy());
  }

  /** The viewer cannot keep up: a last notice, then the end; its client resumes from its cursor. */
  private endSlow(): void {
    if (this.slow || this.closed) return;
    this.slow = true;
    this.pending.length = 0;
    this.pendingBytes = 0;
    this.endAfterFlush = true;
    this.res.end(`: telltale ended this connection: the viewer fell ${this.buffered()} bytes behind; reconnect with Last-Event-ID to resume\n\n`);
    // A viewer that reads nothing at all never takes even that: drop it after a grace period.
    const t = setTimeout(() => this.res.socket?.destroy(), 10_000);
    t.unref();
    this.onClose(() => clearTimeout(t));
  }
}

function asBuffer(p: string | Buffer | Batch): Buffer {
  return p instanceof Batch ? p.bytes : typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
}
