/**
 * Agent-lightning REST API → wire models (agl.ts), kept exactly as received (no renamed keys),
 * so a raw-JSON view shows the wire JSON. Lists come in two shapes: the seed's bare array
 * (`GET {base}/rollouts`) and the real `/v1/agl` envelope `{items, limit, offset, total}`.
 * The shape is detected, reported, and anything else is an error — never a silent guess.
 */
import { DecodeError, describeValue } from '../errors.js';
import {
  ATTEMPT_STATUSES,
  ROLLOUT_MODES,
  ROLLOUT_STATUSES,
  type Attempt,
  type ResourcesUpdate,
  type Rollout,
  type Span,
} from '../agl.js';
import { arr, num, numOrNull, obj, oneOf, oneOfOrNull, str, strOrNull } from './validate.js';

export type ListShape = 'envelope' | 'array';

export interface DecodedList<T> {
  shape: ListShape;
  items: T[];
  /** From the envelope; for a bare array, its length. */
  total: number;
  limit: number | null;
  offset: number;
}

/** Detect the list shape and decode every item. Throws a DecodeError naming the shape found. */
export function decodeList<T>(json: unknown, item: (v: unknown, path: string) => T, what: string): DecodedList<T> {
  if (Array.isArray(json)) {
    return { shape: 'array', items: json.map((v, i) => item(v, `${what}[${i}]`)), total: json.length, limit: null, offset: 0 };
  }
  if (json !== null && typeof json === 'object' && Array.isArray((json as { items?: unknown }).items)) {
    const o = json as Record<string, unknown>;
    const items = (o.items as unknown[]).map((v, i) => item(v, `${what}.items[${i}]`));
    const total = num(o, 'total', what);
    const limit = num(o, 'limit', what);
    const offset = num(o, 'offset', what);
    return { shape: 'envelope', items, total, limit, offset };
  }
  throw new DecodeError(
    what,
    'a bare array (seed API) or an envelope {items, limit, offset, total} (/v1/agl)',
    json,
    `${what}: expected a bare array (seed API) or an envelope {items, limit, offset, total} (/v1/agl), found ${describeValue(json)}` +
      (json !== null && typeof json === 'object' && 'detail' in (json as object)
        ? ` — the server said: ${JSON.stringify((json as { detail: unknown }).detail)}`
        : ''),
  );
}

function config(v: unknown, path: string): void {
  const o = obj(v, path);
  numOrNull(o, 'timeout_seconds', path);
  numOrNull(o, 'unresponsive_seconds', path);
  num(o, 'max_attempts', path);
  const rc = arr(o.retry_condition, `${path}.retry_condition`);
  rc.forEach((s, i) => {
    if (!(ATTEMPT_STATUSES as readonly unknown[]).includes(s))
      throw new DecodeError(`${path}.retry_condition[${i}]`, `one of ${ATTEMPT_STATUSES.join(', ')}`, s);
  });
}

function metadata(o: Record<string, unknown>, path: string): void {
  const m = o.metadata;
  if (m !== null && m !== undefined && (typeof m !== 'object' || Array.isArray(m)))
    throw new DecodeError(`${path}.metadata`, 'an object or null', m);
}

export function decodeAttempt(v: unknown, path = 'attempt'): Attempt {
  const o = obj(v, path);
  str(o, 'rollout_id', path);
  str(o, 'attempt_id', path);
  num(o, 'sequence_id', path);
  num(o, 'start_time', path);
  numOrNull(o, 'end_time', path);
  oneOf(o, 'status', ATTEMPT_STATUSES, path);
  strOrNull(o, 'worker_id', path);
  numOrNull(o, 'last_heartbeat_time', path);
  metadata(o, path);
  return o as unknown as Attempt;
}

export function decodeRollout(v: unknown, path = 'rollout'): Rollout {
  const o = obj(v, path);
  str(o, 'rollout_id', path);
  num(o, 'start_time', path);
  numOrNull(o, 'end_time', path);
  oneOfOrNull(o, 'mode', ROLLOUT_MODES, path);
  strOrNull(o, 'resources_id', path);
  oneOf(o, 'status', ROLLOUT_STATUSES, path);
  config(o.config, `${path}.config`);
  metadata(o, path);
  // A rollout never attempted has no `attempt` key; `null` is tolerated but left as received.
  if (o.attempt !== undefined && o.attempt !== null) decodeAttempt(o.attempt, `${path}.attempt`);
  return o as unknown as Rollout;
}

export function decodeSpan(v: unknown, path = 'span'): Span {
  const o = obj(v, path);
  str(o, 'rollout_id', path);
  str(o, 'attempt_id', path);
  num(o, 'sequence_id', path);
  str(o, 'trace_id', path);
  str(o, 'span_id', path);
  strOrNull(o, 'parent_id', path);
  str(o, 'name', path);
  const st = obj(o.status, `${path}.status`);
  oneOf(st, 'status_code', ['UNSET', 'OK', 'ERROR'] as const, `${path}.status`);
  strOrNull(st, 'description', `${path}.status`);
  if (o.attributes !== undefined && o.attributes !== null) obj(o.attributes, `${path}.attributes`);
  if (o.events !== undefined) arr(o.events, `${path}.events`);
  if (o.links !== undefined) arr(o.links, `${path}.links`);
  numOrNull(o, 'start_time', path);
  numOrNull(o, 'end_time', path);
  return o as unknown as Span;
}

export function decodeResourcesUpdate(v: unknown, path = 'resources'): ResourcesUpdate {
  const o = obj(v, path);
  str(o, 'resources_id', path);
  num(o, 'create_time', path);
  num(o, 'update_time', path);
  num(o, 'version', path);
  const r = obj(o.resources, `${path}.resources`);
  for (const [name, res] of Object.entries(r)) {
    oneOf(obj(res, `${path}.resources.${name}`), 'resource_type', ['llm', 'proxy_llm', 'prompt_template'] as const, `${path}.resources.${name}`);
  }
  return o as unknown as ResourcesUpdate;
}

export function decodeRollouts(json: unknown): { shape: ListShape; rollouts: Rollout[]; total: number } {
  const l = decodeList(json, decodeRollout, 'rollouts');
  return { shape: l.shape, rollouts: l.items, total: l.total };
}
export function decodeAttempts(json: unknown): { shape: ListShape; attempts: Attempt[]; total: number } {
  const l = decodeList(json, decodeAttempt, 'attempts');
  return { shape: l.shape, attempts: l.items, total: l.total };
}
export function decodeSpans(json: unknown): { shape: ListShape; spans: Span[]; total: number } {
  const l = decodeList(json, decodeSpan, 'spans');
  return { shape: l.shape, spans: l.items, total: l.total };
}
/** A resources list in either shape; a single ResourcesUpdate (`/resources/latest`) is a list of one; `null` is empty. */
export function decodeResources(json: unknown): { shape: ListShape | 'single'; resources: ResourcesUpdate[]; total: number } {
  if (json === null) return { shape: 'single', resources: [], total: 0 };
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && 'resources_id' in (json as object)) {
    return { shape: 'single', resources: [decodeResourcesUpdate(json)], total: 1 };
  }
  const l = decodeList(json, decodeResourcesUpdate, 'resources');
  return { shape: l.shape, resources: l.items, total: l.total };
}
