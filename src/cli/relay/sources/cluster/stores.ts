/**
 * `redis-info:NAME=URL` and `dir:NAME=PATH`: caches as stores. A Redis's `INFO` gives used vs
 * max memory, keys, hits/misses and evictions; a directory gives the bytes and files under it
 * against the free space of its filesystem. `--store-tree` nests them: `cache=hot,cold` makes a
 * `fast_slow` store `cache` whose tiers point to it with `parent` (NativeLink's fast/slow stores).
 */
import { lstat, readdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from 'redis';
import type { StoreInfo } from '../../../../streams/models.js';
import { StatusCell, type ClusterSource, type LiveFeed, type StatusListener } from './types.js';

/** `INFO` text → `{section.key: value}` flattened to `key: value` (keys are unique across sections). */
export function parseRedisInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i), line.slice(i + 1));
  }
  return out;
}

/** The store a Redis `INFO` answer describes. */
export function storeFromRedisInfo(id: string, info: Map<string, string>, parent: string | null = null): StoreInfo {
  const n = (k: string) => Number(info.get(k) ?? NaN);
  let keys = 0;
  for (const [k, v] of info) if (/^db\d+$/.test(k)) keys += Number(/keys=(\d+)/.exec(v)?.[1] ?? 0);
  const max = n('maxmemory');
  const config: StoreInfo['config'] = { server: `redis ${info.get('redis_version') ?? '?'}` };
  if (info.get('maxmemory_policy')) config.policy = info.get('maxmemory_policy')!;
  const frag = n('mem_fragmentation_ratio');
  if (Number.isFinite(frag)) config.fragmentation = frag;
  // What Redis weighs against maxmemory: used_memory less the replication/AOF buffers it does not
  // count for eviction. It evicts on the next write, so between writes a full Redis can sit a few
  // KiB over its limit: that is full (the page would call a ratio over 1 invalid), and says by how much.
  const used = n('used_memory') || 0;
  const counted = Math.max(0, used - (n('mem_not_counted_for_evict') || 0));
  if (max > 0 && counted > max) config['over maxmemory'] = `${counted - max} bytes until the next eviction`;
  return {
    id,
    name: id,
    kind: 'redis',
    parent,
    config,
    usedBytes: max > 0 ? Math.min(counted, max) : used,
    limitBytes: max > 0 ? max : null,
    entries: keys,
    hits: n('keyspace_hits') || 0,
    misses: n('keyspace_misses') || 0,
    evictions: n('evicted_keys') || 0,
    status: info.get('loading') === '1' ? 'degraded' : 'ok',
  };
}

/** Bytes and files under a directory (not following links), and its filesystem's size. */
export async function measureDir(path: string, limitEntries = 200_000): Promise<{ bytes: number; files: number; fsTotal: number; fsFree: number; partial: boolean }> {
  let bytes = 0;
  let files = 0;
  let partial = false;
  const stack = [path];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (dir === path) throw e;
      continue; // a subfolder removed or unreadable while we walk: count what we can
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        files++;
        bytes += (await lstat(p).catch(() => ({ size: 0 }))).size;
      }
      if (files >= limitEntries) {
        partial = true;
        stack.length = 0;
        break;
      }
    }
  }
  const fs = await statfs(path);
  return { bytes, files, fsTotal: fs.blocks * fs.bsize, fsFree: fs.bavail * fs.bsize, partial };
}

function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

interface PollOptions {
  intervalMs?: number;
  /** Parent store id (from --store-tree). */
  parent?: string | null;
}

/** A source that polls `read()` and upserts the store; on failure the store turns `offline` with its last numbers. */
function pollingStore(kind: string, name: string, target: string, feed: LiveFeed, onStatus: StatusListener | undefined, opts: PollOptions, read: () => Promise<{ store: StoreInfo; note: string }>, close: () => Promise<void> = async () => {}): ClusterSource {
  const status = new StatusCell(onStatus);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let inflight: Promise<void> = Promise.resolve();
  let last: StoreInfo | null = null;
  async function tick() {
    try {
      const { store, note } = await read();
      if (stopped) return;
      last = store;
      feed.upsert('store', store);
      status.ok(note);
    } catch (e) {
      if (stopped) return;
      status.error(`${target}: ${(e as Error).message}`);
      if (last && last.status !== 'offline') {
        last = { ...last, status: 'offline' };
        feed.upsert('store', last);
      }
    }
  }
  const loop = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      inflight = tick().finally(() => loop(opts.intervalMs ?? 3000));
    }, delay);
  };
  loop(0);
  return {
    kind,
    name,
    target,
    status: () => status.get(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inflight.catch(() => {});
      await close();
    },
  };
}

