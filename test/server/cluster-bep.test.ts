/**
 * `bep:NAME=PATH` against a real Bazel (Debian's bazel-bootstrap 4.2) building a small
 * workspace while the source follows its BEP file. One build (Bazel's startup is the slow
 * part), many assertions; then the file's bad shapes: not BEP, a truncated last line, a new build.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile, appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Activity, ClientInfo } from '../../src/streams/models.js';
import { BepMapper, bepSource } from '../../src/cli/relay/sources/cluster/bep.js';
import { MemoryFeed, type ClusterSource, type SourceStatus } from '../../src/cli/relay/sources/cluster/types.js';
import { bazelBuild, bazelWorkspace, sleep, waitFor } from './cluster-programs.js';

let ws: Awaited<ReturnType<typeof bazelWorkspace>>;
const sources: ClusterSource[] = [];
before(async () => {
  ws = await bazelWorkspace();
});
after(async () => {
  await Promise.all(sources.map((s) => s.stop()));
  await ws.cleanup();
});

/** Every state an activity was published in, in order. */
function states(feed: MemoryFeed, match: (a: Activity) => boolean): string[] {
  const out: string[] = [];
  for (const e of feed.log) {
    if (e.op !== 'upsert' || e.kind !== 'activity' || !match(e.record as Activity)) continue;
    const a = e.record as Activity;
    const s = `${a.status}/${a.stage}`;
    if (out[out.length - 1] !== s) out.push(s);
  }
  return out;
}

