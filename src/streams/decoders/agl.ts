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

/**
 * A list item that failed validation: left out of `items`, never dropped silently. `reason` is
 * the DecodeError message (plain text, from the wire: render it as text); `raw` is the item as
 * received, so a raw-JSON view can still show it.
 */
export interface SkippedItem {
  /** Position in the list as received. */
  index: number;
  /** The item's id when it has a string one (rollout_id, attempt_id, span_id, resources_id). */
  id?: string;
  reason: string;
  raw: unknown;
}

export interface DecodedList<T> {
  shape: ListShape;
  /** The items that passed validation, in wire order. */
  items: T[];
  /** Items that failed validation, in wire order (empty when all were read). */
  skipped: SkippedItem[];
  /** From the envelope; for a bare array, its length. */
  total: number;
  limit: number | null;
  offset: number;
}

/** Decode each item; an item that throws is reported in `skipped`, the others are kept. */
export function decodeItems<T>(
  list: readonly unknown[],
  item: (v: unknown, path: string) => T,
  path: (i: number) => string,
  idKey?: string,
): { items: T[]; skipped: SkippedItem[] } {
  const items: T[] = [];
  const skipped: SkippedItem[] = [];
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    try {
      items.push(item(v, path(i)));
    } catch (err) {
      const id = idKey && v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[idKey] : undefined;
      skipped.push({
        index: i,
        ...(typeof id === 'string' ? { id } : {}),
        reason: err instanceof Error ? err.message : String(err),
        raw: v,
      });
    }
  }
  return { items, skipped };
}

/**
 * Detect the list shape (strictly: a bare array, or an object with an `items` array and numeric
 * `total`, `limit`, `offset`) and decode every item. A wrong envelope throws a DecodeError naming
 * the shape found; an item that fails validation is skipped and reported in `skipped`.
 * `idKey` names the item's id field, reported with a skipped item.
 */
export function decodeList<T>(json: unknown, item: (v: unknown, path: string) => T, what: string, idKey?: string): DecodedList<T> {
  if (Array.isArray(json)) {
    const { items, skipped } = decodeItems(json, item, (i) => `${what}[${i}]`, idKey);
    return { shape: 'array', items, skipped, total: json.length, limit: null, offset: 0 };
  }
  if (json !== null && typeof json === 'object' && Array.isArray((json as { items?: unknown }).items)) {
    const o = json as Record<string, unknown>;
    // The envelope first: a wrong envelope is a wrong answer, whatever its items.
    const total = num(o, 'total', what);
    const limit = num(o, 'limit', what);
    const offset = num(o, 'offset', what);
    const { items, skipped } = decodeItems(o.items as unknown[], item, (i) => `${what}.items[${i}]`, idKey);
    return { shape: 'envelope', items, skipped, total, limit, offset };
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

/**
 * The list decoders below throw only when the answer is not a list (see decodeList); items that
 * fail validation are left out and reported in `skipped` with their index, id and reason.
 */
export function decodeRollouts(json: unknown): { shape: ListShape; rollouts: Rollout[]; skipped: SkippedItem[]; total: number } {
  const l = decodeList(json, decodeRollout, 'rollouts', 'rollout_id');
  return { shape: l.shape, rollouts: l.items, skipped: l.skipped, total: l.total };
}
export function decodeAttempts(json: unknown): { shape: ListShape; attempts: Attempt[]; skipped: SkippedItem[]; total: number } {
  const l = decodeList(json, decodeAttempt, 'attempts', 'attempt_id');
  return { shape: l.shape, attempts: l.items, skipped: l.skipped, total: l.total };
}
export function decodeSpans(json: unknown): { shape: ListShape; spans: Span[]; skipped: SkippedItem[]; total: number } {
  const l = decodeList(json, decodeSpan, 'spans', 'span_id');
  return { shape: l.shape, spans: l.items, skipped: l.skipped, total: l.total };
}
/**
 * A resources list in either shape; a single ResourcesUpdate (`/resources/latest`) is a list of
 * one (it throws when invalid: there is nothing else to show); `null` is empty.
 */
export function decodeResources(json: unknown): { shape: ListShape | 'single'; resources: ResourcesUpdate[]; skipped: SkippedItem[]; total: number } {
  if (json === null) return { shape: 'single', resources: [], skipped: [], total: 0 };
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && 'resources_id' in (json as object)) {
    return { shape: 'single', resources: [decodeResourcesUpdate(json)], skipped: [], total: 1 };
  }
  const l = decodeList(json, decodeResourcesUpdate, 'resources', 'resources_id');
  return { shape: l.shape, resources: l.items, skipped: l.skipped, total: l.total };
}
