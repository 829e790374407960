/**
 * Owns: the HTTP routes of Telltale's own protocols (docs/protocol.md) over a LiveState and a
 * set of LogStreams — the live protocol (`/live` SSE, `/live/status` polling, activity output)
 * and log streams (`/logs`, `/logs/{stream}` SSE, `/logs/{stream}/lines` polling). The server
 * around them decides how connections open (`ctx.open`: plain, or with faults) and who may ask.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamEvent } from './channel.js';
import { intParam, parseCursor, readCursor, sendJson, sendText, type Reply } from './http.js';
import type { LiveState } from './live.js';
import type { LogStreams } from './logs.js';
import type { SseConnection } from './sse.js';

const POLL_LIMIT = 1000;
/** The largest `?tail=` / `limit` the log routes accept (docs/protocol.md). */
const MAX_LOG_PAGE = 5000;

export interface RouteCtx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  reply: Reply;
  /** Open an SSE response for stream `key` (`live`, `logs/<id>`). */
  open(key: string, primaryEvent: string | undefined): SseConnection;
}

export interface Feeds {
  live?: LiveState;
  logs?: LogStreams;
}

const json = (ctx: RouteCtx, status: number, body: unknown): void => sendJson(ctx.res, status, body, ctx.reply);

function parseData(e: StreamEvent): unknown {
  try {
    return JSON.parse(e.data);
  } catch {
    return e.data; // injected hostile input: handed back as the string it is
  }
}

/**
 * Serve `segments` (the path below the base, decoded) when it is a `live` or `logs` route of
 * a configured feed. Returns false for anything else (the caller goes on: static files, 404).
 */
export function protocolRoute(ctx: RouteCtx, segments: string[], feeds: Feeds): boolean {
  const [a, b, c, d, e] = segments;
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD') return false;
  if (a === 'live' && feeds.live) {
    if (segments.length === 1) {
      liveSse(ctx, feeds.live);
      return true;
    }
    if (b === 'status' && segments.length === 2) {
      liveStatus(ctx, feeds.live);
      return true;
    }
    if (b === 'activities' && d === 'output' && segments.length === 5) {
      liveOutput(ctx, feeds.live, c!, e!);
      return true;
    }
  }
  if (a === 'logs' && feeds.logs) {
    if (segments.length === 1) {
      logList(ctx, feeds.logs);
      return true;
    }
    if (segments.length === 2) {
      logSse(ctx, feeds.logs, b!);
      return true;
    }
    if (segments.length === 3 && c === 'lines') {
      logLines(ctx, feeds.logs, b!);
      return true;
    }
  }
  return false;
}

// ── live ──────────────────────────────────────────────────────────────────────────────

export function liveSse(ctx: RouteCtx, live: LiveState): void {
  const cursor = readCursor(ctx.req, ctx.url);
  const conn = ctx.open('live', 'activity');
  const replay = cursor === null ? null : live.channel.since(cursor);
  if (replay === null) {
    conn.sendEvent({ id: live.channel.lastId, event: 'reset', data: JSON.stringify(live.snapshot()) });
  } else {
    for (const e of replay) conn.sendEvent(e);
  }
  conn.follow(live.channel);
}

export function liveStatus(ctx: RouteCtx, live: LiveState): void {
  const since = parseCursor(ctx.url.searchParams.get('since'));
  const limit = intParam(ctx.url, 'limit', POLL_LIMIT, 1, 10_000);
  const events = since === null ? null : live.channel.since(since, limit + 1);
  if (events === null) {
    json(ctx, 200, { lastId: live.channel.lastId, reset: live.snapshot() });
    return;
  }
  const more = events.length > limit;
  const page = events.slice(0, limit);
  json(ctx, 200, {
    // The cursor to send next: the last event included here.
    lastId: more ? page[page.length - 1]!.id : live.channel.lastId,
    events: page.map((e) => ({ id: e.id, event: e.event, data: parseData(e) })),
    ...(more ? { more: true } : {}),
  });
}

export function liveOutput(ctx: RouteCtx, live: LiveState, id: string, which: string): void {
  if ((which !== 'stdout' && which !== 'stderr') || !live.activities.has(id)) {
    json(ctx, 404, { error: `no ${which} for activity ${id}` });
    return;
  }
  sendText(ctx.res, 200, live.output(id, which) ?? '', 'text/plain; charset=utf-8', ctx.reply);
}

// ── logs ──────────────────────────────────────────────────────────────────────────────

/** The 404's words for a stream that is not there: which ones are (a viewer asked for a name it guessed). */
function noStream(logs: LogStreams, stream: string): string {
  const ids = logs.list().map((s) => s.id);
  const shown = ids.length > 12 ? [...ids.slice(0, 12), `… (${ids.length} in all)`] : ids;
  return `no log stream ${stream}: ${ids.length ? `the streams here are ${shown.join(', ')}` : 'there is no log stream here yet'} (GET /logs lists them)`;
}

export function logList(ctx: RouteCtx, logs: LogStreams): void {
  json(ctx, 200, { streams: logs.list() });
}

export function logSse(ctx: RouteCtx, logs: LogStreams, stream: string): void {
  const channel = logs.channel(stream);
  if (!channel) {
    json(ctx, 404, { error: noStream(logs, stream) });
    return;
  }
  const cursor = readCursor(ctx.req, ctx.url);
  const tail = intParam(ctx.url, 'tail', 1000, 0, MAX_LOG_PAGE);
  const conn = ctx.open(`logs/${stream}`, 'line');
  if (cursor === null) {
    for (const e of channel.tail(tail)) conn.sendEvent(e);
  } else if (cursor > channel.lastId) {
    // The viewer knows ids we never issued (we lost our state): it must drop its lines.
    conn.sendEvent({ id: channel.lastId, event: 'reset', data: JSON.stringify({ lastId: channel.lastId }) });
    for (const e of channel.tail(tail)) conn.sendEvent(e);
  } else {
    const replay = channel.since(cursor);
    if (replay === null) {
      conn.sendRaw(`event: truncated\ndata: ${JSON.stringify({ from: cursor + 1, to: channel.firstId - 1 })}\n\n`);
      for (const e of channel.since(channel.firstId - 1) ?? []) conn.sendEvent(e);
    } else {
      for (const e of replay) conn.sendEvent(e);
    }
  }
  conn.follow(channel);
}

export function logLines(ctx: RouteCtx, logs: LogStreams, stream: string): void {
  const channel = logs.channel(stream);
  if (!channel) {
    json(ctx, 404, { error: noStream(logs, stream) });
    return;
  }
  const since = parseCursor(ctx.url.searchParams.get('since'));
  const limit = intParam(ctx.url, 'limit', 1000, 1, MAX_LOG_PAGE);
  const body: Record<string, unknown> = {};
  let events: StreamEvent[];
  if (since === null) {
    events = channel.tail(limit);
  } else if (since > channel.lastId) {
    body.reset = true;
    events = channel.tail(limit);
  } else {
    let from = since;
    if (since < channel.firstId - 1) {
      body.truncated = { from: since + 1, to: channel.firstId - 1 };
      from = channel.firstId - 1;
    }
    events = channel.since(from, limit + 1) ?? [];
    if (events.length > limit) {
      events = events.slice(0, limit);
      body.more = true;
    }
  }
  const lastId = body.more ? events[events.length - 1]!.id : channel.lastId;
  json(ctx, 200, { lastId, lines: events.map(parseData), ...body });
}
