/**
 * Owns: one open Server-Sent Events response — the framing (`id:`/`event:`/`data:`), the
 * opening `retry:` + name comment, heartbeats, and the viewer's bounded send buffer. All bytes
 * go through `out()` and `pump()`, so a subclass (the reference server's fault injection) can
 * hold, drip or cut a connection in one place.
 *
 * Bounded viewers: while the socket holds more than `maxBuffered` unsent bytes, new bytes
 * wait here; when those also pass `maxBuffered` the viewer is too slow. It gets a last comment saying so and the response ends; its client
 * reconnects with `Last-Event-ID` and resumes from its cursor (or gets `truncated`). A slow
 * viewer therefore never holds more than about `maxBuffered` bytes nor slows anybody else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Channel, ChannelMessage, StreamEvent } from './channel.js';

export const RETRY_MS = 1000;
/** Default bound of one viewer's unsent bytes. */
export const MAX_BUFFERED = 1024 * 1024;

export interface SseOptions {
  /** The stream's name, sent as the opening comment (`: telltale <key>`). */
  key: string;
  heartbeatMs: number;
  /** Extra response headers (CORS). */
  headers: Record<string, string>;
  /** Content-Type override (a fault); default `text/event-stream; charset=utf-8`. */
  contentType?: string;
  /** Unsent bytes past which the viewer is ended as too slow (default 1 MiB). */
  maxBuffered?: number;
}

export function formatEvent(ev: StreamEvent): string {
  // Multi-line data (only ever from inject) becomes several data: lines, keeping the framing.
  return `id: ${ev.id}\n${ev.event ? `event: ${ev.event}\n` : ''}data: ${ev.data.replace(/\r\n|\r|\n/g, '\ndata: ')}\n\n`;
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
      for (const c of this.closers.splice(0)) c();
      onClose();
    };
    res.on('close', done);
    this.out(`retry: ${RETRY_MS}\n\n: telltale ${options.key}\n\n`);
    this.heartbeat = setInterval(() => {
      if (!this.wroteSinceBeat && !this.held()) this.out(`: heartbeat ${Date.now()}\n\n`);
      this.wroteSinceBeat = false;
    }, options.heartbeatMs);
  }

  /** Run `fn` when the connection closes (unsubscribe from a channel…). */
  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closers.push(fn);
  }

  sendEvent(ev: StreamEvent): void {
    if (this.closed || this.endAfterFlush) return;
    this.out(formatEvent(ev));
  }

  sendRaw(bytes: string): void {
    if (!this.closed && !this.endAfterFlush) this.out(bytes);
  }

  /** Forward a channel's live messages until the connection closes. */
  follow(channel: Channel): void {
    const off = channel.subscribe((m: ChannelMessage) => (m.type === 'event' ? this.sendEvent(m.event) : this.sendRaw(m.bytes)));
    this.onClose(off);
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
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.wroteSinceBeat = true;
    this.pump();
  }

  protected pump(): void {
    if (this.closed || this.held()) return;
    if (this.pending.length) {
      // The socket has not taken the earlier bytes: queue here until it drains, up to the bound.
      if (!this.endAfterFlush && this.res.writableLength > this.maxBuffered) {
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
