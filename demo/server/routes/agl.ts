/**
 * The Agent-lightning store API (`/v1/agl`), read side, as the store's OpenAPI document
 * (test/fixtures/agent-lightning/store-openapi.json) and its source specify: envelopes, query
 * parameters, 400/422 bodies word for word, `null` for a missing optional getter, the store's
 * sort order. Plus the seed's bare-array shape (`/agl-seed`).
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

/**
 * Each listed model's fields in pydantic's order (`model_fields`), with `str()` of the field's
 * annotation and, for a JSON object value, the Python class it is. The store takes `sort_by`
 * only from these fields and names them all in its 400; the annotation decides what a null
 * sorts as (`_get_sort_value` in agentlightning/store/collection/memory.py).
 */
interface Field {
  annotation: string;
  /** The Python class of an object value (a dict, or a pydantic model). */
  objectClass?: string;
}
type Model = Record<string, Field>;
const F = (annotation: string, objectClass?: string): Field => ({ annotation, objectClass });
const STR = F("<class 'str'>");
const INT = F("<class 'int'>");
const FLOAT = F("<class 'float'>");
const OPT_FLOAT = F('typing.Optional[float]');
const OPT_STR = F('typing.Optional[str]');
const OPT_DICT = F('typing.Optional[typing.Dict[str, typing.Any]]', 'dict');

const MODELS = {
  rollout: {
    rollout_id: STR,
    input: F('typing.Any', 'dict'),
    start_time: FLOAT,
    end_time: OPT_FLOAT,
    mode: F("typing.Optional[typing.Literal['train', 'val', 'test']]"),
    resources_id: OPT_STR,
    status: F("typing.Literal['queuing', 'preparing', 'running', 'failed', 'succeeded', 'cancelled', 'requeuing']"),
    config: F("<class 'agentlightning.types.core.RolloutConfig'>", 'RolloutConfig'),
    metadata: OPT_DICT,
  },
  attempt: {
    rollout_id: STR,
    attempt_id: STR,
    sequence_id: INT,
    start_time: FLOAT,
    end_time: OPT_FLOAT,
    status: F("typing.Literal['preparing', 'running', 'failed', 'succeeded', 'unresponsive', 'timeout']"),
    worker_id: OPT_STR,
    last_heartbeat_time: OPT_FLOAT,
    metadata: OPT_DICT,
  },
  span: {
    rollout_id: STR,
    attempt_id: STR,
    sequence_id: INT,
    trace_id: STR,
    span_id: STR,
    parent_id: OPT_STR,
    name: STR,
    status: F("<class 'agentlightning.types.tracer.TraceStatus'>", 'TraceStatus'),
    // Only whether `str()` of an annotation holds "str", "Literal", "int" or "float" matters (and
    // the whole text, in the ValueError, for those that hold none): long ones are abridged.
    attributes: F('typing.Dict[str, typing.Union[str, bool, int, float, …]]', 'dict'),
    events: F('typing.List[agentlightning.types.tracer.Event]', 'Event'),
    links: F('typing.List[agentlightning.types.tracer.Link]', 'Link'),
    start_time: OPT_FLOAT,
    end_time: OPT_FLOAT,
    context: F('typing.Optional[agentlightning.types.tracer.SpanContext]', 'SpanContext'),
    parent: F('typing.Optional[agentlightning.types.tracer.SpanContext]', 'SpanContext'),
    resource: F("<class 'agentlightning.types.tracer.OtelResource'>", 'OtelResource'),
  },
  resources: {
    resources_id: STR,
    create_time: FLOAT,
    update_time: FLOAT,
    version: INT,
    resources: F('typing.Dict[str, typing.Annotated[typing.Union[…LLM, …ProxyLLM, …PromptTemplate], …]]', 'dict'),
  },
  worker: {
    worker_id: STR,
    status: F("typing.Literal['idle', 'busy', 'unknown']"),
    heartbeat_stats: OPT_DICT,
    last_heartbeat_time: OPT_FLOAT,
    last_dequeue_time: OPT_FLOAT,
    last_busy_time: OPT_FLOAT,
    last_idle_time: OPT_FLOAT,
    current_rollout_id: OPT_STR,
    current_attempt_id: OPT_STR,
  },
} satisfies Record<string, Model>;

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

