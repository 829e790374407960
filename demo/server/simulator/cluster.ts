/**
 * The remote-execution cluster: workers, actions moving through their stages, stores filling
 * and evicting, clients coming and going. Every change is published as a keyed upsert (or a
 * removal) through the core's LiveState (src/server/live.ts), which keeps the `reset` snapshot.
 */
import type {
  Activity,
  ActivityType,
  ClientInfo,
  StoreInfo,
  WorkerInfo,
  WorkerStatus,
} from '../../../src/streams/models.js';
import type { LiveState } from '../../../src/server/live.js';
import { ANSI, type SchedulerFacts } from './logs.js';
import type { Rng } from './rng.js';
import type { LogSink, Rates, Simulator } from './types.js';

/** Finished activities stay visible this long, then are removed. */
const KEEP_FINISHED_MS = 60_000;
/** Hard cap on activities held (oldest finished ones go first). */
const MAX_ACTIVITIES = 400;
const MAX_CLIENTS = 24;
const MAX_OUTPUT_BYTES = 64 * 1024;
const GiB = 1024 ** 3;

interface Job {
  activity: Activity;
  /** When the current stage ends. */
  nextAt: number;
  outcome: 'success' | 'failed' | 'canceled' | 'cached';
  execMs: number;
  bytes: number;
}

interface WorkerSim {
  info: WorkerInfo;
  slots: number;
  jobs: Set<string>;
  nextMetricsAt: number;
  /** When a transient status (unavailable, draining→offline/paused) ends. */
  statusUntil: number;
  reportsNetwork: boolean;
  silent: boolean;
}

const TARGETS = [
  ['CppCompile', '//base:strings', 'clang++ -c base/strings.cc -o bazel-out/k8-opt/bin/base/_objs/strings.o'],
  ['CppCompile', '//net/http:server', 'clang++ -c net/http/server.cc -O2 -fPIC'],
  ['CppLink', '//cmd/api:api', 'clang++ -o bazel-out/k8-opt/bin/cmd/api/api @params'],
  ['GoCompile', '//services/auth:go_default_library', 'go tool compile -p auth -o auth.a'],
  ['Javac', '//java/com/acme/billing:lib', 'javac -d classes @sources.params'],
  ['TestRunner', '//net:http_test', 'bazel-out/k8-fastbuild/bin/net/http_test --gtest_shuffle'],
  ['Genrule', '//proto:api_gen', 'protoc --cpp_out=bazel-out/gen proto/api.proto'],
  ['RustCompile', '//tools/indexer:indexer', 'rustc --edition=2021 -C opt-level=3 src/main.rs'],
  ['TsProject', '//web/app:bundle', 'tsc -p web/app/tsconfig.json'],
] as const;

/** Of the blobs a store has, the share its memory tier holds (the rest: the filesystem tier). */
const MEMORY_SHARE = { cas: 0.6, ac: 0.75 } as const;

/** A heartbeat this many seconds old is late (they come every 3 s). */
const HEARTBEAT_LATE_S = 10;

const TOOLS = ['bazel 7.4.1', 'buck2 2025-01-15', 'reclient 0.167', 'bazel 8.0.0', 'goma 2.0'];

export class ClusterSim implements Simulator {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: string[] = [];
  private readonly workers: WorkerSim[] = [];
  private readonly dirtyStores = new Set<string>();
  private nextStoreFlush = 0;
  private activitySeq = 0;
  private clientSeq = 0;
  private tierState = 0x5eed;
  private now: number;

  constructor(
    readonly state: LiveState,
    private readonly rng: Rng,
    private readonly rates: Rates,
    private readonly logs: LogSink,
    workerCount: number,
    startTime: number,
  ) {
    this.now = startTime;
    for (let i = 1; i <= workerCount; i++) this.addWorker(i, workerCount);
    this.addStores();
    for (let i = 0; i < 5; i++) this.connectClient();
  }

  /** The figures the scheduler's log lines quote (see LogSim.facts). */
  schedulerFacts(): SchedulerFacts {
    let available = 0;
    let late: SchedulerFacts['late'] = null;
    for (const w of this.workers) {
      const { status, lastHeartbeat } = w.info;
      if (status === 'idle' || status === 'working') available++;
      // Heartbeats come every 3 s; one older than 10 s is late (an offline worker's, say).
      if (lastHeartbeat != null) {
        const age = Math.floor((this.now - lastHeartbeat) / 1000);
        if (age >= HEARTBEAT_LATE_S && age > (late?.ageSec ?? -1)) late = { id: w.info.id, ageSec: age };
      }
    }
    return { queueDepth: this.queue.length, available, total: this.workers.length, late };
  }