describe('bep source, real bazel build', () => {
  const feed = new MemoryFeed();
  let bepFile: string;
  let statuses: SourceStatus[] = [];
  let build: { code: number | null; seconds: number; output: string };

  before(async () => {
    bepFile = join(ws.dir, '..', 'bep.json');
    // Started before the file exists, as a relay would be.
    sources.push(bepSource('ci', bepFile, feed, (s) => statuses.push(s), { intervalMs: 100 }));
    await waitFor('waiting status', () => statuses.find((s) => s.state === 'waiting'));
    build = await bazelBuild(ws, bepFile).done;
    console.log(`bazel build took ${build.seconds.toFixed(1)} s (exit ${build.code})`);
    await waitFor('the build to be read', () => feed.all<ClientInfo>('client').find((c) => c.status === 'idle'));
    await sleep(300); // action output files are read after their event
  });

  it('says it is waiting for a file that does not exist yet', () => {
    assert.match(statuses[0]!.message, /waiting for .*bep\.json to exist/);
    assert.equal(build.code, 1, 'the broken genrule fails the build');
  });

  it('shows the slow target configured, then in progress, then done', () => {
    const slow = states(feed, (a) => a.id.endsWith('/target///:slow'));
    assert.deepEqual(slow, ['queued/configured', 'in_progress/building', 'in_progress/executing', 'success/completed']);
    const a = feed.all<Activity>('activity').find((x) => x.id.endsWith('/target///:slow'))!;
    const building = a.stages.find((s) => s.name === 'building')!;
    // The execution phase starts before the 4 s genrule, and the target ends after it.
    assert.ok(a.updatedAt - building.startedAt >= 3500, `building for ${a.updatedAt - building.startedAt} ms`);
  });

  it('shows the failing target and its action with exit code 3 and their stderr', () => {
    const target = feed.all<Activity>('activity').find((a) => a.id.endsWith('/target///:broken'))!;
    assert.equal(target.status, 'failed');
    assert.equal(target.exitCode, 3);
    assert.match(feed.outputs.get(target.id)!.stderr, /error: broken\.c:3: expected ;/);
    const action = feed.all<Activity>('activity').find((a) => a.title === 'Genrule //:broken')!;
    assert.equal(action.status, 'failed');
    assert.equal(action.exitCode, 3);
    // Bazel's own reason, its first line (the rest is the command line and environment).
    assert.match(action.error ?? '', /^\S.* failed\b.*; exit code 3$/);
    assert.match(target.error ?? '', /; exit code 3$/);
    assert.equal(action.type, 'execution');
    assert.match(feed.outputs.get(action.id)!.stderr, /error: broken\.c:3: expected ;/);
    assert.equal(action.stderrBytes, Buffer.byteLength(feed.outputs.get(action.id)!.stderr));
  });

  it('gives the successful actions their stdout and stderr from the action output files', () => {
    const shout = feed.all<Activity>('activity').find((a) => a.title === 'Genrule //:shout')!;
    assert.equal(shout.status, 'success');
    assert.equal(shout.exitCode, 0);
    assert.equal(feed.outputs.get(shout.id)!.stdout, 'shout-stdout\n');
    assert.equal(feed.outputs.get(shout.id)!.stderr, 'shout-stderr\n');
  });

  it('makes the invocation a client with user, host, command, patterns and totals', () => {
    const [client] = feed.all<ClientInfo>('client');
    assert.ok(client);
    assert.match(client.address, /^\S+@\S+:/, client.address);
    assert.match(client.tool, /^bazel build \/\/:all → BUILD_FAILURE$/);
    assert.ok(client.executions >= 3, `executions ${client.executions}`);
    assert.equal(client.status, 'idle');
    assert.ok(client.recent.length >= 8);
    for (const a of feed.all<Activity>('activity')) assert.equal(a.client, client.id);
    assert.equal(statuses[statuses.length - 1]!.state, 'ok');
  });

  it('a new build replacing the file keeps the old ids and adds its own', async () => {
    const before = feed.all<Activity>('activity').length;
    const text = await readFile(bepFile, 'utf8');
    const uuid = /"uuid":"([^"]+)"/.exec(text)![1]!;
    const again = text.replaceAll(uuid, 'ffffffff-0000-4000-8000-000000000001');
    await rm(bepFile);
    await writeFile(bepFile, again);
    await waitFor('second invocation', () => feed.all<ClientInfo>('client').length === 2 && feed.all<ClientInfo>('client').find((c) => c.id === 'ci/ffffffff')?.status === 'idle');
    assert.equal(feed.all<Activity>('activity').length, before * 2);
    assert.ok(feed.all<Activity>('activity').some((a) => a.id.startsWith('ci/ffffffff/target///:slow')));
    assert.equal(feed.all<ClientInfo>('client').find((c) => c.id !== 'ci/ffffffff')!.status, 'disconnected');
  });

  it('never acts on a truncated last line, and reads it once it is complete', async () => {
    const text = await readFile(bepFile, 'utf8');
    const lines = text.trim().split('\n');
    const started = lines[0]!.replaceAll('ffffffff-0000-4000-8000-000000000001', 'eeeeeeee-0000-4000-8000-000000000002');
    const statusSeen: SourceStatus[] = [];
    const f2 = new MemoryFeed();
    const file2 = join(ws.dir, '..', 'partial.json');
    await writeFile(file2, started.slice(0, 50));
    sources.push(bepSource('two', file2, f2, (s) => statusSeen.push(s), { intervalMs: 100, partialAfterMs: 300 }));
    const partial = await waitFor('partial status', () => statusSeen.find((s) => /last line is incomplete/.test(s.message)));
    assert.match(partial.message, /50 bytes without a newline/);
    assert.equal(f2.all('client').length, 0);
    await appendFile(file2, started.slice(50) + '\n');
    await waitFor('the completed line', () => f2.get<ClientInfo>('client', 'two/eeeeeeee'));
    assert.equal(f2.all('activity').length, 0);
  });

  it('says clearly when the file is not BEP, and other sources go on', async () => {
    const statusSeen: SourceStatus[] = [];
    const f3 = new MemoryFeed();
    const file3 = join(ws.dir, '..', 'not-bep.json');
    await writeFile(file3, '<html><body>hello</body></html>\n{"id":{"started":{}},"started":{"uuid":"x"}}\n');
    sources.push(bepSource('bad', file3, f3, (s) => statusSeen.push(s), { intervalMs: 100 }));
    const err = await waitFor('error status', () => statusSeen.find((s) => s.state === 'error'));
    assert.match(err.message, /not-bep\.json is not a Bazel BEP JSON file: line 1 is not JSON/);
    assert.equal(f3.all('client').length, 0, 'nothing after a non-BEP line is believed');
    assert.ok(feed.all('activity').length > 0, 'the other file is unaffected');
  });
});

