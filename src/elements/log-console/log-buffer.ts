/**
 * The console's memory: a ring buffer of compact records and the list of rows the filter
 * lets through. A record is a slot in parallel typed arrays (id, time, level, source) plus
 * the line's text and its ANSI-free copy (the same string when the line has no escapes), so
 * a million lines cost a few typed arrays and the strings themselves, not a million objects.
 *
 * Records are addressed by a sequence number (`seq`) that only grows; the slot is
 * `seq % allocated`. Rows hold sequence numbers, so they stay valid while the ring wraps.
 */
import { safeIso } from '../shared/format.js';
import { LOG_LEVELS, type LogLevel, type LogLine } from '../../streams/models.js';
import { hasAnsi, stripAnsi } from '../shared/ansi.js';
import { compileFilter, testFilter, type CompiledFilter } from './log-filter.js';

/** Level code of a "lines not received" marker. */
export const GAP = 7;
const LEVEL_CODE: Record<string, number> = Object.fromEntries(LOG_LEVELS.map((l, i) => [l, i]));
export const levelCode = (level: string): number => LEVEL_CODE[level] ?? 2;
export const ALL_LEVELS_MASK = (1 << LOG_LEVELS.length) - 1;

export class LogBuffer {
  readonly capacity: number;
  private allocated: number;
  ids: Float64Array;
  times: Float64Array;
  levels: Uint8Array;
  /** Source codes: 32 bits, so that a cluster with a new source per task never wraps them. */
  sources: Uint32Array;
  texts: string[];
  plains: string[];
  /** First retained sequence number, and the next one to be written. */
  start = 0;
  end = 0;
  readonly levelCounts = new Uint32Array(LOG_LEVELS.length);
  readonly sourceNames: string[] = [];
  private readonly sourceCodes = new Map<string, number>();
  /** Per source code: lines retained, and the sequence number of its newest line. */
  private readonly sourceLines: number[] = [];
  private readonly sourceNewest: number[] = [];

  constructor(capacity: number, initial = 4096) {
    this.capacity = Math.max(1, Math.floor(capacity));
    this.allocated = Math.min(this.capacity, initial);
    this.ids = new Float64Array(this.allocated);
    this.times = new Float64Array(this.allocated);
    this.levels = new Uint8Array(this.allocated);
    this.sources = new Uint32Array(this.allocated);
    this.texts = new Array<string>(this.allocated);
    this.plains = new Array<string>(this.allocated);
  }

  get size(): number {
    return this.end - this.start;
  }

  slot(seq: number): number {
    return seq % this.allocated;
  }

  sourceCode(name: string): number {
    let code = this.sourceCodes.get(name);
    if (code === undefined) {
      code = this.sourceNames.length;
      this.sourceNames.push(name);
      this.sourceCodes.set(name, code);
      this.sourceLines.push(0);
      this.sourceNewest.push(-1);
    }
    return code;
  }

  /** Append one record; returns its sequence number. Evicts the oldest when full. */
  push(id: number, time: number, level: number, source: number, text: string): number {
    if (this.size === this.allocated) {
      if (this.allocated < this.capacity) this.grow();
      else this.evict();
    }
    const seq = this.end++;
    const s = seq % this.allocated;
    this.ids[s] = id;
    this.times[s] = time;
    this.levels[s] = level;
    this.sources[s] = source;
    this.texts[s] = text;
    this.plains[s] = hasAnsi(text) ? stripAnsi(text) : text;
    if (level < LOG_LEVELS.length) this.levelCounts[level]++;
    this.sourceLines[source]++;
    this.sourceNewest[source] = seq;
    return seq;
  }

  private evict(): void {
    const s = this.start % this.allocated;
    const level = this.levels[s];
    if (level < LOG_LEVELS.length) this.levelCounts[level]--;
    this.sourceLines[this.sources[s]]--;
    this.start++;
  }

