/**
 * `telltale relay`'s file, cmd and stdin sources against real files and real processes,
 * read back over real HTTP through the log protocol (docs/protocol.md), as a viewer would.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRelay, type Relay } from '../../src/cli/relay/relay.js';
import { parseSource } from '../../src/cli/relay/sources/registry.js';
import { SseClient, sleep } from './helpers.js';

const bin = fileURLToPath(new URL('../../bin/telltale.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'telltale-relay-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Line {
  id: number;
  level: string;
  source: string;
  text: string;
}

async function start(sources: string[], opts: { keep?: number; maxBuffered?: number } = {}): Promise<Relay> {
  return createRelay({ sources: sources.map(parseSource), port: 0, staticDir: null, keep: opts.keep ?? 1000, maxBuffered: opts.maxBuffered, say: () => {} });
}

async function lines(relay: Relay, stream: string, since?: number): Promise<{ lastId: number; lines: Line[] }> {
  const r = await fetch(`${relay.url}/logs/${stream}/lines?limit=5000${since === undefined ? '' : `&since=${since}`}`);
  assert.equal(r.status, 200);
  return (await r.json()) as { lastId: number; lines: Line[] };
}

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v).slice(0, 600)}`);
    await sleep(100);
  }
}

const streamInfo = async (relay: Relay, id: string): Promise<{ status?: string; detail?: string; lastId: number }> => {
  const { streams } = (await (await fetch(`${relay.url}/logs`)).json()) as { streams: { id: string; status?: string; detail?: string; lastId: number }[] };
  return streams.find((s) => s.id === id)!;
};

describe('relay file source', () => {
  it('starts with the last --keep lines, then streams appended lines live; CRLF and invalid UTF-8 are clean', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, Array.from({ length: 30 }, (_, i) => `old ${i + 1}\n`).join(''));
    const relay = await start([`file:app=${path}`], { keep: 10 });
    try {
      const first = await until('backlog', () => lines(relay, 'app'), (v) => v.lines.length === 10);
      assert.deepEqual(first.lines.map((l) => l.text), Array.from({ length: 10 }, (_, i) => `old ${i + 21}`));
      const sse = new SseClient(`${relay.url}/logs/app?tail=0`);
      appendFileSync(path, 'crlf line\r\n');
      appendFileSync(path, Buffer.from([0x62, 0x61, 0x64, 0x20, 0xff, 0xfe, 0x20, 0x75, 0x74, 0x66, 0x0a]));
      appendFileSync(path, '[WARN] disk almost full\n{"level":"error","msg":"boom"}\nhalf a li');
      await sse.until(() => sse.events.length >= 4);
      await sleep(400);
      appendFileSync(path, 'ne\n');
      await sse.until(() => sse.events.length >= 5);
      const got = sse.events.map((e) => JSON.parse(e.data!) as Line);
      sse.close();
      assert.deepEqual(
        got.map((l) => [l.id, l.level, l.text]),
        [
          [11, 'info', 'crlf line'],
          [12, 'info', 'bad \uFFFD\uFFFD utf'],
          [13, 'warn', '[WARN] disk almost full'],
          [14, 'error', '{"level":"error","msg":"boom"}'],
          [15, 'info', 'half a line'], // never split across the two writes
        ],
      );
    } finally {
      await relay.close();
    }
  });

  it('follows a file through rotation (rename + recreate) and copytruncate while it is written: every line once, in order', async () => {
    const path = join(dir, 'rot.log');
    writeFileSync(path, '');
    const relay = await start([`file:rot=${path}`]);
    try {
      await until('live', () => streamInfo(relay, 'rot'), (s) => s.status === 'live');
      let n = 0;
      const write = (count: number): void => {
        for (let i = 0; i < count; i++) appendFileSync(path, `line ${++n}\n`);
      };
      const writer = setInterval(() => write(5), 10);
      await sleep(300);
      clearInterval(writer);
      write(3);
      renameSync(path, `${path}.1`); // logrotate's default
      appendFileSync(`${path}.1`, `line ${++n}\n`); // the writer still has the old file open
      await sleep(50);
      write(20); // a new file at the path
      await sleep(600);
      truncateSync(path, 0); // copytruncate
      await sleep(400);
      write(7);
      const expected = n;
      const all = await until('all lines', () => lines(relay, 'rot'), (v) => v.lines.filter((l) => l.source === 'rot').length >= expected);
      const texts = all.lines.filter((l) => l.source === 'rot').map((l) => l.text);
      assert.deepEqual(texts, Array.from({ length: expected }, (_, i) => `line ${i + 1}`));
      assert.deepEqual(
        all.lines.map((l) => l.id),
        all.lines.map((_, i) => i + 1),
        'ids go on by one',
      );
      const notes = all.lines.filter((l) => l.source === 'relay').map((l) => l.text);
      assert.ok(notes.some((t) => /rotated/.test(t)) && notes.some((t) => /truncated/.test(t)), notes.join('\n'));
    } finally {
      await relay.close();
    }
  });

  it('waits for a file that does not exist yet, saying so, and reads it whole when it appears', async () => {
    const path = join(dir, 'later', 'app.log');
    const relay = await start([`file:later=${path}`]);
    try {
      const s = await until('waiting', () => streamInfo(relay, 'later'), (v) => v.status === 'waiting');
      assert.match(s.detail!, /does not exist yet/);
      mkdirSync(join(dir, 'later'));
      writeFileSync(path, 'first\nsecond\n');
      const got = await until('lines', () => lines(relay, 'later'), (v) => v.lines.length === 3);
      assert.deepEqual(
        got.lines.map((l) => [l.source, l.text]),
        [
          ['relay', `── ${path} does not exist yet; its lines will appear when it does ──`],
          ['later', 'first'],
          ['later', 'second'],
        ],
        'viewers are told why nothing comes, then get the file whole',
      );
    } finally {
      await relay.close();
    }
  });

  it('cuts a 10 MB line at 64 KiB with a marker, refuses a binary file with a message, and the other streams go on', async () => {
    const big = join(dir, 'big.log');
    const binary = join(dir, 'core.bin');
    writeFileSync(big, '');
    writeFileSync(binary, Buffer.concat([Buffer.from('ELF'), Buffer.alloc(64, 0), Buffer.from('\nmore\n')]));
    const relay = await start([`file:big=${big}`, `file:bin=${binary}`]);
    try {
      await until('live', () => streamInfo(relay, 'big'), (s) => s.status === 'live');
      appendFileSync(big, 'before\n' + 'x'.repeat(10 * 1024 * 1024) + '\nafter\n');
      const got = await until('3 lines', () => lines(relay, 'big'), (v) => v.lines.length === 3);
      assert.equal(got.lines[0]!.text, 'before');
      assert.equal(got.lines[2]!.text, 'after');
      const cut = got.lines[1]!.text;
      assert.ok(cut.startsWith('x'.repeat(64 * 1024)), 'the first 64 KiB are kept');
      assert.match(cut, /line cut: 10420224 more bytes not shown/);
      assert.ok(cut.length < 64 * 1024 + 100);
      const b = await until('binary refused', () => streamInfo(relay, 'bin'), (s) => s.status === 'error');
      assert.match(b.detail!, /binary file/);
      const binLines = await lines(relay, 'bin');
      assert.deepEqual(binLines.lines.map((l) => [l.level, l.source]), [['error', 'relay']], 'only the message, no garbage');
    } finally {
      await relay.close();
    }
  });
});

describe('relay cmd and stdin sources', () => {
  it('streams a command\'s stdout and stderr, says which, and ends with its exit; the stream stays listed', async () => {
    const relay = await start(['cmd:job=echo compiling; echo "warning: unused" >&2; echo "ERROR failed" ; exit 2', 'cmd:ghost=definitely-not-a-command-xyz']);
    try {
      const job = await until('exit line', () => lines(relay, 'job'), (v) => v.lines.some((l) => l.source === 'relay'));
      const bySource = job.lines.map((l) => [l.source, l.level, l.text.replace(/ after [\d.]+ s/, '')]);
      assert.deepEqual(bySource.slice(-1), [['relay', 'error', '── echo compiling; echo "warning: unused" >&2; echo "ERROR failed" ; exit 2 exited with code 2 ──']]);
      assert.deepEqual(
        bySource.slice(0, -1).sort(),
        [
          ['stderr', 'warn', 'warning: unused'],
          ['stdout', 'error', 'ERROR failed'],
          ['stdout', 'info', 'compiling'],
        ].sort(),
      );
      const info = await streamInfo(relay, 'job');
      assert.equal(info.status, 'error');
      const ghost = await until('ghost ends', () => streamInfo(relay, 'ghost'), (s) => s.status === 'error');
      assert.match(ghost.detail!, /exited with code 127 \(command not found\)/);
      const ghostLines = await lines(relay, 'ghost');
      assert.ok(ghostLines.lines.some((l) => l.source === 'stderr' && /not found/.test(l.text)), 'the shell\'s own message is shown');
    } finally {
      await relay.close();
    }
  });

  it('stdin: lines piped into `telltale relay stdin:api`, listed as ended when the pipe closes', async () => {
    const child = spawn(process.execPath, [bin, 'relay', '--port', '0', 'stdin:api'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    try {
      const end = Date.now() + 15000;
      while (!/on (http:\/\/\S+)/.test(out) && Date.now() < end) await sleep(50);
      const url = /on (http:\/\/\S+)/.exec(out)![1]!;
      child.stdin.write('{"level":"warn","msg":"from kubectl"}\nplain');
      await sleep(200);
      child.stdin.end(' line\n');
      const relay = { url } as Relay;
      const got = await until('stdin lines', () => lines(relay, 'api'), (v) => v.lines.length === 2);
      assert.deepEqual(got.lines.map((l) => [l.level, l.text]), [['warn', '{"level":"warn","msg":"from kubectl"}'], ['info', 'plain line']]);
      await until('ended', () => streamInfo(relay, 'api'), (s) => s.status === 'ended');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('a path it may not read: a clear message on the stream and on stderr; the other stream is served', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    writeFileSync(join(locked, 'secret.log'), 'secret\n');
    const open = join(dir, 'open.log');
    writeFileSync(open, 'hello\n');
    chmodSync(locked, 0o000);
    // Root reads everything: as root the relay runs without the capabilities that override
    // file permissions (setpriv, util-linux), so the shut directory is shut for it too.
    const args = [bin, 'relay', '--port', '0', `file:secret=${join(locked, 'secret.log')}`, `file:open=${open}`];
    const asRoot = process.getuid?.() === 0;
    const child = asRoot
      ? spawn('setpriv', ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    try {
      const end = Date.now() + 20000;
      while (!/on (http:\/\/\S+)/.test(out) && Date.now() < end) await sleep(50);
      assert.match(out, /on http/, err);
      const relay = { url: /on (http:\/\/\S+)/.exec(out)![1]! } as Relay;
      const s = await until('error', () => streamInfo(relay, 'secret'), (v) => v.status === 'error');
      assert.match(s.detail!, /no permission to read .*secret\.log/);
      assert.match(err, /secret: no permission to read/);
      const o = await until('open', () => lines(relay, 'open'), (v) => v.lines.length === 1);
      assert.equal(o.lines[0]!.text, 'hello');
    } finally {
      child.kill('SIGTERM');
      chmodSync(locked, 0o700);
    }
  });
});
