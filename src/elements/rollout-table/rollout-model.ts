/**
 * The rollout table's data model: wire-shape detection, derived cells, and the
 * sort / filter / search / page pipeline. Pure (no DOM), so it is unit-testable and fast:
 * each column's order is computed once per data load (in idle time, or on first use), a sort
 * is a cached typed array, and a filter or search is an O(n) walk of that order through a
 * membership mask.
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
/**
 * Ids (hex after a prefix) sort by code unit, case-insensitively: a numeric collator reads the
 * digit runs of `ro-0a7d…` and `ro-0a62…` as 7 and 62 and puts them in an order nobody reads as
 * sorted. Names with a counter (worker-9, worker-10) keep the natural order.
 */
const ID_COLUMNS: ReadonlySet<ColumnId> = new Set(['rollout', 'attempt', 'resources']);

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rows whose cell text one idle step computes. */
const PREPARE_CHUNK = 20_000;

/** Text columns with at most this many distinct values sort in natural order (Intl.Collator). */
const FEW_DISTINCT = 5000;
/** Separates the ids in the search index (a search containing it falls back to one id at a time). */
const SEP = '\u0000';

/**
 * One column's ascending order: rows with a value first (ties in row order), then rows without
 * one (in row order). `tie[j]` is 1 when `asc[j]` has the same key as `asc[j - 1]`, so that the
 * descending order is the ascending one reversed group by group (ties keep row order), in O(n).
 */
interface ColumnOrder {
  asc: Uint32Array;
  present: number;
  tie: Uint8Array;
  desc?: Uint32Array;
}

/** The order in which idle time prepares columns: the likely first clicks first. */
const PREPARE_ORDER: readonly ColumnId[] = ['start', 'duration', 'heartbeat', 'rollout', 'status', 'worker', 'mode', 'attempt', 'resources', 'input'];

/**
 * Everything derived from one data load. Build once per load; reuse for every sort, filter,
 * search and page change until the next load.
 *
 * Each column's ascending order is computed once (eagerly in idle time through `prepareStep`,
 * or on first use); the descending order is its reversal; a filter or search is a membership
 * mask over the rows, and the filtered view walks the sorted order testing it — O(n), no
 * sort per filter or keystroke.
 */
export class RolloutModel {
  readonly rollouts: readonly Rollout[];
  readonly n: number;
  /** When the numeric keys were computed (ms); running durations count to here. */
  readonly nowMs: number;
  /** The clock the duration order was computed at (it moves with the cells while rows run). */
  private durationAt: number;
  /** Whether any row's duration still counts up (computed with the duration order). */
  private openRows: boolean | null = null;
  private readonly orders = new Map<ColumnId, ColumnOrder>();
  private statusCodes?: Uint8Array;
  private modeCodes?: Uint8Array;
  private lowerIds?: string[];
  /** The search index: every lowercased id joined by SEP, and where each row's id starts in it. */
  private haystack?: { text: string; starts: Uint32Array };
  private maskCache: { key: string; mask: Uint8Array | null; count: number } | null = null;
  private searchCache: { needle: string; matches: Uint32Array; mask: Uint8Array } | null = null;
  private prepared = 0;
  /** A text column whose cell texts idle time is computing in chunks. */
  private pending: { column: ColumnId; texts: (string | null)[]; filled: number } | null = null;

  /**
   * @param previous The model of the previous load: when the rollout ids are the same, in the
   *   same order, what depends only on the ids (the id order, the lowercased ids) is reused.
   */
  constructor(rollouts: readonly Rollout[], nowMs: number, previous?: RolloutModel | null) {
    this.rollouts = rollouts;
    this.n = rollouts.length;
    this.nowMs = nowMs;
    this.durationAt = nowMs;
    if (previous && previous.n === this.n && previous !== this && sameIds(previous.rollouts, rollouts)) {
      this.lowerIds = previous.lowerIds;
      this.haystack = previous.haystack;
      const ids = previous.orders.get('rollout');
      if (ids) this.orders.set('rollout', ids);
    }
  }

