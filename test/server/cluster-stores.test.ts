/**
 * `redis-info:NAME=URL` and `dir:NAME=PATH` against a real redis-server (small maxmemory, so it
 * evicts) and a real directory; `--store-tree` nesting; a Redis that needs a password.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createClient } from 'redis';
import type { StoreInfo } from '../../src/streams/models.js';
import { dirSource, parentStore, parseStoreTree, redisInfoSource, storeFromRedisInfo } from '../../src/cli/relay/sources/cluster/stores.js';
import { MemoryFeed, type ClusterSource, type SourceStatus } from '../../src/cli/relay/sources/cluster/types.js';
import { startRedis, waitFor } from './cluster-programs.js';

const sources: ClusterSource[] = [];
after(() => Promise.all(sources.map((s) => s.stop())));

describe('redis-info and dir stores', () => {
  it('shows a real Redis cache: usage against maxmemory, keys, hit rate, evictions', async () => {
    const redis = await startRedis(['--maxmemory', '2mb', '--maxmemory-policy', 'allkeys-lru']);
    try {
      const c = createClient({ url: `redis://127.0.0.1:${redis.port}` });
      await c.connect();
      for (let i = 0; i < 3000; i++) await c.set(`blob:${i}`, 'x'.repeat(1000));
      let hits = 0;
      for (let i = 2900; i < 3000; i++) if ((await c.get(`blob:${i}`)) != null) hits++;
      for (let i = 0; i < 50; i++) if ((await c.get(`blob:${i}`)) != null) hits++; // mostly evicted long ago: misses (approximate LRU may keep a few)
      await c.quit();
      const feed = new MemoryFeed();
      const statuses: SourceStatus[] = [];
      sources.push(redisInfoSource('cache', `redis://127.0.0.1:${redis.port}`, feed, (s) => statuses.push(s), { intervalMs: 300 }));
      const s = await waitFor('store', () => feed.get<StoreInfo>('store', 'cache'));
      // Approximated LRU (5 samples) keeps a few old keys and drops a few recent ones: hence the ranges below.
      assert.equal(s.kind, 'redis');
      assert.equal(s.limitBytes, 2 * 1024 * 1024);
      assert.ok(s.usedBytes > 1024 * 1024 && s.usedBytes <= s.limitBytes!, `used ${s.usedBytes} of ${s.limitBytes}`);
      assert.ok(s.evictions > 1000, `evictions ${s.evictions}`);
      assert.ok(s.entries > 500 && s.entries < 3000, `keys ${s.entries}`);
      // Every GET is a hit or a miss; the recent keys mostly survived LRU, the first 50 did not.
      assert.equal(s.hits + s.misses, 150);
      assert.ok(Math.abs(s.hits - hits) <= 2, `hits ${s.hits} (client saw ${hits})`);
      assert.ok(s.misses >= 1 && s.hits >= 1, `hits ${s.hits}, misses ${s.misses}`);
      assert.equal(s.config.policy, 'allkeys-lru');
      assert.equal(s.status, 'ok');
      assert.match(statuses.at(-1)!.message, /redis 7\.\d+\.\d+, \d+ keys/);
      await redis.stop();
      const err = await waitFor('redis gone', () => statuses.find((x) => x.state === 'error'));
      assert.match(err.message, /refused the connection .*is redis-server running there\?/);
      assert.equal(feed.get<StoreInfo>('store', 'cache')!.status, 'offline', 'the last numbers stay, marked offline');
    } finally {
      await redis.stop();
    }
  });

  // A full Redis is over maxmemory only between a write and the eviction it triggers, too briefly
  // to catch on purpose: INFO's own field names, with values as seen on this machine (4 MiB limit).
  it('shows a full Redis a few KiB over maxmemory as full, and says by how much', () => {
    const info = new Map([['redis_version', '7.0.15'], ['used_memory', '4206112'], ['maxmemory', '4194304'], ['mem_not_counted_for_evict', '0'], ['maxmemory_policy', 'allkeys-lru'], ['db0', 'keys=2883,expires=0,avg_ttl=0'], ['evicted_keys', '3117']]);
    const s = storeFromRedisInfo('memory', info);
    assert.equal(s.usedBytes, 4194304);
    assert.equal(s.limitBytes, 4194304);
    assert.equal(s.config['over maxmemory'], '11808 bytes until the next eviction');
    // Buffers Redis does not count for eviction (a replica's, the AOF's) are not its data.
    const withBuffers = storeFromRedisInfo('memory', new Map([...info, ['used_memory', '3000000'], ['mem_not_counted_for_evict', '500000']]));
    assert.equal(withBuffers.usedBytes, 2500000);
    assert.equal(withBuffers.config['over maxmemory'], undefined);
  });

  it('says a Redis needs a password, and reads it with one in the URL', async () => {
    const redis = await startRedis(['--requirepass', 's3cret']);
    try {
      const feed = new MemoryFeed();
      const statuses: SourceStatus[] = [];
      sources.push(redisInfoSource('locked', `redis://127.0.0.1:${redis.port}`, feed, (s) => statuses.push(s), { intervalMs: 300 }));
      const err = await waitFor('auth error', () => statuses.find((x) => x.state === 'error'));
      assert.match(err.message, /needs a password .*redis:\/\/:PASSWORD@host:port/);
      assert.equal(feed.all('store').length, 0);
      sources.push(redisInfoSource('unlocked', `redis://:s3cret@127.0.0.1:${redis.port}`, feed, undefined, { intervalMs: 300 }));
      await waitFor('store with password', () => feed.get<StoreInfo>('store', 'unlocked'));
    } finally {
      await Promise.all(sources.splice(0).map((s) => s.stop()));
      await redis.stop();
    }
  });

  it('measures a cache directory against its filesystem, nested under a store tree', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'telltale-dir-'));
    try {
      await mkdir(join(dir, 'ab'));
      await writeFile(join(dir, 'ab', 'one'), Buffer.alloc(1000));
      await writeFile(join(dir, 'two'), Buffer.alloc(24));
      const tree = parseStoreTree('cas=cache,disk');
      const feed = new MemoryFeed();
      sources.push(dirSource('disk', dir, feed, undefined, { intervalMs: 200, parent: tree.parentOf.get('disk') }));
      const s = await waitFor('dir store', () => feed.get<StoreInfo>('store', 'disk'));
      assert.equal(s.usedBytes, 1024);
      assert.equal(s.entries, 2);
      assert.equal(s.parent, 'cas');
      assert.ok(s.limitBytes! > s.usedBytes);
      await writeFile(join(dir, 'three'), Buffer.alloc(4096));
      await waitFor('growth', () => feed.get<StoreInfo>('store', 'disk')!.usedBytes === 1024 + 4096);
      const parent = parentStore('cas', [feed.get<StoreInfo>('store', 'disk')!]);
      assert.equal(parent.kind, 'fast_slow');
      assert.equal(parent.usedBytes, 5120);
      assert.throws(() => parseStoreTree('cas'), /is not PARENT=TIER,TIER/);
    } finally {
      await Promise.all(sources.splice(0).map((s) => s.stop()));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