export function dirSource(name: string, path: string, feed: LiveFeed, onStatus?: StatusListener, opts: PollOptions = {}): ClusterSource {
  return pollingStore('dir', name, path, feed, onStatus, opts, async () => {
    const m = await measureDir(path).catch((e: NodeJS.ErrnoException) => {
      throw new Error(e.code === 'ENOENT' ? 'no such directory' : e.code === 'ENOTDIR' ? 'not a directory' : e.message);
    });
    const store: StoreInfo = {
      id: name,
      name,
      kind: 'filesystem',
      parent: opts.parent ?? null,
      config: { path, 'free on filesystem': formatBytes(m.fsFree) },
      usedBytes: m.bytes,
      // The directory can grow into what is free on its filesystem.
      limitBytes: m.bytes + m.fsFree,
      entries: m.files,
      hits: 0,
      misses: 0,
      evictions: 0,
      status: m.partial ? 'degraded' : 'ok',
    };
    return { store, note: `${path}: ${m.files} files${m.partial ? ' (stopped counting at 200,000)' : ''}` };
  });
}

/** A clear sentence for what node-redis throws. */
export function redisProblem(e: Error): string {
  const msg = e.message ?? String(e);
  if (/NOAUTH|WRONGPASS|requires? (a )?password|Authentication required/i.test(msg)) return `needs a password (${msg}); put it in the URL: redis://:PASSWORD@host:port`;
  if (/ECONNREFUSED/.test(msg)) return `refused the connection (${msg}): is redis-server running there?`;
  return msg;
}

export function redisInfoSource(name: string, url: string, feed: LiveFeed, onStatus?: StatusListener, opts: PollOptions = {}): ClusterSource {
  // No reconnect loop of its own: each poll connects if needed, so a dead Redis is one clear message per poll.
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  client.on('error', () => {}); // reported by the poll that meets it
  const ensure = async () => {
    if (!client.isOpen) await client.connect();
  };
  return pollingStore(
    'redis-info',
    name,
    url,
    feed,
    onStatus,
    opts,
    async () => {
      try {
        await ensure();
        const info = parseRedisInfo(await client.info());
        const store = storeFromRedisInfo(name, info, opts.parent ?? null);
        return { store, note: `${url}: redis ${info.get('redis_version')}, ${store.entries} keys` };
      } catch (e) {
        if (client.isOpen) await client.disconnect().catch(() => {});
        throw new Error(redisProblem(e as Error));
      }
    },
    async () => {
      if (client.isOpen) await client.disconnect().catch(() => {});
    },
  );
}

/** `--store-tree cache=hot,cold;other=a,b` → parent of each tier, and the parents to create. */
export function parseStoreTree(text: string): { parents: Map<string, string[]>; parentOf: Map<string, string> } {
  const parents = new Map<string, string[]>();
  const parentOf = new Map<string, string>();
  for (const part of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=]+)=(.+)$/.exec(part);
    if (!m) throw new Error(`--store-tree "${part}" is not PARENT=TIER,TIER (e.g. cas=memory,disk)`);
    const tiers = m[2]!.split(',').map((s) => s.trim()).filter(Boolean);
    parents.set(m[1]!.trim(), tiers);
    for (const t of tiers) parentOf.set(t, m[1]!.trim());
  }
  return { parents, parentOf };
}

/** The `fast_slow` parent of some tiers: its numbers are the sum of its tiers'. */
export function parentStore(id: string, tiers: StoreInfo[]): StoreInfo {
  const limits = tiers.map((t) => t.limitBytes);
  return {
    id,
    name: id,
    kind: 'fast_slow',
    parent: null,
    config: { tiers: tiers.map((t) => t.id).join(' → ') },
    usedBytes: tiers.reduce((s, t) => s + t.usedBytes, 0),
    limitBytes: limits.every((l) => l != null) && limits.length ? limits.reduce((s, l) => s! + l!, 0) : null,
    entries: tiers.reduce((s, t) => s + t.entries, 0),
    hits: tiers.reduce((s, t) => s + t.hits, 0),
    // Tiers are read independently (a directory counts no lookups): the sums, not a guess at the chain.
    misses: tiers.reduce((s, t) => s + t.misses, 0),
    evictions: tiers.reduce((s, t) => s + t.evictions, 0),
    status: tiers.some((t) => t.status === 'offline') ? 'degraded' : tiers.length ? 'ok' : 'offline',
  };
}
