/**
 * Short micro-benchmark of the relay's ingest path, for iterating on it (relay.bench.ts is
 * the long one that records figures). Two parts, each printing lines/s:
 * - pipeline (lines per CPU second of this process): a file's bytes → LineSplitter → the relay's sink (level, JSON, ring) → batches
 *   encoded and framed once → N listeners that only take the shared Buffer (no sockets);
 * - sockets: relay.bench.ts's "lines/s in" (a file source, N viewers as raw SSE sockets in a
 *   child process), for N = 1 and 10.
 *
 * - held: relay.bench.ts's latency at 100 lines/s with N viewers, and each process's CPU.
 *
 *   node --import tsx test/bench/relay-ingest.micro.ts [pipeline|sockets] [lines]
 *   node --import tsx test/bench/relay-ingest.micro.ts held [viewers] [seconds]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineSplitter } from '../../src/cli/relay/lines.js';
import { createRelay } from '../../src/cli/relay/relay.js';
import { parseSource } from '../../src/cli/relay/sources/registry.js';
import { LogStreams } from '../../src/server/logs.js';
import { toLine } from '../../src/cli/relay/relay.js';
import { logLine } from './log-lines.js';

const part = process.argv[2] ?? 'all';
const LINES = Number(process.argv[3] ?? 200_000);
const PROCS = Number(process.env.PROCS ?? 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = (): number => performance.timeOrigin + performance.now();

const body = Buffer.from(Array.from({ length: LINES }, (_, i) => `${logLine(i)}\n`).join(''));

async function pipeline(listeners: number): Promise<number> {
  const logs = new LogStreams();
  const stream = logs.add('in', 'in', 1000);
  let bytes = 0;
  for (let i = 0; i < listeners; i++) stream.channel.subscribe((m) => void (m.type === 'batch' && (bytes += m.batch.chunk.length)));
  const splitter = new LineSplitter();
  const c0 = process.cpuUsage();
  for (let at = 0; at < body.length; at += 64 * 1024) {
    for (const l of splitter.push(body.subarray(at, at + 64 * 1024))) stream.append(toLine(stream, { text: l.text }));
    await new Promise((r) => setImmediate(r));
  }
  const c = process.cpuUsage(c0);
  if (stream.lastId !== LINES || bytes === 0) throw new Error(`pipeline: ${stream.lastId} lines`);
  // CPU time, not wall time: the machine is shared, and a busy neighbour stretches wall time.
  return Math.round(LINES / ((c.user + c.system) / 1e6));
}

/** Viewers spread over `procs` child processes (relay-viewers.ts), so they are not the bottleneck. */
class Viewers {
  private readonly children: ChildProcess[];
  constructor(procs = PROCS) {
    this.children = Array.from({ length: procs }, () => fork(join(import.meta.dirname, 'relay-viewers.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }
  private one<T>(child: ChildProcess, m: Record<string, unknown>): Promise<T> {
    return new Promise((done) => {
      child.once('message', (r) => done(r as T));
      child.send(m);
    });
  }
  async ask<T>(m: Record<string, unknown>): Promise<T> {
    const k = this.children.length;
    // A process given no viewers is asked nothing to open (its stats: min Infinity, ignored).
    const share = (i: number): number => Math.floor((Number(m.n) + k - 1 - i) / k);
    const rs = await Promise.all(
      this.children.map((c, i) => (m.cmd === 'open' && share(i) === 0 ? Promise.resolve({}) : this.one<Record<string, never>>(c, m.cmd === 'open' ? { ...m, n: share(i) } : m))),
    );
    const r = rs[0] as Record<string, unknown>;
    if (m.cmd !== 'stats') return r as T;
    return {
      // (A process with no viewers says null: Infinity does not survive IPC's JSON.)
      min: Math.min(...rs.filter((x: any) => x.min != null).map((x: any) => x.min)),
      max: Math.max(...rs.filter((x: any) => x.max != null).map((x: any) => x.max)),
      latencies: rs.flatMap((x: any) => x.latencies),
      cpu: { user: rs.reduce((a, x: any) => a + x.cpu.user, 0), system: rs.reduce((a, x: any) => a + x.cpu.system, 0) },
      closed: rs.reduce((a, x: any) => a + x.closed, 0),
    } as T;
  }
  async close(): Promise<void> {
    await this.ask({ cmd: 'close' });
    for (const c of this.children) c.kill();
  }
}

async function sockets(viewerCount: number, dir: string): Promise<number> {
  const path = join(dir, `in-${viewerCount}.log`);
  writeFileSync(path, '');
  const relay = await createRelay({ sources: [parseSource(`file:in=${path}`)], port: 0, staticDir: null, keep: 1000, say: () => {} });
  const viewers = new Viewers();
  await sleep(300);
  await viewers.ask({ cmd: 'open', url: `${relay.url}/logs/in?tail=0`, n: viewerCount, sampled: 0 });
  const c0 = (await viewers.ask<{ cpu: NodeJS.CpuUsage }>({ cmd: 'stats' })).cpu;
  const r0 = process.cpuUsage();
  const t0 = now();
  appendFileSync(path, body);
  let c1 = c0;
  for (;;) {
    const s = await viewers.ask<{ min: number; max: number; cpu: NodeJS.CpuUsage; closed: number }>({ cmd: 'stats' });
    c1 = s.cpu;
    if (s.min >= LINES) break;
    if (now() - t0 > 60_000 || s.closed) {
      console.log(`  ${viewerCount} viewers: only ${s.min}..${s.max}/${LINES} lines; ${s.closed} viewers ended by the relay`);
      break;
    }
    await sleep(20);
  }
  const secs = (now() - t0) / 1000;
  const r = process.cpuUsage(r0);
  const ms = (u: number, s: number): string => `${Math.round(u / 1000)}+${Math.round(s / 1000)} ms`;
  console.log(`  ${viewerCount} viewers: ${Math.round(secs * 1000)} ms wall; CPU (user+sys) relay ${ms(r.user, r.system)}, viewers ${ms(c1.user - c0.user, c1.system - c0.system)}`);
  await viewers.close();
  await relay.close();
  return Math.round(LINES / secs);
}

/** relay.bench.ts's held latency: N viewers, 20 sampled ones opened last, 100 lines/s for `seconds`. */
async function held(viewerCount: number, seconds: number): Promise<string> {
  const relay = await createRelay({ sources: [], port: 0, staticDir: null, say: () => {} });
  const stream = relay.logs.add('held', 'held', 1000);
  const viewers = new Viewers();
  await viewers.ask({ cmd: 'open', url: `${relay.url}/logs/held?tail=0`, n: viewerCount, sampled: 0 });
  await sleep(500);
  const tail = new Viewers(1);
  await tail.ask({ cmd: 'open', url: `${relay.url}/logs/held?tail=0`, n: 20, sampled: 20 });
  const cv0 = (await viewers.ask<{ cpu: NodeJS.CpuUsage }>({ cmd: 'stats' })).cpu;
  const r0 = process.cpuUsage();
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) {
    stream.append({ text: `t=${now()} ${'x'.repeat(60)}` });
    await sleep(10);
  }
  await sleep(500);
  const r = process.cpuUsage(r0);
  const s = await tail.ask<{ latencies: number[] }>({ cmd: 'stats' });
  const cv = (await viewers.ask<{ cpu: NodeJS.CpuUsage; min: number }>({ cmd: 'stats' }));
  await tail.close();
  await viewers.close();
  await relay.close();
  const st = (globalThis as any).__stats as number[][] | undefined;
  if (st) { const avg = (i: number) => (st.reduce((a, x) => a + x[i]!, 0) / st.length).toFixed(1); const mx = (i: number) => Math.max(...st.map((x) => x[i]!)).toFixed(1); console.log(`loop avg ${avg(0)} max ${mx(0)}; writes avg ${avg(1)} max ${mx(1)}; timer late+loop+writes avg ${avg(2)} max ${mx(2)} (n=${st.length})`); }
  const l = s.latencies.sort((a, b) => a - b);
  const pct = (p: number): string => l[Math.min(l.length - 1, Math.floor((p / 100) * l.length))]!.toFixed(1);
  const cpu = (u: NodeJS.CpuUsage): string => `${Math.round((u.user + u.system) / 1e4 / (seconds + 0.5))}%`;
  return `${viewerCount} viewers: p50/p99 ${pct(50)}/${pct(99)} ms; CPU relay ${cpu(r)}, viewers' process ${cpu({ user: cv.cpu.user - cv0.user, system: cv.cpu.system - cv0.system })}`;
}

if (part === 'held') console.log(await held(Number(process.argv[3] ?? 5000), Number(process.argv[4] ?? 4)));
if (part === 'all' || part === 'pipeline') {
  for (const n of [1, 10]) {
    const runs = [];
    for (let r = 0; r < 5; r++) runs.push(await pipeline(n));
    console.log(`pipeline, ${n} listeners: ${runs.join(' / ')} lines per CPU second (best ${Math.max(...runs)})`);
  }
}
if (part === 'all' || part === 'sockets') {
  const dir = mkdtempSync(join(tmpdir(), 'telltale-relay-micro-'));
  for (const n of [1, 10]) console.log(`sockets, ${n} viewers: ${await sockets(n, dir)} lines/s`);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