  /** A worker's disk usage in whole percent, as its card shows it (null: not reported). */
  diskPercent(id: string): number | null {
    const disk = this.state.workers.get(id)?.metrics.disk;
    return disk && disk.total > 0 ? Math.round((disk.used / disk.total) * 100) : null;
  }

  // ── setup ───────────────────────────────────────────────────────────────────────────

  private addWorker(i: number, count: number): void {
    const id = `worker-${String(i).padStart(2, '0')}`;
    // The last worker of a full cluster registered but never reported: every metric null.
    const silent = count >= 12 && i === count;
    const reportsNetwork = i % 4 !== 0;
    const info: WorkerInfo = {
      id,
      status: silent ? 'unavailable' : 'idle',
      subStatus: null,
      metrics: silent
        ? { cpu: null, memory: null, disk: null, network: null }
        : {
            cpu: round(this.rng.range(0.02, 0.1), 3),
            memory: { used: Math.round(this.rng.range(1, 3) * GiB), total: 16 * GiB },
            disk: { used: Math.round(this.rng.range(50, 200) * GiB), total: 500 * GiB },
            network: reportsNetwork ? { rxBps: 0, txBps: 0 } : null,
          },
      actions: [],
      lastHeartbeat: silent ? null : this.now,
      platform: {
        OSFamily: i % 5 === 0 ? 'macos' : 'linux',
        ISA: i % 3 === 0 ? 'aarch64' : 'x86-64',
        cores: String(i % 2 ? 16 : 32),
      },
    };
    const w: WorkerSim = {
      info,
      slots: i % 2 ? 2 : 3,
      jobs: new Set(),
      nextMetricsAt: this.now + this.rng.int(0, 3000),
      statusUntil: 0,
      reportsNetwork,
      silent,
    };
    this.workers.push(w);
    this.state.upsert('worker', info);
  }

  private addStores(): void {
    const mk = (id: string, name: string, kind: string, parent: string | null, limit: number | null, config: StoreInfo['config']): void => {
      this.state.upsert('store', {
        id,
        name,
        kind,
        parent,
        config,
        usedBytes: 0,
        limitBytes: limit,
        entries: 0,
        hits: 0,
        misses: 0,
        evictions: 0,
        status: 'ok',
      });
    };
    mk('cas', 'CAS', 'fast_slow', null, null, { instance: 'main', digestFunction: 'sha256' });
    mk('cas-memory', 'CAS memory', 'memory', 'cas', 2 * GiB, { evictionPolicy: 'lru', maxBytes: 2 * GiB });
    mk('cas-fs', 'CAS filesystem', 'filesystem', 'cas', 200 * GiB, { path: '/var/cache/nativelink/cas', maxBytes: 200 * GiB });
    mk('ac', 'Action cache', 'fast_slow', null, null, { instance: 'main' });
    mk('ac-memory', 'AC memory', 'memory', 'ac', 256 * 1024 ** 2, { evictionPolicy: 'lru', maxBytes: 256 * 1024 ** 2 });
    mk('ac-fs', 'AC filesystem', 'filesystem', 'ac', 20 * GiB, { path: '/var/cache/nativelink/ac', maxBytes: 20 * GiB });
    // Pre-fill the slow tiers so usage bars are not empty at start.
    const casFs = this.state.stores.get('cas-fs')!;
    casFs.usedBytes = Math.round(this.rng.range(60, 120) * GiB);
    casFs.entries = Math.round(casFs.usedBytes / 180_000);
    const acFs = this.state.stores.get('ac-fs')!;
    acFs.usedBytes = Math.round(this.rng.range(2, 6) * GiB);
    acFs.entries = Math.round(acFs.usedBytes / 4000);
    for (const id of ['cas', 'cas-fs', 'ac', 'ac-fs']) this.dirtyStores.add(id);
  }

