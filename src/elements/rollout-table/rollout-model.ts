/**
 * The rollout table's data model: wire-shape detection, derived cells, and the
 * sort / filter / search / page pipeline. Pure (no DOM), so it is unit-testable and fast:
 * numeric sort keys are computed once per data load into typed arrays, text ranks lazily
 * once per column per load, and a sort is an index sort over those keys.
 */
import { ROLLOUT_MODES, ROLLOUT_STATUSES, type Attempt, type AttemptStatus, type Rollout, type RolloutStatus } from '../../streams/agl.js';
import type { Tone } from '../../styles/tokens.js';
import { safeJson } from '../shared/format.js';

export const WIRE_SHAPES = ['auto', 'envelope', 'array'] as const;
export type WireShape = (typeof WIRE_SHAPES)[number];
export type DetectedShape = Exclude<WireShape, 'auto'>;

export const COLUMNS = [
  'rollout',
  'attempt',
  'input',
  'status',
  'resources',
  'mode',
  'start',
  'duration',
  'heartbeat',
  'worker',
] as const;
export type ColumnId = (typeof COLUMNS)[number];

export const COLUMN_LABELS: Record<ColumnId, string> = {
  rollout: 'Rollout',
  attempt: 'Attempt',
  input: 'Input',
  status: 'Status',
  resources: 'Resources ID',
  mode: 'Mode',
  start: 'Start Time',
  duration: 'Duration',
  heartbeat: 'Last Heartbeat',
  worker: 'Worker ID',
};

export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  column: ColumnId;
  dir: SortDir;
}

/** "No mode" is a filterable value of its own. */
export const MODE_FILTER_VALUES = [...ROLLOUT_MODES, 'none'] as const;
export type ModeFilterValue = (typeof MODE_FILTER_VALUES)[number];

export const INPUT_PREVIEW_CHARS = 35;

/** One meaning, one colour, everywhere (table rows, nested rows, drawers). */
export function statusTone(status: RolloutStatus | AttemptStatus | string): Tone {
  switch (status) {
    case 'succeeded':
      return 'ok';
    case 'running':
      return 'info';
    case 'preparing':
      return 'cyan';
    case 'failed':
      return 'error';
    case 'timeout':
    case 'unresponsive':
      return 'orange';
    case 'requeuing':
      return 'warn';
    case 'queuing':
      return 'purple';
    default:
      return 'neutral';
  }
}

/** Seed 003's status rule for a rollout row (a nested row shows the attempt's status). */
export function rolloutStatusLabel(rollout: Rollout): string {
  const a = rollout.attempt;
  return a && a.status !== rollout.status ? `${rollout.status} - ${a.status}` : rollout.status;
}

const BAD_ATTEMPT = new Set(['failed', 'timeout', 'unresponsive']);
export function rolloutStatusTone(rollout: Rollout): Tone {
  const a = rollout.attempt;
  // A rollout still "running" whose attempt went unresponsive should look like trouble.
  if (a && a.status !== rollout.status && BAD_ATTEMPT.has(a.status)) return statusTone(a.status);
  return statusTone(rollout.status);
}

/** Times on the wire are epoch seconds. */
export const secToMs = (s: number | null | undefined): number | null => (s == null || !Number.isFinite(s) ? null : s * 1000);

/** Start (s): the attempt's start when there is an attempt, else the rollout's. */
export function startOf(rollout: Rollout, attempt: Attempt | null | undefined): number | null {
  return attempt ? attempt.start_time : (rollout.start_time ?? null);
}

/** Duration in seconds; running ones count up to `nowSec`. */
export function durationOf(rollout: Rollout, attempt: Attempt | null | undefined, nowSec: number): number | null {
  const start = attempt ? attempt.start_time : rollout.start_time;
  if (start == null || !Number.isFinite(start)) return null;
  const end = attempt ? attempt.end_time : rollout.end_time;
  return Math.max(0, (end ?? nowSec) - start);
}

/** True when the duration counts up (no end yet). */
export function isOpen(rollout: Rollout, attempt: Attempt | null | undefined): boolean {
  return (attempt ? attempt.end_time : rollout.end_time) == null;
}

export function inputJson(input: unknown): string {
  return typeof input === 'string' ? JSON.stringify(input) : safeJson(input);
}

/** Does this rollout have earlier attempts to show? */
export const isExpandable = (r: Rollout): boolean => (r.attempt?.sequence_id ?? 0) > 1;

// ───────────────────────── wire shapes ─────────────────────────

/** Where the list lives for each shape. `base` has no trailing slash. */
export function rolloutsUrl(base: string, shape: DetectedShape): string {
  if (shape === 'array') return `${base}/rollouts`;
  return `${aglBase(base)}/rollouts?limit=-1`;
}

