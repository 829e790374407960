/**
 * One Server-Sent Events connection over fetch + ReadableStream + TextDecoder, parsed by
 * eventsource-parser (spec-compliant: it only emits an event at its terminating blank line,
 * so an event cut in the middle is never seen). No DOM: runs in Node 20 and browsers.
 *
 * Bounds: the bytes of the event being assembled are counted here (the parser buffers
 * them); past `maxFrameBytes` the connection is dropped (oversize) — memory stays bounded.
 * Liveness: no first byte within `firstByteTimeoutMs`, or silence for 1.5 × `heartbeatMs` on an
 * open connection (the server beats at least once per period), ends the connection; both are
 * flagged so the feed can name a buffering proxy and poll instead.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { isAbort, networkFailure, type Failure } from '../errors.js';
import { diagnoseNetworkFailure, errorMessage, statusFailure } from '../failures.js';
import type { FetchLike } from './http.js';
import { withQuery } from './url.js';

/** Re-exported: it lived here first. */
export { withQuery };

export interface SseRequest {
  url: string;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  /** Sent as `Last-Event-ID` (and `?since=` when `resume` includes 'query'). */
  lastEventId: number | null;
  resume?: 'header' | 'query' | 'both';
  heartbeatMs: number;
  maxFrameBytes: number;
  firstByteTimeoutMs: number;
  fetch?: FetchLike;
}

export interface SseHandlers {
  /** The first byte of the body arrived: the stream is live. */
  onFirstByte?(): void;
  /** A complete event. Return a Failure to end the connection with it. */
  onMessage(message: EventSourceMessage): Failure | void;
  onRetry?(ms: number): void;
}

export type SseOutcome =
  | { kind: 'aborted' }
  | (Failure & {
      noFirstByte?: boolean;
      /** Bytes had arrived, then nothing (not even a heartbeat) while the connection stayed open. */
      silent?: boolean;
      oversize?: boolean;
      openedAt?: number | null;
    });

/** How long an open stream may be silent: 1.5 heartbeat periods plus slack for timers (8.75 s at 5 s). */
export function silenceLimitMs(heartbeatMs: number): number {
  return Math.round(1.5 * heartbeatMs) + Math.max(100, Math.round(heartbeatMs / 4));
}

export function isEventStream(ct: string | null): boolean {
  return !!ct && ct.split(';')[0].trim().toLowerCase() === 'text/event-stream';
}


