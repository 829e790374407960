/** The built dashboard (`demo-dist/` or `--static`), or a placeholder page saying how to build it. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Ctx } from './context.js';

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

const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Telltale reference server</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
  code { background: #f2f4f7; padding: 0.1em 0.3em; border-radius: 4px; }
  @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } code { background: #262c36; } }
</style>
</head>
<body>
<h1>Telltale reference server</h1>
<p>The server is running, but the dashboard is not built. Build it with <code>npm run build</code>
(it writes <code>demo-dist/</code>), then reload this page.</p>
<p>Every API is live already:</p>
<ul>
  <li><a href="live/status">live/status</a> (the live protocol, polling) and <code>curl -N …/live</code> (SSE)</li>
  <li><a href="logs">logs</a> (log streams)</li>
  <li><a href="api/dashboard/live/status">api/dashboard/live/status</a> (seed 001 task feed)</li>
  <li><a href="v1/agl/rollouts?limit=20">v1/agl/rollouts</a> (Agent-lightning store API)</li>
  <li><a href="admin/stats">admin/stats</a></li>
</ul>
<p>The protocols are described in <code>docs/protocol.md</code>.</p>
</body>
</html>
`;

export async function serveStatic(ctx: Ctx, dir: string | null): Promise<void> {
  const { res } = ctx;
  const headers = ctx.reply.headers;
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD') {
    res.writeHead(405, { 'Content-Type': 'text/plain', ...headers }).end('method not allowed');
    return;
  }
  if (!dir) {
    if (ctx.path === '/' || ctx.path === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(PLACEHOLDER);
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
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=3600',
    ...headers,
  });
  if (ctx.req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