export function attemptsUrl(base: string, shape: DetectedShape, rolloutId: string): string {
  const id = encodeURIComponent(rolloutId);
  if (shape === 'array') return `${base}/rollouts/${id}/attempts`;
  return `${aglBase(base)}/rollouts/${id}/attempts?limit=-1`;
}

/** A base that already names the API (`…/v1/agl`) is used as is. */
export function aglBase(base: string): string {
  return /\/v1\/agl$/.test(base) ? base : `${base}/v1/agl`;
}

// ───────────────────────── the table model ─────────────────────────

export interface Filters {
  statuses: ReadonlySet<string>;
  modes: ReadonlySet<string>;
  /** Case-insensitive substring of the rollout id. */
  search: string;
}

const NUMERIC: ReadonlySet<ColumnId> = new Set(['start', 'duration', 'heartbeat']);

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Everything derived from one data load. Build once per load; reuse for every sort, filter,
 * search and page change until the next load.
 */
export class RolloutModel {
  readonly rollouts: readonly Rollout[];
  readonly n: number;
  /** When the numeric keys were computed (ms); running durations count to here. */
  readonly nowMs: number;
  private readonly numKeys = new Map<ColumnId, Float64Array>();
  private readonly sorted = new Map<string, Uint32Array>();
  private statusCodes?: Uint8Array;
  private modeCodes?: Uint8Array;
  private lowerIds?: string[];

  constructor(rollouts: readonly Rollout[], nowMs: number) {
    this.rollouts = rollouts;
    this.n = rollouts.length;
    this.nowMs = nowMs;
  }

  /** Sort key of a column: a number per row (NaN = missing, always last). */
  private keys(column: ColumnId): Float64Array {
    let k = this.numKeys.get(column);
    if (k) return k;
    const rs = this.rollouts;
    const n = this.n;
    k = new Float64Array(n);
    const nowSec = this.nowMs / 1000;
    if (column === 'start') {
      for (let i = 0; i < n; i++) {
        const r = rs[i];
        const v = r.attempt ? r.attempt.start_time : r.start_time;
        k[i] = typeof v === 'number' ? v : NaN;
      }
    } else if (column === 'duration') {
      for (let i = 0; i < n; i++) {
        const v = durationOf(rs[i], rs[i].attempt, nowSec);
        k[i] = v ?? NaN;
      }
    } else if (column === 'heartbeat') {
      // Ascending = the most recent heartbeat first (shortest "ago").
      for (let i = 0; i < n; i++) {
        const hb = rs[i].attempt?.last_heartbeat_time;
        k[i] = typeof hb === 'number' ? -hb : NaN;
      }
    } else {
      k = this.textRanks(column);
    }
    this.numKeys.set(column, k);
    return k;
  }

  /** Text columns: rank each distinct value once (collator for few values, code units for many). */
  private textRanks(column: ColumnId): Float64Array {
    const rs = this.rollouts;
    const n = this.n;
    const texts = new Array<string | null>(n);
    for (let i = 0; i < n; i++) texts[i] = textOf(column, rs[i]);
    const set = new Set<string>();
    for (let i = 0; i < n; i++) {
      const t = texts[i];
      if (t !== null) set.add(t);
    }
    const k = new Float64Array(n);
    const rank = new Map<string, number>();
    if (set.size <= 5000) {
      // Few distinct values (statuses, modes, workers): natural order (worker-9 < worker-10).
      const distinct = Array.from(set).sort(collator.compare);
      for (let i = 0; i < distinct.length; i++) rank.set(distinct[i], i);
      for (let i = 0; i < n; i++) {
        const t = texts[i];
        k[i] = t === null ? NaN : rank.get(t)!;
      }
    } else {
      // Many (ids, JSON): case-insensitive code-unit order, with the engine's native string sort
      // (no comparator callback), which is several times faster than Intl.Collator.
      const lower = new Set<string>();
      for (const t of set) lower.add(t.toLowerCase());
      const distinct = Array.from(lower).sort();
      for (let i = 0; i < distinct.length; i++) rank.set(distinct[i], i);
      for (let i = 0; i < n; i++) {
        const t = texts[i];
        k[i] = t === null ? NaN : rank.get(t.toLowerCase())!;
      }
    }
    return k;
  }

  /** Row indices in the order of `sort` (cached per column and direction). */
  order(sort: SortSpec): Uint32Array {
    const id = `${sort.column}:${sort.dir}`;
    let o = this.sorted.get(id);
    if (!o) {
      o = sortIndices(this.keys(sort.column), sort.dir);
      this.sorted.set(id, o);
    }
    return o;
  }