/** An exception the real store does not catch: FastAPI's middleware answers 500 with its name. */
class PyError extends Error {
  constructor(
    readonly type: 'TypeError' | 'ValueError',
    message: string,
  ) {
    super(message);
  }
}

/** The sort key of `_get_sort_value`: a null `*_time` is +∞ (last ascending), another null by its annotation. */
function sortKey(item: object, field: string, f: Field): unknown {
  const value = (item as Record<string, unknown>)[field] ?? null;
  if (field.endsWith('_time')) return value === null ? Infinity : value;
  if (value !== null) return value;
  if (f.annotation.includes('str') || f.annotation.includes('Literal')) return '';
  if (f.annotation.includes('int') || f.annotation.includes('float')) return 0;
  throw new PyError('ValueError', `Failed to sort items by '${field}': unsupported field type '${f.annotation}'`);
}

/** Python's name for a key's type, as its TypeError prints it. */
function pyType(v: unknown, f: Field): string {
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return f.annotation.includes('float') || !Number.isInteger(v) ? 'float' : 'int';
  if (Array.isArray(v)) return 'list';
  return f.objectClass ?? 'dict';
}

/** Python's `<` on two sort keys: numbers with numbers, strings with strings, lists item by item; anything else is a TypeError. */
function pyCompare(a: unknown, b: unknown, f: Field): number {
  const num = (v: unknown) => typeof v === 'number' || typeof v === 'boolean';
  if (num(a) && num(b)) return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (JSON.stringify(a[i]) === JSON.stringify(b[i])) continue;
      return pyCompare(a[i], b[i], { annotation: '', objectClass: f.objectClass });
    }
    return a.length - b.length;
  }
  throw new PyError('TypeError', `'<' not supported between instances of '${pyType(a, f)}' and '${pyType(b, f)}'`);
}

/**
 * Validate, sort, then page, as the store does: `_validate_paginated_request` (sort_by, then
 * limit, then offset, each with the store's own 400 text), a stable sort (ties keep store order,
 * also descending), and an envelope whose `total` counts every match, not just this page.
 */
function paginate<T extends object>(items: T[], page: Page, model: Model) {
  const fields = Object.keys(model);
  if (page.sortBy !== null && !fields.includes(page.sortBy)) {
    throw new HttpError(400, { detail: `Invalid sort_by: ${page.sortBy}, allowed fields are: ${fields.join(', ')}` });
  }
  if (page.limit === 0 || (page.limit < 0 && page.limit !== -1)) throw new HttpError(400, { detail: 'Limit must be greater than 0 or -1 for no limit' });
  if (page.offset < 0) throw new HttpError(400, { detail: 'Offset must be greater than or equal to 0' });
  let sorted = items;
  if (page.sortBy !== null) {
    const field = page.sortBy;
    const f = model[field]!;
    const dir = page.sortOrder === 'desc' ? -1 : 1;
    try {
      const keyed = items.map((item) => ({ item, key: sortKey(item, field, f) }));
      keyed.sort((a, b) => dir * pyCompare(a.key, b.key, f));
      sorted = keyed.map((k) => k.item);
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      // The store's middleware turns an unhandled exception under /v1/agl into this 500.
      throw new HttpError(500, {
        detail: 'Internal server error',
        error_type: e.type,
        traceback: `Traceback (most recent call last):\n  File "agentlightning/store/collection/memory.py", in query\n    all_matches.sort(key=lambda x: _get_sort_value(x, sort_by), reverse=reverse)\n${e.type}: ${e.message}\n`,
      });
    }
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
  return paginate(items, page, MODELS.rollout);
}

function queryAttempts(agl: AglSim, rolloutId: string, r: Reader) {
  const page = readPage(r, 'sequence_id');
  r.done();
  return paginate<Attempt>(agl.rollouts.get(rolloutId)?.attempts ?? [], page, MODELS.attempt);
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
  return paginate<AglWorker>(items, page, MODELS.worker);
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
  return paginate<Span>(items, page, MODELS.span);
}

function queryResources(agl: AglSim, r: Reader) {
  const id = r.str('resources_id');
  const contains = r.str('resources_id_contains');
  const page = readPage(r, null);
  r.done();
  const items = agl.resources.filter((x) =>
    matches([id !== null ? x.resources_id === id : null, contains !== null ? x.resources_id.includes(contains) : null], 'and'),
  );
  return paginate<ResourcesUpdate>(items, page, MODELS.resources);
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