  private connectClient(): ClientInfo {
    const n = ++this.clientSeq;
    const id = n % 3 === 0 ? `client-ci-${n}` : `client-dev-${n}`;
    const client: ClientInfo = {
      id,
      address: `10.${this.rng.int(0, 3)}.${this.rng.int(0, 255)}.${this.rng.int(2, 254)}:${this.rng.int(30000, 60000)}`,
      tool: this.rng.pick(TOOLS),
      status: 'active',
      executions: 0,
      bytesSent: 0,
      bytesReceived: 0,
      connectedAt: this.now,
      lastSeen: this.now,
      recent: [],
    };
    this.state.upsert('client', client);
    this.logs.log('scheduler', 'info', `client ${ANSI.cyan}${id}${ANSI.reset} connected from ${client.address} (${client.tool})`);
    return client;
  }

  // ── the tick ────────────────────────────────────────────────────────────────────────

  tick(now: number, dt: number): void {
    this.now = now;
    const n = this.rng.poisson(this.rates.activities, dt);
    for (let i = 0; i < n; i++) this.spawn();
    for (const job of [...this.jobs.values()]) if (now >= job.nextAt) this.advance(job);
    this.dispatch();
    this.tickWorkers();
    this.tickClients(dt);
    this.expireActivities();
    if (now >= this.nextStoreFlush) this.flushStores();
  }

  private pickClient(): ClientInfo {
    const live = [...this.state.clients.values()].filter((c) => c.status !== 'disconnected');
    return live.length ? this.rng.pick(live) : this.connectClient();
  }

  private spawn(): void {
    const type = this.rng.weighted<ActivityType>([
      ['execution', 60],
      ['upload', 12],
      ['download', 12],
      ['client', 10],
      ['other', 6],
    ]);
    const client = this.pickClient();
    const seq = ++this.activitySeq;
    const id = `act-${seq.toString(16).padStart(5, '0')}${this.rng.hex(3)}`;
    const [mnemonic, label, cmd] = this.rng.pick(TARGETS);
    const bytes = Math.round(Math.exp(this.rng.range(Math.log(2_000), Math.log(400_000_000))));
    const digest = `sha256:${this.rng.hex(64)}/${bytes}`;
    const base = { id, client: client.id, createdAt: this.now, updatedAt: this.now, worker: null };
    let activity: Activity;
    let job: Job;
    switch (type) {
      case 'execution':
        activity = {
          ...base,
          type,
          status: 'queued',
          stage: 'cache_check',
          title: `${mnemonic} ${label}`,
          detail: cmd,
          stages: [{ name: 'cache_check', startedAt: this.now, endedAt: null }],
          exitCode: null,
          stdoutBytes: 0,
          stderrBytes: 0,
          digest,
        };
        job = {
          activity,
          nextAt: this.now + this.rng.int(10, 120),
          outcome: this.rng.weighted([
            ['cached', 25],
            ['success', 60],
            ['failed', 11],
            ['canceled', 4],
          ] as const),
          execMs: Math.round(Math.exp(this.rng.range(Math.log(300), Math.log(15_000)))),
          bytes,
        };
        break;
      case 'upload':
      case 'download':
        activity = {
          ...base,
          type,
          status: 'in_progress',
          stage: type === 'upload' ? 'uploading' : 'downloading',
          title: `${type === 'upload' ? 'Upload' : 'Download'} ${digest.slice(7, 19)}… (${formatBytes(bytes)})`,
          detail: `${type === 'upload' ? 'ByteStream.Write' : 'ByteStream.Read'} ${digest}`,
          stages: [{ name: type === 'upload' ? 'uploading' : 'downloading', startedAt: this.now, endedAt: null }],
          bytes,
          digest,
        };
        job = {
          activity,
          nextAt: this.now + Math.min(8000, 50 + bytes / 80_000),
          outcome: this.rng.chance(0.04) ? 'failed' : 'success',
          execMs: 0,
          bytes,
        };
        break;
      default: {
        const rpc =
          type === 'client'
            ? this.rng.pick(['GetActionResult', 'FindMissingBlobs', 'GetCapabilities', 'Execute', 'WaitExecution'])
            : this.rng.pick(['gc.sweep', 'scheduler.rebalance', 'cas.verify', 'ac.compact']);
        activity = {
          ...base,
          type,
          status: 'in_progress',
          stage: type === 'client' ? 'rpc' : 'running',
          title: type === 'client' ? `${rpc} from ${client.id}` : rpc,
          detail: type === 'client' ? `build.bazel.remote.execution.v2.${rpc}` : `maintenance task ${rpc}`,
          stages: [{ name: type === 'client' ? 'rpc' : 'running', startedAt: this.now, endedAt: null }],
        };
        job = {
          activity,
          nextAt: this.now + this.rng.int(20, type === 'client' ? 600 : 4000),
          outcome: this.rng.chance(0.05) ? 'failed' : 'success',
          execMs: 0,
          bytes: 0,
        };
      }
    }
    this.jobs.set(id, job);
    client.status = 'active';
    client.lastSeen = this.now;
    client.recent = [id, ...client.recent].slice(0, 10);
    if (type === 'execution') client.executions++;
    if (type === 'upload') client.bytesSent += bytes;
    if (type === 'download') client.bytesReceived += bytes;
    this.state.upsert('client', client);
    this.state.upsert('activity', activity);
  }

