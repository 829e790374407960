/**
 * `--redis URL`: the relay past one machine, on Redis Streams (node-redis). How the rings map:
 *
 * - Each log stream is the Redis stream `telltale:log:<id>`. A line with protocol id n is the
 *   entry `n-0` (fields `d`: the LogLine JSON, `p`: the reader's position after it), added
 *   with `XADD key MAXLEN ~ keep n-0 …`. The explicit id is also the fence: Redis refuses an
 *   id not above the top, so two writers can never interleave, and ids go on by one across
 *   readers, relays and restarts. The key is `PEXPIRE`d (XADD does not refresh a TTL).
 * - `telltale:streams` (hash) lists the streams: id → {title, status, detail}.
 * - One relay reads each source: the lease `telltale:lease:<kind>:<name>` (`SET NX PX`,
 *   renewed by a compare-and-extend script). When its holder dies the lease expires and
 *   another relay takes over within the lease time, starting from the position kept with
 *   the stream's last entry (file identity + offset, journald cursor, Docker timestamp).
 * - Every relay mirrors every stream into its local ring (backlog `XREVRANGE … COUNT keep`,
 *   then `XREAD BLOCK` over all keys with concrete ids on one dedicated connection) and
 *   serves its viewers from that ring, so a viewer can move between relays with its cursor.
 * - Redis down: the reader goes on; its lines are held (up to `holdLines` per stream, the
 *   oldest dropped past that, with a line saying how many) and written when Redis returns.
 *   Viewers keep everything already shown; `/relay/info` says Redis is down.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { LogStream, LogStreams } from '../../server/logs.js';
import type { LogLine } from '../../streams/models.js';
import type { Backbone, RelayInfo } from './relay.js';
import { toLine } from './relay.js';
import type { RelaySource, SourceState, StreamSink } from './sources/registry.js';
import { redactCredentials } from './redact.js';

type Client = ReturnType<typeof createClient>;
type Entry = [string, string[]];

export const PREFIX = 'telltale:';
const REGISTRY = `${PREFIX}streams`;
const streamKey = (id: string): string => `${PREFIX}log:${id}`;
const TTL_MS = 7 * 24 * 3600_000;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/**
 * Append lines with ids first, first+1, … in one atomic step, stopping at the first refusal
 * (an id not above the top: another writer). Returns {appended, error}.
 */
const APPEND = `local n = 0
for i = 4, #ARGV, 2 do
  local r = redis.pcall('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], (tonumber(ARGV[2]) + n) .. '-0', 'd', ARGV[i], 'p', ARGV[i + 1])
  if type(r) == 'table' and r.err then return {n, r.err} end
  n = n + 1
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {n, ''}`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface RedisOptions {
  url: string;
  keep: number;
  logs: LogStreams;
  say: (m: string) => void;
  leaseMs?: number;
  holdLines?: number;
}

function fields(e: Entry): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < e[1].length; i += 2) out[e[1][i]!] = e[1][i + 1]!;
  return out;
}
/** A map reply as pairs: node-redis hands some (HGETALL, XREAD) over as objects, some as flat arrays. */
function pairs<V>(reply: unknown): [string, V][] {
  if (!reply) return [];
  if (Array.isArray(reply)) {
    if (reply.length && Array.isArray(reply[0])) return reply as [string, V][];
    const out: [string, V][] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) out.push([String(reply[i]), reply[i + 1] as V]);
    return out;
  }
  if (reply instanceof Map) return [...reply.entries()] as [string, V][];
  return Object.entries(reply as Record<string, V>);
}

const idOf = (e: Entry): number => Number(e[0].split('-')[0]);

/** One stream this relay writes: ids, the position, the held lines. */
class Writer {
  last = 0;
  position: unknown;
  readonly ready: Promise<void>;
  held: { data: Omit<LogLine, 'id'>; pos: string }[] = [];
  dropped = 0;
  flushing = false;
  fenced = false;

  constructor(
    readonly stream: LogStream,
    private readonly rb: RedisBackbone,
  ) {
    this.ready = this.init();
  }

