/**
 * The Telltale live protocol (docs/protocol.md) → LiveEvent / ClusterSnapshot.
 */
import { DecodeError } from '../errors.js';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  CLIENT_STATUSES,
  ENTITY_KINDS,
  STORE_STATUSES,
  WORKER_STATUSES,
  WORKER_SUB_STATUSES,
  type Activity,
  type ClientInfo,
  type ClusterSnapshot,
  type LiveEvent,
  type StoreInfo,
  type WorkerInfo,
} from '../models.js';
import type { FeedDecoder, FeedItem, PollResult } from './feed.js';
import { arr, decodeEach, eventId, num, numOrNull, obj, objOrNull, oneOf, oneOfOrNull, optNum, str, strOrNull, type Obj } from './validate.js';

function usedTotal(o: Obj, key: string, path: string): void {
  const v = objOrNull(o, key, path);
  if (v) {
    num(v, 'used', `${path}.${key}`);
    num(v, 'total', `${path}.${key}`);
  }
}

export function decodeActivity(v: unknown, path = 'activity'): Activity {
  const o = obj(v, path);
  str(o, 'id', path);
  oneOf(o, 'type', ACTIVITY_TYPES, path);
  oneOf(o, 'status', ACTIVITY_STATUSES, path);
  str(o, 'stage', path);
  str(o, 'title', path);
  str(o, 'detail', path);
  strOrNull(o, 'worker', path);
  strOrNull(o, 'client', path);
  num(o, 'createdAt', path);
  num(o, 'updatedAt', path);
  const stages = arr(o.stages, `${path}.stages`);
  for (let i = 0; i < stages.length; i++) {
    const p = `${path}.stages[${i}]`;
    const s = obj(stages[i], p);
    str(s, 'name', p);
    num(s, 'startedAt', p);
    numOrNull(s, 'endedAt', p);
  }
  optNum(o, 'exitCode', path);
  optNum(o, 'stdoutBytes', path);
  optNum(o, 'stderrBytes', path);
  optNum(o, 'bytes', path);
  return o as unknown as Activity;
}

export function decodeWorker(v: unknown, path = 'worker'): WorkerInfo {
  const o = obj(v, path);
  str(o, 'id', path);
  oneOf(o, 'status', WORKER_STATUSES, path);
  oneOfOrNull(o, 'subStatus', WORKER_SUB_STATUSES, path);
  const m = obj(o.metrics, `${path}.metrics`);
  numOrNull(m, 'cpu', `${path}.metrics`);
  usedTotal(m, 'memory', `${path}.metrics`);
  usedTotal(m, 'disk', `${path}.metrics`);
  const net = objOrNull(m, 'network', `${path}.metrics`);
  if (net) {
    num(net, 'rxBps', `${path}.metrics.network`);
    num(net, 'txBps', `${path}.metrics.network`);
  }
  const actions = arr(o.actions, `${path}.actions`);
  for (let i = 0; i < actions.length; i++) {
    const p = `${path}.actions[${i}]`;
    const a = obj(actions[i], p);
    str(a, 'id', p);
    str(a, 'title', p);
    str(a, 'stage', p);
    num(a, 'startedAt', p);
  }
  numOrNull(o, 'lastHeartbeat', path);
  if (o.platform === undefined) o.platform = {};
  else obj(o.platform, `${path}.platform`);
  // Optional: false when the source cannot tell which actions run there (docs/protocol.md).
  if (o.actionsReported !== undefined && typeof o.actionsReported !== 'boolean')
    throw new DecodeError(`${path}.actionsReported`, 'a boolean when present', o.actionsReported);
  return o as unknown as WorkerInfo;
}

export function decodeStore(v: unknown, path = 'store'): StoreInfo {
  const o = obj(v, path);
  str(o, 'id', path);
  str(o, 'name', path);
  str(o, 'kind', path);
  strOrNull(o, 'parent', path);
  if (o.config === undefined) o.config = {};
  else obj(o.config, `${path}.config`);
  num(o, 'usedBytes', path);
  numOrNull(o, 'limitBytes', path);
  num(o, 'entries', path);
  num(o, 'hits', path);
  num(o, 'misses', path);
  num(o, 'evictions', path);
  oneOf(o, 'status', STORE_STATUSES, path);
  return o as unknown as StoreInfo;
}