  /** Close the current stage and open the next one. */
  private stage(job: Job, name: string, status: Activity['status'], durationMs: number | null): void {
    const a = job.activity;
    const last = a.stages[a.stages.length - 1];
    if (last && last.endedAt === null) last.endedAt = this.now;
    if (name !== 'completed') a.stages.push({ name, startedAt: this.now, endedAt: null });
    else a.stages.push({ name, startedAt: this.now, endedAt: this.now });
    a.stage = name;
    a.status = status;
    a.updatedAt = this.now;
    if (durationMs !== null) job.nextAt = this.now + durationMs;
  }

  private advance(job: Job): void {
    const a = job.activity;
    if (a.type !== 'execution') {
      const ok = job.outcome === 'success';
      this.touchStore(a.type === 'upload' ? 'write' : 'read', job.bytes);
      if (!ok) a.error = failureReason(a);
      this.finish(job, ok ? 'success' : 'failed');
      return;
    }
    switch (a.stage) {
      case 'cache_check': {
        const hit = job.outcome === 'cached';
        this.storeHit('ac', hit);
        if (hit) {
          this.finish(job, 'success', 0);
          return;
        }
        this.stage(job, 'queued', 'queued', null);
        job.nextAt = Infinity; // until a worker takes it
        this.queue.push(a.id);
        this.logs.log('scheduler', 'debug', `queued ${a.id} ${a.title} (queue depth ${this.queue.length})`);
        this.state.upsert('activity', a);
        return;
      }
      case 'downloading_inputs':
        this.stage(job, 'executing', 'in_progress', job.outcome === 'canceled' ? job.execMs / 3 : job.execMs);
        this.workerLog(a, 'info', `${ANSI.blue}exec${ANSI.reset} ${a.detail}`);
        break;
      case 'executing':
        if (job.outcome === 'canceled') {
          this.finish(job, 'canceled', null);
          return;
        }
        this.makeOutput(job);
        this.stage(job, 'uploading_outputs', 'in_progress', this.rng.int(30, 900));
        break;
      case 'uploading_outputs':
        this.touchStore('write', job.bytes / 10);
        this.finish(job, job.outcome === 'failed' ? 'failed' : 'success', job.outcome === 'failed' ? this.rng.pick([1, 1, 2, 137]) : 0);
        return;
      default:
        return;
    }
    this.syncWorker(a);
    this.state.upsert('activity', a);
  }

  private finish(job: Job, status: 'success' | 'failed' | 'canceled', exitCode?: number | null): void {
    const a = job.activity;
    this.stage(job, 'completed', status, null);
    job.nextAt = Infinity;
    if (exitCode !== undefined) a.exitCode = exitCode;
    this.jobs.delete(a.id);
    if (a.worker) {
      const w = this.workers.find((x) => x.info.id === a.worker);
      if (w) {
        w.jobs.delete(a.id);
        w.info.actions = w.info.actions.filter((x) => x.id !== a.id);
        this.refreshWorkerStatus(w);
        this.state.upsert('worker', w.info);
      }
      const colour = status === 'success' ? ANSI.green : status === 'failed' ? ANSI.red : ANSI.yellow;
      this.workerLog(a, status === 'failed' ? 'error' : 'info', `${colour}${status}${ANSI.reset} ${a.id} ${a.title}${exitCode != null ? ` (exit ${exitCode})` : ''}`);
    }
    this.state.upsert('activity', a);
  }