  /** True when every column's order and the search index are ready. */
  get ready(): boolean {
    return this.prepared >= PREPARE_ORDER.length + 1;
  }

  /**
   * Prepare a little more (call from idle time): one numeric column's order, or the texts of
   * `PREPARE_CHUNK` rows of a text column, or a text column's order once its texts are known.
   * Returns true when everything is ready.
   */
  prepareStep(): boolean {
    if (this.ready) return true;
    if (this.prepared < PREPARE_ORDER.length) {
      const column = PREPARE_ORDER[this.prepared];
      if (!this.orders.has(column) && !NUMERIC.has(column)) {
        const p = this.pending?.column === column ? this.pending : (this.pending = { column, texts: new Array<string | null>(this.n), filled: 0 });
        if (p.filled < this.n) {
          const end = Math.min(this.n, p.filled + PREPARE_CHUNK);
          const rs = this.rollouts;
          for (let i = p.filled; i < end; i++) p.texts[i] = textOf(column, rs[i]);
          p.filled = end;
          return false;
        }
        this.pending = null;
        this.orders.set(column, this.textOrder(column, p.texts));
      } else this.columnOrder(column);
    } else {
      this.searchIndex();
      this.codes('status');
      this.codes('mode');
    }
    this.prepared++;
    return this.ready;
  }

  private ids(): string[] {
    if (this.lowerIds) return this.lowerIds;
    const rs = this.rollouts;
    const out = new Array<string>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = rs[i].rollout_id.toLowerCase();
    return (this.lowerIds = out);
  }

  /**
   * All lowercased ids in one string, separated by SEP: one `indexOf` pass over it finds the
   * matching rows several times faster than an `includes` per id (100,000 ids: ~4 ms against ~20).
   */
  private searchIndex(): { text: string; starts: Uint32Array } {
    if (this.haystack) return this.haystack;
    const ids = this.ids();
    const starts = new Uint32Array(this.n + 1);
    let at = 0;
    for (let i = 0; i < this.n; i++) {
      starts[i] = at;
      at += ids[i].length + 1;
    }
    starts[this.n] = at;
    return (this.haystack = { text: ids.join(SEP) + SEP, starts });
  }

  /** Numeric sort key of a column: a number per row (NaN = missing, always last). */
  private numericKeys(column: ColumnId): Float64Array {
    const rs = this.rollouts;
    const n = this.n;
    const k = new Float64Array(n);
    const nowSec = this.nowMs / 1000;
    if (column === 'start') {
      for (let i = 0; i < n; i++) {
        const r = rs[i];
        const v = r.attempt ? r.attempt.start_time : r.start_time;
        k[i] = typeof v === 'number' ? v : NaN;
      }
    } else if (column === 'duration') {
      const at = this.durationAt / 1000;
      let open = false;
      for (let i = 0; i < n; i++) {
        const r = rs[i];
        const v = durationOf(r, r.attempt, at);
        k[i] = v ?? NaN;
        if (v != null && !open && isOpen(r, r.attempt)) open = true;
      }
      this.openRows = open;
    } else {
      // heartbeat: like Start Time, by the moment itself: ascending = the oldest heartbeat first
      // (the longest "ago", the most silent worker on top).
      for (let i = 0; i < n; i++) {
        const hb = rs[i].attempt?.last_heartbeat_time;
        k[i] = typeof hb === 'number' ? hb : NaN;
      }
    }
    return k;
  }

  private columnOrder(column: ColumnId): ColumnOrder {
    let o = this.orders.get(column);
    if (o) return o;
    if (NUMERIC.has(column)) o = numberOrder(this.numericKeys(column));
    else o = this.textOrder(column);
    this.orders.set(column, o);
    return o;
  }

