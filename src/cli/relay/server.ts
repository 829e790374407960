/**
 * The relay's HTTP face, on the server core (src/server): the log and live protocols, the
 * built dashboard, `/relay/info`, and who may ask — loopback by default; elsewhere only with
 * a token (`Authorization: Bearer`, or the cookie `/?token=…` sets for a browser) or an
 * explicit `--no-auth`; CORS only for `--allow-origin` origins. API paths it does not serve get a
 * JSON 404 saying what would feed them (not-served.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, pathSegments, sendJson, type Reply } from '../../server/http.js';
import type { LiveState } from '../../server/live.js';
import type { LogStreams } from '../../server/logs.js';
import { protocolRoute, type RouteCtx } from '../../server/routes.js';
import { SseConnection } from '../../server/sse.js';
import { serveStatic } from '../../server/static.js';
import { asksForData, isApiPath, notServed, type ServedInfo } from './not-served.js';

export interface HttpOptions {
  host: string;
  port: number;
  token?: string;
  allowOrigins: string[];
  staticDir: string | null;
  heartbeatMs: number;
  /** Per-viewer bound of unsent bytes (the core's default when absent). */
  maxBuffered?: number;
  logs: LogStreams;
  live: LiveState;
  /**
   * False when no source feeds /live (a logs-only relay): /live then answers the JSON 404 naming
   * the sources that fill it, not an empty cluster ("No workers registered yet") shown as if true.
   */
  liveFed?: boolean;
  /** `/relay/info`'s body. */
  info(): unknown;
  /** Other systems served as they are (`--agl`, `--tasks`): each answers its own paths. */
  upstreams?: { handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean> }[];
}

export interface RelayHttp {
  server: Server;
  url: string;
  port: number;
  connections: Set<SseConnection>;
  close(): Promise<void>;
}

const COOKIE = 'telltale_token';

const PAGE = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
code{background:#f2f4f7;padding:.1em .3em;border-radius:4px}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}code{background:#262c36}}</style>
</head><body>${body}</body></html>
`;

const UNAUTHORIZED_PAGE = PAGE(
  'Telltale relay: token needed',
  `<h1>This relay needs a token</h1>
<p>It was started with <code>--token</code>, and this browser has not sent it (or sent a wrong one).</p>
<p>Open this address once with the token: <code>/?token=YOUR_TOKEN</code>. The relay then keeps it
in a cookie for this browser only, and the dashboard works as usual.</p>
<p>Programs send it as a header: <code>Authorization: Bearer YOUR_TOKEN</code>, e.g.
<code>telltale tail --token YOUR_TOKEN http://HOST:PORT/logs/NAME</code>.</p>`,
);

const NO_DASHBOARD_PAGE = PAGE(
  'Telltale relay',
  `<h1>Telltale relay</h1>
<p>The relay is running, but the dashboard is not built here. In a checkout, run <code>node scripts/build-demo.mjs</code>
(or <code>npm start</code> once; either writes <code>demo-dist/</code>), or pass <code>--static DIR</code>.</p>
<p>The streams are live already: <a href="logs">logs</a> (the list), <code>curl -N …/logs/NAME</code> (SSE),
<a href="relay/info">relay/info</a> (sources and their state).</p>`,
);

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | null {
  const raw = req.headers.cookie ?? '';
  for (const part of raw.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

export async function startHttp(o: HttpOptions): Promise<RelayHttp> {
  const connections = new Set<SseConnection>();
  const allowAny = o.allowOrigins.includes('*');

  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !(allowAny || o.allowOrigins.includes(origin))) return {};
    return {
      'Access-Control-Allow-Origin': allowAny ? '*' : origin,
      'Access-Control-Expose-Headers': 'Retry-After, Content-Type',
      ...(allowAny ? {} : { Vary: 'Origin' }),
    };
  }

  function authorized(req: IncomingMessage): boolean {
    if (!o.token) return true;
    const h = req.headers.authorization;
    if (h && /^Bearer\s+/i.test(h) && safeEqual(h.replace(/^Bearer\s+/i, '').trim(), o.token)) return true;
    const c = cookieToken(req);
    return c !== null && safeEqual(c, o.token);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://relay');
    const segments = pathSegments(url);
    const headers = corsHeaders(req);
    const reply: Reply = { headers };
    if (req.method === 'OPTIONS') {
      // Preflights carry no credentials: answered for allowed origins only, without a token.
      if (!headers['Access-Control-Allow-Origin']) return sendJson(res, 403, { error: 'origin not allowed (start the relay with --allow-origin ORIGIN)' }, { headers: {} });
      res.writeHead(204, {
        ...headers,
        'Access-Control-Allow-Methods': 'GET, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Last-Event-ID, Cache-Control, Content-Type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    // A browser brings the token once in the address; it becomes a cookie for this origin.
    const given = url.searchParams.get('token');
    if (o.token && given !== null && (req.method === 'GET' || req.method === 'HEAD') && safeEqual(given, o.token)) {
      url.searchParams.delete('token');
      res.writeHead(303, {
        'Set-Cookie': `${COOKIE}=${encodeURIComponent(o.token)}; Path=/; HttpOnly; SameSite=Strict`,
        Location: url.pathname + (url.search || ''),
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (!authorized(req)) {
      const wantsHtml = (req.headers.accept ?? '').includes('text/html');
      const extra = { 'WWW-Authenticate': 'Bearer realm="telltale relay"', 'Cache-Control': 'no-store' };
      if (wantsHtml) {
        res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', ...headers, ...extra }).end(UNAUTHORIZED_PAGE);
        return;
      }
      const why = req.headers.authorization ? 'wrong token' : 'a token is needed';
      return sendJson(res, 401, { error: `${why}: send Authorization: Bearer <token> (this relay was started with --token)` }, reply, extra);
    }
    if (segments[0] === 'relay' && segments[1] === 'info' && segments.length === 2) return sendJson(res, 200, o.info(), reply);
    const ctx: RouteCtx = {
      req,
      res,
      url,
      reply,
      open: (key) => {
        const conn: SseConnection = new SseConnection(res, req, { key, heartbeatMs: o.heartbeatMs, headers, maxBuffered: o.maxBuffered }, () =>
          connections.delete(conn),
        );
        connections.add(conn);
        return conn;
      },
    };
    if (protocolRoute(ctx, segments, { logs: o.logs, live: o.liveFed === false ? undefined : o.live })) return;
    for (const u of o.upstreams ?? []) if (await u.handle(req, res, url)) return;
    // An API path nobody answered, or a program asking a page path for data (rollout-table's
    // seed route /rollouts is also the dashboard's Rollouts page): JSON saying what is missing.
    if (isApiPath(segments) || asksForData(req, url)) return sendJson(res, 404, { error: notServed(segments, o.info() as Partial<ServedInfo>) }, reply);
    return serveStatic({ req, res, path: '/' + segments.join('/'), headers }, o.staticDir, NO_DASHBOARD_PAGE);
  }

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) sendJson(res, err.status, err.body, { headers: {} });
      else {
        console.error(err);
        sendJson(res, 500, { error: 'internal error' }, { headers: {} });
      }
    });
  });
  server.requestTimeout = 0;
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(o.port, o.host, () => {
      server.off('error', fail);
      done();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shown = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    server,
    url: `http://${shown}:${port}`,
    port,
    connections,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
