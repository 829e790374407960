/** The reference server's test API for one world: step, pause, inject, faults, restart, stats. */
import { ENTITY_KINDS, type EntityKind } from '../../../src/streams/models.js';
import { FaultError, type FaultSpec } from '../faults.js';
import { HttpError, readJsonObject } from '../../../src/server/http.js';
import { type Ctx, json } from './context.js';

export async function adminRoute(ctx: Ctx, action: string): Promise<void> {
  const { world } = ctx;
  const method = ctx.req.method;
  if (method === 'GET' && action === 'stats') return json(ctx, 200, world.stats());
  if (method === 'GET' && action === 'faults') return json(ctx, 200, { faults: world.faults.all() });
  if (method === 'DELETE' && action === 'faults') {
    world.faults.clear();
    return json(ctx, 200, { faults: [] });
  }
  if (method !== 'POST') return json(ctx, 405, { error: 'method not allowed' });
  const body = await readJsonObject(ctx.req);
  switch (action) {
    case 'step': {
      const ms = body.ms ?? 1000;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new HttpError(400, { error: 'ms must be a non-negative number' });
      world.advance(ms);
      return json(ctx, 200, { now: world.now, lastEventId: (world.stats() as { lastEventId: unknown }).lastEventId });
    }
    case 'pause':
      world.pause();
      return json(ctx, 200, { paused: true, now: world.now });
    case 'resume':
      world.resume();
      return json(ctx, 200, { paused: false, now: world.now });
    case 'restart':
      return json(ctx, 200, { dropped: world.restart() });
    case 'faults':
      try {
        return json(ctx, 201, { fault: world.faults.add(body as unknown as FaultSpec) });
      } catch (e) {
        if (e instanceof FaultError) throw new HttpError(400, { error: e.message });
        throw e;
      }
    case 'inject':
      return json(ctx, 200, inject(ctx, body));
    default:
      return json(ctx, 404, { error: `no admin action ${action}` });
  }
}

/** Append exactly what was given to one stream (see docs/protocol.md, "inject"). */
function inject(ctx: Ctx, body: Record<string, unknown>): { id: number | null } {
  const { world } = ctx;
  const stream = body.stream;
  if (typeof stream !== 'string') throw new HttpError(400, { error: 'stream is required ("live", "tasks" or "logs/<id>")' });
  const channel =
    stream === 'live' ? world.live : stream === 'tasks' ? world.tasksChannel : stream.startsWith('logs/') ? world.logs.channel(stream.slice(5)) : undefined;
  if (!channel) throw new HttpError(404, { error: `no stream ${stream}` });
  if (typeof body.raw === 'string') {
    channel.broadcastRaw(body.raw);
    return { id: null };
  }
  if (stream.startsWith('logs/')) {
    if (!body.line || typeof body.line !== 'object') throw new HttpError(400, { error: 'line (object) or raw (string) is required' });
    return { id: world.logs.inject(stream.slice(5), body.line as object)!.id };
  }
  if (!('data' in body)) throw new HttpError(400, { error: 'data or raw is required' });
  if (stream === 'tasks') {
    if (typeof body.data === 'string') return { id: channel.append(undefined, body.data).id };
    world.tasks.inject((body.data ?? {}) as object);
    return { id: channel.lastId };
  }
  const event = typeof body.event === 'string' ? body.event : 'activity';
  const data = body.data as { id?: unknown } | string;
  // Entity upserts also update the snapshot, so a later `reset` agrees with the stream.
  if (typeof data === 'object' && data && typeof data.id === 'string' && (ENTITY_KINDS as readonly string[]).includes(event)) {
    world.state.upsert(event as EntityKind, data as never);
    return { id: channel.lastId };
  }
  if (event === 'remove' && typeof data === 'object' && data) {
    const { kind, id } = data as { kind?: string; id?: string };
    if ((ENTITY_KINDS as readonly string[]).includes(kind ?? '') && typeof id === 'string') {
      ({ activity: world.state.activities, worker: world.state.workers, store: world.state.stores, client: world.state.clients })[
        kind as EntityKind
      ].delete(id);
    }
  }
  return { id: channel.append(event, typeof data === 'string' ? data : JSON.stringify(data)).id };
}
