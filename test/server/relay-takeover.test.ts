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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { children, freePort, killReaderMidStream, startRedis } from './redis-relays.js';
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

describe('relay takeover on Redis: docker and journal sources', () => {
  it('docker: kill -9 the reading relay; the other resumes from the last log timestamp (since=), every line once', async () => {
    const socket = join(dir, 'docker.sock');
    const docker = await dockerStandIn(socket);
    // Log timestamps with nanoseconds, 1 ms apart plus a nanosecond part (dockerd's RFC 3339Nano).
    const stamp = (n: number): string => `${new Date(Date.UTC(2026, 11, 3, 10) + n).toISOString().slice(0, -1)}${String((n * 7919) % 1_000_000).padStart(6, '0')}Z`;
    const line = (n: number): Buffer => frame(n % 5 ? 1 : 2, `${stamp(n)} line ${n}\n`);
    docker.add('c0ffee', 'web', Array.from({ length: 50 }, (_, i) => line(i + 1)));
    try {
      await killReaderMidStream(`redis://127.0.0.1:${redisPort}`, 'docker:web=web', 'web', { ...process.env, DOCKER_HOST: `unix://${socket}` }, (n) => docker.write('c0ffee', line(n)), 50);
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
      await killReaderMidStream(`redis://127.0.0.1:${redisPort}`, 'journal:app=app.service', 'app', { ...process.env, TELLTALE_JOURNALCTL: journal.bin }, (n) => journal.add(entry(n)), 50);
      assert.ok(journal.calls().some((c) => /--after-cursor s=0f1e;i=[0-9a-f]+;b=7a;m=\d+/.test(c)), `the successor asked after the recorded cursor: ${journal.calls().join(' | ')}`);
    } finally {
      stray.push(...journal.pids());
    }
  });
});