  private makeOutput(job: Job): void {
    const a = job.activity;
    const lines: string[] = [];
    const n = this.rng.int(0, 40);
    for (let i = 0; i < n; i++) {
      lines.push(
        this.rng.chance(0.2)
          ? `${ANSI.green}[${i + 1}/${n}]${ANSI.reset} ${a.title.split(' ')[0]} ${this.rng.hex(8)}.o`
          : `${a.detail.split(' ')[0]}: processing unit ${i + 1} of ${n} (${this.rng.int(1, 900)} ms)`,
      );
    }
    const stdout = lines.join('\n') + (lines.length ? '\n' : '');
    let stderr = '';
    if (job.outcome === 'failed') {
      stderr =
        `${ANSI.bold}src/${a.title.split('//')[1]?.replace(':', '/') ?? 'main'}.cc:${this.rng.int(10, 400)}:${this.rng.int(1, 80)}: ` +
        `${ANSI.red}${ANSI.bold}error:${ANSI.reset}${ANSI.bold} use of undeclared identifier 'kMaxSize'${ANSI.reset}\n` +
        `    return kMaxSize;\n           ^\n1 error generated.\n`;
    } else if (this.rng.chance(0.3)) {
      stderr = `${ANSI.magenta}${ANSI.bold}warning:${ANSI.reset} unused variable 'tmp' [-Wunused-variable]\n`;
    }
    const out = { stdout: stdout.slice(0, MAX_OUTPUT_BYTES), stderr: stderr.slice(0, MAX_OUTPUT_BYTES) };
    this.state.setOutput(a.id, out);
    a.stdoutBytes = Buffer.byteLength(out.stdout);
    a.stderrBytes = Buffer.byteLength(out.stderr);
  }

  private workerLog(a: Activity, level: 'info' | 'error' | 'debug', text: string): void {
    if (a.worker) this.logs.log(a.worker, level, text, a.worker);
  }

  // ── scheduling and workers ──────────────────────────────────────────────────────────

  private dispatch(): void {
    while (this.queue.length) {
      const free = this.workers.filter(
        (w) => (w.info.status === 'idle' || w.info.status === 'working') && w.jobs.size < w.slots,
      );
      if (!free.length) return;
      const id = this.queue.shift()!;
      const job = this.jobs.get(id);
      if (!job) continue;
      if (job.outcome === 'canceled' && this.rng.chance(0.3)) {
        this.finish(job, 'canceled', null);
        continue;
      }
      const w = this.rng.pick(free);
      const a = job.activity;
      a.worker = w.info.id;
      w.jobs.add(id);
      this.stage(job, 'downloading_inputs', 'in_progress', this.rng.int(20, 1500));
      this.touchStore('read', job.bytes / 5);
      w.info.actions.push({ id, title: a.title, stage: a.stage, startedAt: this.now });
      this.refreshWorkerStatus(w);
      this.state.upsert('worker', w.info);
      this.state.upsert('activity', a);
      this.logs.log('scheduler', 'info', `assigned ${a.id} to ${w.info.id}`);
      this.workerLog(a, 'debug', `downloading inputs for ${a.id}`);
    }
  }

  /** Mirror an activity's stage into its worker's action list. */
  private syncWorker(a: Activity): void {
    const w = this.workers.find((x) => x.info.id === a.worker);
    if (!w) return;
    const action = w.info.actions.find((x) => x.id === a.id);
    if (action) action.stage = a.stage;
    this.refreshWorkerStatus(w);
    this.state.upsert('worker', w.info);
  }

  private refreshWorkerStatus(w: WorkerSim): void {
    const info = w.info;
    if (info.status !== 'idle' && info.status !== 'working' && info.status !== 'draining') return;
    const stages = info.actions.map((x) => x.stage);
    if (info.status !== 'draining') info.status = stages.length ? 'working' : 'idle';
    info.subStatus = stages.includes('executing')
      ? 'executing'
      : stages.includes('uploading_outputs')
        ? 'uploading'
        : stages.includes('downloading_inputs')
          ? 'downloading'
          : null;
  }

