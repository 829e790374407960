/** What a route handler gets: the request, its world, and helpers bound to both. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Channel, ChannelMessage } from '../channel.js';
import { sendJson, type Reply } from '../http.js';
import { SseConnection } from '../sse.js';
import type { World } from '../world.js';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  world: World;
  /** Path below the world's base, e.g. `/live/status`. */
  path: string;
  /** Path segments, each URI-decoded. */
  segments: string[];
  reply: Reply;
}

export function json(ctx: Ctx, status: number, body: unknown, extra?: Record<string, string>): void {
  sendJson(ctx.res, status, body, ctx.reply, extra);
}

/** Open an SSE response on `key`, counted in the world's stats and dropped on restart. */
export function openSse(ctx: Ctx, key: string, primaryEvent: string | undefined): SseConnection {
  const { world } = ctx;
  world.opened[key] = (world.opened[key] ?? 0) + 1;
  const conn: SseConnection = new SseConnection(
    key,
    ctx.res,
    ctx.req,
    {
      faults: world.faults,
      heartbeatMs: world.heartbeatMs,
      headers: ctx.reply.headers,
      randomInt: (a, b) => world.faultRng.int(a, b),
    },
    primaryEvent,
    () => world.connections.delete(conn),
  );
  world.connections.add(conn);
  return conn;
}

/** Forward a channel's live messages to a connection until it closes. */
export function follow(conn: SseConnection, channel: Channel, ctx: Ctx): void {
  const off = channel.subscribe((m: ChannelMessage) => (m.type === 'event' ? conn.sendEvent(m.event) : conn.sendRaw(m.bytes)));
  ctx.res.on('close', off);
}
