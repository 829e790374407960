/**
 * The cluster source kinds in the relay's registry: each feeds the live protocol (`ctx.live`),
 * and keeps a log stream of the same NAME whose status (GET /logs, /relay/info) and lines say
 * what the source is doing: "waiting for /tmp/bep.json", "answered HTML, not Prometheus text"…
 */
import type { AssignedAction, StoreInfo } from '../../../../streams/models.js';
import type { LiveState } from '../../../../server/live.js';
import { registerSource, type SourceContext, type SourceSpec, type SourceState as RelayState } from '../registry.js';
import { bepSource } from './bep.js';
import { nativelinkSource } from './nativelink.js';
import { promSource, type HostActions } from './prom.js';
import { dirSource, parentStore, parseStoreTree, redisInfoSource } from './stores.js';
import type { ClusterSource, EntityRecord, LiveFeed, SourceStatus, StatusListener } from './types.js';

/** The relay's `--store-tree`, per LiveState (one relay, one tree). */
const trees = new WeakMap<LiveState, ReturnType<typeof parseStoreTree>>();

export function setStoreTree(live: LiveState, spec: string): void {
  trees.set(live, parseStoreTree(spec));
}

/** A feed that gives tiers their parent and keeps each parent's sums up to date. */
function storeFeed(live: LiveState): LiveFeed {
  const tree = trees.get(live);
  if (!tree) return live;
  return {
    remove: (kind, id) => live.remove(kind, id),
    appendOutput: (id, which, text) => live.appendOutput(id, which, text),
    upsert(kind, record: EntityRecord) {
      const parent = kind === 'store' ? tree.parentOf.get(record.id) : undefined;
      if (!parent) return live.upsert(kind, record);
      live.upsert('store', { ...(record as StoreInfo), parent });
      const tiers = tree.parents.get(parent)!.map((id) => live.stores.get(id)).filter((s): s is StoreInfo => Boolean(s));
      live.upsert('store', parentStore(parent, tiers));
    },
  };
}

/** In-progress activities (BEP, NativeLink) that name a host, for the worker scraped on it. */
function hostActions(live: LiveState): HostActions {
  return {
    actionsOn(host: string, workerId: string): AssignedAction[] {
      const out: AssignedAction[] = [];
      for (const a of live.activities.values())
        if ((a.worker === host || a.worker === workerId) && a.status === 'in_progress')
          out.push({ id: a.id, title: a.title, stage: a.stage, startedAt: a.stages[a.stages.length - 1]?.startedAt ?? a.updatedAt });
      return out;
    },
    names(host: string, workerId: string): boolean {
      for (const a of live.activities.values()) if (a.worker === host || a.worker === workerId) return true;
      return false;
    },
  };
}

const RELAY_STATE: Record<SourceStatus['state'], RelayState> = { starting: 'starting', ok: 'live', waiting: 'waiting', error: 'error' };

/** Status → the stream's status, and one log line per change (so the Logs page tells the story). */
function reporter(spec: SourceSpec, ctx: SourceContext): StatusListener {
  const sink = ctx.stream(spec.name, `${spec.kind}: ${spec.name}`);
  let last: SourceStatus['state'] | null = null;
  return (s) => {
    sink.status(RELAY_STATE[s.state], s.message);
    // A line when the state changes, and for every new problem; not for each "read N more events".
    if (s.state !== last || s.state !== 'ok')
      sink.line({ text: s.message, level: s.state === 'error' ? 'error' : s.state === 'waiting' ? 'warn' : 'info', source: spec.kind });
    last = s.state;
  };
}

function needsUrl(spec: SourceSpec, protocols: string[], example: string): void {
  let u: URL;
  try {
    u = new URL(spec.target);
  } catch {
    throw new Error(`source "${spec.raw}": ${spec.target ? `"${spec.target}" is not a URL` : 'needs a URL'}, e.g. ${example}`);
  }
  if (!protocols.includes(u.protocol)) throw new Error(`source "${spec.raw}": expected a ${protocols.join(' or ')} URL, e.g. ${example}`);
}

function register(kind: string, usage: string, validate: (spec: SourceSpec) => void, start: (spec: SourceSpec, ctx: SourceContext, report: StatusListener) => ClusterSource): void {
  registerSource({
    kind,
    usage,
    // Each also keeps a log stream of its NAME: its status, what it read, what is wrong.
    feeds: ['live', 'logs'],
    validate,
    start(spec, ctx) {
      const src = start(spec, ctx, reporter(spec, ctx));
      return { stop: () => src.stop() };
    },
  });
}

register(
  'bep',
  'bep:NAME=PATH        a Bazel build event file (bazel build --build_event_json_file=PATH):\n                       actions, targets, tests → Activity; the invocation → Clients',
  (spec) => {
    if (!spec.target) throw new Error(`source "${spec.raw}": needs the BEP file's path, e.g. bep:ci=/tmp/bep.json`);
  },
  (spec, ctx, report) => bepSource(spec.name, spec.target, ctx.live, report),
);

register(
  'prom',
  'prom:NAME=URL        a node_exporter (http://host:9100/metrics) → worker NAME: CPU, memory,\n                       disk, network; its heartbeat is the last good scrape',
  (spec) => needsUrl(spec, ['http:', 'https:'], 'prom:build-01=http://127.0.0.1:9100/metrics'),
  (spec, ctx, report) => promSource(spec.name, spec.target, ctx.live, report, { hostActions: hostActions(ctx.live) }),
);

register(
  'redis-info',
  'redis-info:NAME=URL  a Redis cache (redis://[:password@]host:6379) → store NAME: memory,\n                       keys, hit rate, evictions',
  (spec) => needsUrl(spec, ['redis:', 'rediss:'], 'redis-info:cache=redis://127.0.0.1:6379'),
  (spec, ctx, report) => redisInfoSource(spec.name, spec.target, storeFeed(ctx.live), report),
);

register(
  'dir',
  'dir:NAME=PATH        a cache directory → store NAME: bytes and files against its filesystem',
  (spec) => {
    if (!spec.target) throw new Error(`source "${spec.raw}": needs a directory, e.g. dir:disk-cache=/var/cache/bazel`);
  },
  (spec, ctx, report) => dirSource(spec.name, spec.target, storeFeed(ctx.live), report),
);

register(
  'nativelink',
  'nativelink:NAME=URL  NativeLink\'s Redis scheduler (redis://host:6379?channel=CHANNEL) →\n                       executions with their stages, and the workers running them',
  (spec) => needsUrl(spec, ['redis:', 'rediss:'], 'nativelink:nl=redis://127.0.0.1:6379?channel=nativelink'),
  (spec, ctx, report) => nativelinkSource(spec.name, spec.target, ctx.live, report),
);
