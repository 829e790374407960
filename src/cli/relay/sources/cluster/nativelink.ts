/**
 * `nativelink:NAME=REDIS_URL[?channel=CHANNEL]`: NativeLink's live executions from its Redis
 * scheduler backend. Follows NativeLink **v1.6.6** (commit a21edb0, 2026-08-22):
 * - nativelink-scheduler/src/store_awaited_action_db.rs: each operation is the hash
 *   `aa_<operation_id>` (after the store's key prefix); `cid_<client id>` keys map to it;
 * - nativelink-store/src/redis_store.rs: fields `data` (the AwaitedAction as JSON) and
 *   `version`; with `experimental_pub_sub_channel` every write PUBLISHes the key name;
 * - nativelink-scheduler/src/awaited_action_db/awaited_action.rs and
 *   nativelink-util/src/action_messages.rs: serde's default JSON for AwaitedAction, ActionInfo,
 *   ActionState, ActionStage (`"Queued"` … or `{"Completed": ActionResult}`), ExecutionMetadata;
 *   SystemTime is `{secs_since_epoch, nanos_since_epoch}`, OperationId `{"Uuid": …}` or
 *   `{"String": …}`, WorkerId and DigestInfo (`hash-size`) plain strings.
 * Pub/sub delivery is not guaranteed (NativeLink's docs say so), so keys are also scanned.
 * Workers are not in Redis: a worker appears when an operation names it.
 */
import { createClient } from 'redis';
import type { Activity, ActivityStage, ActivityStatus, WorkerInfo } from '../../../../streams/models.js';
import { redisProblem } from './stores.js';
import { StatusCell, type ClusterSource, type LiveFeed, type StatusListener } from './types.js';