  private tickWorkers(): void {
    for (const w of this.workers) {
      if (w.silent) continue;
      const info = w.info;
      let changed = false;
      // Occasional status excursions: draining → paused/offline → back; short unavailability.
      if (info.status === 'idle' && this.rng.chance(0.00015)) {
        this.setStatus(w, 'unavailable', this.rng.int(3000, 10_000));
        changed = true;
      } else if ((info.status === 'idle' || info.status === 'working') && this.rng.chance(0.00008)) {
        this.setStatus(w, 'draining', 0);
        changed = true;
      } else if (info.status === 'draining' && w.jobs.size === 0) {
        this.setStatus(w, this.rng.chance(0.5) ? 'offline' : 'paused', this.rng.int(10_000, 40_000));
        changed = true;
      } else if ((info.status === 'unavailable' || info.status === 'offline' || info.status === 'paused') && this.now >= w.statusUntil) {
        this.setStatus(w, 'idle', 0);
        changed = true;
      }
      if (this.now >= w.nextMetricsAt) {
        w.nextMetricsAt = this.now + 3000;
        if (info.status !== 'offline') {
          this.moveMetrics(w);
          info.lastHeartbeat = this.now;
          changed = true;
        }
      }
      if (changed) this.state.upsert('worker', info);
    }
  }

  private setStatus(w: WorkerSim, status: WorkerStatus, forMs: number): void {
    const from = w.info.status;
    w.info.status = status;
    w.statusUntil = this.now + forMs;
    if (status === 'idle') this.refreshWorkerStatus(w);
    else if (status !== 'draining') w.info.subStatus = null;
    const level = status === 'offline' || status === 'unavailable' ? 'warn' : 'info';
    this.logs.log('scheduler', level, `${w.info.id}: ${from} → ${status}`);
    this.logs.log(w.info.id, level, `status ${from} → ${status}`);
  }

  private moveMetrics(w: WorkerSim): void {
    const m = w.info.metrics;
    const load = w.jobs.size / w.slots;
    const walk = (v: number, target: number, k: number): number => v + (target - v) * k + this.rng.range(-0.04, 0.04);
    m.cpu = clamp(walk(m.cpu ?? 0, 0.05 + load * 0.85, 0.5), 0, 1);
    if (m.memory) m.memory.used = clamp(walk(m.memory.used / m.memory.total, 0.15 + load * 0.5, 0.3), 0.05, 0.98) * m.memory.total;
    if (m.disk) m.disk.used = clamp(m.disk.used + this.rng.range(-0.2, 0.5) * GiB, 10 * GiB, m.disk.total * 0.97);
    if (w.reportsNetwork)
      m.network = {
        rxBps: Math.round(load * this.rng.range(5e6, 120e6)),
        txBps: Math.round(load * this.rng.range(1e6, 40e6)),
      };
    m.cpu = round(m.cpu, 3);
    if (m.memory) m.memory.used = Math.round(m.memory.used);
    if (m.disk) m.disk.used = Math.round(m.disk.used);
  }

  // ── stores ──────────────────────────────────────────────────────────────────────────

  /**
   * A lookup in a fast_slow store: the memory tier answers first; what it does not hold is looked
   * up in the filesystem tier, which holds most of what the store has (so it hits too — it
   * only ever missed before, and showed 0.0 %). `hit`: the store as a whole has the blob.
   */
  private storeHit(root: 'cas' | 'ac', hit: boolean): void {
    const count = (id: string, h: boolean) => {
      const s = this.state.stores.get(id)!;
      if (h) s.hits++;
      else s.misses++;
      this.dirtyStores.add(id);
    };
    count(root, hit);
    const inMemory = hit && this.tierDraw() < MEMORY_SHARE[root];
    count(`${root}-memory`, inMemory);
    if (!inMemory) count(`${root}-fs`, hit);
  }

