/**
 * Agent-lightning spans → what <trace-view> draws: decoders for the `/v1/agl` envelopes it
 * reads (rollouts, attempts, spans), and the span tree laid out on the trace's time axis.
 * Times stay epoch seconds as on the wire; the layout works in milliseconds from trace start.
 */
import type { Attempt, Paginated, Rollout, Span } from '../../streams/agl.js';
import { DecodeError } from '../../streams/errors.js';
import { num, obj, str, type Obj } from '../../streams/decoders/validate.js';
import { decodeList, type ListShape, type SkippedItem } from '../../streams/decoders/agl.js';

/** A list page as trace-view reads it: the good items, and the items that could not be read. */
export interface SpanListPage<T> extends Paginated<T> {
  shape: ListShape;
  /** Items that failed validation (index, id, reason, raw), left out of `items`. */
  skipped: SkippedItem[];
}

/**
 * Read a `{items, limit, offset, total}` envelope, or (the seed's shape) a bare array; anything
 * else throws. Items that fail validation are skipped and reported, the rest are kept.
 */
export function decodeEnvelope<T>(json: unknown, item: (v: unknown, path: string) => T, what: string, idKey?: string): SpanListPage<T> {
  const l = decodeList(json, item, what, idKey);
  return { shape: l.shape, items: l.items, skipped: l.skipped, limit: l.limit ?? -1, offset: l.offset, total: l.total };
}

const timeOrNull = (o: Obj, key: string, path: string): number | null => {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DecodeError(`${path}.${key}`, 'epoch seconds or null', v);
  return v;
};

export function decodeSpan(v: unknown, path = 'span'): Span {
  const o = obj(v, path);
  str(o, 'span_id', path);
  str(o, 'name', path);
  const status = o.status && typeof o.status === 'object' ? (o.status as Obj) : { status_code: 'UNSET', description: null };
  const code = status.status_code === 'OK' || status.status_code === 'ERROR' ? status.status_code : 'UNSET';
  return {
    ...(o as unknown as Span),
    parent_id: typeof o.parent_id === 'string' && o.parent_id ? o.parent_id : null,
    trace_id: typeof o.trace_id === 'string' ? o.trace_id : '',
    sequence_id: typeof o.sequence_id === 'number' ? o.sequence_id : 0,
    start_time: timeOrNull(o, 'start_time', path),
    end_time: timeOrNull(o, 'end_time', path),
    attributes: o.attributes && typeof o.attributes === 'object' ? (o.attributes as Record<string, unknown>) : {},
    status: { status_code: code, description: typeof status.description === 'string' ? status.description : null },
  };
}

export function decodeAttempt(v: unknown, path = 'attempt'): Attempt {
  const o = obj(v, path);
  str(o, 'attempt_id', path);
  num(o, 'sequence_id', path);
  return o as unknown as Attempt;
}

export function decodeRollout(v: unknown, path = 'rollout'): Rollout {
  const o = obj(v, path);
  str(o, 'rollout_id', path);
  str(o, 'status', path);
  return o as unknown as Rollout;
}

export const decodeSpanPage = (json: unknown) => decodeEnvelope(json, decodeSpan, 'spans', 'span_id');
export const decodeAttemptPage = (json: unknown) => decodeEnvelope(json, decodeAttempt, 'attempts', 'attempt_id');
export const decodeRolloutPage = (json: unknown) => decodeEnvelope(json, decodeRollout, 'rollouts', 'rollout_id');

/** One row of the waterfall: a span at its depth, with its bar in [0, 1] of the trace. */
export interface SpanRow {
  span: Span;
  depth: number;
  /** Number of direct children (for the expand toggle). */
  children: number;
  /** Offset of the bar start from the trace start, ms. */
  offsetMs: number;
  /** Duration in ms; null when the span has not ended (the bar runs to the trace end). */
  durationMs: number | null;
  left: number;
  width: number;
  /** The parent is named but not among the spans (dropped, or still in flight). */
  orphan: boolean;
}

export interface TraceLayout {
  rows: SpanRow[];
  startMs: number;
  endMs: number;
  totalMs: number;
}

