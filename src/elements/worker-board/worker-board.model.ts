/**
 * <worker-board>'s data model, DOM-free (unit-tested in Node, test/unit/worker-board-model.test.ts):
 * the workers held (by id, with their sparkline history and the running activities under
 * them), the heartbeat judgement against this page's thresholds, search, status counts and
 * sort. The element owns when to recompute; this module owns what the rows are.
 */
import type { Activity, AssignedAction, WorkerInfo, WorkerStatus } from '../../streams/models.js';
import type { LiveBatch } from '../shared/cluster/live-cluster-controller.js';
import { collator } from '../shared/cluster/view-state.js';
import { formatDuration } from '../shared/format.js';
import { isValidBytes } from '../shared/format.js';
import { MIN_SAMPLE_MS, newHistory, type WorkerHistory } from './sparkline.js';

export const WORKER_SORTS = ['id', 'status', 'cpu', 'memory', 'heartbeat'] as const;
export type WorkerSort = (typeof WORKER_SORTS)[number];
export const WORKER_VIEWS = ['cards', 'table'] as const;
export type WorkerView = (typeof WORKER_VIEWS)[number];

/** Sort order for "status": busy first, then the ones needing attention last. */
const STATUS_ORDER: Record<WorkerStatus, number> = { working: 0, idle: 1, draining: 2, paused: 3, unavailable: 4, offline: 5 };

/** A worker with what the browser derived from it at this moment. */
export interface Row {
  w: WorkerInfo;
  status: WorkerStatus;
  /** Seconds since the last heartbeat, or null when never reported. */
  age: number | null;
  /** Why the browser overrode the server's status, if it did. */
  override: string | null;
  index: number;
}

export type StatusCounts = Record<WorkerStatus, number> & { all: number };
export const emptyCounts = (): StatusCounts => ({ idle: 0, working: 0, unavailable: 0, offline: 0, draining: 0, paused: 0, all: 0 });

/** Heartbeat thresholds in seconds. */
export interface Thresholds {
  late: number;
  lost: number;
}

/** used / total; NaN (shown as invalid) when either is not a real size. */
export const ratio = (u: { used: number; total: number } | null) =>
  u ? (isValidBytes(u.used) && isValidBytes(u.total) && u.total > 0 ? u.used / u.total : NaN) : null;

/**
 * Whether the worker's source can tell which actions it runs. A source that cannot (a
 * machine scraped by `prom:` with no BEP source naming its host) sends
 * `actionsReported: false`; absent means it reports them, so an empty list means "none".
 */
export const reportsActions = (w: WorkerInfo): boolean => w.actionsReported !== false;

/** Heartbeat age judged here, against this page's thresholds, whatever the server last said. */
export function deriveRow(w: WorkerInfo, now: number, t: Thresholds, index = 0): Row {
  if (w.lastHeartbeat == null) return { w, status: w.status, age: null, override: null, index };
  const age = Math.max(0, (now - w.lastHeartbeat) / 1000);
  if (age >= t.lost && w.status !== 'offline')
    return { w, status: 'offline', age, override: `No heartbeat for ${formatDuration(age * 1000)} (lost after ${t.lost} s)`, index };
  if (age >= t.late && w.status !== 'offline' && w.status !== 'unavailable')
    return { w, status: 'unavailable', age, override: `No heartbeat for ${formatDuration(age * 1000)} (late after ${t.late} s)`, index };
  return { w, status: w.status, age, override: null, index };
}

/** Lower-cased search terms from the search box. */
export const searchTerms = (query: string): string[] => query.trim().toLowerCase().split(/\s+/).filter(Boolean);

/** Every term must match: `key:value` / `key=value` against platform properties, else the id or any property. */
export function matchesSearch(w: WorkerInfo, terms: readonly string[]): boolean {
  for (const term of terms) {
    const sep = term.search(/[:=]/);
    const entries = Object.entries(w.platform ?? {});
    if (sep > 0) {
      const k = term.slice(0, sep);
      const v = term.slice(sep + 1);
      if (!entries.some(([ek, ev]) => ek.toLowerCase().includes(k) && String(ev).toLowerCase().includes(v))) return false;
    } else if (
      !w.id.toLowerCase().includes(term) &&
      !entries.some(([ek, ev]) => ek.toLowerCase().includes(term) || String(ev).toLowerCase().includes(term))
    ) {
      return false;
    }
  }
  return true;
}

/** The order of a sort key; ties and "not reported" values fall back to the ids' natural order (`rank`). */
export function comparator(sort: WorkerSort, rank: ReadonlyMap<string, number>): (a: Row, b: Row) => number {
  const byId = (a: Row, b: Row) => rank.get(a.w.id)! - rank.get(b.w.id)!;
  // Missing values ("not reported") sort last whatever the direction.
  const desc = (f: (r: Row) => number | null) => (a: Row, b: Row) => {
    const x = f(a);
    const y = f(b);
    if (x == null && y == null) return byId(a, b);
    if (x == null) return 1;
    if (y == null) return -1;
    return y - x || byId(a, b);
  };
  switch (sort) {
    case 'status':
      return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byId(a, b);
    case 'cpu':
      return desc((r) => r.w.metrics?.cpu ?? null);
    case 'memory':
      return desc((r) => ratio(r.w.metrics?.memory ?? null));
    case 'heartbeat':
      return desc((r) => r.w.lastHeartbeat);
    default:
      return byId;
  }
}

