/**
 * The reference server's SSE connection: the core writer (src/server/sse.ts) plus the faults
 * that shape a connection (hold, drip, cut after flush, oversize, malformed, wrong type).
 * Fault injection is simulation; it stays here, out of the library.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Batch, StreamEvent } from '../../src/server/channel.js';
import { formatEvent, SseConnection, type SseOptions } from '../../src/server/sse.js';
import type { Faults } from './faults.js';

export { RETRY_MS } from '../../src/server/sse.js';

export interface SseContext {
  faults: Faults;
  heartbeatMs: number;
  /** Extra response headers (CORS). */
  headers: Record<string, string>;
  /** Default `afterEvents` draw for `cut` (the world's fault RNG). */
  randomInt(min: number, max: number): number;
}

interface FaultyOptions extends SseOptions {
  ctx: SseContext;
}

export class FaultySseConnection extends SseConnection {
  // No initializer: the base constructor already pumps the opening bytes (and may drip them).
  private dripTimer: NodeJS.Timeout | undefined;
  private eventsSent = 0;
  private cutAt: number | null = null;
  private malformedCount = 0;
  private oversizeSent = false;

  constructor(
    key: string,
    res: ServerResponse,
    req: IncomingMessage,
    ctx: SseContext,
    /** The event name an oversize frame borrows (so it looks like the real thing). */
    private readonly primaryEvent: string | undefined,
    onClose: () => void,
  ) {
    const contentType = ctx.faults.find('contentType', key);
    if (contentType) ctx.faults.consume(contentType);
    const options: FaultyOptions = { key, heartbeatMs: ctx.heartbeatMs, headers: ctx.headers, contentType: contentType?.value, ctx };
    super(res, req, options, onClose);
    const unlisten = ctx.faults.onChange(() => this.pump());
    this.onClose(() => {
      clearTimeout(this.dripTimer);
      unlisten();
    });
  }

  /** Read through the options: the base constructor already calls `held()`/`pump()`. */
  private get ctx(): SseContext {
    return (this.options as FaultyOptions).ctx;
  }

  override sendEvent(ev: StreamEvent): void {
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
    this.sent(ev);
    this.out(formatEvent({ ...ev, data }));
  }

  /** Faults shape each event: a batch goes one event at a time. */
  protected override sendBatch(batch: Batch): void {
    for (const e of batch.events) if (e.id > this.lastSent) this.sendEvent(e);
  }

  protected override held(): boolean {
    return Boolean(this.ctx.faults.find('stall', this.key) || this.ctx.faults.find('buffer', this.key));
  }

  protected override pump(): void {
    if (this.closed || this.dripTimer) return;
    if (this.held()) return;
    const drip = this.ctx.faults.find('drip', this.key);
    if (drip && this.pending.length) {
      const size = Math.max(1, drip.bytes ?? 16);
      const all = this.pending.map(String).join('');
      this.pending.length = 0;
      this.res.write(all.slice(0, size));
      if (all.length > size) this.pending.push(all.slice(size));
      this.dripTimer = setTimeout(() => {
        this.dripTimer = undefined;
        this.pump();
      }, drip.intervalMs ?? 50);
      return;
    }
    super.pump();
  }
}
