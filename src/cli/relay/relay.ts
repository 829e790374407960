/**
 * `telltale relay` as a library: sources → log streams → every viewer. Without `--redis` one
 * self-contained process (each source's lines go straight into its ring). With `--redis`
 * the lines go through Redis Streams (redis.ts): one relay reads each source (a lease), and
 * every relay serves its viewers from its mirror of the streams.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LiveState } from '../../server/live.js';
import { LogStreams, type LogStream } from '../../server/logs.js';
import { detectLevel } from './levels.js';
import { redactCredentials } from './redact.js';
import { RedisBackbone } from './redis.js';
import { startHttp, type RelayHttp } from './server.js';
import './sources/all.js';
import { setStoreTree } from './sources/cluster/kinds.js';
import { AglUpstream, TaskFeedUpstream } from './sources/cluster/upstream.js';
import { sourceKind, sourceKinds, type LineOut, type RelaySource, type SourceSpec, type SourceState, type StreamSink } from './sources/registry.js';

export interface RelayOptions {
  sources: SourceSpec[];
  port?: number;
  host?: string;
  keep?: number;
  token?: string;
  allowOrigins?: string[];
  redis?: string;
  /** Built dashboard; default the package's `demo-dist/` when there is one. */
  staticDir?: string | null;
  heartbeatMs?: number;
  maxBuffered?: number;
  /** Messages for whoever runs the relay (default stderr). */
  say?: (message: string) => void;
  /** Redis: lease time-to-live (ms); another relay takes over within about this. */
  leaseMs?: number;
  /** Redis: lines held per stream while Redis is unreachable. */
  holdLines?: number;
  /** `PARENT=TIER,TIER;…`: store sources nested as tiers of one store. */
  storeTree?: string;
  /** An Agent-lightning store served at /v1/agl (one upstream reader, cached). */
  agl?: string;
  /** A seed-001 task feed served at /api/dashboard/live (one upstream connection). */
  tasks?: string;
}

export interface Relay {
  url: string;
  port: number;
  logs: LogStreams;
  live: LiveState;
  http: RelayHttp;
  info(): RelayInfo;
  close(): Promise<void>;
}

export interface RelayInfo {
  relay: true;
  sources: { source: string; kind: string; name: string; reading: boolean }[];
  /** What the configured sources feed: `logs`, `live`. The dashboard hides the rest, saying what to pass. */
  feeds: string[];
  kinds: { kind: string; usage: string; feeds: readonly string[] }[];
  redis: null | { state: string; detail?: string; held: number };
  auth: 'token' | 'none';
}

/** Where sources write: straight into the rings (embedded) or through Redis. */
export interface Backbone {
  sink(stream: LogStream): StreamSink;
  position(id: string): Promise<unknown>;
  /** Run `start` while this relay holds source `key`'s lease; stop it when the lease is lost. */
  run(key: string, start: (signal: AbortSignal) => Promise<RelaySource>): void;
  stop(): Promise<void>;
  status(): RelayInfo['redis'];
}

