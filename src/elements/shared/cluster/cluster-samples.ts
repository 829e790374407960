/**
 * Deterministic sample clusters for stories, screenshots and benchmarks (never imported by
 * the elements themselves).
 */
import type { ClientInfo, StoreInfo, WorkerInfo, WorkerStatus, WorkerSubStatus } from '../../../streams/models.js';

/** A tiny seeded PRNG (mulberry32) so every story renders the same. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GiB = 1024 ** 3;
const TITLES = ['CppCompile //base:strings', 'GoLink //cmd/server', 'Javac //java/core:lib', 'TestRunner //net:http_test', 'Genrule //proto:api_pb', 'RustCompile //crates/hub', 'CppLink //app:main'];
const SUBS: WorkerSubStatus[] = ['downloading', 'executing', 'uploading'];
const STAGE_OF: Record<WorkerSubStatus, string> = { downloading: 'downloading_inputs', executing: 'executing', uploading: 'uploading_outputs' };

export function sampleWorker(i: number, now: number, r: () => number, status?: WorkerStatus): WorkerInfo {
  const id = `worker-${String(i + 1).padStart(2, '0')}`;
  const s: WorkerStatus = status ?? (r() < 0.6 ? 'working' : r() < 0.85 ? 'idle' : (['draining', 'paused', 'idle'] as const)[Math.floor(r() * 3)]);
  const sub = s === 'working' ? SUBS[Math.floor(r() * 3)] : null;
  const memTotal = [8, 16, 32, 64][i % 4] * GiB;
  const n = s === 'working' ? 1 + Math.floor(r() * 3) : 0;
  return {
    id,
    status: s,
    subStatus: sub,
    metrics: {
      cpu: s === 'working' ? 0.35 + r() * 0.6 : r() * 0.1,
      memory: { used: memTotal * (0.2 + r() * 0.6), total: memTotal },
      disk: i % 7 === 3 ? null : { used: 5e11 * (0.1 + r() * 0.8), total: 5e11 },
      network: i % 5 === 4 ? null : { rxBps: r() * 80e6, txBps: r() * 20e6 },
    },
    actions: Array.from({ length: n }, (_, k) => ({
      id: `act-${i}-${k}`,
      title: TITLES[(i + k) % TITLES.length],
      stage: sub ? STAGE_OF[sub] : 'executing',
      startedAt: now - Math.floor(r() * 90_000) - 1000,
    })),
    lastHeartbeat: now - Math.floor(r() * 4000),
    platform: { OSFamily: i % 6 === 5 ? 'macos' : 'linux', ISA: i % 3 === 2 ? 'aarch64' : 'x86-64', pool: i % 4 === 0 ? 'gpu' : 'default' },
  };
}

/** `count` workers with a mix of statuses; a few late or lost heartbeats if `withTrouble`. */
export function sampleWorkers(count: number, now: number, seed = 7, withTrouble = true): WorkerInfo[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const w = sampleWorker(i, now, r);
    if (withTrouble && i % 11 === 6) w.lastHeartbeat = now - 25_000; // late → Unavailable
    if (withTrouble && i % 17 === 9) w.lastHeartbeat = now - 120_000; // lost → Offline
    return w;
  });
}

/** The next second of a worker: metrics drift, heartbeat advances. */
export function tickWorker(w: WorkerInfo, now: number, r: () => number): WorkerInfo {
  const m = w.metrics;
  const drift = (v: number) => Math.min(1, Math.max(0, v + (r() - 0.5) * 0.15));
  return {
    ...w,
    metrics: {
      cpu: m.cpu == null ? null : drift(m.cpu),
      memory: m.memory ? { used: drift(m.memory.used / m.memory.total) * m.memory.total, total: m.memory.total } : null,
      disk: m.disk,
      network: m.network ? { rxBps: r() * 80e6, txBps: r() * 20e6 } : null,
    },
    lastHeartbeat: w.lastHeartbeat != null && now - w.lastHeartbeat < 15_000 ? now : w.lastHeartbeat,
  };
}

export function sampleStores(): StoreInfo[] {
  return [
    { id: 'cas', name: 'CAS', kind: 'fast_slow', parent: null, config: { verify_size: true, hash: 'sha256' }, usedBytes: 412 * GiB, limitBytes: 1024 * GiB, entries: 1_832_113, hits: 981_220, misses: 41_003, evictions: 10_233, status: 'ok' },
    { id: 'cas-mem', name: 'CAS memory', kind: 'memory', parent: 'cas', config: { eviction: 'lru', max_bytes: '8 GiB' }, usedBytes: 7.6 * GiB, limitBytes: 8 * GiB, entries: 120_441, hits: 612_000, misses: 369_220, evictions: 88_120, status: 'ok' },
    { id: 'cas-fs', name: 'CAS filesystem', kind: 'filesystem', parent: 'cas', config: { path: '/var/cache/nativelink/cas', max_bytes: '1 TiB' }, usedBytes: 404 * GiB, limitBytes: 1024 * GiB, entries: 1_711_672, hits: 369_220, misses: 41_003, evictions: 0, status: 'ok' },
    { id: 'ac', name: 'Action cache', kind: 'ac', parent: null, config: { hash: 'sha256' }, usedBytes: 1.2 * GiB, limitBytes: null, entries: 88_001, hits: 12_500, misses: 3_100, evictions: 0, status: 'degraded' },
    { id: 'ac-redis', name: 'AC redis', kind: 'redis', parent: 'ac', config: { address: 'redis://cache-0:6379', pool: 16 }, usedBytes: 1.2 * GiB, limitBytes: 2 * GiB, entries: 88_001, hits: 0, misses: 0, evictions: 0, status: 'degraded' },
  ];
}

export function sampleClients(now: number): ClientInfo[] {
  return [
    { id: 'client-ci-7', address: '10.0.4.17:53122', tool: 'bazel 7.4.1', status: 'active', executions: 18_233, bytesSent: 12.4 * GiB, bytesReceived: 88.1 * GiB, connectedAt: now - 3_600_000, lastSeen: now - 800, recent: ['act-00412', 'act-00411', 'act-00409'] },
    { id: 'client-dev-alice', address: '192.168.1.20:60211', tool: 'buck2 2024.11', status: 'idle', executions: 412, bytesSent: 220 * 1024 ** 2, bytesReceived: 1.9 * GiB, connectedAt: now - 7_200_000, lastSeen: now - 95_000, recent: ['act-00388'] },
    { id: 'client-ci-3', address: '10.0.4.13:41002', tool: 'bazel 7.4.1', status: 'disconnected', executions: 9_004, bytesSent: 6.1 * GiB, bytesReceived: 40.2 * GiB, connectedAt: now - 86_400_000, lastSeen: now - 1_800_000, recent: [] },
  ];
}
