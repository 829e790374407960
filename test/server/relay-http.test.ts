/**
 * `telltale relay`'s face to viewers, over real HTTP: the token on every route (and the page
 * that explains a 401), CORS only for allowed origins, a slow viewer ended without slowing
 * anybody and resuming from its cursor, `telltale tail --token`, and the command line
 * (`--help`, `--config` naming the bad key, refusing a non-loopback address without auth).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRelay } from '../../src/cli/relay/relay.js';
import { bearerFetch } from '../../src/streams/bearer.js';
import { createHub } from '../../src/streams/hub.js';
import { parseSource } from '../../src/cli/relay/sources/registry.js';
import { SseClient, sleep } from './helpers.js';

const bin = fileURLToPath(new URL('../../bin/telltale.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'telltale-relay-http-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => spawnSync(process.execPath, [bin, 'relay', ...args], { encoding: 'utf8', timeout: 20000 });

describe('relay auth and CORS', () => {
  it('--token: every route needs it (header or the cookie /?token= sets); a 401 says what to do', async () => {
    const path = join(dir, 'auth.log');
    writeFileSync(path, 'secret line\n');
    const relay = await createRelay({ sources: [parseSource(`file:auth=${path}`)], port: 0, staticDir: null, token: 's3cret', say: () => {} });
    try {
      for (const route of ['/logs', '/logs/auth', '/logs/auth/lines', '/relay/info', '/live/status', '/']) {
        const r = await fetch(relay.url + route);
        assert.equal(r.status, 401, route);
        assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="telltale relay"');
        const body = (await r.json()) as { error: string };
        assert.match(body.error, /a token is needed: send Authorization: Bearer/);
      }
      const wrong = await fetch(`${relay.url}/logs`, { headers: { Authorization: 'Bearer nope' } });
      assert.equal(wrong.status, 401);
      assert.match(((await wrong.json()) as { error: string }).error, /wrong token/);
      const page = await fetch(relay.url + '/', { headers: { Accept: 'text/html' } });
      assert.equal(page.status, 401);
      assert.match(await page.text(), /needs a token[\s\S]*\/\?token=YOUR_TOKEN[\s\S]*telltale tail --token/);
      const ok = await fetch(`${relay.url}/logs/auth/lines`, { headers: { Authorization: 'Bearer s3cret' } });
      assert.equal(ok.status, 200);
      assert.equal(((await ok.json()) as { lines: { text: string }[] }).lines[0]!.text, 'secret line');
      // A browser: the token once in the address, then a cookie (HttpOnly, SameSite=Strict).
      const once = await fetch(`${relay.url}/?token=s3cret`, { redirect: 'manual' });
      assert.equal(once.status, 303);
      assert.equal(once.headers.get('location'), '/');
      const cookie = once.headers.get('set-cookie')!;
      assert.match(cookie, /HttpOnly; SameSite=Strict/);
      const withCookie = await fetch(`${relay.url}/logs`, { headers: { Cookie: cookie.split(';')[0]! } });
      assert.equal(withCookie.status, 200);
      const badOnce = await fetch(`${relay.url}/?token=guess`, { redirect: 'manual' });
      assert.equal(badOnce.status, 401);
    } finally {
      await relay.close();
    }
  });

  it('CORS only for --allow-origin origins; preflights need no token', async () => {
    const relay = await createRelay({ sources: [parseSource('cmd:c=true')], port: 0, staticDir: null, allowOrigins: ['https://ok.example'], say: () => {} });
    try {
      const good = await fetch(`${relay.url}/logs`, { headers: { Origin: 'https://ok.example' } });
      assert.equal(good.headers.get('access-control-allow-origin'), 'https://ok.example');
      const bad = await fetch(`${relay.url}/logs`, { headers: { Origin: 'https://evil.example' } });
      assert.equal(bad.headers.get('access-control-allow-origin'), null);
      const pre = await fetch(`${relay.url}/logs/c`, { method: 'OPTIONS', headers: { Origin: 'https://ok.example', 'Access-Control-Request-Headers': 'authorization' } });
      assert.equal(pre.status, 204);
      assert.match(pre.headers.get('access-control-allow-headers')!, /Authorization/);
      const preBad = await fetch(`${relay.url}/logs/c`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
      assert.equal(preBad.status, 403);
    } finally {
      await relay.close();
    }
  });

  it('telltale tail --token reads a protected relay; without it, it says it is not signed in', async () => {
    const path = join(dir, 'tail.log');
    writeFileSync(path, 'one\ntwo\n');
    const relay = await createRelay({ sources: [parseSource(`file:t=${path}`)], port: 0, staticDir: null, token: 'tok', say: () => {} });
    try {
      const run = (args: string[]) =>
        new Promise<{ out: string; err: string }>((done) => {
          const c = spawn(process.execPath, [bin, 'tail', `${relay.url}/logs/t`, ...args], { env: { ...process.env, NO_COLOR: '1' } });
          let out = '';
          let err = '';
          c.stdout.on('data', (d) => (out += d));
          c.stderr.on('data', (d) => (err += d));
          const t = setTimeout(() => c.kill('SIGINT'), 6000);
          c.on('exit', () => {
            clearTimeout(t);
            done({ out, err });
          });
          const poll = setInterval(() => {
            if (/two/.test(out) || /cannot read/.test(err)) {
              clearInterval(poll);
              c.kill('SIGINT');
            }
          }, 50);
        });
      const ok = await run(['--token', 'tok']);
      assert.match(ok.out, /INFO {2}one\n.*INFO {2}two/);
      const no = await run([]);
      assert.match(no.err, /HTTP 401.*not signed in.* — pass --token T \(or set TELLTALE_TOKEN\)/);
    } finally {
      await relay.close();
    }
  });
});

describe('relay token from a page', () => {
  it('a hub made with bearerFetch (what elements use) reads a protected relay; the token goes to its origin only', async () => {
    const path = join(dir, 'hub.log');
    writeFileSync(path, 'for the hub\n');
    const relay = await createRelay({ sources: [parseSource(`file:h=${path}`)], port: 0, staticDir: null, token: 'hub-token', say: () => {} });
    const seen: { url: string; auth: string | null }[] = [];
    const spy = (url: string, init?: RequestInit) => {
      seen.push({ url, auth: new Headers(init?.headers).get('authorization') });
      return fetch(url, init);
    };
    const hub = createHub({ fetch: bearerFetch('hub-token', relay.url, spy), frame: { visibility: null } });
    try {
      const texts: string[] = [];
      const sub = hub.logs(relay.url, 'h').batches$.subscribe((b) => texts.push(...b.events.map((l) => l.text)));
      const end = Date.now() + 8000;
      while (!texts.includes('for the hub') && Date.now() < end) await sleep(50);
      sub.unsubscribe();
      assert.deepEqual(texts, ['for the hub']);
      assert.ok(seen.every((s) => s.auth === 'Bearer hub-token'));
      await bearerFetch('t', relay.url, spy)('http://127.0.0.1:9/elsewhere').catch(() => {});
      assert.equal(seen[seen.length - 1]!.auth, null, 'another origin does not get the token');
    } finally {
      hub.dispose();
      await relay.close();
    }
  });
});

describe('relay bounded viewers', () => {
  it('a viewer that stops reading is ended with a notice, the others get every line, and it resumes from its cursor', async () => {
    // (Checked to fail before the bound: the slow viewer was held, and its buffer grew to ~20 MB.)
    const path = join(dir, 'fast.log');
    writeFileSync(path, '');
    const relay = await createRelay({ sources: [parseSource(`file:fast=${path}`)], port: 0, staticDir: null, keep: 2000, maxBuffered: 64 * 1024, say: () => {} });
    try {
      const port = new URL(relay.url).port;
      // A viewer that reads its first bytes, then nothing: a raw socket, paused.
      const slow = connect(Number(port), '127.0.0.1');
      let slowText = '';
      let slowClosed = false;
      let paused = false;
      slow.on('data', (c) => {
        slowText += c.toString('utf8');
        if (!paused && slowText.includes(': telltale logs/fast')) {
          paused = true;
          slow.pause();
        }
      });
      slow.on('close', () => (slowClosed = true));
      slow.write(`GET /logs/fast HTTP/1.1\r\nHost: x\r\n\r\n`);
      const fast = new SseClient(`${relay.url}/logs/fast`);
      await fast.until(() => fast.raw.includes(': telltale logs/fast'));
      const line = 'y'.repeat(1000);
      const total = 20_000; // ~20 MB: far past what the slow viewer's socket and bound hold
      // Bursts of 200 lines (200 KB, past the 64 KiB bound at once): a burst is not slowness.
      for (let i = 0; i < total; i += 200) {
        appendFileSync(path, Array.from({ length: 200 }, (_, k) => `${i + k + 1} ${line}\n`).join(''));
        await sleep(20);
      }
      await fast.until(() => fast.events.length >= total, 30000, 'every line for the fast viewer');
      assert.deepEqual(
        fast.events.map((e) => Number(e.id)).slice(-3),
        [total - 2, total - 1, total],
      );
      // The slow one was let go: ended by the relay; reading now, it finds the notice last.
      const end = Date.now() + 15000;
      while (![...relay.http.connections].some((c) => c.slow) && Date.now() < end) await sleep(50);
      assert.ok([...relay.http.connections].some((c) => c.slow), 'the slow viewer was ended');
      slow.resume();
      const endRead = Date.now() + 10000;
      // The response ends (the socket may stay for keep-alive).
      while (!slowText.includes('\r\n0\r\n\r\n') && !slowClosed && Date.now() < endRead) await sleep(50);
      assert.equal(relay.http.connections.size, 1, 'only the fast viewer is still held');
      assert.match(slowText, /telltale ended this connection: the viewer fell \d+ bytes behind; reconnect with Last-Event-ID/);
      const ids = [...slowText.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      const cursor = ids[ids.length - 1] ?? 0;
      assert.ok(cursor < total, 'it had fallen behind');
      // Its client reconnects from the cursor and gets what the ring still has (2000 lines).
      const back = await fetch(`${relay.url}/logs/fast/lines?since=${cursor}&limit=5000`);
      const body = (await back.json()) as { truncated?: { from: number; to: number }; lines: { id: number }[] };
      assert.deepEqual(body.truncated, { from: cursor + 1, to: total - 2000 });
      assert.equal(body.lines[0]!.id, total - 1999);
      fast.close();
      slow.destroy();
    } finally {
      await relay.close();
    }
  });
});

describe('relay command line', () => {
  it('--help prints every option and exits 0', () => {
    const r = cli(['--help']);
    assert.equal(r.status, 0);
    for (const o of ['--port', '--host', '--keep', '--token', '--no-auth', '--allow-origin', '--redis', '--config', 'file:NAME=PATH', 'cmd:NAME=COMMAND', 'stdin:NAME', 'docker:*', 'journal:NAME=UNIT']) {
      assert.ok(r.stdout.includes(o), o);
    }
  });

  it('--config: a bad key, a bad value and bad JSON are each named; a good file runs', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ port: 9000, sorces: ['file:a=/x'] }));
    let r = cli(['--config', bad]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /"sorces" is not an option \(known: .*sources/);
    writeFileSync(bad, JSON.stringify({ keep: -5, sources: ['file:a=/x'] }));
    r = cli(['--config', bad]);
    assert.match(r.stderr, /"keep" must be a whole number from 1 to 1000000, got -5/);
    writeFileSync(bad, '{ "port": 90');
    r = cli(['--config', bad]);
    assert.match(r.stderr, /not valid JSON/);
    writeFileSync(bad, JSON.stringify({ sources: ['nope:a=b'] }));
    r = cli(['--config', bad]);
    assert.match(r.stderr, /unknown kind "nope" \(known: file, cmd, stdin, docker, journal/);
  });

  it('refuses another address without --token or --no-auth, and says which to pass', () => {
    const r = cli(['--host', '0.0.0.0', 'cmd:x=true']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--host 0\.0\.0\.0 lets other machines in: pass --token T .* or --no-auth/);
    const dup = cli(['file:a=/x', 'cmd:a=true']);
    assert.match(dup.stderr, /two sources are named "a"/);
  });
});

describe('relay keeps secrets and paths', () => {
  it('a password in a source URL is shown as *** in /relay/info, the streams, stderr and stdout', async () => {
    // A real redis-server that needs a password: the redis-info source connects, and its own
    // note names the URL it read. (Checked to fail before: /relay/info served the password.)
    const secret = 'hunter2-very-secret';
    const port = await new Promise<number>((done) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => done(p));
      });
    });
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', secret], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    redis.stdout!.on('data', (c) => (out += c));
    const said: string[] = [];
    const spec = `redis-info:cache=redis://:${secret}@127.0.0.1:${port}`;
    let relay: Awaited<ReturnType<typeof createRelay>> | undefined;
    let cli: ReturnType<typeof spawn> | undefined;
    try {
      for (const end = Date.now() + 10000; !/Ready to accept connections/.test(out); await sleep(50)) if (Date.now() > end) throw new Error(`redis-server did not start: ${out}`);
      relay = await createRelay({ sources: [parseSource(spec)], port: 0, staticDir: null, say: (m) => said.push(m) });
      const lines = async (): Promise<string> => JSON.stringify(await (await fetch(`${relay!.url}/logs/cache/lines`)).json());
      for (const end = Date.now() + 15000; !/redis \d/.test(await lines()); await sleep(100)) if (Date.now() > end) throw new Error(`no line from the redis-info source: ${await lines()}`);
      const served = [await lines(), await (await fetch(`${relay.url}/relay/info`)).text(), await (await fetch(`${relay.url}/logs`)).text(), await (await fetch(`${relay.url}/live/status`)).text()];
      for (const text of served) assert.ok(!text.includes(secret), `served a password: ${text}`);
      assert.match(served[0]!, /redis:\/\/:\*\*\*@127\.0\.0\.1/, 'the URL is still named, without its password');
      assert.match(served[1]!, /redis-info:cache=redis:\/\/:\*\*\*@127\.0\.0\.1/);
      // The command: its start line and its messages (a wrong password is a problem it reports).
      cli = spawn(process.execPath, [bin, 'relay', '--port', '0', spec.replace(secret, `${secret}-wrong`)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let cliOut = '';
      cli.stdout!.on('data', (c) => (cliOut += c));
      cli.stderr!.on('data', (c) => (cliOut += c));
      for (const end = Date.now() + 20000; !/ on (http:\S+)/.test(cliOut); await sleep(100)) if (Date.now() > end) throw new Error(`the relay did not start: ${cliOut}`);
      const cliUrl = / on (http:\S+)/.exec(cliOut)![1]!;
      let report = '';
      for (const end = Date.now() + 20000; !/password/i.test(report); await sleep(100)) {
        if (Date.now() > end) throw new Error(`the relay did not report the wrong password: ${report}`);
        report = await (await fetch(`${cliUrl}/logs/cache/lines`)).text();
      }
      assert.ok(!report.includes(secret), `served a password: ${report}`);
      assert.match(cliOut, /Telltale relay on http:\/\/127\.0\.0\.1:\d+ \(redis-info:cache=redis:\/\/:\*\*\*@127\.0\.0\.1/);
      assert.ok(!cliOut.includes(secret), `printed a password: ${cliOut}`);
      for (const m of said) assert.ok(!m.includes(secret), m);
    } finally {
      cli?.kill('SIGKILL');
      await relay?.close();
      redis.kill('SIGKILL');
    }
  });

  it('path segments are decoded once, for every route; bad encoding is a 400 that says so', async () => {
    const relay = await createRelay({ sources: [], port: 0, staticDir: null, say: () => {} });
    try {
      relay.logs.add('a/b c', 'slash and space').append({ text: 'found by its decoded name' });
      const ok = (await (await fetch(`${relay.url}/logs/a%2Fb%20c/lines`)).json()) as { lines: { text: string }[] };
      assert.equal(ok.lines[0]!.text, 'found by its decoded name');
      const bad = await fetch(`${relay.url}/logs/%E0%A4%A/lines`);
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { error: string }).error, /bad URI encoding in the path \/logs\/%E0%A4%A\/lines/);
    } finally {
      await relay.close();
    }
  });
});