export function packageDashboard(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  // src/cli/relay or dist/cli/relay → the package root.
  const dir = resolve(here, '../../../demo-dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

export function toLine(stream: LogStream, l: LineOut): { time: number; level: NonNullable<LineOut['level']>; source: string; text: string } {
  return { time: l.time ?? Date.now(), level: l.level ?? detectLevel(l.text), source: l.source ?? stream.id, text: l.text };
}

/** A sink whose lines and statuses never carry a URL's password (a source's own notes name its URL). */
function redactedSink(sink: StreamSink): StreamSink {
  return {
    id: sink.id,
    keepsPositions: sink.keepsPositions,
    line: (l) => sink.line(l.text.includes('://') ? { ...l, text: redactCredentials(l.text) } : l),
    status: (state, detail) => sink.status(state, detail === undefined ? detail : redactCredentials(detail)),
  };
}

class EmbeddedBackbone implements Backbone {
  private readonly running: { source?: RelaySource; ac: AbortController }[] = [];

  constructor(private readonly say: (m: string) => void) {}

  sink(stream: LogStream): StreamSink {
    return {
      id: stream.id,
      keepsPositions: false,
      line: (l) => void stream.append(toLine(stream, l)),
      status: (state: SourceState, detail?: string) => stream.setStatus(state, detail),
    };
  }

  async position(): Promise<unknown> {
    return undefined;
  }

  run(key: string, start: (signal: AbortSignal) => Promise<RelaySource>): void {
    const entry: { source?: RelaySource; ac: AbortController } = { ac: new AbortController() };
    this.running.push(entry);
    start(entry.ac.signal).then(
      (s) => (entry.source = s),
      (e: Error) => this.say(`${key}: ${e.message}`),
    );
  }

  async stop(): Promise<void> {
    for (const r of this.running) r.ac.abort();
    await Promise.all(this.running.map((r) => r.source?.stop()));
  }

  status(): null {
    return null;
  }
}

export async function createRelay(o: RelayOptions): Promise<Relay> {
  // Nothing the relay prints or serves shows a password or token from a source's URL.
  const rawSay = o.say ?? ((m: string) => process.stderr.write(`telltale relay: ${m}\n`));
  const say = (m: string): void => void rawSay(redactCredentials(m));
  const keep = o.keep ?? 1000;
  const logs = new LogStreams();
  const live = new LiveState();
  const backbone: Backbone = o.redis
    ? await RedisBackbone.connect({ url: o.redis, keep, logs, say, leaseMs: o.leaseMs, holdLines: o.holdLines })
    : new EmbeddedBackbone(say);
  const reading = new Map<string, boolean>();
  if (o.storeTree) setStoreTree(live, o.storeTree);
  const agl = o.agl ? new AglUpstream(o.agl, (s) => say(`--agl: ${s.message}`)) : null;
  const tasks = o.tasks ? new TaskFeedUpstream(o.tasks, (s) => say(`--tasks: ${s.message}`), o.heartbeatMs) : null;
  const upstreams = [agl, tasks].filter((u) => u !== null);

  for (const spec of o.sources) {
    const kind = sourceKind(spec.kind)!;
    const key = `${spec.kind}:${spec.name}`;
    reading.set(spec.raw, false);
    backbone.run(key, async (signal) => {
      reading.set(spec.raw, true);
      signal.addEventListener('abort', () => reading.set(spec.raw, false));
      return kind.start(spec, {
        keep,
        live,
        say,
        signal,
        position: (id) => backbone.position(id),
        stream: (id, title) => redactedSink(backbone.sink(logs.add(id, title ?? id, keep))),
      });
    });
  }

  const feeds = new Set<string>();
  for (const spec of o.sources) for (const f of sourceKind(spec.kind)!.feeds ?? ['logs']) feeds.add(f);
  if (agl) feeds.add('agl');
  if (tasks) feeds.add('tasks');
  const info = (): RelayInfo => ({
    relay: true,
    sources: o.sources.map((s) => ({ source: redactCredentials(s.raw), kind: s.kind, name: s.name, reading: reading.get(s.raw) ?? false })),
    feeds: [...feeds],
    kinds: sourceKinds().map((k) => ({ kind: k.kind, usage: k.usage, feeds: k.feeds ?? ['logs'] })),
    redis: backbone.status(),
    auth: o.token ? 'token' : 'none',
  });

  let http: RelayHttp;
  try {
    http = await startHttp({
      host: o.host ?? '127.0.0.1',
      port: o.port ?? 8090,
      token: o.token,
      allowOrigins: o.allowOrigins ?? [],
      staticDir: o.staticDir === undefined ? packageDashboard() : o.staticDir,
      heartbeatMs: o.heartbeatMs ?? 5000,
      maxBuffered: o.maxBuffered,
      logs,
      live,
      liveFed: feeds.has('live'),
      info,
      upstreams,
    });
  } catch (e) {
    await tasks?.stop();
    await backbone.stop();
    throw e;
  }
  return {
    url: http.url,
    port: http.port,
    logs,
    live,
    http,
    info,
    async close() {
      await tasks?.stop();
      await backbone.stop();
      await http.close();
    },
  };
}