describe('bep source, real bazel test', () => {
  const feed = new MemoryFeed();
  let bepFile: string;
  let run: { code: number | null; seconds: number; output: string };
  const test = (label: string, suffix = '') => feed.all<Activity>('activity').find((a) => a.id.endsWith(`/test/${label}${suffix}`));

  before(async () => {
    bepFile = join(ws.dir, '..', 'bep-test.json');
    sources.push(bepSource('tests', bepFile, feed, undefined, { intervalMs: 100 }));
    const going = bazelBuild(ws, bepFile, 'test');
    // The slow test is seen running while Bazel runs it, not only afterwards.
    await waitFor('the slow test in progress', () => test('//tests:slow')?.status === 'in_progress', 60_000);
    assert.equal(going.child.exitCode, null, 'seen while bazel still runs');
    run = await going.done;
    console.log(`bazel test took ${run.seconds.toFixed(1)} s (exit ${run.code})`);
    await waitFor('the test run to be read', () => feed.all<ClientInfo>('client').find((c) => c.status === 'idle'), 15_000);
    await waitFor('the failed test exit code', () => test('//tests:fails')?.exitCode != null, 5000);
  });

  it('runs offline: Bazel reports 1 test failed, the flaky one passed on its retry', () => {
    assert.equal(run.code, 3, run.output); // Bazel's TESTS_FAILED
    assert.match(run.output, /\/\/tests:flaky\s+FLAKY/);
  });

  it('shows each test in progress, then passed or failed with its exit code and test.log', () => {
    const passes = test('//tests:passes')!;
    assert.equal(passes.status, 'success');
    assert.equal(passes.exitCode, 0);
    assert.match(passes.detail, /^PASSED in \d+ ms$/);
    assert.match(feed.outputs.get(passes.id)!.stdout, /Executing tests from \/\/tests:passes[\s\S]*all 12 assertions passed/);
    const fails = test('//tests:fails')!;
    assert.equal(fails.status, 'failed');
    assert.equal(fails.exitCode, 3, 'the exit code of the test, from test.xml');
    assert.equal(fails.error, 'test FAILED: exited with error code 3', 'the reason the details show');
    assert.equal(passes.error, undefined);
    assert.match(fails.detail, /^FAILED in \d+ ms$/);
    assert.match(feed.outputs.get(fails.id)!.stdout, /expected 2, got 3 \(math_test\.sh:7\)/);
    assert.deepEqual(states(feed, (a) => a.id === fails.id), ['in_progress/testing', 'failed/completed']);
    // Bazel's TestRunner action "succeeds" even for a failing test: it is not shown as a success.
    assert.deepEqual(feed.all<Activity>('activity').filter((a) => a.title.startsWith('TestRunner')), []);
  });

  it('gives the slow test its real run time', () => {
    const slow = test('//tests:slow')!;
    assert.equal(slow.status, 'success');
    const testing = slow.stages.find((s) => s.name === 'testing')!;
    assert.ok(testing.endedAt! - testing.startedAt >= 3900, `testing for ${testing.endedAt! - testing.startedAt} ms`);
  });

  it('shows each attempt of a flaky test', () => {
    const first = test('//tests:flaky')!;
    const retry = test('//tests:flaky', '#2')!;
    assert.equal(first.status, 'failed');
    assert.equal(first.exitCode, 2);
    assert.match(feed.outputs.get(first.id)!.stdout, /timing-dependent failure/);
    assert.equal(retry.status, 'success');
    assert.match(retry.detail, /^PASSED in \d+ ms, attempt 2 \(FLAKY\)$/);
    assert.match(first.detail, /^FAILED in \d+ ms \(FLAKY\)$/, "Bazel's summary: flaky, not failed");
    assert.match(feed.outputs.get(retry.id)!.stdout, /passed on retry/);
  });

  it('makes the test invocation a client whose result is TESTS_FAILED; built targets are targets', () => {
    const [client] = feed.all<ClientInfo>('client');
    assert.equal(client!.tool, 'bazel test //tests:all → TESTS_FAILED');
    // Bazel builds the failing test fine; its run is what fails.
    assert.equal(feed.all<Activity>('activity').find((a) => a.id.endsWith('/target///tests:fails'))!.status, 'success');
  });

  it('a second bazel test shows the passing tests as cached', async () => {
    const again = await bazelBuild(ws, bepFile, 'test').done;
    assert.equal(again.code, 3);
    await waitFor('second invocation', () => feed.all<ClientInfo>('client').filter((c) => c.status === 'idle').length === 1 && feed.all<ClientInfo>('client').length === 2, 15_000);
    const second = feed.all<ClientInfo>('client').find((c) => c.status === 'idle')!;
    const passes = feed.all<Activity>('activity').find((a) => a.id === `${second.id}/test///tests:passes`)!;
    assert.equal(passes.status, 'success');
    assert.match(passes.detail, /^PASSED \(cached\)/);
    const fails = await waitFor('re-run failure', () => feed.all<Activity>('activity').find((a) => a.id === `${second.id}/test///tests:fails` && a.exitCode != null), 5000);
    assert.equal(fails.exitCode, 3, 'a failed test is never cached: it ran again');
  });
});

