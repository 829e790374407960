/**
 * `nativelink:NAME=REDIS_URL?channel=C` against a real redis-server holding operations the way
 * NativeLink v1.6.6's Redis scheduler writes them: hash `aa_<operation id>` with `data` = the
 * AwaitedAction as serde JSON and `version`, and the key name PUBLISHed on the channel. The
 * records are built from the Rust structs (nativelink-scheduler awaited_action.rs,
 * nativelink-util action_messages.rs at v1.6.6), since NativeLink itself cannot run here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import type { Activity, WorkerInfo } from '../../src/streams/models.js';
import { nativelinkSource } from '../../src/cli/relay/sources/cluster/nativelink.js';
import { MemoryFeed, type ClusterSource, type SourceStatus } from '../../src/cli/relay/sources/cluster/types.js';
import { startRedis, waitFor, type Running } from './cluster-programs.js';

const T0 = 1_796_000_000;
const st = (secs: number) => ({ secs_since_epoch: Math.floor(secs), nanos_since_epoch: Math.round((secs % 1) * 1e9) });
const DIGEST = 'a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdefabcdef0123-142';

function metadata(worker: string, t: number) {
  return {
    worker,
    queued_timestamp: st(t),
    worker_start_timestamp: st(t + 1),
    worker_completed_timestamp: st(t + 6),
    input_fetch_start_timestamp: st(t + 1),
    input_fetch_completed_timestamp: st(t + 2),
    execution_start_timestamp: st(t + 2),
    execution_completed_timestamp: st(t + 5),
    output_upload_start_timestamp: st(t + 5),
    output_upload_completed_timestamp: st(t + 6),
  };
}

/** An AwaitedAction as serde_json writes it (field order as declared). */
function awaitedAction(op: string, stage: unknown, worker: string | null, t = T0) {
  return {
    version: 3,
    action_info: {
      command_digest: DIGEST,
      input_root_digest: DIGEST,
      timeout: { secs: 600, nanos: 0 },
      platform_properties: { OSFamily: 'linux', ISA: 'x86-64' },
      priority: 0,
      load_timestamp: st(t),
      insert_timestamp: st(t),
      unique_qualifier: { Cacheable: { instance_name: 'main', digest_function: 'Sha256', digest: DIGEST } },
    },
    operation_id: { Uuid: op },
    sort_key: 9_223_372_036_854,
    last_worker_updated_timestamp: st(t + 2),
    last_client_keepalive_timestamp: st(t + 2),
    worker_id: worker,
    state: { stage, last_transition_timestamp: st(t + 2), client_operation_id: { Uuid: op }, action_digest: DIGEST },
    maybe_origin_metadata: null,
    attempts: 1,
  };
}

function completed(exit: number, worker: string) {
  return {
    Completed: {
      output_files: [],
      output_folders: [],
      output_directory_symlinks: [],
      output_file_symlinks: [],
      exit_code: exit,
      stdout_digest: DIGEST,
      stderr_digest: DIGEST,
      execution_metadata: metadata(worker, T0),
      server_logs: {},
      error: null,
      message: '',
    },
  };
}

const OP1 = '0b9d7c1e-1111-4a5b-9c3d-000000000001';
const OP2 = '0b9d7c1e-2222-4a5b-9c3d-000000000002';
const OP3 = '0b9d7c1e-3333-4a5b-9c3d-000000000003';

let redis: Running;
const sources: ClusterSource[] = [];
before(async () => {
  redis = await startRedis();
});
after(async () => {
  await Promise.all(sources.map((s) => s.stop()));
  await redis.stop();
});