  /** Text columns: ids, and many distinct values (JSON), case-insensitive by code unit; few (statuses, modes, workers) in natural order (worker-9 < worker-10). */
  private textOrder(column: ColumnId, known?: (string | null)[]): ColumnOrder {
    const rs = this.rollouts;
    const n = this.n;
    let texts = known;
    if (!texts) {
      texts = new Array<string | null>(n);
      for (let i = 0; i < n; i++) texts[i] = textOf(column, rs[i]);
    }
    const rank = new Map<string, number>();
    let many = ID_COLUMNS.has(column);
    for (let i = 0; !many && i < n; i++) {
      const t = texts[i];
      if (t !== null && !rank.has(t)) {
        rank.set(t, 0);
        if (rank.size > FEW_DISTINCT) {
          many = true;
          break;
        }
      }
    }
    if (many) {
      if (column === 'rollout') return stringOrder(this.ids());
      const lower = new Array<string | null>(n);
      for (let i = 0; i < n; i++) {
        const t = texts[i];
        lower[i] = t === null ? null : t.toLowerCase();
      }
      return stringOrder(lower);
    }
    const distinct = Array.from(rank.keys()).sort(collator.compare);
    // Equal under the collator (e.g. "Train" and "train") is a tie.
    let r = 0;
    for (let i = 0; i < distinct.length; i++) {
      if (i > 0 && collator.compare(distinct[i - 1], distinct[i]) !== 0) r++;
      rank.set(distinct[i], r);
    }
    const k = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = texts[i];
      k[i] = t === null ? NaN : rank.get(t)!;
    }
    return numberOrder(k);
  }

  /**
   * True when sorting by `sort` at `nowMs` gives another order than the one last returned:
   * sorted by duration while some rows still run, whose cells tick (the sort follows the cells).
   */
  moves(sort: SortSpec, nowMs: number): boolean {
    return sort.column === 'duration' && this.openRows !== false && nowMs !== this.durationAt;
  }

  /**
   * Row indices in the order of `sort` (cached per column and direction). `nowMs` is the clock
   * the cells show: running durations are ordered by their value at that time, as shown.
   */
  order(sort: SortSpec, nowMs?: number): Uint32Array {
    if (nowMs !== undefined && this.moves(sort, nowMs)) {
      this.durationAt = nowMs;
      this.orders.delete('duration');
    }
    const o = this.columnOrder(sort.column);
    if (sort.dir === 'asc') return o.asc;
    return (o.desc ??= reverseOrder(o));
  }

  /**
   * Filter an order by status, mode and search. Returns a new array (or the input when no filter).
   * The membership mask is cached per filter state; the search narrows the previous search's
   * matches when the new text contains the old one (typing on).
   */
  filter(order: Uint32Array, f: Filters): Uint32Array {
    const m = this.mask(f);
    if (!m.mask) return order;
    const keep = m.mask;
    const out = new Uint32Array(m.count);
    let w = 0;
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      if (keep[i]) out[w++] = i;
    }
    return w === out.length ? out : out.subarray(0, w);
  }

  /** How many rows pass the filters. */
  matchCount(f: Filters): number {
    const m = this.mask(f);
    return m.mask ? m.count : this.n;
  }

  private mask(f: Filters): { mask: Uint8Array | null; count: number } {
    const search = f.search.trim().toLowerCase();
    const byStatus = f.statuses.size > 0;
    const byMode = f.modes.size > 0;
    const key = `${[...f.statuses].sort().join()}|${[...f.modes].sort().join()}|${search}`;
    if (this.maskCache?.key === key) return this.maskCache;
    let result: { key: string; mask: Uint8Array | null; count: number };
    if (!byStatus && !byMode && !search) result = { key, mask: null, count: this.n };
    else {
      const n = this.n;
      const allowStatus = new Uint8Array(ROLLOUT_STATUSES.length + 1);
      const allowMode = new Uint8Array(MODE_FILTER_VALUES.length);
      const sc = byStatus ? this.codes('status') : null;
      const mc = byMode ? this.codes('mode') : null;
      ROLLOUT_STATUSES.forEach((s, i) => (allowStatus[i] = f.statuses.has(s) ? 1 : 0));
      allowStatus[ROLLOUT_STATUSES.length] = f.statuses.has('other') ? 1 : 0;
      MODE_FILTER_VALUES.forEach((m, i) => (allowMode[i] = f.modes.has(m) ? 1 : 0));
      const sm = search ? this.searchMask(search) : null;
      if (sm && !byStatus && !byMode) {
        result = { key, mask: sm, count: this.searchCache!.matches.length };
        this.maskCache = result;
        return result;
      }
      const mask = new Uint8Array(n);
      let count = 0;
      for (let i = 0; i < n; i++) {
        const ok = (sc ? allowStatus[sc[i]] : 1) & (mc ? allowMode[mc[i]] : 1) & (sm ? sm[i] : 1);
        mask[i] = ok;
        count += ok;
      }
      result = { key, mask, count };
    }
    this.maskCache = result;
    return result;
  }

  private searchMask(needle: string): Uint8Array {
    const prev = this.searchCache;
    if (prev?.needle === needle) return prev.mask;
    const mask = new Uint8Array(this.n);
    let matches: Uint32Array;
    let m = 0;
    if (prev && needle.includes(prev.needle) && (prev.matches.length < this.n >> 3 || needle.includes(SEP))) {
      // Typing on, few matches left: only the previous matches can still match.
      const ids = this.ids();
      const from = prev.matches;
      matches = new Uint32Array(from.length);
      for (let j = 0; j < from.length; j++) {
        const i = from[j];
        if (ids[i].includes(needle)) {
          mask[i] = 1;
          matches[m++] = i;
        }
      }
    } else if (needle.includes(SEP)) {
      // The separator itself is searched for: ids one by one (no match may span two ids).
      const ids = this.ids();
      matches = new Uint32Array(this.n);
      for (let i = 0; i < this.n; i++) {
        if (ids[i].includes(needle)) {
          mask[i] = 1;
          matches[m++] = i;
        }
      }
    } else {
      const { text, starts } = this.searchIndex();
      matches = new Uint32Array(this.n);
      let row = 0;
      for (let p = text.indexOf(needle); p >= 0; ) {
        // The row whose id holds position p (matches come in order: walk forward).
        while (starts[row + 1] <= p) row++;
        mask[row] = 1;
        matches[m++] = row;
        // One match per row: go on from the next id.
        p = text.indexOf(needle, starts[++row]);
      }
    }
    this.searchCache = { needle, matches: matches.slice(0, m), mask };
    return mask;
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

function sameIds(a: readonly Rollout[], b: readonly Rollout[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].rollout_id !== b[i].rollout_id) return false;
  return true;
}

