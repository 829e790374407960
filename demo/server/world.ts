/**
 * A world: one simulated system (cluster, logs, task feed, Agent-lightning run) with its own
 * clock, streams, faults, open connections and counters. The root world runs in real time;
 * sandboxes are worlds created by tests, usually paused and stepped.
 */
import { Channel } from '../../src/server/channel.js';
import { LiveState } from '../../src/server/live.js';
import type { SseConnection } from '../../src/server/sse.js';
import { Faults } from './faults.js';
import { AglSim } from './simulator/agl.js';
import { ClusterSim } from './simulator/cluster.js';
import { LogSim } from './simulator/logs.js';
import { Rng } from './simulator/rng.js';
import { TaskSimulator } from './simulator/tasks.js';
import { DEFAULT_RATES, type Rates } from './simulator/types.js';

export const HISTORY = 10_000;
const TICK_MS = 100;
/** A single step is capped so a typo cannot hang the server. */
export const MAX_STEP_MS = 3_600_000;

export interface WorldOptions {
  seed?: number;
  paused?: boolean;
  /** Epoch ms the simulated clock starts at (default: now). */
  startTime?: number;
  workers?: number;
  rates?: Partial<Rates>;
  heartbeatMs?: number;
  /** Simulated time run before `startTime` so the world is not empty (default 60 s). */
  warmupMs?: number;
  cors?: boolean;
  /** History (events kept for resume) of `live` and `tasks`. */
  historySize?: number;
}

export class World {
  readonly seed: number;
  readonly rates: Rates;
  readonly heartbeatMs: number;
  readonly cors: boolean;
  readonly live: Channel;
  readonly tasksChannel: Channel;
  readonly state: LiveState;
  readonly logs: LogSim;
  readonly cluster: ClusterSim;
  readonly tasks: TaskSimulator;
  readonly agl: AglSim;
  readonly faults = new Faults();
  readonly faultRng: Rng;
  readonly connections = new Set<SseConnection>();
  readonly opened: Record<string, number> = {};
  readonly requests: Record<string, number> = {};
  now: number;
  lastUsed = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private lastReal = Date.now();

  constructor(opts: WorldOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.rates = { ...DEFAULT_RATES, ...opts.rates };
    this.heartbeatMs = opts.heartbeatMs ?? 5000;
    this.cors = opts.cors ?? false;
    const startTime = opts.startTime ?? Date.now();
    const warmup = opts.warmupMs ?? 60_000;
    this.now = startTime - warmup;
    const root = new Rng(this.seed);
    const workers = opts.workers ?? 12;
    const history = opts.historySize ?? HISTORY;
    this.live = new Channel('live', history);
    this.tasksChannel = new Channel('tasks', history);
    const logIds = [
      { id: 'scheduler', title: 'Scheduler' },
      { id: 'cas', title: 'CAS' },
      { id: 'agl', title: 'Agent-lightning store' },
      { id: 'tasks', title: 'Task runner' },
    ];
    for (let i = 1; i <= workers; i++) {
      const id = `worker-${String(i).padStart(2, '0')}`;
      logIds.push({ id, title: `Worker ${id.slice(7)}` });
    }
    this.logs = new LogSim(root.fork(1), this.rates, logIds, this.now);
    this.state = new LiveState(this.live);
    this.cluster = new ClusterSim(this.state, root.fork(2), this.rates, this.logs, workers, this.now);
    this.logs.facts = {
      scheduler: () => this.cluster.schedulerFacts(),
      diskPercent: (worker) => this.cluster.diskPercent(worker),
      activeTasks: () => this.tasks.active.size,
    };
    this.tasks = new TaskSimulator(this.tasksChannel, root.fork(3), this.rates, this.logs, this.now);
    this.agl = new AglSim(root.fork(4), this.rates, this.logs, this.now);
    this.faultRng = root.fork(5);
    this.advance(warmup);
    if (!opts.paused) this.resume();
  }

  get paused(): boolean {
    return this.timer === undefined;
  }

  /** Advance the simulated clock by `ms`, in fixed ticks so results do not depend on slicing. */
  advance(ms: number): void {
    let left = Math.min(Math.max(0, ms), MAX_STEP_MS);
    while (left > 0) {
      const dt = Math.min(TICK_MS, left);
      left -= dt;
      this.now += dt;
      this.logs.tick(this.now, dt);
      this.cluster.tick(this.now, dt);
      this.tasks.tick(this.now, dt);
      this.agl.tick(this.now, dt);
    }
  }

  resume(): void {
    if (this.timer) return;
    this.lastReal = Date.now();
    this.timer = setInterval(() => {
      const real = Date.now();
      // A machine that slept catches up at most 5 s, not hours of events at once.
      this.advance(Math.min(real - this.lastReal, 5000));
      this.lastReal = real;
    }, TICK_MS);
    this.timer.unref();
  }

  pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Drop every open connection; history and sequence numbers stay. */
  restart(): number {
    const n = this.connections.size;
    for (const c of [...this.connections]) c.destroy();
    return n;
  }

  countRequest(route: string): void {
    this.lastUsed = Date.now();
    this.requests[route] = (this.requests[route] ?? 0) + 1;
  }

  stats(): Record<string, unknown> {
    const connections: Record<string, number> = {};
    for (const c of this.connections) connections[c.key] = (connections[c.key] ?? 0) + 1;
    const lastEventId: Record<string, number> = { live: this.live.lastId, tasks: this.tasksChannel.lastId };
    for (const s of this.logs.list()) lastEventId[`logs/${s.id}`] = s.lastId;
    return {
      now: this.now,
      paused: this.paused,
      connections,
      opened: { ...this.opened },
      requests: { ...this.requests },
      lastEventId,
      faults: this.faults.all(),
    };
  }

  close(): void {
    this.pause();
    this.restart();
  }
}