/**
 * Nest spans by parent_id (children ordered by start time, then sequence), flatten depth-first,
 * skipping the subtrees of collapsed spans; place each bar relative to the whole trace.
 * Spans whose parent is missing become roots (marked orphan), so nothing silently disappears.
 */
export function layoutTrace(spans: readonly Span[], collapsed: ReadonlySet<string> = new Set(), now = Date.now()): TraceLayout {
  const byId = new Map<string, Span>();
  for (const s of spans) byId.set(s.span_id, s);
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const s of spans) {
    if (s.start_time != null) startMs = Math.min(startMs, s.start_time * 1000);
    if (s.end_time != null) endMs = Math.max(endMs, s.end_time * 1000);
    if (s.start_time != null) endMs = Math.max(endMs, s.start_time * 1000);
  }
  // A span still open runs to "now" when now is near; otherwise to the last known time.
  const open = spans.some((s) => s.start_time != null && s.end_time == null);
  if (open && Number.isFinite(endMs) && now > endMs && now - endMs < 10 * 60_000) endMs = now;
  if (!Number.isFinite(startMs)) startMs = 0;
  if (!Number.isFinite(endMs) || endMs < startMs) endMs = startMs;
  const totalMs = Math.max(endMs - startMs, 1);

  const children = new Map<string | null, Span[]>();
  const orphans = new Set<string>();
  for (const s of spans) {
    let parent = s.parent_id;
    if (parent != null && (!byId.has(parent) || parent === s.span_id)) {
      orphans.add(s.span_id);
      parent = null;
    }
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  const order = (a: Span, b: Span) =>
    (a.start_time ?? Infinity) - (b.start_time ?? Infinity) || a.sequence_id - b.sequence_id || a.span_id.localeCompare(b.span_id);
  for (const list of children.values()) list.sort(order);

  const rows: SpanRow[] = [];
  const seen = new Set<string>();
  const visit = (s: Span, depth: number) => {
    if (seen.has(s.span_id)) return; // a cycle in parent ids must not hang the page
    seen.add(s.span_id);
    const kids = children.get(s.span_id) ?? [];
    const startOf = s.start_time != null ? s.start_time * 1000 : startMs;
    const endOf = s.end_time != null ? s.end_time * 1000 : endMs;
    const offsetMs = startOf - startMs;
    const left = Math.min(1, Math.max(0, offsetMs / totalMs));
    const width = Math.min(1 - left, Math.max(0, (endOf - startOf) / totalMs));
    rows.push({
      span: s,
      depth,
      children: kids.length,
      offsetMs,
      durationMs: s.end_time != null && s.start_time != null ? Math.max(0, (s.end_time - s.start_time) * 1000) : null,
      left,
      width,
      orphan: orphans.has(s.span_id),
    });
    if (!collapsed.has(s.span_id)) for (const k of kids) visit(k, depth + 1);
    else hide(kids);
  };
  // Descendants of a collapsed span are accounted for, not shown.
  const hide = (list: Span[]) => {
    for (const k of list) {
      if (seen.has(k.span_id)) continue;
      seen.add(k.span_id);
      hide(children.get(k.span_id) ?? []);
    }
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  // Anything left over sits on a parent cycle: show it at the top level rather than hide it.
  for (const s of spans) if (!seen.has(s.span_id)) visit(s, 0);
  return { rows, startMs, endMs, totalMs };
}

/** A human span duration: `850 ms`, `2.41 s`, `1m 3s`. */
export function formatSpanMs(ms: number | null): string {
  if (ms == null || !Number.isFinite(ms)) return 'running';
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms - m * 60_000) / 1000);
  return `${m}m ${s}s`;
}

/** Axis ticks: about `count` round values across [0, totalMs]. */
export function axisTicks(totalMs: number, count = 5): number[] {
  const raw = totalMs / count;
  const mag = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-6)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= totalMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** The span table's sort keys. */
export type SortKey = 'name' | 'seq' | 'start' | 'duration' | 'status';

export const statusTone = (code: string) => (code === 'OK' ? 'ok' : code === 'ERROR' ? 'error' : 'neutral');
export const statusLabel = (span: Span) =>
  span.status.status_code === 'UNSET' ? (span.end_time == null ? 'running' : 'unset') : span.status.status_code.toLowerCase();