/** Descending = ascending reversed group by group (ties keep row order); missing stay last. */
function reverseOrder(o: ColumnOrder): Uint32Array {
  const { asc, present, tie } = o;
  const out = new Uint32Array(asc.length);
  let w = 0;
  let end = present;
  while (end > 0) {
    let start = end - 1;
    while (start > 0 && tie[start]) start--;
    for (let k = start; k < end; k++) out[w++] = asc[k];
    end = start;
  }
  for (let k = present; k < asc.length; k++) out[w++] = asc[k];
  return out;
}

/** Ascending order of numeric keys (NaN last), through the packed native sort of `sortIndices`. */
function numberOrder(keys: Float64Array): ColumnOrder {
  const asc = sortIndices(keys, 'asc');
  const n = keys.length;
  let present = 0;
  while (present < n && keys[asc[present]] === keys[asc[present]]) present++;
  const tie = new Uint8Array(n);
  // Keys closer than the quantisation step sorted as ties (row order): mark them as ties.
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < present; j++) {
    const v = keys[asc[j]];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = n <= INDEX_BITS && max > min ? KEY_STEPS / (max - min) : 0;
  for (let j = 1; j < present; j++) {
    const a = keys[asc[j - 1]];
    const b = keys[asc[j]];
    tie[j] = a === b || (scale > 0 && Math.floor((a - min) * scale) === Math.floor((b - min) * scale)) ? 1 : 0;
  }
  return { asc, present, tie };
}

