/**
 * Seed 001's task feed (SSE + status), simulated by the reference server. Telltale's own
 * protocols (live, logs) are served by the core, src/server/routes.ts. See docs/protocol.md.
 */
import { parseCursor, readCursor } from '../../../src/server/http.js';
import { type Ctx, json } from './context.js';

// ── seed 001 task feed ────────────────────────────────────────────────────────────────

export function taskSse(ctx: Ctx): void {
  const { world } = ctx;
  const cursor = readCursor(ctx.req, ctx.url);
  const conn = ctx.open('tasks', undefined);
  const replay = cursor === null ? null : world.tasksChannel.since(cursor);
  if (replay === null) {
    const { last_id, active_tasks, recent_events } = world.tasks.status(null);
    conn.sendEvent({ id: last_id, event: 'reset', data: JSON.stringify({ last_id, active_tasks, recent_events }) });
  } else {
    for (const e of replay) conn.sendEvent(e);
  }
  conn.follow(world.tasksChannel);
}

export function taskStatus(ctx: Ctx): void {
  const since = parseCursor(ctx.url.searchParams.get('since'));
  json(ctx, 200, ctx.world.tasks.status(since));
}
