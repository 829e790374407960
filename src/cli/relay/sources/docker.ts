/**
 * `docker:NAME=CONTAINER` and `docker:*`: container logs from the Docker Engine API over its
 * unix socket (`DOCKER_HOST=unix:///…`, default /var/run/docker.sock). One
 * `GET /containers/{id}/logs?follow=1&timestamps=1` per container, however many viewers (the
 * point of seed 002; Dozzle opens one per viewer). Without a TTY the body is multiplexed:
 * frames of an 8-byte header (byte 0: 1 stdout, 2 stderr; bytes 4–7 big-endian length) and
 * the payload; Docker cuts lines over 16 KiB into several frames, each with its own
 * timestamp, which are joined back here. `docker:*` follows every running container and
 * `/events` for the ones that start later. The position kept is the last line's timestamp;
 * a successor asks `since=` it and skips what it already has.
 */
import { request, type IncomingMessage } from 'node:http';
import { detectStderrLevel } from '../levels.js';
import { LineSplitter } from '../lines.js';
import { registerSource, type SourceContext, type StreamSink } from './registry.js';

const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d{1,9}))?(?:Z|[+-]\d\d:\d\d)) /;

export function dockerSocket(env: Record<string, string | undefined> = process.env): string {
  const h = env.DOCKER_HOST;
  if (h?.startsWith('unix://')) return h.slice('unix://'.length);
  return '/var/run/docker.sock';
}

/** RFC 3339 with up to nanoseconds → nanoseconds since the epoch (exact, as a bigint). */
export function tsNanos(ts: string): bigint {
  const m = TS.exec(ts + ' ');
  const ms = Date.parse(ts);
  const frac = (m?.[2] ?? '').padEnd(9, '0');
  return BigInt(Math.floor(ms / 1000)) * 1_000_000_000n + BigInt(frac || '0');
}

function get(socketPath: string, path: string): Promise<IncomingMessage> {
  return new Promise((done, fail) => {
    const req = request({ socketPath, path, method: 'GET', headers: { Host: 'docker' } }, done);
    req.on('error', fail);
    req.end();
  });
}

async function getJson<T>(socketPath: string, path: string): Promise<{ status: number; body: T }> {
  const res = await get(socketPath, path);
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // an error text
  }
  return { status: res.statusCode ?? 0, body: body as T };
}

function socketProblem(e: NodeJS.ErrnoException, socket: string): string {
  if (e.code === 'ENOENT') return `no Docker socket at ${socket} (is Docker running? set DOCKER_HOST=unix:///path)`;
  if (e.code === 'EACCES') return `no permission to use ${socket} (add the user to the docker group)`;
  if (e.code === 'ECONNREFUSED') return `Docker is not answering on ${socket}`;
  return `${socket}: ${e.message}`;
}

/** Follow one container into `out` until its log ends or `signal` aborts. */
export async function followContainer(socket: string, container: string, out: StreamSink, ctx: SourceContext): Promise<void> {
  let info: { status: number; body: { Id?: string; Name?: string; Config?: { Tty?: boolean }; message?: string } };
  try {
    info = await getJson(socket, `/containers/${encodeURIComponent(container)}/json`);
  } catch (e) {
    const why = socketProblem(e as NodeJS.ErrnoException, socket);
    out.status('error', why);
    out.line({ text: why, level: 'error', source: 'relay' });
    ctx.say(`${out.id}: ${why}`);
    return;
  }
  if (info.status !== 200) {
    const why = info.status === 404 ? `no container ${container}` : `Docker answered ${info.status}: ${info.body.message ?? ''}`;
    out.status('error', why);
    out.line({ text: why, level: 'error', source: 'relay' });
    return;
  }
  const tty = Boolean(info.body.Config?.Tty);
  const recorded = (await ctx.position(out.id)) as { ts?: string } | undefined;
  const after = recorded?.ts ? tsNanos(recorded.ts) : null;
  const q = new URLSearchParams({ follow: '1', stdout: '1', stderr: '1', timestamps: '1' });
  if (after !== null) q.set('since', `${after / 1_000_000_000n}.${String(after % 1_000_000_000n).padStart(9, '0')}`);
  else q.set('tail', String(ctx.keep));
  const res = await get(socket, `/containers/${encodeURIComponent(container)}/logs?${q}`);
  if (res.statusCode !== 200) {
    out.status('error', `Docker answered ${res.statusCode} for the logs of ${container}`);
    res.resume();
    return;
  }
  out.status('live', `following container ${info.body.Name?.replace(/^\//, '') ?? container}`);
  const onAbort = (): void => void res.destroy();
  ctx.signal.addEventListener('abort', onAbort);

  const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
  const lineTs = { stdout: '', stderr: '' };
  const take = (which: 'stdout' | 'stderr', payload: Buffer<ArrayBufferLike>): void => {
    // Each message (and each 16 KiB piece of a long one) starts with its timestamp.
    const head = payload.subarray(0, 40).toString('latin1');
    const m = TS.exec(head);
    let ts = '';
    if (m) {
      ts = m[1]!;
      payload = payload.subarray(m[0].length);
    }
    const sp = splitters[which];
    if (!sp.partial && ts) lineTs[which] = ts;
    for (const l of sp.push(payload)) {
      const first = lineTs[which] || ts;
      if (after !== null && ts && tsNanos(ts) <= after) continue; // the last reader had it
      out.line({ text: l.text, source: which, level: which === 'stderr' ? detectStderrLevel(l.text) : undefined, time: first ? Date.parse(first) : undefined, position: ts ? { ts } : undefined });
      lineTs[which] = '';
    }
  };

  let buf: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  await new Promise<void>((done) => {
    res.on('data', (chunk: Buffer) => {
      if (tty) return take('stdout', chunk);
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      while (buf.length >= 8) {
        const size = buf.readUInt32BE(4);
        if (buf.length < 8 + size) break;
        const type = buf[0];
        const payload = buf.subarray(8, 8 + size);
        buf = buf.subarray(8 + size);
        if (type === 1 || type === 2) take(type === 1 ? 'stdout' : 'stderr', payload);
      }
    });
    res.on('end', done);
    res.on('error', () => done());
    res.on('close', done);
  });
  ctx.signal.removeEventListener('abort', onAbort);
  for (const which of ['stdout', 'stderr'] as const) for (const l of splitters[which].flush()) out.line({ text: l.text, source: which });
  if (!ctx.signal.aborted) out.status('ended', `container ${container} stopped`);
}

