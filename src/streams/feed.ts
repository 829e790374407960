/**
 * The connection engine of one streaming source: SSE with reconnection, resume, dedupe and a
 * polling fallback, all on one cursor. Runs until its signal aborts or a fatal failure.
 * No DOM: Node and browsers.
 */
import type { EventSourceMessage } from 'eventsource-parser';
import { Backoff, type BackoffOptions } from './backoff.js';
import type { FeedDecoder, FeedItem, PollResult } from './decoders/feed.js';
import { parseJson } from './decoders/validate.js';
import { BUFFERING_REASON, DecodeError, PROXY_DOCS, type Failure } from './errors.js';
import { fetchJson, type FetchLike } from './transports/http.js';
import { runSse } from './transports/sse.js';
import type { ConnectionState } from './types.js';

export interface FeedEndpoint<E, S> {
  key: string;
  /** The SSE URL (without cursor). */
  sseUrl: string;
  /** The polling URL for a cursor (null: no cursor yet). */
  pollUrl(cursor: number | null): string;
  decoder: FeedDecoder<E, S>;
  /**
   * For feeds whose SSE stream starts without a snapshot (the seed-001 task feed): a URL whose
   * JSON (read with `decoder.poll`) gives the snapshot and cursor before the first connection.
   */
  bootstrapUrl?: string;
}

export interface FeedConfig {
  transport: 'auto' | 'sse' | 'polling';
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  heartbeatMs: number;
  maxFrameBytes: number;
  /** No first byte within this → fall back to polling at once. Default 5000. */
  firstByteTimeoutMs: number;
  /** Consecutive SSE failures (connections that delivered nothing) before polling. Default 3. */
  fallbackAfter: number;
  /** While polling, try SSE again this often. Default 30 000. */
  probeIntervalMs: number;
  /** Polling period. Default 2000. */
  pollIntervalMs: number;
  /** A poll (or bootstrap) request not answered in full within this fails (retried, the timeout named). Default 15 000. */
  pollTimeoutMs: number;
  backoff: BackoffOptions;
  resume: 'header' | 'query' | 'both';
  fetch?: FetchLike;
  /** Consecutive undecodable frames, before any success, that make the feed fatal. Default 5. */
  undecodableAfter: number;
  /** Resume from this id (a tab taking over a feed another tab was reading). Default: none. */
  initialCursor?: number | null;
}

export interface FeedStatusPatch {
  state?: ConnectionState;
  reason?: string | null;
  retryAt?: number | null;
  /** Why the view was last rebuilt from a snapshot the client did not ask for (kept until the next one). */
  lastReset?: string | null;
}