// Bazel here runs one local attempt per test on this host; the shapes it does not produce here
// (another host, a later shard) are checked on events written with build_event_stream.proto's names.
describe('bep source, test results of a remote host (hand-written events)', () => {
  it('maps testResult to an execution with its status and test.log as stdout', async () => {
    const feed = new MemoryFeed();
    const mapper = new BepMapper('t', feed);
    const log = join(ws.dir, '..', 'test.log');
    await writeFile(log, 'Running //pkg:unit\nall 12 assertions passed\n');
    const lines = [
      { id: { started: {} }, started: { uuid: '12345678-aaaa-4bbb-8ccc-000000000001', startTimeMillis: '1796290000000', command: 'test' } },
      { id: { testResult: { label: '//pkg:unit', run: 1, shard: 1, attempt: 1 } }, testResult: { status: 'PASSED', testAttemptDurationMillis: '812', testActionOutput: [{ name: 'test.log', uri: `file://${log}` }], executionInfo: { strategy: 'linux-sandbox', hostname: 'build-07' } } },
      { id: { testResult: { label: '//pkg:flaky', run: 1, shard: 1, attempt: 2 } }, testResult: { status: 'FAILED', testAttemptDurationMillis: '40' } },
    ];
    for (const l of lines) assert.equal(mapper.line(JSON.stringify(l)), null);
    await Promise.all(mapper.pendingReads);
    const pass = feed.all<Activity>('activity').find((a) => a.title === 'test //pkg:unit')!;
    assert.equal(pass.status, 'success');
    assert.equal(pass.exitCode, 0);
    assert.equal(pass.worker, 'build-07');
    assert.equal(pass.detail, 'PASSED in 812 ms');
    assert.equal(feed.outputs.get(pass.id)!.stdout, 'Running //pkg:unit\nall 12 assertions passed\n');
    const fail = feed.all<Activity>('activity').find((a) => a.title === 'test //pkg:flaky')!;
    assert.equal(fail.status, 'failed');
    assert.match(fail.id, /#2$/, 'each attempt is its own activity');
  });
});
