/**
 * The simulated world is one world: what the scheduler's log says about workers agrees with
 * the workers the boards show, the filesystem tiers both hit and miss, and a failed transfer or
 * RPC says why it failed. Read straight from a World, stepped tick by tick.
 *
 *   node --import tsx --test test/server/world-consistency.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { World } from '../../demo/server/world.js';
import type { LogLine } from '../../src/streams/models.js';
import { stripAnsi } from '../../src/elements/shared/ansi.js';

const START = 1_763_900_000_000;

/** New lines of a log stream since `cursor`. */
function linesSince(world: World, stream: string, cursor: number): LogLine[] {
  return (world.logs.channel(stream)!.since(cursor) ?? []).map((e) => JSON.parse(e.data) as LogLine);
}

describe('the simulated world is consistent', () => {
  it('the scheduler log quotes the workers the boards show: their number, who is available, whose heartbeat is late', () => {
    const world = new World({ seed: 7, paused: true, startTime: START, warmupMs: 0, rates: { logLines: 20 } });
    try {
      const total = world.cluster.state.workers.size;
      let cursor = world.logs.channel('scheduler')!.lastId;
      let available = 0;
      let late = 0;
      // Ten simulated minutes, one 100 ms tick at a time, each line checked against the state it was written in.
      for (let t = 0; t < 600_000; t += 100) {
        // A copy: the state's objects change in place as the world moves.
        const workers = [...world.cluster.state.workers.values()].map((w) => ({ id: w.id, status: w.status, lastHeartbeat: w.lastHeartbeat }));
        const now = world.now;
        world.advance(100);
        for (const line of linesSince(world, 'scheduler', cursor)) {
          const text = stripAnsi(line.text);
          const a = /(\d+) of (\d+) workers available/.exec(text) ?? /(\d+) workers available/.exec(text);
          if (a) {
            available++;
            assert.ok(a[2], `names the total: ${text}`);
            assert.equal(Number(a[2]), total, text);
            const idle = workers.filter((w) => w.status === 'idle' || w.status === 'working').length;
            assert.equal(Number(a[1]), idle, `${text} — the board shows ${idle} idle or working`);
          }
          const h = /worker heartbeat late: (\S+) \((\d+)s\)/.exec(text);
          if (h) {
            late++;
            const w = workers.find((x) => x.id === h[1]);
            assert.ok(w, `${h[1]} is one of the ${total} workers`);
            assert.ok(w!.lastHeartbeat != null, `${h[1]} has reported`);
            const age = Math.floor((now - w!.lastHeartbeat!) / 1000);
            assert.ok(age >= 10 && Math.abs(age - Number(h[2])) <= 1, `${text}: its heartbeat is ${age}s old`);
          }
        }
        cursor = world.logs.channel('scheduler')!.lastId;
      }
      assert.ok(available > 20, `the scheduler reported availability ${available} times`);
      // With fresh heartbeats every 3 s, a "late" line is rare (only while a worker is offline).
      assert.ok(late < available, `late lines: ${late}`);
    } finally {
      world.pause();
    }
  });

  it('workers, the task runner and the CAS log figures that agree with what is shown', () => {
    const world = new World({ seed: 7, paused: true, startTime: START, warmupMs: 0, rates: { logLines: 20 } });
    try {
      const streams = ['tasks', 'cas', ...world.cluster.state.workers.keys()];
      const cursor = new Map(streams.map((s) => [s, world.logs.channel(s)!.lastId]));
      let disk = 0;
      let tasks = 0;
      let missing = 0;
      for (let t = 0; t < 300_000; t += 100) {
        const diskOf = new Map([...world.cluster.state.workers.values()].map((w) => [w.id, w.metrics.disk ? Math.round((w.metrics.disk.used / w.metrics.disk.total) * 100) : null]));
        const active = world.tasks.active.size;
        world.advance(100);
        for (const s of streams) {
          for (const line of linesSince(world, s, cursor.get(s)!)) {
            const text = stripAnsi(line.text);
            const d = /^disk usage (\d+)%$/.exec(text);
            if (d) {
              disk++;
              assert.ok(diskOf.get(s) != null, `${s} reports its disk`);
              assert.equal(Number(d[1]), diskOf.get(s), `${s}: ${text}`);
            }
            assert.doesNotMatch(text, /disk usage \d{3,}%/, `${s}: ${text}`);
            const a = /^tasks in progress: (\d+)$/.exec(text);
            if (a) {
              tasks++;
              assert.equal(Number(a[1]), active, text);
            }
            assert.doesNotMatch(text, /validator pool: \d+ connected/, 'there are 5 validators, not a random number');
            const m = /FindMissingBlobs: (\d+) digests, (\d+) missing/.exec(text);
            if (m) {
              missing++;
              assert.ok(Number(m[2]) <= Number(m[1]), text);
            }
          }
          cursor.set(s, world.logs.channel(s)!.lastId);
        }
      }
      assert.ok(disk > 5 && tasks > 5 && missing > 5, `checked ${disk} disk, ${tasks} task, ${missing} CAS lines`);
    } finally {
      world.pause();
    }
  });

  it('filesystem tiers hit as well as miss; memory + filesystem hits make the store’s hits', () => {
    const world = new World({ seed: 7, paused: true, startTime: START, warmupMs: 0 });
    try {
      world.advance(300_000);
      const s = (id: string) => world.cluster.state.stores.get(id)!;
      for (const root of ['cas', 'ac']) {
        const fs = s(`${root}-fs`);
        const mem = s(`${root}-memory`);
        assert.ok(fs.hits > 0, `${root}-fs hits ${fs.hits} (misses ${fs.misses})`);
        assert.ok(fs.misses > 0, `${root}-fs misses`);
        const rate = fs.hits / (fs.hits + fs.misses);
        // What misses memory is mostly absent altogether (75 % of action-cache lookups), so the
        // slow tier's rate is low — but not 0.0 %.
        assert.ok(rate > 0.03 && rate < 0.95, `${root}-fs hit rate ${(rate * 100).toFixed(1)} %`);
        assert.equal(mem.hits + fs.hits, s(root).hits, `${root}: a hit is in one tier`);
        assert.equal(fs.misses, s(root).misses, `${root}: a miss misses both tiers`);
        assert.equal(mem.hits + mem.misses, s(root).hits + s(root).misses, `${root}: every lookup asks memory first`);
      }
    } finally {
      world.pause();
    }
  });

  it('a failed upload, download or client call carries its reason', () => {
    const world = new World({ seed: 7, paused: true, startTime: START, warmupMs: 0 });
    try {
      const failed = new Map<string, { type: string; error?: string | null }>();
      for (let t = 0; t < 300_000; t += 1000) {
        world.advance(1000);
        for (const a of world.cluster.state.activities.values()) if (a.status === 'failed' && a.type !== 'execution') failed.set(a.id, a);
      }
      assert.ok([...failed.values()].some((a) => a.type === 'client'), `failed client calls: ${failed.size} failures in all`);
      for (const [id, a] of failed) assert.match(a.error ?? '', /^[A-Z_]+: \S/, `${id} (${a.type}) says why`);
    } finally {
      world.pause();
    }
  });
});