export function decodeClient(v: unknown, path = 'client'): ClientInfo {
  const o = obj(v, path);
  str(o, 'id', path);
  str(o, 'address', path);
  str(o, 'tool', path);
  oneOf(o, 'status', CLIENT_STATUSES, path);
  num(o, 'executions', path);
  num(o, 'bytesSent', path);
  num(o, 'bytesReceived', path);
  num(o, 'connectedAt', path);
  num(o, 'lastSeen', path);
  const recent = arr(o.recent ?? [], `${path}.recent`);
  if (o.recent === undefined) o.recent = recent;
  return o as unknown as ClientInfo;
}

/** A snapshot, record by record: the ones that do not validate go to `unreadable`, the rest are kept. */
export function decodeSnapshot(v: unknown, path = 'reset', unreadable: Error[] = []): ClusterSnapshot {
  const o = obj(v, path);
  const list = <T>(key: string, one: (x: unknown, p: string) => T): T[] => decodeEach(arr(o[key] ?? [], `${path}.${key}`), `${path}.${key}`, one, unreadable);
  return {
    activities: list('activities', decodeActivity),
    workers: list('workers', decodeWorker),
    stores: list('stores', decodeStore),
    clients: list('clients', decodeClient),
  };
}

/** Decode one live-protocol event. Returns a LiveEvent; `reset` becomes a snapshot item (its unreadable records in `unreadable`). */
export function decodeLiveEvent(kind: string | undefined, data: unknown, id: number, unreadable: Error[] = []): LiveEvent {
  switch (kind) {
    case 'activity':
      return { id, kind, data: decodeActivity(data) };
    case 'worker':
      return { id, kind, data: decodeWorker(data) };
    case 'store':
      return { id, kind, data: decodeStore(data) };
    case 'client':
      return { id, kind, data: decodeClient(data) };
    case 'remove': {
      const o = obj(data, 'remove');
      return { id, kind, data: { kind: oneOf(o, 'kind', ENTITY_KINDS, 'remove'), id: str(o, 'id', 'remove') } };
    }
    case 'reset':
      return { id, kind, data: decodeSnapshot(data, 'reset', unreadable) };
    default:
      throw new DecodeError('event', 'one of activity, worker, store, client, remove, reset', kind);
  }
}

export const liveDecoder: FeedDecoder<LiveEvent, ClusterSnapshot> = {
  event(name, data, id): FeedItem<LiveEvent, ClusterSnapshot> | null {
    if (id === null) throw new DecodeError('id', 'an event id on every live event', id);
    const unreadable: Error[] = [];
    const ev = decodeLiveEvent(name, data, id, unreadable);
    return ev.kind === 'reset' ? { type: 'reset', id, snapshot: ev.data, unreadable } : { type: 'event', id, event: ev };
  },
  poll(json): PollResult<LiveEvent, ClusterSnapshot> {
    const o = obj(json, 'live/status');
    const cursor = eventId(o.lastId as number, 'live/status.lastId');
    const result: PollResult<LiveEvent, ClusterSnapshot> = { cursor, reset: null, events: [], malformed: [], more: o.more === true };
    if (o.reset !== undefined && o.reset !== null) {
      const unreadable: Error[] = [];
      result.reset = { id: cursor, snapshot: decodeSnapshot(o.reset, 'live/status.reset', unreadable), unreadable };
    }
    const events = o.events === undefined ? [] : arr(o.events, 'live/status.events');
    for (let i = 0; i < events.length; i++) {
      const e = obj(events[i], `live/status.events[${i}]`);
      const eid = eventId(e.id as number, `live/status.events[${i}].id`);
      try {
        const unreadable: Error[] = [];
        const ev = decodeLiveEvent(str(e, 'event', `live/status.events[${i}]`), e.data, eid, unreadable);
        if (ev.kind === 'reset') {
          result.reset = { id: eid, snapshot: ev.data, unreadable };
          result.events = [];
        } else result.events.push({ id: eid, event: ev });
      } catch (err) {
        result.malformed.push({ id: eid, error: err as Error });
      }
    }
    return result;
  },
};