/**
 * Ascending code-unit order of strings (null last), ties in row order, without a comparator
 * sort over all rows: after the prefix every string shares, the next few characters are
 * mapped to a dense alphabet and packed with the row index into one float64, the engine's
 * native numeric sort orders those, and only rows whose packed characters tie are compared
 * as strings. For ids and JSON that is a handful of rows.
 */
export function stringOrder(texts: readonly (string | null)[]): ColumnOrder {
  const n = texts.length;
  const asc = new Uint32Array(n);
  const tie = new Uint8Array(n);
  let present = 0;
  let first: string | null = null;
  for (let i = 0; i < n; i++) {
    const t = texts[i];
    if (t !== null) {
      present++;
      if (first === null) first = t;
    }
  }
  // Missing values last, in row order.
  let w = present;
  for (let i = 0; i < n; i++) if (texts[i] === null) asc[w++] = i;
  if (present === 0 || first === null) return { asc, present, tie };
  // The prefix every present string shares.
  let p = first.length;
  for (let i = 0; i < n && p > 0; i++) {
    const t = texts[i];
    if (t === null) continue;
    const lim = Math.min(p, t.length);
    let k = 0;
    while (k < lim && t.charCodeAt(k) === first.charCodeAt(k)) k++;
    p = k;
  }
  // The alphabet of the next characters: code units → 1..A in ascending order (0 = end of string).
  const WINDOW = 12;
  const seen = new Uint8Array(65536);
  for (let i = 0; i < n; i++) {
    const t = texts[i];
    if (t === null) continue;
    const lim = Math.min(t.length, p + WINDOW);
    for (let k = p; k < lim; k++) seen[t.charCodeAt(k)] = 1;
  }
  const dense = new Uint16Array(65536);
  let a = 0;
  for (let c = 0; c < 65536; c++) if (seen[c]) dense[c] = ++a;
  const base = a + 1;
  let indexBits = 1;
  while (2 ** indexBits < n) indexBits++;
  const room = 2 ** (53 - indexBits);
  let chars = 0;
  let span = 1;
  while (chars < WINDOW && span * base <= room) {
    span *= base;
    chars++;
  }
  const idx = 2 ** indexBits;
  const packed = new Float64Array(present);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const t = texts[i];
    if (t === null) continue;
    let key = 0;
    for (let k = 0; k < chars; k++) {
      const pos = p + k;
      key = key * base + (pos < t.length ? dense[t.charCodeAt(pos)] : 0);
    }
    packed[j++] = key * idx + i;
  }
  packed.sort();
  for (let k = 0; k < present; k++) asc[k] = packed[k] % idx;
  // Rows whose packed characters tie: order by the whole string, then row.
  const cmp = (x: number, y: number) => {
    const sx = texts[x]!;
    const sy = texts[y]!;
    return sx < sy ? -1 : sx > sy ? 1 : x - y;
  };
  let k = 0;
  while (k < present) {
    const key = Math.floor(packed[k] / idx);
    let end = k + 1;
    while (end < present && Math.floor(packed[end] / idx) === key) end++;
    if (end - k > 1) {
      const group = Array.from(asc.subarray(k, end)).sort(cmp);
      for (let g = 0; g < group.length; g++) {
        asc[k + g] = group[g];
        if (g > 0 && texts[group[g]] === texts[group[g - 1]]) tie[k + g] = 1;
      }
    }
    k = end;
  }
  return { asc, present, tie };
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
