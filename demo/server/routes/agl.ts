/**
 * The Agent-lightning store API (`/v1/agl`), read side, as the OpenAPI document in
 * shared/fixtures/agent-lightning specifies: envelopes, query parameters, 400/422 bodies,
 * `null` for a missing optional getter. Plus the seed's bare-array shape (`/agl-seed`).
 */
import type { AglWorker, Attempt, ResourcesUpdate, Rollout, Span } from '../../../src/streams/agl.js';
import { AGL_WORKER_STATUSES, ROLLOUT_STATUSES } from '../../../src/streams/agl.js';
import { HttpError, readBody } from '../../../src/server/http.js';
import type { AglSim } from '../simulator/agl.js';
import { type Ctx, json } from './context.js';

type Loc = 'query' | 'body';
type Params = Record<string, unknown>;

interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** Fields a list may be sorted by: those of the listed model (as the real store checks). */
const SORTABLE = {
  rollout: ['rollout_id', 'input', 'start_time', 'end_time', 'mode', 'resources_id', 'status', 'config', 'metadata'],
  attempt: ['rollout_id', 'attempt_id', 'sequence_id', 'start_time', 'end_time', 'status', 'worker_id', 'last_heartbeat_time', 'metadata'],
  span: ['rollout_id', 'attempt_id', 'sequence_id', 'trace_id', 'span_id', 'parent_id', 'name', 'status', 'attributes', 'start_time', 'end_time'],
  resources: ['resources_id', 'create_time', 'update_time', 'version', 'resources'],
  worker: [
    'worker_id',
    'status',
    'heartbeat_stats',
    'last_heartbeat_time',
    'last_dequeue_time',
    'last_busy_time',
    'last_idle_time',
    'current_rollout_id',
    'current_attempt_id',
  ],
} as const;

/** Reads and validates parameters the way FastAPI/pydantic does, collecting every issue. */
class Reader {
  readonly issues: ValidationIssue[] = [];
  constructor(
    private readonly loc: Loc,
    private readonly params: Params,
  ) {}

  private raw(name: string): unknown {
    return this.params[name];
  }

  int(name: string, fallback: number): number {
    const v = this.raw(name);
    if (v === undefined || v === null) return fallback;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n)) {
      this.issues.push({
        type: 'int_parsing',
        loc: [this.loc, name],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: v,
      });
      return fallback;
    }
    return n;
  }

  str(name: string): string | null {
    const v = this.raw(name);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      this.issues.push({ type: 'string_type', loc: [this.loc, name], msg: 'Input should be a valid string', input: v });
      return null;
    }
    return v;
  }

  literal<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw(name);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.issues.push(literalIssue([this.loc, name], allowed, v));
    return fallback;
  }

  list<T extends string>(name: string, allowed?: readonly T[]): T[] | null {
    const v = this.raw(name);
    if (v === undefined || v === null) return null;
    const items = Array.isArray(v) ? v : [v];
    const out: T[] = [];
    items.forEach((item, i) => {
      if (typeof item !== 'string') this.issues.push({ type: 'string_type', loc: [this.loc, name, i], msg: 'Input should be a valid string', input: item });
      else if (allowed && !(allowed as readonly string[]).includes(item)) this.issues.push(literalIssue([this.loc, name, i], allowed, item));
      else out.push(item as T);
    });
    return out;
  }

  required(name: string): string | null {
    if (this.raw(name) === undefined) {
      this.issues.push({ type: 'missing', loc: [this.loc, name], msg: 'Field required', input: null });
      return null;
    }
    return this.str(name);
  }

  done(): void {
    if (this.issues.length) throw new HttpError(422, { detail: this.issues });
  }
}

function literalIssue(loc: (string | number)[], allowed: readonly string[], input: unknown): ValidationIssue {
  const q = allowed.map((a) => `'${a}'`);
  const expected = q.length > 1 ? `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}` : q[0]!;
  return { type: 'literal_error', loc, msg: `Input should be ${expected}`, input, ctx: { expected } };
}

/** Query string → params: repeated keys become arrays (status_in=a&status_in=b). */
function queryParams(url: URL, lists: readonly string[]): Params {
  const out: Params = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = lists.includes(key) ? all : all[all.length - 1];
  }
  return out;
}

async function bodyParams(ctx: Ctx): Promise<Params> {
  const text = await readBody(ctx.req);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HttpError(422, {
      detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: String((e as Error).message) } }],
    });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(422, {
      detail: [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: value }],
    });
  }
  return value as Params;
}

interface Page {
  limit: number;
  offset: number;
  sortBy: string | null;
  sortOrder: 'asc' | 'desc';
}