  private grow(): void {
    const next = Math.min(this.capacity, this.allocated * 2);
    const ids = new Float64Array(next);
    const times = new Float64Array(next);
    const levels = new Uint8Array(next);
    const sources = new Uint32Array(next);
    const texts = new Array<string>(next);
    const plains = new Array<string>(next);
    for (let seq = this.start; seq < this.end; seq++) {
      const a = seq % this.allocated;
      const b = seq % next;
      ids[b] = this.ids[a];
      times[b] = this.times[a];
      levels[b] = this.levels[a];
      sources[b] = this.sources[a];
      texts[b] = this.texts[a];
      plains[b] = this.plains[a];
    }
    Object.assign(this, { ids, times, levels, sources, texts, plains, allocated: next });
  }

  clear(): void {
    // Drop the strings so they can be collected; sequence numbers keep growing.
    this.texts = new Array<string>(this.allocated);
    this.plains = new Array<string>(this.allocated);
    this.start = this.end;
    this.levelCounts.fill(0);
    this.sourceLines.fill(0);
  }

  /**
   * Names of the sources that still have lines here, in the order they were first seen; at most
   * `limit` of them (those with the newest lines). A long-running cluster makes a new source per
   * task: the list follows what is in the buffer, not every source ever seen.
   */
  retainedSources(limit = Infinity): { names: string[]; total: number } {
    const codes: number[] = [];
    for (let c = 0; c < this.sourceNames.length; c++) if (this.sourceLines[c] > 0 && this.sourceNames[c]) codes.push(c);
    const total = codes.length;
    if (codes.length > limit) {
      codes.sort((a, b) => this.sourceNewest[b] - this.sourceNewest[a]);
      codes.length = limit;
      codes.sort((a, b) => a - b);
    }
    return { names: codes.map((c) => this.sourceNames[c]), total };
  }

  level(seq: number): LogLevel | 'gap' {
    const code = this.levels[seq % this.allocated];
    return code === GAP ? 'gap' : LOG_LEVELS[code];
  }

  /** The record as a LogLine (for copy, download and events). */
  line(seq: number): LogLine {
    const s = seq % this.allocated;
    return {
      id: this.ids[s],
      time: this.times[s],
      level: LOG_LEVELS[this.levels[s]] ?? 'info',
      source: this.sourceNames[this.sources[s]],
      text: this.texts[s],
    };
  }
}

/** Row list: a deque of sequence numbers with a repeat count each (identical lines grouped). */
export class RowList {
  seqs = new Uint32Array(1024);
  counts = new Uint32Array(1024);
  head = 0;
  tail = 0;

  get length(): number {
    return this.tail - this.head;
  }
  seqAt(i: number): number {
    return this.seqs[this.head + i];
  }
  countAt(i: number): number {
    return this.counts[this.head + i];
  }
  lastSeq(): number {
    return this.tail > this.head ? this.seqs[this.tail - 1] : -1;
  }
  bumpLast(): void {
    this.counts[this.tail - 1]++;
  }
  push(seq: number): void {
    if (this.tail === this.seqs.length) {
      const live = this.length;
      // Compact when at least half is dead space, else grow.
      const size = live * 2 <= this.seqs.length ? this.seqs.length : this.seqs.length * 2;
      const seqs = new Uint32Array(size);
      const counts = new Uint32Array(size);
      seqs.set(this.seqs.subarray(this.head, this.tail));
      counts.set(this.counts.subarray(this.head, this.tail));
      this.seqs = seqs;
      this.counts = counts;
      this.head = 0;
      this.tail = live;
    }
    this.seqs[this.tail] = seq;
    this.counts[this.tail] = 1;
    this.tail++;
  }
  /** Drop rows whose record was evicted; returns how many rows went. */
  trimBefore(minSeq: number): number {
    const from = this.head;
    while (this.head < this.tail && this.seqs[this.head] < minSeq) this.head++;
    return this.head - from;
  }
  /** Index of the first row with seq >= `seq` (binary search). */
  indexOf(seq: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.seqAt(mid) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  clear(): void {
    this.head = this.tail = 0;
  }
}

/**
 * Buffer + filter + rows. New lines are tested against the current filter as they arrive;
 * a filter change rescans the buffer once.
 */
export class LogModel {
  buffer: LogBuffer;
  readonly rows = new RowList();
  filter: CompiledFilter = compileFilter('');
  filterText = '';
  levelMask = ALL_LEVELS_MASK;
  /** The source filter: only this source's lines ('' = every source). */
  onlySource = '';
  /** Its code (-1: no source filter). Lines from sources first seen later do not pass. */
  private onlyCode = -1;
  /** Rows dropped from the front by eviction since the last `takeTrimmed()`. */
  private trimmed = 0;
  /** Lines (not rows) that passed the filter since the last `takeNewLines()`. */
  private newLines = 0;
  /** Bumped on every change, so views know when to re-render. */
  version = 0;