/** `docker:*`: every running container, and each one that starts later. */
async function followAll(socket: string, ctx: SourceContext): Promise<void> {
  const following = new Map<string, Promise<void>>();
  const start = (id: string, name: string): void => {
    if (following.has(id) || ctx.signal.aborted) return;
    const out = ctx.stream(name.replace(/^\//, '').replace(/[^A-Za-z0-9._-]/g, '_'), `container ${name.replace(/^\//, '')}`);
    following.set(
      id,
      followContainer(socket, id, out, ctx).finally(() => following.delete(id)),
    );
  };
  while (!ctx.signal.aborted) {
    try {
      const list = await getJson<{ Id: string; Names: string[] }[]>(socket, '/containers/json');
      for (const c of list.body) start(c.Id, c.Names[0] ?? c.Id.slice(0, 12));
      const filters = encodeURIComponent(JSON.stringify({ type: ['container'], event: ['start'] }));
      const events = await get(socket, `/events?filters=${filters}`);
      const onAbort = (): void => void events.destroy();
      ctx.signal.addEventListener('abort', onAbort);
      let pending = '';
      await new Promise<void>((done) => {
        events.on('data', (chunk: Buffer) => {
          pending += chunk.toString('utf8');
          let nl: number;
          while ((nl = pending.indexOf('\n')) >= 0) {
            const text = pending.slice(0, nl);
            pending = pending.slice(nl + 1);
            try {
              const ev = JSON.parse(text) as { status?: string; Action?: string; id?: string; Actor?: { ID?: string; Attributes?: { name?: string } } };
              const id = ev.Actor?.ID ?? ev.id;
              if ((ev.Action ?? ev.status) === 'start' && id) start(id, ev.Actor?.Attributes?.name ?? id.slice(0, 12));
            } catch {
              // not an event
            }
          }
        });
        events.on('close', done);
        events.on('error', () => done());
      });
      ctx.signal.removeEventListener('abort', onAbort);
    } catch (e) {
      ctx.say(`docker:*: ${socketProblem(e as NodeJS.ErrnoException, socket)}; trying again in 5 s`);
    }
    if (!ctx.signal.aborted) await new Promise((r) => setTimeout(r, 5000));
  }
}

registerSource({
  kind: 'docker',
  usage: 'docker:NAME=CONTAINER  a container\'s logs (Docker API, one reader however many viewers);\n  docker:*               every running container, following starts',
  validate(spec) {
    if (spec.name !== '*' && !spec.target) throw new Error(`source "${spec.raw}": docker needs a CONTAINER (docker:NAME=CONTAINER), or docker:*`);
  },
  start(spec, ctx) {
    const socket = dockerSocket();
    const done = spec.name === '*' ? followAll(socket, ctx) : followContainer(socket, spec.target, ctx.stream(spec.name, `container ${spec.target}`), ctx);
    return { stop: () => done };
  },
});