export const NATIVELINK_VERSION = 'v1.6.6';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** SystemTime as serde writes it → epoch ms; the UNIX epoch (NativeLink's "unset") → null. */
export function systemTimeMs(t: unknown): number | null {
  if (!t || typeof t !== 'object') return null;
  const s = Number((t as Json).secs_since_epoch);
  const n = Number((t as Json).nanos_since_epoch ?? 0);
  if (!Number.isFinite(s) || s <= 0) return null;
  return s * 1000 + Math.floor(n / 1e6);
}

export function operationIdText(id: unknown): string {
  if (typeof id === 'string') return id;
  if (id && typeof id === 'object') {
    const v = (id as Json).Uuid ?? (id as Json).String;
    if (typeof v === 'string') return v;
  }
  throw new Error('operation_id is neither {"Uuid": …} nor {"String": …}');
}

/** The execution an AwaitedAction describes. Throws a clear message on JSON of another shape. */
export function activityFromAwaitedAction(source: string, aa: Json): Activity {
  if (!aa || typeof aa !== 'object' || !aa.state || !aa.action_info) throw new Error('not an AwaitedAction (no "state" or "action_info")');
  const op = operationIdText(aa.operation_id);
  const info = aa.action_info as Json;
  const state = aa.state as Json;
  const stage = state.stage;
  const stageName = typeof stage === 'string' ? stage : stage && typeof stage === 'object' ? Object.keys(stage)[0] : undefined;
  if (!stageName) throw new Error('state.stage is missing');
  const created = systemTimeMs(info.insert_timestamp) ?? systemTimeMs(info.load_timestamp) ?? Date.now();
  const changed = systemTimeMs(state.last_transition_timestamp) ?? created;
  const digest = String(state.action_digest ?? info.unique_qualifier?.Cacheable?.digest ?? info.unique_qualifier?.Uncacheable?.digest ?? '');
  const uq = info.unique_qualifier?.Cacheable ?? info.unique_qualifier?.Uncacheable ?? {};
  const meta = aa.maybe_origin_metadata?.bazel_metadata as Json | undefined;
  const mnemonic = meta?.action_mnemonic || meta?.actionMnemonic;
  const target = meta?.target_id || meta?.targetId;
  const props = Object.entries((info.platform_properties ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(' ');
  const a: Activity = {
    id: `${source}/${op}`,
    type: 'execution',
    status: 'queued',
    stage: 'queued',
    title: [mnemonic ?? 'Execute', target ?? digest.slice(0, 12)].join(' '),
    detail: [`action ${digest}`, uq.instance_name ? `instance ${uq.instance_name}` : '', props, aa.attempts > 1 ? `attempt ${aa.attempts}` : ''].filter(Boolean).join(' · '),
    worker: typeof aa.worker_id === 'string' && aa.worker_id ? aa.worker_id : null,
    client: aa.maybe_origin_metadata?.identity || null,
    createdAt: created,
    updatedAt: changed,
    stages: [],
    exitCode: null,
  };
  switch (stageName) {
    case 'Unknown':
    case 'CacheCheck':
      a.stage = 'cache_check';
      a.stages = [{ name: 'cache_check', startedAt: created, endedAt: null }];
      break;
    case 'Queued':
      a.stages = [{ name: 'queued', startedAt: changed, endedAt: null }];
      break;
    case 'Executing':
      a.status = 'in_progress';
      a.stage = 'executing';
      a.stages = [
        { name: 'queued', startedAt: created, endedAt: changed },
        { name: 'executing', startedAt: changed, endedAt: null },
      ];
      break;
    case 'Completed':
    case 'CompletedFromCache': {
      const r = (stage as Json)[stageName] as Json;
      const exit = Number(r?.exit_code);
      a.exitCode = Number.isFinite(exit) ? exit : null;
      a.status = stageName === 'CompletedFromCache' || (exit === 0 && !r?.error) ? 'success' : 'failed';
      a.stage = 'completed';
      const m = (r?.execution_metadata ?? {}) as Json;
      if (m.worker) a.worker = String(m.worker);
      a.stages = metadataStages(m, changed);
      if (r?.message) a.detail += ` · ${r.message}`;
      if (r?.error) a.detail += ` · error: ${typeof r.error === 'object' ? JSON.stringify(r.error.messages ?? r.error) : r.error}`;
      break;
    }
    default:
      throw new Error(`unknown stage "${stageName}" (this decoder follows NativeLink ${NATIVELINK_VERSION})`);
  }
  return a;
}

/** The per-stage times NativeLink records on completion; unset (epoch) stages are left out. */
function metadataStages(m: Json, completedAt: number): ActivityStage[] {
  const pairs: Array<[string, string, string]> = [
    ['queued', 'queued_timestamp', 'worker_start_timestamp'],
    ['downloading_inputs', 'input_fetch_start_timestamp', 'input_fetch_completed_timestamp'],
    ['executing', 'execution_start_timestamp', 'execution_completed_timestamp'],
    ['uploading_outputs', 'output_upload_start_timestamp', 'output_upload_completed_timestamp'],
  ];
  const stages: ActivityStage[] = [];
  for (const [name, from, to] of pairs) {
    const s = systemTimeMs(m[from]);
    if (s != null) stages.push({ name, startedAt: s, endedAt: systemTimeMs(m[to]) ?? s });
  }
  stages.push({ name: 'completed', startedAt: completedAt, endedAt: completedAt });
  return stages;
}

/** Workers seen executing: one per worker id, its running operations as actions. */
export function workersFromActivities(activities: Iterable<Activity>, lastSeen: Map<string, number>): WorkerInfo[] {
  const by = new Map<string, WorkerInfo>();
  for (const a of activities) {
    if (!a.worker) continue;
    const w = by.get(a.worker) ?? { id: a.worker, status: 'idle', subStatus: null, metrics: { cpu: null, memory: null, disk: null, network: null }, actions: [], lastHeartbeat: null, platform: { source: 'nativelink' } };
    by.set(a.worker, w);
    const seen = Math.max(lastSeen.get(a.worker) ?? 0, a.updatedAt);
    lastSeen.set(a.worker, seen);
    w.lastHeartbeat = seen;
    if (a.status === 'in_progress') {
      w.status = 'working';
      w.subStatus = 'executing';
      w.actions.push({ id: a.id, title: a.title, stage: a.stage, startedAt: a.stages[a.stages.length - 1]?.startedAt ?? a.updatedAt });
    }
  }
  return [...by.values()];
}

export interface NativelinkOptions {
  intervalMs?: number;
}

export function nativelinkSource(name: string, target: string, feed: LiveFeed, onStatus?: StatusListener, opts: NativelinkOptions = {}): ClusterSource {
  const status = new StatusCell(onStatus);
  const u = new URL(target);
  const channel = u.searchParams.get('channel');
  const prefix = u.searchParams.get('prefix') ?? '';
  u.searchParams.delete('channel');
  u.searchParams.delete('prefix');
  const url = u.toString();
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  const sub = channel ? client.duplicate() : null;
  client.on('error', () => {});
  sub?.on('error', () => {});
  const known = new Map<string, Activity>(); // by redis key
  const workerSeen = new Map<string, number>();
  const shownWorkers = new Map<string, string>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inflight: Promise<void> = Promise.resolve();
  let badRecords = 0;
  let lastBad = '';

  async function readKey(key: string): Promise<void> {
    const data = await client.hGet(key, 'data');
    if (data == null) {
      const gone = known.get(key);
      if (gone) {
        known.delete(key);
        feed.remove('activity', gone.id);
      }
      return;
    }
    try {
      const a = activityFromAwaitedAction(name, JSON.parse(data));
      const before = known.get(key);
      known.set(key, a);
      if (!before || JSON.stringify(before) !== JSON.stringify(a)) feed.upsert('activity', a);
    } catch (e) {
      badRecords++;
      lastBad = `${key}: ${(e as Error).message}`;
    }
  }

  /** A worker stays once seen (idle, its heartbeat ageing) even when its operations expire. */
  function publishWorkers(): void {
    for (const w of workersFromActivities(known.values(), workerSeen)) {
      const json = JSON.stringify(w);
      if (shownWorkers.get(w.id) !== json) feed.upsert('worker', w);
      shownWorkers.set(w.id, json);
    }
  }

  async function scan(): Promise<void> {
    if (!client.isOpen) {
      await client.connect();
      if (sub && !sub.isOpen) {
        await sub.connect();
        await sub.subscribe(channel!, (key) => {
          if (key.startsWith(`${prefix}aa_`)) void readKey(key).then(publishWorkers).catch(() => {});
        });
      }
    }
    const seen = new Set<string>();
    badRecords = 0;
    for await (const batch of client.scanIterator({ MATCH: `${prefix}aa_*`, COUNT: 500 })) {
      for (const key of Array.isArray(batch) ? batch : [batch]) {
        seen.add(key);
        await readKey(key);
      }
    }
    for (const [key, a] of known) {
      if (!seen.has(key)) {
        known.delete(key);
        feed.remove('activity', a.id);
      }
    }
    publishWorkers();
    const note = `${url}: ${known.size} operations (NativeLink ${NATIVELINK_VERSION} shapes)` + (channel ? `, subscribed to ${channel}` : ', polling only (add ?channel=NAME to subscribe)');
    if (badRecords) status.error(`${note}; ${badRecords} records not understood, e.g. ${lastBad}`);
    else status.ok(note);
  }

  const loop = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      inflight = scan()
        .catch(async (e: Error) => {
          if (stopped) return;
          status.error(`${url}: ${redisProblem(e)}`);
          if (client.isOpen) await client.disconnect().catch(() => {});
          if (sub?.isOpen) await sub.disconnect().catch(() => {});
        })
        .finally(() => loop(opts.intervalMs ?? 2000));
    }, delay);
  };
  loop(0);
  return {
    kind: 'nativelink',
    name,
    target,
    status: () => status.get(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inflight.catch(() => {});
      if (sub?.isOpen) await sub.disconnect().catch(() => {});
      if (client.isOpen) await client.disconnect().catch(() => {});
    },
  };
}
