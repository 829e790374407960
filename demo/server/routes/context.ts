/** What a route handler gets: the request, its world, and helpers bound to both. */
import { sendJson } from '../../../src/server/http.js';
import type { RouteCtx } from '../../../src/server/routes.js';
import { FaultySseConnection } from '../sse.js';
import type { World } from '../world.js';

/** The core's route context (src/server/routes.ts) plus the world it runs in. */
export interface Ctx extends RouteCtx {
  world: World;
  /** Path below the world's base, e.g. `/live/status`. */
  path: string;
  /** Path segments, each URI-decoded. */
  segments: string[];
}

export function json(ctx: Ctx, status: number, body: unknown, extra?: Record<string, string>): void {
  sendJson(ctx.res, status, body, ctx.reply, extra);
}

/** Open an SSE response on `key`, counted in the world's stats and dropped on restart. */
export function openSse(ctx: Omit<Ctx, 'open'>, key: string, primaryEvent: string | undefined): FaultySseConnection {
  const { world } = ctx;
  world.opened[key] = (world.opened[key] ?? 0) + 1;
  const conn: FaultySseConnection = new FaultySseConnection(
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