function readPage(r: Reader, defaultSort: string | null): Page {
  return {
    limit: r.int('limit', -1),
    offset: r.int('offset', 0),
    sortBy: r.str('sort_by') ?? defaultSort,
    sortOrder: r.literal('sort_order', ['asc', 'desc'] as const, 'asc'),
  };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sort, then page: the envelope's `total` counts every match, not just this page. */
function paginate<T extends object>(items: T[], page: Page, sortable: readonly string[]) {
  if (page.limit === 0 || page.limit < -1) throw new HttpError(400, { detail: 'Limit must be -1 or a positive integer' });
  if (page.offset < 0) throw new HttpError(400, { detail: 'Offset must be a non-negative integer' });
  let sorted = items;
  if (page.sortBy !== null) {
    if (!sortable.includes(page.sortBy)) throw new HttpError(400, { detail: `Invalid sort_by: ${page.sortBy}` });
    const key = page.sortBy;
    const dir = page.sortOrder === 'desc' ? -1 : 1;
    // Stable: equal keys keep store order.
    sorted = [...items].sort((a, b) => dir * compare((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  const slice = page.limit === -1 ? sorted.slice(page.offset) : sorted.slice(page.offset, page.offset + page.limit);
  return { items: slice, limit: page.limit, offset: page.offset, total: items.length };
}

/** AND/OR over the filters that were given; no filters match everything. */
function matches(tests: (boolean | null)[], logic: 'and' | 'or'): boolean {
  const given = tests.filter((t): t is boolean => t !== null);
  if (!given.length) return true;
  return logic === 'and' ? given.every(Boolean) : given.some(Boolean);
}

// ── queries shared by GET (query string) and POST …/search (body) ─────────────────────

function queryRollouts(agl: AglSim, r: Reader) {
  const statusIn = r.list('status_in', ROLLOUT_STATUSES);
  const idIn = r.list('rollout_id_in');
  const contains = r.str('rollout_id_contains');
  const logic = r.literal('filter_logic', ['and', 'or'] as const, 'and');
  const page = readPage(r, null);
  r.done();
  const items: Rollout[] = [];
  for (const rec of agl.rollouts.values()) {
    const ro = rec.rollout;
    const ok = matches(
      [
        statusIn ? statusIn.includes(ro.status) : null,
        idIn ? idIn.includes(ro.rollout_id) : null,
        contains !== null ? ro.rollout_id.includes(contains) : null,
      ],
      logic,
    );
    if (ok) items.push(agl.wire(rec));
  }
  return paginate(items, page, SORTABLE.rollout);
}

function queryAttempts(agl: AglSim, rolloutId: string, r: Reader) {
  const page = readPage(r, 'sequence_id');
  r.done();
  return paginate<Attempt>(agl.rollouts.get(rolloutId)?.attempts ?? [], page, SORTABLE.attempt);
}

function queryWorkers(agl: AglSim, r: Reader) {
  const statusIn = r.list('status_in', AGL_WORKER_STATUSES);
  const contains = r.str('worker_id_contains');
  const logic = r.literal('filter_logic', ['and', 'or'] as const, 'and');
  const page = readPage(r, null);
  r.done();
  const items = agl.workers.filter((w) =>
    matches([statusIn ? statusIn.includes(w.status) : null, contains !== null ? w.worker_id.includes(contains) : null], logic),
  );
  return paginate<AglWorker>(items, page, SORTABLE.worker);
}

function querySpans(agl: AglSim, r: Reader) {
  const rolloutId = r.required('rollout_id');
  let attemptId = r.str('attempt_id');
  const exact = ['trace_id', 'span_id', 'parent_id', 'name'] as const;
  const eq = exact.map((k) => [k, r.str(k)] as const);
  const sub = exact.map((k) => [k, r.str(`${k}_contains`)] as const);
  const logic = r.literal('filter_logic', ['and', 'or'] as const, 'and');
  const page = readPage(r, 'sequence_id');
  r.done();
  const rec = agl.rollouts.get(rolloutId!);
  if (attemptId === 'latest') attemptId = rec?.attempts[rec.attempts.length - 1]?.attempt_id ?? null;
  const items = (rec?.spans ?? []).filter((s) => {
    if (attemptId !== null && s.attempt_id !== attemptId) return false;
    return matches(
      [
        ...eq.map(([k, v]) => (v === null ? null : s[k] === v)),
        ...sub.map(([k, v]) => (v === null ? null : typeof s[k] === 'string' && (s[k] as string).includes(v))),
      ],
      logic,
    );
  });
  return paginate<Span>(items, page, SORTABLE.span);
}

function queryResources(agl: AglSim, r: Reader) {
  const id = r.str('resources_id');
  const contains = r.str('resources_id_contains');
  const page = readPage(r, null);
  r.done();
  const items = agl.resources.filter((x) =>
    matches([id !== null ? x.resources_id === id : null, contains !== null ? x.resources_id.includes(contains) : null], 'and'),
  );
  return paginate<ResourcesUpdate>(items, page, SORTABLE.resources);
}

// ── routing ───────────────────────────────────────────────────────────────────────────

const LISTS = ['status_in', 'rollout_id_in'];

/** `segments` are below `/v1/agl`. */
export async function aglRoute(ctx: Ctx, segments: string[]): Promise<void> {
  const agl = ctx.world.agl;
  const method = ctx.req.method ?? 'GET';
  const q = (): Reader => new Reader('query', queryParams(ctx.url, LISTS));
  const b = async (): Promise<Reader> => new Reader('body', await bodyParams(ctx));
  const [a, id, c, d] = segments;
  const n = segments.length;
  const get = method === 'GET' || method === 'HEAD';
  const post = method === 'POST';

  if (n === 1 && a === 'health' && get) return json(ctx, 200, { status: 'ok' });
  if (n === 1 && a === 'statistics' && get) return json(ctx, 200, agl.statistics());
  if (a === 'rollouts') {
    if (n === 1 && get) return json(ctx, 200, queryRollouts(agl, q()));
    if (n === 2 && id === 'search' && post) return json(ctx, 200, queryRollouts(agl, await b()));
    if (n === 2 && get) {
      const rec = agl.rollouts.get(id!);
      return json(ctx, 200, rec ? agl.wire(rec) : null);
    }
    if (n === 3 && c === 'attempts' && get) return json(ctx, 200, queryAttempts(agl, id!, q()));
    if (n === 4 && c === 'attempts' && d === 'search' && post) return json(ctx, 200, queryAttempts(agl, id!, await b()));
    if (n === 4 && c === 'attempts' && d === 'latest' && get) {
      const attempts = agl.rollouts.get(id!)?.attempts ?? [];
      return json(ctx, 200, attempts[attempts.length - 1] ?? null);
    }
  }
  if (a === 'workers') {
    if (n === 1 && get) return json(ctx, 200, queryWorkers(agl, q()));
    if (n === 2 && id === 'search' && post) return json(ctx, 200, queryWorkers(agl, await b()));
    if (n === 2 && get) return json(ctx, 200, agl.workers.find((w) => w.worker_id === id) ?? null);
  }
  if (a === 'spans') {
    if (n === 1 && get) return json(ctx, 200, querySpans(agl, q()));
    if (n === 2 && id === 'search' && post) return json(ctx, 200, querySpans(agl, await b()));
  }
  if (a === 'resources') {
    if (n === 1 && get) return json(ctx, 200, queryResources(agl, q()));
    if (n === 2 && id === 'latest' && get) return json(ctx, 200, agl.latestResources());
    if (n === 2 && get) return json(ctx, 200, agl.resources.find((x) => x.resources_id === id) ?? null);
  }
  // FastAPI's answers for a known path with another method, and for an unknown path.
  if (knownPath(segments)) return json(ctx, 405, { detail: 'Method Not Allowed' });
  return json(ctx, 404, { detail: 'Not Found' });
}

function knownPath(s: string[]): boolean {
  return ['health', 'statistics', 'rollouts', 'workers', 'spans', 'resources', 'queues', 'waits'].includes(s[0] ?? '');
}

/** The seed's simplified shape: bare arrays, no envelope, no query parameters. */
export function aglSeedRoute(ctx: Ctx, segments: string[]): void {
  const agl = ctx.world.agl;
  const [a, id, c] = segments;
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD') return json(ctx, 405, { detail: 'Method Not Allowed' });
  if (segments.length === 1 && a === 'health') return json(ctx, 200, { status: 'ok' });
  if (a === 'rollouts' && segments.length === 1) return json(ctx, 200, [...agl.rollouts.values()].map((r) => agl.wire(r)));
  if (a === 'rollouts' && segments.length === 2) {
    const rec = agl.rollouts.get(id!);
    return json(ctx, 200, rec ? agl.wire(rec) : null);
  }
  if (a === 'rollouts' && segments.length === 3 && c === 'attempts') return json(ctx, 200, agl.rollouts.get(id!)?.attempts ?? []);
  return json(ctx, 404, { detail: 'Not Found' });
}
