/**
 * STAND-INS for what cannot run on the test machines, shared by the relay's docker:/journal:
 * tests (relay-docker-journal.test.ts, relay-takeover.test.ts):
 * - dockerStandIn: an HTTP server on a unix socket speaking the parts of the Docker Engine
 *   API the relay uses — GET /containers/{id}/json, /containers/{id}/logs in the multiplexed
 *   frame format ("Attach to a container → Stream format": 8-byte header, byte 0 = 1 stdout /
 *   2 stderr, bytes 4–7 big-endian length), honouring `since` (a UNIX time with nanoseconds:
 *   lines stamped at or after it, as dockerd's log reader does) then following; GET
 *   /containers/json; GET /events as JSON lines.
 * - journalStandIn: an executable `journalctl` (TELLTALE_JOURNALCTL) that follows a file of
 *   `-o json` entries as `journalctl -f -o json` prints them, honouring `-n N` and
 *   `--after-cursor CURSOR`, and exiting when its reader goes away (EPIPE), as journalctl does.
 */
import { appendFileSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { join } from 'node:path';

export function frame(type: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(8);
  head[0] = type;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

/** A frame's timestamp in ns (its payload starts with RFC 3339 when timestamps=1), or null. */
function frameNanos(b: Buffer): bigint | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z /.exec(b.subarray(8, 48).toString('latin1'));
  if (!m) return null;
  return BigInt(Date.parse(`${m[1]}Z`)) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** The Docker Engine API stand-in. */
export async function dockerStandIn(socket: string) {
  const containers = new Map<string, { name: string; history: Buffer[] }>();
  const logs = new Map<string, ServerResponse[]>();
  const logRequests: string[] = [];
  let events: ServerResponse | null = null;
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://docker');
    const m = /^\/containers\/([^/]+)\/(json|logs)$/.exec(url.pathname);
    if (url.pathname === '/containers/json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify([...containers].map(([id, c]) => ({ Id: id, Names: [`/${c.name}`] }))));
    } else if (url.pathname === '/events') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      events = res;
    } else if (m) {
      const c = containers.get(m[1]!) ?? [...containers.entries()].find(([, v]) => v.name === m[1])?.[1];
      const id = [...containers.entries()].find(([, v]) => v === c)?.[0];
      if (!c || !id) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: `No such container: ${m[1]}` }));
      } else if (m[2] === 'json') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Id: id, Name: `/${c.name}`, Config: { Tty: false } }));
      } else {
        logRequests.push(`${c.name}?${url.searchParams}`);
        res.writeHead(200, { 'Content-Type': 'application/vnd.docker.multiplexed-stream' });
        const since = url.searchParams.get('since');
        let from = null as bigint | null;
        if (since) {
          const [s, ns = '0'] = since.split('.');
          from = BigInt(s!) * 1_000_000_000n + BigInt(ns.padEnd(9, '0'));
        }
        for (const b of c.history) {
          const t = frameNanos(b);
          if (from === null || t === null || t >= from) res.write(b);
        }
        logs.set(id, [...(logs.get(id) ?? []), res]);
        res.on('close', () => logs.set(id, (logs.get(id) ?? []).filter((r) => r !== res)));
      }
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(socket, r));
  return {
    logRequests,
    /** A container with lines it already wrote. */
    add(id: string, name: string, backlog: Buffer[] = []) {
      containers.set(id, { name, history: [...backlog] });
    },
    /** The container writes: kept (for later `since` reads) and sent to every open logs request. */
    write(id: string, b: Buffer) {
      containers.get(id)?.history.push(b);
      for (const r of logs.get(id) ?? []) r.write(b);
    },
    stop(id: string) {
      for (const r of logs.get(id) ?? []) r.end();
      logs.delete(id);
    },
    started(id: string, name: string) {
      events?.write(JSON.stringify({ Type: 'container', Action: 'start', Actor: { ID: id, Attributes: { name } } }) + '\n');
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The `journalctl` stand-in: `bin` to put in TELLTALE_JOURNALCTL, `add` to journal an entry. */
export function journalStandIn(dir: string): { bin: string; add(entry: Record<string, unknown>): void; pids(): number[]; calls(): string[] } {
  const journal = join(dir, 'journal.jsonl');
  const pidFile = join(dir, 'journalctl.pids');
  const bin = join(dir, 'journalctl');
  writeFileSync(journal, '');
  writeFileSync(pidFile, '');
  writeFileSync(
    bin,
    `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(pidFile)}, process.pid + ' ' + args.join(' ') + '\\n');
const after = args.includes('--after-cursor') ? args[args.indexOf('--after-cursor') + 1] : null;
const n = args.includes('-n') ? Number(args[args.indexOf('-n') + 1]) : 10;
process.stdout.on('error', () => process.exit(0)); // the reader is gone
let sent = 0;
let first = true;
function poll() {
  const lines = fs.readFileSync(${JSON.stringify(journal)}, 'utf8').split('\\n').filter(Boolean);
  if (first) {
    first = false;
    if (after !== null) {
      const i = lines.findIndex((l) => JSON.parse(l).__CURSOR === after);
      sent = i < 0 ? 0 : i + 1;
    } else sent = Math.max(0, lines.length - n);
  }
  if (lines.length > sent) process.stdout.write(lines.slice(sent).join('\\n') + '\\n');
  sent = lines.length;
}
poll();
setInterval(poll, 20);
`,
  );
  chmodSync(bin, 0o755);
  const calls = (): string[] => readFileSync(pidFile, 'utf8').split('\n').filter(Boolean);
  return {
    bin,
    add: (entry) => appendFileSync(journal, JSON.stringify(entry) + '\n'),
    /** Each run's pid (to end strays) and its arguments. */
    pids: () => calls().map((l) => Number(l.split(' ')[0])),
    calls: () => calls().map((l) => l.slice(l.indexOf(' ') + 1)),
  };
}