  /**
   * A draw for the tier a blob is found in, from a generator of its own: the world's random
   * stream (and every seeded test built on it) stays as it was.
   */
  private tierDraw(): number {
    this.tierState = (this.tierState + 0x6d2b79f5) >>> 0;
    let t = this.tierState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private touchStore(op: 'read' | 'write', bytes: number): void {
    bytes = Math.max(1, Math.round(bytes));
    if (op === 'read') {
      this.storeHit('cas', this.rng.chance(0.8));
      return;
    }
    for (const id of ['cas-memory', 'cas-fs', 'ac-memory', 'ac-fs']) {
      const s = this.state.stores.get(id)!;
      const size = id.startsWith('ac') ? Math.min(bytes, 4096) : bytes;
      s.usedBytes += size;
      s.entries++;
      // Evict (LRU, in effect) down to 90% when over the limit.
      if (s.limitBytes !== null && s.usedBytes > s.limitBytes) {
        const avg = s.usedBytes / Math.max(1, s.entries);
        const target = s.limitBytes * 0.9;
        const evicted = Math.ceil((s.usedBytes - target) / Math.max(1, avg));
        s.usedBytes = Math.round(target);
        s.entries = Math.max(0, s.entries - evicted);
        s.evictions += evicted;
        this.logs.log('cas', 'info', `${s.id}: evicted ${evicted} entries (${formatBytes(evicted * avg)})`);
      }
      this.dirtyStores.add(id);
    }
    this.dirtyStores.add('cas');
    this.dirtyStores.add('ac');
  }

  /** Store upserts are batched: at most one per store per second. */
  private flushStores(): void {
    this.nextStoreFlush = this.now + 1000;
    for (const root of ['cas', 'ac']) {
      const parent = this.state.stores.get(root)!;
      const kids = [...this.state.stores.values()].filter((s) => s.parent === root);
      parent.usedBytes = kids.reduce((s, k) => s + k.usedBytes, 0);
      parent.entries = Math.max(...kids.map((k) => k.entries));
      parent.evictions = kids.reduce((s, k) => s + k.evictions, 0);
    }
    for (const id of this.dirtyStores) this.state.upsert('store', this.state.stores.get(id)!);
    this.dirtyStores.clear();
  }

  // ── clients and expiry ──────────────────────────────────────────────────────────────

  private tickClients(dt: number): void {
    if (this.state.clients.size < MAX_CLIENTS && this.rng.poisson(1 / 45, dt) > 0) this.connectClient();
    for (const c of [...this.state.clients.values()]) {
      if (c.status === 'disconnected') {
        if (this.now - c.lastSeen > 60_000) this.state.remove('client', c.id);
        continue;
      }
      if (c.status === 'active' && this.now - c.lastSeen > 20_000) {
        c.status = 'idle';
        this.state.upsert('client', c);
      } else if (c.status === 'idle' && this.rng.poisson(1 / 90, dt) > 0 && this.state.clients.size > 3) {
        c.status = 'disconnected';
        c.lastSeen = this.now;
        this.state.upsert('client', c);
        this.logs.log('scheduler', 'info', `client ${c.id} disconnected`);
      }
    }
  }

  private expireActivities(): void {
    const finished: Activity[] = [];
    for (const a of this.state.activities.values()) if (!this.jobs.has(a.id)) finished.push(a);
    const excess = this.state.activities.size - MAX_ACTIVITIES;
    let removed = 0;
    for (const a of finished) {
      // Map iteration is insertion order, so the oldest finished go first.
      if (removed < excess || this.now - a.updatedAt > KEEP_FINISHED_MS) {
        this.state.remove('activity', a.id); // its output goes with it
        removed++;
      }
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function round(v: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

/** What the server says when a transfer, an RPC or a maintenance task fails (gRPC status: message). */
const FAILURE_REASONS: Record<string, readonly string[]> = {
  // No reason names a time: these fail within a second, and "did not finish within 60s" would lie.
  upload: ['UNAVAILABLE: connection reset by peer', 'RESOURCE_EXHAUSTED: CAS is full, eviction in progress', 'DATA_LOSS: digest does not match the uploaded bytes'],
  download: ['NOT_FOUND: blob was evicted from the CAS', 'UNAVAILABLE: connection reset by peer', 'DATA_LOSS: read returned fewer bytes than the digest size'],
  client: ['UNAVAILABLE: connection reset by peer', 'PERMISSION_DENIED: instance name "main" is not allowed for this client', 'INVALID_ARGUMENT: digest size does not match the blob', 'CANCELLED: the client went away'],
  other: ['ABORTED: another sweep holds the lock', 'INTERNAL: store verification found corrupt blobs'],
};

/** A reason chosen from the activity's id (no draw from the world's random stream, so runs stay the same). */
function failureReason(a: Activity): string {
  const list = FAILURE_REASONS[a.type] ?? FAILURE_REASONS.other;
  let h = 0;
  for (let i = 0; i < a.id.length; i++) h = (h * 31 + a.id.charCodeAt(i)) >>> 0;
  return list[h % list.length];
}
