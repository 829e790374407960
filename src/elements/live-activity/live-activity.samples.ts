/**
 * Deterministic sample data for stories, tests and the benchmark (not imported by the element).
 */
import { rng } from '../shared/cluster/cluster-samples.js';
import type { Activity, ActivityStage, ActivityStatus, ActivityType, TaskEvent, TaskFeedStatus } from '../../streams/models.js';

const MNEMONICS = [
  ['CppCompile', '//base:strings', 'clang++ -c base/strings.cc -o strings.o'],
  ['CppLink', '//app:server', 'clang++ -o server @server.params'],
  ['GoCompile', '//services/auth:go_default_library', 'go tool compile -p auth -o auth.a'],
  ['Javac', '//java/com/acme/billing:lib', 'javac -d classes @sources.params'],
  ['TestRunner', '//net:http_test', 'bazel-out/k8-fastbuild/bin/net/http_test --gtest_shuffle'],
  ['RustCompile', '//tools/indexer:indexer', 'rustc --edition=2021 -C opt-level=3 src/main.rs'],
] as const;
const TYPES: ActivityType[] = ['execution', 'execution', 'execution', 'upload', 'download', 'client', 'other'];
const STATUSES: ActivityStatus[] = ['success', 'success', 'success', 'in_progress', 'queued', 'failed', 'canceled'];

/** The samples' seeded PRNG (one for every sample set), so stories look the same every time. */
export { rng };

export function sampleActivity(i: number, now: number, r: () => number = rng(i + 1), overrides: Partial<Activity> = {}): Activity {
  const type = overrides.type ?? TYPES[Math.floor(r() * TYPES.length)];
  const status = overrides.status ?? STATUSES[Math.floor(r() * STATUSES.length)];
  const created = now - Math.floor(r() * 5000) - i * 900;
  const [mn, label, cmd] = MNEMONICS[Math.floor(r() * MNEMONICS.length)];
  const digest = `sha256:${Math.floor(r() * 1e16).toString(16).padStart(14, '0')}${i.toString(16).padStart(6, '0')}`;
  const bytes = Math.floor(r() * 50_000_000);
  const worker = `worker-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}`;
  const client = `client-ci-${1 + Math.floor(r() * 5)}`;
  const stageNames = type === 'execution' ? ['cache_check', 'queued', 'downloading_inputs', 'executing', 'uploading_outputs'] : [type === 'upload' ? 'uploading' : type === 'download' ? 'downloading' : 'rpc'];
  const stages: ActivityStage[] = stageNames.map((name, k) => ({ name, startedAt: created + k * 400, endedAt: created + (k + 1) * 400 }));
  const done = status === 'success' || status === 'failed' || status === 'canceled';
  if (!done) stages[stages.length - 1].endedAt = null;
  if (done) stages.push({ name: 'completed', startedAt: created + stages.length * 400, endedAt: created + stages.length * 400 });
  const base: Activity = {
    id: `act-${String(i).padStart(5, '0')}`,
    type,
    status,
    stage: status === 'queued' ? 'queued' : done ? 'completed' : stageNames[stageNames.length - 1],
    title:
      type === 'execution'
        ? `${mn} ${label}`
        : type === 'upload'
          ? `Upload ${digest.slice(7, 19)}…`
          : type === 'download'
            ? `Download ${digest.slice(7, 19)}…`
            : type === 'client'
              ? `GetActionResult from ${client}`
              : 'CompactStore cas-fast',
    detail: type === 'execution' ? cmd : type === 'client' ? 'build.bazel.remote.execution.v2.GetActionResult' : `ByteStream ${digest}`,
    worker: type === 'execution' && status !== 'queued' ? worker : null,
    client: type === 'other' ? null : client,
    createdAt: created,
    updatedAt: created + 1200,
    stages,
    ...(type === 'execution' ? { exitCode: status === 'failed' ? 1 : done ? 0 : null, stdoutBytes: done ? 240 : 0, stderrBytes: status === 'failed' ? 120 : 0 } : {}),
    ...(type === 'upload' || type === 'download' ? { bytes, digest } : {}),
  };
  return { ...base, ...overrides };
}

