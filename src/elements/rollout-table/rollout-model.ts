/**
 * The rollout table's data model: the sort / filter / search pipeline over one data load.
 * Pure (no DOM), so it is unit-testable and fast: each column's order is computed once per load
 * (in idle time, or on first use), a sort is a cached typed array, and a filter or search is a
 * view of that order computed as far as the page needs (filtered-view.ts). What a row shows is
 * rollout-fields.ts; the sorting algorithms are column-order.ts (and string-order.ts).
 */
import { ROLLOUT_STATUSES, type Rollout } from '../../streams/agl.js';
import { numberOrder, reverseOrder, stringOrder, type ColumnOrder } from './column-order.js';
import { FilteredView } from './filtered-view.js';
import { MODE_FILTER_VALUES, durationOf, isNumericColumn, isOpen, textOf, type ColumnId, type SortSpec } from './rollout-fields.js';

// The model's public vocabulary stays importable from here (src/index.ts, tests, benchmarks).
export * from './rollout-fields.js';
export { sortIndices, stringOrder } from './column-order.js';

export interface Filters {
  statuses: ReadonlySet<string>;
  modes: ReadonlySet<string>;
  /** Case-insensitive substring of the rollout id. */
  search: string;
}

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
/** A search with at most this many matches orders them by rank; with more, the view tests ids as it walks. */
const FEW_MATCHES = 2048;

/** The order in which idle time prepares columns: the likely first clicks first. */
const PREPARE_ORDER: readonly ColumnId[] = ['start', 'duration', 'heartbeat', 'rollout', 'status', 'worker', 'mode', 'attempt', 'resources', 'input'];

/**
 * Everything derived from one data load. Build once per load; reuse for every sort, filter,
 * search and page change until the next load.
 *
 * Each column's ascending order is computed once (eagerly in idle time through `prepareStep`,
 * or on first use); the descending order is its reversal; a filter or search walks the sorted
 * order only until the page is full (no sort per filter or keystroke, no walk of every row in
 * the action's frame).
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
  /** The last search's matches (all of them, in row order), when few. */
  private searchCache: { needle: string; matches: Uint32Array } | null = null;
  private hist?: Uint32Array;
  private readonly ranks = new WeakMap<Uint32Array, Uint32Array>();
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
      if (!this.orders.has(column) && !isNumericColumn(column)) {
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
      // The descending order too (a second click on the header), an O(n) reversal.
      const o = this.orders.get(column)!;
      o.desc ??= reverseOrder(o);
    } else {
      this.searchIndex();
      this.histogram();
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
    if (isNumericColumn(column)) o = numberOrder(this.numericKeys(column));
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
   * The rows of `order` that pass the filters, as a view computed only as far as a page needs
   * (see filtered-view.ts): a filter or a search keystroke costs one page of matches in its
   * frame, idle time walks on. Status and mode filters are counted at once from a histogram.
   * A search for a rare text finds its few matches in the search index and orders them by their
   * rank in `order`; a common one tests ids one by one as the walk goes (the first page is near).
   */
  view(order: Uint32Array, f: Filters): FilteredView {
    const search = f.search.trim().toLowerCase();
    const byStatus = f.statuses.size > 0;
    const byMode = f.modes.size > 0;
    if (!byStatus && !byMode && !search) return FilteredView.of(order);
    const allowStatus = new Uint8Array(ROLLOUT_STATUSES.length + 1);
    const allowMode = new Uint8Array(MODE_FILTER_VALUES.length);
    ROLLOUT_STATUSES.forEach((s, i) => (allowStatus[i] = !byStatus || f.statuses.has(s) ? 1 : 0));
    allowStatus[ROLLOUT_STATUSES.length] = !byStatus || f.statuses.has('other') ? 1 : 0;
    MODE_FILTER_VALUES.forEach((m, i) => (allowMode[i] = !byMode || f.modes.has(m) ? 1 : 0));
    const sc = this.codes('status');
    const mc = this.codes('mode');
    const codesOk = byStatus || byMode ? (i: number) => (allowStatus[sc[i]] & allowMode[mc[i]]) === 1 : null;
    if (!search) {
      const hist = this.histogram();
      let count = 0;
      for (let s = 0; s < allowStatus.length; s++) for (let m = 0; m < allowMode.length; m++) if (allowStatus[s] && allowMode[m]) count += hist[s * MODE_FILTER_VALUES.length + m];
      return new FilteredView(order, codesOk, count);
    }
    const few = this.fewMatches(search);
    if (few) {
      const rank = this.rankOf(order);
      const kept = codesOk ? few.filter(codesOk) : few.slice();
      kept.sort((a, b) => rank[a] - rank[b]);
      return FilteredView.of(kept);
    }
    const ids = this.ids();
    return new FilteredView(order, codesOk ? (i) => codesOk(i) && ids[i].includes(search) : (i) => ids[i].includes(search));
  }

  /** Filter an order by status, mode and search, to the end: every row that passes, in order. */
  filter(order: Uint32Array, f: Filters): Uint32Array {
    return this.view(order, f).all();
  }

  /** How many rows pass the filters. */
  matchCount(f: Filters): number {
    const v = this.view(this.order({ column: 'rollout', dir: 'asc' }), f);
    return v.count ?? v.all().length;
  }

  /**
   * Rows whose id contains `needle`, in row order, when there are at most FEW_MATCHES of them;
   * null when there are more (then the view tests ids as it walks). Typing on narrows the
   * previous needle's matches instead of searching again.
   */
  private fewMatches(needle: string): Uint32Array | null {
    const prev = this.searchCache;
    if (prev?.needle === needle) return prev.matches;
    // The separator itself is searched for: the index would match across two ids, so the view
    // tests ids one by one.
    if (needle.includes(SEP)) return null;
    let matches: Uint32Array;
    if (prev && needle.includes(prev.needle)) {
      const ids = this.ids();
      matches = prev.matches.filter((i) => ids[i].includes(needle));
    } else {
      const { text, starts } = this.searchIndex();
      const found = new Uint32Array(FEW_MATCHES);
      let m = 0;
      let row = 0;
      for (let p = text.indexOf(needle); p >= 0; ) {
        // Many matches (or as many as the first rows promise): the walk finds a page sooner.
        if (m === FEW_MATCHES || (m >= FEW_MATCHES >> 3 && m * this.n > FEW_MATCHES * (row + 1))) return null;
        // The row whose id holds position p (matches come in order: walk forward).
        while (starts[row + 1] <= p) row++;
        found[m++] = row;
        // One match per row: go on from the next id.
        p = text.indexOf(needle, starts[++row]);
      }
      matches = found.slice(0, m);
    }
    this.searchCache = { needle, matches };
    return matches;
  }

  /** Each row's position in `order` (cached per order array). */
  private rankOf(order: Uint32Array): Uint32Array {
    let rank = this.ranks.get(order);
    if (!rank) {
      rank = new Uint32Array(this.n);
      for (let j = 0; j < order.length; j++) rank[order[j]] = j;
      this.ranks.set(order, rank);
    }
    return rank;
  }

  /** Rows per (status code, mode code): the count of any status and mode filter without a walk. */
  private histogram(): Uint32Array {
    if (this.hist) return this.hist;
    const sc = this.codes('status');
    const mc = this.codes('mode');
    const h = new Uint32Array((ROLLOUT_STATUSES.length + 1) * MODE_FILTER_VALUES.length);
    for (let i = 0; i < this.n; i++) h[sc[i] * MODE_FILTER_VALUES.length + mc[i]]++;
    return (this.hist = h);
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
