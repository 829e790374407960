/**
 * Simulated log chatter: each line is generated once into the core's LogStreams
 * (src/server/logs.ts), which keeps a bounded ring per stream and broadcasts it.
 */
import type { LogLevel, LogLine } from '../../../src/streams/models.js';
import { LOG_RING, LogStreams, type LogStream, type LogStreamEntry } from '../../../src/server/logs.js';
import type { Channel } from '../../../src/server/channel.js';
import type { Rng } from './rng.js';
import type { LogSink, Rates, Simulator } from './types.js';

export { LOG_RING };

const C = {
  reset: '\x1b[0m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  magenta: '\x1b[35m',
  cyan: '\x1b[36m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
};

/** Background chatter per stream family, so each stream reads like its own component. */
const CHATTER: Record<string, readonly (readonly [LogLevel, string])[]> = {
  scheduler: [
    ['info', 'queue depth {queue}, {available} of {total} workers available'],
    ['debug', 'matching platform properties {OSFamily=linux, ISA=x86-64}'],
    ['info', `${C.green}rebalanced${C.reset} {queue} pending actions`],
    ['trace', 'poll tick'],
    ['warn', `${C.yellow}worker heartbeat late${C.reset}: {late} ({lateAge}s)`],
  ],
  cas: [
    ['debug', 'FindMissingBlobs: {n} digests, {m} missing'],
    ['info', 'BatchUpdateBlobs: {n} blobs, {m} KiB'],
    ['trace', 'gc sweep: nothing to do'],
    ['warn', `${C.yellow}slow read${C.reset} from filesystem tier: {n} ms`],
  ],
  tasks: [
    ['info', 'tasks in progress: {active}'],
    ['debug', 'cache size {n} entries'],
    ['trace', 'event loop lag {n} ms'],
  ],
  worker: [
    ['trace', 'heartbeat ok'],
    ['debug', 'disk usage {disk}%'],
    ['info', 'fetched {n} inputs from CAS'],
    ['debug', `${C.dim}reaping finished process tree${C.reset}`],
  ],
};

/** Lines that real systems repeat verbatim; the console groups them. */
const REPEATED: readonly (readonly [LogLevel, string])[] = [
  ['warn', 'connection to cas-fs reset, retrying'],
  ['trace', 'heartbeat ok'],
  ['error', `${C.red}${C.bold}ERROR${C.reset} upstream unavailable (503)`],
];

/**
 * What the scheduler's lines say about the cluster, read from it when the line is written: the
 * log and the boards show one world (no "51 workers available" beside 12 workers).
 */
export interface SchedulerFacts {
  queueDepth: number;
  /** Workers that take work (idle or working), of `total`. */
  available: number;
  total: number;
  /** The worker whose heartbeat is the most overdue, if any is. */
  late: { id: string; ageSec: number } | null;
}

/** The world's state that log lines quote (each read when the line is written). */
export interface WorldFacts {
  scheduler(): SchedulerFacts;
  /** A worker's disk usage in whole percent, or null when it does not report its disk. */
  diskPercent(worker: string): number | null;
  /** Tasks the task runner is working on. */
  activeTasks(): number;
}

export class LogSim implements LogSink, Simulator {
  readonly streams = new LogStreams();
  /** The world's state for the lines that quote it; without it they carry made-up figures. */
  facts: WorldFacts | null = null;
  private now = 0;

  constructor(
    private readonly rng: Rng,
    private readonly rates: Rates,
    ids: readonly { id: string; title: string }[],
    startTime: number,
  ) {
    this.now = startTime;
    for (const info of ids) this.streams.add(info.id, info.title, LOG_RING);
  }

  list(): LogStreamEntry[] {
    return this.streams.list();
  }

  channel(id: string): Channel | undefined {
    return this.streams.get(id)?.channel;
  }

  log(stream: string, level: LogLevel, text: string, source = stream): void {
    const s = this.streams.get(stream);
    if (!s) return;
    s.append({ time: this.now, level, source, text });
  }

  /** Append a line as given (admin inject); its id is always the stream's next id. */
  inject(stream: string, line: Partial<LogLine>): LogLine | null {
    const s = this.streams.get(stream);
    if (!s) return null;
    return s.append({ time: this.now, level: 'info', source: stream, text: '', ...line });
  }

  tick(now: number, dt: number): void {
    this.now = now;
    for (const s of this.streams) {
      const id = s.id;
      const n = this.rng.poisson(this.rates.logLines, dt);
      for (let i = 0; i < n; i++) this.chatter(id, s);
    }
  }

  private chatter(id: string, s: LogStream): void {
    if (this.rng.chance(0.04)) {
      const [level, text] = this.rng.pick(REPEATED);
      const times = this.rng.int(2, 6);
      for (let i = 0; i < times; i++) this.log(id, level, text);
      return;
    }
    const family = id.startsWith('worker-') ? 'worker' : id in CHATTER ? id : 'tasks';
    let [level, template] = this.rng.pick(CHATTER[family]!);
    // The same draws whatever the line, so the rest of the world's random stream does not move.
    const n = this.rng.int(1, 400);
    const m = this.rng.int(0, 64);
    this.rng.int(1, 12);
    const f = family === 'scheduler' ? (this.facts?.scheduler() ?? { queueDepth: n, available: m, total: m, late: null }) : null;
    if (f && template.includes('{late}') && !f.late) [level, template] = ['trace', 'poll tick'];
    const disk = template.includes('{disk}') ? (this.facts ? this.facts.diskPercent(id) : n % 100) : null;
    if (template.includes('{disk}') && disk === null) [level, template] = ['trace', 'heartbeat ok'];
    const text = template
      .replace('{n}', String(n))
      // "n digests, m missing": never more missing than asked for.
      .replace('{m}', String(template.includes('missing') ? Math.min(m, n) : m))
      .replace('{disk}', String(disk))
      .replace('{active}', String(this.facts?.activeTasks() ?? n % 20))
      .replace('{queue}', String(f?.queueDepth ?? n))
      .replace('{available}', String(f?.available ?? m))
      .replace('{total}', String(f?.total ?? m))
      .replace('{late}', f?.late?.id ?? '')
      .replace('{lateAge}', String(f?.late?.ageSec ?? 0));
    this.log(id, level, text, s.id);
  }
}

export const ANSI = C;
