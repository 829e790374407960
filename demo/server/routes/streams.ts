/**
 * Telltale's own protocols: the live protocol (SSE + polling + action output), log streams
 * (list, SSE, polling) and seed 001's task feed (SSE + status). See docs/protocol.md.
 */
import type { StreamEvent } from '../channel.js';
import { intParam, parseCursor, readCursor, sendText } from '../http.js';
import { LOG_RING } from '../simulator/logs.js';
import { type Ctx, follow, json, openSse } from './context.js';

const POLL_LIMIT = 1000;

function parseData(e: StreamEvent): unknown {
  try {
    return JSON.parse(e.data);
  } catch {
    return e.data; // injected hostile input: handed back as the string it is
  }
}

// ── live ──────────────────────────────────────────────────────────────────────────────

export function liveSse(ctx: Ctx): void {
  const { world } = ctx;
  const cursor = readCursor(ctx.req, ctx.url);
  const conn = openSse(ctx, 'live', 'activity');
  const replay = cursor === null ? null : world.live.since(cursor);
  if (replay === null) {
    conn.sendEvent({ id: world.live.lastId, event: 'reset', data: JSON.stringify(world.state.snapshot()) });
  } else {
    for (const e of replay) conn.sendEvent(e);
  }
  follow(conn, world.live, ctx);
}

export function liveStatus(ctx: Ctx): void {
  const { world } = ctx;
  const since = parseCursor(ctx.url.searchParams.get('since'));
  const limit = intParam(ctx.url, 'limit', POLL_LIMIT, 1, 10_000);
  const events = since === null ? null : world.live.since(since, limit + 1);
  if (events === null) {
    json(ctx, 200, { lastId: world.live.lastId, reset: world.state.snapshot() });
    return;
  }
  const more = events.length > limit;
  const page = events.slice(0, limit);
  json(ctx, 200, {
    // The cursor to send next: the last event included here.
    lastId: more ? page[page.length - 1]!.id : world.live.lastId,
    events: page.map((e) => ({ id: e.id, event: e.event, data: parseData(e) })),
    ...(more ? { more: true } : {}),
  });
}

export function liveOutput(ctx: Ctx, id: string, which: string): void {
  const { world } = ctx;
  if ((which !== 'stdout' && which !== 'stderr') || !world.state.activities.has(id)) {
    json(ctx, 404, { error: `no ${which} for activity ${id}` });
    return;
  }
  sendText(ctx.res, 200, world.cluster.output(id, which) ?? '', 'text/plain; charset=utf-8', ctx.reply);
}

// ── logs ──────────────────────────────────────────────────────────────────────────────

export function logList(ctx: Ctx): void {
  json(ctx, 200, { streams: ctx.world.logs.list() });
}

export function logSse(ctx: Ctx, stream: string): void {
  const channel = ctx.world.logs.channel(stream);
  if (!channel) {
    json(ctx, 404, { error: `no log stream ${stream}` });
    return;
  }
  const cursor = readCursor(ctx.req, ctx.url);
  const tail = intParam(ctx.url, 'tail', 1000, 0, LOG_RING);
  const conn = openSse(ctx, `logs/${stream}`, 'line');
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
  follow(conn, channel, ctx);
}

export function logLines(ctx: Ctx, stream: string): void {
  const channel = ctx.world.logs.channel(stream);
  if (!channel) {
    json(ctx, 404, { error: `no log stream ${stream}` });
    return;
  }
  const since = parseCursor(ctx.url.searchParams.get('since'));
  const limit = intParam(ctx.url, 'limit', 1000, 1, LOG_RING);
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

// ── seed 001 task feed ────────────────────────────────────────────────────────────────

export function taskSse(ctx: Ctx): void {
  const { world } = ctx;
  const cursor = readCursor(ctx.req, ctx.url);
  const conn = openSse(ctx, 'tasks', undefined);
  const replay = cursor === null ? null : world.tasksChannel.since(cursor);
  if (replay === null) {
    const { last_id, active_tasks, recent_events } = world.tasks.status(null);
    conn.sendEvent({ id: last_id, event: 'reset', data: JSON.stringify({ last_id, active_tasks, recent_events }) });
  } else {
    for (const e of replay) conn.sendEvent(e);
  }
  follow(conn, world.tasksChannel, ctx);
}

export function taskStatus(ctx: Ctx): void {
  const since = parseCursor(ctx.url.searchParams.get('since'));
  json(ctx, 200, ctx.world.tasks.status(since));
}