describe('nativelink source, real redis-server', () => {
  it('maps awaited actions to executions with real stages and workers, following pub/sub and polling', async () => {
    const w = createClient({ url: `redis://127.0.0.1:${redis.port}` });
    await w.connect();
    let version = 0;
    const write = async (op: string, aa: unknown, publish: boolean) => {
      await w.hSet(`aa_${op}`, { data: JSON.stringify(aa), version: String(++version) });
      if (publish) await w.publish('nl_updates', `aa_${op}`);
    };
    await write(OP1, awaitedAction(OP1, 'Queued', null), true);
    await write(OP2, awaitedAction(OP2, 'Executing', 'worker-a1'), true);
    await w.set(`cid_${OP2}`, JSON.stringify({ Uuid: OP2 })); // mapping keys are not operations
    const feed = new MemoryFeed();
    const statuses: SourceStatus[] = [];
    // Long poll interval: updates below arrive through pub/sub unless said otherwise.
    sources.push(nativelinkSource('nl', `redis://127.0.0.1:${redis.port}?channel=nl_updates`, feed, (s) => statuses.push(s), { intervalMs: 60_000 }));
    const a2 = await waitFor('executing op', () => feed.get<Activity>('activity', `nl/${OP2}`));
    assert.equal(feed.all('activity').length, 2);
    assert.equal(a2.status, 'in_progress');
    assert.equal(a2.stage, 'executing');
    assert.equal(a2.worker, 'worker-a1');
    assert.equal(a2.createdAt, T0 * 1000);
    assert.match(a2.detail, /instance main/);
    const q = feed.get<Activity>('activity', `nl/${OP1}`)!;
    assert.equal(q.status, 'queued');
    assert.equal(q.worker, null);
    const worker = feed.get<WorkerInfo>('worker', 'worker-a1')!;
    assert.equal(worker.status, 'working');
    assert.deepEqual(worker.actions.map((a) => a.id), [`nl/${OP2}`]);
    assert.equal(worker.metrics.cpu, null, 'NativeLink keeps no metrics in Redis: not reported, not 0');
    assert.match(statuses.at(-1)!.message, /2 operations \(NativeLink v1\.6\.6 shapes\), subscribed to nl_updates/);

    // Completion, published: stages from the execution metadata, exit code, worker back to idle.
    await write(OP2, awaitedAction(OP2, completed(2, 'worker-a1'), 'worker-a1'), true);
    const done = await waitFor('completed via pub/sub', () => {
      const a = feed.get<Activity>('activity', `nl/${OP2}`);
      return a?.status === 'failed' && a;
    });
    assert.equal(done.exitCode, 2);
    assert.deepEqual(done.stages.map((s) => s.name), ['queued', 'downloading_inputs', 'executing', 'uploading_outputs', 'completed']);
    assert.equal(done.stages[2]!.startedAt, (T0 + 2) * 1000);
    assert.equal(done.stages[2]!.endedAt, (T0 + 5) * 1000);
    await waitFor('worker idle', () => feed.get<WorkerInfo>('worker', 'worker-a1')!.status === 'idle');
    await w.quit();
  });

  it('finds what pub/sub never delivered by polling, removes expired keys, and names bad records', async () => {
    const w = createClient({ url: `redis://127.0.0.1:${redis.port}` });
    await w.connect();
    await w.flushAll();
    const feed = new MemoryFeed();
    const statuses: SourceStatus[] = [];
    sources.push(nativelinkSource('poll', `redis://127.0.0.1:${redis.port}`, feed, (s) => statuses.push(s), { intervalMs: 200 }));
    await w.hSet(`aa_${OP3}`, { data: JSON.stringify(awaitedAction(OP3, completed(0, 'worker-b2'), 'worker-b2')), version: '1' });
    const a = await waitFor('polled op', () => feed.get<Activity>('activity', `poll/${OP3}`));
    assert.equal(a.status, 'success');
    assert.equal(a.exitCode, 0);
    assert.match(statuses.at(-1)!.message, /polling only/);
    await w.del(`aa_${OP3}`);
    await waitFor('removed', () => !feed.get('activity', `poll/${OP3}`));
    await w.hSet('aa_broken', { data: '{"hello":"world"}', version: '1' });
    const err = await waitFor('bad record', () => statuses.find((s) => s.state === 'error'));
    assert.match(err.message, /1 records not understood, e\.g\. aa_broken: not an AwaitedAction/);
    await w.quit();
  });
});
