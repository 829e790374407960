/**
 * `telltale relay --redis` takeover for the sources whose position is not a file offset:
 * Docker (the last line's log timestamp, read again with `since=`) and journald (the entry's
 * `__CURSOR`, read again with `--after-cursor`). Two real relays (the CLI) on a real
 * redis-server; the reading one is killed with SIGKILL mid-stream; the other takes the
 * source over within 10 s and the viewer resumes there with its cursor: ids continuous, no
 * line twice, none lost. Docker and journald cannot run here: the relays read the
 * STAND-INS of test/server/standins.ts (Engine API log framing on a unix socket; a
 * `journalctl` following a file of -o json entries), said plainly.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SseClient, sleep } from './helpers.js';
import { children, freePort, info, startRedis, startRelay, waitFor, type RelayProc } from './redis-relays.js';
import { dockerStandIn, frame, journalStandIn } from './standins.js';

const dir = mkdtempSync(join(tmpdir(), 'telltale-takeover-'));
const stray: number[] = [];
let redisPort: number;
before(async () => {
  redisPort = await freePort();
  await startRedis(redisPort);
});
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const pid of stray) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone (it exits when its reader does)
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

const text = (e: { data?: string }): string => (JSON.parse(e.data!) as { text: string }).text;

/**
 * Two relays read `spec` through Redis while `write(n)` adds `line n` every 20 ms; the reader
 * is killed; returns after checking the viewer saw every line once with continuous ids.
 */
async function killReaderMidStream(spec: string, stream: string, env: NodeJS.ProcessEnv, write: (n: number) => void, already: number): Promise<void> {
  let n = already;
  const url = `redis://127.0.0.1:${redisPort}`;
  const a = await startRelay(['--redis', url, spec], env);
  const b = await startRelay(['--redis', url, spec], env);
  const writer = setInterval(() => write(++n), 20);
  const kids: ChildProcess[] = [a.child, b.child];
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
    const v1 = new SseClient(`${first.url}/logs/${stream}?tail=5000`);
    await v1.until(() => v1.events.length >= already + 50, 15000, `${already + 50} lines`);
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await v1.until(() => v1.ended, 5000, 'the connection to drop');
    const seen = v1.events.map((e) => ({ id: Number(e.id), text: text(e) }));
    const cursor = seen[seen.length - 1]!.id;
    const v2 = new SseClient(`${other.url}/logs/${stream}`, { 'Last-Event-ID': String(cursor) });
    await waitFor('takeover', async () => (await info(other.url)).sources[0]!.reading, 10000);
    const tookMs = Date.now() - killedAt;
    assert.ok(tookMs < 10000, `takeover took ${tookMs} ms`);
    await sleep(500);
    clearInterval(writer);
    const total = n;
    await v2.until(() => v2.events.some((e) => text(e) === `line ${total}`), 15000, `line ${total} on the other relay`);
    await sleep(300); // anything after the last line (a duplicate) would show now
    v2.close();
    const all = [...seen, ...v2.events.map((e) => ({ id: Number(e.id), text: text(e) }))];
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
    for (const k of kids) if (k.exitCode === null && k.signalCode === null) k.kill('SIGTERM');
  }
}

describe('relay takeover on Redis: docker and journal sources', () => {
  it('docker: kill -9 the reading relay; the other resumes from the last log timestamp (since=), every line once', async () => {
    const socket = join(dir, 'docker.sock');
    const docker = await dockerStandIn(socket);
    // Log timestamps with nanoseconds, 1 ms apart plus a nanosecond part (dockerd's RFC 3339Nano).
    const stamp = (n: number): string => `${new Date(Date.UTC(2026, 11, 3, 10) + n).toISOString().slice(0, -1)}${String((n * 7919) % 1_000_000).padStart(6, '0')}Z`;
    const line = (n: number): Buffer => frame(n % 5 ? 1 : 2, `${stamp(n)} line ${n}\n`);
    docker.add('c0ffee', 'web', Array.from({ length: 50 }, (_, i) => line(i + 1)));
    try {
      await killReaderMidStream('docker:web=web', 'web', { ...process.env, DOCKER_HOST: `unix://${socket}` }, (n) => docker.write('c0ffee', line(n)), 50);
      assert.ok(
        docker.logRequests.some((r) => /since=\d+\.\d{9}/.test(r)),
        `the successor asked from the recorded timestamp: ${docker.logRequests.join(' | ')}`,
      );
    } finally {
      await docker.close();
    }
  });

  it('journal: kill -9 the reading relay; the other resumes after the recorded __CURSOR, every line once', async () => {
    const journal = journalStandIn(dir);
    const entry = (n: number) => ({ MESSAGE: `line ${n}`, PRIORITY: '6', __REALTIME_TIMESTAMP: String(1764756000000000 + n * 1000), __CURSOR: `s=0f1e;i=${n.toString(16)};b=7a;m=${n}`, SYSLOG_IDENTIFIER: 'app' });
    for (let i = 1; i <= 50; i++) journal.add(entry(i));
    try {
      await killReaderMidStream('journal:app=app.service', 'app', { ...process.env, TELLTALE_JOURNALCTL: journal.bin }, (n) => journal.add(entry(n)), 50);
      assert.ok(journal.calls().some((c) => /--after-cursor s=0f1e;i=[0-9a-f]+;b=7a;m=\d+/.test(c)), `the successor asked after the recorded cursor: ${journal.calls().join(' | ')}`);
    } finally {
      stray.push(...journal.pids());
    }
  });
});