  constructor(capacity: number) {
    this.buffer = new LogBuffer(capacity);
  }

  setCapacity(capacity: number): void {
    if (capacity === this.buffer.capacity) return;
    const old = this.buffer;
    const next = new LogBuffer(capacity);
    for (const name of old.sourceNames) next.sourceCode(name);
    for (let seq = Math.max(old.start, old.end - next.capacity); seq < old.end; seq++) {
      const s = old.slot(seq);
      next.push(old.ids[s], old.times[s], old.levels[s], old.sources[s], old.texts[s]);
    }
    this.buffer = next;
    this.rescan();
  }

  private passes(seq: number): boolean {
    const b = this.buffer;
    const s = b.slot(seq);
    const level = b.levels[s];
    if (level === GAP) return true;
    if ((this.levelMask & (1 << level)) === 0) return false;
    if (this.onlyCode >= 0 && b.sources[s] !== this.onlyCode) return false;
    return this.filter.empty || testFilter(this.filter, b.plains[s]);
  }

  private addRow(seq: number): void {
    const rows = this.rows;
    const b = this.buffer;
    const last = rows.lastSeq();
    if (last >= b.start) {
      const a = b.slot(last);
      const s = b.slot(seq);
      if (
        b.levels[s] !== GAP &&
        b.levels[a] === b.levels[s] &&
        b.sources[a] === b.sources[s] &&
        b.texts[a] === b.texts[s]
      ) {
        rows.bumpLast();
        return;
      }
    }
    rows.push(seq);
  }

  append(lines: readonly LogLine[], stream?: string): void {
    const b = this.buffer;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const seq = b.push(l.id, l.time, levelCode(l.level), b.sourceCode(l.source ?? stream ?? ''), String(l.text ?? ''));
      if (this.passes(seq)) {
        this.addRow(seq);
        this.newLines++;
      }
    }
    this.afterAppend();
  }

  appendGap(from: number, to: number, source: string, time = Date.now()): void {
    const n = Math.max(0, to - from + 1);
    // from ≤ 0: the server lost its state and started over (the hub's REWIND reset).
    const text =
      from <= 0
        ? `Stream restarted by the server — earlier lines may be missing (${from}–${to})`
        : `${n.toLocaleString('en-US')} ${n === 1 ? 'line' : 'lines'} not received (${from}–${to})`;
    const seq = this.buffer.push(from, time, GAP, this.buffer.sourceCode(source), text);
    this.addRow(seq);
    this.newLines++;
    this.afterAppend();
  }

  private afterAppend(): void {
    this.trimmed += this.rows.trimBefore(this.buffer.start);
    this.version++;
  }

  takeTrimmed(): number {
    const t = this.trimmed;
    this.trimmed = 0;
    return t;
  }
  takeNewLines(): number {
    const n = this.newLines;
    this.newLines = 0;
    return n;
  }

  setFilter(text: string, levelMask: number, onlySource: string): void {
    if (text !== this.filterText) {
      this.filterText = text;
      this.filter = compileFilter(text);
    }
    this.levelMask = levelMask;
    this.onlySource = onlySource;
    this.rescan();
  }

