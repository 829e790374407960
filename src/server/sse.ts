/**
 * Owns: one open Server-Sent Events response — the framing (`id:`/`event:`/`data:`), the
 * opening `retry:` + name comment, heartbeats, and the viewer's bounded send buffer. All bytes
 * go through `out()` and `pump()`, so a subclass (the reference server's fault injection) can
 * hold, drip or cut a connection in one place.
 *
 * Bounded viewers: a connection following a channel stops taking live events while its
 * socket holds more than `maxBuffered` unsent bytes; when the socket drains it catches up
 * from the channel's ring by its own cursor (the ring is shared, so a slow viewer costs no
 * copy). If the ring moves past its cursor meanwhile, the viewer gets a last comment saying
 * so and the response ends; its client reconnects with `Last-Event-ID` and resumes (with
 * `truncated`). A slow viewer never holds more than about `maxBuffered` bytes of its own, a
 * burst is not slowness, and nobody else waits for it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Channel, ChannelMessage, StreamEvent } from './channel.js';

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
  /**
   * How long output may wait to be written together (ms), asked at each write; 0 = at the
   * end of the current turn. With thousands of viewers, one write per line per viewer is the
   * cost that grows: a few ms of waiting turns several lines into one write.
   */
  coalesceMs?: () => number;
}

/** Connections with output waiting for the shared coalescing timer. */
const waiting = new Set<SseConnection>();
let waitingTimer: NodeJS.Timeout | undefined;

function flushWaiting(): void {
  waitingTimer = undefined;
  const all = [...waiting];
  waiting.clear();
  for (const c of all) c.flushNow();
}

let lastEvent: StreamEvent | null = null;
let lastFrame = '';

export function formatEvent(ev: StreamEvent): string {
  // A channel hands one event to all its viewers in a row: format it once for all of them
  // (a one-entry cache, so the ring holds no second copy of every line).
  if (ev === lastEvent) return lastFrame;
  // Multi-line data (only ever from inject) becomes several data: lines, keeping the framing.
  lastFrame = `id: ${ev.id}\n${ev.event ? `event: ${ev.event}\n` : ''}data: ${ev.data.replace(/\r\n|\r|\n/g, '\ndata: ')}\n\n`;
  lastEvent = ev;
  return lastFrame;
}

export class SseConnection {
  readonly key: string;
  protected readonly pending: string[] = [];
  protected wroteSinceBeat = false;
  /** Set once the response is to end after what is queued (a cut, a slow viewer). */
  protected endAfterFlush = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly maxBuffered: number;
  private readonly closers: (() => void)[] = [];
  private pendingBytes = 0;
  private waitingDrain = false;
  private flushQueued = false;
  /** The channel followed, the last id sent, and whether live events wait for a catch-up. */
  private channel: Channel | null = null;
  private lastSent = 0;
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
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);
    const done = (): void => {
      if (this.closed) return;
      this.closed = true;
      clearInterval(this.heartbeat);
      waiting.delete(this);
      for (const c of this.closers.splice(0)) c();
      onClose();
    };
    res.on('close', done);
    this.out(`retry: ${RETRY_MS}\n\n: telltale ${options.key}\n\n`);
    // Ticks twice per period, so no gap between bytes exceeds one heartbeat period: a client
    // can call a silence of 1.5 periods a buffering proxy (within 10 s at the default 5 s).
    this.heartbeat = setInterval(() => {
      if (!this.wroteSinceBeat && !this.held()) this.out(`: heartbeat ${Date.now()}\n\n`);
      this.wroteSinceBeat = false;
    }, Math.max(1, Math.floor(options.heartbeatMs / 2)));
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
        if (m.type === 'event') this.sendEvent(m.event);
        else this.sendRaw(m.bytes);
      } else if (channel.firstId > this.lastSent + 1) {
        this.endSlow(); // the ring moved past its cursor: it resumes by reconnecting
      }
    });
    this.onClose(off);
  }

  /** The socket drained: send what the ring holds after our cursor, a batch at a time. */
  private catchUp(): void {
    const channel = this.channel!;
    while (!this.closed && !this.endAfterFlush) {
      const events = channel.since(this.lastSent, 500);
      if (events === null) return this.endSlow();
      if (!events.length) {
        this.behind = false;
        return;
      }
      for (const e of events) this.sendEvent(e);
      if (this.res.writableLength > this.maxBuffered) {
        this.res.once('drain', () => this.catchUp());
        return;
      }
    }
  }

  /** Drop the connection at once (restart). */
  destroy(): void {
    this.res.socket?.destroy();
  }

  /** True while output is held back (a subclass's stall); heartbeats wait too. */
  protected held(): boolean {
    return false;
  }

  protected out(bytes: string): void {
    if (this.slow) return; // ended: nothing more goes out
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.wroteSinceBeat = true;
    // One write per viewer for everything appended in the same turn (a file read of 600
    // lines is one syscall per viewer, not 600); a lone line still goes out at once.
    if (!this.flushQueued) {
      this.flushQueued = true;
      const ms = this.options.coalesceMs?.() ?? 0;
      if (ms > 0) {
        waiting.add(this);
        waitingTimer ??= setTimeout(flushWaiting, ms);
      } else queueMicrotask(() => this.flushNow());
    }
  }

  /** Write what waits (the coalescing timer or the end of the turn). */
  flushNow(): void {
    if (!this.flushQueued) return;
    this.flushQueued = false;
    this.pump();
  }

  protected pump(): void {
    if (this.closed || this.slow || this.held()) return;
    if (this.pending.length) {
      // Not following a ring: queue here until the socket drains, up to the bound.
      if (!this.channel && !this.endAfterFlush && this.res.writableLength > this.maxBuffered) {
        if (this.pendingBytes > this.maxBuffered) return this.endSlow();
        if (!this.waitingDrain) {
          this.waitingDrain = true;
          this.res.once('drain', () => {
            this.waitingDrain = false;
            this.pump();
          });
        }
        return;
      }
      this.res.write(this.pending.length === 1 ? this.pending[0]! : this.pending.join(''));
      this.pending.length = 0;
      this.pendingBytes = 0;
      if (this.channel && !this.behind && !this.endAfterFlush && this.res.writableLength > this.maxBuffered) {
        this.behind = true;
        this.res.once('drain', () => this.catchUp());
      }
    }
    if (this.endAfterFlush) this.finish();
  }

  /** Called once `endAfterFlush` is set and everything queued was written. */
  protected finish(): void {
    // An abrupt close, as a dropped network or a killed proxy does (not a clean end).
    this.res.write('', () => this.res.socket?.destroy());
  }

  /** The viewer cannot keep up: a last notice, then the end; its client resumes from its cursor. */
  private endSlow(): void {
    if (this.slow || this.closed) return;
    this.slow = true;
    this.pending.length = 0;
    this.pendingBytes = 0;
    this.endAfterFlush = true;
    this.res.end(`: telltale ended this connection: the viewer fell ${this.res.writableLength} bytes behind; reconnect with Last-Event-ID to resume\n\n`);
    // A viewer that reads nothing at all never takes even that: drop it after a grace period.
    const t = setTimeout(() => this.res.socket?.destroy(), 10_000);
    t.unref();
    this.onClose(() => clearTimeout(t));
  }
}
