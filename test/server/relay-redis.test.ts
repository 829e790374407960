/**
 * `telltale relay --redis`: two real relays (the CLI, as users run it) on one real
 * `redis-server` started here on a loopback port. One reads the file (the lease); the viewer
 * watches it; it is killed with SIGKILL mid-stream; the other relay takes the source over
 * from the recorded position and the viewer resumes there with its cursor: ids continuous,
 * no line lost, none twice. Then Redis itself goes away and comes back.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRelay } from '../../src/cli/relay/relay.js';
import { parseSource } from '../../src/cli/relay/sources/registry.js';
import { SseClient, sleep } from './helpers.js';
import { children, freePort, info, startRedis, startRelay, waitFor, type RelayProc } from './redis-relays.js';

const dir = mkdtempSync(join(tmpdir(), 'telltale-redis-'));

let redisPort: number;
let redis: ChildProcess;
before(async () => {
  redisPort = await freePort();
  redis = await startRedis(redisPort);
});
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('relay on Redis Streams', () => {
  it('kill -9 the relay reading the file: the other takes over within 10 s, the viewer resumes there, ids continuous, no duplicate', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, Array.from({ length: 50 }, (_, i) => `line ${i + 1}\n`).join(''));
    let n = 50;
    const url = `redis://127.0.0.1:${redisPort}`;
    const a = await startRelay(['--redis', url, `file:app=${path}`]);
    const b = await startRelay(['--redis', url, `file:app=${path}`]);
    const writer = setInterval(() => appendFileSync(path, `line ${++n}\n`), 20);
    try {
      let reader: RelayProc | null = null;
      await waitFor('one reader', async () => {
        const [ia, ib] = await Promise.all([info(a.url), info(b.url)]);
        const r = [ia.sources[0]!.reading, ib.sources[0]!.reading];
        if (r[0] && r[1]) throw new Error('both relays read the source');
        reader = r[0] ? a : r[1] ? b : null;
        return reader !== null;
      });
      const first = reader! as RelayProc;
      const other = first === a ? b : a;
      // The viewer watches the reading relay, from the start of the stream.
      const v1 = new SseClient(`${first.url}/logs/app?tail=5000`);
      await v1.until(() => v1.events.length >= 100, 10000, '100 lines');
      first.child.kill('SIGKILL');
      const killedAt = Date.now();
      await v1.until(() => v1.ended, 5000, 'the connection to drop');
      const seen = v1.events.map((e) => ({ id: Number(e.id), text: (JSON.parse(e.data!) as { text: string }).text }));
      const cursor = seen[seen.length - 1]!.id;
      // It comes back on the other relay with its cursor, as the hub does.
      const v2 = new SseClient(`${other.url}/logs/app`, { 'Last-Event-ID': String(cursor) });
      await waitFor('takeover', async () => (await info(other.url)).sources[0]!.reading, 10000);
      const tookMs = Date.now() - killedAt;
      assert.ok(tookMs < 10000, `takeover took ${tookMs} ms`);
      await sleep(500);
      clearInterval(writer);
      const total = n;
      await v2.until(
        () => v2.events.some((e) => (JSON.parse(e.data!) as { text: string }).text === `line ${total}`),
        15000,
        `line ${total} on the other relay`,
      );
      v2.close();
      const all = [...seen, ...v2.events.map((e) => ({ id: Number(e.id), text: (JSON.parse(e.data!) as { text: string }).text }))];
      assert.ok(!v2.events.some((e) => e.event === 'truncated' || e.event === 'reset'), 'nothing missing on resume');
      assert.deepEqual(
        all.map((l) => l.id),
        all.map((_, i) => all[0]!.id + i),
        'ids continuous across the two relays',
      );
      assert.deepEqual(
        all.map((l) => l.text),
        Array.from({ length: total }, (_, i) => `line ${i + 1}`),
        'every line once, in order',
      );
    } finally {
      clearInterval(writer);
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
    }
  });

  it('Redis away: the status says so, lines are held, and they arrive when Redis returns', async () => {
    const path = join(dir, 'down.log');
    writeFileSync(path, 'before 1\nbefore 2\n');
    const c = await startRelay(['--redis', `redis://127.0.0.1:${redisPort}`, `file:down=${path}`]);
    try {
      const v = new SseClient(`${c.url}/logs/down`);
      await v.until(() => v.events.length >= 2, 10000, 'the first lines');
      redis.kill('SIGKILL');
      await waitFor('redis down in /relay/info', async () => (await info(c.url)).redis.state === 'down', 10000);
      appendFileSync(path, 'during 1\nduring 2\nduring 3\n');
      await waitFor('lines held', async () => (await info(c.url)).redis.held === 3, 5000);
      assert.equal(v.events.length, 2, 'what was shown stays; nothing new yet');
      redis = await startRedis(redisPort);
      await v.until(() => v.events.length >= 5, 15000, 'the held lines');
      assert.deepEqual(
        v.events.map((e) => [Number(e.id), (JSON.parse(e.data!) as { text: string }).text]),
        [
          [1, 'before 1'],
          [2, 'before 2'],
          [3, 'during 1'],
          [4, 'during 2'],
          [5, 'during 3'],
        ],
      );
      assert.match(c.err(), /Redis .* unreachable/);
      assert.equal((await info(c.url)).redis.state, 'up');
      v.close();
    } finally {
      c.child.kill('SIGTERM');
    }
  });

  it('held lines are bounded: past the bound the oldest go, and a line says how many', async () => {
    const path = join(dir, 'bound.log');
    writeFileSync(path, 'kept 0\n');
    const relay = await createRelay({ sources: [parseSource(`file:bound=${path}`)], port: 0, staticDir: null, redis: `redis://127.0.0.1:${redisPort}`, holdLines: 5, say: () => {} });
    try {
      const v = new SseClient(`${relay.url}/logs/bound`);
      await v.until(() => v.events.length >= 1, 10000, 'the first line');
      redis.kill('SIGKILL');
      await waitFor('down', () => relay.info().redis?.state === 'down', 10000);
      appendFileSync(path, Array.from({ length: 8 }, (_, i) => `during ${i + 1}\n`).join(''));
      await waitFor('held at the bound', () => relay.info().redis?.held === 5, 5000);
      redis = await startRedis(redisPort);
      await v.until(() => v.events.length >= 7, 15000, 'the notice and the held lines');
      assert.deepEqual(
        v.events.map((e) => (JSON.parse(e.data!) as { text: string }).text),
        ['kept 0', '── 3 lines were dropped while Redis was unreachable ──', 'during 4', 'during 5', 'during 6', 'during 7', 'during 8'],
      );
      v.close();
    } finally {
      await relay.close();
    }
  });
});