export function sampleActivities(n: number, now = Date.now(), seed = 7): Activity[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => sampleActivity(i, now, r));
}

export const SAMPLE_STDOUT =
  '\u001b[32m[1/4]\u001b[0m CppCompile strings.o\n\u001b[32m[2/4]\u001b[0m CppCompile format.o\n\u001b[32m[3/4]\u001b[0m CppCompile hash.o\n\u001b[1m[4/4]\u001b[0m Linking libbase.a\n';
export const SAMPLE_STDERR =
  "\u001b[1msrc/base/strings.cc:42:7: \u001b[31merror:\u001b[0m use of undeclared identifier 'tmp'\n    tmp += 1;\n    \u001b[32m^\u001b[0m\n1 error generated.\n";

const VALIDATORS = ['45.22.240.79', '84.247.180.192', '161.97.152.73'];

/** A seed-001 status document with a few active tasks and recent events. */
export function sampleTaskStatus(now = Date.now()): TaskFeedStatus {
  const t = now / 1000;
  const events: TaskEvent[] = [];
  let id = 100;
  const ev = (type: TaskEvent['type'], ago: number, task: string | null, ip: string | null, details: Record<string, unknown>) =>
    events.push({ id: ++id, type, timestamp: t - ago, task_id: task, validator_ip: ip, details });
  ev('validator_connection', 40, null, VALIDATORS[0], { action: 'connected', version: '1.4.2' });
  ev('task_start', 30, 'abc12345-aaaa-bbbb-cccc-000000000001', VALIDATORS[0], { prompt: 'Login to example.com', url: 'https://example.com/' });
  ev('task_step', 29, 'abc12345-aaaa-bbbb-cccc-000000000001', VALIDATORS[0], { step: 'loading page' });
  ev('cache_hit', 27, 'abc12345-aaaa-bbbb-cccc-000000000001', VALIDATORS[0], { key: '9f2c1e0a77b3d4c5', age_seconds: 120 });
  ev('actions_generated', 26, 'abc12345-aaaa-bbbb-cccc-000000000001', VALIDATORS[0], { count: 12 });
  ev('task_complete', 25, 'abc12345-aaaa-bbbb-cccc-000000000001', VALIDATORS[0], { success: true, actions: 12, duration_seconds: 5.2 });
  ev('task_start', 20, 'def67890-aaaa-bbbb-cccc-000000000002', VALIDATORS[1], { prompt: 'Search for jobs', url: 'https://example.com/' });
  ev('error', 12, 'def67890-aaaa-bbbb-cccc-000000000002', VALIDATORS[1], { message: 'TimeoutError: page did not load within 30s', step: 'loading page' });
  ev('task_complete', 12, 'def67890-aaaa-bbbb-cccc-000000000002', VALIDATORS[1], { success: false, actions: 0, duration_seconds: 8.1 });
  ev('task_start', 5, '0badf00d-aaaa-bbbb-cccc-000000000003', VALIDATORS[2], { prompt: 'Add the cheapest USB-C cable to the cart', url: 'https://shop.example/' });
  ev('task_step', 4, '0badf00d-aaaa-bbbb-cccc-000000000003', VALIDATORS[2], { step: 'processing' });
  ev('task_start', 2, '7e57ab1e-aaaa-bbbb-cccc-000000000004', VALIDATORS[0], { prompt: 'Book a table for two at 7pm', url: 'https://food.example/' });
  ev('actions_generated', 1, '7e57ab1e-aaaa-bbbb-cccc-000000000004', VALIDATORS[0], { count: 8 });
  return {
    last_id: id,
    active_tasks: [
      { task_id: '0badf00d-aaaa-bbbb-cccc-000000000003', prompt: 'Add the cheapest USB-C cable to the cart', validator_ip: VALIDATORS[2], started_at: t - 5, current_step: 'processing', actions: null },
      { task_id: '7e57ab1e-aaaa-bbbb-cccc-000000000004', prompt: 'Book a table for two at 7pm', validator_ip: VALIDATORS[0], started_at: t - 2, current_step: 'generated 8 actions', actions: 8 },
    ],
    recent_events: events,
  };
}