export interface RowQuery {
  now: number;
  thresholds: Thresholds;
  query: string;
  statusFilter: WorkerStatus | null;
  sort: WorkerSort;
}

/**
 * The workers held, and everything derived from them for one render. Bounded by the
 * cluster: one entry per worker (with a fixed-size sample history) and one per running action.
 */
export class WorkerStore {
  readonly byId = new Map<string, WorkerInfo>();
  readonly history = new Map<string, WorkerHistory>();
  /** Running activities, for the stages under an action in the tree (bounded by what runs). */
  readonly running = new Map<string, Activity>();
  /** Natural-order rank of every id, recomputed only when the set of workers changes (sorting by rank is cheap). */
  private readonly idRank = new Map<string, number>();
  private rankDirty = true;

  /** `fallbackNow` stamps samples of a worker that never reported a heartbeat. */
  upsert(w: WorkerInfo, fallbackNow: number): void {
    if (!this.byId.has(w.id)) this.rankDirty = true;
    this.byId.set(w.id, w);
    let h = this.history.get(w.id);
    if (!h) this.history.set(w.id, (h = newHistory()));
    const t = w.lastHeartbeat ?? fallbackNow;
    const m = w.metrics;
    const values = [m?.cpu ?? NaN, ratio(m?.memory ?? null) ?? NaN, ratio(m?.disk ?? null) ?? NaN, m?.network ? m.network.rxBps + m.network.txBps : NaN];
    const rings = [h.cpu, h.memory, h.disk, h.network];
    const fresh = t - h.lastAt >= MIN_SAMPLE_MS;
    for (let i = 0; i < 4; i++) (fresh ? rings[i].push(values[i]) : rings[i].replaceLast(values[i]));
    if (fresh) h.lastAt = t;
  }

  forget(id: string): void {
    this.rankDirty = true;
    this.byId.delete(id);
    this.history.delete(id);
  }

  clear(): void {
    this.rankDirty = true;
    this.byId.clear();
    this.history.clear();
    this.running.clear();
  }

  trackActivity(a: Activity): void {
    if (a.worker && (a.status === 'in_progress' || a.status === 'queued')) this.running.set(a.id, a);
    else this.running.delete(a.id);
  }

  applyBatch(batch: LiveBatch, fallbackNow: number): void {
    if (batch.reset) {
      this.clear();
      for (const w of batch.reset.workers) this.upsert(w, fallbackNow);
      for (const a of batch.reset.activities) this.trackActivity(a);
    }
    for (const e of batch.events) {
      if (e.kind === 'worker') this.upsert(e.data, fallbackNow);
      else if (e.kind === 'activity') this.trackActivity(e.data);
      else if (e.kind === 'remove') {
        if (e.data.kind === 'worker') this.forget(e.data.id);
        else if (e.data.kind === 'activity') this.running.delete(e.data.id);
      } else if (e.kind === 'reset') this.applyBatch({ reset: e.data, events: [] }, fallbackNow);
    }
  }

  /** Property mode: the given list is the whole set (unchanged objects are not re-sampled). */
  ingestList(list: readonly WorkerInfo[], fallbackNow: number): void {
    const seen = new Set<string>();
    for (const w of list) {
      seen.add(w.id);
      if (this.byId.get(w.id) !== w) this.upsert(w, fallbackNow);
    }
    if (seen.size !== this.byId.size) for (const id of [...this.byId.keys()]) if (!seen.has(id)) this.forget(id);
  }

  /** The stages to show under an assigned action: the running activity's, else its current stage alone. */
  stagesOf(a: AssignedAction): { name: string; startedAt: number; endedAt: number | null }[] {
    const act = this.running.get(a.id);
    if (act?.stages?.length) return act.stages;
    return [{ name: a.stage, startedAt: a.startedAt, endedAt: null }];
  }

  private ranks(): ReadonlyMap<string, number> {
    if (this.rankDirty) {
      const ids = [...this.byId.keys()].sort(collator.compare);
      this.idRank.clear();
      ids.forEach((id, i) => this.idRank.set(id, i));
      this.rankDirty = false;
    }
    return this.idRank;
  }

  /** The rows to show (searched, judged, filtered, sorted) and the counts per status (searched, not filtered). */
  rows(q: RowQuery): { rows: Row[]; counts: StatusCounts } {
    const rank = this.ranks();
    const terms = searchTerms(q.query);
    const counts = emptyCounts();
    const rows: Row[] = [];
    for (const w of this.byId.values()) {
      if (terms.length && !matchesSearch(w, terms)) continue;
      const r = deriveRow(w, q.now, q.thresholds);
      counts[r.status]++;
      counts.all++;
      if (q.statusFilter && r.status !== q.statusFilter) continue;
      rows.push(r);
    }
    rows.sort(comparator(q.sort, rank));
    rows.forEach((r, i) => (r.index = i));
    return { rows, counts };
  }
}