export interface FeedSink<E, S> {
  /** A new item, after dedupe (in id order; resets always pass). */
  item(item: FeedItem<E, S>): void;
  status(patch: FeedStatusPatch): void;
  malformed(id: number | null, error: Error): void;
  reconnect(): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

function isOffline(): boolean {
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
}

/** Run a feed until `signal` aborts or it fails fatally. Resolves when done. */
export async function runFeed<E, S>(endpoint: FeedEndpoint<E, S>, config: FeedConfig, sink: FeedSink<E, S>, signal: AbortSignal): Promise<void> {
  const backoff = new Backoff(config.backoff);
  /** The id of the last complete event seen (delivered, deduplicated or malformed). */
  let cursor: number | null = config.initialCursor ?? null;
  let decodedAny = false;
  let undecodableRun = 0;
  let firstError: string | null = null;
  let fatal: Failure | null = null;

  /** Set when the server's ids went back: the next connection starts without a cursor (a fresh snapshot). */
  let wentBack: { from: number; to: number } | null = null;

  const deliver = (item: FeedItem<E, S>): boolean => {
    if (item.type === 'reset') {
      // A snapshot while we held a position: the server no longer knew it. Say so. (One at our
      // own position replaces nothing we lacked.)
      if (cursor !== null && item.id !== null && item.id >= 0 && (item.id !== cursor || wentBack)) {
        const why = wentBack
          ? `the server's event ids went back (from ${wentBack.from} to ${wentBack.to}): it restarted or lost its state`
          : item.id < cursor
            ? `the server's event ids went back (from ${cursor} to ${item.id}): it restarted or lost its state`
            : `the server no longer had the events after id ${cursor}`;
        sink.status({ lastReset: `${why}; rebuilt from its snapshot at id ${item.id}` });
      } else if (wentBack) {
        sink.status({ lastReset: `the server's event ids went back (from ${wentBack.from} to ${wentBack.to}): it restarted or lost its state; rebuilt from its snapshot` });
      }
      wentBack = null;
      if (item.id !== null) cursor = item.id;
      sink.item(item);
      for (const e of item.unreadable ?? []) sink.malformed(null, e);
      return true;
    }
    if (cursor !== null && item.id < cursor) {
      // Ids only grow: a smaller one means the server started over. Never drop it silently.
      wentBack ??= { from: cursor, to: item.id };
      return false;
    }
    if (cursor !== null && item.id === cursor) return false; // duplicate
    cursor = item.id;
    sink.item(item);
    return true;
  };
  const noteMalformed = (id: number | null, error: Error) => {
    if (id !== null && (cursor === null || id > cursor)) cursor = id;
    sink.malformed(id, error);
    if (!decodedAny) {
      undecodableRun++;
      firstError ??= error.message;
      if (undecodableRun >= config.undecodableAfter) {
        fatal = { kind: 'fatal', reason: `the feed cannot be decoded (${undecodableRun} frames in a row): ${firstError}` };
      }
    }
  };
  const noteDecoded = () => {
    decodedAny = true;
    undecodableRun = 0;
  };

  const applyPoll = (r: PollResult<E, S>): number => {
    let n = 0;
    if (r.reset) {
      deliver({ type: 'reset', id: r.reset.id, snapshot: r.reset.snapshot, unreadable: r.reset.unreadable });
      n++;
    }
    // Merge good and malformed entries in id order so the cursor only moves forward.
    const all: ({ id: number | null; event?: E; error?: Error })[] = [...r.events, ...r.malformed];
    all.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
    for (const e of all) {
      if (e.error) noteMalformed(e.id, e.error);
      else if (deliver({ type: 'event', id: e.id!, event: e.event as E })) n++;
    }
    if (r.events.length || r.reset) noteDecoded();
    if (!r.more && (cursor === null || r.cursor > cursor) && !r.reset && r.events.length === 0 && r.malformed.length === 0 && cursor !== null) {
      // Nothing new but the server's sequence moved (e.g. ids skipped): keep in step.
      cursor = r.cursor;
    }
    return n;
  };

  /** One poll (or bootstrap). Returns null on success, 'more' when the server has more, or a Failure. */
  const poll = async (url: string): Promise<Failure | null | 'more' | 'aborted'> => {
    const r = await fetchJson({ url, headers: config.headers, credentials: config.credentials, fetch: config.fetch, signal, timeoutMs: config.pollTimeoutMs });
    if (!r.ok) return 'aborted' in r ? 'aborted' : r.failure;
    let decoded: PollResult<E, S>;
    try {
      decoded = endpoint.decoder.poll(r.json);
    } catch (err) {
      return { kind: 'fatal', reason: `undecodable response from ${url}: ${(err as Error).message}` };
    }
    applyPoll(decoded);
    if (wentBack) {
      cursor = null; // ask for a fresh snapshot
      return 'more';
    }
    return decoded.more ? 'more' : null;
  };

  const onMessage = (m: EventSourceMessage): Failure | void => {
    let id: number | null = null;
    if (m.id !== undefined && m.id !== '') {
      const n = Number(m.id);
      if (Number.isSafeInteger(n) && n >= 0) id = n;
    }
    try {
      const data = parseJson(m.data, `${m.event ?? 'message'} data`);
      const item = endpoint.decoder.event(m.event, data, id);
      noteDecoded();
      if (item) deliver(item);
      if (wentBack) return { kind: 'retry', reason: `the server's event ids went back (from ${wentBack.from} to ${wentBack.to}); asking for a fresh snapshot` };
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      if (m.event === 'reset') {
        // Never advance past a snapshot we could not read: reconnect from the same cursor.
        sink.malformed(id, err);
        undecodableRun++;
        if (undecodableRun >= config.undecodableAfter) return { kind: 'fatal', reason: `the feed's snapshot cannot be decoded: ${err.message}` };
        return { kind: 'retry', reason: `undecodable snapshot: ${err.message}` };
      }
      noteMalformed(id, err);
      if (fatal) return fatal;
    }
  };

  let mode: 'sse' | 'polling' = config.transport === 'polling' ? 'polling' : 'sse';
  let sseFailures = 0;
  let nextProbeAt = 0;
  let probing = false;
  let everConnected = false;
  let fallbackReason: string | null = null;

  const fail = (f: Failure) => sink.status({ state: 'error', reason: f.reason, retryAt: null });

  const wait = async (f: Failure, healthyForMs: number, prefix = '') => {
    const delay = backoff.next(healthyForMs, f.retryAfterMs ?? null);
    sink.status({
      state: f.status === undefined && isOffline() ? 'offline' : 'reconnecting',
      reason: `${prefix}${f.reason}; retrying in ${delay} ms`,
      retryAt: Date.now() + delay,
    });
    await sleep(delay, signal);
  };

  sink.status({ state: 'connecting', reason: null, retryAt: null });

  while (!signal.aborted) {
    if (mode === 'sse') {
      if (endpoint.bootstrapUrl && cursor === null) {
        const b = await poll(endpoint.bootstrapUrl);
        if (b === 'aborted') return;
        if (b !== null && b !== 'more') {
          if (b.kind === 'fatal') return fail(b);
          sink.reconnect();
          await wait(b, 0);
          continue;
        }
      }
      let delivered = 0;
      let firstByte = false;
      const outcome = await runSse(
        {
          url: endpoint.sseUrl,
          headers: config.headers,
          credentials: config.credentials,
          lastEventId: cursor !== null && cursor >= 0 ? cursor : null,
          resume: config.resume,
          heartbeatMs: config.heartbeatMs,
          maxFrameBytes: config.maxFrameBytes,
          firstByteTimeoutMs: config.firstByteTimeoutMs,
          fetch: config.fetch,
        },
        {
          onFirstByte() {
            firstByte = true;
            everConnected = true;
            probing = false;
            sink.status({ state: 'live', reason: null, retryAt: null });
          },
          onMessage(m) {
            const before = cursor;
            const r = onMessage(m);
            if (cursor !== before) delivered++;
            return r;
          },
          onRetry(ms) {
            backoff.serverRetryMs = ms;
          },
        },
        signal,
      );
      if (outcome.kind === 'aborted' || signal.aborted) return;
      if (fatal) return fail(fatal);
      if (outcome.kind === 'fatal') return fail(outcome);
      sink.reconnect();
      if (outcome.oversize) sink.malformed(null, new Error(outcome.reason));
      const healthyFor = outcome.openedAt ? Date.now() - outcome.openedAt : 0;
      if (wentBack) cursor = null; // the next connection starts fresh: the server sends its snapshot
      if (delivered > 0) sseFailures = 0;
      else sseFailures++;
      // Bytes stopped (not even a heartbeat) or never came while the connection stayed open:
      // a buffering proxy until shown otherwise. Poll at once; probe SSE again later.
      const buffering = outcome.silent || outcome.noFirstByte;
      if (config.transport === 'auto' && (outcome.silent || ((outcome.noFirstByte || probing || sseFailures >= config.fallbackAfter) && !(firstByte && delivered > 0)))) {
        mode = 'polling';
        probing = false;
        nextProbeAt = Date.now() + config.probeIntervalMs;
        fallbackReason = buffering
          ? `fell back to polling: ${BUFFERING_REASON} (${outcome.reason}) — turn buffering off for this path (nginx: proxy_buffering off), see ${PROXY_DOCS}`
          : `fell back to polling: ${outcome.reason}`;
        // The state says 'polling' once a poll answers (below), not on the switch: a backend
        // that also fails its polls would otherwise flap Reconnecting -> Polling -> Reconnecting,
        // and a status region announce each.
        sink.status({ reason: fallbackReason });
        continue;
      }
      // A connection that delivered events was healthy: reconnect fast (the server's retry: is
      // still the floor). Growth is for connections that fail without delivering.
      if (delivered > 0) backoff.reset();
      await wait(outcome, healthyFor);
    } else {
      const r = await poll(endpoint.pollUrl(cursor));
      if (r === 'aborted' || signal.aborted) return;
      if (fatal) return fail(fatal);
      if (r !== null && r !== 'more') {
        if (r.kind === 'fatal') return fail(r);
        sink.reconnect();
        await wait(r, 0, 'polling: ');
        continue;
      }
      backoff.reset();
      everConnected = true;
      sink.status({
        state: 'polling',
        reason: config.transport === 'polling' ? 'polling (configured)' : (fallbackReason ?? 'SSE unavailable; polling'),
        retryAt: null,
      });
      if (r === 'more') continue;
      if (config.transport === 'auto' && Date.now() >= nextProbeAt) {
        mode = 'sse';
        probing = true;
        continue;
      }
      const until = config.transport === 'auto' ? Math.min(config.pollIntervalMs, Math.max(0, nextProbeAt - Date.now())) : config.pollIntervalMs;
      await sleep(until, signal);
    }
  }
}
