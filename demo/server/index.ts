/**
 * The Telltale reference server: one node:http server (no framework, so SSE framing and
 * faults stay fully under our control), a root world running in real time, and sandboxes.
 * The protocol itself (rings, SSE writer, live/logs routes, static files) is the library's
 * server core, src/server/; what is here is simulation, fault injection and the test API.
 * `createServer` is what tests use; `main.ts` is the CLI.
 */
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { SSE_ONLY, type FaultSpec } from './faults.js';
import { CORS_ANY, HttpError, pathSegments, preflight, readJsonObject, sendJson, type Reply } from '../../src/server/http.js';
import { protocolRoute } from '../../src/server/routes.js';
import { serveStatic } from '../../src/server/static.js';
import { adminRoute } from './routes/admin.js';
import { aglRoute, aglSeedRoute } from './routes/agl.js';
import { openSse, type Ctx } from './routes/context.js';
import { PLACEHOLDER } from './routes/placeholder.js';
import { taskSse, taskStatus } from './routes/streams.js';
import { Sandboxes } from './sandboxes.js';
import type { Rates } from './simulator/types.js';
import { World, type WorldOptions } from './world.js';

export interface ServerOptions {
  port?: number;
  host?: string;
  seed?: number;
  workers?: number;
  rates?: Partial<Rates>;
  heartbeatMs?: number;
  /** CORS for the Agent-lightning routes: an origin, `*`, or off (default, like the real server). */
  corsOrigin?: string | null;
  /** Directory of the built dashboard; default `demo-dist/` when it exists. */
  staticDir?: string | null;
  /** Start the root world paused (tests). */
  paused?: boolean;
  startTime?: number;
  warmupMs?: number;
  faults?: FaultSpec[];
  /** Idle time after which a sandbox is dropped. */
  sandboxIdleMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  root: World;
  close(): Promise<void>;
}

/** The fault/statistics key of a route, or null for routes faults never touch. */
function routeKey(segments: string[]): { key: string | null; label: string } {
  const [a, b, c, d] = segments;
  if (a === 'live') {
    if (segments.length === 1) return { key: 'live', label: '/live' };
    if (b === 'status') return { key: 'live/status', label: '/live/status' };
    return { key: 'live/output', label: '/live/activities/{id}/output/{which}' };
  }
  if (a === 'logs') {
    if (segments.length === 1) return { key: 'logs', label: '/logs' };
    if (c === 'lines') return { key: `logs/${b}/lines`, label: '/logs/{stream}/lines' };
    return { key: `logs/${b}`, label: '/logs/{stream}' };
  }
  if (a === 'api' && b === 'dashboard' && c === 'live') {
    return d === 'status' ? { key: 'tasks/status', label: '/api/dashboard/live/status' } : { key: 'tasks', label: '/api/dashboard/live' };
  }
  if (a === 'v1' && b === 'agl') return { key: 'agl', label: `/v1/agl/${segments.slice(2, 3).join('/')}` };
  if (a === 'agl-seed') return { key: 'agl-seed', label: `/agl-seed/${segments.slice(1, 2).join('/')}` };
  return { key: null, label: 'static' };
}

const isSseKey = (key: string): boolean => key === 'live' || key === 'tasks' || /^logs\/[^/]+$/.test(key);

