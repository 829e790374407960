/**
 * The relay's source kinds, by name. A kind turns `KIND:NAME=TARGET` into a running reader
 * that writes lines into log streams (and, for cluster kinds, entities into the LiveState).
 * Adding a kind: a file `sources/<kind>.ts` that calls `registerSource({...})`, imported
 * from `sources/all.ts`. The relay gives it a SourceContext; it never touches HTTP, Redis
 * or viewers, so the same reader works embedded and on Redis.
 */
import type { LiveState } from '../../../server/live.js';
import type { LogLevel } from '../../../streams/models.js';

export interface SourceSpec {
  kind: string;
  /** The stream id (`NAME`); `*` for kinds that make one stream per thing found (docker:*). */
  name: string;
  /** What follows `=`; '' when there is none (stdin:NAME). */
  target: string;
  /** As the user wrote it, for messages. */
  raw: string;
}

export interface LineOut {
  text: string;
  /** Default: read from the text (levels.ts). */
  level?: LogLevel;
  /** Epoch ms; default now. */
  time?: number;
  /** Shown beside the line (stdout / stderr, a container…); default the stream id. */
  source?: string;
  /**
   * Where the reader is once this line is taken (file identity + offset, journald cursor,
   * Docker timestamp). Kept with the line on Redis, so a successor continues right after it.
   */
  position?: unknown;
}

export type SourceState = 'starting' | 'live' | 'waiting' | 'ended' | 'error';

export interface StreamSink {
  readonly id: string;
  /** False when positions are not kept (no Redis): a source may skip making one per line. */
  readonly keepsPositions?: boolean;
  line(line: LineOut): void;
  /** The stream's state as `GET /logs` and `/relay/info` show it, with a sentence for people. */
  status(state: SourceState, detail?: string): void;
}

export interface SourceContext {
  /** Lines of backlog a fresh reader takes (`--keep`). */
  keep: number;
  /** The log stream `id` (created on first use). */
  stream(id: string, title?: string): StreamSink;
  /** The position recorded with stream `id`'s last line by an earlier reader, if any. */
  position(id: string): Promise<unknown>;
  /** Entities for the live protocol (cluster kinds). */
  live: LiveState;
  /** A message for whoever runs the relay (stderr). */
  say(message: string): void;
  /** Aborted when the relay stops or loses the lease for this source. */
  signal: AbortSignal;
}

export interface RelaySource {
  stop(): void | Promise<void>;
}

export interface SourceKind {
  kind: string;
  /** One line for `--help`: the syntax and what it does. */
  usage: string;
  /** What the kind feeds; `logs` unless told. */
  feeds?: readonly ('logs' | 'live')[];
  /** Throw an Error naming what is wrong with the spec (before anything starts). */
  validate?(spec: SourceSpec): void;
  start(spec: SourceSpec, ctx: SourceContext): RelaySource | Promise<RelaySource>;
}

const kinds = new Map<string, SourceKind>();

export function registerSource(kind: SourceKind): void {
  kinds.set(kind.kind, kind);
}

export function sourceKind(kind: string): SourceKind | undefined {
  return kinds.get(kind);
}

export function sourceKinds(): SourceKind[] {
  return [...kinds.values()];
}

/** `KIND:NAME=TARGET` (or `KIND:NAME` for stdin) → a spec; throws a message naming the problem. */
export function parseSource(raw: string): SourceSpec {
  const colon = raw.indexOf(':');
  if (colon <= 0) throw new Error(`source "${raw}": expected KIND:NAME=TARGET, e.g. file:syslog=/var/log/syslog`);
  const kind = raw.slice(0, colon);
  const rest = raw.slice(colon + 1);
  const eq = rest.indexOf('=');
  const name = eq < 0 ? rest : rest.slice(0, eq);
  const target = eq < 0 ? '' : rest.slice(eq + 1);
  const k = kinds.get(kind);
  if (!k) throw new Error(`source "${raw}": unknown kind "${kind}" (known: ${[...kinds.keys()].join(', ')})`);
  if (!name) throw new Error(`source "${raw}": the stream needs a NAME (KIND:NAME=TARGET)`);
  if (name !== '*' && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name)) {
    throw new Error(`source "${raw}": NAME "${name}" may hold only letters, digits, . _ - (it becomes a URL path)`);
  }
  const spec = { kind, name, target, raw };
  k.validate?.(spec);
  return spec;
}
