// A failed request's reason comes from failures.ts, which fetchJson (transports/http.ts) loads
// lazily from its first request on (it is not in a page's first load): with it the reason is the
// full one (the server's own message, Retry-After); when it cannot be loaded (the page's server
// gone too) the reason still names the status and address, and the next request loads it again.
// Against a real HTTP server on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { failuresPart, fetchJson } from '../../src/streams/transports/http.js';

let server: Server;
let base = '';

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/busy') {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '7' }).end('{"error":"warming up"}');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"this relay reads no logs: start it with --logs DIR"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const failureOf = async (url: string) => {
  const r = await fetchJson({ url });
  assert.ok(!r.ok && 'failure' in r, 'a failure');
  return r.failure;
};

// First in this file: the module's cache is still empty, so the failing loader is the one used.
test('a status failure still names the status and address when failures.ts cannot be loaded, and the next request loads it', async () => {
  const real = failuresPart.load;
  failuresPart.load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  try {
    const f = await failureOf(`${base}/api/logs/x`);
    assert.equal(f.kind, 'fatal');
    assert.equal(f.status, 404);
    assert.equal(f.reason, `HTTP 404 Not Found from ${base}/api/logs/x`);
  } finally {
    failuresPart.load = real;
  }
  const again = await failureOf(`${base}/api/logs/x`);
  assert.match(again.reason, /the server says: this relay reads no logs: start it with --logs DIR$/);
});

test('with failures.ts loaded a failure carries the server message and Retry-After', async () => {
  const f = await failureOf(`${base}/busy`);
  assert.equal(f.kind, 'retry');
  assert.equal(f.retryAfterMs, 7000);
  assert.equal(f.reason, `HTTP 503 Service Unavailable from ${base}/busy — the server says: warming up`);
});

test('a request to nothing is "unreachable" (the network failure, lazily diagnosed)', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/api/x`;
  await new Promise<void>((r) => closed.close(() => r()));
  const f = await failureOf(url);
  assert.equal(f.kind, 'retry');
  assert.match(f.reason, /^network error \(.+\) — the server is unreachable$/);
});
