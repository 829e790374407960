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
import { children, freePort, info, killReaderMidStream, startRedis, startRelay, waitFor } from './redis-relays.js';

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
    await killReaderMidStream(`redis://127.0.0.1:${redisPort}`, `file:app=${path}`, 'app', process.env, (n) => appendFileSync(path, `line ${n}\n`), 50);
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
      // A loaded machine may take a while to win the source's lease: read once it is read.
      await waitFor('the source read', () => relay.info().sources.some((s) => s.name === 'bound' && s.reading), 15000);
      const v = new SseClient(`${relay.url}/logs/bound`);
      await v.until(() => v.events.length >= 1, 15000, 'the first line');
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