export async function runSse(req: SseRequest, handlers: SseHandlers, outer: AbortSignal): Promise<SseOutcome> {
  if (outer.aborted) return { kind: 'aborted' };
  const ctrl = new AbortController();
  const onOuter = () => ctrl.abort();
  outer.addEventListener('abort', onOuter);
  let stopWith: SseOutcome | null = null;
  const stop = (o: SseOutcome) => {
    if (stopWith) return;
    stopWith = o;
    ctrl.abort();
  };
  let openedAt: number | null = null;
  let gotFirstByte = false;
  let firstTimer: ReturnType<typeof setTimeout> | null = setTimeout(
    () =>
      stop({
        kind: 'retry',
        reason: `no data from ${req.url} within ${req.firstByteTimeoutMs} ms (a buffering proxy?)`,
        noFirstByte: true,
      }),
    req.firstByteTimeoutMs,
  );
  let silenceTimer: ReturnType<typeof setTimeout> | null = null;
  const silenceMs = silenceLimitMs(req.heartbeatMs);
  const armSilence = () => {
    if (silenceTimer !== null) clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => stop({ kind: 'retry', reason: `stream silent for more than ${silenceMs} ms`, silent: true, openedAt }), silenceMs);
  };
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;

  const resume = req.resume ?? 'header';
  const headers: Record<string, string> = { accept: 'text/event-stream', ...req.headers };
  let url = req.url;
  if (req.lastEventId !== null) {
    if (resume !== 'query') headers['last-event-id'] = String(req.lastEventId);
    if (resume !== 'header') url = withQuery(url, 'since', req.lastEventId);
  }

  try {
    const f = req.fetch ?? ((u, i) => globalThis.fetch(u, i));
    let res: Response;
    try {
      res = await f(url, { headers, credentials: req.credentials, signal: ctrl.signal, cache: 'no-store' });
    } catch (err) {
      if (stopWith) return stopWith;
      if (outer.aborted || isAbort(err)) return { kind: 'aborted' };
      const failure = await diagnoseNetworkFailure(err, url, req.fetch);
      return outer.aborted ? { kind: 'aborted' } : failure;
    }
    if (!res.ok) {
      const said = await errorMessage(res);
      if (stopWith) return stopWith;
      if (outer.aborted) return { kind: 'aborted' };
      return statusFailure(res.status, res.statusText, req.url, res.headers.get('retry-after'), said);
    }
    const ct = res.headers.get('content-type');
    if (!isEventStream(ct)) {
      res.body?.cancel().catch(() => undefined);
      return { kind: 'fatal', status: res.status, reason: `wrong content type from ${req.url}: expected text/event-stream, got ${ct ?? 'none'}` };
    }
    if (!res.body) return { kind: 'fatal', status: res.status, reason: `no response body from ${req.url}` };
    openedAt = Date.now();

    // Bytes of the event currently being assembled (the parser holds them until the blank line).
    let pendingBytes = 0;
    let sawBoundary = false;
    const parser = createParser({
      maxBufferSize: req.maxFrameBytes,
      onEvent(message) {
        sawBoundary = true;
        if (stopWith) return;
        if (message.data.length > req.maxFrameBytes) {
          stop({ kind: 'retry', reason: `a frame larger than ${req.maxFrameBytes} bytes — connection dropped`, oversize: true, openedAt });
          return;
        }
        const failure = handlers.onMessage(message);
        if (failure) stop({ ...failure, openedAt });
      },
      onComment() {
        sawBoundary = true;
      },
      onRetry(ms) {
        sawBoundary = true;
        handlers.onRetry?.(ms);
      },
      onError(error) {
        if (error.type === 'max-buffer-size-exceeded')
          stop({ kind: 'retry', reason: `a frame larger than ${req.maxFrameBytes} bytes — connection dropped`, oversize: true, openedAt });
        // unknown fields and invalid retry values are ignored, as the spec says
      },
    });
    const decoder = new TextDecoder();
    reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (stopWith) return stopWith;
      if (done) return { kind: 'retry', reason: 'the server closed the stream', openedAt };
      if (!value || value.byteLength === 0) continue;
      if (!gotFirstByte) {
        gotFirstByte = true;
        if (firstTimer !== null) clearTimeout(firstTimer);
        firstTimer = null;
        handlers.onFirstByte?.();
      }
      armSilence();
      const text = decoder.decode(value, { stream: true });
      sawBoundary = false;
      parser.feed(text);
      if (stopWith) return stopWith;
      if (sawBoundary) {
        const nl = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
        pendingBytes = text.length - (nl + 1);
      } else {
        pendingBytes += value.byteLength;
      }
      if (pendingBytes > req.maxFrameBytes) {
        return { kind: 'retry', reason: `a frame larger than ${req.maxFrameBytes} bytes — connection dropped`, oversize: true, openedAt };
      }
    }
  } catch (err) {
    if (stopWith) return stopWith;
    if (outer.aborted) return { kind: 'aborted' };
    if (isAbort(err)) return { kind: 'aborted' };
    return { ...networkFailure(err, url), reason: `connection lost (${err instanceof Error ? err.message : String(err)})`, openedAt };
  } finally {
    if (firstTimer !== null) clearTimeout(firstTimer);
    if (silenceTimer !== null) clearTimeout(silenceTimer);
    outer.removeEventListener('abort', onOuter);
    ctrl.abort();
    reader?.cancel().catch(() => undefined);
  }
}