export async function createServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const staticDir =
    options.staticDir === undefined ? (existsSync(resolve('demo-dist')) ? resolve('demo-dist') : null) : options.staticDir && resolve(options.staticDir);
  const root = new World({
    seed: options.seed ?? 1,
    workers: options.workers,
    rates: options.rates,
    heartbeatMs: options.heartbeatMs,
    paused: options.paused,
    startTime: options.startTime,
    warmupMs: options.warmupMs,
  });
  for (const f of options.faults ?? []) root.faults.add(f);
  const sandboxes = new Sandboxes(options.sandboxIdleMs);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let segments: string[];
    try {
      segments = pathSegments(url);
    } catch (e) {
      const err = e as HttpError;
      sendJson(res, err.status, err.body, { headers: {} });
      return;
    }

    // Root-only: create sandboxes.
    if (segments[0] === 'admin' && segments[1] === 'sandboxes' && segments.length === 2) {
      if (req.method === 'OPTIONS') return preflight(res, CORS_ANY);
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { headers: CORS_ANY });
      const body = await readJsonObject(req);
      const { id } = sandboxes.create(sandboxOptions(body));
      return sendJson(res, 201, { id, base: `/sandboxes/${id}` }, { headers: CORS_ANY });
    }

    let world = root;
    let base = '';
    if (segments[0] === 'sandboxes' && segments[1]) {
      const sb = sandboxes.get(segments[1]);
      if (!sb) {
        if (req.method === 'OPTIONS') return preflight(res, CORS_ANY);
        return sendJson(res, 404, { error: `no sandbox ${segments[1]}` }, { headers: CORS_ANY });
      }
      if (segments.length === 2 && req.method === 'DELETE') {
        sandboxes.drop(segments[1]);
        return sendJson(res, 200, { deleted: segments[1] }, { headers: CORS_ANY });
      }
      world = sb;
      base = `/sandboxes/${segments[1]}`;
      segments = segments.slice(2);
    }

    const { key, label } = routeKey(segments);
    const isAdmin = segments[0] === 'admin';
    const isAgl = key === 'agl' || key === 'agl-seed';
    // Telltale's feeds and the test API are meant to be embedded anywhere: CORS always. The
    // Agent-lightning routes copy the real server: off unless asked (flag, or a cors sandbox).
    const aglOrigin = world.cors ? '*' : world === root ? (options.corsOrigin ?? null) : null;
    const headers = isAgl ? (aglOrigin ? { ...CORS_ANY, 'Access-Control-Allow-Origin': aglOrigin, Vary: 'Origin' } : {}) : CORS_ANY;
    const reply: Reply = { headers };
    const path = '/' + segments.join('/');
    const ctx: Ctx = { req, res, url, world, path, segments, reply, open: (k, primary) => openSse(ctx, k, primary) };
    world.countRequest(`${req.method} ${isAdmin ? `/admin/${segments[1] ?? ''}` : label}`);

    if (req.method === 'OPTIONS') {
      if (isAgl && !aglOrigin) return sendJson(res, 405, { detail: 'Method Not Allowed' }, { headers: {} });
      return preflight(res, headers);
    }
    if (isAdmin) return adminRoute(ctx, segments.slice(1).join('/'));

    // Request-level faults: an injected status, a wrong content type.
    if (key) {
      const status = world.faults.find('status', key);
      if (status) {
        world.faults.consume(status);
        const extra: Record<string, string> = status.retryAfter !== undefined ? { 'Retry-After': String(status.retryAfter) } : {};
        return sendJson(res, status.status!, { error: 'injected fault', status: status.status }, reply, extra);
      }
      if (!isSseKey(key)) {
        const ct = world.faults.find('contentType', key);
        if (ct) {
          world.faults.consume(ct);
          reply.contentType = ct.value ?? 'text/html';
        }
      }
    }

    const [a, b, c, d] = segments;
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (protocolRoute(ctx, segments, { live: world.state, logs: world.logs.streams })) return;
    if (a === 'api' && b === 'dashboard' && c === 'live' && get) {
      if (segments.length === 3) return taskSse(ctx);
      if (segments.length === 4 && d === 'status') return taskStatus(ctx);
    }
    // The dashboard asks every server whether it is a relay (demo/app/relay-hint.ts): a plain
    // "no" here, not a 404 in the console (nor, without demo-dist/, a text/plain one).
    if (a === 'relay' && b === 'info' && segments.length === 2 && get) return sendJson(res, 200, { relay: false }, reply);
    if (key === 'agl') return aglRoute(ctx, segments.slice(2));
    if (key === 'agl-seed') return aglSeedRoute(ctx, segments.slice(1));
    if (key) return sendJson(res, 404, { error: 'not found' }, reply);
    if (base) return sendJson(res, 404, { error: 'not found' }, reply);
    return serveStatic({ req, res, path, headers }, staticDir, PLACEHOLDER);
  }

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) sendJson(res, err.status, err.body, { headers: CORS_ANY });
      else {
        console.error(err);
        sendJson(res, 500, { error: 'internal error' }, { headers: CORS_ANY });
      }
    });
  });
  // SSE connections are long-lived: no request timeout; keep-alive for polling.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 10_000;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    root,
    close: () =>
      new Promise<void>((done) => {
        root.close();
        sandboxes.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Validate a sandbox body (all optional). */
function sandboxOptions(body: Record<string, unknown>): WorldOptions {
  const num = (k: string, min: number, max: number): number | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new HttpError(400, { error: `${k} must be a number in [${min}, ${max}]` });
    return v;
  };
  const bool = (k: string): boolean | undefined => {
    const v = body[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw new HttpError(400, { error: `${k} must be a boolean` });
    return v;
  };
  let rates: Partial<Rates> | undefined;
  if (body.rates !== undefined) {
    if (!body.rates || typeof body.rates !== 'object') throw new HttpError(400, { error: 'rates must be an object' });
    rates = {};
    for (const [k, v] of Object.entries(body.rates as Record<string, unknown>)) {
      if (!['activities', 'logLines', 'tasks', 'rollouts', 'resourcesEverySec'].includes(k)) throw new HttpError(400, { error: `unknown rate ${k}` });
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 10_000) throw new HttpError(400, { error: `rates.${k} must be a number in [0, 10000]` });
      (rates as Record<string, number>)[k] = k === 'resourcesEverySec' ? Math.max(1, v) : v;
    }
  }
  return {
    seed: num('seed', 0, 2 ** 32 - 1),
    paused: bool('paused'),
    startTime: num('startTime', 0, 8.64e15),
    workers: num('workers', 1, 64),
    heartbeatMs: num('heartbeatMs', 50, 60_000),
    warmupMs: num('warmupMs', 0, 600_000),
    historySize: num('historySize', 10, 10_000),
    cors: bool('cors'),
    rates,
  };
}
