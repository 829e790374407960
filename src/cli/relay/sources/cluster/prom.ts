/**
 * `prom:NAME=URL`: a Prometheus node_exporter scraped every few seconds into a worker named NAME.
 * CPU is the rate of non-idle `node_cpu_seconds_total` between two scrapes, memory is
 * MemTotal − MemAvailable, disk is the root filesystem, network the rate of the physical
 * interfaces' byte counters. The heartbeat is the last good scrape: when the exporter stops
 * answering, the worker keeps its last heartbeat and the board turns it Unavailable, then Offline.
 */
import parsePrometheusTextFormat, { type PromFamily } from 'parse-prometheus-text-format';
import type { AssignedAction, WorkerInfo } from '../../../../streams/models.js';
import { StatusCell, type ClusterSource, type LiveFeed, type StatusListener } from './types.js';

export interface NodeSample {
  at: number;
  /** Seconds per mode summed over CPUs. */
  cpuBusy: number;
  cpuTotal: number;
  memory: { used: number; total: number } | null;
  disk: { used: number; total: number } | null;
  rxBytes: number | null;
  txBytes: number | null;
  platform: Record<string, string>;
}

/** Virtual interfaces whose traffic is counted elsewhere or is not the machine's. */
const VIRTUAL_IF = /^(lo|docker\d*|veth.*|br-.*|virbr.*|ifb\d*|cni.*|flannel.*|tun\d*|tap\d*)$/;

function family(fams: PromFamily[], name: string): PromFamily | undefined {
  return fams.find((f) => f.name === name);
}
function num(v: string | undefined): number {
  return v === undefined ? NaN : Number(v);
}

/** Parse node_exporter text into the numbers a worker needs. Throws with a clear message on text that is not node_exporter's. */
export function parseNodeExporter(text: string, at: number): NodeSample {
  if (/^\s*</.test(text)) throw new Error('answered HTML, not Prometheus text format');
  let fams: PromFamily[];
  try {
    fams = parsePrometheusTextFormat(text);
  } catch (e) {
    throw new Error(`is not Prometheus text format (${(e as Error).message})`);
  }
  const cpu = family(fams, 'node_cpu_seconds_total');
  if (!cpu) throw new Error(fams.length ? 'is Prometheus text but has no node_cpu_seconds_total: not a node_exporter' : 'answered no metrics');
  let cpuBusy = 0;
  let cpuTotal = 0;
  for (const m of cpu.metrics) {
    const v = num(m.value);
    if (!Number.isFinite(v)) continue;
    cpuTotal += v;
    if (m.labels?.mode !== 'idle' && m.labels?.mode !== 'iowait') cpuBusy += v;
  }
  const memTotal = num(family(fams, 'node_memory_MemTotal_bytes')?.metrics[0]?.value);
  const memAvail = num(family(fams, 'node_memory_MemAvailable_bytes')?.metrics[0]?.value);
  const memory = Number.isFinite(memTotal) && Number.isFinite(memAvail) ? { used: memTotal - memAvail, total: memTotal } : null;
  const root = (name: string) => num(family(fams, name)?.metrics.find((m) => m.labels?.mountpoint === '/')?.value);
  const fsSize = root('node_filesystem_size_bytes');
  const fsAvail = root('node_filesystem_avail_bytes');
  const disk = Number.isFinite(fsSize) && Number.isFinite(fsAvail) ? { used: fsSize - fsAvail, total: fsSize } : null;
  const sumIf = (name: string) => {
    const f = family(fams, name);
    if (!f) return null;
    return f.metrics.filter((m) => !VIRTUAL_IF.test(m.labels?.device ?? '')).reduce((s, m) => s + (num(m.value) || 0), 0);
  };
  const uname = family(fams, 'node_uname_info')?.metrics[0]?.labels ?? {};
  const platform: Record<string, string> = {};
  if (uname.sysname) platform.OSFamily = uname.sysname.toLowerCase();
  if (uname.machine) platform.ISA = uname.machine.replace('_', '-');
  if (uname.nodename) platform.host = uname.nodename;
  if (uname.release) platform.kernel = uname.release;
  return { at, cpuBusy, cpuTotal, memory, disk, rxBytes: sumIf('node_network_receive_bytes_total'), txBytes: sumIf('node_network_transmit_bytes_total'), platform };
}

