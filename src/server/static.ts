/**
 * Owns: static serving of a built dashboard directory (`demo-dist/`): content types, caching,
 * path confinement, the client-side routes' shell; without a directory, a placeholder page
 * the server supplies (saying how to build the dashboard).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Folders whose file names carry a content hash (Vite's assets, the split bundle's chunks). */
const HASHED_DIRS = [`assets${sep}`, `bundle${sep}chunks${sep}`];

/** If-Modified-Since at or after the file's time (HTTP dates have whole seconds). */
function notModifiedSince(header: string | undefined, mtime: Date): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}

export interface StaticRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** Path below the server's base, e.g. `/assets/app.js`. */
  path: string;
  /** Headers added to every answer (CORS). */
  headers: Record<string, string>;
}

/** Serve `path` from `dir`; with no `dir`, `placeholder` (HTML) at `/`. */
export async function serveStatic(ctx: StaticRequest, dir: string | null, placeholder: string): Promise<void> {
  const { res, headers } = ctx;
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD') {
    res.writeHead(405, { 'Content-Type': 'text/plain', ...headers }).end('method not allowed');
    return;
  }
  if (!dir) {
    if (ctx.path === '/' || ctx.path === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(placeholder);
    } else if (ctx.path === '/favicon.ico') {
      res.writeHead(204, headers).end();
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('not found');
    }
    return;
  }
  const rel = normalize(decodeURIComponent(ctx.path)).replace(/^([/\\])+/, '');
  let file = join(dir, rel);
  if (!file.startsWith(dir + sep) && file !== dir) {
    res.writeHead(403, headers).end();
    return;
  }
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  // Client-side routes (/rollouts, /settings…) get the shell; missing assets stay 404.
  if (!info && !extname(rel)) {
    file = join(dir, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('not found');
    return;
  }
  // Files under a folder of content-hashed names never change: cache them for good. Any other
  // file (index.html, theme.js, bundle/telltale.js…) keeps its name across builds, so it is
  // revalidated each time: a stale entry point would ask for chunks a rebuild deleted.
  const hashed = HASHED_DIRS.some((d) => rel.startsWith(d));
  const lastModified = info.mtime.toUTCString();
  if (!hashed && notModifiedSince(ctx.req.headers['if-modified-since'], info.mtime)) {
    res.writeHead(304, { 'Cache-Control': 'no-cache', 'Last-Modified': lastModified, ...headers }).end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Last-Modified': lastModified,
    ...headers,
  });
  if (ctx.req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