  private async init(): Promise<void> {
    // Until Redis answers, the reader waits for its position (it must not start twice).
    for (;;) {
      try {
        const top = await this.rb.cmd.sendCommand<Entry[]>(['XREVRANGE', streamKey(this.stream.id), '+', '-', 'COUNT', '1']);
        if (top.length) {
          this.last = idOf(top[0]!);
          const p = fields(top[0]!).p;
          this.position = p ? JSON.parse(p) : undefined;
        }
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
}

export class RedisBackbone implements Backbone {
  readonly cmd: Client;
  private readonly reader: Client;
  private readonly me = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly writers = new Map<string, Writer>();
  private readonly mirrored = new Map<string, number>();
  private readonly leases: { stop(): Promise<void> }[] = [];
  private up = true;
  private downSince = 0;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly leaseMs: number;
  private readonly holdLines: number;

  private constructor(private readonly o: RedisOptions) {
    this.leaseMs = o.leaseMs ?? 5000;
    this.holdLines = o.holdLines ?? Math.max(o.keep, 1000);
    const opts = {
      url: o.url,
      // Commands fail at once while Redis is away: the lines are held here, bounded, not in
      // the client's unbounded offline queue.
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (n: number) => Math.min(100 * 2 ** n, 2000) },
    };
    this.cmd = createClient(opts);
    this.reader = createClient(opts);
    this.cmd.on('error', () => this.setUp(false));
    this.reader.on('error', () => {});
    this.cmd.on('ready', () => this.setUp(true));
  }

  static async connect(o: RedisOptions): Promise<RedisBackbone> {
    const rb = new RedisBackbone(o);
    try {
      await Promise.all([rb.cmd.connect(), rb.reader.connect()]);
    } catch (e) {
      rb.cmd.destroy();
      rb.reader.destroy();
      throw new Error(`cannot reach Redis at ${redactCredentials(o.url)}: ${(e as Error).message}`);
    }
    rb.loop = rb.mirror();
    return rb;
  }

  private setUp(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    if (!up) {
      this.downSince = Date.now();
      this.o.say(`Redis at ${redactCredentials(this.o.url)} is unreachable; holding up to ${this.holdLines} lines per stream until it returns`);
    } else {
      this.o.say(`Redis is back after ${((Date.now() - this.downSince) / 1000).toFixed(1)} s; writing the held lines`);
      for (const w of this.writers.values()) void this.flush(w);
    }
  }

  status(): RelayInfo['redis'] {
    const held = [...this.writers.values()].reduce((n, w) => n + w.held.length, 0);
    return this.up ? { state: 'up', held } : { state: 'down', detail: `Redis at ${redactCredentials(this.o.url)} is unreachable since ${new Date(this.downSince).toISOString()}`, held };
  }

  // ── writing ────────────────────────────────────────────────────────────────────────

  sink(stream: LogStream): StreamSink {
    let w = this.writers.get(stream.id);
    if (!w) {
      w = new Writer(stream, this);
      this.writers.set(stream.id, w);
    }
    const writer = w;
    void this.register(stream.id, { title: stream.title });
    return {
      id: stream.id,
      line: (l) => {
        if (writer.fenced) return;
        const { time, level, source, text } = toLine(stream, l);
        writer.held.push({ data: { time, level, source, text }, pos: l.position === undefined ? '' : JSON.stringify(l.position) });
        if (writer.held.length > this.holdLines) {
          writer.held.shift();
          writer.dropped++;
        }
        void this.flush(writer);
      },
      status: (state: SourceState, detail?: string) => {
        stream.setStatus(state, detail);
        void this.register(stream.id, { title: stream.title, status: state, detail });
      },
    };
  }

  async position(id: string): Promise<unknown> {
    const w = this.writers.get(id);
    if (!w) return undefined;
    await w.ready;
    return w.position;
  }

  private async register(id: string, info: { title: string; status?: string; detail?: string }): Promise<void> {
    try {
      await this.cmd.sendCommand(['HSET', REGISTRY, id, JSON.stringify(info)]);
    } catch {
      // registered on the next status change or line; the mirror also learns from keys
    }
  }

  /** Write the held lines in order, ids going on by one; on failure keep them for later. */
  private async flush(w: Writer): Promise<void> {
    if (w.flushing || !w.held.length || w.fenced) return;
    w.flushing = true;
    try {
      await w.ready;
      while (w.held.length && this.up && !w.fenced) {
        if (w.dropped) {
          const n = w.dropped;
          w.dropped = 0;
          w.held.unshift({ data: { time: Date.now(), level: 'warn', source: 'relay', text: `── ${n} lines were dropped while Redis was unreachable ──` }, pos: w.held[0]!.pos });
        }
        const batch = w.held.slice(0, 500);
        const args = ['EVAL', APPEND, '1', streamKey(w.stream.id), String(this.o.keep), String(w.last + 1), String(TTL_MS)];
        batch.forEach((h, i) => args.push(JSON.stringify({ id: w.last + 1 + i, ...h.data }), h.pos));
        let ok = 0;
        let err = '';
        try {
          [ok, err] = await this.cmd.sendCommand<[number, string]>(args);
        } catch {
          return; // Redis away: the lines stay held
        }
        w.last += ok;
        w.held.splice(0, ok);
        if (err) {
          if (/equal or smaller than the target stream top item/.test(err)) {
            // Another relay writes this stream now (we lost the lease): stop; it re-reads from
            // the position kept with the last line written, so nothing is lost.
            w.fenced = true;
            w.held = [];
            this.o.say(`${w.stream.id}: another relay writes this stream now; this one stops reading it`);
          } else this.o.say(`${w.stream.id}: Redis refused a line: ${err}`);
          return;
        }
      }
    } finally {
      w.flushing = false;
    }
  }

  // ── leases ─────────────────────────────────────────────────────────────────────────

  run(key: string, start: (signal: AbortSignal) => Promise<RelaySource>): void {
    const leaseKey = `${PREFIX}lease:${key}`;
    let ac: AbortController | null = null;
    let source: Promise<RelaySource | null> | null = null;
    let renewedAt = 0;
    const release = async (): Promise<void> => {
      ac?.abort();
      ac = null;
      const s = await source;
      source = null;
      await s?.stop();
    };
    const tick = async (): Promise<void> => {
      if (this.stopped) return;
      try {
        if (ac) {
          const kept = await this.cmd.sendCommand<number>(['EVAL', RENEW, '1', leaseKey, this.me, String(this.leaseMs)]);
          if (kept) renewedAt = Date.now();
          else {
            this.o.say(`${key}: lease lost to another relay; stopping this reader`);
            await release();
          }
        } else {
          const got = await this.cmd.sendCommand<string | null>(['SET', leaseKey, this.me, 'NX', 'PX', String(this.leaseMs)]);
          if (got === 'OK') {
            renewedAt = Date.now();
            const controller = new AbortController();
            ac = controller;
            source = start(controller.signal).catch((e: Error) => {
              this.o.say(`${key}: ${e.message}`);
              return null;
            });
          }
        }
      } catch {
        // Redis away: a holder keeps reading (its lines are held) unless the lease has surely
        // expired meanwhile, in which case another relay may already read this source.
        if (ac && Date.now() - renewedAt > this.leaseMs * 2) await release();
      }
    };
    const timer = setInterval(() => void tick(), Math.max(100, Math.floor(this.leaseMs / 5)));
    void tick();
    this.leases.push({
      stop: async () => {
        clearInterval(timer);
        const held = ac !== null;
        await release();
        if (held) await this.cmd.sendCommand(['EVAL', RELEASE, '1', leaseKey, this.me]).catch(() => {});
      },
    });
  }

  // ── mirroring ──────────────────────────────────────────────────────────────────────

  /** Learn streams from the registry; load a new one's backlog into its ring. */
  private async discover(): Promise<void> {
    const reg = pairs<string>(await this.cmd.sendCommand(['HGETALL', REGISTRY]));
    for (const [id, value] of reg) {
      let info: { title?: string; status?: string; detail?: string } = {};
      try {
        info = JSON.parse(value) as typeof info;
      } catch {
        // a foreign value: the id alone will do
      }
      const stream = this.o.logs.add(id, info.title ?? id, this.o.keep);
      if (!this.writers.has(id)) stream.setStatus(info.status, info.detail);
      if (!this.mirrored.has(id)) {
        const entries = await this.cmd.sendCommand<Entry[]>(['XREVRANGE', streamKey(id), '+', '-', 'COUNT', String(this.o.keep)]);
        entries.reverse();
        if (entries.length) stream.channel.restartAt(idOf(entries[0]!) - 1);
        for (const e of entries) this.put(stream, e);
        this.mirrored.set(id, stream.lastId);
      }
    }
  }

  private put(stream: LogStream, e: Entry): void {
    const d = fields(e).d;
    if (!d) return;
    try {
      stream.put(JSON.parse(d) as LogLine);
    } catch {
      // not ours: skipped
    }
    this.mirrored.set(stream.id, idOf(e));
  }

  private async mirror(): Promise<void> {
    let lastDiscover = 0;
    while (!this.stopped) {
      try {
        if (Date.now() - lastDiscover > 1000 || !this.mirrored.size) {
          await this.discover();
          lastDiscover = Date.now();
        }
        const ids = [...this.mirrored.keys()];
        if (!ids.length) {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        // Concrete ids per stream, never `$` (a `$` across several streams loses lines).
        const args = ['XREAD', 'COUNT', '1000', 'BLOCK', '500', 'STREAMS', ...ids.map(streamKey), ...ids.map((id) => `${this.mirrored.get(id)}-0`)];
        const got = pairs<Entry[]>(await this.reader.sendCommand(args));
        for (const [key, entries] of got) {
          const stream = this.o.logs.get(key.slice(streamKey('').length));
          if (stream) for (const e of entries) this.put(stream, e);
        }
      } catch {
        if (this.stopped) return;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.leases.map((l) => l.stop()));
    // Give held lines one last chance.
    await Promise.all([...this.writers.values()].map((w) => this.flush(w)));
    this.reader.destroy();
    await this.loop;
    await this.cmd.close().catch(() => this.cmd.destroy());
  }
}