/** The worker two samples describe; CPU and network need both (null on the first scrape: not reported yet, never 0). */
export function workerFrom(id: string, prev: NodeSample | null, cur: NodeSample, actions: AssignedAction[], actionsReported = true): WorkerInfo {
  let cpu: number | null = null;
  let network: WorkerInfo['metrics']['network'] = null;
  if (prev) {
    const dt = cur.cpuTotal - prev.cpuTotal;
    if (dt > 0) cpu = Math.min(1, Math.max(0, (cur.cpuBusy - prev.cpuBusy) / dt));
    const secs = (cur.at - prev.at) / 1000;
    if (secs > 0 && cur.rxBytes != null && prev.rxBytes != null && cur.txBytes != null && prev.txBytes != null)
      network = { rxBps: Math.max(0, (cur.rxBytes - prev.rxBytes) / secs), txBps: Math.max(0, (cur.txBytes - prev.txBytes) / secs) };
  }
  return {
    id,
    status: actions.length ? 'working' : 'idle',
    subStatus: actions.length ? 'executing' : null,
    metrics: { cpu, memory: cur.memory, disk: cur.disk, network },
    actions,
    lastHeartbeat: cur.at,
    platform: cur.platform,
    // node_exporter knows nothing of build actions: say so unless another source names this host.
    ...(actionsReported ? {} : { actionsReported: false }),
  };
}

/** Actions other sources (BEP, NativeLink) see running on a host, so a worker can list them. */
export interface HostActions {
  actionsOn(host: string, workerId: string): AssignedAction[];
  /** Whether any action another source holds names this host or worker (then an empty list means idle, not unknown). */
  names(host: string, workerId: string): boolean;
}

export interface PromOptions {
  intervalMs?: number;
  timeoutMs?: number;
  hostActions?: HostActions;
}

export function promSource(name: string, url: string, feed: LiveFeed, onStatus?: StatusListener, opts: PromOptions = {}): ClusterSource {
  const status = new StatusCell(onStatus);
  const interval = opts.intervalMs ?? 3000;
  let prev: NodeSample | null = null;
  let last: WorkerInfo | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let inflight: Promise<void> = Promise.resolve();
  const ctrl = new AbortController();

  async function scrape(): Promise<void> {
    const at = Date.now();
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.any([ctrl.signal, AbortSignal.timeout(opts.timeoutMs ?? Math.max(1000, interval))]), headers: { accept: 'text/plain' } });
    } catch (e) {
      if (stopped) return;
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      return status.error(`${url} does not answer (${cause}); last good scrape ${last ? new Date(last.lastHeartbeat!).toISOString() : 'never'}`);
    }
    const body = await res.text().catch(() => '');
    if (!res.ok) return status.error(`${url} answered ${res.status} ${res.statusText}: ${body.slice(0, 120)}`);
    let sample: NodeSample;
    try {
      sample = parseNodeExporter(body, at);
    } catch (e) {
      const type = res.headers.get('content-type') ?? 'no content type';
      return status.error(`${url} ${(e as Error).message} (${type}); is this a node_exporter /metrics address?`);
    }
    const host = sample.platform.host;
    const actions = host && opts.hostActions ? opts.hostActions.actionsOn(host, name) : [];
    const reported = actions.length > 0 || (opts.hostActions?.names(host ?? name, name) ?? false);
    last = workerFrom(name, prev, sample, actions, reported);
    prev = sample;
    feed.upsert('worker', last);
    status.ok(`scraping ${url} every ${interval / 1000} s` + (host ? ` (host ${host})` : ''));
  }

  function loop(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      inflight = scrape().finally(() => loop(interval));
    }, delay);
  }
  loop(0);
  return {
    kind: 'prom',
    name,
    target: url,
    status: () => status.get(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      ctrl.abort();
      await inflight.catch(() => {});
    },
  };
}
