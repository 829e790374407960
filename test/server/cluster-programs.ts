/**
 * Real programs for the cluster-source tests: redis-server, prometheus-node-exporter, bazel
 * (Debian's bazel-bootstrap 4.2). Each is started on a free loopback port and killed by the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../helpers/programs.js';

export { freePort };

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

/**
 * A Bazel workspace: genrules that succeed, one slow, one failing with exit 3 and stderr (`//:all`);
 * and tests (`//tests:all`): one passing, one failing with exit 3 and output, one slow, one flaky
 * (fails its first attempt). The tests are a Starlark rule with `test = True` writing a shell
 * script, so no rule set has to be downloaded; `@remote_coverage_tools`, which Bazel fetches for
 * every test rule, is an empty local repository (docs/relay-cluster.md, "bazel test offline").
 */
export async function bazelWorkspace(): Promise<{ dir: string; root: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'telltale-bazel-'));
  const ws = join(dir, 'ws');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(ws, 'tests'), { recursive: true });
  await mkdir(join(ws, 'no_coverage'));
  await writeFile(join(ws, 'WORKSPACE'), 'local_repository(name = "remote_coverage_tools", path = "no_coverage")\n');
  await writeFile(join(ws, 'no_coverage', 'WORKSPACE'), '');
  await writeFile(
    join(ws, 'no_coverage', 'BUILD'),
    ['filegroup(name = "coverage_report_generator", visibility = ["//visibility:public"])', 'filegroup(name = "lcov_merger", visibility = ["//visibility:public"])', ''].join('\n'),
  );
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
  await writeFile(
    join(ws, 'tests', 'script_test.bzl'),
    [
      'def _impl(ctx):',
      '    script = ctx.actions.declare_file(ctx.label.name + ".sh")',
      '    ctx.actions.write(script, "#!/bin/sh\\n" + ctx.attr.script + "\\n", is_executable = True)',
      '    return [DefaultInfo(executable = script)]',
      '',
      'script_test = rule(implementation = _impl, attrs = {"script": attr.string()}, test = True)',
      '',
    ].join('\n'),
  );
  const marker = join(dir, 'flaky-ran');
  await writeFile(
    join(ws, 'tests', 'BUILD'),
    [
      'load(":script_test.bzl", "script_test")',
      'script_test(name = "passes", size = "small", script = "echo all 12 assertions passed")',
      `script_test(name = "fails", size = "small", script = "echo 'expected 2, got 3 (math_test.sh:7)'; exit 3")`,
      'script_test(name = "slow", size = "small", script = "sleep 4; echo slow suite passed")',
      `script_test(name = "flaky", size = "small", flaky = True, script = "if [ -e ${marker} ]; then echo passed on retry; else touch ${marker}; echo timing-dependent failure; exit 2; fi")`,
      '',
    ].join('\n'),
  );
  return { dir: ws, root: join(dir, 'root'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** `bazel build //:all` (or `bazel test //tests:all`) writing BEP JSON to `bepFile`; resolves with its exit code and the seconds it took. */
export function bazelBuild(ws: { dir: string; root: string }, bepFile: string, command: 'build' | 'test' = 'build'): { done: Promise<{ code: number | null; seconds: number; output: string }>; child: ChildProcess } {
  const started = Date.now();
  const child = spawn(
    'bazel',
    [
      '--batch',
      `--output_user_root=${ws.root}`,
      command,
      '--nosandbox_debug',
      '--spawn_strategy=local',
      '--keep_going',
      '--build_event_publish_all_actions',
      `--build_event_json_file=${bepFile}`,
      command === 'test' ? '//tests:all' : '//:all',
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