  rescan(): void {
    const b = this.buffer;
    // A source not seen yet gets its code now, so its lines pass when they come.
    this.onlyCode = this.onlySource ? b.sourceCode(this.onlySource) : -1;
    this.rows.clear();
    // The hot loop of a filter keystroke: locals only, no calls but the regex tests.
    const { levels, sources, plains, texts } = b;
    const alloc = levels.length;
    const mask = this.levelMask;
    const only = this.onlyCode;
    const { include, exclude, empty } = this.filter;
    const rows = this.rows;
    let prev = -1;
    outer: for (let seq = b.start; seq < b.end; seq++) {
      const s = seq % alloc;
      const level = levels[s];
      if (level !== GAP) {
        if ((mask & (1 << level)) === 0) continue;
        if (only >= 0 && sources[s] !== only) continue;
        if (!empty) {
          const plain = plains[s];
          for (let i = 0; i < include.length; i++) if (!include[i].test(plain)) continue outer;
          for (let i = 0; i < exclude.length; i++) if (exclude[i].test(plain)) continue outer;
        }
        if (prev >= 0 && levels[prev] === level && sources[prev] === sources[s] && texts[prev] === texts[s]) {
          rows.bumpLast();
          continue;
        }
      }
      rows.push(seq);
      prev = level === GAP ? -1 : s;
    }
    this.trimmed = 0;
    this.newLines = 0;
    this.version++;
  }

  /** The last line id of each stream (see appendBatch). */
  private lastIds = new Map<string, number>();

  /**
   * A batch from `stream`: a `reset` first marks the lines that will not come (and the stream may
   * start its ids over after it); lines with ids already had are skipped — the hub deduplicates,
   * this guards the console against a source delivering twice.
   */
  appendBatch(stream: string, events: readonly LogLine[], reset?: { from: number; to: number } | null): void {
    if (reset) {
      this.appendGap(reset.from, reset.to, stream);
      this.lastIds.delete(stream);
    }
    const last = this.lastIds.get(stream) ?? -Infinity;
    if (events.length && events[0].id <= last) events = events.filter((l) => l.id > last);
    if (events.length === 0) return;
    this.lastIds.set(stream, events[events.length - 1].id);
    this.append(events, stream);
  }

  /** Forget the streams' last ids (other streams, or lines given by hand). */
  forgetIds(): void {
    this.lastIds.clear();
  }

  clear(): void {
    this.buffer.clear();
    this.rows.clear();
    this.trimmed = 0;
    this.newLines = 0;
    this.version++;
  }

  /** Everything loaded, oldest first, as plain text with ANSI stripped. */
  /** One line as "Copy line" puts it on the clipboard: ISO time, LEVEL, [source], text without ANSI. */
  copyText(seq: number): string {
    const line = this.buffer.line(seq);
    return `${safeIso(line.time) || 'invalid-time'} ${this.buffer.level(seq).toUpperCase()} [${line.source}] ${stripAnsi(line.text)}`;
  }

  toText(): string {
    const b = this.buffer;
    const out: string[] = [];
    for (let seq = b.start; seq < b.end; seq++) {
      const s = b.slot(seq);
      const level = b.levels[s] === GAP ? 'GAP' : LOG_LEVELS[b.levels[s]].toUpperCase();
      out.push(`${safeIso(b.times[s]) || 'invalid-time'} ${level.padEnd(5)} [${b.sourceNames[b.sources[s]]}] ${b.plains[s]}`);
    }
    return out.length ? out.join('\n') + '\n' : '';
  }

  /** Everything loaded as NDJSON: one LogLine per line (text as received, ANSI kept). */
  toNdjson(): string {
    const b = this.buffer;
    const out: string[] = [];
    for (let seq = b.start; seq < b.end; seq++) {
      const s = b.slot(seq);
      if (b.levels[s] === GAP) {
        const m = /\((-?\d+)–(-?\d+)\)$/.exec(b.texts[s]);
        out.push(JSON.stringify({ gap: { from: m ? Number(m[1]) : b.ids[s], to: m ? Number(m[2]) : b.ids[s] }, source: b.sourceNames[b.sources[s]] }));
      } else out.push(JSON.stringify(b.line(seq)));
    }
    return out.length ? out.join('\n') + '\n' : '';
  }
}
