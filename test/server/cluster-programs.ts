/**
 * Real programs for the cluster-source tests: redis-server, prometheus-node-exporter, bazel
 * (Debian's bazel-bootstrap 4.2). Each is started on a free loopback port and killed by the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(everyMs);
  }
}

export interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  stop(): Promise<void>;
}

async function run(cmd: string, args: string[], port: number, ready: (out: string) => boolean): Promise<Running> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitFor(`${cmd} to start: ${out}`, () => ready(out) || child.exitCode != null, 10_000, 50);
  if (child.exitCode != null) throw new Error(`${cmd} exited: ${out}`);
  return {
    child,
    port,
    output: () => out,
    async stop() {
      if (child.exitCode == null && child.signalCode == null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function startRedis(extra: string[] = []): Promise<Running> {
  const port = await freePort();
  return run('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], port, (o) => /Ready to accept connections/.test(o));
}

export async function startNodeExporter(): Promise<Running> {
  const port = await freePort();
  // Only the collectors a worker needs: quicker scrapes on a busy 2-core machine.
  const collectors = ['cpu', 'meminfo', 'filesystem', 'netdev', 'uname'];
  return run(
    'prometheus-node-exporter',
    [`--web.listen-address=127.0.0.1:${port}`, '--collector.disable-defaults', ...collectors.map((c) => `--collector.${c}`)],
    port,
    (o) => /Listening on/i.test(o),
  );
}

/** A Bazel workspace: genrules that succeed, one slow, one failing with exit 3 and stderr. */
export async function bazelWorkspace(): Promise<{ dir: string; root: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'telltale-bazel-'));
  const ws = join(dir, 'ws');
  await import('node:fs/promises').then((fs) => fs.mkdir(ws));
  await writeFile(join(ws, 'WORKSPACE'), '');
  await writeFile(
    join(ws, 'BUILD'),
    [
      'genrule(name = "hello", outs = ["hello.txt"], cmd = "echo hello > $@")',
      'genrule(name = "shout", srcs = [":hello"], outs = ["shout.txt"], cmd = "tr a-z A-Z < $(location :hello) > $@; echo shout-stdout; echo shout-stderr >&2")',
      'genrule(name = "slow", outs = ["slow.txt"], cmd = "sleep 4; echo done > $@")',
      'genrule(name = "broken", outs = ["broken.txt"], cmd = "echo \'error: broken.c:3: expected ;\' >&2; exit 3")',
      '',
    ].join('\n'),
  );
  return { dir: ws, root: join(dir, 'root'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** `bazel build //:all` writing BEP JSON to `bepFile`; resolves with its exit code and the seconds it took. */
export function bazelBuild(ws: { dir: string; root: string }, bepFile: string): { done: Promise<{ code: number | null; seconds: number; output: string }>; child: ChildProcess } {
  const started = Date.now();
  const child = spawn(
    'bazel',
    [
      '--batch',
      `--output_user_root=${ws.root}`,
      'build',
      '--nosandbox_debug',
      '--spawn_strategy=local',
      '--keep_going',
      '--build_event_publish_all_actions',
      `--build_event_json_file=${bepFile}`,
      '//:all',
    ],
    { cwd: ws.dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const done = new Promise<{ code: number | null; seconds: number; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, seconds: (Date.now() - started) / 1000, output })),
  );
  return { done, child };
}
