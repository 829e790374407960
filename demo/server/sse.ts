/**
 * One open Server-Sent Events response. All bytes go through one output queue so that the
 * faults that shape a connection (hold, drip, cut after flush) compose in a single place.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamEvent } from './channel.js';
import type { Faults } from './faults.js';

export const RETRY_MS = 1000;

export interface SseContext {
  faults: Faults;
  heartbeatMs: number;
  /** Extra response headers (CORS). */
  headers: Record<string, string>;
  /** Default `afterEvents` draw for `cut` (the world's fault RNG). */
  randomInt(min: number, max: number): number;
}

export function formatEvent(ev: StreamEvent): string {
  // Multi-line data (only ever from inject) becomes several data: lines, keeping the framing.
  return `id: ${ev.id}\n${ev.event ? `event: ${ev.event}\n` : ''}data: ${ev.data.replace(/\r\n|\r|\n/g, '\ndata: ')}\n\n`;
}

export class SseConnection {
  private readonly pending: string[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private dripTimer: NodeJS.Timeout | undefined;
  private wroteSinceBeat = false;
  private eventsSent = 0;
  private cutAt: number | null = null;
  private malformedCount = 0;
  private oversizeSent = false;
  private endAfterFlush = false;
  private readonly unlisten: () => void;
  closed = false;

  constructor(
    readonly key: string,
    private readonly res: ServerResponse,
    req: IncomingMessage,
    private readonly ctx: SseContext,
    /** The event name an oversize frame borrows (so it looks like the real thing). */
    private readonly primaryEvent: string | undefined,
    onClose: () => void,
  ) {
    const contentType = ctx.faults.find('contentType', key);
    if (contentType) ctx.faults.consume(contentType);
    res.writeHead(200, {
      'Content-Type': contentType?.value ?? 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Tells nginx not to buffer: the stream is useless if held back.
      'X-Accel-Buffering': 'no',
      ...ctx.headers,
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);
    this.unlisten = ctx.faults.onChange(() => this.pump());
    const done = (): void => {
      if (this.closed) return;
      this.closed = true;
      clearInterval(this.heartbeat);
      clearTimeout(this.dripTimer);
      this.unlisten();
      onClose();
    };
    res.on('close', done);
    this.out(`retry: ${RETRY_MS}\n\n: telltale ${key}\n\n`);
    this.heartbeat = setInterval(() => {
      if (!this.wroteSinceBeat && !this.held()) this.out(`: heartbeat ${Date.now()}\n\n`);
      this.wroteSinceBeat = false;
    }, ctx.heartbeatMs);
  }

  sendEvent(ev: StreamEvent): void {
    if (this.closed || this.endAfterFlush) return;
    const { faults } = this.ctx;
    const cut = faults.find('cut', this.key);
    if (cut) {
      this.cutAt ??= this.eventsSent + (cut.afterEvents ?? this.ctx.randomInt(1, 20));
      if (this.eventsSent >= this.cutAt) {
        faults.consume(cut);
        const frame = formatEvent(ev);
        if (cut.midLine) {
          // Stop inside the data line: the event's JSON arrives half-written.
          const dataAt = frame.indexOf('data: ');
          this.out(frame.slice(0, dataAt + 6 + Math.floor((frame.length - dataAt - 8) / 2)));
        } else if (cut.midEvent) {
          this.out(frame.slice(0, frame.indexOf('\n') + 1));
        }
        this.endAfterFlush = true;
        this.pump();
        return;
      }
    } else {
      this.cutAt = null;
    }
    const oversize = faults.find('oversize', this.key);
    if (oversize && !this.oversizeSent) {
      this.oversizeSent = true;
      faults.consume(oversize);
      const n = Math.max(2, oversize.bytes ?? 2 * 1024 * 1024);
      this.out(`${this.primaryEvent ? `event: ${this.primaryEvent}\n` : ''}data: "${'x'.repeat(n - 2)}"\n\n`);
    }
    let data = ev.data;
    const malformed = faults.find('malformed', this.key);
    if (malformed && ++this.malformedCount % (malformed.every ?? 1) === 0) {
      faults.consume(malformed);
      data = `{"malformed": ${data.slice(0, 12)}`;
    }
    this.eventsSent++;
    this.out(formatEvent({ ...ev, data }));
  }

  sendRaw(bytes: string): void {
    if (!this.closed && !this.endAfterFlush) this.out(bytes);
  }

  /** Drop the connection at once (restart). */
  destroy(): void {
    this.res.socket?.destroy();
  }

  private held(): boolean {
    return Boolean(this.ctx.faults.find('stall', this.key) || this.ctx.faults.find('buffer', this.key));
  }

  private out(bytes: string): void {
    this.pending.push(bytes);
    this.wroteSinceBeat = true;
    this.pump();
  }

  private pump(): void {
    if (this.closed || this.dripTimer) return;
    if (this.held()) return;
    const drip = this.ctx.faults.find('drip', this.key);
    if (drip && this.pending.length) {
      const size = Math.max(1, drip.bytes ?? 16);
      const all = this.pending.join('');
      this.pending.length = 0;
      this.res.write(all.slice(0, size));
      if (all.length > size) this.pending.push(all.slice(size));
      this.dripTimer = setTimeout(() => {
        this.dripTimer = undefined;
        this.pump();
      }, drip.intervalMs ?? 50);
      return;
    }
    if (this.pending.length) {
      this.res.write(this.pending.join(''));
      this.pending.length = 0;
    }
    if (this.endAfterFlush) {
      // An abrupt close, as a dropped network or a killed proxy does (not a clean end).
      this.res.write('', () => this.res.socket?.destroy());
    }
  }
}
