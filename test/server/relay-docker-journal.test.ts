/**
 * The relay's docker: and journal: sources. Neither a Docker daemon nor journald can run on
 * these test machines, so each is tested against a STAND-IN, said plainly here:
 * - Docker: an HTTP server on a unix socket speaking the Engine API's documented parts the
 *   relay uses (GET /containers/{id}/json, /containers/{id}/logs with the multiplexed frame
 *   format of "Attach to a container → Stream format": 8-byte header, byte 0 = 1 stdout / 2
 *   stderr, bytes 4–7 big-endian length; long lines cut into 16 KiB frames each with its own
 *   RFC 3339 timestamp; GET /containers/json; GET /events as JSON lines).
 * - journald: a stand-in `journalctl` (TELLTALE_JOURNALCTL) printing `-o json` entries as
 *   systemd's does (MESSAGE as a string or a byte array, PRIORITY, __REALTIME_TIMESTAMP in µs,
 *   __CURSOR) and recording the arguments it was given.
 * Everything else is real: the relay, HTTP, the viewers.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createRelay, type Relay } from '../../src/cli/relay/relay.js';
import { parseSource } from '../../src/cli/relay/sources/registry.js';
import { SseClient, sleep } from './helpers.js';
import { dockerStandIn, frame } from './standins.js';

const dir = mkdtempSync(join(tmpdir(), 'telltale-docker-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function lines(relay: Relay, stream: string): Promise<{ id: number; time: number; level: string; source: string; text: string }[]> {
  const r = await fetch(`${relay.url}/logs/${stream}/lines?limit=5000`);
  if (r.status !== 200) return [];
  return ((await r.json()) as { lines: never[] }).lines;
}

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v).slice(0, 500)}`);
    await sleep(100);
  }
}

describe('relay docker source (against a Docker Engine API stand-in)', () => {
  it('one logs request per container however many viewers; frames demultiplexed, 16 KiB pieces joined, stdout/stderr kept apart', async () => {
    const socket = join(dir, 'docker.sock');
    const docker = await dockerStandIn(socket);
    process.env.DOCKER_HOST = `unix://${socket}`;
    docker.add('c0ffee', 'web', [frame(1, '2026-12-03T10:00:00.000000001Z GET / 200\n'), frame(2, '2026-12-03T10:00:00.5Z [ERROR] upstream down\n')]);
    const relay = await createRelay({ sources: [parseSource('docker:web=web')], port: 0, staticDir: null, keep: 100, say: () => {} });
    try {
      const viewers = [1, 2, 3, 4, 5].map(() => new SseClient(`${relay.url}/logs/web`));
      for (const v of viewers) await v.until(() => v.events.length >= 2);
      const long = 'L'.repeat(40_000);
      // Docker cuts a 40,000-byte line into 16 KiB frames, each with its own timestamp.
      docker.write('c0ffee', frame(1, `2026-12-03T10:00:01.000000000Z ${long.slice(0, 16384)}`));
      docker.write('c0ffee', frame(1, `2026-12-03T10:00:01.000000100Z ${long.slice(16384, 32768)}`));
      docker.write('c0ffee', frame(2, '2026-12-03T10:00:01.000000150Z interleaved stderr\n'));
      docker.write('c0ffee', frame(1, `2026-12-03T10:00:01.000000200Z ${long.slice(32768)}\n`));
      for (const v of viewers) await v.until(() => v.events.length >= 4);
      assert.equal(docker.logRequests.length, 1, `one reader for five viewers: ${docker.logRequests.join(', ')}`);
      assert.match(docker.logRequests[0]!, /follow=1.*timestamps=1.*tail=100/);
      const got = await lines(relay, 'web');
      assert.deepEqual(
        got.map((l) => [l.source, l.level, l.text.length > 100 ? `${l.text.length} L` : l.text]),
        [
          ['stdout', 'info', 'GET / 200'],
          ['stderr', 'error', '[ERROR] upstream down'],
          ['stderr', 'warn', 'interleaved stderr'],
          ['stdout', 'info', '40000 L'],
        ],
      );
      assert.equal(got[0]!.time, Date.parse('2026-12-03T10:00:00.000Z'));
      assert.equal(got[3]!.text, long, 'the pieces joined exactly, without their timestamps');
      docker.stop('c0ffee');
      const { streams } = (await (await fetch(`${relay.url}/logs`)).json()) as { streams: { id: string; status: string; detail: string }[] };
      await until('ended', async () => (await (await fetch(`${relay.url}/logs`)).json()) as { streams: { status: string }[] }, (v) => v.streams[0]!.status === 'ended');
      assert.ok(streams.length === 1);
      for (const v of viewers) v.close();
    } finally {
      await relay.close();
      await docker.close();
      delete process.env.DOCKER_HOST;
    }
  });

  it('docker:* follows every running container and the ones that start later; a missing socket is a clear message', async () => {
    const socket = join(dir, 'docker2.sock');
    const docker = await dockerStandIn(socket);
    process.env.DOCKER_HOST = `unix://${socket}`;
    docker.add('aaa', 'api', [frame(1, '2026-12-03T10:00:00Z api up\n')]);
    docker.add('bbb', 'db', [frame(1, '2026-12-03T10:00:00Z db up\n')]);
    const relay = await createRelay({ sources: [parseSource('docker:*')], port: 0, staticDir: null, say: () => {} });
    try {
      await until('api and db', async () => [(await lines(relay, 'api')).length, (await lines(relay, 'db')).length], (v) => v[0] === 1 && v[1] === 1);
      docker.add('ccc', 'worker', [frame(1, '2026-12-03T10:00:02Z worker up\n')]);
      docker.started('ccc', 'worker');
      const w = await until('worker', () => lines(relay, 'worker'), (v) => v.length === 1);
      assert.equal(w[0]!.text, 'worker up');
    } finally {
      await relay.close();
      await docker.close();
    }
    process.env.DOCKER_HOST = `unix://${join(dir, 'no-such.sock')}`;
    const lonely = await createRelay({ sources: [parseSource('docker:web=web')], port: 0, staticDir: null, say: () => {} });
    try {
      const l = await until('error line', () => lines(lonely, 'web'), (v) => v.length === 1);
      assert.match(l[0]!.text, /no Docker socket at .*no-such\.sock \(is Docker running\? set DOCKER_HOST/);
    } finally {
      await lonely.close();
      delete process.env.DOCKER_HOST;
    }
  });
});

describe('relay journal source (against a journalctl stand-in)', () => {
  it('maps PRIORITY to the level, the realtime stamp to the time; byte-array messages decoded; asks for -u UNIT -f -o json -n KEEP', async () => {
    const argsFile = join(dir, 'journal-args');
    const fake = join(dir, 'journalctl');
    const entries = [
      { MESSAGE: 'Started nginx.', PRIORITY: '6', __REALTIME_TIMESTAMP: '1764756000123456', __CURSOR: 's=1;i=1', SYSLOG_IDENTIFIER: 'systemd' },
      { MESSAGE: 'worker connections exceed open file limit', PRIORITY: '4', __REALTIME_TIMESTAMP: '1764756001000000', __CURSOR: 's=1;i=2', SYSLOG_IDENTIFIER: 'nginx' },
      { MESSAGE: [98, 97, 100, 32, 255], PRIORITY: '3', __REALTIME_TIMESTAMP: '1764756002000000', __CURSOR: 's=1;i=3', SYSLOG_IDENTIFIER: 'nginx' },
      { MESSAGE: 'debugging', PRIORITY: '7', __REALTIME_TIMESTAMP: '1764756003000000', __CURSOR: 's=1;i=4' },
    ];
    writeFileSync(fake, `#!/bin/sh\necho "$@" > '${argsFile}'\ncat <<'EOF'\n${entries.map((e) => JSON.stringify(e)).join('\n')}\nEOF\nexec sleep 60\n`);
    chmodSync(fake, 0o755);
    process.env.TELLTALE_JOURNALCTL = fake;
    const relay = await createRelay({ sources: [parseSource('journal:nginx=nginx.service')], port: 0, staticDir: null, keep: 50, say: () => {} });
    try {
      const got = await until('4 entries', () => lines(relay, 'nginx'), (v) => v.length === 4);
      assert.deepEqual(
        got.map((l) => [l.level, l.source, l.text, l.time]),
        [
          ['info', 'systemd', 'Started nginx.', 1764756000123],
          ['warn', 'nginx', 'worker connections exceed open file limit', 1764756001000],
          ['error', 'nginx', 'bad \uFFFD', 1764756002000],
          ['debug', 'nginx', 'debugging', 1764756003000],
        ],
      );
      assert.equal(readFileSync(argsFile, 'utf8').trim(), '-f -o json -u nginx.service -n 50');
    } finally {
      await relay.close();
      delete process.env.TELLTALE_JOURNALCTL;
    }
    process.env.TELLTALE_JOURNALCTL = join(dir, 'not-installed');
    const none = await createRelay({ sources: [parseSource('journal:x=x.service')], port: 0, staticDir: null, say: () => {} });
    try {
      const l = await until('message', () => lines(none, 'x'), (v) => v.length >= 1);
      assert.match(l[0]!.text, /not-installed not found: journal: needs systemd's journalctl/);
    } finally {
      await none.close();
      delete process.env.TELLTALE_JOURNALCTL;
    }
  });
});