  /** Filter an order by status, mode and search. Returns a new array (or the input when no filter). */
  filter(order: Uint32Array, f: Filters): Uint32Array {
    const search = f.search.trim().toLowerCase();
    const byStatus = f.statuses.size > 0;
    const byMode = f.modes.size > 0;
    if (!byStatus && !byMode && !search) return order;
    const rs = this.rollouts;
    let statusMask = 0;
    let modeMask = 0;
    let sc: Uint8Array | undefined;
    let mc: Uint8Array | undefined;
    if (byStatus) {
      sc = this.codes('status');
      ROLLOUT_STATUSES.forEach((s, i) => f.statuses.has(s) && (statusMask |= 1 << i));
      if (f.statuses.has('other')) statusMask |= 1 << ROLLOUT_STATUSES.length;
    }
    if (byMode) {
      mc = this.codes('mode');
      MODE_FILTER_VALUES.forEach((m, i) => f.modes.has(m) && (modeMask |= 1 << i));
    }
    const ids = search ? (this.lowerIds ??= rs.map((r) => r.rollout_id.toLowerCase())) : null;
    const out = new Uint32Array(order.length);
    let m = 0;
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      if (sc && !((1 << sc[i]) & statusMask)) continue;
      if (mc && !((1 << mc[i]) & modeMask)) continue;
      if (ids && !ids[i].includes(search)) continue;
      out[m++] = i;
    }
    return out.subarray(0, m);
  }

  private codes(which: 'status' | 'mode'): Uint8Array {
    if (which === 'status' && this.statusCodes) return this.statusCodes;
    if (which === 'mode' && this.modeCodes) return this.modeCodes;
    const values: readonly string[] = which === 'status' ? ROLLOUT_STATUSES : MODE_FILTER_VALUES;
    const index = new Map(values.map((v, i) => [v, i]));
    const other = which === 'status' ? ROLLOUT_STATUSES.length : MODE_FILTER_VALUES.indexOf('none');
    const c = new Uint8Array(this.n);
    const rs = this.rollouts;
    for (let i = 0; i < this.n; i++) {
      const v = which === 'status' ? rs[i].status : (rs[i].mode ?? 'none');
      c[i] = index.get(v) ?? other;
    }
    if (which === 'status') this.statusCodes = c;
    else this.modeCodes = c;
    return c;
  }

  /** Counts per status and mode (for the filter menus). */
  counts(): { statuses: Map<string, number>; modes: Map<string, number> } {
    const statuses = new Map<string, number>();
    const modes = new Map<string, number>();
    for (const r of this.rollouts) {
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      const m = r.mode ?? 'none';
      modes.set(m, (modes.get(m) ?? 0) + 1);
    }
    return { statuses, modes };
  }
}

export function isNumericColumn(c: ColumnId): boolean {
  return NUMERIC.has(c);
}

/** The text a text column sorts by (null = missing, sorted last). */
export function textOf(column: ColumnId, r: Rollout): string | null {
  switch (column) {
    case 'rollout':
      return r.rollout_id;
    case 'attempt':
      return r.attempt?.attempt_id ?? null;
    case 'input':
      return inputJson(r.input);
    case 'status':
      return rolloutStatusLabel(r);
    case 'resources':
      return r.resources_id ?? null;
    case 'mode':
      return r.mode ?? null;
    case 'worker':
      return r.attempt?.worker_id ?? null;
    default:
      return null;
  }
}

const INDEX_BITS = 2 ** 20;
const KEY_STEPS = 2 ** 33 - 1;

/**
 * Indices ordered by `keys` (NaN last in both directions, ties in index order).
 * Up to 2^20 rows, each key is quantised to 33 bits and packed with its index into one
 * float64, so that the engine's native numeric sort (no comparator callback) does the work —
 * several times faster than a comparator sort. Keys closer than (max−min)/2^33 count as ties.
 */
export function sortIndices(keys: Float64Array, dir: SortDir): Uint32Array {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    if (v !== v) missing++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const out = new Uint32Array(n);
  if (n <= INDEX_BITS) {
    const packed = new Float64Array(n - missing);
    const scale = max > min ? KEY_STEPS / (max - min) : 0;
    const desc = dir === 'desc';
    let j = 0;
    let m = n - missing;
    for (let i = 0; i < n; i++) {
      const v = keys[i];
      if (v !== v) {
        out[m++] = i;
        continue;
      }
      let q = Math.floor((v - min) * scale);
      if (desc) q = KEY_STEPS - q;
      packed[j++] = q * INDEX_BITS + i;
    }
    packed.sort();
    for (let i = 0; i < packed.length; i++) out[i] = packed[i] % INDEX_BITS;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = i;
  const sign = dir === 'asc' ? 1 : -1;
  out.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka !== ka) return kb !== kb ? a - b : 1;
    if (kb !== kb) return -1;
    return ka === kb ? a - b : (ka - kb) * sign;
  });
  return out;
}
